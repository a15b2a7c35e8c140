"""Ingest without NLP: read -> clean -> store, the orchestrator behind ``communique ingest``.

1. ``ingest.read_paths`` yields RawDocument or Failure for every input (never raises for bad input);
2. ``clean.clean`` drops furniture and keeps the offset map (the furniture lexicon is loaded once);
3. ``Store.add_documents`` stores batch by batch (one transaction each), skipping content
   already stored; each Failure is recorded in ``failures`` and handed to ``on_failure``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..options import Options
from ..records import CleanDocument, Failure, RawDocument
from .convert import AddReport
from .store import BATCH_SIZE, Store

Wrap = Callable[[Iterable[RawDocument | Failure]], Iterable[RawDocument | Failure]]


@dataclass(frozen=True, slots=True)
class IngestSummary:
    added: int
    skipped: int
    failed: int
    bytes_read: int  # UTF-8 size of the raw texts read
    notes: tuple[str, ...] = ()  # what was skipped without failing (hidden files)

    def line(self) -> str:
        """``ingested 5 documents (0 already stored), 1 failed``."""
        noun = "document" if self.added == 1 else "documents"
        return f"ingested {self.added} {noun} ({self.skipped} already stored), {self.failed} failed"


def ingest_into(store: Store, paths: Iterable[str | Path], opts: Options,
                on_failure: Callable[[Failure], None] | None = None,
                batch_size: int = BATCH_SIZE, wrap: Wrap | None = None) -> IngestSummary:
    """Read, clean and store every document under ``paths``; ``wrap`` may add a progress bar."""
    from ..clean import clean, load_furniture
    from ..ingest import read_paths

    lexicon = load_furniture()
    failed = 0
    size = 0

    def cleaned(items: Iterable[RawDocument | Failure]) -> Iterator[CleanDocument]:
        nonlocal failed, size
        for item in items:
            if isinstance(item, Failure):
                failed += 1
                store.record_failure(item)
                if on_failure is not None:
                    on_failure(item)
                continue
            size += len(item.text.encode("utf-8"))
            yield clean(item, lexicon)

    notes: list[str] = []
    items: Iterable[RawDocument | Failure] = read_paths(paths, opts, notes)
    if wrap is not None:
        items = wrap(items)
    report: AddReport = store.add_documents(cleaned(items), batch_size=batch_size)
    for clash in report.failures:  # already recorded by the store, in the batch's transaction
        failed += 1
        if on_failure is not None:
            on_failure(clash)
    return IngestSummary(added=report.added, skipped=report.skipped, failed=failed, bytes_read=size, notes=tuple(notes))
