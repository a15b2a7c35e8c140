"""The ingest benchmark: read + clean + store N synthetic documents into a fresh store.

1. build the corpus (``corpus.build_corpus``) in a temp dir: not timed;
2. open a fresh temp SQLite store (or the given URL) and migrate it: not timed;
3. time ``store.loader.ingest_into`` over the corpus directory, measuring peak memory either as
   the growth of the process's peak resident set (``ru_maxrss``, default: no overhead) or as
   tracemalloc's peak of Python allocations (slower: the timing then includes tracing).
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..options import Options
from ..store import Store
from ..store.loader import ingest_into
from ..store.store import BATCH_SIZE
from .corpus import build_corpus

MEMORY_METHODS = ("rss", "tracemalloc")


@dataclass(frozen=True, slots=True)
class IngestBench:
    documents: int  # files in the corpus
    added: int
    skipped: int
    failed: int
    input_bytes: int
    seconds: float
    peak_memory_bytes: int
    memory_method: str  # "rss" (ru_maxrss growth) or "tracemalloc" (peak traced allocations)
    store: str

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.input_bytes / 1e6 / self.seconds if self.seconds else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "benchmark": "ingest", "documents": self.documents, "added": self.added, "skipped": self.skipped,
            "failed": self.failed, "input_mb": round(self.input_bytes / 1e6, 3), "seconds": round(self.seconds, 3),
            "docs_per_s": round(self.docs_per_s, 1), "mb_per_s": round(self.mb_per_s, 3),
            "peak_memory_mb": round(self.peak_memory_bytes / 1e6, 1), "memory_method": self.memory_method,
            "store": self.store,
        }

    def lines(self) -> list[str]:
        how = ("growth of peak RSS, ru_maxrss" if self.memory_method == "rss"
               else "peak of Python allocations, tracemalloc")
        return [
            f"ingest benchmark: {self.documents} documents, {self.input_bytes / 1e6:.1f} MB into {self.store}",
            f"  stored {self.added} ({self.skipped} already stored, {self.failed} failed) in {self.seconds:.2f} s",
            f"  {self.docs_per_s:.0f} documents/s, {self.mb_per_s:.2f} MB/s",
            f"  peak memory {self.peak_memory_bytes / 1e6:.1f} MB ({how})",
        ]


def _maxrss_bytes() -> int:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(rss if sys.platform == "darwin" else rss * 1024)  # Linux reports KiB


def run_ingest_bench(n: int, db: str | None = None, memory: str = "rss", samples_dir: Path | None = None,
                     batch_size: int = BATCH_SIZE, seed: int = 0, opts: Options | None = None) -> IngestBench:
    """Build ``n`` documents and time ingest + clean + store; temp files are removed afterwards."""
    if memory not in MEMORY_METHODS:
        raise ValueError(f"memory method {memory!r} is not one of {', '.join(MEMORY_METHODS)}")
    opts = opts or Options(progress="never")
    work = Path(tempfile.mkdtemp(prefix="communique-bench-"))
    try:
        corpus = build_corpus(n, work / "corpus", samples_dir=samples_dir, seed=seed)
        url = db or f"sqlite:///{work / 'bench.db'}"
        with Store.open(url) as store:
            if memory == "tracemalloc":
                tracemalloc.start()
            before = _maxrss_bytes()
            t0 = time.perf_counter()
            summary = ingest_into(store, [corpus.directory], opts, batch_size=batch_size)
            seconds = time.perf_counter() - t0
            if memory == "tracemalloc":
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
            else:
                peak = _maxrss_bytes() - before
            shown = store.display_url if db else "a fresh temp SQLite store"
        return IngestBench(
            documents=corpus.files, added=summary.added, skipped=summary.skipped, failed=summary.failed,
            input_bytes=corpus.bytes, seconds=seconds, peak_memory_bytes=peak, memory_method=memory, store=shown,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
