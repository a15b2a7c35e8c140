"""Benchmarks: the synthetic corpus and the ingest benchmark at a tiny N."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.bench.corpus import build_corpus, sample_bases, template_bases, vary
from communique.bench.ingest import run_ingest_bench
from communique.records import content_hash


def test_corpus_files_are_varied_and_counted(tmp_path: Path, samples_dir: Path) -> None:
    corpus = build_corpus(12, tmp_path / "c", samples_dir=samples_dir)
    files = sorted((tmp_path / "c").iterdir())
    assert [f.name for f in files] == [f"{i:06d}.txt" for i in range(12)]
    texts = [f.read_text(encoding="utf-8") for f in files]
    assert len({content_hash(t) for t in texts}) == 12
    assert corpus.files == 12
    assert corpus.bytes == sum(f.stat().st_size for f in files)


def test_corpus_is_deterministic(tmp_path: Path) -> None:
    build_corpus(3, tmp_path / "one")
    build_corpus(3, tmp_path / "two")
    for i in range(3):
        name = f"{i:06d}.txt"
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_sample_bases_come_from_every_kind(samples_dir: Path) -> None:
    bases = sample_bases(samples_dir)
    if not bases:
        pytest.skip("no sample articles in the package yet")
    assert len(bases) == len(set(bases))
    assert all(len(b.split()) >= 30 for b in bases)


def test_template_when_there_are_no_samples(tmp_path: Path) -> None:
    corpus = build_corpus(4, tmp_path / "c", samples_dir=tmp_path / "no-samples")
    first = (corpus.directory / "000000.txt").read_text(encoding="utf-8")
    assert first.startswith(" date 2024-01-08 Anna Lindqvist Hosts Tomas Vrana for Talks on Trade and Security\n\n")
    assert len(template_bases()) == 6


def test_vary_shifts_date_and_adds_one_paragraph() -> None:
    base = " date 2024-01-08 Title\n\nBy Staff\n\nThey met on Monday.\n\nEnd."
    out = vary(base, 3)
    assert out.startswith(" date 2024-01-11 Title\n\nBy Staff\n\n")
    assert out.count("\n\n") == base.count("\n\n") + 1
    assert "103" in out  # the copy number makes the content unique
    assert vary(base, 3) == out and vary(base, 4) != out


def test_ingest_bench_tiny(samples_dir: Path) -> None:
    result = run_ingest_bench(15, samples_dir=samples_dir)
    assert (result.documents, result.added, result.skipped, result.failed) == (15, 15, 0, 0)
    assert result.seconds > 0 and result.docs_per_s > 0 and result.mb_per_s > 0
    assert result.memory_method == "rss" and result.peak_memory_bytes >= 0
    data = result.to_json()
    assert data["benchmark"] == "ingest" and data["store"] == "a fresh temp SQLite store"
    assert result.lines()[-1].endswith("MB (growth of peak RSS, ru_maxrss)")


def test_ingest_bench_tracemalloc_into_given_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'b.db'}"
    result = run_ingest_bench(5, db=url, memory="tracemalloc")
    assert (result.added, result.memory_method, result.store) == (5, "tracemalloc", url)
    assert result.peak_memory_bytes > 0
    again = run_ingest_bench(5, db=url)
    assert (again.added, again.skipped) == (0, 5)


def test_bench_cli(tmp_path: Path) -> None:
    bench_cmd = pytest.importorskip("communique.cli.bench_cmd", reason="communique.cli does not import yet")
    from click.testing import CliRunner

    runner = CliRunner()
    result = runner.invoke(bench_cmd.bench_cmd, ["ingest", "-n", "4", "--json"], catch_exceptions=False)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["documents"], data["added"], data["failed"]) == (4, 4, 0)
    text = runner.invoke(bench_cmd.bench_cmd, ["ingest", "-n", "3"], catch_exceptions=False).stdout
    assert text.startswith("ingest benchmark: 3 documents, ")
    assert "documents/s, " in text and "MB/s" in text
    helped = runner.invoke(bench_cmd.bench_cmd, ["--help"]).stdout
    assert "ingest" in helped
    sub = runner.invoke(bench_cmd.bench_cmd, ["ingest", "--help"]).stdout
    for opt in ("-n INTEGER", "--db", "--memory", "--json"):
        assert opt in sub
    assert runner.invoke(bench_cmd.bench_cmd, ["nope"]).exit_code == 2
