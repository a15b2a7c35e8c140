"""Fuzzing built into the suite: hypothesis strategies per reader and for the API's bodies, and a
fixed-seed generated corpus of a few hundred hostile files through ``ingest`` and ``run``: no
traceback, no 5xx, every good document stored once, memory bounded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.bench.fuzz import build_fuzz_corpus
from communique.ingest import read_bytes
from communique.options import Options
from communique.records import Failure, RawDocument, printable

OPTS = Options()
SMALL = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAMES = ["a.txt", "a.html", "a.jsonl", "a.warc", "a.warc.gz", "a.unknown"]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
records = st.fixed_dictionaries({}, optional={
    "id": json_values, "url": json_values, "title": json_values, "date": json_values, "text": json_values,
    "html": json_values})


def _check(items: list[RawDocument | Failure]) -> None:
    for item in items:
        if isinstance(item, Failure):
            text = item.source + item.reason
            assert printable(text, len(text)) == text and len(item.reason) <= 300
        else:
            assert isinstance(item, RawDocument)
            for value in (item.text, item.doc_id, item.title or "", item.source):
                value.encode("utf-8")  # storable


@SMALL
@given(data=st.binary(max_size=3000), name=st.sampled_from(NAMES))
def test_any_bytes_through_any_reader_give_documents_or_named_failures(data: bytes, name: str) -> None:
    _check(list(read_bytes(data, name, OPTS)))


@SMALL
@given(lines=st.lists(records | json_values, min_size=1, max_size=5))
def test_any_json_lines_give_documents_or_named_failures(lines: list[Any]) -> None:
    data = "\n".join(json.dumps(x) for x in lines).encode()
    items = list(read_bytes(data, "f.jsonl", OPTS))
    _check(items)
    assert len(items) >= 1


@SMALL
@given(text=st.text(max_size=2000), name=st.sampled_from(["a.txt", "a.html"]))
def test_any_text_gives_a_document_or_a_named_failure(text: str, name: str) -> None:
    _check(list(read_bytes(text.encode("utf-8", "surrogatepass"), name, OPTS)))


@pytest.fixture(scope="module")
def fuzz_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    folder = tmp_path_factory.mktemp("fuzz") / "corpus"
    corpus = build_fuzz_corpus(folder, 300, seed=7)
    assert len(corpus.good) > 50 and len(corpus.kinds) == 8
    yield folder, corpus.good


def _communique(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COMMUNIQUE_EMBEDDINGS": "false", "COMMUNIQUE_PROGRESS": "never"}
    return subprocess.run([sys.executable, "-m", "communique.cli", *args], capture_output=True, text=True,
                          env=env, timeout=900)


def test_bench_fuzz_holds_every_invariant_in_bounded_memory() -> None:
    proc = _communique("bench", "fuzz", "-n", "300", "--seed", "3", "--json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    assert report["problems"] == [] and report["stored_good"] == report["good"] > 50
    assert report["peak_rss_mb"] < 700
    assert "Traceback" not in proc.stderr


def test_run_over_hostile_files_stores_every_good_document_once(fuzz_folder: tuple[Path, dict[str, str]],
                                                               tmp_path: Path) -> None:
    from communique.store import Store

    folder, good = fuzz_folder
    db = f"sqlite:///{tmp_path / 'run.db'}"
    for _ in range(2):  # the second run finds everything done
        proc = _communique("run", "--db", db, str(folder))
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr[-3000:]
        assert all(line.startswith(("error: ", "note: ")) for line in proc.stderr.splitlines()), proc.stderr[-3000:]
    with Store.open(db) as store:
        stored = {d.doc_id: d for d in store.iter_documents()}
        failures = store.failures()
    assert all(stored[d].raw_text == text and stored[d].extracted_at is not None for d, text in good.items())
    assert len(failures) == len(set(failures))
