"""The orchestrator: the only place that runs the stages in order.

1. read     ingest.read_paths      raw bytes      -> RawDocument (or Failure)
2. clean    clean.clean            RawDocument    -> CleanDocument
3. quality  quality.assess         CleanDocument  -> Quality (language, spam, spun)
4. analyse  extract.Extractor      CleanDocument  -> Analysis (people, meetings, quotes, statements)
5. link     dedup.link_documents   corpus         -> near_duplicate_of per document
6. merge    events.merge_events    corpus         -> event_id per meeting

Stages 1-4 are per document (and parallel); 5-6 look at the whole corpus.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .options import Options
from .records import Analysis, CleanDocument, DocumentResult, Failure, Quality, RawDocument


class Pipeline:
    """Per-document stages with their loaded resources (model, knowledge base), built once."""

    def __init__(self, opts: Options | None = None, *, nlp: Any = None) -> None:
        from .clean import load_furniture
        from .extraction import Extractor
        from .quality import SpinModel

        self.opts = opts or Options()
        self.extractor = Extractor(self.opts, nlp=nlp)
        self.spin_model = SpinModel.load()
        self.furniture = load_furniture()

    def process(self, docs: Iterable[RawDocument | Failure]) -> Iterator[DocumentResult | Failure]:
        """Stages 2-4 over a stream, batching the NLP; failures pass through, never raise."""
        from .clean import clean
        from .quality import assess

        cleaned: list[tuple[CleanDocument, Quality]] = []
        for item in docs:
            if isinstance(item, Failure):
                yield item
                continue
            try:
                c = clean(item, self.furniture)
                q = assess(c, self.opts, model=self.spin_model)
            except Exception as exc:  # one broken document never stops a batch
                yield Failure(item.source, f"cannot clean: {type(exc).__name__}: {exc}", stage="clean")
                continue
            cleaned.append((c, q))
            if len(cleaned) >= self.opts.batch_size:
                yield from self._analyse(cleaned)
                cleaned = []
        if cleaned:
            yield from self._analyse(cleaned)

    def _analyse(self, batch: list[tuple[CleanDocument, Quality]]) -> Iterator[DocumentResult | Failure]:
        analyses = self.extractor.analyse_many([(c, q) for c, q in batch])
        for (c, q), a in zip(batch, analyses, strict=True):
            if isinstance(a, Failure):
                yield a
                continue
            if q.spun:  # a spun copy's quotes are not the speaker's words
                a = dataclasses.replace(
                    a, quotes=tuple(dataclasses.replace(x, speakers_words=False) for x in a.quotes)
                )
            yield DocumentResult(clean=c, quality=q, analysis=a)


def process_stream(docs: Iterable[RawDocument | Failure], opts: Options,
                   pipeline: Pipeline | None = None) -> Iterator[DocumentResult | Failure]:
    """Stages 2-4: in this process, or in ``opts.workers`` processes (``parallel``) when > 1."""
    if pipeline is None and opts.workers > 1:
        from .parallel import process_parallel

        return process_parallel(docs, opts)
    return (pipeline or Pipeline(opts)).process(docs)


def link_and_merge(results: list[DocumentResult], opts: Options) -> tuple[list[Any], list[Any]]:
    """Stages 5-6 over a corpus held in memory: set near_duplicate_of and meeting event ids."""
    from .dedup import link_documents
    from .events import assign_event_ids, merge_events

    links = link_documents(results, opts)
    by_id = {r.doc_id: r for r in results}
    for link in links:
        r = by_id.get(link.doc_id)
        if r is not None:
            r.near_duplicate_of = link.target
            r.duplicate_reason = link.reason
    events = merge_events(results, links, opts)
    assign_event_ids(results, events)
    return links, events


def extract_corpus(
    paths: Sequence[str | Path], opts: Options | None = None, *, pipeline: Pipeline | None = None,
    notes: list[str] | None = None,
) -> tuple[list[DocumentResult], list[Failure]]:
    """Read, clean, assess and analyse every document under ``paths``, then link and merge
    (what reading skipped without failing, such as hidden files, goes to ``notes``)."""
    from .ingest import read_paths

    opts = opts or Options()
    results: list[DocumentResult] = []
    failures: list[Failure] = []
    for item in process_stream(read_paths(paths, opts, notes), opts, pipeline):
        (failures if isinstance(item, Failure) else results).append(item)  # type: ignore[arg-type]
    if results:
        link_and_merge(results, opts)
    return results, failures


def extract(paths: Sequence[str | Path] | str | Path, opts: Options | None = None) -> list[DocumentResult]:
    """The public one-call API: results for every readable document (failures are dropped)."""
    if isinstance(paths, str | Path):
        paths = [paths]
    return extract_corpus(paths, opts)[0]


def default_inputs() -> list[str]:
    """../shared/seeds beside the working directory when present, else the package's samples."""
    seeds = Path("../shared/seeds")
    if seeds.is_dir():
        return [str(seeds)]
    from importlib import resources

    return [str(resources.files("communique").joinpath("samples"))]


@dataclasses.dataclass(slots=True)
class StoreRun:
    """What one run into the store did."""

    added: list[str] = dataclasses.field(default_factory=list)  # doc_ids stored by this run
    replaced: list[str] = dataclasses.field(default_factory=list)  # of added: ids whose earlier content was replaced
    skipped: dict[str, str] = dataclasses.field(default_factory=dict)  # doc_id -> why not stored again
    failures: list[Failure] = dataclasses.field(default_factory=list)
    events: list[Any] = dataclasses.field(default_factory=list)  # every event of the store after the run


def run_items_into_store(
    store: Any, items: Iterable[RawDocument | Failure], opts: Options, *,
    pipeline: Pipeline | None = None, embedder: Any = None,
) -> StoreRun:
    """Stages 2-4 over ``items`` into ``store``, each saved batch linked incrementally through
    the persisted dedup index (stage 5), then events merged over the whole stored corpus (6)."""
    from .dedup import DedupIndex, Link
    from .events import assign_event_ids, merge_events

    run = StoreRun()
    index = DedupIndex.from_signatures(store.load_signatures(), opts, embedder)

    def save(batch: list[DocumentResult]) -> None:
        # a document, its signature and its links become visible together (a crash keeps none)
        with store.transaction("save a batch"):
            report = store.save_results(batch)
            kept = [r for r in batch if (r.doc_id, r.clean.raw.source) not in report.refused]
            links = index.link(kept)
            store.save_signatures({r.doc_id: index.sigs[r.doc_id] for r in kept if r.doc_id in index.sigs})
            if links:
                store.save_links([x.as_row() for x in links])
        run.added.extend(report.added_ids)
        run.replaced.extend(report.replaced_ids)
        run.skipped.update(report.reasons)
        run.failures.extend(report.failures)

    batch: list[DocumentResult] = []
    for item in process_stream(items, opts, pipeline):
        if isinstance(item, Failure):
            run.failures.append(item)
            store.record_failure(item)
            continue
        batch.append(item)
        if len(batch) >= opts.batch_size:
            save(batch)
            batch = []
    if batch:
        save(batch)
    # One process at a time from here: link what other runs stored meanwhile (and documents an
    # interrupted older run left without signature), then merge events over everything stored.
    with store.transaction("link and merge events", exclusive=True):
        corpus = list(store.iter_results())
        links = index.absorb(store.load_signatures(missing_from=index.sigs))
        unsigned = [r for r in corpus if r.doc_id not in index.sigs]
        links += index.link(unsigned)
        if unsigned:
            store.save_signatures({r.doc_id: index.sigs[r.doc_id] for r in unsigned})
        if links:
            store.save_links([x.as_row() for x in links])
        if corpus:
            stored = [Link(d, t, why, score) for d, (t, why, score) in store.load_links().items()]
            run.events = merge_events(corpus, stored, opts)
            assign_event_ids(corpus, run.events)
            store.replace_events(
                [(e.event_id, e.to_json()) for e in run.events],
                [(e.event_id, doc_id, idx) for e in run.events for doc_id, idx in e.sources],
            )
    return run


def run_into_store(
    paths: Sequence[str | Path] | None, opts: Options, *, pipeline: Pipeline | None = None,
    notes: list[str] | None = None,
) -> tuple[list[DocumentResult], list[Failure]]:
    """The main job over files: documents already extracted with the same content are skipped
    (so an interrupted run resumes), the rest go through ``run_items_into_store``."""
    from .ingest import read_paths
    from .store import Store

    paths = list(paths) if paths else default_inputs()
    wanted: list[str] = []
    with Store.open(opts=opts) as store:
        def todo() -> Iterator[RawDocument | Failure]:
            for item in read_paths(paths, opts, notes):
                if isinstance(item, RawDocument):
                    wanted.append(item.doc_id)
                    stored = store.get_document(item.doc_id)
                    if stored is not None and stored.extracted_at is not None and stored.content_hash == item.content_hash:
                        continue
                yield item

        run = run_items_into_store(store, todo(), opts, pipeline=pipeline)
        keep = set(wanted)
        results = [r for r in store.iter_results() if r.doc_id in keep]
    return results, run.failures


def empty_analysis(reason: str) -> Analysis:
    return Analysis(skipped=reason)
