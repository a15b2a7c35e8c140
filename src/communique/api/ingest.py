"""Ingest through the API: bytes or JSON documents -> pipeline -> store -> re-link and re-merge.

The same sequence as ``pipeline.run_into_store`` (stages 2-4 into the store, each batch linked
incrementally through the persisted dedup index, then stage 6 over the whole stored corpus), over
in-memory inputs and an already open store. The NLP pipeline (about 2 s) and the embedder load on
the first ingest and are kept by the app's ``Ingestor``; ingests run one at a time (re-merging is
over the whole corpus).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..options import Options
from ..pipeline import Pipeline, run_items_into_store
from ..records import Failure, RawDocument
from ..store import Store
from .schemas import DocumentIn

PipelineFactory = Callable[[Options], Pipeline]


def documents_to_jsonl(docs: Sequence[DocumentIn]) -> bytes:
    """JSON documents as JSONL bytes, so they go through the same reader as a JSONL upload."""
    lines = []
    for d in docs:
        rec = {k: v for k, v in {"id": d.id, "title": d.title, "date": d.date.isoformat() if d.date else None, "text": d.text, "html": d.html,
                                 "url": d.url}.items() if v is not None}
        lines.append(json.dumps(rec, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode("utf-8")


class Ingestor:
    """Holds the lazily built Pipeline (and embedder) of one app and serialises ingests."""

    def __init__(self, opts: Options, factory: PipelineFactory | None = None) -> None:
        self.opts = opts
        self._factory: PipelineFactory = factory or Pipeline
        self._pipeline: Pipeline | None = None
        self._embedder: Any = None
        self._embedder_loaded = False
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._pipeline is not None

    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = self._factory(self.opts)
        return self._pipeline

    def embedder(self) -> Any:
        if not self._embedder_loaded:
            from ..dedup import load_embedder

            self._embedder = load_embedder(self.opts)
            self._embedder_loaded = True
        return self._embedder

    def ingest(self, store: Store, items: Iterable[RawDocument | Failure]) -> dict[str, Any]:
        with self._lock:
            return ingest_into_store(store, items, self.opts, self.pipeline(), embedder=self.embedder)


MAX_FAILURES_LISTED = 100  # an answer lists this many failures at most (failures_total counts all)


def ingest_into_store(store: Store, items: Iterable[RawDocument | Failure], opts: Options,
                      pipeline: Pipeline, *, embedder: Any = None) -> dict[str, Any]:
    """The main job's sequence (``pipeline.run_items_into_store``) over uploaded documents."""
    raws = list(items)
    wanted = {r.doc_id for r in raws if isinstance(r, RawDocument)}
    run = run_items_into_store(store, raws, opts, pipeline=pipeline, embedder=embedder)
    return {
        "added": run.added,
        "replaced": run.replaced,
        "skipped": run.skipped,
        "failures": [{"source": f.source, "reason": f.reason, "stage": f.stage} for f in run.failures[:MAX_FAILURES_LISTED]],
        "failures_total": len(run.failures),
        "events": sorted({e.event_id for e in run.events for d, _ in e.sources if d in wanted}),
    }
