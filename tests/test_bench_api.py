"""The API load benchmark at tiny sizes, and the synthetic store it fills."""

from __future__ import annotations

import json
import os
import signal
import time
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from communique.bench.api import MIX, EndpointStats, percentile
from communique.bench.synthetic import fill_store, synthetic_events
from communique.cli import cli
from communique.events import event_id
from communique.store import Store


def test_percentile_nearest_rank() -> None:
    values = [float(x) for x in range(1, 101)]
    assert (percentile(values, 50), percentile(values, 95), percentile(values, 99)) == (50.0, 95.0, 99.0)
    assert percentile([7.0], 99) == 7.0
    assert percentile([], 50) == 0.0
    f = EndpointStats("x", [3.0, 1.0, 2.0], errors=1).figures(2.0)
    assert (f["requests"], f["errors"], f["req_per_s"], f["p50_ms"]) == (3, 1, 1.5, 2.0)


def test_synthetic_events_are_seeded_and_consistent() -> None:
    a = list(synthetic_events(30, seed=3))
    b = list(synthetic_events(30, seed=3))
    assert [e.event_id for e in a] == [e.event_id for e in b]
    assert [e.event_id for e in a] != [e.event_id for e in synthetic_events(30, seed=4)]
    for ev in a:
        assert 1 <= len(ev.results) <= 5
        first = min(ev.results, key=lambda r: (r.clean.raw.publication_date or date.max, r.doc_id))
        assert ev.event_id == event_id((first.doc_id, 0))
        assert ev.data["sources"] == [[r.doc_id, 0] for r in ev.results]
        for r in ev.results:
            text = r.clean.raw.text
            m = r.analysis.meetings[0]
            assert m.event_id == ev.event_id and sorted(m.participants) == ev.data["participants"]
            assert m.evidence is not None and text[m.evidence.start:m.evidence.end] == m.evidence.text
            assert all(text[q.start:q.end] == q.text for q in r.analysis.quotes)
            assert all(text[s.evidence.start:s.evidence.end] == s.evidence.text for s in r.analysis.statements)
            assert all(text[x.start:x.end] == x.text for p in r.analysis.people for x in p.mentions)
            assert r.analysis.statements[0].type == "CONSULT"
            if r.quality.spun:
                assert r.near_duplicate_of == ev.results[0].doc_id
                assert not any(q.speakers_words for q in r.analysis.quotes)


def test_fill_store_round_trips(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as store:
        report = fill_store(store, 40, seed=1, chunk=15)
        stats = store.stats()
        events = store.load_events()
        doc = store.get_document(next(iter(events.values()))["sources"][0][0])
    assert (report.events, stats.events, len(events)) == (40, 40, 40)
    assert stats.documents == report.documents == report.rows["event_sources"] == stats.meetings
    assert stats.statements == report.rows["statements"] and stats.quotes == report.rows["quotes"]
    assert doc is not None and doc.clean_text == doc.raw_text
    assert doc.offsets == tuple(range(len(doc.raw_text) + 1))
    assert doc.analysis.meetings[0].event_id in events


def test_fill_store_beside_existing_people(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as store:
        fill_store(store, 5, seed=1)
        fill_store(store, 5, seed=2)  # same people again: get-or-create, new documents
        assert store.stats().events == 10


@pytest.mark.slow
def test_bench_api_tiny_run() -> None:
    res = CliRunner().invoke(cli, ["bench", "api", "--events", "200", "--clients", "5", "--requests", "100",
                                   "--seconds", "60", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert (out["benchmark"], out["events"], out["clients"]) == ("api", 200, 5)
    assert out["overall"]["requests"] == 100 and out["overall"]["errors"] == 0
    assert out["server_errors"] == []
    assert [e["endpoint"] for e in out["endpoints"]] == list(MIX)
    for e in out["endpoints"]:
        assert e["requests"] >= 100 // len(MIX)
        assert 0 < e["p50_ms"] <= e["p95_ms"] <= e["p99_ms"]
        assert set(e["statuses"]) == {"200"}
    by = {e["endpoint"]: e for e in out["endpoints"]}
    assert by["list events"]["cache_hits"] >= 1  # the same page again: from the server's cache
    assert out["overall"]["cache_hits"] == sum(e["cache_hits"] for e in out["endpoints"])


@pytest.mark.slow
def test_bench_api_paced_clients_send_exactly_the_requests_asked() -> None:
    res = CliRunner().invoke(cli, ["bench", "api", "--events", "100", "--clients", "8", "--requests", "40",
                                   "--think-ms", "20", "--server-workers", "2", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert (out["think_ms"], out["server_workers"]) == (20.0, 2)
    assert out["overall"]["requests"] == 40 and out["overall"]["errors"] == 0
    cpu = out["cpu_ms_per_request"]  # the workers are the server's children: their CPU is counted
    assert cpu["server"] > 0 and cpu["load_generator"] > 0


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="Linux /proc")
def test_process_tree_cpu_counts_descendants() -> None:
    import subprocess
    import sys

    from communique.bench.api import process_tree_cpu

    # the child burns 0.5 s; the kernel's tick counts may fall a tick or two short of it (0.39 seen for a 0.4 s burn)
    burn = "import time; t = time.process_time()\nwhile time.process_time() - t < 0.5: pass\ntime.sleep(120)"
    parent = subprocess.Popen([sys.executable, "-c", f"import subprocess, sys, time; "
                               f"subprocess.Popen([sys.executable, '-c', {burn!r}]); time.sleep(120)"],
                              start_new_session=True)  # its own process group: one kill ends both
    try:
        deadline = time.monotonic() + 90  # a loaded machine may take long to give the child 0.4 s of CPU
        while (used := process_tree_cpu(parent.pid) or 0.0) < 0.4 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert used >= 0.4  # the grandchild's burn, though the parent itself only sleeps
    finally:
        os.killpg(parent.pid, signal.SIGKILL)
        parent.wait()
    assert process_tree_cpu(10**9) is None  # no such process


@pytest.mark.parametrize("chunked", [False, True])
def test_http_connection_reads_length_and_chunked_bodies(chunked: bool) -> None:
    import asyncio

    from communique.bench.api import HttpConnection

    async def scenario() -> list[tuple[int, bytes, bool]]:
        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            while await reader.readuntil(b"\r\n\r\n"):
                if chunked:
                    writer.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Cache: hit\r\n\r\n"
                                 b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
                else:
                    writer.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 5\r\n\r\nabcde")
                await writer.drain()

        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        conn = HttpConnection("127.0.0.1", port, timeout=10)
        try:
            return [await conn.get("/x"), await conn.get("/y?q=1")]  # two requests on one connection
        finally:
            await conn.close()
            server.close()

    got = asyncio.run(scenario())
    assert got == ([(200, b"abcde", True)] * 2 if chunked else [(404, b"abcde", False)] * 2)


def test_bench_api_is_registered() -> None:
    res = CliRunner().invoke(cli, ["bench", "api", "--help"])
    assert res.exit_code == 0
    assert "--events" in res.output and "--clients" in res.output and "p95" in res.output
