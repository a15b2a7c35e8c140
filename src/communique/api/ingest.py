"""Ingest through the API: bytes or JSON documents -> pipeline -> store -> re-link and re-merge.

The same sequence as ``pipeline.run_into_store`` (stages 1-4 per document into the store, then
stages 5-6 over the whole stored corpus, saved back), over in-memory inputs and an open store.
The NLP pipeline loads on the first ingest (about 2 s) and is kept by the app's ``Ingestor``;
ingests run one at a time (re-merging is over the whole corpus).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..options import Options
from ..pipeline import Pipeline, link_and_merge
from ..records import DocumentResult, Failure, RawDocument
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
    """Holds the lazily built Pipeline of one app and serialises ingests."""

    def __init__(self, opts: Options, factory: PipelineFactory | None = None) -> None:
        self.opts = opts
        self._factory: PipelineFactory = factory or Pipeline
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._pipeline is not None

    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = self._factory(self.opts)
        return self._pipeline

    def ingest(self, store: Store, items: Iterable[RawDocument | Failure]) -> dict[str, Any]:
        with self._lock:
            return ingest_into_store(store, items, self.opts, self.pipeline())


def ingest_into_store(store: Store, items: Iterable[RawDocument | Failure], opts: Options,
                      pipeline: Pipeline) -> dict[str, Any]:
    """Process ``items``, save results, then link and merge the whole stored corpus."""
    failures: list[Failure] = []
    results: list[DocumentResult] = []
    raws = list(items)
    wanted = [r.doc_id for r in raws if isinstance(r, RawDocument)]

    for item in pipeline.process(iter(raws)):
        if isinstance(item, Failure):
            failures.append(item)
            store.record_failure(item)
        else:
            results.append(item)
    report = store.save_results(results) if results else None
    corpus = list(store.iter_results())
    events: list[str] = []
    if corpus:
        links, merged = link_and_merge(corpus, opts)
        store.save_links([(x.doc_id, x.target, x.reason, float(x.score)) for x in links], replace=True)
        store.replace_events(
            [(e.event_id, e.to_json()) for e in merged],
            [(e.event_id, doc_id, idx) for e in merged for doc_id, idx in e.sources],
        )
        keep = set(wanted)
        events = sorted({e.event_id for e in merged for d, _ in e.sources if d in keep})
    return {
        "added": list(report.added_ids) if report else [],
        "skipped": dict(report.reasons) if report else {},
        "failures": [{"source": f.source, "reason": f.reason, "stage": f.stage} for f in failures],
        "events": events,
    }
