"""The extraction and scale benchmarks at tiny sizes: they run and report consistent figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from communique.bench.extract import run_extract_bench
from communique.bench.scale import Run, SizeResult, build_shards, report_lines, run_scale_bench
from communique.cli import cli


def test_build_shards_writes_jsonl_shards_of_the_given_size(tmp_path: Path) -> None:
    assert build_shards(7, tmp_path, shard_size=3) == 3
    files = sorted(tmp_path.iterdir())
    assert [f.name for f in files] == ["shard-00000.jsonl", "shard-00001.jsonl", "shard-00002.jsonl"]
    rows = [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [f"gen-{i:07d}" for i in range(7)]
    assert len({r["text"] for r in rows}) == 7


def test_scale_report_gives_ratios_and_labels_the_extrapolation() -> None:
    size = SizeResult(100, 1, {"one": Run("one", 1, 100, 10.0, 1.0, 0), "pool": Run("pool", 2, 100, 5.0, 1.0, 0),
                               "ray": Run("ray", 2, 100, 6.25, 1.0, 0, 2.0)}, (1.0, 2.0, 3.0))
    lines = report_lines([size], (2.0, 9.0, 10.0), 2, target=1000)
    assert "    2 processes / 1 process: x2.00 (target >= 1.8)" in lines
    assert "    Ray / process pool: x0.80 (target >= 0.9 at 50k)" in lines
    assert lines[-1] == ("  EXTRAPOLATED (not measured) to 1000 documents at the 100-document rates: "
                         "one ~2 min, pool ~1 min, ray ~1 min")


def test_scale_bench_runs_one_process_on_a_tiny_corpus() -> None:
    results, fixed = run_scale_bench((6,), 2, ("one",), shard_size=4)
    assert fixed is None
    (run,) = results[0].runs.values()
    assert (results[0].shards, run.documents, run.failures) == (2, 6, 0)
    assert run.docs_per_s > 0


@pytest.mark.slow
def test_extract_bench_reports_both_speeds_and_the_pool() -> None:
    r = run_extract_bench(12, processes=2)
    assert (r.documents, r.pool_docs) == (12, 8)  # 2 documents per worker warm the pool up, untimed
    assert r.words > 1000 and r.full_s > 0 and r.spacy_s > 0 and r.ratio > 0
    assert r.lines()[3].startswith("  ratio full/spaCy speed: ")


def test_bench_group_lists_extract_and_scale() -> None:
    out = CliRunner().invoke(cli, ["bench", "--help"]).output
    assert "extract" in out and "scale" in out
    bad = CliRunner().invoke(cli, ["bench", "scale", "--configs", "spark"])
    assert bad.exit_code == 2 and "configs are one, pool, ray" in bad.output
