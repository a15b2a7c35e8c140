"""Counts over the events a filter keeps: facets, the timeline, who met whom, places, positions.

The web UI's charts and facet lists read these (``queries`` holds the lists and details). Each
takes a ``Store`` and an ``EventFilter`` and returns plain JSON-ready data; each is remembered
(``Store.memo``) until the store changes, so a chart costs one query per filter and write.
Queries are SQLAlchemy Core, the same on SQLite and PostgreSQL: facets are ``GROUP BY`` over
``event_terms`` (kinds: person, country, type, place, outlet, disputed, report); the timeline
groups events by day and folds the days into weeks or months here (no date arithmetic in SQL);
undated events are counted apart, never put on a date.

1. ``facets``     the most frequent terms of each kind among the kept events, with counts
2. ``timeline``   events per month (or week, for a span under 26 weeks), and how many have no date
3. ``network``    people (or countries) as nodes, meetings between them as weighted edges
4. ``counterparts`` whom a person met, by meetings, with the latest date
5. ``places``     meeting places with GeoNames coordinates; places not found; events with no place
6. ``positions``  PLOVER statements by or toward a person, by date; ``event_positions`` of an event
7. ``outlet_reports`` an outlet's documents, with how many are copies or spun
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, timedelta
from itertools import combinations
from typing import Any

from sqlalchemy import case, func, or_, select

from .indexing import EVENT_TERMS, STATEMENTS, outlet
from .queries import MAX_LIMIT, EventFilter, _event_conditions, _event_terms, _iso
from .store import DOCS, EVENTS, PEOPLE, Store

FACET_KINDS: tuple[str, ...] = ("country", "person", "type", "outlet", "place", "disputed", "report")
FACET_SIZE = 10  # terms shown per facet
SMALL_SET = 5_000  # a filter keeping at most this many events has its facets counted from its ranks
NETWORK_EVENTS = 5_000  # the network reads at most this many of the kept events (newest first)
NETWORK_NODES = 30
WEEKS_UNDER = 26 * 7  # a dated span shorter than this is charted by week


def _key(f: EventFilter) -> tuple[Any, ...]:
    return tuple(sorted(asdict(f).items()))


def _kept(store: Store, conn: Any, f: EventFilter) -> list[Any]:
    """WHERE clauses on ``events`` for the events ``f`` keeps (as ``queries.list_events``)."""
    return _event_conditions(store, conn, f, _event_terms(store, f))


def _memo(store: Store, name: str, f: EventFilter, compute: Callable[[], Any], *extra: Any) -> Any:
    return store.memo(("aggregate", name, _key(f), *extra), compute)


def _names(store: Store, conn: Any) -> dict[str, str]:
    """Casefolded name -> the stored spelling (event_terms keep names casefolded)."""
    return store.memo(("aggregate", "names"), lambda: {
        n.casefold(): n for n in conn.execute(select(PEOPLE.c.name)).scalars()})


def _countries(store: Store, conn: Any) -> dict[str, str]:
    """Stored name -> ISO-3 of the people whose country is known."""
    return store.memo(("aggregate", "countries"), lambda: {
        n: str(c).upper() for n, c in conn.execute(select(PEOPLE.c.name, PEOPLE.c.country)
                                                   .where(PEOPLE.c.country.is_not(None)))})


# --- 1. facets -----------------------------------------------------------------------------------

def facets(store: Store, f: EventFilter, size: int = FACET_SIZE) -> dict[str, list[dict[str, Any]]]:
    """For each of ``FACET_KINDS``: the ``size`` most frequent terms among the kept events, each
    ``{"term", "label", "count"}`` (most first, then by term); a person's label is the stored name.

    Unfiltered, a kind's counts are one pass over its range of event_terms' primary key; a filter
    keeping at most ``SMALL_SET`` events reads their ranks first and counts their terms through
    the ``(sort_rank, kind)`` index, instead of walking every term of the kind."""
    def compute() -> dict[str, list[dict[str, Any]]]:
        counts: dict[str, Counter[str]] = {kind: Counter() for kind in FACET_KINDS}
        with store._read("facets") as conn:
            cond = _kept(store, conn, f)
            names = _names(store, conn)
            n = func.count().label("n")
            ranks: list[int] | None = None
            if cond:
                ranks = list(conn.execute(select(EVENTS.c.sort_rank).where(*cond).limit(SMALL_SET + 1)).scalars())
            if ranks is not None and len(ranks) <= SMALL_SET:
                for start in range(0, len(ranks), 1_000):
                    chunk = ranks[start:start + 1_000]
                    for kind, term, c in conn.execute(
                            select(EVENT_TERMS.c.kind, EVENT_TERMS.c.term, n)
                            .where(EVENT_TERMS.c.sort_rank.in_(chunk))  # no kind: the planner would take the PK
                            .group_by(EVENT_TERMS.c.kind, EVENT_TERMS.c.term)):
                        if kind in counts:
                            counts[kind][term] += int(c)
                top = {k: sorted(v.items(), key=lambda x: (-x[1], x[0]))[:size] for k, v in counts.items()}
            else:
                kept = select(EVENTS.c.sort_rank).where(*cond) if cond else None
                top = {}
                for kind in FACET_KINDS:
                    q = select(EVENT_TERMS.c.term, n).where(EVENT_TERMS.c.kind == kind)
                    if kept is not None:
                        q = q.where(EVENT_TERMS.c.sort_rank.in_(kept))
                    top[kind] = [(t, int(c)) for t, c in conn.execute(
                        q.group_by(EVENT_TERMS.c.term).order_by(n.desc(), EVENT_TERMS.c.term).limit(size))]
            places = {t: _place_label(conn, t) for t, _ in top["place"]}
        labels = {"person": names, "place": places}
        return {kind: [{"term": t, "label": labels.get(kind, {}).get(t, t), "count": c} for t, c in top[kind]]
                for kind in FACET_KINDS}

    result: dict[str, list[dict[str, Any]]] = _memo(store, "facets", f, compute, size)
    return result


def _place_label(conn: Any, term: str) -> str:
    """A place as an event spells it (event_terms keep places lower-cased)."""
    found = conn.execute(select(EVENTS.c.location).where(func.lower(EVENTS.c.location) == term).limit(1)).scalar()
    return str(found) if found else term


# --- 2. timeline ---------------------------------------------------------------------------------

def _month(d: date) -> tuple[date, date]:
    start = d.replace(day=1)
    nxt = (start + timedelta(days=32)).replace(day=1)
    return start, nxt - timedelta(days=1)


def _week(d: date) -> tuple[date, date]:
    start = d - timedelta(days=d.weekday())
    return start, start + timedelta(days=6)


def timeline(store: Store, f: EventFilter) -> dict[str, Any]:
    """Kept events per month (or per ISO week when the dated ones span under 26 weeks), every bin
    from the first to the last (empty ones included), and ``no_date``: how many have no date.

    ``{"unit": "month"|"week", "bins": [{"start", "end", "label", "count"}], "dated", "no_date", "max",
    "months"}``; ``months``: the months with events, newest first (the month facet)."""
    def compute() -> dict[str, Any]:
        with store._read("timeline") as conn:
            cond = _kept(store, conn, f)
            n = func.count().label("n")
            rows = conn.execute(select(EVENTS.c.date, n).where(*cond).group_by(EVENTS.c.date)).all()
        days = {d: int(c) for d, c in rows if d is not None}
        no_date = sum(int(c) for d, c in rows if d is None)
        unit = "week" if days and (max(days) - min(days)).days < WEEKS_UNDER else "month"
        span = _week if unit == "week" else _month
        counts: Counter[date] = Counter()
        for d, c in days.items():
            counts[span(d)[0]] += c
        bins: list[dict[str, Any]] = []
        if counts:
            cur, last = min(counts), max(counts)
            while cur <= last:
                start, end = span(cur)
                label = start.strftime("%Y-%m") if unit == "month" else f"week of {start.isoformat()}"
                bins.append({"start": start.isoformat(), "end": end.isoformat(), "label": label,
                             "count": counts.get(start, 0)})
                cur = end + timedelta(days=1)
        per_month: Counter[date] = Counter()
        for d, c in days.items():
            per_month[d.replace(day=1)] += c
        months = [{"start": m.isoformat(), "end": _month(m)[1].isoformat(), "label": m.strftime("%Y-%m"), "count": c}
                  for m, c in sorted(per_month.items(), reverse=True)]
        return {"unit": unit, "bins": bins, "dated": sum(days.values()), "no_date": no_date,
                "max": max((b["count"] for b in bins), default=0), "months": months}

    result: dict[str, Any] = _memo(store, "timeline", f, compute)
    return result


# --- 3. network ----------------------------------------------------------------------------------

def _meetings(store: Store, f: EventFilter, cap: int) -> tuple[list[tuple[list[str], list[str], str | None]], int]:
    """(participants, attendees, date) of the newest ``cap`` kept events, and how many are kept."""
    with store._read("meetings of a filter") as conn:
        cond = _kept(store, conn, f)
        total = int(conn.execute(select(func.count()).select_from(EVENTS).where(*cond)).scalar_one())
        day = EVENTS.c.date.desc().nulls_last() if store.dialect == "postgresql" else EVENTS.c.date.desc()
        rows = conn.execute(select(EVENTS.c.summary, EVENTS.c.date).where(*cond)
                            .order_by(day, EVENTS.c.event_id).limit(cap)).all()
    out = []
    for summary, d in rows:
        s = json.loads(summary or "{}")
        out.append(([str(p) for p in s.get("participants", [])], [str(p) for p in s.get("attendees", [])], _iso(d)))
    return out, total


def network(store: Store, f: EventFilter, by: str = "person", nodes: int = NETWORK_NODES,
            cap: int = NETWORK_EVENTS) -> dict[str, Any]:
    """Who met whom among the kept events: ``by`` ``person`` (everyone at a meeting: participants
    and attendees, as the person filter) or ``country`` (the participants' countries, as the
    country filter; a meeting of two people of one country is not an edge). Nodes: the ``nodes`` with
    most meetings; edges between them weighted by meetings, with the latest date.

    ``{"by", "nodes": [{"id", "meetings"}], "edges": [{"a", "b", "meetings", "latest"}], "read", "kept"}``
    (``read`` < ``kept`` when only the newest ``cap`` events were read)."""
    def compute() -> dict[str, Any]:
        meetings, kept = _meetings(store, f, cap)
        if by == "country":
            with store._read("countries") as conn:
                country = _countries(store, conn)
            rows = [(sorted({country[p] for p in ps if p in country}), d) for ps, _, d in meetings]
        else:
            rows = [(ps + att, d) for ps, att, d in meetings]
        degree: Counter[str] = Counter()
        weight: Counter[tuple[str, str]] = Counter()
        latest: dict[tuple[str, str], str] = {}
        for ps, d in rows:
            members = sorted(set(ps))
            if len(members) > 1:
                degree.update(members)  # meetings with someone else in the network
            for a, b in combinations(members, 2):
                weight[a, b] += 1
                if d and d > latest.get((a, b), ""):
                    latest[a, b] = d
        top = sorted(degree, key=lambda n: (-degree[n], n))[:nodes]
        keep = set(top)
        edges = [{"a": a, "b": b, "meetings": w, "latest": latest.get((a, b))}
                 for (a, b), w in sorted(weight.items(), key=lambda x: (-x[1], x[0])) if a in keep and b in keep]
        return {"by": by, "nodes": [{"id": n, "meetings": degree[n]} for n in top], "edges": edges,
                "read": len(rows), "kept": kept}

    result: dict[str, Any] = _memo(store, "network", f, compute, by, nodes, cap)
    return result


def counterparts(store: Store, name: str) -> list[dict[str, Any]]:
    """Everyone ``name`` (a stored name) met (participants and attendees of the meetings they were
    at, as the person filter): meetings, latest date; most first."""
    def compute() -> list[dict[str, Any]]:
        rows, _ = _meetings(store, EventFilter(person=name), 100_000)
        n: Counter[str] = Counter()
        latest: dict[str, str] = {}
        for ps, att, d in rows:
            present = set(ps) | set(att)
            if name not in present:
                continue
            for other in present - {name}:
                n[other] += 1
                if d and d > latest.get(other, ""):
                    latest[other] = d
        return [{"name": o, "meetings": c, "latest": latest.get(o)}
                for o, c in sorted(n.items(), key=lambda x: (-x[1], x[0]))]

    result: list[dict[str, Any]] = store.memo(("aggregate", "counterparts", name), compute)
    return result


# --- 5. places -----------------------------------------------------------------------------------

def places(store: Store, f: EventFilter, geocode: Callable[[str], dict[str, Any] | None],
           unplaced: int = 20) -> dict[str, Any]:
    """The kept events' agreed places with counts and ``geocode``'s coordinates (GeoNames); the
    places it cannot find; and the events with no stated place (how many, the newest ``unplaced``).

    ``{"points": [{"place", "count", "lat", "lon", "resolved"}], "not_found": [{"place", "count"}],
    "no_place": n, "no_place_events": [summary, ...]}``"""
    def compute() -> dict[str, Any]:
        from .queries import list_events

        with store._read("places") as conn:
            cond = _kept(store, conn, f)
            n = func.count().label("n")
            rows = conn.execute(select(EVENTS.c.location, n).where(*cond).group_by(EVENTS.c.location)
                                .order_by(n.desc(), EVENTS.c.location)).all()
        points, not_found, no_place = [], [], 0
        for place, count in rows:
            if not place:
                no_place += int(count)
                continue
            g = geocode(place)
            if g is None:
                not_found.append({"place": place, "count": int(count)})
            else:
                points.append({"place": place, "count": int(count), "lat": g["lat"], "lon": g["lon"],
                               "resolved": f"{g['resolved_place']}, {g.get('country') or ''}".rstrip(", ")})
        events: list[dict[str, Any]] = []
        if no_place:  # the newest events with no place: the filter plus "no place" (a few pages at most)
            offset = 0
            while len(events) < unplaced:
                page, _ = list_events(store, f, limit=MAX_LIMIT, offset=offset)
                events += [e for e in page if not e["location"]][:unplaced - len(events)]
                offset += MAX_LIMIT
                if len(page) < MAX_LIMIT or offset >= 10 * MAX_LIMIT:
                    break
        return {"points": points, "not_found": not_found, "no_place": no_place, "no_place_events": events}

    result: dict[str, Any] = _memo(store, "places", f, compute, unplaced)
    return result


# --- 6. positions --------------------------------------------------------------------------------

def _statement(row: Any) -> dict[str, Any]:
    return {"doc_id": row["doc_id"], "idx": row["idx"], "source": row["source"], "type": row["type"],
            "target": row["target"], "mode": row["mode"], "source_country": row["source_country"],
            "target_country": row["target_country"], "context": list(row["context"] or []),
            "evidence": row["evidence_text"], "publication_date": _iso(row["publication_date"]),
            "spun": bool(row["spun"]), "copy_of": row["near_duplicate_of"]}


_STATEMENT_COLS = (STATEMENTS.c.doc_id, STATEMENTS.c.idx, STATEMENTS.c.source, STATEMENTS.c.type,
                   STATEMENTS.c.target, STATEMENTS.c.mode, STATEMENTS.c.source_country,
                   STATEMENTS.c.target_country, STATEMENTS.c.context, STATEMENTS.c.evidence_text,
                   DOCS.c.publication_date, DOCS.c.spun, DOCS.c.near_duplicate_of)


def positions(store: Store, name: str, limit: int = MAX_LIMIT) -> list[dict[str, Any]]:
    """PLOVER statements with ``name`` (a stored name) as source or target, oldest report first
    (undated last), each with its document's date and whether that document is spun or a copy."""
    with store._read(f"positions of {name}") as conn:
        rows = conn.execute(
            select(*_STATEMENT_COLS).join(DOCS, DOCS.c.doc_id == STATEMENTS.c.doc_id)
            .where(or_(STATEMENTS.c.source == name, STATEMENTS.c.target == name))
            .order_by(DOCS.c.publication_date.is_(None), DOCS.c.publication_date, STATEMENTS.c.doc_id,
                      STATEMENTS.c.idx).limit(limit)).mappings().all()
    return [_statement(r) for r in rows]


def event_positions(store: Store, event: dict[str, Any]) -> list[dict[str, Any]]:
    """The statements in an event's sources (``queries.get_event``), grouped by side (the source),
    the originals' statements first, then those of copies (``copy_of`` set) and spun reports."""
    order = {s["doc_id"]: i for i, s in enumerate(event["sources"])}
    copy_of = {s["doc_id"]: s["copy_of"] for s in event["sources"]}
    with store._read(f"positions in {event['event_id']}") as conn:
        rows = conn.execute(select(*_STATEMENT_COLS).join(DOCS, DOCS.c.doc_id == STATEMENTS.c.doc_id)
                            .where(STATEMENTS.c.doc_id.in_(list(order)))).mappings().all()
    items = [{**_statement(r), "copy_of": copy_of.get(r["doc_id"]) or r["near_duplicate_of"]} for r in rows]
    items.sort(key=lambda s: (bool(s["copy_of"] or s["spun"]), order[s["doc_id"]], s["idx"]))
    sides: dict[str, list[dict[str, Any]]] = {}
    for s in items:
        sides.setdefault(s["source"] or "unknown", []).append(s)
    return [{"side": k, "statements": v} for k, v in sides.items()]


# --- 7. outlets ----------------------------------------------------------------------------------

def _outlet_match(name: str) -> Any:
    host = name.strip().lower().removeprefix("www.")
    pats = [f"{scheme}://{www}{host}{end}" for scheme in ("http", "https") for www in ("", "www.")
            for end in ("/%", "")]
    return or_(*[c.like(p) for c in (DOCS.c.url, DOCS.c.source) for p in pats])


def outlet_reports(store: Store, name: str, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """The documents of outlet ``name`` (``indexing.outlet``), newest first, with the totals of its
    reports, of those that are copies of another report and of those flagged spun."""
    from .queries import _DOC_SUMMARY_COLS, _doc_summary

    host = name.strip().lower().removeprefix("www.")
    with store._read(f"outlet {host}") as conn:
        cond = _outlet_match(host)

        def counts() -> tuple[int, int, int]:
            total, copies, spun = conn.execute(select(
                func.count(), func.count(DOCS.c.near_duplicate_of),
                func.coalesce(func.sum(case((DOCS.c.spun.is_(True), 1), else_=0)), 0)).where(cond)).one()
            return int(total), int(copies), int(spun)

        total, copies, spun = store.memo(("aggregate", "outlet", host), counts)
        pub = DOCS.c.publication_date.desc()
        pub = pub.nulls_last() if store.dialect == "postgresql" else pub
        rows = conn.execute(select(*_DOC_SUMMARY_COLS).where(cond).order_by(pub, DOCS.c.doc_id)
                            .limit(max(0, min(limit, MAX_LIMIT))).offset(max(0, offset))).mappings().all()
    items = [d for d in (_doc_summary(r) for r in rows) if outlet(d["url"], d["source"]) == host]
    return {"outlet": host, "items": items, "total": total, "copies": copies, "spun": spun}


def event_outlets(store: Store, doc_ids: list[str]) -> dict[str, str | None]:
    """Each document's outlet (``indexing.outlet``)."""
    with store._read("outlets") as conn:
        return {d: outlet(u, s) for d, u, s in conn.execute(
            select(DOCS.c.doc_id, DOCS.c.url, DOCS.c.source).where(DOCS.c.doc_id.in_(doc_ids)))}


__all__ = ["FACET_KINDS", "counterparts", "event_outlets", "event_positions", "facets", "network",
           "outlet_reports", "places", "positions", "timeline"]
