"""Finding people: the store's one resolver (``store.people``) and how the CLI, API and UI answer
an ambiguous name, over a store written by hand with two people per surname."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from communique.api import create_app
from communique.cli import cli
from communique.errors import AmbiguousPerson
from communique.events import merge_events
from communique.options import Options
from communique.store import Store
from communique.store.people import best, find_people, resolve_person
from pg import pg_server  # noqa: F401  (session fixture)
from test_api import _doc

COUNTRIES = {"Bashar al-Assad": "SYR", "Hafez al-Assad": "SYR", "Kwame Boateng": "GHA", "Ama Boateng": "GHA",
             "Zoë Ångström": "SWE", "Ebrahim Raisi": "IRN"}
CORPUS = [
    ("a1", "Bashar al-Assad met Ebrahim Raisi in Damascus. “We stand together,” he said.", "Bashar al-Assad",
     "Ebrahim Raisi", date(2023, 5, 3), "Damascus", "CONSULT"),
    ("a2", "Hafez al-Assad met Kwame Boateng in Damascus. “Old friends,” he said.", "Hafez al-Assad",
     "Kwame Boateng", date(1990, 1, 2), "Damascus", "CONSULT"),
    ("a3", "Ama Boateng met Zoë Ångström in Accra. “Fish first,” she said.", "Ama Boateng", "Zoë Ångström",
     date(2024, 2, 1), "Accra", "AGREE"),
]


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    url = (request.getfixturevalue("pg_server").new_database() if request.param == "postgresql"
           else f"sqlite:///{tmp_path / 'people.db'}")
    results = [_doc(i, t, a, b, d, p, k, COUNTRIES) for i, t, a, b, d, p, k in CORPUS]
    with Store.open(url) as s:
        s.save_results(results)
        events = merge_events(results, (), Options())
        s.replace_events([(e.event_id, e.to_json()) for e in events],
                         [(e.event_id, d, i) for e in events for d, i in e.sources])
        yield s


def names(s: Store, query: str) -> list[tuple[str, str, int]]:
    return [(m.name, m.how, m.rank) for m in find_people(s, query)]


def test_names_aliases_titles_and_diacritics(store: Store) -> None:
    assert names(store, "Bashar al-Assad") == [("Bashar al-Assad", "canonical", 3)]
    assert names(store, "President Bashar Assad") == [("Bashar al-Assad", "canonical", 3)]
    assert names(store, "zoe angstrom") == [("Zoë Ångström", "name", 3)]  # not in the KB: the name as written
    assert names(store, "Kwame  Boateng") == [("Kwame Boateng", "name", 3)]
    assert names(store, "Ebrahim Raeisi") == [("Ebrahim Raisi", "alias", 3)]
    assert names(store, "Raeisi") == [("Ebrahim Raisi", "surname", 1)]  # the KB's listed spelling of the surname
    assert store.find_people("raeisi") == find_people(store, "Raeisi")


def test_no_fuzzy_matching_across_surnames(store: Store) -> None:
    for other in ("Boatenq", "Boatang", "Angstrem", "Raise", "Assadi", "Kwame", "Damascus", "", "  "):
        assert names(store, other) == [], other


def test_shared_surnames_are_ambiguous_full_names_are_not(store: Store) -> None:
    assert [m.name for m in best(find_people(store, "Assad"))] == ["Bashar al-Assad", "Hafez al-Assad"]
    assert [m.name for m in best(find_people(store, "boateng"))] == ["Ama Boateng", "Kwame Boateng"]
    with pytest.raises(AmbiguousPerson) as exc:
        resolve_person(store, "Assad")
    assert str(exc.value) == "'Assad' may name 2 people: Bashar al-Assad, Hafez al-Assad; give one of these names"
    found = resolve_person(store, "Hafez Assad")
    assert found is not None and (found.name, found.country) == ("Hafez al-Assad", "SYR")
    assert resolve_person(store, "Nobody Known") is None


def test_an_exact_name_beats_surnames(store: Store) -> None:
    store.save_results([_doc("a4", "Boateng met Zoë Ångström in Accra. “Nets first,” he said.", "Boateng",
                             "Zoë Ångström", date(2024, 3, 1), "Accra", "AGREE", {**COUNTRIES, "Boateng": "GHA"})])
    assert names(store, "boateng") == [("Boateng", "name", 3), ("Ama Boateng", "surname", 1),
                                       ("Kwame Boateng", "surname", 1)]
    found = resolve_person(store, "Boateng")
    assert found is not None and found.name == "Boateng"


@pytest.fixture()
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(Options(db=store.display_url), store)) as c:
        yield c


@pytest.mark.parametrize("url", ["/api/events?person={}", "/api/quotes?speaker={}", "/api/people/{}"])
def test_api_answers_an_ambiguous_name_with_409_and_the_candidates(client: TestClient, url: str) -> None:
    r = client.get(url.format("Assad"))
    assert r.status_code == 409
    body = r.json()
    assert body["error"]["code"] == "ambiguous_person" and body["error"]["detail"] == {"query": "Assad"}
    assert [(c["name"], c["href"]) for c in body["candidates"]] == [
        ("Bashar al-Assad", "/api/people/Bashar%20al-Assad"), ("Hafez al-Assad", "/api/people/Hafez%20al-Assad")]
    assert client.get(url.format("hafez assad")).status_code == 200


def test_ui_person_page_redirects_chooses_or_404s(client: TestClient) -> None:
    r = client.get("/people/hafez assad", follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (302, "/people/Hafez%20al-Assad")
    r = client.get("/people/Assad")
    assert r.status_code == 300 and "<h1>Which “Assad”?</h1>" in r.text
    assert 'href="/people/Bashar%20al-Assad"' in r.text and 'href="/people/Hafez%20al-Assad"' in r.text
    r = client.get("/?person=Boateng&place=accra")
    assert r.status_code == 300
    assert 'href="/?person=Ama+Boateng&amp;place=accra"' in r.text  # the filter as the URL gave it, with the name chosen
    assert client.get("/people/Boatenq", headers={"accept": "text/html"}).status_code == 404


def test_search_of_an_ambiguous_name_shows_every_candidate(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "Assad"}).json()
    assert r["named"] == ["Bashar al-Assad", "Hafez al-Assad"]
    assert {d["doc_id"] for d in r["documents"]} == {"a1", "a2"}
    html = client.get("/search", params={"q": "Assad"}).text
    assert 'id="ambiguous"' in html and "<mark>Bashar al-Assad</mark>" in html


def test_cli_lists_the_candidates_and_exits_2(store: Store) -> None:
    db = store.url.render_as_string(hide_password=False)
    r = CliRunner().invoke(cli, ["events", "--db", db, "--person", "boateng"])
    assert r.exit_code == 2
    assert r.output == ("error: 'boateng' may name 2 people: Ama Boateng, Kwame Boateng; give one of these names\n"
                        "  Ama Boateng · GHA\n  Kwame Boateng · GHA\n")
    r = CliRunner().invoke(cli, ["events", "--db", db, "--person", "Ama Boateng", "--format", "json"])
    assert r.exit_code == 0 and '"Ama Boateng"' in r.output and "Kwame" not in r.output
