"""A small store for the web UI's views, written by hand (no NLP): five meetings of four people
from three countries over two months, one undated, one with no place, one disputed, one report
copied by a spun copy; statements for the positions; outlets from the documents' URLs.

``build_views_store(url)`` fills a new store at ``url``; the articles are this file's own words.
"""

from __future__ import annotations

from datetime import date

from communique.dedup import Link
from communique.events import merge_events
from communique.options import Options
from communique.records import (
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
from communique.store import Store

PEOPLE = {"Aino Virtanen": "FIN", "Bruno Keller": "CHE", "Carla Rossi": "ITA", "Dario Neri": "ITA"}


def _report(doc_id: str, url: str | None, text: str, a: str, b: str, when: date | None, place: str | None,
            pub: date | None, *, spun: bool = False, attendees: tuple[str, ...] = (),
            statements: tuple[tuple[str, str, str, str | None], ...] = ()) -> DocumentResult:
    raw = RawDocument(doc_id=doc_id, source=url or f"{doc_id}.txt", text=text, title=f"Report {doc_id}",
                      publication_date=pub, kind="html" if url else "txt", url=url)
    clean = CleanDocument(raw=raw, text=text, offsets=tuple(range(len(text) + 1)))
    start = text.index("met")
    ev = Span(text[start:], start, len(text))
    loc = None
    if place and place in text:
        i = text.index(place)
        loc = Span(place, i, i + len(place))
    meeting = Meeting(participants=(a, b), attendees=attendees, date=when, location=place, evidence=ev,
                      location_text=loc)
    people = tuple(Person(name=n, country=PEOPLE[n]) for n in (a, b, *attendees))
    q0 = text.index("“") + 1
    q1 = text.index("”")
    quotes = (Quote(a, text[q0:q1], "direct", q0, q1, 0.9, speakers_words=not spun),)
    stmts = tuple(Statement(src, kind, tgt, ev, mode=mode, source_country=PEOPLE.get(src), target_country=PEOPLE.get(tgt))
                  for src, kind, tgt, mode in statements)
    return DocumentResult(clean=clean, quality=Quality(spun=spun),
                          analysis=Analysis(people=people, meetings=(meeting,), quotes=quotes, statements=stmts))


def reports() -> list[DocumentResult]:
    return [
        _report("n1", "https://www.northwire.example/a/1",
                "Aino Virtanen met Bruno Keller in Geneva on Monday. “We agreed on the river treaty,” she said.",
                "Aino Virtanen", "Bruno Keller", date(2024, 9, 2), "Geneva", date(2024, 9, 3), attendees=("Dario Neri",),
                statements=(("Aino Virtanen", "AGREE", "Bruno Keller", "meeting"),)),
        _report("n2", "https://southpost.example/b/2",
                "Aino Virtanen met Bruno Keller in Geneva with Carla Rossi present. “Talks were frank,” she said.",
                "Aino Virtanen", "Bruno Keller", date(2024, 9, 2), "Geneva", date(2024, 9, 4),
                attendees=("Carla Rossi",)),
        _report("n3", "https://southpost.example/b/3",
                "Carla Rossi met Dario Neri in Rome. “Our budgets must align,” she said.",
                "Carla Rossi", "Dario Neri", date(2024, 10, 15), "Rome", date(2024, 10, 16),
                statements=(("Carla Rossi", "DEMAND", "Dario Neri", "statement"),)),
        _report("n4", "https://southpost.example/b/4",
                "Aino Virtanen met Carla Rossi by video. “We will write again,” she said.",
                "Aino Virtanen", "Carla Rossi", date(2024, 10, 20), None, date(2024, 10, 21),
                statements=(("Carla Rossi", "ACCUSE", "Aino Virtanen", None),)),
        _report("n5", None, "Bruno Keller met Dario Neri in Turin at some point. “Rail first,” he said.",
                "Bruno Keller", "Dario Neri", None, "Turin", None),
        _report("n6", "https://copyfarm.example/x/6",
                "Aino Virtanen met Bruno Keller in Geneva on Monday. “We settled the river pact,” she said.",
                "Aino Virtanen", "Bruno Keller", date(2024, 9, 2), "Geneva", date(2024, 9, 5), spun=True,
                statements=(("Aino Virtanen", "AGREE", "Bruno Keller", "meeting"),)),
    ]


def build_views_store(url: str) -> str:
    """Write the reports, the spun copy's link and the merged events into the new store ``url``."""
    results = reports()
    links = [Link("n6", "n1", "spun", 0.91)]
    with Store.open(url) as store:
        store.save_results(results)
        store.save_links([x.as_row() for x in links])
        events = merge_events(results, links, Options(db=url))
        store.replace_events([(e.event_id, e.to_json()) for e in events],
                             [(e.event_id, d, i) for e in events for d, i in e.sources])
    return url
