"""A big synthetic store for load tests: N merged events with 1-5 source reports each.

1. ``synthetic_events`` (pure, seeded) makes, per event, its source documents as pipeline
   records (:class:`DocumentResult` with people, one meeting, quotes and statements, evidence
   offsets that index the text) and the merged event record in ``Event.to_json`` form;
2. ``fill_store`` writes them in bulk through the Store's engine, one transaction per chunk,
   with the same row shapes as the Store's own write path (``store.convert``'s ``*_row``), then
   derives what the read side indexes with the helper ``replace_events`` uses
   (``Store.reindex_events`` -> ``store.indexing.index_events``).

What varies: people (the actors knowledge base plus made-up names), countries, capitals,
dates 2012-2026, outlets, 1-5 sources per event (about two on average), spun copies (about one
report in ten, pointing at the event's first report), sources that disagree on the date or
place (about one multi-source event in eight), 1-3 quotes and 1-3 statements per report.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from ..events import event_id as make_event_id
from ..records import (
    Analysis,
    CleanDocument,
    DocumentResult,
    Meeting,
    Person,
    Quality,
    Quote,
    RawDocument,
    Span,
    Statement,
)
from ..store import Store, convert, indexing
from ..store.store import (
    DOC_PEOPLE,
    DOCS,
    EVENT_SOURCES,
    EVENTS,
    MEETINGS,
    MENTIONS,
    PEOPLE,
    QUOTES,
    STATEMENTS,
)

CHUNK_EVENTS = 2_000  # events per write transaction
SOURCES_WEIGHTS = (45, 25, 15, 10, 5)  # 1..5 sources per event
OUTLETS = ("irna.ir", "reuters.com", "apnews.com", "aljazeera.com", "tass.com", "xinhuanet.com", "aa.com.tr",
           "wam.ae", "spa.gov.sa", "bbc.co.uk", "france24.com", "dw.com", "thenationalnews.com", "presstv.ir",
           "english.news.cn", "kremlin.ru", "mehrnews.com", "arabnews.com", "hurriyetdailynews.com", "dawn.com")
TOPICS = ("regional security", "energy cooperation", "trade and investment", "the reconstruction of the region",
          "border crossings", "water sharing", "counter-terrorism", "the humanitarian situation", "nuclear talks",
          "grain exports", "the ceasefire", "refugee returns", "railway links", "oil prices", "visa rules",
          "maritime security", "the fight against drug trafficking", "debt relief", "electricity supplies")
QUOTE_LINES = ("Our two countries share a common destiny", "We will not accept interference in our affairs",
               "Security in the region must be provided by its own countries", "The door to dialogue remains open",
               "Sanctions have failed and they will keep failing", "This visit opens a new chapter",
               "We stand ready to expand our cooperation in every field", "Stability serves all the peoples of the region",
               "Occupation forces must leave", "Trade between us can double within three years")
VERBS = {"SUPPORT": "praised", "ACCUSE": "criticised", "REQUEST": "urged", "COOPERATE": "agreed to deepen ties with",
         "REJECT": "rejected the position of", "AGREE": "signed an accord with", "THREATEN": "warned",
         "AID": "pledged assistance to", "SANCTION": "announced sanctions on", "CONCEDE": "conceded to"}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_GIVEN = ("Karim", "Leila", "Omar", "Samir", "Nadia", "Yusuf", "Farid", "Rania", "Tariq", "Hana", "Viktor",
          "Elena", "Chen", "Aigerim", "Rafael", "Amina", "Jonas", "Mehmet", "Priya", "Kofi", "Ines", "Dmitri")
_FAMILY = ("Haddad", "Nasser", "Rahimi", "Okafor", "Demir", "Petrov", "Wang", "Sadykov", "Moreau", "Qureshi",
           "Mansour", "Barzani", "Khalil", "Lindqvist", "Abdi", "Farouk", "Tan", "Silva", "Novak", "Osei")
_OFFICES = ("Foreign Minister", "Defence Minister", "Prime Minister", "President", "Speaker of Parliament",
            "Energy Minister", "Trade Minister", "Special Envoy")


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    country: str
    role: str | None
    wikidata: str | None


@dataclass(slots=True)
class SyntheticEvent:
    """One merged event and the reports of it."""

    event_id: str
    data: dict[str, Any]  # Event.to_json form
    results: list[DocumentResult]


@dataclass(slots=True)
class FillReport:
    events: int = 0
    documents: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def actor_pool(rng: random.Random, extra: int = 1_500) -> list[Actor]:
    """Knowledge-base people (with their latest office) plus ``extra`` made-up office holders."""
    from ..actors.kb import KnowledgeBase

    kb = KnowledgeBase.load()
    actors = [Actor(p.name, p.country, _latest(p.offices), p.id) for p in kb.people()]
    codes = sorted(c for c, v in kb.countries().items() if not v.get("parent"))
    seen = {a.name for a in actors}
    want = len(actors) + min(extra, len(_GIVEN) * len(_FAMILY) ** 2 // 2)
    while len(actors) < want:
        name = f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}-{rng.choice(_FAMILY)}"
        if name in seen:
            continue
        seen.add(name)
        code = rng.choice(codes)
        actors.append(Actor(name, code, f"{rng.choice(_OFFICES)} of {kb.country_name(code) or code}", None))
    return actors


def _latest(offices: Sequence[Any]) -> str | None:
    """The label of the office held last (one still held wins)."""
    if not offices:
        return None
    best = max(offices, key=lambda o: (o.end is None, o.end or date.min, o.start or date.min))
    return str(best.label)


def capitals() -> dict[str, str]:
    from ..actors.kb import KnowledgeBase

    return {c: v["capitals"][0] for c, v in KnowledgeBase.load().countries().items() if v.get("capitals")}


class _Text:
    """Builds a text piece by piece, returning the span of each piece it adds."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.n = 0

    def add(self, piece: str) -> Span:
        span = Span(piece, self.n, self.n + len(piece))
        self.parts.append(piece)
        self.n += len(piece)
        return span

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _report(rng: random.Random, doc_id: str, outlet: str, a: Actor, b: Actor, attendee: Actor | None,
            when: date | None, place: str | None, pub: date, spun: bool, others: Sequence[Actor]) -> DocumentResult:
    t = _Text()
    title = f"{a.name} receives {b.name}" + (f" in {place}" if place else "")
    t.add(title + "\n\n")
    mentions: dict[str, list[Span]] = {a.name: [], b.name: []}
    start = t.n
    t.add(f"{a.role or 'Official'} ")
    mentions[a.name].append(t.add(a.name))
    t.add(f" met {b.role or 'his counterpart'} ")
    mentions[b.name].append(t.add(b.name))
    loc_span = None
    if place:
        t.add(" in ")
        loc_span = t.add(place)
    date_text = None
    if when:
        date_text = f"on {WEEKDAYS[when.weekday()]}, {when.strftime('%B')} {when.day}"
        t.add(" ")
        t.add(date_text)
    if attendee:
        t.add(", with ")
        mentions[attendee.name] = [t.add(attendee.name)]
        t.add(" also present")
    topic = rng.choice(TOPICS)
    t.add(f", to discuss {topic}.")
    evidence = Span(t.text[start:t.n], start, t.n)
    t.add("\n\n")
    quotes: list[Quote] = []
    for _ in range(rng.randint(1, 3)):
        speaker = rng.choice((a, b))
        t.add("\u201c")
        line = t.add(rng.choice(QUOTE_LINES) + f" on {rng.choice(TOPICS)}")
        t.add(",\u201d ")
        cue = t.add(f"{speaker.name} said")
        mentions[speaker.name].append(Span(speaker.name, cue.start, cue.start + len(speaker.name)))
        t.add(".\n\n")
        quotes.append(Quote(speaker.name, line.text, "direct", line.start, line.end, round(rng.uniform(0.6, 0.99), 3),
                            cue=cue, speakers_words=not spun))
    statements = [Statement(a.name, "CONSULT", b.name, evidence, mode="visit" if place else "meeting",
                            source_country=a.country, target_country=b.country)]
    for _ in range(rng.randint(0, 2)):
        kind = rng.choice(tuple(VERBS))
        target = rng.choice(others)
        s0 = t.n
        t.add(f"{a.name} {VERBS[kind]} ")
        tgt = t.add(target.country)
        t.add(f" over {rng.choice(TOPICS)}.")
        statements.append(Statement(a.name, kind, tgt.text, Span(t.text[s0:t.n], s0, t.n),
                                    source_country=a.country, target_country=target.country))
        t.add("\n\n")
    t.add(f"The talks also touched on {rng.choice(TOPICS)} and {rng.choice(TOPICS)}.\n")
    text = t.text
    people = [Person(name=x.name, role=x.role, country=x.country, wikidata=x.wikidata, mentions=tuple(mentions[x.name]))
              for x in (a, b, attendee) if x is not None]
    meeting = Meeting(participants=(a.name, b.name), attendees=(attendee.name,) if attendee else (), date=when,
                      date_text=date_text, location=place, location_text=loc_span, evidence=evidence,
                      host=a.name, visitor=b.name)
    raw = RawDocument(doc_id=doc_id, source=f"https://{outlet}/news/{doc_id}", text=text, title=title,
                      publication_date=pub, kind="html", url=f"https://{outlet}/news/{doc_id}")
    clean = CleanDocument(raw=raw, text=text, offsets=())  # offsets written directly (identity)
    quality = Quality(language="en", spun=spun, score=round(rng.uniform(0.1, 0.4) if spun else rng.uniform(0.8, 1.0), 3),
                      reasons=("spinner artefacts",) if spun else ())
    return DocumentResult(clean=clean, quality=quality,
                          analysis=Analysis(people=tuple(people), meetings=(meeting,), quotes=tuple(quotes),
                                            statements=tuple(statements)))


def _field(values: dict[str, Any]) -> dict[str, Any]:
    stated = {k: v for k, v in values.items() if v not in (None, [], "")}
    counts: dict[str, int] = {}
    for v in stated.values():
        counts[json.dumps(v)] = counts.get(json.dumps(v), 0) + 1
    if not counts:
        return {"value": None, "sources": values, "agreed_by": 0, "conflict": False}
    top = min(counts, key=lambda r: (-counts[r], r))
    return {"value": json.loads(top), "sources": values, "agreed_by": counts[top], "conflict": len(counts) > 1}


def synthetic_events(n: int, seed: int = 0, actors: Sequence[Actor] | None = None,
                     places: dict[str, str] | None = None) -> Iterator[SyntheticEvent]:
    """``n`` seeded events with their reports (ids unique and stable for a given seed)."""
    rng = random.Random(seed)
    actors = list(actors) if actors is not None else actor_pool(rng)
    places = places if places is not None else capitals()
    start = date(2012, 1, 1)
    for i in range(n):
        a, b = rng.sample(actors, 2)
        attendee = rng.choice(actors) if rng.random() < 0.3 else None
        if attendee in (a, b):
            attendee = None
        when = start + timedelta(days=rng.randrange(15 * 365))
        place = places.get(a.country) if rng.random() < 0.8 else None
        k = rng.choices(range(1, 6), weights=SOURCES_WEIGHTS)[0]
        conflict = k > 1 and rng.random() < 0.125
        results: list[DocumentResult] = []
        for j in range(k):
            doc_id = f"syn-{seed}-{i:07d}-{j}"
            d: date | None = when if rng.random() < 0.85 or j == 0 else None
            p = place
            if conflict and j == k - 1:
                d, p = (when + timedelta(days=1), p) if rng.random() < 0.5 else (d, places.get(b.country, p))
            pub = when + timedelta(days=rng.randint(0, 2))
            spun = j > 0 and rng.random() < 0.1
            r = _report(rng, doc_id, rng.choice(OUTLETS), a, b, attendee, d, p, pub, spun, actors[:50] + [a, b])
            if spun:
                r.near_duplicate_of, r.duplicate_reason = results[0].doc_id, "spun copy"
            results.append(r)
        participants = tuple(sorted((a.name, b.name)))
        per: dict[str, dict[str, Any]] = {
            "date": {r.doc_id: _iso(r.analysis.meetings[0].date) for r in results},
            "location": {r.doc_id: r.analysis.meetings[0].location for r in results},
            "attendees": {r.doc_id: sorted(r.analysis.meetings[0].attendees) for r in results},
            "participants": {r.doc_id: sorted(participants) for r in results},
        }
        copies = {r.doc_id: r.near_duplicate_of for r in results if r.near_duplicate_of}
        fields = {f: _field({d: v for d, v in vals.items() if d not in copies}) | {"sources": vals} for f, vals in per.items()}
        agreed = fields["date"]["value"]
        first = min(results, key=lambda r: (r.clean.raw.publication_date or date.max, r.doc_id))
        eid = make_event_id((first.doc_id, 0))
        for r in results:
            r.analysis = Analysis(people=r.analysis.people, quotes=r.analysis.quotes, statements=r.analysis.statements,
                                  meetings=tuple(_with_event(m, eid) for m in r.analysis.meetings))
        data = {
            "event_id": eid, "participants": list(participants), "date": agreed,
            "date_sources": [d for d, v in per["date"].items() if v == agreed and agreed],
            "date_derivation": None, "location": fields["location"]["value"],
            "attendees": [attendee.name] if attendee else [], "fields": fields,
            "sources": [[r.doc_id, 0] for r in results],
            "conflicts": [f for f in ("date", "location", "attendees", "participants") if fields[f]["conflict"]],
            "date_source": "text" if agreed else None,
            "independent_reports": len(results) - len(copies), "copies": len(copies),
            "reports": [{"doc_id": r.doc_id, "copies": sorted(c for c, t in copies.items() if t == r.doc_id)}
                        for r in results if r.doc_id not in copies],
        }
        data["disputed"] = bool(data["conflicts"])
        yield SyntheticEvent(eid, data, results)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _with_event(m: Meeting, eid: str) -> Meeting:
    import dataclasses

    return dataclasses.replace(m, event_id=eid)


def _doc_row(r: DocumentResult, now: datetime) -> dict[str, Any]:
    raw, q = r.clean.raw, r.quality
    return {
        "doc_id": raw.doc_id, "content_hash": hashlib.sha256(raw.text.encode("utf-8")).hexdigest(),
        "source": raw.source, "kind": raw.kind, "url": raw.url, "title": raw.title,
        "publication_date": raw.publication_date, "raw_text": raw.text, "html": None, "body_start": 0,
        "clean_text": raw.text, "offsets": f"[0,{len(raw.text) + 1}]", "removed": [],
        "language": q.language, "spun": q.spun,
        "quality": {"spun": q.spun, "spam_phrases": [], "score": q.score, "reasons": list(q.reasons)},
        "skipped": None, "near_duplicate_of": r.near_duplicate_of, "duplicate_reason": r.duplicate_reason,
        "ingested_at": now, "extracted_at": now, "extractor_version": "synthetic",
    }


def fill_store(store: Store, n_events: int, seed: int = 0, chunk: int = CHUNK_EVENTS) -> FillReport:
    """Write ``n_events`` synthetic events and their reports into ``store`` (expected empty)."""
    t0 = time.perf_counter()
    rng = random.Random(seed)
    actors = actor_pool(rng)
    report = FillReport()
    now = datetime.now(UTC)

    def write(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
        if rows:
            conn.execute(insert(table), rows)
            report.rows[table.name] = report.rows.get(table.name, 0) + len(rows)

    with store.engine.connect().execution_options(communique_write=True) as conn, conn.begin():
        # get-or-create by name: a store that already has some of these people keeps its rows
        stmt = (postgresql.insert(PEOPLE) if conn.dialect.name == "postgresql" else sqlite.insert(PEOPLE))
        conn.execute(stmt.on_conflict_do_nothing(index_elements=[PEOPLE.c.name]),
                     [{"name": a.name, "wikidata": a.wikidata, "role": a.role, "country": a.country} for a in actors])
        person_id = {name: pid for name, pid in conn.execute(select(PEOPLE.c.name, PEOPLE.c.id))}
        report.rows["people"] = len(actors)
    batch: list[SyntheticEvent] = []
    for ev in synthetic_events(n_events, seed, actors, capitals()):
        batch.append(ev)
        if len(batch) >= chunk:
            _write_chunk(store, batch, person_id, now, write)
            report.events += len(batch)
            report.documents += sum(len(e.results) for e in batch)
            batch = []
    if batch:
        _write_chunk(store, batch, person_id, now, write)
        report.events += len(batch)
        report.documents += sum(len(e.results) for e in batch)
    store.reindex_events()  # the derived event columns, event_people, search text (as replace_events)
    report.seconds = time.perf_counter() - t0
    return report


def _write_chunk(store: Store, batch: list[SyntheticEvent], person_id: dict[str, int], now: datetime,
                 write: Any) -> None:
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in
                                              ("docs", "dp", "men", "meet", "quo", "sta", "ev", "es")}
    for ev in batch:
        rows["ev"].append({"event_id": ev.event_id, "data": ev.data, "updated_at": now})
        for r in ev.results:
            d, a = r.doc_id, r.analysis
            rows["docs"].append(_doc_row(r, now))
            rows["es"].append({"event_id": ev.event_id, "doc_id": d, "meeting_idx": 0})
            for pi, p in enumerate(a.people):
                pid = person_id[p.name]
                rows["dp"].append({"doc_id": d, "idx": pi, "person_id": pid, "role": p.role, "country": p.country,
                                   "wikidata": p.wikidata})
                rows["men"].extend({"doc_id": d, "person_id": pid, "person_idx": pi, "idx": mi, "text": m.text,
                                    "start": m.start, "end": m.end} for mi, m in enumerate(p.mentions))
            rows["meet"].extend(convert.meeting_row(d, i, m) for i, m in enumerate(a.meetings))
            rows["quo"].extend(convert.quote_row(d, i, q) for i, q in enumerate(a.quotes))
            rows["sta"].extend(convert.statement_row(d, i, s) for i, s in enumerate(a.statements))
    with store.engine.connect().execution_options(communique_write=True) as conn, conn.begin():
        for key, table in (("docs", DOCS), ("dp", DOC_PEOPLE), ("men", MENTIONS), ("meet", MEETINGS),
                           ("quo", QUOTES), ("sta", STATEMENTS), ("ev", EVENTS), ("es", EVENT_SOURCES)):
            write(conn, table, rows[key])
        indexing.index_quotes(conn, [r["doc_id"] for r in rows["docs"]])  # as the Store's write path does


