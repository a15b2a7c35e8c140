"""The web UI's views without a browser: facets, the timeline, who met whom, the map, positions,
outlets and downloads, over a small store written by hand (``views_store``), and their queries
(``store.aggregates``) on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from communique.api import create_app
from communique.export import SCHEMAS
from communique.options import Options
from communique.plover import geonames_place
from communique.store import Store
from communique.store import aggregates as A
from communique.store import queries as Q
from pg import pg_server  # noqa: F401  (session fixture)
from test_web import Dom
from views_store import build_views_store

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = build_views_store(f"sqlite:///{tmp_path_factory.mktemp('views') / 'v.db'}")
    with Store.open(url) as store, TestClient(create_app(Options(db=url), store)) as c:
        yield c


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    url = f"sqlite:///{tmp_path / 'v.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_server").new_database()
    build_views_store(url)
    with Store.open(url) as s:
        yield s


def page(client: TestClient, url: str) -> tuple[str, Dom]:
    r = client.get(url)
    assert r.status_code == 200, r.text
    return r.text, Dom(r.text)


def listed(dom: Dom) -> list[str]:
    """The event ids a page lists (its ``li.event`` rows), in order."""
    return [a["href"].rsplit("/", 1)[1] for a in dom.all("a", **{"class": "title"}) if (a["href"] or "").startswith("/events/")]


# --- queries, on both backends ------------------------------------------------------------------

def test_facets_count_the_kept_events(store: Store) -> None:
    f = A.facets(store, Q.EventFilter())
    assert [(t["term"], t["count"]) for t in f["country"]] == [("ITA", 3), ("CHE", 2), ("FIN", 2)]
    assert [(t["label"], t["count"]) for t in f["person"]] == [
        ("Carla Rossi", 3), ("Dario Neri", 3), ("Aino Virtanen", 2), ("Bruno Keller", 2)]  # attendees count
    assert [(t["term"], t["count"]) for t in f["outlet"]] == [
        ("southpost.example", 3), ("copyfarm.example", 1), ("northwire.example", 1)]
    assert [(t["term"], t["count"]) for t in f["report"]] == [("copy", 1), ("spun", 1)]
    assert [(t["term"], t["count"]) for t in f["disputed"]] == [("yes", 1)]
    assert [t["term"] for t in f["type"]] == ["ACCUSE", "AGREE", "DEMAND"]
    assert [(t["term"], t["label"]) for t in f["place"]] == [("geneva", "Geneva"), ("rome", "Rome"), ("turin", "Turin")]
    narrowed = A.facets(store, Q.EventFilter(country="ITA"))
    assert [(t["term"], t["count"]) for t in narrowed["outlet"]] == [("southpost.example", 2)]  # Turin's has none
    assert [(t["term"], t["count"]) for t in A.facets(store, Q.EventFilter(outlet="www.SouthPost.example"))["outlet"]][0] == (
        "southpost.example", 3)


def test_facets_of_a_small_set_count_as_the_whole_kind_does(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    filters = [Q.EventFilter(country="ITA"), Q.EventFilter(person="Carla Rossi"), Q.EventFilter(report="copy")]
    small = [A.facets(store, f) for f in filters]  # counted from the kept events' ranks
    monkeypatch.setattr(A, "SMALL_SET", 0)
    whole = [A.facets(store, f, size=9) for f in filters]  # another size: not the remembered value
    assert whole == [{k: v[:9] for k, v in x.items()} for x in small]


def test_timeline_counts_undated_events_apart(store: Store) -> None:
    tl = A.timeline(store, Q.EventFilter())
    assert (tl["unit"], tl["dated"], tl["no_date"]) == ("week", 3, 1)
    assert sum(b["count"] for b in tl["bins"]) == 3  # the undated event is on no bar
    assert [(b["start"], b["count"]) for b in tl["bins"] if b["count"]] == [("2024-09-02", 1), ("2024-10-14", 2)]
    assert tl["bins"][0]["end"] == "2024-09-08" and len(tl["bins"]) == 7  # empty weeks drawn between


def test_network_edges_weigh_meetings(store: Store) -> None:
    net = A.network(store, Q.EventFilter())
    # everyone at a meeting, attendees too (as the person filter): Geneva joins all four
    assert [(e["a"], e["b"], e["meetings"], e["latest"]) for e in net["edges"]] == [
        ("Aino Virtanen", "Carla Rossi", 2, "2024-10-20"), ("Bruno Keller", "Dario Neri", 2, "2024-09-02"),
        ("Carla Rossi", "Dario Neri", 2, "2024-10-15"), ("Aino Virtanen", "Bruno Keller", 1, "2024-09-02"),
        ("Aino Virtanen", "Dario Neri", 1, "2024-09-02"), ("Bruno Keller", "Carla Rossi", 1, "2024-09-02")]
    assert [(n["id"], n["meetings"]) for n in net["nodes"]] == [
        ("Carla Rossi", 3), ("Dario Neri", 3), ("Aino Virtanen", 2), ("Bruno Keller", 2)]
    by_country = A.network(store, Q.EventFilter(), by="country")
    assert {(e["a"], e["b"], e["meetings"]) for e in by_country["edges"]} == {
        ("CHE", "FIN", 1), ("FIN", "ITA", 1), ("CHE", "ITA", 1)}  # Rossi and Neri: both ITA, no edge
    assert A.counterparts(store, "Carla Rossi") == [{"name": "Aino Virtanen", "meetings": 2, "latest": "2024-10-20"},
                                                    {"name": "Dario Neri", "meetings": 2, "latest": "2024-10-15"},
                                                    {"name": "Bruno Keller", "meetings": 1, "latest": "2024-09-02"}]


def test_places_list_events_with_no_place_apart(store: Store) -> None:
    found = A.places(store, Q.EventFilter(), geonames_place)
    assert sorted(p["place"] for p in found["points"]) == ["Geneva", "Rome", "Turin"]
    geneva = next(p for p in found["points"] if p["place"] == "Geneva")
    assert round(geneva["lat"]) == 46 and round(geneva["lon"]) == 6
    assert found["no_place"] == 1 and [e["participants"] for e in found["no_place_events"]] == [["Aino Virtanen", "Carla Rossi"]]


def test_positions_and_outlet_reports(store: Store) -> None:
    pos = A.positions(store, "Carla Rossi")
    assert [(s["source"], s["type"], s["target"]) for s in pos] == [
        ("Carla Rossi", "DEMAND", "Dario Neri"), ("Carla Rossi", "ACCUSE", "Aino Virtanen")]
    farm = A.outlet_reports(store, "copyfarm.example")
    assert (farm["total"], farm["copies"], farm["spun"]) == (1, 1, 1)
    south = A.outlet_reports(store, "southpost.example")
    assert (south["total"], south["copies"], south["spun"]) == (3, 0, 0)
    assert [d["doc_id"] for d in south["items"]] == ["n4", "n3", "n2"]


# --- pages --------------------------------------------------------------------------------------

def test_facet_links_narrow_the_list_to_their_count(client: TestClient) -> None:
    html, dom = page(client, "/")
    links = [a for a in dom.all("a", **{"class": "facet-link"})]
    assert len(links) >= 15
    for a in links:
        href = a["href"] or ""
        _, got = page(client, href)
        n = html.split(f'href="{href.replace("&", "&amp;")}"', 1)[1].split('<span class="n">', 1)[1].split("<", 1)[0]
        assert len(listed(got)) == int(n), href


def test_filters_live_in_the_url_and_combine(client: TestClient) -> None:
    _, dom = page(client, "/?country=ITA&outlet=southpost.example&report=spun")
    assert len(listed(dom)) == 0
    _, dom = page(client, "/?country=ITA&outlet=southpost.example")
    assert len(listed(dom)) == 2
    remove = [a["href"] for a in dom.all("a") if (a.get("aria-label") or "").startswith("Remove filter outlet")]
    assert remove == ["/?country=ITA"]
    _, dom = page(client, "/?person=Aino+Virtanen&with=Carla+Rossi")
    assert len(listed(dom)) == 2  # by video, and Geneva with Rossi present
    _, dom = page(client, "/?disputed=yes")
    assert len(listed(dom)) == 1


@pytest.mark.parametrize("query", ["", "?country=ITA", "?person=Bruno+Keller&sort=date", "?outlet=southpost.example"])
def test_downloads_hold_what_the_list_shows(client: TestClient, query: str) -> None:
    html, dom = page(client, "/" + query)
    ids = listed(dom)
    csv_href = next(a["href"] for a in dom.all("a") if (a["href"] or "").startswith("/events.csv"))
    json_href = next(a["href"] for a in dom.all("a") if (a["href"] or "").startswith("/events.json"))
    assert parse_qs(urlsplit(csv_href).query) == parse_qs(query.lstrip("?"))  # the same filters
    r = client.get(csv_href)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == SCHEMAS["events"].names if rows else True
    assert [row["event_id"] for row in rows] == ids
    items = client.get(json_href).json()
    assert [i["event_id"] for i in items] == ids
    assert all(list(i) == SCHEMAS["events"].names for i in items)
    for row, item in zip(rows, items, strict=True):
        assert row["date"] == (item["date"] or "") and json.loads(row["participants"]) == item["participants"]


def test_month_facet_and_person_page_download(client: TestClient) -> None:
    html, dom = page(client, "/")
    months = html.split('data-facet="month"')[1].split("</section>")[0]
    assert '<a class="facet-link" href="/?from=2024-10-01&amp;to=2024-10-31">2024-10</a> <span class="n">2</span>' in months
    assert months.index("2024-10") < months.index("2024-09")  # newest first
    _, dom = page(client, "/people/Dario Neri")
    shown = [a["href"].rsplit("/", 1)[1] for a in dom.all("a", **{"class": "title"})]
    href = next(a["href"] for a in dom.all("a") if (a["href"] or "").startswith("/events.csv"))
    assert href == "/events.csv?person=Dario+Neri&sort=date"
    rows = list(csv.DictReader(io.StringIO(client.get(href).text)))
    assert [r["event_id"] for r in rows] == shown and len(shown) == 3 and rows[-1]["date"] == ""  # undated last


def test_timeline_chart_bars_filter_by_their_week(client: TestClient) -> None:
    html, dom = page(client, "/")
    assert "1 undated (not charted)" in html
    bars = dom.all("a", **{"class": "bar"})
    assert [b["aria-label"] for b in bars] == ["week of 2024-09-02: 1 event", "week of 2024-10-14: 2 events"]
    _, got = page(client, bars[1]["href"] or "")
    assert bars[1]["href"] == "/?from=2024-10-14&to=2024-10-20" and len(listed(got)) == 2
    assert "<table" in html.split('class="timeline-chart"')[1].split("</section>")[0]  # the table behind the chart


def test_network_page_nodes_and_edges_are_links(client: TestClient) -> None:
    html, dom = page(client, "/network")
    nodes = {a["aria-label"]: a["href"] for a in dom.all("a", **{"class": "node"})}
    assert nodes["Aino Virtanen: 2 meetings"] == "/?person=Aino+Virtanen"
    _, got = page(client, nodes["Aino Virtanen: 2 meetings"])
    assert len(listed(got)) == 2
    edges = {a["aria-label"]: a["href"] for a in dom.all("a", **{"class": "edge"})}
    href = edges["Aino Virtanen and Carla Rossi: 2 meetings, latest 2024-10-20"]
    assert href == "/?person=Aino+Virtanen&with=Carla+Rossi"
    _, got = page(client, href)
    assert len(listed(got)) == 2  # the edge's weight
    assert html.count("<tr>") == 1 + 6  # the table: a header and an edge a row
    _, dom = page(client, "/network?by=country&country=ITA")
    assert {a["href"] for a in dom.all("a", **{"class": "node"})} >= {"/?country=ITA"}


def test_map_page_lists_meetings_with_no_place_beside_the_map(client: TestClient) -> None:
    html, dom = page(client, "/map")
    dots = dom.all("a", **{"class": "place"})
    assert sorted(a["href"] for a in dots) == ["/?place=Geneva", "/?place=Rome", "/?place=Turin"]
    aside = html.split('<aside class="unplaced"')[1].split("</aside>")[0]
    assert "No place stated <span class=\"count\">1</span>" in aside and "Aino Virtanen" in aside and "Carla Rossi" in aside
    assert 'fill="#d9dee3"' in html and "<path d=\"M" in html  # the shipped outline, no tiles
    assert "http" not in html.split("<svg", 1)[1].split("</svg>", 1)[0].replace("http://www.w3", "")


def test_person_page_counterparts_positions_and_timeline(client: TestClient) -> None:
    html, dom = page(client, "/people/Carla Rossi")
    table = html.split('class="data counterparts"')[1].split("</table>")[0]
    assert table.index("Aino Virtanen") < table.index("Dario Neri")  # same count: by name
    assert "2024-10-20" in table and "2024-10-15" in table
    pos = html.split('class="data positions"')[1].split("</table>")[0]
    assert pos.index("DEMAND") < pos.index("ACCUSE")  # by report date
    assert dom.all("a", href="/documents/n3#s-0")
    assert dom.all("a", **{"class": "bar"})


def test_event_page_shows_positions_by_side_and_copies_after_originals(client: TestClient) -> None:
    (e,) = Q.list_events(client.app.state.store, Q.EventFilter(place="geneva"))[0]  # type: ignore[attr-defined]
    html, dom = page(client, f"/events/{e['event_id']}")
    positions = html.split("<h2>Positions</h2>")[1].split("<h2>Quotes</h2>")[0]
    assert "Aino Virtanen <b>AGREE</b> Bruno Keller" in positions
    assert positions.index("n1#s-0") < positions.index("n6#s-0") and "from a copy" in positions
    quotes = html.split("<h2>Quotes</h2>")[1]
    copies = quotes.split('class="copy-quotes"')[1]
    assert "We settled the river pact" in copies and "not the speaker" in copies
    assert "We settled the river pact" not in quotes.split('class="copy-quotes"')[0]
    assert dom.all("a", href="/outlets/copyfarm.example") and dom.all("a", href="/outlets/northwire.example")


def test_outlet_page_and_its_downloads(client: TestClient) -> None:
    html, dom = page(client, "/outlets/copyfarm.example")
    assert "1 report" in html and "1 flagged copy of another report" in html and "1 flagged spun" in html
    html, dom = page(client, "/outlets/southpost.example")
    assert "3 reports" in html and "0 flagged copies" in html and "0 flagged spun" in html
    docs = [a["href"] for a in dom.all("a", **{"class": "title"})]
    assert docs == ["/documents/n4", "/documents/n3", "/documents/n2"]
    rows = list(csv.DictReader(io.StringIO(client.get("/outlets/southpost.example/documents.csv").text)))
    assert [r["doc_id"] for r in rows] == ["n4", "n3", "n2"] and list(rows[0]) == SCHEMAS["documents"].names
    items = client.get("/outlets/southpost.example/documents.json").json()
    assert [i["doc_id"] for i in items] == ["n4", "n3", "n2"]
    assert client.get("/outlets/nobody.example").status_code == 404
    html, _ = page(client, "/documents/n1")
    assert 'href="/outlets/northwire.example"' in html and "https://www.northwire.example/a/1" in html
    html, _ = page(client, "/documents/n5")
    assert "outlet unknown" in html


def test_country_page_is_the_list_of_its_events(client: TestClient) -> None:
    html, dom = page(client, "/countries/che")
    assert "<h1>Meetings of CHE</h1>" in html and len(listed(dom)) == 2
    assert all((a["href"] or "").startswith("/countries/CHE?") for a in dom.all("a", **{"class": "bar"}))
    ita = next(a["href"] for a in dom.all("a", **{"class": "facet-link"}) if (a["href"] or "").endswith("with_country=ITA"))
    _, got = page(client, ita or "")
    assert len(listed(got)) == 1  # Keller (CHE) met Neri (ITA) in Turin


def test_search_page_downloads_hold_each_group_as_shown(client: TestClient) -> None:
    html, dom = page(client, "/search?q=Carla+Rossi")
    events = [a["href"].rsplit("/", 1)[1] for a in dom.all("a", **{"class": "title"}) if (a["href"] or "").startswith("/events/")]
    quotes = [(a["href"] or "").split("#q-") for a in dom.all("a") if a.get("data-quote")]
    docs = [(a["href"] or "").rsplit("/", 1)[1] for a in dom.all("a", **{"class": "title"}) if (a["href"] or "").startswith("/documents/")]
    assert events and quotes and docs
    got = list(csv.DictReader(io.StringIO(client.get("/search/events.csv?q=Carla+Rossi").text)))
    assert [r["event_id"] for r in got] == events and list(got[0]) == SCHEMAS["events"].names
    got_q = client.get("/search/quotes.json?q=Carla+Rossi").json()
    assert [[f"/documents/{q['doc_id']}", str(q["idx"])] for q in got_q] == quotes
    assert all(list(q) == SCHEMAS["quotes"].names for q in got_q)
    got_d = list(csv.DictReader(io.StringIO(client.get("/search/documents.csv?q=Carla+Rossi").text)))
    assert [r["doc_id"] for r in got_d] == docs and list(got_d[0]) == SCHEMAS["documents"].names
    assert client.get("/search/people.csv?q=x").status_code == 404


def test_person_statements_download_and_chart_pages_download_their_events(client: TestClient) -> None:
    html, dom = page(client, "/people/Carla Rossi")
    shown = [(a["href"] or "").split("#s-") for a in dom.all("a") if "#s-" in (a["href"] or "")]
    rows = list(csv.DictReader(io.StringIO(client.get("/people/Carla%20Rossi/statements.csv").text)))
    assert [[f"/documents/{r['doc_id']}", r["idx"]] for r in rows] == shown and len(rows) == 2
    assert list(rows[0]) == SCHEMAS["statements"].names
    assert [r["type"] for r in client.get("/people/Carla%20Rossi/statements.json").json()] == ["DEMAND", "ACCUSE"]
    for path in ("/network?country=ITA", "/map?country=ITA"):
        _, dom = page(client, path)
        href = next(a["href"] for a in dom.all("a") if (a["href"] or "").startswith("/events.csv"))
        assert href == "/events.csv?country=ITA"
    copied = client.get("/people/Aino%20Virtanen/statements.json").json()  # a copy's statements, as the page lists them
    assert [(s["doc_id"], s["type"], s["copy_of"], s["spun"]) for s in copied] == [
        ("n1", "AGREE", None, False), ("n6", "AGREE", "n1", True), ("n4", "ACCUSE", None, False)]
