"""The API load benchmark: concurrent clients against ``communique serve`` over a big store.

1. fill a fresh temp SQLite store with N synthetic events (``synthetic.fill_store``), or use
   the store given with ``db``: not timed against the API figures;
2. sample ids to ask for (events, documents, people, countries, places, statement types);
3. start the API (uvicorn, the ``communique serve`` command) in a separate process on
   127.0.0.1 on a free port and wait until ``/api/health`` answers;
4. drive it from this process with ``clients`` concurrent keep-alive connections until
   ``requests`` requests are done or ``seconds`` have passed, over a fixed mix of list, filter,
   search and detail endpoints (``MIX``);
5. report requests/s and p50/p95/p99 latency per endpoint (the target: p95 <= 50 ms) and the
   machine's load average around the run, then stop the server and remove the temp store.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import click
from sqlalchemy import func, select

from ..errors import CommuniqueError
from ..store import Store
from ..store.store import DOCS, EVENTS, MEETINGS, PEOPLE
from .synthetic import TOPICS, fill_store

TARGET_P95_MS = 50.0
T = TypeVar("T")
SAMPLE = 500  # ids of each kind to draw requests from


@dataclass(frozen=True, slots=True)
class Samples:
    event_ids: Sequence[str]
    doc_ids: Sequence[str]
    people: Sequence[str]
    countries: Sequence[str]
    places: Sequence[str]
    dates: Sequence[str]


# label -> how to build a path from the samples; the mix is uniform over these.
Builder = Callable[[random.Random, Samples], str]
MIX: dict[str, Builder] = {
    "list events": lambda r, s: "/api/events?limit=50",
    "list documents": lambda r, s: "/api/documents?limit=50",
    "list people": lambda r, s: "/api/people?limit=50",
    "filter events by person": lambda r, s: f"/api/events?person={quote(r.choice(s.people))}",
    "filter events by country": lambda r, s: f"/api/events?country={r.choice(s.countries)}",
    "filter events by dates": lambda r, s: (lambda d: f"/api/events?from={d}&to={d[:8]}28")(r.choice(s.dates)),
    "filter events by type": lambda r, s: f"/api/events?type={r.choice(('ACCUSE', 'SUPPORT', 'REQUEST', 'AID'))}",
    "filter events by place": lambda r, s: f"/api/events?place={quote(r.choice(s.places))}",
    "search events": lambda r, s: f"/api/events?q={quote(r.choice(TOPICS).split()[-1])}",
    "search quotes": lambda r, s: f"/api/quotes?q={quote(r.choice(TOPICS).split()[-1])}",
    "event detail": lambda r, s: f"/api/events/{r.choice(s.event_ids)}",
    "document detail": lambda r, s: f"/api/documents/{quote(r.choice(s.doc_ids))}",
    "person detail": lambda r, s: f"/api/people/{quote(r.choice(s.people))}",
}


def percentile(sorted_values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile of already sorted values (0 when empty)."""
    if not sorted_values:
        return 0.0
    k = max(0, min(len(sorted_values) - 1, math.ceil(p / 100 * len(sorted_values)) - 1))
    return sorted_values[k]


@dataclass(slots=True)
class EndpointStats:
    label: str
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    cache_hits: int = 0  # responses the server answered from its response cache

    def figures(self, seconds: float) -> dict[str, Any]:
        lat = sorted(self.latencies_ms)
        return {
            "endpoint": self.label, "requests": len(lat), "errors": self.errors,
            "req_per_s": round(len(lat) / seconds, 1) if seconds else 0.0,
            "p50_ms": round(percentile(lat, 50), 1), "p95_ms": round(percentile(lat, 95), 1),
            "p99_ms": round(percentile(lat, 99), 1), "statuses": dict(sorted(self.statuses.items())),
            "cache_hits": self.cache_hits,
        }


@dataclass(slots=True)
class ApiBench:
    events: int
    documents: int
    fill_seconds: float
    clients: int
    seconds: float
    store: str
    endpoints: dict[str, EndpointStats]
    server_errors: list[str] = field(default_factory=list)  # distinct error lines the server logged
    load_average: tuple[float, float] = (0.0, 0.0)  # 1-minute load average before and after the timed run
    think_ms: float = 0.0  # mean pause of each client between requests (0 = closed loop)
    server_workers: int = 1
    server_cpu_s: float | None = None  # CPU the server's processes used in the timed run (None: no /proc)
    client_cpu_s: float = 0.0  # CPU this process (the load generator) used in the timed run

    def cpu_ms_per_request(self) -> dict[str, float | None]:
        n = max(1, self.requests)
        return {"server": None if self.server_cpu_s is None else round(self.server_cpu_s / n * 1000, 3),
                "load_generator": round(self.client_cpu_s / n * 1000, 3)}

    @property
    def requests(self) -> int:
        return sum(len(e.latencies_ms) for e in self.endpoints.values())

    @property
    def errors(self) -> int:
        return sum(e.errors for e in self.endpoints.values())

    def overall(self) -> dict[str, Any]:
        every = EndpointStats("all", [x for e in self.endpoints.values() for x in e.latencies_ms], self.errors,
                              cache_hits=sum(e.cache_hits for e in self.endpoints.values()))
        return every.figures(self.seconds)

    def to_json(self) -> dict[str, Any]:
        return {
            "benchmark": "api", "events": self.events, "documents": self.documents,
            "fill_seconds": round(self.fill_seconds, 1), "clients": self.clients, "seconds": round(self.seconds, 2),
            "store": self.store, "target_p95_ms": TARGET_P95_MS, "overall": self.overall(),
            "endpoints": [e.figures(self.seconds) for e in self.endpoints.values()],
            "server_errors": self.server_errors, "load_average": [round(x, 2) for x in self.load_average],
            "think_ms": self.think_ms, "server_workers": self.server_workers,
            "cpu_ms_per_request": self.cpu_ms_per_request(),
        }

    def lines(self) -> list[str]:
        o = self.overall()
        pacing = (f"each client pauses {self.think_ms:.0f} ms on average between requests" if self.think_ms
                  else "closed loop (each client sends its next request on the answer)")
        out = [
            f"api benchmark: {self.events} events, {self.documents} documents in {self.store}"
            + (f" (filled in {self.fill_seconds:.1f} s)" if self.fill_seconds else ""),
            f"  {o['requests']} requests from {self.clients} clients in {self.seconds:.1f} s: {o['req_per_s']} req/s, "
            f"{o['errors']} errors; p50 {o['p50_ms']} ms, p95 {o['p95_ms']} ms, p99 {o['p99_ms']} ms "
            f"(target p95 <= {TARGET_P95_MS:.0f} ms)",
            f"  {pacing}; {self.server_workers} server process(es); "
            f"{o['cache_hits']} of {o['requests']} answers from the server's response cache",
            f"  machine: {os.cpu_count()} cores, 1-minute load average {self.load_average[0]:.2f} before, "
            f"{self.load_average[1]:.2f} after the run",
            self._cpu_line(),
            f"  {'endpoint':<26} {'n':>6} {'err':>4} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'cached':>7}",
        ]
        for e in self.endpoints.values():
            f = e.figures(self.seconds)
            mark = "  !" if f["p95_ms"] > TARGET_P95_MS else ""
            out.append(f"  {f['endpoint']:<26} {f['requests']:>6} {f['errors']:>4} {f['req_per_s']:>7} "
                       f"{f['p50_ms']:>8} {f['p95_ms']:>8} {f['p99_ms']:>8} {f['cache_hits']:>7}{mark}")
        out += [f"  server: {line}" for line in self.server_errors]
        return out


    def _cpu_line(self) -> str:
        cpu = self.cpu_ms_per_request()
        server = "unknown (no /proc)" if cpu["server"] is None else f"{cpu['server']:.2f} ms"
        return f"  CPU per request: server {server}, load generator {cpu['load_generator']:.2f} ms"


def process_tree_cpu(pid: int) -> float | None:
    """User + system CPU seconds of process ``pid`` and its live descendants (Linux /proc; None elsewhere)."""
    proc = Path("/proc")
    if not (proc / str(pid) / "stat").exists():
        return None
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:  # the process ended meanwhile
            continue
        parents[int(entry.name)] = int(fields[1])  # after "pid (comm)": state, ppid, ... utime=12, stime=13
        cpu[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    tree, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        children = [p for p, pp in parents.items() if pp == parent and p not in tree]
        tree.update(children)
        frontier += children
    return sum(cpu.get(p, 0.0) for p in tree)


def draw_samples(store: Store, n: int = SAMPLE, seed: int = 0) -> Samples:
    """Up to ``n`` random ids of each kind from the store."""
    with store.engine.connect() as conn:
        def pick(col: Any, *where: Any) -> list[Any]:
            q = select(col).where(col.is_not(None), *where).order_by(func.random()).limit(n)
            return [x for x in conn.execute(q).scalars() if x]

        events = pick(EVENTS.c.event_id)
        docs = pick(DOCS.c.doc_id)
        people = pick(PEOPLE.c.name)
        countries = sorted(set(pick(PEOPLE.c.country)))
        places = sorted(set(pick(MEETINGS.c.location)))
        dates = sorted({d.isoformat() for d in pick(MEETINGS.c.date)})
    if not (events and docs and people):
        raise CommuniqueError(f"{store.display_url}: the store has no events, documents or people to ask for")
    rng = random.Random(seed)
    rng.shuffle(events)
    return Samples(events, docs, people, countries or ["IRN"], places or ["Tehran"], dates or ["2024-01-01"])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: str, port: int, log: Path, timeout: float = 60.0, workers: int = 1) -> subprocess.Popen[bytes]:
    """``communique serve`` in a child process logging to ``log``; returns once ``/api/health``
    answers 200 (a file, not a pipe: a pipe nobody reads would stall a server that logs a lot)."""
    import urllib.error
    import urllib.request

    cmd = [sys.executable, "-c", "from communique.cli import main; main()", "serve", "--db", db,
           "--port", str(port), "--log-level", "warning", "--workers", str(workers)]
    env = {k: v for k, v in os.environ.items() if k != "COMMUNIQUE_API_TOKEN"}
    with open(log, "wb") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            text = log.read_text(encoding="utf-8", errors="replace").strip()
            raise CommuniqueError(f"the API server exited with {proc.returncode}: {text[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=5.0) as resp:
                if resp.status == 200:
                    return proc
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    stop_server(proc)
    raise CommuniqueError(f"the API server did not answer on 127.0.0.1:{port} within {timeout:.0f} s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class HttpConnection:
    """One keep-alive HTTP/1.1 connection, the load generator's client: a plain GET and a
    response read by Content-Length or chunks. It costs the shared CPU a few tens of
    microseconds per request, where a full client library costs about a millisecond that the
    server under test would then not have (client and server share the machine's cores)."""

    def __init__(self, host: str, port: int, timeout: float = 60.0) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def get(self, path: str) -> tuple[int, bytes, bool]:
        """(status, body, served from the server's cache) of ``GET path``; reconnects when the
        server closed the connection."""
        return await asyncio.wait_for(self._get(path), self.timeout)

    async def _get(self, path: str) -> tuple[int, bytes, bool]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("ascii"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = dict(line.lower().split(":", 1) for line in lines[1:] if ":" in line)
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif "chunked" in headers.get("transfer-encoding", ""):
            parts = []
            while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
                parts.append(await self.reader.readexactly(size + 2))
            await self.reader.readuntil(b"\r\n")
            body = b"".join(p[:-2] for p in parts)
        else:
            body = await self.reader.read()
            headers["connection"] = " close"
        if headers.get("connection", "").strip() == "close":
            await self.close()
        return status, body, headers.get("x-cache", "").strip() == "hit"


async def drive(base: str, samples: Samples, clients: int, requests: int, seconds: float,
                seed: int = 0, skip: Sequence[str] = (), think_ms: float = 0.0) -> tuple[dict[str, EndpointStats], float]:
    """``clients`` concurrent loops over the MIX (less ``skip``) until ``requests`` are sent or
    ``seconds`` pass; each client on its own keep-alive connection. With ``think_ms`` each client
    pauses a random time (exponential, that mean) between its requests, as a reader does."""
    from urllib.parse import urlsplit

    where = urlsplit(base)
    labels = [label for label in MIX if label not in skip]
    stats = {label: EndpointStats(label) for label in labels}
    issued = 0
    deadline = time.perf_counter() + seconds

    async def client(i: int) -> None:
        nonlocal issued
        rng = random.Random(seed * 1000 + i)
        conn = HttpConnection(where.hostname or "127.0.0.1", where.port or 80)
        try:
            while issued < requests and time.perf_counter() < deadline:
                if think_ms:
                    await asyncio.sleep(rng.expovariate(1000.0 / think_ms))
                    if issued >= requests or time.perf_counter() >= deadline:
                        break
                label = labels[issued % len(labels)]
                issued += 1
                path = MIX[label](rng, samples)
                st = stats[label]
                t0 = time.perf_counter()
                try:
                    status, _body, hit = await conn.get(path)
                except (TimeoutError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError, IndexError):
                    status, hit = 0, False
                    await conn.close()
                ms = (time.perf_counter() - t0) * 1000
                st.statuses[status] = st.statuses.get(status, 0) + 1
                if status == 200:
                    st.latencies_ms.append(ms)
                    st.cache_hits += hit
                else:
                    st.errors += 1
        finally:
            await conn.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(clients)))
    return stats, time.perf_counter() - t0


def _run(main: Coroutine[Any, Any, T]) -> T:
    """Run the load generator on uvloop (when installed): it shares the cores with the server
    under test, and uvloop's event loop costs it about half of asyncio's."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(main)


def run_api_bench(events: int = 100_000, clients: int = 50, requests: int = 5_000, seconds: float = 60.0,
                  db: str | None = None, seed: int = 0, warmup: int = 0, skip: Sequence[str] = (),
                  server_workers: int = 1, think_ms: float = 0.0) -> ApiBench:
    """Fill (unless ``db`` is given), serve and load-test the API; temp files are removed afterwards.

    ``skip`` names MIX endpoints left out (e.g. one known to be pathological on this store)."""
    unknown = sorted(set(skip) - set(MIX))
    if unknown:
        raise CommuniqueError(f"unknown endpoint(s) {', '.join(map(repr, unknown))}; valid: {', '.join(MIX)}")
    tmp = Path(tempfile.mkdtemp(prefix="communique-bench-api-"))
    url = db if db is not None else f"sqlite:///{tmp / 'bench.db'}"
    fill_seconds = 0.0
    proc: subprocess.Popen[bytes] | None = None
    try:
        with Store.open(url) as store:
            if db is None:
                filled = fill_store(store, events, seed=seed)
                fill_seconds = filled.seconds
            stats = store.stats()
            samples = draw_samples(store, seed=seed)
            display = store.display_url
        port = free_port()
        proc = start_server(url, port, tmp / "server.log", workers=server_workers)
        base = f"http://127.0.0.1:{port}"
        if warmup:
            _run(drive(base, samples, min(clients, warmup), warmup, seconds, seed=seed + 1, skip=skip))
        load_before = os.getloadavg()[0]
        server_before, client_before = process_tree_cpu(proc.pid), time.process_time()
        per, elapsed = _run(drive(base, samples, clients, requests, seconds, seed=seed, skip=skip,
                                         think_ms=think_ms))
        server_after, client_cpu = process_tree_cpu(proc.pid), time.process_time() - client_before
        load = (load_before, os.getloadavg()[0])
        server_cpu = None if server_before is None or server_after is None else server_after - server_before
        server_log = (tmp / "server.log").read_text(encoding="utf-8", errors="replace")
    finally:
        if proc is not None:
            stop_server(proc)
        shutil.rmtree(tmp, ignore_errors=True)
    return ApiBench(events=stats.events, documents=stats.documents, fill_seconds=fill_seconds, clients=clients,
                    seconds=elapsed, store=display, endpoints=per, server_errors=_error_lines(server_log),
                    load_average=load, think_ms=think_ms, server_workers=server_workers,
                    server_cpu_s=server_cpu, client_cpu_s=client_cpu)


def _error_lines(log: str, keep: int = 5) -> list[str]:
    """The distinct error lines of the server's log (at most ``keep``), for the report."""
    seen: list[str] = []
    for line in log.splitlines():
        line = line.strip()
        if ("error" in line.lower() or "Traceback" in line) and line not in seen:
            seen.append(line[:300])
    return seen[:keep]


@click.command(name="api")
@click.option("--events", type=click.IntRange(min=1), default=100_000, show_default=True,
              help="Synthetic events to fill the fresh store with (1-5 reports each).")
@click.option("--clients", type=click.IntRange(min=1, max=1000), default=50, show_default=True,
              help="Concurrent clients.")
@click.option("--requests", "requests", type=click.IntRange(min=1), default=5_000, show_default=True,
              help="Stop after this many requests...")
@click.option("--seconds", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="...or after this many seconds.")
@click.option("--db", default=None,
              help="Benchmark this existing store instead of filling a fresh temp one (COMMUNIQUE_DB is ignored).")
@click.option("--warmup", type=click.IntRange(min=0), default=0, show_default=True,
              help="Requests sent (and not counted) before the timed run.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the synthetic store and request mix.")
@click.option("--skip", multiple=True, type=click.Choice(list(MIX)), help="Leave this endpoint out of the mix (repeatable).")
@click.option("--server-workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes (communique serve --workers).")
@click.option("--think-ms", type=click.FloatRange(min=0), default=0.0, show_default=True,
              help="Mean pause of each client between requests (0 = closed loop: the next request on the answer).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def bench_api_cmd(events: int, clients: int, requests: int, seconds: float, db: str | None, warmup: int,
                  seed: int, skip: tuple[str, ...], server_workers: int, think_ms: float, as_json: bool) -> None:
    """Load-test the HTTP API: fill a temp SQLite store with N synthetic events, serve it with
    uvicorn in a child process on 127.0.0.1, drive it with concurrent clients over list, filter,
    search and detail endpoints; print req/s and p50/p95/p99 latency per endpoint."""
    result = run_api_bench(events, clients, requests, seconds, db=db, seed=seed, warmup=warmup, skip=skip,
                           server_workers=server_workers, think_ms=think_ms)
    click.echo(json.dumps(result.to_json()) if as_json else "\n".join(result.lines()))
