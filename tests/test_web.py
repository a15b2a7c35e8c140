"""Web UI: pages over the seeds store, evidence highlighting, and untrusted text shown as text."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from communique.api import create_app
from communique.events import merge_events
from communique.options import Options
from communique.records import (
    Analysis,
    CleanDocument,
    DocumentResult,
    Meeting,
    Person,
    Quality,
    RawDocument,
    Span,
)
from communique.store import Store
from communique.store import queries as Q
from communique.web.highlight import Mark, highlight, raw_to_clean
from test_api import INJECT_TITLE, build_store


class Dom(HTMLParser):
    """Just enough of a DOM: every start tag with its attributes, the text under each id, scripts."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.by_id: dict[str, str] = {}
        self.scripts: list[str] = []
        self._open: list[tuple[str, str | None]] = []
        self._text: dict[str, list[str]] = {}
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in ("meta", "link", "input", "br", "img"):
            return
        ident = a.get("id")
        self._open.append((tag, ident))
        if ident:
            self._text[ident] = []
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            t, ident = self._open.pop()
            if ident:
                self.by_id[ident] = "".join(self._text.pop(ident))
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, ident in self._open:
            if ident:
                self._text[ident].append(data)
        if self._open and self._open[-1][0] == "script":
            self.scripts[-1] += data

    def all(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


# --- highlighting ----------------------------------------------------------------------------

def test_highlight_escapes_every_piece() -> None:
    text = 'a <script>alert(1)</script> "b" & c'
    html = str(highlight(text, [Mark("q-0", 2, 27, "quote", 4, 'say "hi" <x>')]))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'title="say &#34;hi&#34; &lt;x&gt;"' in html
    assert Dom(html).by_id["q-0"] == "<script>alert(1)</script>"
    assert str(highlight(text, [])) == 'a &lt;script&gt;alert(1)&lt;/script&gt; &#34;b&#34; &amp; c'


def test_highlight_nests_contained_spans() -> None:
    html = str(highlight("0123456789", [Mark("m", 0, 8, "meeting", 2), Mark("p", 2, 4, "mention", 1)]))
    assert html == ('<mark id="m" data-f="m" class="f f-meeting">01<mark id="p" data-f="p" class="f f-mention">23'
                    "</mark>4567</mark>89")


def test_highlight_splits_the_lower_priority_span_when_spans_cross() -> None:
    marks = [Mark("m", 0, 6, "meeting", 2), Mark("q", 3, 9, "quote", 4)]
    html = str(highlight("0123456789", marks))
    dom = Dom(html)
    assert dom.by_id["q"] == "345678"  # the quote stays one element
    assert dom.by_id["m"] == "012"
    assert [a["class"] for a in dom.all("mark", **{"data-f": "m"})] == ["f f-meeting", "f f-meeting cont"]
    assert html.count("<mark") == html.count("</mark>") == 3


def test_highlight_ignores_bad_and_duplicate_spans() -> None:
    marks = [Mark("a", 5, 2, "quote"), Mark("b", -1, 2, "quote"), Mark("c", 0, 99, "quote"),
             Mark("d", 0, 1, "quote"), Mark("d", 1, 2, "quote")]
    assert str(highlight("abc", marks)) == '<mark id="d" data-f="d" class="f f-quote">a</mark>bc'


def test_raw_to_clean_maps_raw_spans_onto_the_cleaned_text() -> None:
    raw = "HEADER\nHello  world"
    clean = "Hello world"
    offsets = [7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19]  # one char per clean char, then the end
    assert raw_to_clean(offsets, len(clean), 7, 12) == (0, 5)
    cs, ce = raw_to_clean(offsets, len(clean), 14, 19)
    assert clean[cs:ce] == "world" and raw[14:19] == "world"
    assert raw_to_clean(offsets, len(clean), 0, 6) == (0, 0)  # removed furniture: empty


# --- pages -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Iterator[TestClient]:
    opts, pipe = build_store(tmp_path_factory.mktemp("web"), seeds_dir)
    with Store.open(opts.db) as store, TestClient(create_app(opts, store, pipeline_factory=lambda o: pipe)) as c:
        yield c


def page(client: TestClient, url: str) -> tuple[str, Dom]:
    r = client.get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    return r.text, Dom(r.text)


def api(client: TestClient, url: str, **params: Any) -> Any:
    r = client.get(url, params=params)
    assert r.status_code == 200
    return r.json()


def test_timeline_lists_events_with_sources_and_conflicts(client: TestClient) -> None:
    html, dom = page(client, "/")
    events = api(client, "/api/events")["items"]
    assert len(dom.all("li", **{"class": "event"})) == len(events)
    assert dom.all("input", name="q", type="search")  # a search box
    rows = html.split('<li class="event">')[1:]
    for e, row in zip(events, rows, strict=True):
        assert f'href="/events/{e["event_id"]}"' in row
        assert f'{e["n_sources"]} independent report' in row
        assert (f'({e["copies"]} cop' in row) == bool(e["copies"])
        assert all(f"conflict: {c}" in row for c in e["conflicts"])
        assert ("badge conflict" in row) == bool(e["conflicts"])


def test_timeline_filters_and_pages(client: TestClient) -> None:
    _, dom = page(client, "/?place=ankara")
    assert len(dom.all("li", **{"class": "event"})) == 1
    html, _ = page(client, "/?q=%3Cscript%3E")
    assert 'value="&lt;script&gt;"' in html  # the search text is echoed escaped


def test_timeline_says_a_capped_search_count_is_a_floor(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    _, dom = page(client, "/?q=khamenei")
    n = len(dom.all("li", **{"class": "event"}))
    assert n >= 2 and f"<p class=\"count\">{n} events</p>" in page(client, "/?q=khamenei")[0]
    monkeypatch.setattr(Q, "TOTAL_CAP", 1)
    html, dom = page(client, "/?q=khamenei&sort=-date")
    assert '<p class="count">1+ events</p>' in html and len(dom.all("li", **{"class": "event"})) == n


def test_event_page(client: TestClient) -> None:
    e = max(api(client, "/api/events")["items"], key=lambda x: (x["n_sources"] + x["copies"], x["event_id"]))
    assert e["copies"] == 1
    detail = api(client, f"/api/events/{e['event_id']}")
    html, dom = page(client, f"/events/{e['event_id']}")
    for name in ("date", "location", "attendees"):
        f = detail["fields"][name]
        assert f"{f['agreed_by']} of {f['of']} independent report" in html
    assert "1 independent report (1 copy)" in html and "1 copy of this report (not counted)" in html
    assert dom.all("a", href=f"/events/{e['event_id']}/compare")
    for s in detail["sources"]:
        assert dom.all("a", href=f"/documents/{s['doc_id']}")
    copy = next(s["doc_id"] for s in detail["sources"] if s["copy_of"])
    quotes = [q for g in detail["quotes_by_speaker"] for q in g["quotes"]]
    assert quotes and all(q["doc_id"] != copy and q["speakers_words"] for q in quotes)  # no copy's quote twice
    doc_html, _ = page(client, f"/documents/{copy}")  # the copy's own page still shows them, flagged
    assert "not the speaker" in doc_html


def test_compare_page_compares_the_independent_reports(client: TestClient) -> None:
    e = max(api(client, "/api/events")["items"], key=lambda x: (x["n_sources"] + x["copies"], x["event_id"]))
    detail = api(client, f"/api/events/{e['event_id']}")
    html, dom = page(client, f"/events/{e['event_id']}/compare")
    originals = [s for s in detail["sources"] if s["copy_of"] is None]
    assert html.count('<article class="column">') == len(originals) == 1
    marks = dom.all("mark", **{"class": "f f-meeting"})
    assert [m["id"] for m in marks] == ["c0-m-0"]
    for s in originals:
        ev = s["meetings"][0]["evidence"]["text"].strip()
        assert ev[:40] in html.replace("&#39;", "'").replace("&#34;", '"')


def test_document_page_marks_every_quote_with_its_exact_text(client: TestClient) -> None:
    doc = api(client, "/api/documents/003_dacb1954d6c9fa71")
    _, dom = page(client, "/documents/003_dacb1954d6c9fa71")
    quotes = doc["annotations"]["quotes"]
    assert quotes
    for q in quotes:
        assert dom.by_id[f"q-{q['idx']}"] == q["text"]
        assert dom.all("a", href=f"#q-{q['idx']}")
    for m in doc["annotations"]["meetings"]:
        assert dom.all("a", href=f"#m-{m['idx']}") and f"m-{m['idx']}" in dom.by_id
    for s in doc["annotations"]["statements"]:
        assert dom.all("a", href=f"#s-{s['idx']}")
    ids = [a["id"] for _, a in dom.tags if a.get("id")]
    assert len(ids) == len(set(ids))


def test_document_page_names_group_actors_and_flags_negated_statements(tmp_path: Path) -> None:
    """A statement by a group with no country shows the group's words, not "?"; a negated one says so."""
    from communique.records import Entity, Statement

    text = "The ministers did not condemn the vote in Lima."
    ev = Span(text, 0, len(text))
    negated = Statement(None, "ACCUSE", None, ev, context=("negation",),
                        actors=(Entity(Span("The ministers", 0, 13), None, "GOV"),))
    raw = RawDocument(doc_id="neg-1", source="neg-1.txt", text=text, title="Ministers")
    result = DocumentResult(clean=CleanDocument(raw=raw, text=text, offsets=tuple(range(len(text) + 1))),
                            quality=Quality(language="en"), analysis=Analysis(statements=(negated,)))
    opts = Options(db=f"sqlite:///{tmp_path / 'neg.db'}")
    with Store.open(opts.db) as store:
        store.save_results([result])
        with TestClient(create_app(opts, store)) as client:
            html, dom = page(client, "/documents/neg-1")
    assert dom.all("a", href="#s-0") and "The ministers <b>ACCUSE</b>" in html and "negated: not done" in html


def test_untrusted_text_is_shown_as_text_everywhere(client: TestClient) -> None:
    ev = api(client, "/api/events", place="ankara")["items"][0]["event_id"]
    for url in ("/documents/inject-1", f"/events/{ev}", f"/events/{ev}/compare", "/search?q=accept",
                "/people/Recep Tayyip Erdoğan", "/"):
        html, dom = page(client, url)
        assert "<script>alert" not in html and "<b onmouseover" not in html and "<img src=x" not in html, url
        assert not any("alert(" in s for s in dom.scripts), url
        assert not dom.all("img") and not any("onerror" in a or "onmouseover" in a for _, a in dom.tags), url
    html, dom = page(client, "/documents/inject-1")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert dom.by_id["q-0"] == "We will not accept <script>alert(1)</script> in our region,"
    assert f"<h1>{escape(INJECT_TITLE)}</h1>" in html


def test_person_and_search_pages(client: TestClient) -> None:
    html, dom = page(client, "/people/ali khamenei")
    p = api(client, "/api/people/Ali Khamenei")
    assert "<h1>Ali Khamenei</h1>" in html and "Supreme Leader of Iran" in html
    assert len(dom.all("li", **{"class": "event"})) == len(p["meetings"])
    html, dom = page(client, "/search?q=sisi")
    assert dom.all("a", href="/people/Abdel%20Fattah%20el-Sisi")
    assert len(dom.all("li", **{"class": "event"})) == 1
    html, _ = page(client, "/search?q=")
    assert "Type a name" in html
    r = client.get("/people/Nobody Known", headers={"accept": "text/html"})
    assert r.status_code == 404 and "person &#39;Nobody Known&#39; not found" in r.text


def test_person_pages_by_any_name_redirect_to_the_canonical_page(client: TestClient) -> None:
    for asked in ("Khamenei", "Ayatollah Khamenei", "ali khamenei", "Q57336"):
        r = client.get(f"/people/{asked}", follow_redirects=False)
        assert (r.status_code, r.headers["location"]) == (302, "/people/Ali%20Khamenei"), asked
    html, dom = page(client, "/people/Khamenei")
    assert "<h1>Ali Khamenei</h1>" in html and dom.all("li", **{"class": "event"})
    assert client.get("/people/?name=sudani", follow_redirects=False).headers["location"] == (
        "/people/Mohammed%20Shia%20al-Sudani")


@pytest.mark.parametrize(("asked", "canonical"), [("sudani", "Mohammed Shia al-Sudani"),
                                                  ("Khamenei", "Ali Khamenei"), ("Ayatollah Khamenei", "Ali Khamenei")])
def test_timeline_person_filter_takes_any_name(client: TestClient, asked: str, canonical: str) -> None:
    _, want = page(client, "/?" + urlencode({"person": canonical}))
    _, got = page(client, "/?" + urlencode({"person": asked}))
    assert got.all("li", **{"class": "event"}) == want.all("li", **{"class": "event"})
    assert got.all("a", **{"class": "title"}) == want.all("a", **{"class": "title"}) != []


def test_home_page_has_one_search_box(client: TestClient) -> None:
    _, dom = page(client, "/")
    assert [(a.get("name"), a.get("aria-label")) for a in dom.all("input") if a.get("type") == "search"] == [("q", "Search")]
    html, dom = page(client, "/?q=khamenei")  # a text filter from a link stays, shown, not a second box
    assert len([a for a in dom.all("input") if a.get("type") == "search"]) == 1
    assert dom.all("input", type="hidden", name="q", value="khamenei")


def test_search_groups_people_events_quotes_documents_with_marks(client: TestClient) -> None:
    html, dom = page(client, "/search?q=Raeisi")
    assert dom.all("a", href="/people/Ebrahim%20Raisi")  # the person, though the KB spells it Raisi
    assert "No people." not in html and "President of Iran" in html
    docs = html.split('<ul class="documents">')[1].split("</ul>")[0]
    assert docs.count('<li class="document">') >= 2 and "<mark>Raeisi</mark>" in docs
    html, dom = page(client, "/search?q=Khamenei")
    quotes = html.split('<ul class="quotes">')[1].split("</ul>")[0]
    assert quotes.count('<span class="speaker"><a class="person" href="/people/Ali%20Khamenei">Ali Khamenei</a>') >= 2
    assert "<mark>Ali Khamenei</mark>" in html  # in the events' participants


def test_search_marks_never_let_stored_html_through(client: TestClient) -> None:
    html, _ = page(client, "/search?q=accept")
    assert "We will not <mark>accept</mark> &lt;script&gt;alert(1)&lt;/script&gt; in our region," in html
    html, _ = page(client, "/search?q=%3Cscript%3E")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_static_css_is_served(client: TestClient) -> None:
    r = client.get("/static/style.css")
    assert r.status_code == 200 and "mark.f:target" in r.text and "@media (max-width" in r.text


# --- conflicts, on a store written by hand (no NLP) ----------------------------------------------

def _report(doc_id: str, text: str, attendees: tuple[str, ...]) -> DocumentResult:
    raw = RawDocument(doc_id=doc_id, source=f"{doc_id}.txt", text=text, title=f"Report {doc_id}",
                      publication_date=date(2024, 9, 3))
    clean = CleanDocument(raw=raw, text=text, offsets=tuple(range(len(text) + 1)))
    start = text.index("met")
    meeting = Meeting(participants=("Aino Virtanen", "Bruno Keller"), attendees=attendees, date=date(2024, 9, 2),
                      location="Helsinki", evidence=Span(text[start:], start, len(text)))
    people = tuple(Person(name=n, country=c) for n, c in (("Aino Virtanen", "FIN"), ("Bruno Keller", "CHE")))
    return DocumentResult(clean=clean, quality=Quality(), analysis=Analysis(people=people, meetings=(meeting,)))


@pytest.fixture()
def conflict_client(tmp_path: Path) -> Iterator[TestClient]:
    results = [
        _report("wire-a", "HELSINKI -- Finnish leader Aino Virtanen met Swiss President Bruno Keller on Monday.",
                ("Carla Rossi",)),
        _report("wire-b", "Officials said Virtanen met Keller on Monday with envoy Dan Olsen present.", ("Dan Olsen",)),
    ]
    opts = Options(db=f"sqlite:///{tmp_path / 'c.db'}")
    store = Store.open(opts.db)
    store.save_results(results)
    events = merge_events(results, (), opts)
    store.replace_events([(e.event_id, e.to_json()) for e in events],
                         [(e.event_id, d, i) for e in events for d, i in e.sources])
    with store, TestClient(create_app(opts, store)) as c:
        yield c


def test_conflicts_show_each_sources_value(conflict_client: TestClient) -> None:
    (e,) = api(conflict_client, "/api/events")["items"]
    assert e["conflicts"] == ["attendees"] and e["n_sources"] == 2
    html, _ = page(conflict_client, "/")
    assert '<span class="badge conflict">conflict: attendees</span>' in html
    html, dom = page(conflict_client, f"/events/{e['event_id']}")
    assert html.count("reports disagree") == 1 and "disputed" in html
    assert "2 of 2 independent reports agree" in html  # the date
    row = html.split("<th scope=\"row\">Attendees</th>")[1].split("</tr>")[0]
    assert "1 of 2 independent reports agree" in row
    assert ">Report wire-a</a>: Carla Rossi</li>" in row and ">Report wire-b</a>: Dan Olsen</li>" in row
    html, dom = page(conflict_client, f"/events/{e['event_id']}/compare")
    assert dom.by_id["c0-m-0"] == "met Swiss President Bruno Keller on Monday."
    assert dom.by_id["c1-m-0"] == "met Keller on Monday with envoy Dan Olsen present."
    ids = [a["id"] for _, a in dom.tags if a.get("id")]
    assert len(ids) == len(set(ids))  # ids stay unique across columns
