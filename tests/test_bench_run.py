"""``communique bench run`` and the stage clock it reads: tiny sizes, consistent figures."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from communique.bench.corpus import build_run_corpus
from communique.bench.run import SizeRun, measure_size, report_lines
from communique.cli import cli
from communique.timing import StageClock, mark, recording, stage, timed


def test_nested_stages_count_their_own_time_only() -> None:
    with recording() as clock:
        with stage("outer"):
            time.sleep(0.02)
            with stage("inner"):
                time.sleep(0.05)
        mark("done")
        mark("done")  # only the first moment is kept
    assert 0.045 <= clock.seconds["inner"] < 0.2
    assert 0.015 <= clock.seconds["outer"] < 0.045  # the inner 0.05 s is not counted twice
    assert clock.marks["done"] >= clock.seconds["outer"] + clock.seconds["inner"]


def test_timed_counts_producing_items_not_consuming_them() -> None:
    def slow() -> object:
        for i in range(3):
            time.sleep(0.01)
            yield i

    with recording() as clock:
        got = []
        for x in timed("read", slow()):
            time.sleep(0.03)  # the consumer's time is not the reader's
            got.append(x)
    assert got == [0, 1, 2]
    assert 0.025 <= clock.seconds["read"] < 0.08


def test_nothing_is_recorded_outside_recording() -> None:
    idle = StageClock()
    with stage("x"):
        mark("y")
    assert dict(idle.seconds) == {} and idle.marks == {}


def test_run_corpus_mixes_originals_reprints_and_spun_copies(tmp_path: Path) -> None:
    c = build_run_corpus(60, tmp_path / "c", seed=3, prefix="p-")
    assert (c.files, c.originals + c.reprints + c.spun) == (60, 60)
    assert c.originals > 30 and c.reprints > 0 and c.spun > 0
    texts = [f.read_text(encoding="utf-8") for f in sorted((tmp_path / "c").iterdir())]
    assert sorted(f.name for f in (tmp_path / "c").iterdir())[0] == "p-000000.txt"
    reprints = [t for t in texts if "All rights reserved." in t]
    assert len(reprints) == c.reprints
    assert all(len(t.split()) >= 100 for t in texts)  # report-sized
    heads = {t.split("\n", 1)[0] for t in texts if " hold talks in " in t.split("\n", 1)[0]}
    assert len(heads) > c.originals // 2  # most originals are reports of their own, not variants of a few
    again = build_run_corpus(60, tmp_path / "d", seed=3, prefix="p-")
    assert (again.reprints, again.spun) == (c.reprints, c.spun)
    assert texts == [f.read_text(encoding="utf-8") for f in sorted((tmp_path / "d").iterdir())]


@pytest.mark.slow
def test_measure_size_runs_the_main_job_and_the_incremental_figure() -> None:
    r = measure_size(24, add=4)
    assert (r.documents, r.failures) == (24, 0) and r.originals + r.reprints + r.spun == 24
    assert r.run_s > 0 and r.spacy_s > 0 and 0 < r.ratio < 2
    assert {"load models", "read", "clean", "quality", "parse (spaCy)", "extract", "store", "link"} <= set(r.stages)
    assert sum(r.stages.values()) <= r.run_s
    assert r.first_s is not None and r.first_s < r.run_s
    assert r.links >= r.reprints  # every reprint is linked to its original
    assert r.events > 0 and r.peak_mb > 100
    assert r.add == 4 and r.add_s > 0 and r.alone_s > 0


def test_report_lines_give_ratios_shares_and_targets() -> None:
    a = SizeRun(100, 70, 20, 10, 40_000, 10.0, 6.0, 2.5, 900.0, 300.0, {"parse (spaCy)": 6.0, "extract": 2.0}, 20, 30,
                add=10, add_s=3.0, alone_s=2.0)
    b = SizeRun(200, 140, 40, 20, 80_000, 22.0, 12.0, 2.0, 950.0, 350.0, {"parse (spaCy)": 12.0, "store": 5.0}, 40, 60)
    lines = report_lines([a, b])
    assert lines[2].split() == ["100", "70/20/10", "10.0", "10.0", "6.0", "0.60", "2.50", "900", "20", "30"]
    assert lines[5] == "      100: parse (spaCy) 60%, extract 20%, other 20%"
    assert "x2 documents: time per document x1.10 (1.00 is linear), peak memory x1.06" in lines
    assert ("incremental at 100: adding 10 documents took 3.0 s, the same 10 alone into a fresh store 2.0 s "
            "(x1.50; target <= 2)") in lines
    assert lines[-1].startswith("targets: ratio >= 0.7 (got 0.55 at worst), first document <= 3 s (got 2.50 s")


def test_bench_run_is_registered_and_checks_sizes() -> None:
    assert "run" in CliRunner().invoke(cli, ["bench", "--help"]).output
    bad = CliRunner().invoke(cli, ["bench", "run", "--sizes", "5"])
    assert bad.exit_code == 2 and "at least 10 documents" in bad.output


def test_freed_memory_goes_back_to_the_system_on_glibc() -> None:
    """A long run trims glibc's heap after each batch (``give_back``); on Linux with glibc it can."""
    import platform
    import sys

    from communique.memory import give_back

    expected = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert give_back() is expected
