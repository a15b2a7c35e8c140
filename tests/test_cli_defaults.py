"""The CLI's defaults and consistency: no store created by reading, the demo only when asked,
exit codes, quiet closed pipes, one --format vocabulary (CliRunner and subprocesses)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from communique.cli import cli
from communique.store import Store
from pg import pg_server  # noqa: F401  (session fixture)

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    """``communique ARGS`` through click's runner (in ``cwd`` when given)."""
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        r = CliRunner().invoke(cli, list(args), prog_name="communique", catch_exceptions=False, env={"COMMUNIQUE_DB": None})
    finally:
        os.chdir(old)
    return r.exit_code, r.stdout, r.stderr


def communique(*args: str, cwd: Path, stdin: int | None = None, **kw: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("COMMUNIQUE_DB", None)
    return subprocess.run([sys.executable, "-m", "communique.cli", *args], cwd=cwd, env=env, text=True,
                          capture_output=True, timeout=300, check=False, **kw)  # type: ignore[call-overload]


# --- read-only commands never create a store --------------------------------------------------

@pytest.mark.parametrize("args", [
    ["stats"], ["events"], ["event", "evt-1"], ["show", "doc"], ["export", "--format", "csv"],
])
def test_read_only_commands_in_an_empty_folder_say_no_store(tmp_path: Path, args: list[str]) -> None:
    assert run(*args, cwd=tmp_path) == (4, "", "error: no store at communique.db\n")
    assert list(tmp_path.iterdir()) == []


def test_stats_on_a_mistyped_store_url_creates_nothing(tmp_path: Path) -> None:
    code, out, err = run("stats", "--db", "sqlite:///typo.db", cwd=tmp_path)
    assert (code, out, err) == (4, "", "error: no store at typo.db\n")
    assert not (tmp_path / "typo.db").exists()


def test_an_empty_postgresql_database_is_no_store(pg_server) -> None:  # noqa: F811
    url = pg_server.new_database()
    code, _, err = run("stats", "--db", url)
    assert code == 4 and err.startswith("error: no store at postgresql")
    with Store.open(url):
        pass  # a write command creates it; then it is a store
    assert run("stats", "--db", url)[0] == 0


def test_store_open_create_false_leaves_no_file(tmp_path: Path) -> None:
    from communique.errors import StoreMissing

    with pytest.raises(StoreMissing, match="no store at"):
        Store.open(f"sqlite:///{tmp_path / 'x.db'}", create=False)
    assert not (tmp_path / "x.db").exists()
    Store.open(f"sqlite:///{tmp_path / 'x.db'}").close()
    Store.open(f"sqlite:///{tmp_path / 'x.db'}", create=False).close()


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    code, out, err = run("serve", "--db", f"sqlite:///{tmp_path / 'none.db'}")
    assert (code, out) == (4, "")
    assert err == f"error: no store at {tmp_path / 'none.db'}\n"
    assert not (tmp_path / "none.db").exists()


def test_serve_on_a_taken_port_says_so_before_announcing(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    Store.open(db).close()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, out, err = run("serve", "--db", db, "--port", str(port))
    assert (code, out) == (3, "")
    assert err == f"error: port {port} is in use on 127.0.0.1 (choose another with --port)\n"


# --- exit codes ---------------------------------------------------------------------------------

def test_help_documents_the_exit_codes() -> None:
    code, out, _ = run("--help")
    assert code == 0
    flat = " ".join(out.split())
    assert ("Exit codes: 0 ok; 1 some inputs failed (the rest was done); 2 usage error; 3 the command could "
            "not go on (store, model, options); 4 not found") in flat


def test_not_found_is_not_the_code_of_failed_inputs(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    Store.open(db).close()
    assert run("event", "nope", "--db", db) == (4, "", f"error: no event 'nope' in {db}\n")
    assert run("show", "nope", "--db", db) == (4, "", f"error: no document 'nope' in {db}\n")


# --- run: paths required, the demo only when asked ----------------------------------------------

def test_run_without_paths_is_a_usage_error_naming_the_demo(tmp_path: Path) -> None:
    code, out, err = run("run", cwd=tmp_path)
    assert (code, out) == (2, "")
    assert ("Error: no PATHS given: name the files or folders to run on "
            "(or try `communique run --demo` on the package's fictional sample articles)") in err
    assert list(tmp_path.iterdir()) == []
    code, _, err = run("run", "--demo", str(tmp_path), cwd=tmp_path)
    assert code == 2 and "give PATHS or --demo, not both" in err


def test_run_demo_loads_the_samples_and_says_they_are_fictional(tmp_path: Path, samples_dir: Path) -> None:
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    code, out, err = run("run", "--demo", "--db", db)
    assert code == 0, err
    assert err.startswith(f"DEMO: running on the package's FICTIONAL sample articles ({samples_dir}), not real news; "
                          f"they go into the store {db}\n")
    with Store.open(db) as store:
        sources = {d.raw.source for d in store.iter_documents()}
    assert str(samples_dir / "erdogan_tamim_ankara.txt") in sources
    assert all(s.startswith((str(samples_dir), "https://example.org/")) for s in sources)


def communique_without(module: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``communique ARGS`` in a fresh interpreter where ``import MODULE`` fails, as if not installed."""
    code = (f"import sys; sys.modules[{module!r}] = None; sys.argv = ['communique', *sys.argv[1:]]; "
            "from communique.cli import main; main()")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COMMUNIQUE_EMBEDDINGS": "0"}
    env.pop("COMMUNIQUE_DB", None)
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env, text=True, capture_output=True,
                          timeout=600, check=False)


# --- batch: the local pool unless Ray is asked for ----------------------------------------------

def test_batch_defaults_to_the_local_pool_and_names_ray_only_when_asked(tmp_path: Path, samples_dir: Path) -> None:
    sample = str(samples_dir / "erdogan_tamim_ankara.txt")
    done = communique_without("ray", "batch", sample, "-o", str(tmp_path / "out"), "--workers", "1", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("shards: 1 (1 processed, 0 already done)\ndocuments: 1,")
    ray = communique_without("ray", "batch", sample, "-o", str(tmp_path / "out2"), "--engine", "ray", cwd=tmp_path)
    assert (ray.returncode, ray.stdout) == (3, "")
    assert ray.stderr == "error: the ray engine needs Ray: pip install 'communique[ray]' (or use --engine local)\n"


# --- one --format flag, one vocabulary ----------------------------------------------------------

def _format_choices() -> dict[str, list[str]]:
    from communique.cli.common import FormatChoice

    found = {}
    for name, command in cli.commands.items():
        for p in command.params:
            if "--format" in getattr(p, "opts", ()):
                assert isinstance(p.type, FormatChoice), name
                found[name] = list(p.type.choices)
    return found


def test_every_format_flag_speaks_one_vocabulary() -> None:
    choices = _format_choices()
    assert choices == {
        "extract": ["text", "jsonl"], "eval": ["text", "json"], "events": ["text", "json"],
        "event": ["text", "json"], "show": ["text", "json"], "stats": ["text", "json"],
        "batch": ["jsonl", "parquet"], "export": ["jsonl", "csv", "parquet", "plover"],
    }
    for name in ("extract", "eval", "events", "event", "show", "stats"):
        assert choices[name][0] == "text", name  # the human-readable format is called text everywhere
    for name in ("extract", "events", "event", "eval"):
        help_text = run(name, "--help")[1]
        assert "table" not in help_text.split("--format")[1].split("\n  -")[0], name  # aliases stay hidden
    assert "--json" not in run("eval", "--help")[1]


def test_old_format_spellings_still_work(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    Store.open(db).close()
    assert run("events", "--db", db, "--format", "table") == run("events", "--db", db, "--format", "text")
    code, out, err = run("events", "--db", db, "--format", "xml")
    assert code == 2 and "'xml' is not one of 'text', 'json'" in err


# --- a closed pipe ends a command quietly ---------------------------------------------------------

@pytest.mark.parametrize("args", [["export", "--format", "jsonl"], ["export", "--format", "csv", "--what", "documents"],
                                  ["stats"], ["events", "--format", "json"]])
def test_a_closed_standard_output_ends_quietly(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "a.txt").write_text("President Ana Alpha met Premier Bo Beta in Lisbon on Monday.\n", encoding="utf-8")
    assert communique("ingest", "a.txt", cwd=tmp_path).returncode == 0
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("COMMUNIQUE_DB", None)
    proc = subprocess.Popen([sys.executable, "-m", "communique.cli", *args], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.close()  # like `| head` that has read all it wanted, before anything is written
    _, err = proc.communicate(timeout=120)
    assert (proc.returncode, err.decode()) == (0, "")


def test_ingest_commit_every_is_not_the_batch_size_setting(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("President Ana Alpha met Premier Bo Beta in Lisbon.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Premier Bo Beta met President Ana Alpha in Madrid.\n", encoding="utf-8")
    help_text = " ".join(run("ingest", "--help")[1].split())
    assert "--commit-every INTEGER" in help_text and "--batch-size" not in help_text
    assert "(Not the batch_size setting, which is documents per spaCy batch.)" in help_text
    db = f"sqlite:///{tmp_path / 's.db'}"
    assert run("ingest", str(tmp_path / "a.txt"), "--db", db, "--commit-every", "1")[:2] == (
        0, "ingested 1 document (0 already stored), 0 failed\n")
    assert run("ingest", str(tmp_path / "b.txt"), "--db", db, "--batch-size", "1")[:2] == (  # the old name still works
        0, "ingested 1 document (0 already stored), 0 failed\n")


@pytest.mark.parametrize("content", [b"", b"not a database, some notes\n"])
def test_a_file_that_is_not_a_store_is_no_store_and_left_alone(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "notes.db").write_bytes(content)
    code, out, err = run("stats", "--db", f"sqlite:///{tmp_path / 'notes.db'}")
    assert (code, out, err) == (4, "", f"error: no store at {tmp_path / 'notes.db'}\n")
    assert (tmp_path / "notes.db").read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]
