"""A throwaway PostgreSQL server for the store tests.

``pg_server`` (session fixture) runs ``initdb`` + ``pg_ctl`` in a temp dir, on 127.0.0.1 and a
free port, with the socket in the temp dir; as root it runs them as the ``postgres`` user. It
stops and removes the cluster at the end. When the binaries are absent the tests that use it
skip, unless ``COMMUNIQUE_REQUIRE_PG=1`` (CI), where they fail.

Use it in a test module with ``from pg import pg_server  # noqa: F401`` and call
``pg_server.new_database()`` for a fresh, empty database URL per test.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REQUIRE_ENV = "COMMUNIQUE_REQUIRE_PG"
_STASH_KEY = pytest.StashKey["PgServer"]()


def find_bin_dir() -> Path | None:
    """The directory holding initdb and pg_ctl: $PATH first, then Debian's /usr/lib/postgresql/*/bin."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).parent
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda d: int(Path(d).parent.name) if Path(d).parent.name.isdigit() else 0)
    for d in reversed(dirs):
        if (Path(d) / "pg_ctl").exists() and (Path(d) / "initdb").exists():
            return Path(d)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="communique-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.root, user="postgres", group="postgres")

    def _run(self, *args: str) -> None:
        cmd = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=self.root)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.strip()}")

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--no-locale")
        opts = f"-h 127.0.0.1 -p {self.port} -k {self.root} -F -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", str(self.root / "log"), "-w", "-t", "60", "start")

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """Create an empty database (name from a random uuid) and return its URL."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")  # name is generated above, not input
        return self.url(name)


@pytest.fixture(scope="session")
def pg_server(request: pytest.FixtureRequest) -> Iterator[PgServer]:
    """One server per test session (shared by every module that imports this fixture)."""
    config = request.config
    server = config.stash.get(_STASH_KEY, None)
    if server is None:
        bin_dir = find_bin_dir()
        if bin_dir is None:
            reason = "PostgreSQL binaries (initdb, pg_ctl) not found; install Debian's postgresql package"
            if os.environ.get(REQUIRE_ENV) == "1":
                pytest.fail(f"{reason} ({REQUIRE_ENV}=1)")
            pytest.skip(reason)
        server = PgServer(bin_dir)
        try:
            server.start()
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            server.stop()
            if os.environ.get(REQUIRE_ENV) == "1":
                pytest.fail(f"cannot start PostgreSQL: {exc}")
            pytest.skip(f"cannot start PostgreSQL: {exc}")
        config.stash[_STASH_KEY] = server
        config.add_cleanup(server.stop)
    yield server
