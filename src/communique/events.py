"""Merging reports of one real meeting into an event, keeping every source's account.

Rules (applied per set of participants, canonical names; attendees do not count):

1. A copy joins the event of the report it copies: each meeting of a linked document (spun,
   near or exact copy) is tied to the meeting of its target with the same participants.
2. Two meetings with known dates are the same event only if the dates are equal.
3. A meeting without a date joins a dated one when its report was published between the day
   before and ``opts.event_window_days`` after that date, and its weekday words ("on Saturday"),
   if any, name that date's weekday; the closest such date wins.
4. A meeting with neither a date nor a publication date joins a dated meeting when that is
   the only one with these participants whose weekday and place fit it (else it stays alone).
5. Two undated meetings join when both reports have publication dates within
   ``opts.event_window_days`` of each other and their weekday words agree.
6. Places must be compatible: a missing place agrees with anything; two named places must match.

Each :class:`Event` keeps, for ``date``, ``location``, ``attendees`` and ``participants``, every
source's value, the agreed value (most sources; ties by value), how many sources gave it, and a
``conflict`` flag when sources disagree. An event whose date comes only from some of its reports
says so in ``date_derivation`` ("from <doc_id> ...").

**Event ids** are ``"evt-"`` + the first 12 hex digits of the sha256 of the sorted participants
joined by ``"|"``, then ``"|"`` and the agreed date (ISO), or, when no source has a date, the
smallest member ``doc_id``. So ids are stable across runs and orders, identical for every report
of one event, and change only when an undated event gains a date or an earlier-sorting member.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .dedup import Link
from .options import Options
from .records import DocumentResult, Meeting

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
FIELDS = ("date", "location", "attendees", "participants")


@dataclass
class Event:
    event_id: str
    participants: tuple[str, ...]
    date: date | None
    date_sources: tuple[str, ...]  # doc_ids whose own meeting date is the agreed date
    location: str | None
    attendees: tuple[str, ...]  # everyone any source says attended
    fields: dict[str, dict[str, Any]]  # per field: value, sources {doc_id: value}, agreed_by, conflict
    sources: list[tuple[str, int]]  # (doc_id, meeting_idx)
    date_derivation: str | None = None

    @property
    def conflicts(self) -> tuple[str, ...]:
        return tuple(f for f in FIELDS if self.fields[f]["conflict"])

    def to_json(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "participants": list(self.participants),
            "date": self.date.isoformat() if self.date else None,
            "date_sources": list(self.date_sources),
            "date_derivation": self.date_derivation,
            "location": self.location,
            "attendees": list(self.attendees),
            "fields": self.fields,
            "sources": [[d, i] for d, i in self.sources],
            "conflicts": list(self.conflicts),
        }


def event_id(participants: Sequence[str], when: date | None, members: Sequence[str]) -> str:
    key = "|".join(sorted(participants)) + "|" + (when.isoformat() if when else min(members))
    return "evt-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def weekday_of(text: str | None) -> int | None:
    m = _WEEKDAY.search(text or "")
    return WEEKDAYS.index(m.group(1).lower()) if m else None


@dataclass(eq=False)
class _Node:
    doc_id: str
    idx: int
    meeting: Meeting
    pub: date | None
    order: int


@dataclass(eq=False)
class _Cluster:
    nodes: list[_Node] = field(default_factory=list)

    @property
    def dates(self) -> Counter[date]:
        return Counter(n.meeting.date for n in self.nodes if n.meeting.date)

    @property
    def agreed_date(self) -> date | None:
        c = self.dates
        return min(c, key=lambda d: (-c[d], d)) if c else None

    @property
    def pubs(self) -> set[date]:
        return {n.pub for n in self.nodes if n.pub}

    @property
    def weekdays(self) -> set[int]:
        return {w for n in self.nodes if (w := weekday_of(n.meeting.date_text)) is not None and not n.meeting.date}

    @property
    def places(self) -> set[str]:
        return {n.meeting.location.casefold() for n in self.nodes if n.meeting.location}


def _places_ok(a: _Cluster, b: _Cluster) -> bool:
    pa, pb = a.places, b.places
    return not pa or not pb or bool(pa & pb)


def _attach_undated(c: _Cluster, d: date, window: int) -> int | None:
    """Days from ``d`` to the nearest publication date of ``c`` in [d - 1, d + window], or None."""
    if c.weekdays and d.weekday() not in c.weekdays:
        return None
    gaps = [(p - d).days for p in c.pubs if -1 <= (p - d).days <= window]
    return min(gaps, key=abs) if gaps else None


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _merge_group(clusters: list[_Cluster], window: int) -> list[_Cluster]:
    """Rules 2-6 over the clusters of one participant set."""
    dated: dict[date, list[_Cluster]] = defaultdict(list)
    undated: list[_Cluster] = []
    for c in clusters:
        d = c.agreed_date
        if d is None:
            undated.append(c)
            continue
        for other in dated[d]:
            if _places_ok(other, c):
                other.nodes += c.nodes
                break
        else:
            dated[d].append(c)
    rest: list[_Cluster] = []
    undated.sort(key=lambda c: (min(c.pubs) if c.pubs else date.max, min(n.order for n in c.nodes)))
    for c in undated:
        best: tuple[int, date, _Cluster] | None = None
        for p in sorted(c.pubs):
            for back in range(-1, window + 1):
                day = p - timedelta(days=back)
                for target in dated.get(day, ()):
                    gap = _attach_undated(c, day, window)
                    if gap is not None and _places_ok(target, c) and (best is None or (abs(gap), day) < (abs(best[0]), best[1])):
                        best = (gap, day, target)
        if best is None and not c.pubs:  # rule 4: no time at all, but only one event it can be
            fits = [t for ts in dated.values() for t in ts
                    if _places_ok(t, c) and (not c.weekdays or (t.agreed_date and t.agreed_date.weekday() in c.weekdays))]
            if len(fits) == 1:
                best = (0, fits[0].agreed_date or date.min, fits[0])
        if best is not None:
            best[2].nodes += c.nodes
            continue
        for other in rest:
            close = any(abs((p - q).days) <= window for p in c.pubs for q in other.pubs)
            days_ok = not c.weekdays or not other.weekdays or bool(c.weekdays & other.weekdays)
            if close and days_ok and _places_ok(other, c):
                other.nodes += c.nodes
                break
        else:
            rest.append(c)
    return [c for cs in dated.values() for c in cs] + rest


def _field(values: dict[str, Any]) -> dict[str, Any]:
    """Agreement over one field: ``values`` maps doc_id to its (JSON) value, None = not stated."""
    stated = {k: v for k, v in values.items() if v not in (None, [], "")}
    counts = Counter(repr(v) for v in stated.values())
    if not counts:
        return {"value": None, "sources": values, "agreed_by": 0, "conflict": False}
    top = min(counts, key=lambda r: (-counts[r], r))
    value = next(v for v in stated.values() if repr(v) == top)
    return {"value": value, "sources": values, "agreed_by": counts[top], "conflict": len(counts) > 1}


def _build(c: _Cluster) -> Event:
    nodes = sorted(c.nodes, key=lambda n: (n.order, n.idx))
    participants = tuple(sorted(nodes[0].meeting.participants))
    per: dict[str, dict[str, Any]] = {f: {} for f in FIELDS}
    for n in nodes:
        m = n.meeting
        per["date"].setdefault(n.doc_id, m.date.isoformat() if m.date else None)
        per["location"].setdefault(n.doc_id, m.location)
        per["attendees"].setdefault(n.doc_id, sorted(m.attendees))
        per["participants"].setdefault(n.doc_id, sorted(m.participants))
    fields = {f: _field(v) for f, v in per.items()}
    agreed = fields["date"]["value"]
    when = date.fromisoformat(agreed) if agreed else None
    date_sources = tuple(d for d, v in per["date"].items() if v == agreed and agreed)
    derivation = None
    undated = [d for d, v in per["date"].items() if v is None]
    if when and undated:
        said = {n.doc_id: n.meeting.date_text for n in nodes if n.doc_id in undated and n.meeting.date_text}
        derivation = f"from {', '.join(date_sources)} ({agreed}); undated in {', '.join(undated)}" + (
            "".join(f"; {d} said {t!r}" for d, t in said.items())
        )
    members = [n.doc_id for n in nodes]
    attendees = tuple(sorted({a for n in nodes for a in n.meeting.attendees} - set(participants)))
    return Event(
        event_id=event_id(participants, when, members),
        participants=participants,
        date=when,
        date_sources=date_sources,
        location=fields["location"]["value"],
        attendees=attendees,
        fields=fields,
        sources=[(n.doc_id, n.idx) for n in nodes],
        date_derivation=derivation,
    )


def merge_events(results: Sequence[DocumentResult], links: Sequence[Link] = (), opts: Options | None = None) -> list[Event]:
    """Group the meetings of ``results`` into events (rules in the module docstring), sorted by id."""
    opts = opts or Options()
    nodes: list[_Node] = []
    where: dict[str, dict[frozenset[str], list[int]]] = defaultdict(lambda: defaultdict(list))
    for order, r in enumerate(results):
        pub = r.clean.raw.publication_date
        for idx, m in enumerate(r.analysis.meetings):
            if len(m.participants) < 1:
                continue
            where[r.doc_id][frozenset(m.participants)].append(len(nodes))
            nodes.append(_Node(r.doc_id, idx, m, pub, order))
    uf = _UnionFind(len(nodes))
    for link in links:  # rule 1
        target = where.get(link.target, {})
        for key, idxs in where.get(link.doc_id, {}).items():
            for j in target.get(key, ())[:1]:
                for i in idxs:
                    uf.union(i, j)
    comps: dict[int, _Cluster] = defaultdict(_Cluster)
    for i, n in enumerate(nodes):
        comps[uf.find(i)].nodes.append(n)
    groups: dict[frozenset[str], list[_Cluster]] = defaultdict(list)
    for c in comps.values():
        groups[frozenset(c.nodes[0].meeting.participants)].append(c)
    events = [_build(c) for g in groups.values() for c in _merge_group(g, opts.event_window_days)]
    _disambiguate(events)
    return sorted(events, key=lambda e: e.event_id)


def _disambiguate(events: list[Event]) -> None:
    """Two events of the same people on the same date (different places, kept apart) would share
    an id: each then gets a suffix from its first source, so ids stay unique and stable."""
    by_id: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        by_id[e.event_id].append(e)
    for same in by_id.values():
        if len(same) > 1:
            for e in same:
                doc, idx = min(e.sources)
                first = f"{doc}#{idx}"
                e.event_id += "-" + hashlib.sha256(first.encode("utf-8")).hexdigest()[:4]


def assign_event_ids(results: list[DocumentResult], events: Sequence[Event], *, fill_dates: bool = False) -> None:
    """Set ``Meeting.event_id`` on every meeting that belongs to an event (records replaced).

    With ``fill_dates``, an undated meeting also takes its event's agreed date, and its
    ``date_derivation`` names the reports that gave it.
    """
    by_source = {s: e for e in events for s in e.sources}
    for r in results:
        meetings = list(r.analysis.meetings)
        changed = False
        for idx, m in enumerate(meetings):
            e = by_source.get((r.doc_id, idx))
            if e is None:
                continue
            new = dataclasses.replace(m, event_id=e.event_id)
            if fill_dates and m.date is None and e.date is not None:
                new = dataclasses.replace(new, date=e.date, date_derivation=f"from {', '.join(e.date_sources)} (same event)")
            meetings[idx] = new
            changed = changed or new != m
        if changed:
            r.analysis = dataclasses.replace(r.analysis, meetings=tuple(meetings))
