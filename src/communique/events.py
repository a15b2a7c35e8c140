"""Merging reports of one real meeting into an event, keeping every source's account.

Rules (applied per set of participants, canonical names; attendees do not count):

1. A copy joins the event of the report it copies: each meeting of a linked document (spun,
   near or exact copy) is tied to the meeting of its target with the same participants.
2. Two meetings with known dates are one event when the dates are within
   ``opts.event_window_days`` of each other (all of an event's dates within the window), unless
   one report states both as separate meetings: a date that disagrees is a dispute, not a
   second event.
3. A meeting without a date joins a dated one when its report was published between the day
   before and ``opts.event_window_days`` after that date, and its weekday words ("on Saturday"),
   if any, name that date's weekday; the closest such date wins.
4. Two undated meetings join when both reports have publication dates within
   ``opts.event_window_days`` of each other and their weekday words agree.
5. Meetings with neither a date nor a publication date that fit (by weekday and place) no
   event with a time join each other when their weekday words and places agree: reports of
   one meeting that never say when it happened are still one event, and a sign that these
   participants met another time.
6. Any other meeting with neither a date nor a publication date joins an event when that is
   the only one it fits among the dated events and those of rule 5; else, when it fits several,
   the only one of them whose reports quote the same words (a run of ``QUOTE_RUN`` words of a
   quotation in common: the same remarks, so the same occasion), also a report that was left
   alone so far; else it joins the other such
   meetings that name the same weekday and a place that agrees ("on Friday ... in Abuja" told
   four times is one meeting, whichever event it is), else it stays alone.
7. Places, attendees and dates that disagree do not split an event: the event is ``disputed``
   and each field shows every value with its sources.

**Independent reports.** A report that is a copy (exact, near or spun; links followed through
copies of copies) of another report of the event is listed under that original and adds no
agreement: each field's ``agreed_by`` counts independent reports only, and a copy's value that
differs from its original's is shown but is no conflict.

Each :class:`Event` keeps, for ``date``, ``location``, ``attendees`` and ``participants``, every
source's value, the agreed value (most independent reports; ties by value), how many independent
reports gave it, and a ``conflict`` flag when independent reports disagree. An event whose date
comes only from some of its reports says so in ``date_derivation``; ``date_source`` says whether
the agreed date is written in a report ("text") or was worked out from a publication date
("publication": a weekday, "yesterday", a day and month without year).

**Event ids** are ``"evt-"`` + the first 12 hex digits of the sha256 of the event's first report,
``"<doc_id>#<meeting index>"``: the earliest published member (ties by doc_id). They do not depend
on the order reports arrive in; when events merge, the merged event keeps the id of the one holding
the earliest report, and when an event splits, the part holding its first report keeps the id.
The store keeps every id that stops naming an event as a redirect to where its reports went.
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
QUOTE_RUN = 8  # words in a row two reports must both quote to be quoting the same remarks
_QUOTE_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


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
    copies: dict[str, str] = field(default_factory=dict)  # doc_id of a copy -> its original among the sources
    date_source: str | None = None  # "text" or "publication" (see the module docstring)

    @property
    def originals(self) -> list[str]:
        """The independent reports: doc_ids of the sources that copy no other source (in order)."""
        return list(dict.fromkeys(d for d, _ in self.sources if d not in self.copies))

    @property
    def disputed(self) -> bool:
        return bool(self.conflicts)

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
            "disputed": self.disputed,
            "date_source": self.date_source,
            "independent_reports": len(self.originals),
            "copies": len(set(self.copies)),
            "reports": [{"doc_id": o, "copies": sorted({c for c, t in self.copies.items() if t == o})}
                        for o in self.originals],
        }


def event_id(first_report: tuple[str, int]) -> str:
    """The id of the event whose first report is ``(doc_id, meeting index)``."""
    doc, idx = first_report
    return "evt-" + hashlib.sha256(f"{doc}#{idx}".encode()).hexdigest()[:12]


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
    quoted: frozenset[tuple[str, ...]] = frozenset()  # runs of QUOTE_RUN words its report quotes


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
    def quoted(self) -> set[tuple[str, ...]]:
        return {run for n in self.nodes for run in n.quoted}

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


def _weekdays_ok(a: _Cluster, b: _Cluster) -> bool:
    return not a.weekdays or not b.weekdays or bool(a.weekdays & b.weekdays)


def _fits_untimed(a: _Cluster, b: _Cluster) -> bool:
    """Two clusters without a date could be one meeting: their weekday words and places agree."""
    return _places_ok(a, b) and _weekdays_ok(a, b)


def _twice(a: _Cluster, b: _Cluster) -> bool:
    """One report states a meeting in each: the text says these people met twice."""
    return bool({n.doc_id for n in a.nodes} & {n.doc_id for n in b.nodes})


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


def quoted_runs(texts: Sequence[str], run: int = QUOTE_RUN) -> frozenset[tuple[str, ...]]:
    """Every run of ``run`` consecutive words (case-folded, apostrophes kept) of the quotations."""
    out: set[tuple[str, ...]] = set()
    for text in texts:
        words = [w.replace("’", "'") for w in _QUOTE_WORD.findall(text.casefold())]
        out.update(tuple(words[i:i + run]) for i in range(len(words) - run + 1))
    return frozenset(out)


def _first(c: _Cluster) -> tuple[date, str, int]:
    return min((n.pub or date.max, n.doc_id, n.idx) for n in c.nodes)


def _merge_group(clusters: list[_Cluster], window: int) -> list[_Cluster]:
    """Rules 2-6 over the clusters of one participant set (in an order that does not depend on
    the order the reports came in)."""
    clusters = sorted(clusters, key=_first)
    dated: list[_Cluster] = []
    for c in sorted((c for c in clusters if c.agreed_date), key=lambda c: (c.agreed_date, _first(c))):
        for other in dated:
            days = list(other.dates) + list(c.dates)
            if (max(days) - min(days)).days <= window and not _twice(other, c):
                other.nodes += c.nodes
                break
        else:
            dated.append(c)
    by_day: dict[date, list[_Cluster]] = defaultdict(list)
    for c in dated:
        for d in c.dates:
            by_day[d].append(c)
    rest: list[_Cluster] = []
    undated = sorted((c for c in clusters if not c.agreed_date and c.pubs), key=lambda c: (min(c.pubs), _first(c)))
    for c in undated:
        best: tuple[int, date, _Cluster] | None = None
        for p in sorted(c.pubs):
            for back in range(-1, window + 1):
                day = p - timedelta(days=back)
                for target in by_day.get(day, ()):
                    gap = _attach_undated(c, day, window)
                    if gap is not None and not _twice(target, c) and (best is None or (abs(gap), day) < (abs(best[0]), best[1])):
                        best = (gap, day, target)
        if best is not None:
            best[2].nodes += c.nodes
            continue
        for other in rest:
            close = any(abs((p - q).days) <= window for p in c.pubs for q in other.pubs)
            if close and _weekdays_ok(c, other) and not _twice(other, c):
                other.nodes += c.nodes
                break
        else:
            rest.append(c)
    return dated + rest + _merge_timeless([c for c in clusters if not c.agreed_date and not c.pubs], dated, rest)


def _merge_timeless(timeless: list[_Cluster], dated: list[_Cluster], timed: list[_Cluster]) -> list[_Cluster]:
    """Rules 4 and 5 for clusters with neither a date nor a publication date (sorted by first
    report). Those that fit no event with a time start events of their own (joining each other
    when exactly one fits); then each other one joins the only event it fits, dated or one of
    those, and stays alone when it fits several."""
    def fits_dated(c: _Cluster) -> list[_Cluster]:
        return [t for t in dated if _places_ok(t, c) and (not c.weekdays or (t.agreed_date and t.agreed_date.weekday() in c.weekdays))]

    own: list[_Cluster] = []
    alone: list[_Cluster] = []
    left: list[_Cluster] = []
    for c in timeless:
        if fits_dated(c) or any(_fits_untimed(t, c) for t in timed):
            left.append(c)
            continue
        alike = [t for t in own if _fits_untimed(t, c) and not _twice(t, c)]
        if len(alike) == 1:
            alike[0].nodes += c.nodes
        else:
            (alone if alike else own).append(c)
    unsure: list[_Cluster] = []
    for c in left:  # those that fit one event first: what they bring can settle the others
        fits = fits_dated(c) + [t for t in own if _fits_untimed(t, c)]
        if len(fits) == 1 and not _twice(fits[0], c):
            fits[0].nodes += c.nodes
        else:
            unsure.append(c)
    for c in unsure:
        fits = fits_dated(c) + [t for t in own if _fits_untimed(t, c)]
        if len(fits) != 1:  # the same remarks quoted: the same occasion (also a report left alone before it)
            fits = [t for t in fits + [a for a in alone if _fits_untimed(a, c)] if t.quoted & c.quoted] or fits
        if len(fits) == 1 and not _twice(fits[0], c):
            fits[0].nodes += c.nodes
            continue
        # reports that fit more than one event, or an event only by having no weekday of its own,
        # still join each other when they name the same weekday and place: "on Friday ... in Abuja"
        # four times is one meeting told four times, whichever event it is
        same = [t for t in alone if c.weekdays and t.weekdays and c.weekdays & t.weekdays and _places_ok(t, c)
                and (c.places or t.places) and not _twice(t, c)]
        if len(same) == 1:
            same[0].nodes += c.nodes
        else:
            alone.append(c)
    return own + alone


def _field(values: dict[str, Any], independent: set[str]) -> dict[str, Any]:
    """Agreement over one field: ``values`` maps doc_id to its (JSON) value, None = not stated;
    only ``independent`` reports count (a copy's value is shown, never counted)."""
    stated = {k: v for k, v in values.items() if v not in (None, [], "") and k in independent}
    counts = Counter(repr(v) for v in stated.values())
    if not counts:
        return {"value": None, "sources": values, "agreed_by": 0, "conflict": False}
    top = min(counts, key=lambda r: (-counts[r], r))
    value = next(v for v in stated.values() if repr(v) == top)
    return {"value": value, "sources": values, "agreed_by": counts[top], "conflict": len(counts) > 1}


def _originals(docs: set[str], target: dict[str, str]) -> dict[str, str]:
    """Each copy among ``docs`` -> its original among them: the last report of its chain of
    links (copy of a copy of ...) that is in ``docs``."""
    out: dict[str, str] = {}
    for d in docs:
        chain, seen = d, {d}
        original = d
        while chain in target and target[chain] not in seen:
            chain = target[chain]
            seen.add(chain)
            if chain in docs:
                original = chain
        if original != d:
            out[d] = original
    return out


def _build(c: _Cluster, target: dict[str, str]) -> Event:
    nodes = sorted(c.nodes, key=lambda n: (n.pub or date.max, n.doc_id, n.idx))
    copies = _originals({n.doc_id for n in nodes}, target)
    independent = {n.doc_id for n in nodes} - set(copies)
    participants = tuple(sorted(nodes[0].meeting.participants))
    per: dict[str, dict[str, Any]] = {f: {} for f in FIELDS}
    for n in nodes:
        m = n.meeting
        per["date"].setdefault(n.doc_id, m.date.isoformat() if m.date else None)
        per["location"].setdefault(n.doc_id, m.location)
        per["attendees"].setdefault(n.doc_id, sorted(m.attendees))
        per["participants"].setdefault(n.doc_id, sorted(m.participants))
    fields = {f: _field(v, independent) for f, v in per.items()}
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
    source_of_date = None
    if when:
        how = [n.meeting.date_derivation or "" for n in nodes if n.doc_id in date_sources and n.meeting.date == when]
        source_of_date = "publication" if all("publication" in h for h in how) else "text"
    attendees = tuple(sorted({a for n in nodes for a in n.meeting.attendees} - set(participants)))
    return Event(
        event_id=event_id((nodes[0].doc_id, nodes[0].idx)),
        participants=participants,
        date=when,
        date_sources=date_sources,
        location=fields["location"]["value"],
        attendees=attendees,
        fields=fields,
        sources=[(n.doc_id, n.idx) for n in nodes],
        date_derivation=derivation,
        copies=copies,
        date_source=source_of_date,
    )


def merge_events(results: Sequence[DocumentResult], links: Sequence[Link] = (), opts: Options | None = None) -> list[Event]:
    """Group the meetings of ``results`` into events (rules in the module docstring), sorted by id."""
    opts = opts or Options()
    nodes: list[_Node] = []
    where: dict[str, dict[frozenset[str], list[int]]] = defaultdict(lambda: defaultdict(list))
    for order, r in enumerate(results):
        pub = r.clean.raw.publication_date
        quoted = quoted_runs([q.text for q in r.analysis.quotes])
        for idx, m in enumerate(r.analysis.meetings):
            if len(m.participants) < 1:
                continue
            where[r.doc_id][frozenset(m.participants)].append(len(nodes))
            nodes.append(_Node(r.doc_id, idx, m, pub, order, quoted))
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
    targets = {link.doc_id: link.target for link in links}
    events = [_build(c, targets) for g in groups.values() for c in _merge_group(g, opts.event_window_days)]
    return sorted(events, key=lambda e: e.event_id)


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
