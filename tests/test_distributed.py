"""Batch extraction: shards, lossless shard files, manifest/resume, failures, Ray = one process."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from communique.bench.corpus import build_corpus
from communique.distributed import run_batch
from communique.errors import InputError, OptionsError
from communique.ingest import read_paths
from communique.options import Options
from communique.pipeline import Pipeline, link_and_merge
from communique.records import (
    Analysis,
    CleanDocument,
    DocumentResult,
    Failure,
    Meeting,
    Person,
    Quality,
    Quote,
    RawDocument,
    Span,
    Statement,
)
from communique.shards import (
    EVENTS,
    FAILURES,
    MANIFEST,
    SUCCESS,
    expand_shards,
    iter_jsonl,
    read_results,
    result_from_state,
    result_state,
    write_results,
)

OPTS = Options(embeddings=False, progress="never")


def _full_result() -> DocumentResult:
    raw = RawDocument("d1", "a/d1.html", "Title\n\nAlpha met Beta in Rome on Monday. \"Fine,\" Alpha said.",
                      title="Title", publication_date=date(2024, 3, 5), kind="html", url="http://x/1",
                      html="<p>x</p>", body_start=7)
    text = raw.text[7:]
    clean = CleanDocument(raw, text, tuple(range(7, len(raw.text) + 1)), (Span("Title", 0, 5),))
    m = Meeting(("Alpha", "Beta"), ("Gamma",), date(2024, 3, 4), "on Monday", "weekday before publication",
                "Rome", Span("Rome", 24, 28), Span("Alpha met Beta", 7, 21), "Beta", "Alpha", "evt-1")
    q = Quote("Alpha", "Fine,", "fragment", 44, 49, 0.8765, Span("Alpha said", 51, 61), False)
    s = Statement("Alpha", "CONSULT", "Beta", Span("met", 13, 16), "verbal", "ITA", None)
    p = Person("Alpha", "President of X", "XXX", "Q1", (Span("Alpha", 7, 12), Span("Alpha", 51, 56)))
    return DocumentResult(clean, Quality("en", True, ("buy now",), 0.4321, ("spun",)),
                          Analysis((p,), (m,), (q,), (s,), None), "d0", "spun copy")


def test_a_result_survives_its_state_exactly() -> None:
    r = _full_result()
    assert result_from_state(json.loads(json.dumps(result_state(r)))) == r


def test_a_shard_written_before_statements_kept_their_sentence_still_reads() -> None:
    r = _full_result()
    state = json.loads(json.dumps(result_state(r)))
    state["statements"] = [row[:10] for row in state["statements"]]  # the older form, without the sentence
    assert [s.sentence for s in result_from_state(state).analysis.statements] == [None]


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_shard_files_read_back_equal_and_carry_the_contract(tmp_path: Path, fmt: str) -> None:
    r = _full_result()
    path = tmp_path / f"x.{fmt}"
    write_results(path, [r, r], fmt)
    assert read_results(path) == [r, r]
    if fmt == "jsonl":
        row = next(iter_jsonl(path))
        assert {k: v for k, v in row.items() if k != "_record"} == r.to_json()
    else:
        import pyarrow.parquet as pq

        row = pq.read_table(path).to_pylist()[0]
        assert row["doc_id"] == "d1" and row["meetings"] == len(r.analysis.meetings) == 1


def test_shards_expand_directories_like_the_readers(tmp_path: Path) -> None:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    for name in ("b.jsonl", "a.txt", "sub/c.warc.gz", ".hidden.txt", "notes.md"):
        (tmp_path / "in" / name).write_text("x", encoding="utf-8")
    shards = expand_shards([tmp_path / "in", tmp_path / "in" / "a.txt", tmp_path / "extra.txt"])
    assert [Path(s.path).relative_to(tmp_path).as_posix() for s in shards] == [
        "in/a.txt", "in/b.jsonl", "in/sub/c.warc.gz", "extra.txt"]
    assert shards[0].name.startswith("a.txt-") and len(shards[0].name) == len("a.txt-") + 8
    assert expand_shards([tmp_path / "in"])[0] == shards[0]  # stable across runs


def test_batch_rejects_stdin_and_unknown_engines(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="^-: batch reads files and directories, not stdin$"):
        expand_shards(["-"])
    with pytest.raises(OptionsError, match="engine 'spark' is not one of local, ray"):
        run_batch([tmp_path], tmp_path / "out", engine="spark")


# --- end to end ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> Path:
    """24 generated articles (one file each), the package samples, one corrupt WARC shard."""
    root = tmp_path_factory.mktemp("batch-corpus")
    build_corpus(24, root / "gen")
    shutil.copytree(samples_dir, root / "samples")
    (root / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08\x00not really gzip at all")
    return root


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(OPTS)


@pytest.fixture(scope="module")
def reference(corpus: Path, pipeline: Pipeline) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[str]]:
    """The single-process run: contract records in input order, events, failure sources."""
    results: list[DocumentResult] = []
    failures: list[Failure] = []
    for item in pipeline.process(read_paths([corpus], OPTS)):
        (failures if isinstance(item, Failure) else results).append(item)  # type: ignore[arg-type]
    _links, events = link_and_merge(results, OPTS)
    return [r.to_json() for r in results], [e.to_json() for e in events], sorted(f.source for f in failures)


def _check_against_reference(out: Path, corpus: Path, reference: Any) -> None:
    records, events, failed = reference
    got: list[dict[str, Any]] = []
    for shard in expand_shards([corpus]):
        path = out / shard.output("parquet")
        if path.exists():
            got.extend(r.to_json() for r in read_results(path))
    assert got == records
    assert list(iter_jsonl(out / EVENTS)) == json.loads(json.dumps(events))
    assert sorted(f["source"] for f in iter_jsonl(out / FAILURES)) == failed == [str(corpus / "broken.warc.gz")]
    assert not (out / SUCCESS).exists()


def test_local_batch_equals_one_process_and_resumes(tmp_path: Path, corpus: Path, pipeline: Pipeline,
                                                     reference: Any) -> None:
    out = tmp_path / "out"
    report = run_batch([corpus], out, engine="local", workers=1, opts=OPTS, pipeline=pipeline)
    assert (report.shards, report.processed, report.skipped) == (30, 30, 0)
    assert report.documents == len(reference[0]) >= 27
    assert [f["reason"] for f in report.failures] == [
        "truncated or corrupt WARC: " + reference_reason(corpus)]
    _check_against_reference(out, corpus, reference)
    # a second run skips every finished shard and merges to the same output
    again = run_batch([corpus], out, engine="local", workers=1, opts=OPTS, pipeline=pipeline)
    assert (again.processed, again.skipped, again.documents) == (0, 30, report.documents)
    _check_against_reference(out, corpus, reference)
    # a changed shard is done again, the others are not
    first = sorted((corpus / "gen").iterdir())[0]
    original = first.read_text(encoding="utf-8")
    try:
        first.write_text(original + "\n\nOne more paragraph about the talks.\n", encoding="utf-8")
        third = run_batch([corpus], out, engine="local", workers=1, opts=OPTS, pipeline=pipeline)
        assert (third.processed, third.skipped) == (1, 29)
    finally:
        first.write_text(original, encoding="utf-8")


def reference_reason(corpus: Path) -> str:
    (f,) = [x for x in read_paths([corpus / "broken.warc.gz"], OPTS) if isinstance(x, Failure)]
    return f.reason.removeprefix("truncated or corrupt WARC: ")


@pytest.mark.ray
def test_ray_batch_equals_one_process_resumes_and_records_the_broken_shard(
        tmp_path: Path, corpus: Path, reference: Any) -> None:
    pytest.importorskip("ray")
    out = tmp_path / "out"
    lines: list[str] = []
    report = run_batch([corpus], out, engine="ray", workers=2, opts=OPTS, echo=lines.append)
    assert (report.shards, report.processed, report.skipped) == (30, 30, 0)
    assert lines == [f"error: {corpus / 'broken.warc.gz'}: truncated or corrupt WARC: {reference_reason(corpus)}"]
    _check_against_reference(out, corpus, reference)
    manifest = list(iter_jsonl(out / MANIFEST))
    assert len(manifest) == 30 and sum(e["documents"] for e in manifest) == report.documents
    # resumable: nothing left to do, so Ray is not even started
    again = run_batch([corpus], out, engine="ray", workers=2, opts=OPTS)
    assert (again.processed, again.skipped, again.startup_seconds) == (0, 30, 0.0)
    _check_against_reference(out, corpus, reference)


def test_ray_engine_without_ray_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                samples_dir: Path) -> None:
    import sys

    from communique.errors import CommuniqueError

    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    with pytest.raises(CommuniqueError, match=r"^the ray engine needs Ray: pip install 'communique\[ray\]' "
                                              r"\(or use --engine local\)$"):
        run_batch([samples_dir / "erdogan_tamim_ankara.txt"], tmp_path / "out", engine="ray", opts=OPTS)


def test_batch_command_prints_failures_and_exits_1(tmp_path: Path, samples_dir: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from communique.cli import cli

    monkeypatch.setenv("COMMUNIQUE_EMBEDDINGS", "0")
    (tmp_path / "in").mkdir()
    shutil.copy(samples_dir / "erdogan_tamim_ankara.txt", tmp_path / "in")
    (tmp_path / "in" / "empty.jsonl").write_text("\n", encoding="utf-8")
    (tmp_path / "in" / "broken.jsonl").write_text("".join(f'{{"broken {i}\n' for i in range(25)), encoding="utf-8")
    args = ["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--engine", "local", "--workers", "1",
            "--format", "jsonl"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    err = result.stderr.splitlines()
    assert f"error: {tmp_path / 'in' / 'empty.jsonl'}: empty file" in err
    broken = tmp_path / "in" / "broken.jsonl"
    assert sum(line.startswith(f"error: {broken}:") for line in err) == 21  # 20 lines, then the count
    assert f"error: {broken}: 5 more failures not shown (25 in all)" in err
    lines = result.stdout.splitlines()
    assert lines[0] == "shards: 3 (3 processed, 0 already done)"
    assert lines[1].startswith("documents: 1, events: ") and lines[2] == "failures: 26, the first:"
    assert lines[3] == f"  {broken}:1: malformed JSONL line: Unterminated string starting at (column 2)"
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.name.startswith("_")) == [
        "_events.jsonl", "_failures.jsonl", "_links.jsonl", "_manifest.jsonl"]
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 1 and again.stdout.splitlines()[0] == "shards: 3 (0 processed, 3 already done)"


def test_docs_describe_every_batch_option() -> None:
    from communique.cli.batch_cmd import batch_cmd

    doc = (Path(__file__).resolve().parents[1] / "docs" / "distributed.md").read_text(encoding="utf-8")
    for param in batch_cmd.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--"):
                assert opt in doc, opt
    assert "ray start --head" in doc and "ray://HEAD_HOST:10001" in doc and "communique[ray]" in doc


@pytest.mark.ray
def test_ray_batch_keeps_rays_own_logging_out_of_the_terminal(tmp_path: Path, seeds_dir: Path) -> None:
    """Only communique's own lines on stderr (here: progress, forced on); --verbose lets Ray's through."""
    pytest.importorskip("ray")
    import os
    import re
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src"),
           "COMMUNIQUE_EMBEDDINGS": "0", "COMMUNIQUE_PROGRESS": "always"}

    def batch(out: str, *extra: str) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run([sys.executable, "-m", "communique.cli", "batch", str(seeds_dir), "-o", str(tmp_path / out),
                               "--engine", "ray", "--workers", "2", "--format", "jsonl", *extra],
                              capture_output=True, text=True, env=env, timeout=900)
        assert proc.returncode == 0, proc.stderr[-3000:]
        return proc

    err = batch("quiet").stderr.splitlines()
    assert err and all(re.match(r"shards: \d/5 ", line) for line in err), err
    assert any(line.startswith("shards: 5/5 in ") for line in err)
    loud = batch("verbose", "--verbose").stderr
    assert re.search(r"core_worker|INFO |WARNING", loud), loud[-3000:]
