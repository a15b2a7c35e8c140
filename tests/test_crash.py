"""Crash consistency: ``communique run`` killed with SIGKILL at random points (fixed seeds), then
run again, leaves the same store as one clean run: the same documents, links and events.
Two runs at once on the two halves of a corpus give the store that running them one after the
other gives. Real processes on a real SQLite file; nothing is mocked."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from communique.store import Store

ROOT = Path(__file__).resolve().parent
ENV = {**os.environ, "COMMUNIQUE_BATCH_SIZE": "1", "COMMUNIQUE_EMBEDDINGS": "false", "COMMUNIQUE_PROGRESS": "never"}


def _copy_with_edits(src: Path, dest: Path) -> None:
    """A near copy (a wire reprint with a changed word) of our own article."""
    text = src.read_text(encoding="utf-8")
    dest.write_text(text.replace(" said", " told reporters", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> tuple[Path, Path]:
    """Two folders (the halves): the seeds (with their copies), our own articles and reprints."""
    root = tmp_path_factory.mktemp("crash")
    first, second = root / "first", root / "second"
    shutil.copytree(seeds_dir, first)
    second.mkdir()
    for i, f in enumerate(sorted((ROOT / "corpus" / "articles").glob("*.txt"))[:8]):
        shutil.copy(f, (first if i % 2 else second) / f.name)
        if i % 3 == 0:
            _copy_with_edits(f, (second if i % 2 else first) / f"reprint-{f.name}")
    return first, second


def _run(db: Path, *paths: Path, crash_after_writes: int = 0) -> subprocess.Popen[bytes]:
    env = {**ENV, "COMMUNIQUE_CRASH_AFTER_WRITES": str(crash_after_writes)}
    return subprocess.Popen([sys.executable, "-m", "communique.cli", "run", "--db", f"sqlite:///{db}", *map(str, paths)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _finish(proc: subprocess.Popen[bytes]) -> None:
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()[-2000:]


def snapshot(db: Path) -> dict[str, Any]:
    with Store.open(f"sqlite:///{db}") as store:
        docs = {d.doc_id: (d.content_hash, d.extracted_at is not None) for d in store.iter_documents()}
        events = {e: sorted(map(tuple, data["sources"])) for e, data in store.load_events().items()}
        return {"documents": docs, "links": store.load_links(), "events": events,
                "signatures": sorted(store.load_signatures()), "failures": store.failures()}


@pytest.fixture(scope="module")
def clean(corpus: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], float]:
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    start = time.monotonic()
    _finish(_run(db, *corpus))
    took = time.monotonic() - start
    state = snapshot(db)
    assert state["links"] and len(state["events"]) >= 5 and not state["failures"]  # a corpus worth crashing
    return state, took


@pytest.mark.parametrize("seed", [11, 23, 37])
def test_killed_between_two_commits_then_a_rerun_equals_a_clean_run(
        seed: int, corpus: tuple[Path, Path], clean: tuple[dict[str, Any], float], tmp_path: Path) -> None:
    """SIGKILL right after the N-th committed write (N drawn by the seed), twice, then a rerun."""
    state, _ = clean
    db = tmp_path / "killed.db"
    rng = random.Random(seed)
    for _ in range(2):
        proc = _run(db, *corpus, crash_after_writes=rng.randint(2, 16))
        proc.communicate(timeout=600)
        assert proc.returncode in (-signal.SIGKILL, 0)
    _finish(_run(db, *corpus))
    assert snapshot(db) == state


def test_killed_at_a_random_moment_then_reruns_equal_a_clean_run(
        corpus: tuple[Path, Path], clean: tuple[dict[str, Any], float], tmp_path: Path) -> None:
    """SIGKILL from outside, mid-transaction as likely as not; a rerun completes, another changes nothing."""
    state, took = clean
    db = tmp_path / "killed.db"
    proc = _run(db, *corpus)
    time.sleep(random.Random(5).uniform(0.4, 0.9) * took)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    _finish(_run(db, *corpus))
    assert snapshot(db) == state
    _finish(_run(db, *corpus))
    assert snapshot(db) == state


def test_two_runs_at_once_on_two_halves_equal_one_after_the_other(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    first, second = corpus
    serial = tmp_path / "serial.db"
    _finish(_run(serial, first))
    _finish(_run(serial, second))
    together = tmp_path / "together.db"
    a, b = _run(together, first), _run(together, second)
    _finish(a)
    _finish(b)
    assert snapshot(together) == snapshot(serial)  # documents, links (and their direction), events
