"""The Store: documents, their analysis, events and dedup state in SQLite or PostgreSQL.

1. ``Store.open(url)`` connects (SQLite: WAL, busy timeout, foreign keys; PostgreSQL through
   psycopg) and upgrades the schema to head with the Alembic migrations shipped in the package.
2. Writes go through one path per table family: ``add_documents`` and ``save_results`` both call
   ``_write_documents`` batch by batch, one transaction per batch, so an interrupted run keeps
   every batch it finished and a re-run skips them (content hashes are unique).
3. Reads rebuild the pipeline's typed records (``get_document``, ``iter_results``) exactly.

Every value is a bound parameter; no SQL is built from data.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import sqlite3
import threading
import time
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from sqlalchemy import (
    Connection,
    Engine,
    Table,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    select,
    update,
)
from sqlalchemy import text as sql_text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from .. import package_version
from ..actors.kb import KnowledgeBase
from ..errors import StoreError, StoreMissing
from ..options import Options
from ..records import (
    Analysis,
    CleanDocument,
    DocumentResult,
    Failure,
    FetchState,
    RawDocument,
    participants_key,
)
from . import convert, fetches, indexing, models
from .convert import AddReport, StoredDocument, StoreStats

if TYPE_CHECKING:
    from .people import PersonMatch

T = TypeVar("T")

BUSY_TIMEOUT_MS = 30_000
_OPEN_RETRIES = 8  # about 13 s of waiting in all for a store another process is creating
_EXCLUSIVE_LOCK = 0x636F6D6D
# Crash testing: with COMMUNIQUE_CRASH_AFTER_WRITES=N the process kills itself (SIGKILL) right
# after its N-th committed write transaction, so tests can crash a run between any two commits.
_CRASH_AFTER_WRITES = int(os.environ.get("COMMUNIQUE_CRASH_AFTER_WRITES", "0") or 0)  # PostgreSQL advisory lock key of Store.transaction(exclusive=True)
# Reads of a SQLite store go through a memory map of its file, not a read() per page: a person's
# page (a few hundred scattered rows) took 14 % less server CPU at 100k events. SQLite caps it at
# its build's maximum (2 GB on Debian's); mapped pages are the OS page cache, shared by processes.
SQLITE_MMAP_BYTES = 2**31
BATCH_SIZE = 100  # documents per transaction
SQLITE_POOL = (40, 10)  # pool_size, max_overflow: threads (ingest, PostgreSQL-style handlers, batches) may share a store
POSTGRES_POOL = (10, 20)  # well inside PostgreSQL's default max_connections (100) per process
PAGE_SIZE = 200  # documents per read query in iter_results
MEMO_SIZE = 4_096  # values Store.memo keeps (least recently used dropped first)
_PG_MIGRATION_LOCK = 0x636F6D6D  # pg_advisory_xact_lock key held while migrating

DOCS = cast(Table, models.Document.__table__)
PEOPLE = cast(Table, models.Person.__table__)
DOC_PEOPLE = cast(Table, models.DocPerson.__table__)
MENTIONS = cast(Table, models.Mention.__table__)
MEETINGS = cast(Table, models.Meeting.__table__)
QUOTES = cast(Table, models.Quote.__table__)
STATEMENTS = cast(Table, models.Statement.__table__)
EVENTS = cast(Table, models.Event.__table__)
EVENT_SOURCES = cast(Table, models.EventSource.__table__)
EVENT_REDIRECTS = cast(Table, models.EventRedirect.__table__)
EVENT_TERMS = cast(Table, models.EventTerm.__table__)
MERGE_PENDING = cast(Table, models.MergePending.__table__)
SIGNATURES = cast(Table, models.Signature.__table__)
LINKS = cast(Table, models.Link.__table__)
FAILURES = cast(Table, models.FailureRow.__table__)

ANALYSIS_TABLES = (MENTIONS, DOC_PEOPLE, MEETINGS, QUOTES, STATEMENTS)


def _load_statements() -> tuple[Any, dict[str, Any]]:
    """What ``Store._load`` reads for a list of doc_ids (the bound ``ids``): the documents, and
    each part of their analysis in order. Built once: building and keying a statement cost more
    than executing it for one document."""
    ids: Any = bindparam("ids", expanding=True)
    parts = {
        "people": select(DOC_PEOPLE, PEOPLE.c.name).join(PEOPLE, PEOPLE.c.id == DOC_PEOPLE.c.person_id)
        .where(DOC_PEOPLE.c.doc_id.in_(ids)).order_by(DOC_PEOPLE.c.doc_id, DOC_PEOPLE.c.idx),
        "mentions": select(MENTIONS).where(MENTIONS.c.doc_id.in_(ids))
        .order_by(MENTIONS.c.doc_id, MENTIONS.c.person_idx, MENTIONS.c.idx),
        **{key: select(table).where(table.c.doc_id.in_(ids)).order_by(table.c.doc_id, table.c.idx)
           for key, table in (("meetings", MEETINGS), ("quotes", QUOTES), ("statements", STATEMENTS))},
    }
    return select(DOCS).where(DOCS.c.doc_id.in_(ids)), parts


_LOAD_STATEMENTS = _load_statements()


def _batched(items: Iterable[T], n: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(itertools.islice(it, n)):
        yield batch


def _now() -> datetime:
    return datetime.now(UTC)


def normalise_url(url: str) -> URL:
    """``postgresql://`` -> psycopg 3 driver; a bare path -> ``sqlite:///path``."""
    if "://" not in url:
        url = f"sqlite:///{url}"
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"{url}: not a store URL ({exc}); use sqlite:///FILE or postgresql://USER@HOST/DB") from None
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+psycopg")
    if backend != "sqlite":
        masked = parsed.render_as_string(hide_password=True)
        raise StoreError(f"{masked}: unsupported store backend {backend!r}; use sqlite:/// or postgresql://")
    return parsed


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (see _sqlite_on_begin)
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute(f"PRAGMA mmap_size = {SQLITE_MMAP_BYTES}")
    cur.close()


def _sqlite_on_begin(conn: Connection) -> None:
    # Writers take the lock up front (BEGIN IMMEDIATE) so the busy timeout applies instead of
    # a deadlock error when two processes upgrade a read lock at the same time.
    immediate = conn.get_execution_options().get("communique_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _locked(exc: BaseException) -> bool:
    cause = getattr(exc, "orig", None) or exc
    return isinstance(cause, sqlite3.OperationalError) and "locked" in str(cause)


def _json_default(value: Any) -> Any:
    """JSON for what the stages hand in besides plain types: numpy values/arrays, dates, sets."""
    if hasattr(value, "tolist"):  # numpy scalars and arrays
        return value.tolist()
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _json_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_json_default)


def _make_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        memory = url.database in (None, "", ":memory:")
        if not memory and url.database:
            parent = Path(url.database).expanduser().resolve().parent
            if not parent.is_dir():
                raise OSError(f"directory {parent} does not exist")
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
            json_serializer=_json_dumps,
            **({"poolclass": StaticPool} if memory else {"pool_size": SQLITE_POOL[0], "max_overflow": SQLITE_POOL[1]}),
        )
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, json_serializer=_json_dumps,
                         pool_size=POSTGRES_POOL[0], max_overflow=POSTGRES_POOL[1])


def _sqlite_path(url: URL) -> str | None:
    """The file of a SQLite store URL (None for other backends and in-memory stores)."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return str(url.database)


def _sqlite_file_missing(url: URL) -> bool:
    path = _sqlite_path(url)
    return path is not None and not Path(path).expanduser().is_file()


def _has_schema(engine: Engine) -> bool:
    """Whether the database holds communique's schema (its Alembic version table). A SQLite file
    is asked read-only, so that a file which is not a store is left exactly as it was."""
    path = _sqlite_path(engine.url)
    if path is not None:
        uri = Path(path).expanduser().resolve().as_uri() + "?mode=ro"
        try:
            with closing(sqlite3.connect(uri, uri=True)) as conn:
                return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
                                    ).fetchone() is not None
        except sqlite3.DatabaseError:
            return False  # not a SQLite database at all
    from sqlalchemy import inspect

    with engine.connect() as conn:
        return bool(inspect(conn).has_table("alembic_version"))


def _alembic_config() -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    return cfg


def head_revision() -> str:
    """The newest schema revision this package ships (what ``Store.open`` upgrades to)."""
    from alembic.script import ScriptDirectory

    return str(ScriptDirectory.from_config(_alembic_config()).get_current_head())


def _migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to ``revision`` (default: head) in one transaction."""
    from alembic import command

    cfg = _alembic_config()
    with engine.connect().execution_options(communique_write=True) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(select(func.pg_advisory_xact_lock(_PG_MIGRATION_LOCK)))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)



class Store:
    """Documents and their analysis; open with ``Store.open(url)``, use as a context manager."""

    def __init__(self, engine: Engine, url: URL) -> None:
        self.engine = engine
        self.url = url
        self.display_url = url.render_as_string(hide_password=True)
        self.dialect = engine.dialect.name
        # a private in-memory SQLite store: gone once closed, never opened again by URL
        self.in_memory = self.dialect == "sqlite" and url.database in (None, "", ":memory:")
        self._writes = 0  # write transactions through this object (see change_token)
        self._watch: sqlite3.Connection | None = None  # a read-only connection that only asks data_version
        self._watch_lock = threading.Lock()
        self._memo: OrderedDict[Hashable, Any] = OrderedDict()  # see memo()
        self._memo_token: tuple[int, int] | None = None
        self._memo_lock = threading.Lock()
        self._tx = threading.local()  # the connection of this thread's open transaction(), if any
        self._kb: KnowledgeBase | None = None  # loaded on first use (see kb)
        self._kb_lock = threading.Lock()

    @classmethod
    def open(cls, url: str | None = None, opts: Options | None = None, *, create: bool = True) -> Store:
        """Connect to ``url`` (default ``opts.db``) and upgrade its schema to the latest migration.

        ``create=False`` (read-only commands): a store that does not exist yet (no SQLite file, or
        a database without communique's schema) raises ``StoreMissing`` ("no store at ...")
        instead of being created."""
        if url is None:
            url = (opts or Options.load()).db
        parsed = normalise_url(url)
        masked = parsed.render_as_string(hide_password=True)
        if not create and _sqlite_file_missing(parsed):
            raise StoreMissing(f"no store at {_sqlite_path(parsed) or masked}")
        engine: Engine | None = None
        for attempt in itertools.count():
            started = time.monotonic()
            try:
                engine = _make_engine(parsed)
                if not create and not _has_schema(engine):
                    engine.dispose()
                    raise StoreMissing(f"no store at {_sqlite_path(parsed) or masked}")
                _migrate(engine)
                break
            except StoreMissing:
                raise
            except Exception as exc:  # SQLAlchemy, driver, alembic, OS: all mean "cannot open"
                if engine is not None:
                    engine.dispose()
                    engine = None
                if _locked(exc) and attempt < _OPEN_RETRIES and time.monotonic() - started < 1.0:
                    # two processes creating one SQLite file at once: switching it to WAL answers
                    # "locked" at once, without the busy wait; the other process finishes soon
                    time.sleep(0.05 * 2 ** attempt)
                    continue
                cause = getattr(exc, "orig", None) or exc
                text = str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__
                if "Can't locate revision" in text:
                    text += " (the store was written by a newer communique)"
                raise StoreError(f"{masked}: cannot open store: {text}") from exc
        assert engine is not None
        return cls(engine, parsed)

    def close(self) -> None:
        """Close the store (its connections and change watcher); ``with Store.open(...)`` calls it."""
        with self._watch_lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None
        self.engine.dispose()

    def change_token(self) -> tuple[int, int] | None:
        """A value that changes whenever the store's content may have changed, from this or any
        other process; None when that cannot be told cheaply (PostgreSQL), so callers must not cache.

        SQLite: this object's own write count and ``PRAGMA data_version`` of a dedicated read-only
        connection, which changes whenever any other connection (any process) commits."""
        if self.dialect != "sqlite":
            return None
        path = self.url.database
        if self.in_memory or not path:
            return (self._writes, 0)  # a private in-memory store: only this object writes
        with self._watch_lock:
            try:
                if self._watch is None:
                    uri = Path(path).expanduser().resolve().as_uri() + "?mode=ro"
                    self._watch = sqlite3.connect(uri, uri=True, check_same_thread=False)
                return (self._writes, int(self._watch.execute("PRAGMA data_version").fetchone()[0]))
            except sqlite3.Error:
                return None

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, remembered under ``key`` until the store changes (the last ``MEMO_SIZE``
        keys); computed every time where a change cannot be told cheaply (``change_token`` None).

        For small facts derived from the content that a read would otherwise recompute each time.
        Ask inside the read that uses the value: the token is taken first, so a value computed
        from content newer than its token is only ever kept under a token that is already stale."""
        token = self.change_token()
        if token is None:
            return compute()
        with self._memo_lock:
            if token != self._memo_token:
                self._memo.clear()
                self._memo_token = token
            elif key in self._memo:
                self._memo.move_to_end(key)
                return cast(T, self._memo[key])
        value = compute()
        with self._memo_lock:
            if token == self._memo_token:
                self._memo[key] = value
                while len(self._memo) > MEMO_SIZE:
                    self._memo.popitem(last=False)
        return value

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge base that names people (aliases, surnames, titles), loaded on first use."""
        with self._kb_lock:
            if self._kb is None:
                self._kb = KnowledgeBase.load()
            return self._kb

    def find_people(self, query: str) -> list[PersonMatch]:
        """Every stored person ``query`` may name (canonical names, aliases, transliterations,
        surnames, titles stripped), best first: the one resolver of the CLI, API and UI
        (``store.people``)."""
        from .people import find_people

        return find_people(self, query)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.display_url}>"

    # --- plumbing ------------------------------------------------------------------------------

    @contextmanager
    def transaction(self, action: str, *, exclusive: bool = False) -> Iterator[None]:
        """Every store call of this thread inside the block is one write transaction: all of it
        becomes visible at once, or none of it (a crash, an error). ``exclusive``: also wait for
        and hold the store-wide lock, so that two processes' blocks run one after the other
        (SQLite's write lock does that already; PostgreSQL takes an advisory lock)."""
        if getattr(self._tx, "conn", None) is not None:
            yield  # already inside one
            return
        with self._write(action) as conn:
            if exclusive and self.dialect == "postgresql":
                conn.execute(sql_text("SELECT pg_advisory_xact_lock(:k)"), {"k": _EXCLUSIVE_LOCK})
            self._tx.conn = conn
            try:
                yield
            finally:
                self._tx.conn = None

    @contextmanager
    def _write(self, action: str) -> Iterator[Connection]:
        """One write transaction (or the open ``transaction``'s); errors become StoreError naming
        the store and the action."""
        open_tx = getattr(self._tx, "conn", None)
        if open_tx is not None:
            yield open_tx
            return
        try:
            with self.engine.connect().execution_options(communique_write=True) as conn, conn.begin():
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.display_url}: cannot {action}: {getattr(exc, 'orig', None) or exc}") from exc
        finally:
            self._writes += 1
        if self._writes == _CRASH_AFTER_WRITES:
            os.kill(os.getpid(), signal.SIGKILL)  # the crash tests' kill point (see _CRASH_AFTER_WRITES)

    @contextmanager
    def _read(self, action: str) -> Iterator[Connection]:
        open_tx = getattr(self._tx, "conn", None)
        try:
            if open_tx is not None:
                yield open_tx  # read what this transaction has written
                return
            with self.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.display_url}: cannot {action}: {getattr(exc, 'orig', None) or exc}") from exc

    def _insert(self, table: Table) -> Any:
        return postgresql.insert(table) if self.dialect == "postgresql" else sqlite.insert(table)

    # --- documents -----------------------------------------------------------------------------

    def add_documents(self, docs: Iterable[CleanDocument], batch_size: int = BATCH_SIZE) -> AddReport:
        """Store raw + clean documents, skipping content already stored; one transaction per batch."""
        report = AddReport()
        for batch in _batched(docs, batch_size):
            with self._write("add documents") as conn:
                report.merge(self._write_documents(conn, [(d, None) for d in batch], None))
        return report

    def save_results(self, results: Iterable[DocumentResult], batch_size: int = BATCH_SIZE,
                     extractor_version: str | None = None) -> AddReport:
        """Upsert each document with its quality and replace its analysis (idempotent)."""
        version = extractor_version or package_version()
        report = AddReport()
        for batch in _batched(results, batch_size):
            with self._write("save results") as conn:
                report.merge(self._write_documents(conn, [(r.clean, r) for r in batch], version))
        return report

    def save_result(self, result: DocumentResult) -> AddReport:
        """``save_results`` for one result."""
        return self.save_results([result])

    def _write_documents(self, conn: Connection, items: Sequence[tuple[CleanDocument, DocumentResult | None]],
                         version: str | None) -> AddReport:
        """The one write path: insert (or, with results, upsert) documents and their analysis."""
        upsert = version is not None
        report = AddReport()
        now = _now()
        hashes = {c.raw.content_hash for c, _ in items}
        ids = {c.raw.doc_id for c, _ in items}
        by_hash = dict(conn.execute(select(DOCS.c.content_hash, DOCS.c.doc_id).where(DOCS.c.content_hash.in_(hashes))).all())
        by_id = {i: (h, src) for i, h, src in conn.execute(
            select(DOCS.c.doc_id, DOCS.c.content_hash, DOCS.c.source).where(DOCS.c.doc_id.in_(ids))).all()}
        rows: dict[str, dict[str, Any]] = {}  # by doc_id: a later item for the same id and source wins
        kept: dict[str, DocumentResult] = {}
        for clean, result in items:
            doc_id, digest, source = clean.raw.doc_id, clean.raw.content_hash, clean.raw.source
            owner = by_hash.get(digest)
            if owner is not None and owner != doc_id:
                report.skip(doc_id, f"same content as {owner}")
                continue
            stored = by_id.get(doc_id)
            if stored is not None and stored[0] != digest and stored[1] != source:
                clash = Failure(source, f"id {doc_id!r} already names a different document, from {stored[1]}: "
                                        "not stored (give one of them another id)", stage="store")
                report.failures.append(clash)
                report.refused.add((doc_id, source))
                self._note_failure(conn, clash)
                continue
            if not upsert and stored is not None:
                report.skip(doc_id, "already stored" if owner == doc_id
                            else "already stored with other content from the same source: `communique run` updates it")
                continue
            by_hash[digest] = doc_id
            by_id[doc_id] = (digest, source)
            if doc_id not in rows:
                report.added_ids.append(doc_id)
                if stored is not None and stored[0] != digest:
                    report.replaced_ids.append(doc_id)
            rows[doc_id] = convert.document_row(clean, now, result, version)
            if result is not None:
                kept[doc_id] = result
        if not rows:
            return report
        stmt = self._insert(DOCS)
        if upsert:
            keep = {"doc_id", "ingested_at"}
            stmt = stmt.on_conflict_do_update(
                index_elements=[DOCS.c.doc_id],
                set_={c.name: stmt.excluded[c.name] for c in DOCS.columns if c.name not in keep},
            )
        else:
            stmt = stmt.on_conflict_do_nothing()
        conn.execute(stmt, list(rows.values()))
        if kept:
            self._replace_analysis(conn, list(kept.values()))
        return report

    def _replace_analysis(self, conn: Connection, results: Sequence[DocumentResult]) -> None:
        ids = [r.doc_id for r in results]
        old_people = set(conn.execute(select(DOC_PEOPLE.c.person_id).where(DOC_PEOPLE.c.doc_id.in_(ids))).scalars())
        speakers = {s for s in conn.execute(select(QUOTES.c.speaker).where(QUOTES.c.doc_id.in_(ids))).scalars() if s}
        indexing.index_quotes(conn, ids, remove=True)
        for table in ANALYSIS_TABLES:
            conn.execute(delete(table).where(table.c.doc_id.in_(ids)))
        people = self._person_ids(conn, [p for r in results for p in r.analysis.people])
        doc_people: list[dict[str, Any]] = []
        mentions: list[dict[str, Any]] = []
        meetings: list[dict[str, Any]] = []
        quotes: list[dict[str, Any]] = []
        statements: list[dict[str, Any]] = []
        for r in results:
            doc_id, a = r.doc_id, r.analysis
            for i, p in enumerate(a.people):
                pid = people[p.name]
                doc_people.append({"doc_id": doc_id, "idx": i, "person_id": pid, "role": p.role,
                                   "country": p.country, "wikidata": p.wikidata})
                mentions.extend({"doc_id": doc_id, "person_id": pid, "person_idx": i, "idx": k,
                                 "text": m.text, "start": m.start, "end": m.end} for k, m in enumerate(p.mentions))
            meetings.extend(convert.meeting_row(doc_id, i, m) for i, m in enumerate(a.meetings))
            quotes.extend(convert.quote_row(doc_id, i, q) for i, q in enumerate(a.quotes))
            statements.extend(convert.statement_row(doc_id, i, s) for i, s in enumerate(a.statements))
        for table, rows in ((DOC_PEOPLE, doc_people), (MENTIONS, mentions), (MEETINGS, meetings),
                            (QUOTES, quotes), (STATEMENTS, statements)):
            if rows:
                conn.execute(table.insert(), rows)
        indexing.index_quotes(conn, ids)
        speakers.update(q["speaker"] for q in quotes if q["speaker"])
        indexing.refresh_people_counts(conn, old_people | set(people.values()), speakers)
        # Keep what dedup/events computed when the result itself does not say.
        es = EVENT_SOURCES
        conn.execute(
            update(MEETINGS)
            .where(MEETINGS.c.doc_id.in_(ids), MEETINGS.c.event_id.is_(None))
            .values(event_id=select(func.min(es.c.event_id)).where(
                es.c.doc_id == MEETINGS.c.doc_id, es.c.meeting_idx == MEETINGS.c.idx).scalar_subquery())
        )
        link = select(LINKS).where(LINKS.c.doc_id == DOCS.c.doc_id)
        conn.execute(
            update(DOCS)
            .where(DOCS.c.doc_id.in_(ids), DOCS.c.near_duplicate_of.is_(None), link.exists())
            .values(near_duplicate_of=select(LINKS.c.target).where(LINKS.c.doc_id == DOCS.c.doc_id).scalar_subquery(),
                    duplicate_reason=select(LINKS.c.reason).where(LINKS.c.doc_id == DOCS.c.doc_id).scalar_subquery())
        )

    def _person_ids(self, conn: Connection, people: Sequence[Any]) -> dict[str, int]:
        """Get-or-create ``people`` rows by name; fill in wikidata/role/country they lacked."""
        if not people:
            return {}
        first: dict[str, dict[str, Any]] = {}
        for p in people:
            first.setdefault(p.name, {"name": p.name, "wikidata": p.wikidata, "role": p.role, "country": p.country})
        stmt = self._insert(PEOPLE)
        stmt = stmt.on_conflict_do_update(
            index_elements=[PEOPLE.c.name],
            set_={c: func.coalesce(PEOPLE.c[c], stmt.excluded[c]) for c in ("wikidata", "role", "country")},
        )
        conn.execute(stmt, list(first.values()))
        found = conn.execute(select(PEOPLE.c.name, PEOPLE.c.id).where(PEOPLE.c.name.in_(list(first))))
        return dict(found.all())

    def has_content(self, content_hash: str) -> bool:
        """Whether a document with this content hash (``RawDocument.content_hash``) is stored."""
        with self._read("look up content") as conn:
            return conn.execute(select(DOCS.c.doc_id).where(DOCS.c.content_hash == content_hash)).first() is not None

    def doc_ids(self) -> list[str]:
        """Every stored document id, in order."""
        with self._read("list documents") as conn:
            return list(conn.execute(select(DOCS.c.doc_id).order_by(DOCS.c.doc_id)).scalars())

    def get_document(self, doc_id: str) -> StoredDocument | None:
        """The stored document ``doc_id`` with its annotations, or None when there is none."""
        with self._read(f"read document {doc_id}") as conn:
            docs = self._load(conn, [doc_id])
        return docs[0] if docs else None

    def iter_results(self, page_size: int = PAGE_SIZE) -> Iterator[DocumentResult]:
        """Every stored document as a DocumentResult, in doc_id order (read page by page)."""
        for doc in self.iter_documents(page_size):
            yield doc.to_result()

    def get_results(self, doc_ids: Iterable[str], page_size: int = PAGE_SIZE) -> Iterator[DocumentResult]:
        """The named stored documents as DocumentResults, in doc_id order (ids not stored are skipped)."""
        for chunk in _batched(sorted(set(doc_ids)), page_size):
            with self._read("read documents") as conn:
                docs = self._load(conn, chunk)
            yield from (d.to_result() for d in docs)

    def unsigned_results(self) -> list[DocumentResult]:
        """The stored documents that have no dedup signature yet (stored by a run that stopped
        before linking them): what linking must still take in."""
        with self._read("find documents not linked yet") as conn:
            ids = list(conn.execute(select(DOCS.c.doc_id).where(
                ~DOCS.c.doc_id.in_(select(SIGNATURES.c.doc_id)))).scalars())
        return list(self.get_results(ids))

    def participant_keys(self, doc_ids: Collection[str]) -> set[str]:
        """The participant keys (``records.participants_key``) of the meetings of ``doc_ids`` and of
        the events that hold any of their meetings now: every event these documents may change."""
        out: set[str] = set()
        with self._read("read participant keys") as conn:
            for chunk in _batched(sorted(doc_ids), 500):
                out.update(k for k in conn.execute(select(MEETINGS.c.participants_key).where(
                    MEETINGS.c.doc_id.in_(chunk))).scalars() if k)
                out.update(k for k in conn.execute(select(EVENTS.c.participants_key).where(EVENTS.c.event_id.in_(
                    select(EVENT_SOURCES.c.event_id).where(EVENT_SOURCES.c.doc_id.in_(chunk))))).scalars() if k)
        return out

    def meetings_for_merging(self, keys: Collection[str]) -> list[DocumentResult]:
        """Every stored document with a meeting of one of the participant ``keys``, with only what
        merging reads of it: its id, source, publication date and meetings (in index order)."""
        docs: dict[str, DocumentResult] = {}
        meetings: dict[str, list[Any]] = defaultdict(list)
        with self._read("read meetings to merge") as conn:
            for chunk in _batched(sorted(keys), 500):
                ids = select(MEETINGS.c.doc_id).where(MEETINGS.c.participants_key.in_(chunk))
                for row in conn.execute(select(DOCS.c.doc_id, DOCS.c.source, DOCS.c.publication_date)
                                        .where(DOCS.c.doc_id.in_(ids))):
                    if row.doc_id in docs:
                        continue
                    raw = RawDocument(row.doc_id, row.source, "", publication_date=row.publication_date)
                    docs[row.doc_id] = DocumentResult(CleanDocument(raw, "", ()))
            for chunk in _batched(sorted(docs), 500):
                for m in conn.execute(select(MEETINGS).where(MEETINGS.c.doc_id.in_(chunk))
                                      .order_by(MEETINGS.c.doc_id, MEETINGS.c.idx)).mappings():
                    meetings[m["doc_id"]].append(convert.meeting_from_row(m))
        for doc_id, r in docs.items():
            r.analysis = Analysis(meetings=tuple(meetings.get(doc_id, ())))
        return [docs[d] for d in sorted(docs)]

    def iter_documents(self, page_size: int = PAGE_SIZE) -> Iterator[StoredDocument]:
        """Every stored document, in doc_id order (read page by page)."""
        last: str | None = None
        while True:
            with self._read("read documents") as conn:
                q = select(DOCS.c.doc_id).order_by(DOCS.c.doc_id).limit(page_size)
                if last is not None:
                    q = q.where(DOCS.c.doc_id > last)
                ids = list(conn.execute(q).scalars())
                if not ids:
                    return
                docs = self._load(conn, ids)
            yield from docs
            last = ids[-1]

    def _load(self, conn: Connection, ids: Sequence[str]) -> list[StoredDocument]:
        documents, parts_of = _LOAD_STATEMENTS
        bound = {"ids": list(ids)}
        rows = conn.execute(documents, bound).mappings().all()
        by_doc: dict[str, dict[str, list[Any]]] = {r["doc_id"]: {} for r in rows}
        for key, query in parts_of.items():
            for r in conn.execute(query, bound).mappings().all():
                by_doc[r["doc_id"]].setdefault(key, []).append(r)
        order = {d: i for i, d in enumerate(ids)}
        out: list[StoredDocument] = []
        for row in sorted(rows, key=lambda r: order[r["doc_id"]]):
            parts = by_doc[row["doc_id"]]
            mentions: dict[int, list[Any]] = {}
            for m in parts.get("mentions", []):
                mentions.setdefault(m["person_idx"], []).append(m)
            analysis = Analysis(
                people=tuple(convert.person_from_rows(p, mentions.get(p["idx"], [])) for p in parts.get("people", [])),
                meetings=tuple(convert.meeting_from_row(m) for m in parts.get("meetings", [])),
                quotes=tuple(convert.quote_from_row(q) for q in parts.get("quotes", [])),
                statements=tuple(convert.statement_from_row(s) for s in parts.get("statements", [])),
                skipped=row["skipped"],
            )
            out.append(StoredDocument(
                clean=convert.clean_from_row(row), content_hash=row["content_hash"],
                quality=convert.quality_from_row(row), analysis=analysis,
                near_duplicate_of=row["near_duplicate_of"], duplicate_reason=row["duplicate_reason"],
                ingested_at=row["ingested_at"], extracted_at=row["extracted_at"],
                extractor_version=row["extractor_version"],
            ))
        return out

    # --- watched feeds and pages (communique watch) --------------------------------------------

    def fetch_states(self, urls: Sequence[str]) -> dict[str, FetchState]:
        """What ``watch`` knows of each of ``urls`` (those it has seen): url -> FetchState."""
        with self._read("read fetch states") as conn:
            return fetches.get_states(conn, urls)

    def due_pages(self, limit: int | None = None) -> list[FetchState]:
        """Article URLs ``watch`` is to fetch (pending, or failed in a way that may pass), oldest first."""
        with self._read("read pages to fetch") as conn:
            return fetches.due_pages(conn, limit)

    def fetch_states_listed_by(self, feed: str, kind: str = "feed") -> list[FetchState]:
        """The URLs of ``kind`` that ``feed`` listed when last read (a sitemap index's sitemaps)."""
        with self._read("read fetch states") as conn:
            return fetches.listed_by(conn, feed, kind)

    def save_fetch_states(self, states: Iterable[FetchState]) -> None:
        """Insert or replace each URL's state (one transaction, or the open ``transaction``'s)."""
        with self._write("save fetch states") as conn:
            fetches.save_states(conn, self._insert(fetches.FETCHES), states, _now())

    def fetch_counts(self) -> dict[str, int]:
        """URLs ``watch`` knows by ``kind:state`` (``page:done``, ``feed:failed`` ...)."""
        with self._read("count fetch states") as conn:
            return fetches.count_states(conn)

    # --- failures and stats --------------------------------------------------------------------

    def record_failure(self, failure: Failure) -> None:
        """Keep ``failure`` (once: the same failure met again by a re-run only updates its time)."""
        with self._write("record a failure") as conn:
            self._note_failure(conn, failure)

    @staticmethod
    def _note_failure(conn: Connection, failure: Failure) -> None:
        same = (FAILURES.c.source == failure.source, FAILURES.c.reason == failure.reason, FAILURES.c.stage == failure.stage)
        if conn.execute(update(FAILURES).where(*same).values(at=_now())).rowcount == 0:
            conn.execute(FAILURES.insert(), {"source": failure.source, "reason": failure.reason,
                                             "stage": failure.stage, "at": _now()})

    def failures(self) -> list[Failure]:
        """Every input failure recorded (once each), oldest first."""
        with self._read("read failures") as conn:
            rows = conn.execute(select(FAILURES.c.source, FAILURES.c.reason, FAILURES.c.stage).order_by(FAILURES.c.id))
            return [Failure(source=s, reason=r, stage=st) for s, r, st in rows]

    def stats(self) -> StoreStats:
        """What the store holds: documents by kind and language, spun, people, meetings, quotes, statements, events, failures."""
        with self._read("count") as conn:
            def count(table: Table, *where: Any) -> int:
                return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())

            def by(col: Any) -> dict[str, int]:
                # by name, the documents not known yet ("unknown": NULL) last, the same on every backend
                rows = sorted(conn.execute(select(col, func.count()).group_by(col)).all(),
                              key=lambda r: (r[0] is None, str(r[0])))
                return {str(k) if k is not None else "unknown": int(n) for k, n in rows}

            return StoreStats(
                documents=count(DOCS), by_kind=by(DOCS.c.kind), by_language=by(DOCS.c.language),
                spun=count(DOCS, DOCS.c.spun.is_(True)), people=count(PEOPLE), meetings=count(MEETINGS),
                quotes=count(QUOTES), statements=count(STATEMENTS), events=count(EVENTS), failures=count(FAILURES),
                people_in_documents=count(DOC_PEOPLE),
            )

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables (no grouping: cheap enough for a health check)."""
        tables = {"documents": DOCS, "people": PEOPLE, "meetings": MEETINGS, "quotes": QUOTES,
                  "statements": STATEMENTS, "events": EVENTS, "failures": FAILURES}
        with self._read("count") as conn:
            out = {k: int(conn.execute(select(func.count()).select_from(t)).scalar_one()) for k, t in tables.items()}
            out["spun"] = int(conn.execute(select(func.count()).where(DOCS.c.spun.is_(True))).scalar_one())
            return out

    # --- dedup and events (engineer H4) --------------------------------------------------------

    def save_signatures(self, sigs: Mapping[str, dict[str, Any]]) -> None:
        """Upsert each document's dedup features (JSON-serialisable dicts)."""
        rows = [{"doc_id": k, "data": v} for k, v in sigs.items()]
        for batch in _batched(rows, 500):
            with self._write("save signatures") as conn:
                stmt = self._insert(SIGNATURES)
                conn.execute(stmt.on_conflict_do_update(index_elements=[SIGNATURES.c.doc_id],
                                                        set_={"data": stmt.excluded.data}), batch)

    def clean_texts(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """The cleaned text of each named stored document (for encoding embeddings on demand)."""
        out: dict[str, str] = {}
        with self._read("read cleaned texts") as conn:
            for chunk in _batched(list(doc_ids), 500):
                out.update(conn.execute(select(DOCS.c.doc_id, DOCS.c.clean_text).where(DOCS.c.doc_id.in_(chunk))).all())
        return out

    def load_signatures(self, missing_from: Collection[str] | None = None) -> dict[str, dict[str, Any]]:
        """Every stored signature, or only those of documents not in ``missing_from``."""
        with self._read("load signatures") as conn:
            if missing_from is None:
                return dict(conn.execute(select(SIGNATURES.c.doc_id, SIGNATURES.c.data)).all())
            ids = [d for d in conn.execute(select(SIGNATURES.c.doc_id)).scalars() if d not in missing_from]
            out: dict[str, dict[str, Any]] = {}
            for chunk in _batched(ids, 500):
                out.update(conn.execute(select(SIGNATURES.c.doc_id, SIGNATURES.c.data)
                                        .where(SIGNATURES.c.doc_id.in_(chunk))).all())
            return out

    def save_links(self, links: Iterable[tuple[str, str, str, float]], replace: bool = False) -> None:
        """Upsert (doc_id, target, reason, score) links and mirror them on documents.

        ``replace=True`` first drops every stored link (a full dedup run).
        """
        rows = [{"doc_id": d, "target": t, "reason": r, "score": float(s)} for d, t, r, s in links]
        with self._write("save links") as conn:
            if replace:
                conn.execute(delete(LINKS))
                conn.execute(update(DOCS).where(DOCS.c.near_duplicate_of.is_not(None))
                             .values(near_duplicate_of=None, duplicate_reason=None))
            if rows:
                stmt = self._insert(LINKS)
                conn.execute(stmt.on_conflict_do_update(
                    index_elements=[LINKS.c.doc_id],
                    set_={c: stmt.excluded[c] for c in ("target", "reason", "score")}), rows)
                conn.execute(
                    update(DOCS).where(DOCS.c.doc_id == bindparam("d"))
                    .values(near_duplicate_of=bindparam("t"), duplicate_reason=bindparam("r")),
                    [{"d": r["doc_id"], "t": r["target"], "r": r["reason"]} for r in rows],
                )

    def note_merge_pending(self, doc_ids: Iterable[str]) -> None:
        """Remember that the events of ``doc_ids`` must be merged again (in the transaction that
        stores or re-links them: a run killed before merging leaves the next run this list)."""
        for chunk in _batched(sorted(set(doc_ids)), 500):
            with self._write("note documents to merge") as conn:  # (only ids stored: a refused copy is not)
                conn.execute(MERGE_PENDING.insert().from_select(["doc_id"], select(DOCS.c.doc_id).where(
                    DOCS.c.doc_id.in_(chunk), DOCS.c.doc_id.not_in(select(MERGE_PENDING.c.doc_id)))))

    def merge_pending(self) -> set[str]:
        """The documents whose events are still to be merged (see ``note_merge_pending``)."""
        with self._read("read documents to merge") as conn:
            return set(conn.execute(select(MERGE_PENDING.c.doc_id)).scalars())

    def clear_merge_pending(self, doc_ids: Collection[str] | None = None) -> None:
        """Forget ``doc_ids`` (None: all) as merged (in the transaction that rewrites their events)."""
        with self._write("clear documents to merge") as conn:
            if doc_ids is None:
                conn.execute(delete(MERGE_PENDING))
                return
            for chunk in _batched(sorted(doc_ids), 500):
                conn.execute(delete(MERGE_PENDING).where(MERGE_PENDING.c.doc_id.in_(chunk)))

    def load_links(self) -> dict[str, tuple[str, str, float]]:
        """Copy links: doc_id -> (the document it copies, why, score)."""
        with self._read("load links") as conn:
            rows = conn.execute(select(LINKS.c.doc_id, LINKS.c.target, LINKS.c.reason, LINKS.c.score))
            return {d: (t, r, s) for d, t, r, s in rows}

    def replace_events(self, events: Iterable[tuple[str, dict[str, Any]]],
                       sources: Iterable[tuple[str, str, int]], scope: Collection[str] | None = None) -> None:
        """Replace every event and its sources; set ``meetings.event_id`` to match; recompute
        the derived event columns, ``event_terms`` and the search text (``indexing.index_events``).

        ``scope``: participant keys (``records.participants_key``): only the events of these keys
        are replaced (``events`` holds all of theirs), the rest of the store is left as it is."""
        now = _now()
        event_rows = [{"event_id": e, "data": d, "updated_at": now,
                       "participants_key": participants_key(d.get("participants", ()))} for e, d in events]
        source_rows = [{"event_id": e, "doc_id": d, "meeting_idx": i} for e, d, i in dict.fromkeys(sources)]
        with self._write("replace events") as conn:
            old: list[str] | None = None  # None: every event is replaced
            dropped: list[int] = []  # sort_ranks of the replaced events
            if scope is not None:
                old = [e for chunk in _batched(sorted(scope), 500) for e in conn.execute(
                    select(EVENTS.c.event_id).where(EVENTS.c.participants_key.in_(chunk))).scalars()]
            self._redirect_events(conn, source_rows, old)
            if old is None:
                conn.execute(delete(EVENT_SOURCES))
                conn.execute(delete(EVENTS))
                conn.execute(update(MEETINGS).where(MEETINGS.c.event_id.is_not(None)).values(event_id=None))
            else:  # the events of these keys go, with their terms and search text; the rest stay
                for chunk in _batched(old, 500):
                    dropped += [r for r in conn.execute(select(EVENTS.c.sort_rank).where(EVENTS.c.event_id.in_(chunk)))
                                .scalars() if r is not None]
                    conn.execute(delete(EVENT_TERMS).where(EVENT_TERMS.c.event_id.in_(chunk)))
                    conn.execute(delete(EVENT_SOURCES).where(EVENT_SOURCES.c.event_id.in_(chunk)))
                    conn.execute(delete(EVENTS).where(EVENTS.c.event_id.in_(chunk)))
                    conn.execute(update(MEETINGS).where(MEETINGS.c.event_id.in_(chunk)).values(event_id=None))
                if conn.dialect.name == "sqlite":
                    for ranks in _batched(dropped, 500):
                        conn.execute(sql_text(f"DELETE FROM {indexing.FTS_TABLE} WHERE rowid IN :r")
                                     .bindparams(bindparam("r", expanding=True)), {"r": ranks})
            if event_rows:
                conn.execute(EVENTS.insert(), event_rows)
            if source_rows:
                conn.execute(EVENT_SOURCES.insert(), source_rows)
                conn.execute(
                    update(MEETINGS).where(MEETINGS.c.doc_id == bindparam("d"), MEETINGS.c.idx == bindparam("i"))
                    .values(event_id=bindparam("e")),
                    [{"d": r["doc_id"], "i": r["meeting_idx"], "e": r["event_id"]} for r in source_rows],
                )
            if old is None:
                indexing.index_events(conn)
            else:
                indexing.index_events(conn, only=[str(r["event_id"]) for r in event_rows])

    @staticmethod
    def _redirect_events(conn: Connection, new_sources: Sequence[dict[str, Any]], replaced: Sequence[str] | None = None) -> None:
        """Keep each event id that the new events no longer use as a redirect to the events its
        reports are now in (the one holding its first report first); drop redirects of ids that
        are events again; point older redirects past ids that are gone now. ``replaced``: the ids
        being replaced (None: every event)."""
        now_in = {(r["doc_id"], r["meeting_idx"]): r["event_id"] for r in new_sources}
        live = set(now_in.values())
        old: dict[str, list[tuple[str, int]]] = defaultdict(list)
        query = select(EVENT_SOURCES.c.event_id, EVENT_SOURCES.c.doc_id, EVENT_SOURCES.c.meeting_idx)
        for chunk in ([None] if replaced is None else _batched(sorted(replaced), 500)):
            q = query if chunk is None else query.where(EVENT_SOURCES.c.event_id.in_(chunk))
            for eid, doc, idx in conn.execute(q.order_by(EVENT_SOURCES.c.event_id)):
                old[eid].append((doc, idx))
        gone = [eid for eid in old if eid not in live]
        firsts: dict[str, tuple[str, int]] = {}
        for chunk in _batched(gone, 500):
            for eid, data in conn.execute(select(EVENTS.c.event_id, EVENTS.c.data).where(EVENTS.c.event_id.in_(chunk))):
                srcs = data.get("sources") if isinstance(data, dict) else None
                if isinstance(srcs, list) and srcs and isinstance(srcs[0], list | tuple) and len(srcs[0]) == 2:
                    firsts[eid] = (str(srcs[0][0]), int(srcs[0][1]))
        moved: dict[str, list[str]] = {}
        for eid in gone:
            first = firsts.get(eid)
            lead = [now_in[first]] if first in now_in else []
            moved[eid] = list(dict.fromkeys([*lead, *(now_in[m] for m in sorted(old[eid]) if m in now_in)]))
        now = _now()
        if live:
            conn.execute(delete(EVENT_REDIRECTS).where(EVENT_REDIRECTS.c.event_id.in_(live)))
        for eid, targets in conn.execute(select(EVENT_REDIRECTS.c.event_id, EVENT_REDIRECTS.c.targets)).all():
            # (with ``replaced``, an id neither replaced nor new is an event this write leaves alone)
            through = list(dict.fromkeys(t2 for t in targets for t2 in (
                [t] if t in live or (replaced is not None and t not in moved) else moved.get(t, []))))
            if through != targets:
                conn.execute(update(EVENT_REDIRECTS).where(EVENT_REDIRECTS.c.event_id == eid).values(targets=through, at=now))
        if moved:
            conn.execute(delete(EVENT_REDIRECTS).where(EVENT_REDIRECTS.c.event_id.in_(list(moved))))
            conn.execute(EVENT_REDIRECTS.insert(), [{"event_id": e, "targets": t, "at": now} for e, t in moved.items()])

    def event_redirect(self, event_id: str) -> list[str] | None:
        """Where a former event id's reports are now (event ids, the one with its first report
        first; empty when its reports are gone), or None when the id never was an event here."""
        with self._read(f"look up event {event_id}") as conn:
            targets = conn.execute(select(EVENT_REDIRECTS.c.targets).where(EVENT_REDIRECTS.c.event_id == event_id)).scalar()
            return None if targets is None else list(targets)

    def reindex_events(self) -> None:
        """Recompute what the read side derives from events (after writing events directly)."""
        with self._write("index events") as conn:
            indexing.index_events(conn)

    def load_events(self) -> dict[str, dict[str, Any]]:
        """Every event: event_id -> its JSON record (as ``Event.to_json``)."""
        with self._read("load events") as conn:
            return dict(conn.execute(select(EVENTS.c.event_id, EVENTS.c.data).order_by(EVENTS.c.event_id)).all())

