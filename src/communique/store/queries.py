"""The read side over a :class:`Store`, shared by the HTTP API and the web UI.

Every function takes a ``Store`` and returns plain JSON-ready dicts (the API validates them
against its pydantic models, the templates read them as they are). Queries are SQLAlchemy Core
selects with bound parameters only: filters, ``LIKE`` patterns and full-text queries never build
SQL from data. They return the same rows on SQLite and PostgreSQL.

Every list is served by an index (see migration 0002 and ``store.indexing``): events sort on
``(date DESC, event_id)`` / ``sort_rank``; person, country, type and place filters are ranges of
``event_terms``; free text ``q`` goes through a full-text index (SQLite FTS5 tables
``event_text`` and ``quotes_fts``, PostgreSQL ``to_tsvector('simple', ...)`` GIN indexes) that
finds the words of ``q`` (a phrase, the last word a prefix), then keeps rows containing ``q``
literally; such searches count at most ``TOTAL_CAP`` matches. On SQLite a last word that covers
at most ``PREFIX_WORDS`` indexed words is asked for as those words joined by ``OR`` (looked up in
the FTS5 vocabularies once until the store changes, ``Store.memo``), which FTS5 reads lazily,
where a prefix query first merges all their postings.

1. events      ``list_events`` (filters, sort, pagination, total), ``get_event`` (sources, fields,
               quotes grouped by speaker)
2. documents   ``list_documents``, ``get_document`` (raw and clean text, annotations, raw offsets)
3. people      ``list_people``, ``get_person`` (meetings timeline, quotes), ``resolve_person``
4. quotes      ``search_quotes``;  5. ``health`` (the grouped search over all of them: ``store.search``)

Counts over the events a filter keeps (facets, timeline, network, places, positions, outlets)
are in ``store.aggregates``; ``event_records`` gives a list's events as stored, for downloads.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Integer,
    Text,
    and_,
    case,
    column,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
)

from .. import package_version
from ..records import Span
from .convert import StoredDocument
from .indexing import EVENT_TERMS, FTS_TABLE, event_summary, fts_match, fts_tokens, like_pattern, ts_query
from .people import resolve_person as _resolve_one
from .store import (
    DOCS,
    EVENT_SOURCES,
    EVENTS,
    MEETINGS,
    PEOPLE,
    QUOTES,
    Store,
)

MAX_LIMIT = 200
PERSON_LIMIT = 50  # meetings and quotes a person's page shows by default
# Free-text searches count at most this many matches (the total is then a floor, shown as "1000+").
# Counting every match of a common word walks its whole full-text posting list: at 100k events an
# exact count up to 10,000 was 15 % of a loaded server's time, for 2 requests in 13.
TOTAL_CAP = 1_000
EVENT_TEXT = table(FTS_TABLE, column("rowid", Integer), column("body", Text))  # SQLite FTS5
QUOTES_FTS = table("quotes_fts", column("rowid", Integer))  # SQLite FTS5, external content = quotes
VOCABULARY = {FTS_TABLE: table("event_text_vocab", column("term", Text)),  # fts5vocab, migration 0004
              "quotes_fts": table("quotes_fts_vocab", column("term", Text))}
PREFIX_WORDS = 32  # a last word covering more indexed words than this stays an FTS5 prefix query
EventSort = Literal["date", "-date", "sources", "-sources"]
EVENT_SORTS: tuple[str, ...] = ("date", "-date", "sources", "-sources")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What ``list_events`` keeps; None = no constraint."""

    person: str | None = None  # canonical name of a participant or attendee (case-insensitive)
    country: str | None = None  # ISO-3 of a participant
    date_from: date | None = None
    date_to: date | None = None
    type: str | None = None  # PLOVER type of a statement in one of the event's documents
    place: str | None = None  # the agreed place or any source's (case-insensitive)
    q: str | None = None  # free text over titles, meeting evidence, quotes, statement evidence
    outlet: str | None = None  # a source's outlet (``indexing.outlet``: URL host, any case)
    disputed: bool = False  # only events whose reports disagree
    report: str | None = None  # ``spun``: a source is a spun copy; ``copy``: a report was copied
    with_person: str | None = None  # a second person, also at the meeting (an edge of the network)
    with_country: str | None = None  # a second participant's country


def _ci_contains(col: Any, text: str) -> ColumnElement[bool]:
    """Case-insensitive substring match with ``%``/``_`` in ``text`` taken literally."""
    return func.lower(col).contains(text.lower(), autoescape=True)


def _span(text: str | None, start: int | None, end: int | None) -> dict[str, Any] | None:
    if start is None or end is None:
        return None
    return {"text": text or "", "start": start, "end": end}


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


# --- people ------------------------------------------------------------------------------------

def resolve_person(store: Store, name: str) -> str | None:
    """The stored canonical name of the one person ``name`` names (``store.people``: aliases,
    surnames, transliterations, titles); None when nobody matches; ``AmbiguousPerson`` when
    several people match equally well."""
    found = _resolve_one(store, name)
    return found.name if found is not None else None


# --- events ------------------------------------------------------------------------------------

def _date_desc(store: Store) -> list[Any]:
    """Newest first, undated last, ties by id: the order of ``ix_events_date_event_id``."""
    day = EVENTS.c.date.desc().nulls_last() if store.dialect == "postgresql" else EVENTS.c.date.desc()
    return [day, EVENTS.c.event_id]


def _event_text_match(store: Store, conn: Any, q: str) -> Any:
    """Events whose search text has the words of ``q`` (full-text index) and contains ``q`` literally.

    SQLite: the sort_ranks (FTS5 rowids) of ``event_text``; PostgreSQL: a condition on events.
    """
    pattern = like_pattern(q.casefold())
    if store.dialect == "postgresql":
        tsq = ts_query(q, fold=str.casefold)
        if tsq is None:
            return false()
        return and_(func.to_tsvector("simple", EVENTS.c.search_text).op("@@")(func.to_tsquery("simple", tsq)),
                    EVENTS.c.search_text.like(pattern, escape="\\"))
    match = _fts_match(store, conn, FTS_TABLE, q, fold=str.casefold)
    if match is None:
        return false()
    return EVENTS.c.sort_rank.in_(_event_text_ranks(match, q))


def _fts_match(store: Store, conn: Any, fts: str, q: str, fold: Callable[[str], str] = str.lower) -> str | None:
    """The MATCH string for ``q`` on the SQLite FTS5 table ``fts``: ``fts_match``'s phrase with its
    last word a prefix; or, when that word is ASCII and covers at most ``PREFIX_WORDS`` words of
    the index, the phrase once per covered word joined by ``OR`` (the same rows, read lazily in
    rowid order); None when nothing can match."""
    words = fts_tokens(q, fold)
    if not words or not words[-1].isascii():
        return fts_match(q, fold)  # non-ASCII: the tokenizer's folding (diacritics) decides the word
    last, vocab = words[-1], VOCABULARY[fts]

    def covered() -> tuple[str, ...] | None:
        after = last[:-1] + chr(ord(last[-1]) + 1)
        terms = conn.execute(select(vocab.c.term).where(vocab.c.term >= last, vocab.c.term < after)
                             .limit(PREFIX_WORDS + 1)).scalars().all()
        return tuple(terms) if len(terms) <= PREFIX_WORDS else None

    terms = store.memo(("words from", fts, last), covered)
    if terms is None:
        return fts_match(q, fold)
    head = " ".join(words[:-1] + [""])
    return " OR ".join(f'"{head}{term}"' for term in terms) or None


def _word_only(q: str) -> bool:
    """True when ``q`` is one ASCII word: a word (prefix) match then implies the substring match."""
    return q.isascii() and fts_tokens(q) == [q.casefold()]


def _event_text_ranks(match: str, q: str) -> Any:
    """sort_ranks of the events whose FTS5 text matches ``match`` and contains ``q`` literally."""
    cond = [literal_column(FTS_TABLE).op("MATCH")(match)]
    if not _word_only(q):
        cond.append(EVENT_TEXT.c.body.like(like_pattern(q.casefold()), escape="\\"))
    return select(EVENT_TEXT.c.rowid).where(*cond)


def _event_terms(store: Store, f: EventFilter) -> list[tuple[str, str]]:
    """The (kind, term) pairs of ``event_terms`` that ``f``'s person/country/type/place ask for."""
    terms: list[tuple[str, str]] = []
    if f.person:
        name = resolve_person(store, f.person) or f.person.strip()
        terms.append(("person", name.casefold()))
    if f.with_person:
        name = resolve_person(store, f.with_person) or f.with_person.strip()
        terms.append(("person", name.casefold()))
    if f.country:
        terms.append(("country", f.country.strip().upper()))
    if f.with_country:
        terms.append(("country", f.with_country.strip().upper()))
    if f.type:
        terms.append(("type", f.type.strip().upper()))
    if f.place:
        terms.append(("place", f.place.strip().lower()))
    if f.outlet:
        terms.append(("outlet", f.outlet.strip().lower().removeprefix("www.")))
    if f.disputed:
        terms.append(("disputed", "yes"))
    if f.report:
        terms.append(("report", f.report.strip().lower()))
    return terms


def _ranks_with(kind: str, term: str) -> Any:
    """sort_ranks of the events with ``kind``/``term``: a range of event_terms' primary key."""
    return select(EVENT_TERMS.c.sort_rank).where(EVENT_TERMS.c.kind == kind, EVENT_TERMS.c.term == term)


def _event_conditions(store: Store, conn: Any, f: EventFilter, terms: Sequence[tuple[str, str]]) -> list[Any]:
    """WHERE clauses for ``f``; each is an uncorrelated IN over an indexed table (computed once)."""
    cond: list[Any] = [EVENTS.c.sort_rank.in_(_ranks_with(k, t)) for k, t in terms]
    if f.date_from:
        cond.append(EVENTS.c.date >= f.date_from)
    if f.date_to:
        cond.append(EVENTS.c.date <= f.date_to)
    if f.q and f.q.strip():
        cond.append(_event_text_match(store, conn, f.q.strip()))
    return cond


def _summaries(rows: Sequence[Any]) -> list[dict[str, Any]]:
    """List items from (summary JSON, n_sources) rows."""
    return [{**json.loads(summary), "n_sources": int(n)} for summary, n in rows]


def list_events(store: Store, f: EventFilter | None = None, *, limit: int = 50, offset: int = 0,
                sort: str = "-date") -> tuple[list[dict[str, Any]], int]:
    """One page of event summaries matching ``f``, and how many match in all.

    ``sort`` is one of ``EVENT_SORTS``; events without a date come last either way; ties by id.
    With a free-text ``q`` the total counts at most ``TOTAL_CAP`` matches.
    """
    rows, total = _event_page(store, f or EventFilter(), limit, offset, sort)
    return _summaries(rows), total


def event_ids(store: Store, f: EventFilter | None = None, *, sort: str = "-date") -> list[str]:
    """The id of every event matching ``f``, in ``list_events``' order (all pages: for the CLI)."""
    ids: list[str] = []
    while True:
        page, _total = list_events(store, f, limit=MAX_LIMIT, offset=len(ids), sort=sort)
        ids += [item["event_id"] for item in page]
        if len(page) < MAX_LIMIT:
            return ids


def event_records(store: Store, f: EventFilter | None = None, *, sort: str = "-date",
                  limit: int = 10_000) -> list[dict[str, Any]]:
    """The stored record (``Event.to_json``) of the first ``limit`` events matching ``f``, in
    ``list_events``' order (one query): what a download of a list holds (``export.event_row``
    makes its rows)."""
    f = f or EventFilter()
    with store._read("event records") as conn:
        cond = _event_conditions(store, conn, f, _event_terms(store, f))
        rows = conn.execute(select(EVENTS.c.event_id, EVENTS.c.data).where(*cond)
                            .order_by(*_event_order(store, sort)).limit(max(0, limit))).all()
    return [{**data, "event_id": eid} for eid, data in rows]


def events_by_id(store: Store, ids: Sequence[str]) -> list[dict[str, Any]]:
    """The stored records of these events, in this order (ids no longer stored are left out)."""
    with store._read("events by id") as conn:
        data = dict(conn.execute(select(EVENTS.c.event_id, EVENTS.c.data).where(EVENTS.c.event_id.in_(list(ids)))).all())
    return [{**data[i], "event_id": i} for i in ids if i in data]


def _event_order(store: Store, sort: str) -> list[Any]:
    """ORDER BY of ``sort`` (``EVENT_SORTS``): undated last either way, ties by id."""
    undated = EVENTS.c.date.is_(None)
    orders: list[Any] = {
        "date": [undated, EVENTS.c.date.asc(), EVENTS.c.event_id],
        "sources": [EVENTS.c.n_sources.asc(), *_date_desc(store)],
        "-sources": [EVENTS.c.n_sources.desc(), *_date_desc(store)],
    }.get(sort, _date_desc(store))
    return orders


def list_events_json(store: Store, f: EventFilter | None = None, *, limit: int = 50, offset: int = 0,
                     sort: str = "-date") -> tuple[list[str], int]:
    """``list_events`` with each summary as the JSON text the store keeps (plus its source count),
    for a JSON response: not decoded to be encoded again."""
    rows, total = _event_page(store, f or EventFilter(), limit, offset, sort)
    return [f'{summary[:-1]},"n_sources":{int(n)}}}' for summary, n in rows], total


def _event_page(store: Store, f: EventFilter, limit: int, offset: int, sort: str) -> tuple[list[Any], int]:
    """(summary JSON, n_sources) rows of one page of ``list_events``, and the total."""
    limit = max(0, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    q = f.q.strip() if f.q else ""
    cols = (EVENTS.c.summary, EVENTS.c.n_sources)
    with store._read("list events") as conn:
        if q and store.dialect == "sqlite" and sort == "-date" and f == EventFilter(q=f.q):
            # FTS5 yields rowids (= sort_rank) in order: read one page of them, stop early.
            match = _fts_match(store, conn, FTS_TABLE, q, fold=str.casefold)
            if match is None:
                return [], 0
            ranks = _event_text_ranks(match, q).order_by(EVENT_TEXT.c.rowid)
            page, total = _capped_page(store, conn, ("event text", q, TOTAL_CAP), ranks, limit, offset)
            rows = conn.execute(select(*cols).where(EVENTS.c.sort_rank.in_(page)).order_by(EVENTS.c.sort_rank)).all()
            return list(rows), total
        terms = _event_terms(store, f)
        if len(terms) == 1 and sort == "-date" and not (q or f.date_from or f.date_to):
            # one term filter: its page and count are ranges of event_terms' primary key
            ranks = _ranks_with(*terms[0])
            total = _count(store, conn, ("event terms", *terms[0]), select(func.count()).select_from(ranks.subquery()))
            page = ranks.order_by(EVENT_TERMS.c.sort_rank).limit(limit).offset(offset)
            rows = conn.execute(select(*cols).where(EVENTS.c.sort_rank.in_(page)).order_by(EVENTS.c.sort_rank)).all()
            return list(rows), total
        cond = _event_conditions(store, conn, f, terms)
        orders = _event_order(store, sort)
        counted = select(EVENTS.c.event_id).where(*cond).limit(TOTAL_CAP) if q else select(EVENTS.c.event_id).where(*cond)
        total = _count(store, conn, ("events", f, TOTAL_CAP if q else None), select(func.count()).select_from(counted.subquery()))
        rows = conn.execute(select(*cols).where(*cond).order_by(*orders).limit(limit).offset(offset)).all()
    return list(rows), total


def total_is_floor(q: str | None, total: int) -> bool:
    """Whether ``total`` of a search for ``q`` is a capped count (at least this many match)."""
    return bool(q and q.strip()) and total >= TOTAL_CAP


def _count(store: Store, conn: Any, key: tuple[Any, ...], count: Any) -> int:
    """The value of the ``count(*)`` query ``count``, remembered under ``key`` (all that decides it)
    until the store changes: a page after the first, or the same filter on the other pages of the
    API or UI, does not count again."""
    return store.memo(("count", *key), lambda: int(conn.execute(count).scalar_one()))


def _capped_page(store: Store, conn: Any, key: tuple[Any, ...], ids: Any, limit: int,
                 offset: int) -> tuple[list[Any], int]:
    """One page of the ordered one-column query ``ids``, and how many rows it yields counting at
    most ``TOTAL_CAP`` (remembered under ``key`` until the store changes, as ``_count``)."""
    total = _count(store, conn, key, select(func.count()).select_from(ids.limit(TOTAL_CAP).subquery()))
    return list(conn.execute(ids.limit(limit).offset(offset)).scalars().all()), total


def _doc_summary(row: Any) -> dict[str, Any]:
    return {
        "doc_id": row["doc_id"], "title": row["title"], "source": row["source"], "url": row["url"],
        "kind": row["kind"], "publication_date": _iso(row["publication_date"]), "language": row["language"],
        "spun": row["spun"], "near_duplicate_of": row["near_duplicate_of"],
        "duplicate_reason": row["duplicate_reason"], "skipped": row["skipped"],
    }


_DOC_SUMMARY_COLS = (DOCS.c.doc_id, DOCS.c.title, DOCS.c.source, DOCS.c.url, DOCS.c.kind, DOCS.c.publication_date,
                     DOCS.c.language, DOCS.c.spun, DOCS.c.near_duplicate_of, DOCS.c.duplicate_reason, DOCS.c.skipped)


def _meeting(row: Any) -> dict[str, Any]:
    return {
        "idx": row["idx"], "event_id": row["event_id"], "participants": list(row["participants"] or []),
        "attendees": list(row["attendees"] or []), "date": _iso(row["date"]), "date_text": row["date_text"],
        "date_derivation": row["date_derivation"], "location": row["location"],
        "location_text": _span(row["location_text"], row["location_start"], row["location_end"]),
        "evidence": _span(row["evidence_text"], row["evidence_start"], row["evidence_end"]),
        "host": row["host"], "visitor": row["visitor"],
    }


def _quote(row: Any) -> dict[str, Any]:
    return {
        "doc_id": row["doc_id"], "idx": row["idx"], "speaker": row["speaker"], "text": row["text"],
        "kind": row["kind"], "start": row["start"], "end": row["end"], "confidence": round(float(row["confidence"]), 3),
        "speakers_words": bool(row["speakers_words"]), "cue": _span(row["cue_text"], row["cue_start"], row["cue_end"]),
    }


def _group_quotes(quotes: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[str | None, list[dict[str, Any]]] = {}
    for q in quotes:
        groups.setdefault(q["speaker"], []).append(q)
    order = sorted(groups, key=lambda s: (s is None, -len(groups[s]), s or ""))
    return [{"speaker": s, "quotes": groups[s]} for s in order]


def get_event(store: Store, event_id: str) -> dict[str, Any] | None:
    """The event with its sources (documents and their meeting records), per-field agreement
    (value, sources agreeing, each source's value), conflicts and quotes grouped by speaker."""
    es = EVENT_SOURCES
    with store._read(f"read event {event_id}") as conn:
        data = conn.execute(select(EVENTS.c.data).where(EVENTS.c.event_id == event_id)).scalar()
        if data is None:
            return None
        pairs = conn.execute(select(es.c.doc_id, es.c.meeting_idx).where(es.c.event_id == event_id)).all()
        doc_ids = sorted({d for d, _ in pairs})
        docs = {r["doc_id"]: r for r in conn.execute(select(*_DOC_SUMMARY_COLS).where(DOCS.c.doc_id.in_(doc_ids))).mappings()}
        meetings = {(r["doc_id"], r["idx"]): r for r in conn.execute(
            select(MEETINGS).where(MEETINGS.c.doc_id.in_(doc_ids))).mappings()}
        quotes = [_quote(r) for r in conn.execute(
            select(QUOTES).where(QUOTES.c.doc_id.in_(doc_ids)).order_by(QUOTES.c.doc_id, QUOTES.c.idx)).mappings()]
    copy_of = {c: r["doc_id"] for r in data.get("reports", ()) for c in r.get("copies", ())}
    order = [d for d, _ in data.get("sources", [])] or doc_ids
    order += [d for d in doc_ids if d not in order]
    order = [d for d in dict.fromkeys(order) if d not in copy_of]  # each original, then its copies under it
    order = [x for d in order for x in (d, *sorted(c for c, o in copy_of.items() if o == d))]
    order += [d for d in doc_ids if d not in order]
    sources: list[dict[str, Any]] = []
    for doc_id in order:
        if doc_id not in docs:
            continue
        idxs = sorted(i for d, i in pairs if d == doc_id)
        sources.append({**_doc_summary(docs[doc_id]), "copy_of": copy_of.get(doc_id),
                        "meetings": [_meeting(meetings[(doc_id, i)]) for i in idxs if (doc_id, i) in meetings]})
    total = sum(1 for src in sources if src["copy_of"] is None)
    quotes = [q for q in quotes if q["doc_id"] not in copy_of]  # a copy's quotes repeat its original's
    fields = {
        name: {"value": fld.get("value"), "agreed_by": int(fld.get("agreed_by", 0)), "of": total,
               "conflict": bool(fld.get("conflict")),
               "sources": [{"doc_id": d, "value": v} for d, v in fld.get("sources", {}).items()]}
        for name, fld in data.get("fields", {}).items()
    }
    return {
        **event_summary(event_id, data), "n_sources": total,
        "date_sources": list(data.get("date_sources", [])), "date_derivation": data.get("date_derivation"),
        "fields": fields, "sources": sources, "quotes_by_speaker": _group_quotes(quotes),
    }


def quotes_of(store: Store, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Every quote of these documents, by document and position (an event's copies: their quotes
    repeat an original's or are spun, so pages show them apart, after the originals')."""
    with store._read("quotes of documents") as conn:
        return [_quote(r) for r in conn.execute(select(QUOTES).where(QUOTES.c.doc_id.in_(list(doc_ids)))
                                                 .order_by(QUOTES.c.doc_id, QUOTES.c.idx)).mappings()]


# --- documents ---------------------------------------------------------------------------------

def list_documents(store: Store, *, spun: bool | None = None, language: str | None = None, q: str | None = None,
                   limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """One page of document summaries (by publication date, newest first), and the total."""
    cond: list[Any] = []
    if spun is not None:
        cond.append(DOCS.c.spun.is_(True) if spun else or_(DOCS.c.spun.is_(False), DOCS.c.spun.is_(None)))
    if language:
        cond.append(DOCS.c.language == language.strip().lower())
    if q and q.strip():
        cond.append(or_(_ci_contains(DOCS.c.title, q.strip()), _ci_contains(DOCS.c.clean_text, q.strip()),
                        _ci_contains(DOCS.c.doc_id, q.strip())))
    limit = max(0, min(limit, MAX_LIMIT))
    # newest first, undated last: the order of ix_documents_publication_date_doc_id (no CASE)
    pub = DOCS.c.publication_date.desc()
    pub = pub.nulls_last() if store.dialect == "postgresql" else pub
    with store._read("list documents") as conn:
        total = _count(store, conn, ("documents", spun, language, (q or "").strip()),
                       select(func.count()).select_from(DOCS).where(*cond))
        rows = conn.execute(
            select(*_DOC_SUMMARY_COLS).where(*cond)
            .order_by(pub, DOCS.c.doc_id)
            .limit(limit).offset(max(0, offset))
        ).mappings().all()
    return [_doc_summary(r) for r in rows], total


def _span_json(s: Span | None) -> dict[str, Any] | None:
    return s.to_json() if s is not None else None


def document_json(doc: StoredDocument) -> dict[str, Any]:
    """A stored document for reading: texts, metadata, quality and annotations (raw offsets)."""
    raw, a = doc.raw, doc.analysis
    q = doc.quality
    return {
        "doc_id": doc.doc_id, "title": raw.title, "source": raw.source, "url": raw.url, "kind": raw.kind,
        "publication_date": _iso(raw.publication_date), "language": doc.language,
        "spun": q.spun if q else None, "near_duplicate_of": doc.near_duplicate_of,
        "duplicate_reason": doc.duplicate_reason, "skipped": a.skipped,
        "raw_text": raw.text, "clean_text": doc.clean_text, "body_start": raw.body_start,
        "removed": [s.to_json() for s in doc.clean.removed],
        "quality": None if q is None else {"spun": q.spun, "score": round(q.score, 3),
                                            "spam_phrases": list(q.spam_phrases), "reasons": list(q.reasons)},
        "content_hash": doc.content_hash, "ingested_at": _iso(doc.ingested_at),
        "extracted_at": _iso(doc.extracted_at), "extractor_version": doc.extractor_version,
        "annotations": {
            "people": [p.to_json() for p in a.people],
            "meetings": [{"idx": i, **m.to_json(), "location_text": _span_json(m.location_text)}
                         for i, m in enumerate(a.meetings)],
            "quotes": [{"idx": i, "doc_id": doc.doc_id, **x.to_json()} for i, x in enumerate(a.quotes)],
            "statements": [{"idx": i, **s.to_json()} for i, s in enumerate(a.statements)],
        },
    }


def get_document(store: Store, doc_id: str) -> dict[str, Any] | None:
    doc = store.get_document(doc_id)
    return None if doc is None else document_json(doc)


# --- people ------------------------------------------------------------------------------------

def list_people(store: Store, *, q: str | None = None, country: str | None = None, limit: int = 50,
                offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """People by how many documents name them (most first), with their quote counts."""
    cond: list[Any] = []
    if q and q.strip():
        cond.append(_ci_contains(PEOPLE.c.name, q.strip()))
    if country:
        cond.append(func.upper(PEOPLE.c.country) == country.strip().upper())
    docs, quotes = PEOPLE.c.n_documents.label("documents"), PEOPLE.c.n_quotes.label("quotes")  # kept by writes
    with store._read("list people") as conn:
        total = _count(store, conn, ("people", (q or "").strip(), (country or "").strip().upper()),
                       select(func.count()).select_from(PEOPLE).where(*cond))
        rows = conn.execute(
            select(PEOPLE.c.name, PEOPLE.c.role, PEOPLE.c.country, PEOPLE.c.wikidata, docs, quotes)
            .where(*cond).order_by(PEOPLE.c.n_documents.desc(), PEOPLE.c.name).limit(max(0, min(limit, MAX_LIMIT))).offset(max(0, offset))
        ).mappings().all()
    return [dict(r) for r in rows], total


def get_person(store: Store, name: str, *, limit: int = PERSON_LIMIT) -> dict[str, Any] | None:
    """A person with role/country, their meetings (events, by date) and their quotes: the first
    ``limit`` (at most ``MAX_LIMIT``) of each, with the totals (``/api/events?person=`` and
    ``/api/quotes?speaker=`` page on)."""
    limit = max(0, min(limit, MAX_LIMIT))
    canonical = resolve_person(store, name)
    if canonical is None:
        return None
    with store._read(f"read person {canonical}") as conn:
        person = conn.execute(select(PEOPLE).where(PEOPLE.c.name == canonical)).mappings().one()
        quotes = conn.execute(
            select(QUOTES, DOCS.c.title, DOCS.c.publication_date).join(DOCS, DOCS.c.doc_id == QUOTES.c.doc_id)
            .where(QUOTES.c.speaker == canonical)
            .order_by(case((DOCS.c.publication_date.is_(None), 1), else_=0), DOCS.c.publication_date, QUOTES.c.doc_id,
                      QUOTES.c.idx).limit(limit)
        ).mappings().all()
    n_quotes, n_docs = int(person["n_quotes"]), int(person["n_documents"])  # kept by every write
    events, n_events = list_events(store, EventFilter(person=canonical), limit=limit, sort="date")
    timeline = [{**e, "as": "participant" if canonical in e["participants"] else "attendee"} for e in events]
    return {
        "name": canonical, "role": person["role"], "country": person["country"], "wikidata": person["wikidata"],
        "documents": n_docs, "meetings": timeline, "meetings_total": n_events,
        "quotes": [{**_quote(r), "title": r["title"], "publication_date": _iso(r["publication_date"])} for r in quotes],
        "quotes_total": n_quotes,
    }


# --- quotes, health --------------------------------------------------------------------------

def search_quotes(store: Store, *, q: str | None = None, speaker: str | None = None, limit: int = 50,
                  offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Quotes whose text contains ``q`` (case-insensitive, from a word start: a full-text index
    finds the words) by ``speaker`` (canonical, case-insensitive). Without ``q`` by document and
    position; with ``q`` in the order they were stored, the total counting at most ``TOTAL_CAP``."""
    who = (resolve_person(store, speaker) or speaker.strip()) if speaker and speaker.strip() else None
    cond: list[Any] = [] if who is None else [QUOTES.c.speaker == who]
    q = (q or "").strip()
    limit, offset = max(0, min(limit, MAX_LIMIT)), max(0, offset)
    cols = (QUOTES, DOCS.c.title, DOCS.c.publication_date)
    with store._read("search quotes") as conn:
        if not q:
            total = _count(store, conn, ("quotes", who), select(func.count()).select_from(QUOTES).where(*cond))
            rows = conn.execute(
                select(*cols).join(DOCS, DOCS.c.doc_id == QUOTES.c.doc_id).where(*cond)
                .order_by(QUOTES.c.doc_id, QUOTES.c.idx).limit(limit).offset(offset)).mappings().all()
        else:
            if not _word_only(q):
                cond.append(_ci_contains(QUOTES.c.text, q))
            if store.dialect == "postgresql":
                tsq = ts_query(q)
                words = (func.to_tsvector("simple", QUOTES.c.text).op("@@")(func.to_tsquery("simple", tsq))
                         if tsq else false())
                ids = select(QUOTES.c.id).where(words, *cond)
                order: Any = QUOTES.c.id
            else:  # FTS5 drives the query and yields rowids (= quote ids) in order: pages stop early
                match = _fts_match(store, conn, "quotes_fts", q)
                words = literal_column("quotes_fts").op("MATCH")(match) if match else false()
                ids = (select(QUOTES.c.id).select_from(QUOTES_FTS.join(QUOTES, QUOTES.c.id == QUOTES_FTS.c.rowid))
                       .where(words, *cond) if cond else select(QUOTES_FTS.c.rowid).where(words))  # the index alone
                order = QUOTES_FTS.c.rowid
            page, total = _capped_page(store, conn, ("quote text", q, who, TOTAL_CAP), ids.order_by(order), limit, offset)
            rows = conn.execute(
                select(*cols).join(DOCS, DOCS.c.doc_id == QUOTES.c.doc_id)
                .where(QUOTES.c.id.in_(page)).order_by(QUOTES.c.id)
            ).mappings().all()
    return [{**_quote(r), "title": r["title"], "publication_date": _iso(r["publication_date"])} for r in rows], total


def health(store: Store) -> dict[str, Any]:
    """Whether the store answers, its row counts (no full scans) and the package version."""
    stats: dict[str, Any] | None
    try:
        stats = dict(store.counts())
        ok, error = True, None
    except Exception as exc:  # any failure means "not reachable": report it, do not raise
        stats, ok, error = None, False, str(exc)
    return {"ok": ok, "store": store.display_url, "counts": stats, "error": error, "version": package_version()}


__all__ = [
    "EVENT_SORTS", "MAX_LIMIT", "PERSON_LIMIT", "TOTAL_CAP", "EventFilter", "document_json", "event_records", "events_by_id", "quotes_of", "get_document", "get_event", "get_person",
    "health", "list_documents", "list_events", "list_events_json", "list_people", "resolve_person", "search_quotes", "total_is_floor",
]
