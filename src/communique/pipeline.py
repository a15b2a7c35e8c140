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
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from .memory import give_back
from .options import Options
from .records import Analysis, CleanDocument, DocumentResult, Failure, Quality, RawDocument, participants_key
from .timing import mark, stage, timed

if TYPE_CHECKING:
    from .events import Event
    from .progress import Bar, Progress
    from .report import Counts


class Pipeline:
    """Per-document stages with their loaded resources (model, knowledge base), built once."""

    def __init__(self, opts: Options | None = None, *, nlp: Any = None) -> None:
        from .clean import load_furniture
        from .extraction import Extractor
        from .quality import SpinModel

        with stage("load models"):
            self.opts = opts or Options()
            self.extractor = Extractor(self.opts, nlp=nlp)
            self.spin_model = SpinModel.load()
            self.furniture = load_furniture()

    def process(self, docs: Iterable[RawDocument | Failure]) -> Iterator[DocumentResult | Failure]:
        """Stages 2-4 over a stream, batching the NLP; failures pass through, never raise."""
        from .clean import clean
        from .quality import assess

        cleaned: list[tuple[CleanDocument, Quality]] = []
        size = 1  # batches grow 1, 2, 4 ... to batch_size: the first document comes out at once
        for item in docs:
            if isinstance(item, Failure):
                yield item
                continue
            try:
                with stage("clean"):
                    c = clean(item, self.furniture)
                with stage("quality"):
                    q = assess(c, self.opts, model=self.spin_model)
            except Exception as exc:  # one broken document never stops a batch
                yield Failure(item.source, f"cannot clean: {type(exc).__name__}: {exc}", stage="clean")
                continue
            cleaned.append((c, q))
            if len(cleaned) >= size:
                yield from self._analyse(cleaned)
                cleaned, size = [], min(2 * size, self.opts.batch_size)
        if cleaned:
            yield from self._analyse(cleaned)

    def _analyse(self, batch: list[tuple[CleanDocument, Quality]]) -> Iterator[DocumentResult | Failure]:
        with stage("extract"):
            analyses = list(self.extractor.analyse_many(batch))
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
    notes: list[str] | None = None, progress: Progress | None = None,
) -> tuple[list[DocumentResult], list[Failure]]:
    """Read, clean, assess and analyse every document under ``paths``, then link and merge
    (what reading skipped without failing, such as hidden files, goes to ``notes``)."""
    items = _extract_items(paths, opts or Options(), pipeline, notes, progress)
    return ([x for x in items if isinstance(x, DocumentResult)],
            [x for x in items if isinstance(x, Failure)])


def _extract_items(paths: Sequence[str | Path], opts: Options, pipeline: Pipeline | None,
                   notes: list[str] | None, progress: Progress | None) -> list[DocumentResult | Failure]:
    """Stages 1-6 over ``paths`` in memory: every output in the order the stages gave it."""
    from .ingest import read_paths
    from .progress import estimate_documents, no_progress

    items: list[DocumentResult | Failure] = []
    total = estimate_documents(paths) if progress else None
    with (progress or no_progress)("extracting", total) as bar:
        for item in process_stream(read_paths(paths, opts, notes), opts, pipeline):
            items.append(item)
            bar.advance()
    results = [x for x in items if isinstance(x, DocumentResult)]
    if results:
        link_and_merge(results, opts)
    return items


@overload
def extract(paths: Sequence[str | Path] | str | Path, opts: Options | None = None, *,
            errors: Literal["raise"] = "raise", progress: Progress | bool | None = None) -> list[DocumentResult]: ...
@overload
def extract(paths: Sequence[str | Path] | str | Path, opts: Options | None = None, *,
            errors: Literal["return"], progress: Progress | bool | None = None) -> list[DocumentResult | Failure]: ...
def extract(paths: Sequence[str | Path] | str | Path, opts: Options | None = None, *,
            errors: Literal["raise", "return"] = "raise",
            progress: Progress | bool | None = None) -> list[DocumentResult] | list[DocumentResult | Failure]:
    """Extract people, meetings, quotes and statements from the articles at ``paths`` (no store).

    ``paths``: files (.txt, .html, .jsonl, .warc, .warc.gz) and directories (recursive). Every
    document goes through the stages of this module; copies are linked and meetings merged
    into events across the documents given (``meeting.event_id``).

    Inputs that cannot be read or analysed (a missing file, a broken record, ...) are never
    dropped silently. With ``errors="raise"`` (the default), when any input failed,
    ``ExtractionFailed`` is raised once all are done: its ``failures`` lists every ``Failure``
    (``source``, ``reason``, ``stage``) and its ``results`` what succeeded. With
    ``errors="return"``, the list holds a ``Failure`` in place of each input that failed
    (tell them apart with ``isinstance``) and nothing is raised.

    ``progress``: None follows the ``progress`` setting (a bar on stderr when it is a
    terminal); False shows nothing, True always shows one; or a ``communique.progress.Progress``.

    Returns one ``DocumentResult`` per document (``.to_json()`` gives the JSONL record).
    Errors of the set-up (a bad option, the model missing) are raised as they are.
    """
    from .errors import ExtractionFailed, OptionsError

    if errors not in ("raise", "return"):
        raise OptionsError(f"errors={errors!r} is not one of raise, return")
    if isinstance(paths, str | Path):
        paths = [paths]
    opts = opts or Options()
    items = _extract_items(list(paths), opts, None, None, _progress(progress, opts))
    if errors == "return":
        return items
    results = [x for x in items if isinstance(x, DocumentResult)]
    failures = [x for x in items if isinstance(x, Failure)]
    if failures:
        raise ExtractionFailed(failures, results)
    return results


def _progress(progress: Progress | bool | None, opts: Options) -> Progress:
    """The ``progress`` argument of the public calls as a ``Progress``."""
    from .progress import no_progress, progress_for

    if progress is None:
        return progress_for(opts)
    if isinstance(progress, bool):
        return progress_for(opts.with_(progress="always")) if progress else no_progress
    return progress


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
    events: list[Event] = dataclasses.field(default_factory=list)  # the events this run made or changed
    events_in_store: int = 0  # how many events the store holds after the run


class StoredResults(Sequence[DocumentResult]):
    """A run's documents as stored: read from the store page by page each time they are iterated, so a run of
    100,000 documents keeps none of them in memory (an in-memory store's are kept: it cannot be opened again).
    ``counts``: what ``communique run`` prints of them, counted as the run read them once."""

    def __init__(self, opts: Options, doc_ids: list[str], counts: Counts, kept: list[DocumentResult] | None = None):
        self._opts, self._ids, self.counts, self._kept = opts, doc_ids, counts, kept

    @classmethod
    def read(cls, store: Any, opts: Options, wanted: list[str]) -> StoredResults:
        """The stored ones of the ``wanted`` documents, counted in one pass."""
        from .report import Counts

        counts, ids = Counts(), []
        kept: list[DocumentResult] | None = [] if store.in_memory else None
        for r in store.get_results(wanted):
            counts.add(r)
            ids.append(r.doc_id)
            if kept is not None:
                kept.append(r)
        return cls(opts, ids, counts, kept)

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[DocumentResult]:
        if self._kept is not None:
            yield from self._kept
            return
        from .store import Store

        with Store.open(opts=self._opts) as store:
            yield from store.get_results(self._ids)

    @overload
    def __getitem__(self, i: int) -> DocumentResult: ...
    @overload
    def __getitem__(self, i: slice) -> list[DocumentResult]: ...
    def __getitem__(self, i: int | slice) -> DocumentResult | list[DocumentResult]:
        if self._kept is not None:
            return self._kept[i]
        from .store import Store

        ids = self._ids[i] if isinstance(i, slice) else [self._ids[i]]
        with Store.open(opts=self._opts) as store:
            found = {r.doc_id: r for r in store.get_results(ids)}
        return [found[d] for d in ids] if isinstance(i, slice) else found[ids[0]]


@dataclasses.dataclass(slots=True)
class RunReport(StoreRun):
    """What ``run`` did, and what ``communique run`` prints: ``StoreRun``'s ids added, replaced
    and skipped, its failures, the events it made or changed and the store's count of events,
    and the fields below."""

    store: str = ""  # the store's URL (password hidden)
    # the inputs' documents as stored (read from the store when iterated)
    results: Sequence[DocumentResult] = dataclasses.field(default_factory=list)
    unchanged: list[str] = dataclasses.field(default_factory=list)  # doc_ids already stored with this content
    notes: list[str] = dataclasses.field(default_factory=list)  # inputs skipped without failing (hidden files)


def run_items_into_store(
    store: Any, items: Iterable[RawDocument | Failure], opts: Options, *,
    pipeline: Pipeline | None = None, embedder: Any = None, report: StoreRun | None = None,
    progress: Progress | None = None, total: int | None = None,
) -> StoreRun:
    """Stages 2-4 over ``items`` into ``store``, each saved batch linked incrementally through
    the persisted dedup index (stage 5), then events merged over the whole stored corpus (6).

    ``report`` is filled (else a new ``StoreRun``); ``progress`` shows both phases (``total``:
    how many documents ``items`` holds, if known)."""
    from .dedup import DedupIndex
    from .progress import no_progress

    run = report if report is not None else StoreRun()
    progress = progress or no_progress
    index = DedupIndex.from_signatures(store.load_signatures(), opts, embedder, store.clean_texts)
    with progress("extracting", total) as bar:
        extract_into_store(store, items, opts, index, run, pipeline=pipeline, bar=bar)
    link_and_merge_store(store, index, opts, run, progress)
    return run


def extract_into_store(store: Any, items: Iterable[RawDocument | Failure], opts: Options, index: Any,
                       run: StoreRun, *, pipeline: Pipeline | None = None, bar: Bar | None = None) -> None:
    """Stages 2-5 over ``items`` into ``store``, batch by batch; ``bar`` advanced per document."""

    def save(batch: list[DocumentResult]) -> None:
        # a document, its signature and its links become visible together (a crash keeps none)
        with stage("store"), store.transaction("save a batch"):
            saved = store.save_results(batch)
            kept = [r for r in batch if (r.doc_id, r.clean.raw.source) not in saved.refused]
            with stage("link"):
                links = index.link(kept)
            store.save_signatures({**{r.doc_id: index.stored(r.doc_id) for r in kept if r.doc_id in index.sigs},
                                   **index.take_encoded()})
            if links:
                store.save_links([x.as_row() for x in links])
            store.note_merge_pending([r.doc_id for r in kept] + [d for x in links for d in (x.doc_id, x.target)])
        mark("first document stored")
        give_back()  # (the batch's parses are freed: their pages go back to the system, not to a growing heap)
        run.added.extend(saved.added_ids)
        run.replaced.extend(saved.replaced_ids)
        run.skipped.update(saved.reasons)
        run.failures.extend(saved.failures)

    batch: list[DocumentResult] = []
    size = 1  # as Pipeline.process: the first document is stored as soon as it is analysed
    for item in process_stream(items, opts, pipeline):
        if bar is not None:
            bar.advance()
        if isinstance(item, Failure):
            run.failures.append(item)
            with stage("store"):
                store.record_failure(item)
            continue
        batch.append(item)
        if len(batch) >= size:
            save(batch)
            batch, size = [], min(2 * size, opts.batch_size)
    if batch:
        save(batch)


def link_and_merge_store(store: Any, index: Any, opts: Options, run: StoreRun,
                         progress: Progress | None = None) -> None:
    """Stages 5-6, one process at a time: link what other runs stored meanwhile (and documents an
    interrupted older run left without signature), then merge events where this run changed
    something: the participant sets (events are merged per set) of every document it stored or
    linked, and of the copies whose chain of links runs through one. Only those events are
    rewritten (``run.events``); the store's other events stay as they are. A run that changed
    nothing merges the whole store again (a repair, and what a changed setting needs)."""
    from .dedup import Link
    from .events import merge_events

    with stage("store"), store.transaction("link and merge events", exclusive=True):
        others = store.load_signatures(missing_from=index.sigs)
        with stage("link"):
            links = index.absorb(others)
        unsigned = store.unsigned_results()
        with stage("link"):
            links += index.link(unsigned)
        resigned = {**{r.doc_id: index.stored(r.doc_id) for r in unsigned if r.doc_id in index.sigs},
                    **index.take_encoded()}
        if resigned:
            store.save_signatures(resigned)
        if links:
            store.save_links([x.as_row() for x in links])
        stored = store.load_links()
        pending = store.merge_pending()  # stored or re-linked by this run, or by one killed before it merged
        touched = pending | set(run.added) | set(others) | {r.doc_id for r in unsigned} | {
            d for x in links for d in (x.doc_id, x.target)}
        scope = store.participant_keys(_copies_through(touched, stored)) if touched else None
        if scope is not None and not scope:
            run.events = []
        else:
            corpus = list(_tracked(store, scope, progress))
            with stage("merge"):
                events = merge_events(corpus, [Link(d, t, why, score) for d, (t, why, score) in stored.items()], opts)
            if scope is not None:
                events = [e for e in events if participants_key(e.participants) in scope]
            run.events = events
            store.replace_events(
                [(e.event_id, e.to_json()) for e in events],
                [(e.event_id, doc_id, idx) for e in events for doc_id, idx in e.sources],
                scope=scope,
            )
        store.clear_merge_pending(None if scope is None else pending)
        run.events_in_store = store.counts()["events"]


def _tracked(store: Any, scope: set[str] | None, progress: Progress | None) -> Iterator[DocumentResult]:
    """What merging reads of the documents with a meeting of the participant keys ``scope`` (None:
    of every stored document), counted on a bar when ``progress`` is given."""
    from .progress import track

    docs: Iterable[DocumentResult]
    total: int | None
    if scope is not None:
        found = store.meetings_for_merging(scope)
        docs, total = found, len(found)
    else:
        docs, total = (_for_merging(r) for r in store.iter_results()), store.counts()["documents"] if progress else None
    return iter(track(docs, progress, "linking and merging", total)) if progress is not None else iter(docs)


def _copies_through(docs: set[str], links: dict[str, tuple[str, str, float]]) -> set[str]:
    """``docs`` and every document whose chain of copy links (copy of a copy of ...) runs through one."""
    copies: dict[str, list[str]] = defaultdict(list)
    for d, (t, _why, _score) in links.items():
        copies[t].append(d)
    out, todo = set(docs), list(docs)
    while todo:
        for c in copies.get(todo.pop(), ()):
            if c not in out:
                out.add(c)
                todo.append(c)
    return out


def _for_merging(r: DocumentResult) -> DocumentResult:
    """What ``merge_events`` reads of a document (its id, source, date and meetings), no text."""
    raw = r.clean.raw
    slim = RawDocument(raw.doc_id, raw.source, "", publication_date=raw.publication_date)
    return DocumentResult(CleanDocument(slim, "", ()), analysis=Analysis(meetings=r.analysis.meetings))


def run(
    paths: Sequence[str | Path] | str | Path | None = None, *, db: str | None = None,
    opts: Options | None = None, progress: Progress | bool | None = None, pipeline: Pipeline | None = None,
) -> RunReport:
    """The main job, exactly what ``communique run`` does: read the articles at ``paths`` into
    the store, extract them, link copies and merge events over the whole store.

    ``paths``: files and directories as for ``extract`` (None: ../shared/seeds beside the
    working directory when present, else the package's fictional sample articles).
    ``db``: the store URL (default: the ``db`` setting, ``sqlite:///communique.db``).

    Documents already extracted with the same content are not extracted again, so an
    interrupted run resumes and a second run changes nothing. Inputs that cannot be read or
    analysed never stop the run and are not raised: they are in ``report.failures`` and in the
    store's failures. Errors of the set-up (the store, an option, the model) are raised.

    ``progress``: as for ``extract`` (a bar for the extraction, one for linking and merging).
    Returns a ``RunReport``: ``results`` (the inputs' documents as stored), ``added``,
    ``unchanged``, ``failures``, ``events`` (those it made or changed; ``events_in_store``: how
    many the store holds) and ``store``.
    """
    from .dedup import DedupIndex
    from .ingest import read_paths
    from .progress import estimate_documents, no_progress
    from .store import Store

    opts = opts or Options.load()
    if db is not None:
        opts = opts.with_(db=db)
    if isinstance(paths, str | Path):
        paths = [paths]
    paths = list(paths) if paths else default_inputs()
    prog = _progress(progress, opts)
    report = RunReport()
    wanted: list[str] = []
    with Store.open(opts=opts) as store:
        report.store = store.display_url
        index = DedupIndex.from_signatures(store.load_signatures(), opts, None, store.clean_texts)

        def todo() -> Iterator[RawDocument | Failure]:
            for item in timed("read", read_paths(paths, opts, report.notes)):
                if isinstance(item, RawDocument):
                    wanted.append(item.doc_id)
                    with stage("store"):
                        stored = store.get_document(item.doc_id)
                    if stored is not None and stored.extracted_at is not None and stored.content_hash == item.content_hash:
                        report.unchanged.append(item.doc_id)
                        bar.advance()
                        continue
                yield item

        with prog("extracting", estimate_documents(paths) if prog is not no_progress else None) as bar:
            extract_into_store(store, todo(), opts, index, report, pipeline=pipeline, bar=bar)
        link_and_merge_store(store, index, opts, report, prog)
        with stage("store"):
            report.results = StoredResults.read(store, opts, wanted)
    return report


def run_into_store(
    paths: Sequence[str | Path] | None, opts: Options, *, pipeline: Pipeline | None = None,
    notes: list[str] | None = None,
) -> tuple[list[DocumentResult], list[Failure]]:
    """``run`` without progress, as (results, failures); what it skipped goes to ``notes``."""
    report = run(paths, opts=opts, pipeline=pipeline, progress=False)
    if notes is not None:
        notes.extend(report.notes)
    return list(report.results), report.failures


def empty_analysis(reason: str) -> Analysis:
    return Analysis(skipped=reason)
