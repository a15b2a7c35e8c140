"""Continuous ingestion: poll feeds and sitemaps, fetch new articles politely, run the main job.

One poll cycle (``Watcher.poll``):

1. poll     every source (RSS, Atom, sitemap, sitemap index) with a conditional GET
            (``fetch.Fetcher``); a 304, or the same bytes as last time, is nothing new. The
            article URLs a feed lists for the first time (or with a new date) become *pending*
            pages in the store's ``fetches`` table, in the same transaction as the feed's new
            validators, so a feed's news is never lost to a crash. A sitemap index's sitemaps are
            polled in the same cycle.
2. fetch    every due page (pending, or failed in a way that may pass), oldest first, politely;
            its HTML read by ``ingest.read_bytes`` into a ``RawDocument`` whose source and url
            are the URL redirects led to and whose id is a hash of that URL (as a JSONL record
            with a url and no id). A page whose stored document already has this content is
            not extracted again (as ``pipeline.run`` does).
3. extract  ``pipeline.extract_into_store`` over each chunk of ``batch_size`` fetched pages
            (stages 2-5), then those pages are marked done: a page is fetched again only when
            a feed lists it with a new date (conditionally: a 304 is nothing new) or when a
            crash came between fetching and storing it (then it is stored once all the same).
4. merge    ``pipeline.link_and_merge_store`` once per cycle when anything was stored (stage 6).

A failure (an HTTP error, a timeout, a malformed feed, a page too big or not HTML, robots.txt)
never stops the watch: it is a ``Failure(URL, reason, stage="fetch")``, recorded in the store
and handed to ``on_failure``. A page that failed in a way that may pass is tried again next
cycle, up to ``GIVE_UP_AFTER`` cycles in a row; one that failed for good (a 4xx, too big, not
HTML, a redirect loop) is not, unless its feed lists it with a new date. ``stop()`` (a signal
handler may call it) ends the cycle after the request under way: what was fetched is stored,
the rest stays pending for the next start.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .fetch import Fetched, Fetcher
from .ingest import read_bytes
from .ingest.decode import Rejected
from .ingest.feeds import parse_feed, web_url
from .options import Options
from .records import Failure, FetchState, RawDocument, content_hash, plural

if TYPE_CHECKING:
    from .pipeline import Pipeline, StoreRun
    from .store import Store

__all__ = ["GIVE_UP_AFTER", "CycleReport", "Watcher", "read_sources"]

GIVE_UP_AFTER = 5  # cycles in a row a page may fail in a way that may pass before it is given up
MAX_FEEDS_PER_CYCLE = 1000  # sources and the sitemaps sitemap indexes name, polled per cycle
STAGE = "fetch"


@dataclasses.dataclass(slots=True)
class CycleReport:
    """What one poll cycle did."""

    cycle: int
    feeds: int = 0  # feeds and sitemaps polled
    unchanged: int = 0  # of those: a 304, or the same bytes as last time
    found: int = 0  # article URLs listed for the first time (or with a new date)
    fetched: int = 0  # article pages received (200)
    not_modified: int = 0  # article pages answered 304
    stored: list[str] = dataclasses.field(default_factory=list)  # doc_ids stored
    same: int = 0  # pages whose document was already stored with this content
    failures: list[Failure] = dataclasses.field(default_factory=list)
    events: int = 0  # events in the store after the cycle
    stopped: bool = False  # cut short by stop()
    seconds: float = 0.0

    def line(self) -> str:
        """One line for people: ``cycle 2: 3 feeds polled (2 unchanged), 1 new article fetched, ...``."""
        parts = [f"{plural(self.feeds, 'feed')} polled ({self.unchanged} unchanged)",
                 f"{plural(self.fetched, 'new article')} fetched", f"{len(self.stored)} stored"]
        if self.same:
            parts.append(f"{self.same} already stored")
        parts += [plural(len(self.failures), "failure"), f"{plural(self.events, 'event')} now"]
        end = " (stopped)" if self.stopped else ""
        return f"cycle {self.cycle}: {', '.join(parts)} in {self.seconds:.1f} s{end}"


def read_sources(sources: Sequence[str]) -> tuple[list[str], list[str]]:
    """Feed and sitemap URLs from ``sources`` (each a URL, or a file listing URLs one a line,
    ``#`` comments and blank lines skipped): (urls, problems)."""
    urls: list[str] = []
    problems: list[str] = []
    for source in sources:
        if "://" in source:
            url = web_url(source)
            if url:
                urls.append(url)
            else:
                problems.append(f"{source}: not an http(s) URL")
            continue
        path = Path(source)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{source}: not a URL, and cannot be read as a file listing URLs "
                            f"({getattr(exc, 'strerror', None) or type(exc).__name__})")
            continue
        for n, line in enumerate(lines, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            url = web_url(line)
            if url:
                urls.append(url)
            else:
                problems.append(f"{source}:{n}: not an http(s) URL")
    return list(dict.fromkeys(urls)), problems


def _now() -> datetime:
    return datetime.now(UTC)


def _validated(state: FetchState, got: Fetched, old: FetchState) -> FetchState:
    """``state`` with the ETag and Last-Modified to ask with next time: a 200's own (none when
    it gave none), or on a 304 the ones it repeated, else those kept."""
    if got.not_modified:
        return dataclasses.replace(state, etag=got.etag or old.etag, last_modified=got.last_modified or old.last_modified)
    return dataclasses.replace(state, etag=got.etag, last_modified=got.last_modified)


class Watcher:
    """Polls ``sources`` into ``store``: ``poll()`` runs one cycle, ``run()`` cycles until stopped.

    ``pipeline``: the NLP pipeline to use (else one is loaded when the first page arrives and
    kept); ``fetcher``: the HTTP side (else one from ``opts``); ``on_failure``: called with each
    failure as it happens (the CLI prints it)."""

    def __init__(self, sources: Sequence[str], store: Store, opts: Options, *, pipeline: Pipeline | None = None,
                 fetcher: Fetcher | None = None, on_failure: Callable[[Failure], None] | None = None) -> None:
        self.sources = list(sources)
        self.store = store
        self.opts = opts
        self.pipeline = pipeline
        self.fetcher = fetcher or Fetcher(opts)
        self._own_fetcher = fetcher is None
        self.on_failure = on_failure
        self.cycles = 0

    # --- control --------------------------------------------------------------------------------

    def stop(self) -> None:
        """Stop after the request under way (safe from a signal handler or another thread)."""
        self.fetcher.stop()

    @property
    def stopping(self) -> bool:
        return self.fetcher.stopping

    def close(self) -> None:
        if self._own_fetcher:
            self.fetcher.close()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self, *, max_cycles: int | None = None,
            on_cycle: Callable[[CycleReport], None] | None = None) -> list[CycleReport]:
        """Poll every ``watch_interval`` seconds (start to start) until ``stop()`` or ``max_cycles``."""
        reports: list[CycleReport] = []
        while not self.stopping:
            started = time.monotonic()
            report = self.poll()
            reports.append(report)
            if on_cycle is not None:
                on_cycle(report)
            if max_cycles is not None and len(reports) >= max_cycles:
                break
            if not self.fetcher.wait(self.opts.watch_interval - (time.monotonic() - started)):
                break
        return reports

    # --- one cycle ------------------------------------------------------------------------------

    def poll(self) -> CycleReport:
        """One cycle: poll the feeds, fetch the due pages, extract and store them, merge events."""
        started = time.monotonic()
        self.cycles += 1
        report = CycleReport(self.cycles)
        self.fetcher.new_cycle()
        queue, polled = list(self.sources), set[str]()
        while queue and not self.stopping and len(polled) < MAX_FEEDS_PER_CYCLE:
            url = queue.pop(0)
            if url in polled:
                continue
            polled.add(url)
            report.feeds += 1
            queue.extend(self._poll_feed(url, report))
        run: StoreRun | None = None
        index: Any = None
        due = [] if self.stopping else self.store.due_pages()
        for start in range(0, len(due), self.opts.batch_size):
            if self.stopping:
                break
            fetched = list(self._fetch_pages(due[start:start + self.opts.batch_size], report))
            if not fetched:
                continue
            if run is None:
                from .dedup import DedupIndex
                from .pipeline import StoreRun

                run = StoreRun()
                index = DedupIndex.from_signatures(self.store.load_signatures(), self.opts, None, self.store.clean_texts)
            self._extract(fetched, run, index, report)
        if run is not None and (run.added or run.replaced):
            from .pipeline import link_and_merge_store

            link_and_merge_store(self.store, index, self.opts, run)
            report.events = run.events_in_store
        else:
            report.events = self.store.counts()["events"]
        report.stopped = self.stopping
        report.seconds = time.monotonic() - started
        return report

    def _fail(self, url: str, reason: str, report: CycleReport) -> None:
        failure = Failure(url, reason, stage=STAGE)
        report.failures.append(failure)
        self.store.record_failure(failure)
        if self.on_failure is not None:
            self.on_failure(failure)

    # --- feeds ----------------------------------------------------------------------------------

    def _poll_feed(self, url: str, report: CycleReport) -> list[str]:
        """Poll one feed or sitemap: note its new entries as pending pages; the sitemaps a
        sitemap index names are returned (to be polled in this cycle)."""
        old = self.store.fetch_states([url]).get(url) or FetchState(url, "feed")
        got = self.fetcher.get(url, want="feed", etag=old.etag, last_modified=old.last_modified)
        if got.stopped:
            return []
        now = _now()
        state = dataclasses.replace(old, kind="feed", fetched_at=now, status=got.status, final_url=got.final_url)
        if got.error is not None:
            self._fail(url, got.error, report)
            self.store.save_fetch_states([dataclasses.replace(state, state="failed", attempts=old.attempts + 1,
                                                              error=got.error)])
            return []
        state = _validated(dataclasses.replace(state, state="done", attempts=0, error=None, ok_at=now), got, old)
        body = got.body or b""
        digest = hashlib.sha256(body).hexdigest()
        if got.not_modified or (old.state == "done" and old.content_hash == digest):
            report.unchanged += 1
            self.store.save_fetch_states([state])
            return [s.url for s in self.store.fetch_states_listed_by(url, "feed")]  # a sitemap index's sitemaps
        state = dataclasses.replace(state, content_hash=digest)
        parsed = parse_feed(body, got.final_url, self.opts.max_bytes, got.content_type)
        if isinstance(parsed, Rejected):  # no validators kept: a broken feed is read (and reported) each cycle
            self._fail(url, parsed.reason, report)
            self.store.save_fetch_states([dataclasses.replace(state, state="failed", attempts=old.attempts + 1,
                                                              error=parsed.reason, etag=None, last_modified=None)])
            return []
        if parsed.lists_feeds:  # its sitemaps are kept as feeds it lists, to be polled even when it is a 304
            listed = [e.url for e in parsed.entries]
            known = self.store.fetch_states(listed)
            children = [dataclasses.replace(known.get(u) or FetchState(u, "feed", discovered_at=now), feed=url)
                        for u in listed]
            now_listed = set(listed)
            dropped = [dataclasses.replace(c, feed=None) for c in self.store.fetch_states_listed_by(url, "feed")
                       if c.url not in now_listed]  # no longer polled for this index
            with self.store.transaction("note a sitemap index's sitemaps"):
                self.store.save_fetch_states([*(c for c in children if c.kind == "feed"), *dropped, state])
            return listed
        known = self.store.fetch_states([e.url for e in parsed.entries])
        pages: list[FetchState] = []
        for e in parsed.entries:
            seen = known.get(e.url)
            if seen is None:  # found a microsecond apart: fetched in the order the feed lists them
                pages.append(FetchState(e.url, "page", feed=url, entry_updated=e.updated,
                                        discovered_at=now + timedelta(microseconds=len(pages))))
            elif (seen.kind == "page" and e.updated and e.updated != seen.entry_updated
                  and seen.state in ("done", "gone")):
                pages.append(dataclasses.replace(seen, state="pending", entry_updated=e.updated, attempts=0))
        report.found += len(pages)
        with self.store.transaction("note a feed's new entries"):  # the feed's validators with its news, or neither
            self.store.save_fetch_states([*pages, state])
        return []

    # --- pages ----------------------------------------------------------------------------------

    def _fetch_pages(self, due: list[FetchState], report: CycleReport) -> Iterator[tuple[FetchState, RawDocument]]:
        """Fetch each due page; failures and pages with nothing new are settled here, the rest
        yielded with their document (to be marked done once stored)."""
        for page in due:
            if self.stopping:
                return
            got = self.fetcher.get(page.url, want="page", etag=page.etag, last_modified=page.last_modified)
            if got.stopped:
                return
            now = _now()
            state = dataclasses.replace(page, fetched_at=now, status=got.status, final_url=got.final_url)
            if got.error is not None:
                self._page_failed(state, got.error, got.lasting, report)
                continue
            state = _validated(dataclasses.replace(state, ok_at=now, attempts=0, error=None), got, page)
            if got.not_modified:
                report.not_modified += 1
                self.store.save_fetch_states([dataclasses.replace(state, state="done")])
                continue
            report.fetched += 1
            doc = self._read(got, state, report)
            if doc is None:
                continue
            yield dataclasses.replace(state, content_hash=hashlib.sha256(got.body or b"").hexdigest(),
                                      doc_id=doc.doc_id), doc

    def _page_failed(self, state: FetchState, reason: str, lasting: bool, report: CycleReport) -> None:
        attempts = state.attempts + 1
        gone = lasting or attempts >= GIVE_UP_AFTER
        if not lasting and gone:
            reason = f"{reason} (failed {attempts} cycles in a row: given up)"
        self._fail(state.url, reason, report)
        self.store.save_fetch_states([dataclasses.replace(state, state="gone" if gone else "failed",
                                                          attempts=attempts, error=reason)])

    def _read(self, got: Fetched, state: FetchState, report: CycleReport) -> RawDocument | None:
        """The page's document, or None when it failed to read or is stored with this content."""
        where = got.final_url
        doc_id = content_hash(where)[:16]
        items = list(read_bytes(got.body or b"", f"{doc_id}.html", self.opts))
        doc = next((x for x in items if isinstance(x, RawDocument)), None)
        if doc is None:
            reason = next((x.reason for x in items if isinstance(x, Failure)), "no document in the page")
            self._page_failed(state, reason, True, report)
            return None
        doc = dataclasses.replace(doc, doc_id=doc_id, source=where, url=where)
        stored = self.store.get_document(doc_id)
        if stored is not None and stored.extracted_at is not None and stored.content_hash == doc.content_hash:
            report.same += 1
            self.store.save_fetch_states([dataclasses.replace(state, state="done", doc_id=doc_id,
                                                              content_hash=hashlib.sha256(got.body or b"").hexdigest())])
            return None
        return doc

    def _extract(self, fetched: list[tuple[FetchState, RawDocument]], run: StoreRun, index: Any,
                 report: CycleReport) -> None:
        """Stages 2-5 over a chunk of fetched pages, then the pages marked done."""
        from .pipeline import Pipeline, extract_into_store

        if self.pipeline is None:
            self.pipeline = Pipeline(self.opts)
        added, failed = len(run.added), len(run.failures)
        extract_into_store(self.store, [doc for _, doc in fetched], self.opts, index, run, pipeline=self.pipeline)
        report.stored.extend(run.added[added:])
        for failure in run.failures[failed:]:
            report.failures.append(failure)
            if self.on_failure is not None:
                self.on_failure(failure)
        self.store.save_fetch_states([dataclasses.replace(state, state="done") for state, _ in fetched])
