"""What the store derives from events so the read side can use indexes (one helper, every writer).

``index_events(conn)`` recomputes, from ``events.data`` and the events' sources:

1. the event columns ``date``, ``location``, ``n_sources``, ``participants_text``,
   ``sort_rank`` (position by date, newest first, undated last, then event_id) and ``summary``
   (``event_summary``: the few fields an event list shows, as compact JSON, so a page of 200
   events does not decode 200 full event documents);
2. ``event_terms``: what each event can be filtered by, keyed by its sort_rank: ``person``
   (casefolded names of participants and attendees of its own source meetings), ``country``
   (participants' ISO-3 as the documents give it, else ``people``), ``type`` (statement types
   in its sources), ``place`` (lower-cased agreed place and source meetings' places), ``outlet``
   (``outlet``: the domain of each source's URL, else its source, where known), ``disputed``
   (term ``yes`` when the reports disagree) and ``report`` (``spun`` when a source is a spun copy,
   ``copy`` when a report was copied);
3. the search text (titles, quotes, statement and meeting evidence of the sources, the
   participants; casefolded): on SQLite the FTS5 table ``event_text`` (rowid = sort_rank), on
   PostgreSQL ``events.search_text`` (a ``to_tsvector`` expression GIN index);
4. every person's ``n_documents`` / ``n_quotes`` (``refresh_people_counts``; the write path
   refreshes the people a batch touches);
5. fresh planner statistics (SQLite ``ANALYZE`` with an analysis limit, PostgreSQL ``ANALYZE``).

``Store.replace_events``, the synthetic load-test store and migration 0002 all call it, so the
derived state has one definition. With ``summaries=False`` it reads and writes only the columns
that exist at migration 0002 (which calls it so); ``backfill_summaries`` is migration 0003's.

Search helpers: ``fts_tokens`` splits a query as the FTS tokenizers do (letters and digits);
``fts_match`` / ``ts_query`` build the SQLite MATCH / PostgreSQL tsquery string (a phrase whose
last word may be a prefix); ``like_pattern`` is the literal substring check run on candidates.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date
from typing import Any, cast
from urllib.parse import urlsplit

from sqlalchemy import Connection, Table, bindparam, delete, func, or_, select, text, update

from . import models

EVENTS = cast(Table, models.Event.__table__)
EVENT_TERMS = cast(Table, models.EventTerm.__table__)
EVENT_SOURCES = cast(Table, models.EventSource.__table__)
MEETINGS = cast(Table, models.Meeting.__table__)
DOCS = cast(Table, models.Document.__table__)
DOC_PEOPLE = cast(Table, models.DocPerson.__table__)
PEOPLE = cast(Table, models.Person.__table__)
QUOTES = cast(Table, models.Quote.__table__)
STATEMENTS = cast(Table, models.Statement.__table__)

CHUNK = 1_000  # events per read/write round
ANALYSIS_LIMIT = 1_000  # rows SQLite's ANALYZE samples per index
FTS_TABLE = "event_text"
_TOKEN = re.compile(r"[^\W_]+")


def fts_tokens(q: str, fold: Callable[[str], str] = str.lower) -> list[str]:
    """The words of ``q`` (runs of letters/digits, folded by ``fold``), as the FTS tokenizers split them."""
    return _TOKEN.findall(fold(q))


def fts_match(q: str, fold: Callable[[str], str] = str.lower) -> str | None:
    """An FTS5 MATCH string: the words of ``q`` as one phrase, the last one a prefix."""
    words = fts_tokens(q, fold)
    return '"' + " ".join(words) + '" *' if words else None


def ts_query(q: str, fold: Callable[[str], str] = str.lower) -> str | None:
    """A PostgreSQL ``to_tsquery('simple', ...)`` string: the words in order, the last a prefix."""
    words = fts_tokens(q, fold)
    return " <-> ".join(words[:-1] + [words[-1] + ":*"]) if words else None


def like_pattern(q: str) -> str:
    """``%q%`` with ``\\``, ``%`` and ``_`` taken literally (use with ``ESCAPE '\\'``)."""
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def outlet(url: str | None, source: str | None = None) -> str | None:
    """Who published a document: the host of its URL (``www.`` dropped, lower case), else the host
    of its source when that is a URL; None where neither says (a local file)."""
    for value in (url, source):
        if value and "://" in value:
            host = urlsplit(value.strip()).hostname or ""
            host = host.removeprefix("www.")
            if host:
                return host[:255]
    return None


def _day(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _ranked(conn: Connection) -> list[str]:
    """Every event_id by date (newest first, undated last), then event_id."""
    rows = [(e, _day(d)) for e, d in conn.execute(select(EVENTS.c.event_id, EVENTS.c.data["date"].as_string()))]
    rows.sort(key=lambda r: r[0])
    rows.sort(key=lambda r: r[1].toordinal() if r[1] else 0, reverse=True)  # stable: ids stay ascending
    return [e for e, _ in rows]


_DAY_BITS, _ID_BITS = 19, 44  # 19 + 44 = 63 bits: a signed 64-bit integer on every backend
_FIRST_DAY = date(1600, 1, 1).toordinal()
_UNDATED = (1 << _DAY_BITS) - 1


def sort_key(event_id: str, day: date | None) -> int:
    """An event's ``sort_rank``: ascending order is date descending (undated last), then event id,
    computed from the event alone, so adding or changing events never renumbers the others.

    The high 19 bits are the day counted back from 3035-06-30 (dates outside 1600-3035 sort at
    the ends), undated the largest; the low 44 bits the first 11 hex digits of the event id
    (``evt-`` + hex; another id form by its sha256)."""
    slot = _UNDATED if day is None else min(max(_UNDATED - 1 - (day.toordinal() - _FIRST_DAY), 0), _UNDATED - 1)
    digits = event_id[4:15] if event_id.startswith("evt-") else ""
    try:
        low = int(digits, 16) if len(digits) == 11 else -1
    except ValueError:
        low = -1
    if low < 0:
        low = int(hashlib.sha256(event_id.encode()).hexdigest()[:11], 16)
    return (slot << _ID_BITS) | low


def _grouped(rows: Iterable[Sequence[Any]]) -> dict[Any, list[Sequence[Any]]]:
    out: dict[Any, list[Sequence[Any]]] = {}
    for r in rows:
        out.setdefault(r[0], []).append(r)
    return out


def event_summary(event_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """What an event list shows of an event (``Event.to_json`` in ``data``), but its count of
    independent reports (the ``n_sources`` column)."""
    fields = data.get("fields", {})
    return {
        "event_id": event_id, "date": data.get("date"), "participants": list(data.get("participants", [])),
        "attendees": list(data.get("attendees", [])), "location": data.get("location"),
        "conflicts": list(data.get("conflicts", [])), "disputed": bool(data.get("conflicts")),
        "date_source": data.get("date_source"), "copies": int(data.get("copies", 0)),
        "date_agreed_by": int(fields.get("date", {}).get("agreed_by", 0)),
        "location_agreed_by": int(fields.get("location", {}).get("agreed_by", 0)),
    }


def summary_json(event_id: str, data: dict[str, Any]) -> str:
    return json.dumps(event_summary(event_id, data), ensure_ascii=False, separators=(",", ":"))


def backfill_summaries(conn: Connection) -> None:
    """Set ``events.summary`` from ``events.data`` for every event (migration 0003)."""
    ids = list(conn.execute(select(EVENTS.c.event_id).order_by(EVENTS.c.event_id)).scalars())
    set_summary = update(EVENTS).where(EVENTS.c.event_id == bindparam("eid")).values(summary=bindparam("sm"))
    for start in range(0, len(ids), CHUNK):
        rows = conn.execute(select(EVENTS.c.event_id, EVENTS.c.data)
                            .where(EVENTS.c.event_id.in_(ids[start:start + CHUNK]))).all()
        if rows:
            conn.execute(set_summary, [{"eid": eid, "sm": summary_json(eid, data)} for eid, data in rows])


def index_events(conn: Connection, *, summaries: bool = True, only: Collection[str] | None = None,
                 dropped: Collection[int] = ()) -> None:
    """Recompute every event's derived columns, ``event_terms`` and search text (see module doc).

    ``only``: just these events (written or rewritten since), the others keep theirs; ``dropped``:
    the sort_ranks of events deleted since, whose search text goes too. Ranks come from each
    event alone (``sort_key``), so this costs what the events named cost, whatever the store holds.
    With ``summaries=False`` (migration 0002's columns, 32-bit ranks) ranks are dense positions."""
    sqlite = conn.dialect.name == "sqlite"
    if only is None:
        conn.execute(delete(EVENT_TERMS))
        conn.execute(update(EVENTS).where(EVENTS.c.sort_rank.is_not(None)).values(sort_rank=None))
        if sqlite:
            conn.execute(text(f"DELETE FROM {FTS_TABLE}"))
        order = _ranked(conn)
    else:
        order = sorted(only)
        stale = list(dropped)
        for chunk in _chunks(order):
            stale += [r for r in conn.execute(select(EVENTS.c.sort_rank).where(EVENTS.c.event_id.in_(chunk))).scalars()
                      if r is not None]
            conn.execute(delete(EVENT_TERMS).where(EVENT_TERMS.c.event_id.in_(chunk)))
            conn.execute(update(EVENTS).where(EVENTS.c.event_id.in_(chunk)).values(sort_rank=None))
        if sqlite:
            for chunk in _chunks(stale):
                conn.execute(text(f"DELETE FROM {FTS_TABLE} WHERE rowid IN :r").bindparams(bindparam("r", expanding=True)),
                             {"r": chunk})
    ranks = _ranks(conn, order, dense=not summaries, partial=only is not None)
    person_country = {name: str(c).upper() for name, c in conn.execute(
        select(PEOPLE.c.name, PEOPLE.c.country).where(PEOPLE.c.country.is_not(None)))}
    set_cols = update(EVENTS).where(EVENTS.c.event_id == bindparam("eid")).values(
        date=bindparam("d"), location=bindparam("loc"), n_sources=bindparam("n"),
        participants_text=bindparam("pt"), sort_rank=bindparam("rank"), search_text=bindparam("st"),
        **({"summary": bindparam("sm")} if summaries else {}))
    for start in range(0, len(order), CHUNK):
        ids = order[start:start + CHUNK]
        data = dict(conn.execute(select(EVENTS.c.event_id, EVENTS.c.data).where(EVENTS.c.event_id.in_(ids))).all())
        sources = _grouped(conn.execute(select(EVENT_SOURCES.c.event_id, EVENT_SOURCES.c.doc_id,
                                               EVENT_SOURCES.c.meeting_idx).where(EVENT_SOURCES.c.event_id.in_(ids))))
        docs = sorted({r[1] for rs in sources.values() for r in rs})
        meetings = {(r[0], r[1]): r for r in conn.execute(
            select(MEETINGS.c.doc_id, MEETINGS.c.idx, MEETINGS.c.participants, MEETINGS.c.attendees,
                   MEETINGS.c.evidence_text, MEETINGS.c.location).where(MEETINGS.c.doc_id.in_(docs)))}
        countries: dict[tuple[str, str], str] = {}
        for d, name, dc, pc in conn.execute(
                select(DOC_PEOPLE.c.doc_id, PEOPLE.c.name, DOC_PEOPLE.c.country, PEOPLE.c.country)
                .join(PEOPLE, PEOPLE.c.id == DOC_PEOPLE.c.person_id).where(DOC_PEOPLE.c.doc_id.in_(docs))):
            if dc or pc:
                countries.setdefault((d, name), str(dc or pc).upper())
        doc_rows = {d: (outlet(u, s), bool(sp)) for d, u, s, sp in conn.execute(
            select(DOCS.c.doc_id, DOCS.c.url, DOCS.c.source, DOCS.c.spun).where(DOCS.c.doc_id.in_(docs)))}
        types = _grouped(conn.execute(select(STATEMENTS.c.doc_id, STATEMENTS.c.type)
                                      .where(STATEMENTS.c.doc_id.in_(docs))))
        texts: dict[str, list[str]] = {}
        for table, col in ((DOCS, DOCS.c.title), (QUOTES, QUOTES.c.text), (STATEMENTS, STATEMENTS.c.evidence_text)):
            for d, t in conn.execute(select(table.c.doc_id, col).where(table.c.doc_id.in_(docs))):
                if t:
                    texts.setdefault(d, []).append(t)
        updates: list[dict[str, Any]] = []
        terms: list[dict[str, Any]] = []
        fts: list[dict[str, Any]] = []
        for eid in ids:
            ev, rank = data[eid], ranks[eid]
            srcs = sources.get(eid, [])
            doc_ids = list(dict.fromkeys(r[1] for r in srcs))
            parts = [str(p) for p in ev.get("participants", [])]
            body = ["; ".join(parts)]
            keys: dict[tuple[str, str], None] = {}
            if ev.get("location"):
                keys["place", str(ev["location"]).lower()] = None
            for _, d, i in srcs:
                m = meetings.get((d, i))
                if m is None:
                    continue
                if m[4]:
                    body.append(m[4])
                if m[5]:
                    keys["place", str(m[5]).lower()] = None
                for name in m[2] or []:
                    keys["person", name.casefold()] = None
                    country = countries.get((d, name)) or person_country.get(name)
                    if country:
                        keys["country", country] = None
                for name in m[3] or []:
                    keys["person", name.casefold()] = None
            if ev.get("conflicts"):
                keys["disputed", "yes"] = None
            if int(ev.get("copies", 0)):
                keys["report", "copy"] = None
            for d in doc_ids:
                where, spun = doc_rows.get(d, (None, False))
                if where:
                    keys["outlet", where] = None
                if spun:
                    keys["report", "spun"] = None
                body.extend(texts.get(d, []))
                for _, kind in types.get(d, []):
                    keys["type", str(kind).upper()] = None
            terms.extend({"kind": k, "term": t, "sort_rank": rank, "event_id": eid}
                         for k, t in dict.fromkeys((k, t[:255]) for k, t in keys))
            folded = "\n".join(body).casefold()
            independent = int(ev.get("independent_reports", len(doc_ids)))
            updates.append({"eid": eid, "d": _day(ev.get("date")), "loc": ev.get("location"), "n": independent,
                            "pt": "; ".join(parts), "rank": rank, "st": None if sqlite else folded,
                            **({"sm": summary_json(eid, ev)} if summaries else {})})
            if sqlite:
                fts.append({"r": rank, "b": folded})
        conn.execute(set_cols, updates)
        if terms:
            conn.execute(EVENT_TERMS.insert(), terms)
        if fts:
            conn.execute(text(f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (:r, :b)"), fts)
    if only is None:  # (the write path refreshes the people each batch touches)
        refresh_people_counts(conn)
        analyze(conn)


def _chunks(items: Sequence[Any], n: int = CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(items), n):
        yield list(items[start:start + n])


def _ranks(conn: Connection, order: Sequence[str], *, dense: bool, partial: bool) -> dict[str, int]:
    """Each event's sort_rank: its position in ``order`` (``dense``), else ``sort_key`` of its id and
    date, moved on past a rank another event holds (two ids sharing 11 hex digits on one day)."""
    if dense:
        return {eid: n for n, eid in enumerate(order, start=1)}
    days: dict[str, date | None] = {}
    for chunk in _chunks(order):
        days.update((e, _day(d)) for e, d in conn.execute(
            select(EVENTS.c.event_id, EVENTS.c.data["date"].as_string()).where(EVENTS.c.event_id.in_(chunk))))
    wanted = {eid: sort_key(eid, days.get(eid)) for eid in order}

    def held(keys: Sequence[int]) -> set[int]:
        if not partial:
            return set()
        return {r for chunk in _chunks(keys) for r in conn.execute(
            select(EVENTS.c.sort_rank).where(EVENTS.c.sort_rank.in_(chunk))).scalars()}

    taken = held(sorted(set(wanted.values())))
    out: dict[str, int] = {}
    used: set[int] = set()
    for eid, key in sorted(wanted.items(), key=lambda kv: (kv[1], kv[0])):
        while key in taken or key in used:
            key += 1
            taken |= held([key])
        out[eid] = key
        used.add(key)
    return out


def refresh_people_counts(conn: Connection, ids: Collection[int] | None = None,
                          names: Collection[str] | None = None) -> None:
    """Recount documents and quotes of the people with these ids or names (None: everyone)."""
    stmt = update(PEOPLE).values(
        n_documents=select(func.count(func.distinct(DOC_PEOPLE.c.doc_id)))
        .where(DOC_PEOPLE.c.person_id == PEOPLE.c.id).scalar_subquery(),
        n_quotes=select(func.count()).select_from(QUOTES).where(QUOTES.c.speaker == PEOPLE.c.name).scalar_subquery(),
    )
    if ids is not None or names is not None:
        stmt = stmt.where(or_(PEOPLE.c.id.in_(list(ids or ())), PEOPLE.c.name.in_(list(names or ()))))
    conn.execute(stmt)


def index_quotes(conn: Connection, doc_ids: Sequence[str], *, remove: bool = False) -> None:
    """Add (or, with ``remove``, take out, before the rows go) the quotes of ``doc_ids`` in the
    SQLite full-text index ``quotes_fts`` (external content: one INSERT ... SELECT, far cheaper
    than a per-row trigger). PostgreSQL's expression index needs nothing."""
    if conn.dialect.name != "sqlite" or not doc_ids:
        return
    values = "'delete', id, text" if remove else "id, text"
    target = "quotes_fts(quotes_fts, rowid, text)" if remove else "quotes_fts(rowid, text)"
    stmt = text(f"INSERT INTO {target} SELECT {values} FROM quotes WHERE doc_id IN :ids")
    conn.execute(stmt.bindparams(bindparam("ids", expanding=True)), {"ids": list(doc_ids)})


def analyze(conn: Connection) -> None:
    """Fresh planner statistics after a large write (bounded work on SQLite)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
        conn.exec_driver_sql("ANALYZE")
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql("ANALYZE")
