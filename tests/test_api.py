"""HTTP API over a store built once from the seeds plus a document of our own with injection text."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from communique.api import create_app
from communique.api import schemas as S
from communique.events import merge_events
from communique.options import Options
from communique.pipeline import Pipeline, run_into_store
from communique.records import (
    Analysis,
    CleanDocument,
    DocumentResult,
    Meeting,
    Person,
    Quote,
    RawDocument,
    Span,
    Statement,
)
from communique.store import Store
from communique.store import queries as Q
from pg import pg_server  # noqa: F401  (session fixture)

TOKEN = "s3cret-token"
INJECT_TITLE = 'Erdoğan hosts Sisi <script>alert(1)</script> "><img src=x onerror=alert(2)>'
INJECT_TEXT = (
    "ANKARA (Wire) -- Turkish President Recep Tayyip Erdoğan met Egyptian President Abdel Fattah el-Sisi "
    "in Ankara on Tuesday, the presidency said.\n\n"
    "\"We will not accept <script>alert(1)</script> in our region,\" Erdoğan told reporters after the talks.\n\n"
    "Sisi said the two countries would \"open a new page\" and signed a trade memorandum "
    "<b onmouseover=alert(3)>bold</b> & \"quoted\" 'single' text.\n"
)


def write_injection(folder: Path) -> Path:
    """Our own wire-style article whose title and quote carry HTML/script injection text."""
    path = folder / "inject.jsonl"
    rec = {"id": "inject-1", "title": INJECT_TITLE, "date": "2024-03-06", "text": INJECT_TEXT}
    path.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def build_store(tmp: Path, seeds: Path) -> tuple[Options, Pipeline]:
    opts = Options(db=f"sqlite:///{tmp / 'api.db'}", embeddings=False, api_token=TOKEN, progress="never")
    pipe = Pipeline(opts)
    run_into_store([seeds, write_injection(tmp)], opts, pipeline=pipe)
    return opts, pipe


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> tuple[Options, Pipeline]:
    return build_store(tmp_path_factory.mktemp("api"), seeds_dir)


@pytest.fixture(scope="module")
def client(built: tuple[Options, Pipeline]) -> Iterator[TestClient]:
    opts, pipe = built
    with Store.open(opts.db) as store, TestClient(create_app(opts, store, pipeline_factory=lambda o: pipe)) as c:
        yield c


def get(client: TestClient, url: str, **params: Any) -> Any:
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    return r.json()


@pytest.fixture(scope="module")
def everything(client: TestClient) -> dict[str, Any]:
    """Every event's detail, every source document and each person's country: the oracle's data."""
    events = [get(client, f"/api/events/{e['event_id']}") for e in get(client, "/api/events", limit=200)["items"]]
    docs = {d["doc_id"]: get(client, f"/api/documents/{d['doc_id']}")
            for d in get(client, "/api/documents", limit=200)["items"]}
    countries = {p["name"]: p["country"] for p in get(client, "/api/people", limit=200)["items"]}
    return {"events": events, "docs": docs, "countries": countries}


def oracle(data: dict[str, Any], params: dict[str, str]) -> set[str]:
    """The events ``params`` should select, worked out in Python from the full details."""
    out = set()
    for e in data["events"]:
        srcs = [data["docs"][s["doc_id"]] for s in e["sources"]]
        meetings = [m for s in e["sources"] for m in s["meetings"]]
        ok = True
        if "person" in params:
            names = {n.casefold() for m in meetings for n in m["participants"] + m["attendees"]}
            ok &= params["person"].casefold() in names
        if "country" in params:
            ok &= any(data["countries"].get(n) == params["country"].upper() for n in e["participants"])
        if "from" in params:
            ok &= bool(e["date"]) and e["date"] >= params["from"]
        if "to" in params:
            ok &= bool(e["date"]) and e["date"] <= params["to"]
        if "place" in params:
            places = {(m["location"] or "").casefold() for m in meetings} | {(e["location"] or "").casefold()}
            ok &= params["place"].casefold() in places
        if "type" in params:
            ok &= any(st["type"] == params["type"].upper() for d in srcs for st in d["annotations"]["statements"])
        if "q" in params:
            q = params["q"].casefold()
            texts = [d["title"] or "" for d in srcs] + [x["text"] for d in srcs for x in d["annotations"]["quotes"]]
            texts += [m["evidence"]["text"] for m in meetings if m["evidence"]] + e["participants"]
            texts += [st["evidence"]["text"] for d in srcs for st in d["annotations"]["statements"]]
            ok &= any(q in t.casefold() for t in texts)
        if ok:
            out.add(e["event_id"])
    return out


def multi_source(data: dict[str, Any]) -> dict[str, Any]:
    return max(data["events"], key=lambda e: (e["n_sources"] + e["copies"], e["event_id"]))


def test_events_list_has_every_event_with_total(client: TestClient, everything: dict[str, Any]) -> None:
    page = get(client, "/api/events")
    n = get(client, "/api/health")["counts"]["events"]
    assert page["total"] == n == len(page["items"]) >= 5
    inject = [e for e in page["items"] if e["participants"] == ["Abdel Fattah el-Sisi", "Recep Tayyip Erdoğan"]]
    assert len(inject) == 1 and inject[0]["location"] == "Ankara" and inject[0]["n_sources"] == 1
    both = multi_source(everything)  # two reports of one meeting, one a spun copy of the other: one independent
    assert (both["n_sources"], both["copies"]) == (1, 1)


def test_events_sort_by_date_puts_undated_last(client: TestClient) -> None:
    dates = [e["date"] for e in get(client, "/api/events", sort="date")["items"]]
    known = [d for d in dates if d]
    assert len(known) >= 3 and None in dates
    assert known == sorted(known)
    assert dates[: len(known)] == known  # undated ones after every dated one
    newest = [e["date"] for e in get(client, "/api/events", sort="-date")["items"]]
    assert newest[: len(known)] == sorted(known, reverse=True)


def test_events_sort_by_sources(client: TestClient) -> None:
    counts = [e["n_sources"] for e in get(client, "/api/events", sort="-sources")["items"]]
    assert counts == sorted(counts, reverse=True) and counts[0] == 1
    assert [e["n_sources"] for e in get(client, "/api/events", sort="sources")["items"]] == sorted(counts)


def test_events_pagination(client: TestClient) -> None:
    full = get(client, "/api/events", sort="date")
    ids = [e["event_id"] for e in full["items"]]
    page = get(client, "/api/events", sort="date", limit=2, offset=1)
    assert page["total"] == full["total"] and page["limit"] == 2 and page["offset"] == 1
    assert [e["event_id"] for e in page["items"]] == ids[1:3]
    assert get(client, "/api/events", offset=50)["items"] == []


@pytest.mark.parametrize("params", [
    {"person": "ebrahim raisi"},  # an attendee, any case
    {"person": "Abdel Fattah el-Sisi"},
    {"person": "ALI KHAMENEI"},
    {"person": "Nobody Known"},
    {"country": "egy"},
    {"country": "IRQ"},
    {"country": "TUR", "from": "2024-03-01", "to": "2024-03-31"},
    {"from": "2025-01-01"},
    {"to": "2024-01-01"},
    {"place": "ANKARA"},
    {"place": "tehran"},
    {"q": "soldier"},
    {"q": "OPEN A NEW PAGE"},
    {"type": "consult"},
    {"type": "consult", "country": "egy"},
    {"type": "THREATEN"},
])
def test_events_filters(client: TestClient, everything: dict[str, Any], params: dict[str, str]) -> None:
    page = get(client, "/api/events", **params)
    expected = oracle(everything, params)
    assert {e["event_id"] for e in page["items"]} == expected
    assert page["total"] == len(expected)


def test_events_filters_select_the_injection_event(client: TestClient) -> None:
    for params in ({"person": "abdel fattah el-sisi"}, {"country": "EGY"}, {"place": "ankara"}, {"q": "open a new page"},
                   {"from": "2024-03-05", "to": "2024-03-05"}):
        assert [e["participants"] for e in get(client, "/api/events", **params)["items"]] == [
            ["Abdel Fattah el-Sisi", "Recep Tayyip Erdoğan"]], params


@pytest.mark.parametrize("q", ["x' OR '1'='1", "'; DROP TABLE events; --", '" OR 1=1 --', "%", "a_b%", "\\"])
def test_sql_injection_looking_text_is_just_text(client: TestClient, q: str) -> None:
    for url in ("/api/events", "/api/documents", "/api/quotes", "/api/people"):
        page = get(client, url, q=q)
        assert page["total"] == 0 and page["items"] == []
    assert get(client, "/api/events", person=q)["total"] == 0
    assert get(client, "/api/events")["total"] == get(client, "/api/health")["counts"]["events"] >= 5


def test_event_detail_agreement_sources_and_quotes(client: TestClient, everything: dict[str, Any]) -> None:
    e = get(client, f"/api/events/{multi_source(everything)['event_id']}")
    # the original first, its spun copy listed under it
    assert [(s["doc_id"], s["copy_of"]) for s in e["sources"]] == [
        ("003_dacb1954d6c9fa71", None), ("002_2c749cdfbc01d25b", "003_dacb1954d6c9fa71")]
    assert (e["n_sources"], e["copies"]) == (1, 1)
    part = e["fields"]["participants"]
    assert part["of"] == 1 and part["agreed_by"] == 1 and part["conflict"] is False
    assert sorted(s["doc_id"] for s in part["sources"]) == ["002_2c749cdfbc01d25b", "003_dacb1954d6c9fa71"]
    for name, fld in e["fields"].items():  # agreed_by counts the independent reports giving the agreed value
        stated = [s["value"] for s in fld["sources"] if s["value"] not in (None, [], "") and s["doc_id"] != "002_2c749cdfbc01d25b"]
        assert fld["agreed_by"] == stated.count(fld["value"]), name
        assert fld["conflict"] == (len({json.dumps(v) for v in stated}) > 1), name
    spun = e["sources"][1]
    assert spun["spun"] is True and spun["near_duplicate_of"] == "003_dacb1954d6c9fa71"
    assert spun["meetings"][0]["idx"] == 0 and spun["meetings"][0]["event_id"] == e["event_id"]
    speakers = [g["speaker"] for g in e["quotes_by_speaker"]]
    assert speakers[0] == "Ali Khamenei" and len(speakers) == len(set(speakers))
    quotes = [q for g in e["quotes_by_speaker"] for q in g["quotes"]]
    assert {q["doc_id"] for q in quotes} == {"003_dacb1954d6c9fa71"}  # the copy's quotes repeat them: not listed twice
    assert {q["speakers_words"] for q in quotes} == {True}
    assert client.get("/api/events/evt-000000000000").status_code == 404


def test_documents_list_filters(client: TestClient) -> None:
    assert get(client, "/api/documents")["total"] == 6
    spun = get(client, "/api/documents", spun="true")
    assert [d["doc_id"] for d in spun["items"]] == ["002_2c749cdfbc01d25b"]
    assert get(client, "/api/documents", spun="false")["total"] == 5
    assert get(client, "/api/documents", language="en")["total"] == 6
    assert get(client, "/api/documents", language="fr")["total"] == 0
    assert [d["doc_id"] for d in get(client, "/api/documents", q="ONMOUSEOVER")["items"]] == ["inject-1"]  # text
    assert [d["doc_id"] for d in get(client, "/api/documents", q="Erdoğan hosts")["items"]] == ["inject-1"]


def test_document_detail_offsets_index_the_raw_text(client: TestClient) -> None:
    d = get(client, "/api/documents/003_dacb1954d6c9fa71")
    raw = d["raw_text"]
    a = d["annotations"]
    spans = [m for p in a["people"] for m in p["mentions"]] + [q for q in a["quotes"]]
    spans += [m["evidence"] for m in a["meetings"] if m["evidence"]] + [s["evidence"] for s in a["statements"]]
    assert len(spans) > 10
    for s in spans:
        assert raw[s["start"]:s["end"]] == s["text"]
    assert d["clean_text"] and d["quality"]["spun"] is False
    assert get(client, "/api/documents/002_2c749cdfbc01d25b")["near_duplicate_of"] == "003_dacb1954d6c9fa71"


def test_injection_text_comes_back_verbatim_as_json(client: TestClient) -> None:
    d = get(client, "/api/documents/inject-1")
    assert d["title"] == INJECT_TITLE
    assert d["raw_text"] == INJECT_TEXT
    assert d["annotations"]["quotes"][0]["text"] == "We will not accept <script>alert(1)</script> in our region,"


def test_people_list_and_detail(client: TestClient) -> None:
    page = get(client, "/api/people")
    first = page["items"][0]
    assert first["name"] == "Ali Khamenei" and first["documents"] == 5 and first["country"] == "IRN"
    assert [p["documents"] for p in page["items"]] == sorted((p["documents"] for p in page["items"]), reverse=True)
    assert [p["name"] for p in get(client, "/api/people", country="egy")["items"]] == ["Abdel Fattah el-Sisi"]
    p = get(client, "/api/people/ali khamenei")  # any case
    assert p["name"] == "Ali Khamenei" and p["role"] == "Supreme Leader of Iran"
    dates = [m["date"] for m in p["meetings"] if m["date"]]
    assert dates == sorted(dates)
    assert len(p["meetings"]) == get(client, "/api/events", person="Ali Khamenei")["total"] >= 4
    assert {m["as"] for m in p["meetings"]} == {"participant"}
    assert all(q["speaker"] == "Ali Khamenei" for q in p["quotes"])
    assert len(p["quotes"]) == get(client, "/api/quotes", speaker="Ali Khamenei")["total"] > 10
    short = get(client, "/api/people/Ali Khamenei", limit=2)
    assert short["meetings"] == p["meetings"][:2] and short["quotes"] == p["quotes"][:2]
    assert (short["meetings_total"], short["quotes_total"]) == (len(p["meetings"]), len(p["quotes"]))
    assert client.get("/api/people/Ali Khamenei", params={"limit": 201}).status_code == 422
    raisi = get(client, "/api/people/Ebrahim Raisi")
    assert {m["as"] for m in raisi["meetings"]} == {"attendee"}
    assert client.get("/api/people/Nobody Known").status_code == 404


def test_free_text_totals_stop_at_the_cap_and_say_so(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    full = get(client, "/api/events", q="khamenei")
    assert full["total"] >= 2 and full["total_is_estimate"] is False
    quotes = get(client, "/api/quotes", q="iraq")
    assert quotes["total"] >= 2 and quotes["total_is_estimate"] is False
    monkeypatch.setattr(Q, "TOTAL_CAP", 1)
    capped = get(client, "/api/events", q="khamenei", x="1")  # another URL: not the cached answer
    assert capped["total"] == 1 and capped["total_is_estimate"] is True
    assert [e["event_id"] for e in capped["items"]] == [e["event_id"] for e in full["items"]]  # the page is whole
    capped_q = get(client, "/api/quotes", q="iraq", x="1")
    assert capped_q["total"] == 1 and capped_q["total_is_estimate"] is True and len(capped_q["items"]) == len(quotes["items"])
    assert get(client, "/api/events", person="ali khamenei")["total_is_estimate"] is False  # only free text is capped


def test_quote_search(client: TestClient) -> None:
    page = get(client, "/api/quotes", q="NEW PAGE")
    assert [(q["speaker"], q["text"], q["doc_id"]) for q in page["items"]] == [
        ("Abdel Fattah el-Sisi", "open a new page", "inject-1")]
    sudani = get(client, "/api/quotes", speaker="mohammed shia al-sudani")
    assert sudani["total"] >= 1 and {q["speaker"] for q in sudani["items"]} == {"Mohammed Shia al-Sudani"}
    assert get(client, "/api/quotes")["total"] == get(client, "/api/health")["counts"]["quotes"]
    two = get(client, "/api/quotes", limit=2, offset=1)
    assert [q["text"] for q in two["items"]] == [q["text"] for q in get(client, "/api/quotes", limit=3)["items"]][1:]


# --- finding people by any name (one resolver: store.people) --------------------------------------

def _event_ids(client: TestClient, **params: str) -> set[str]:
    return {e["event_id"] for e in get(client, "/api/events", limit=200, **params)["items"]}


@pytest.mark.parametrize(("asked", "canonical"), [
    ("sudani", "Mohammed Shia al-Sudani"), ("Prime Minister al-Sudani", "Mohammed Shia al-Sudani"),
    ("MOHAMMAD SHIAA AL-SUDANI", "Mohammed Shia al-Sudani"), ("Khamenei", "Ali Khamenei"),
    ("Ayatollah Khamenei", "Ali Khamenei"), ("khamene’i", "Ali Khamenei"), ("President Raisi", "Ebrahim Raisi"),
    ("Raeisi", "Ebrahim Raisi"), ("Q57336", "Ali Khamenei"),
])
def test_person_filters_take_aliases_surnames_titles_and_spellings(client: TestClient, asked: str, canonical: str) -> None:
    wanted = _event_ids(client, person=canonical)
    assert wanted and _event_ids(client, person=asked) == wanted
    assert get(client, f"/api/people/{asked}")["name"] == canonical


def test_person_filter_counts_match_the_cli(client: TestClient) -> None:
    assert get(client, "/api/events", person="sudani")["total"] == 2  # as `communique events --person sudani`
    assert get(client, "/api/events", person="Khamenie")["total"] == 0  # no fuzzy matching: another name


def test_quotes_by_speaker_alias(client: TestClient) -> None:
    full = get(client, "/api/quotes", speaker="Ali Khamenei", limit=200)
    assert full["total"] > 0
    for asked in ("Khamenei", "ayatollah khamenei", "Imam Khamenei"):
        assert get(client, "/api/quotes", speaker=asked, limit=200) == full


def test_unknown_person_is_404_and_lookups_do_not_fuzz(client: TestClient) -> None:
    r = client.get("/api/people/Khamenie")
    assert r.status_code == 404 and r.json()["error"]["message"] == "no person 'Khamenie'"


def test_search_finds_the_person_and_documents_by_the_articles_spelling(client: TestClient) -> None:
    r = get(client, "/api/search", q="Raeisi")
    assert r["named"] == ["Ebrahim Raisi"] and r["people"][0]["name"] == "Ebrahim Raisi"
    assert r["people"][0]["role"] == "President of Iran" and r["people"][0]["country"] == "IRN"
    snippets = [d["snippet_html"] for d in r["documents"]]
    assert len(snippets) >= 2 and sum("<mark>Raeisi</mark>" in h or "<mark>Ebrahim Raeisi</mark>" in h for h in snippets) >= 2
    assert all("<mark>" in h for h in snippets)
    assert r["events"] and all(set(e) >= {"event_id", "participants", "date"} for e in r["events"])


def test_search_quotes_carry_their_speakers(client: TestClient) -> None:
    r = get(client, "/api/search", q="Khamenei")
    assert r["named"] == ["Ali Khamenei"] and r["quotes"]
    assert {x["speaker"] for x in r["quotes"]} == {"Ali Khamenei"}
    assert [p["name"] for p in r["people"]][:1] == ["Ali Khamenei"]
    assert get(client, "/api/search", q="")["people"] == []


def test_search_snippets_escape_stored_text(client: TestClient) -> None:
    r = get(client, "/api/search", q="accept")
    hit = next(x for x in r["quotes"] if x["doc_id"] == "inject-1")
    assert hit["speaker"] == "Recep Tayyip Erdoğan"
    assert hit["text_html"] == "We will not <mark>accept</mark> &lt;script&gt;alert(1)&lt;/script&gt; in our region,"
    doc = next(d for d in get(client, "/api/search", q="Sisi")["documents"] if d["doc_id"] == "inject-1")
    assert "<script>" not in doc["title_html"] and "&lt;script&gt;" in doc["title_html"]
    assert "<mark>Sisi</mark>" in doc["title_html"] and "<img" not in doc["title_html"]


def test_search_is_in_the_openapi_schema_and_cached(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["paths"]["/api/search"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/SearchResult"}
    for path in ("/api/events", "/api/quotes", "/api/people/{name}"):
        assert spec["paths"][path]["get"]["responses"]["409"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/PersonChoices"}
    first, again = client.get("/api/search?q=Raeisi"), client.get("/api/search?q=Raeisi")
    assert (first.json(), again.headers.get("x-cache")) == (again.json(), "hit")


def test_cli_events_person_uses_the_same_resolver(built: tuple[Options, Pipeline]) -> None:
    from click.testing import CliRunner

    from communique.cli import cli

    def rows(person: str) -> list[str]:
        r = CliRunner().invoke(cli, ["events", "--db", built[0].db, "--person", person])
        assert r.exit_code == 0, r.output
        return r.output.splitlines()[1:]

    assert len(rows("sudani")) == 2
    assert rows("Ayatollah Khamenei") == rows("Khamenei") == rows("Ali Khamenei") and len(rows("Khamenei")) >= 4
    assert rows("Raeisi") == rows("Ebrahim Raisi") != []
    r = CliRunner().invoke(cli, ["events", "--db", built[0].db, "--person", "Khamenie"])
    assert (r.exit_code, r.output) == (0, "no events: no person in the store matches 'Khamenie'\n")


def test_health_and_settings_hide_the_token(client: TestClient) -> None:
    h = get(client, "/api/health")
    assert h["ok"] is True and h["counts"]["documents"] == 6 and h["counts"]["spun"] == 1 and h["version"]
    s = get(client, "/api/settings")
    by = {x["name"]: x for x in s["settings"]}
    assert by["api_token"]["value"] == "(set)" and by["api_token"]["secret"] is True
    assert TOKEN not in json.dumps(s)
    assert by["batch_size"]["default"] == 32 and by["progress"]["choices"] == ["auto", "always", "never"]


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    spec = get(client, "/openapi.json")
    paths = spec["paths"]
    for p in ("/api/events", "/api/events/{event_id}", "/api/documents", "/api/documents/{doc_id}",
              "/api/people", "/api/people/{name}", "/api/quotes", "/api/health", "/api/settings"):
        assert "get" in paths[p], p
        assert "$ref" in json.dumps(paths[p]["get"]["responses"]["200"]), p
    assert set(paths["/api/documents"]) == {"get", "post"}
    assert not any(p.startswith("/events") or p == "/" for p in paths)  # web pages stay out of the API spec


# --- writes --------------------------------------------------------------------------------------

ARTICLE = (
    "AMMAN (Wire) -- Jordan's King Abdullah II received Turkish President Recep Tayyip Erdoğan at the "
    "royal palace in Amman on Monday, the royal court said.\n\n"
    "\"Our countries stand together,\" King Abdullah said after the talks.\n"
)


@pytest.fixture()
def writer(tmp_path: Path, built: tuple[Options, Pipeline]) -> Iterator[TestClient]:
    _, pipe = built
    opts = Options(db=f"sqlite:///{tmp_path / 'w.db'}", embeddings=False, api_token=TOKEN, max_upload_bytes=4096)
    with TestClient(create_app(opts, pipeline_factory=lambda o: pipe)) as c:
        yield c


AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_post_json_documents_stores_and_merges(writer: TestClient) -> None:
    body = {"documents": [{"id": "amman-1", "title": "King receives Erdoğan", "date": "2024-05-07", "text": ARTICLE}]}
    r = writer.post("/api/documents", json=body, headers=AUTH)
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["added"] == ["amman-1"] and out["failures"] == [] and len(out["events"]) == 1
    e = writer.get(f"/api/events/{out['events'][0]}").json()
    assert e["date"] == "2024-05-06" and e["sources"][0]["doc_id"] == "amman-1"
    doc = writer.get("/api/documents/amman-1").json()
    assert doc["title"] == "King receives Erdoğan" and doc["publication_date"] == "2024-05-07"
    again = writer.post("/api/documents", json=body, headers=AUTH).json()  # idempotent
    assert again["added"] == ["amman-1"] and writer.get("/api/documents").json()["total"] == 1
    assert again["replaced"] == []
    body["documents"][0]["text"] = ARTICLE.replace("on Monday", "on Tuesday")
    changed = writer.post("/api/documents", json=body, headers=AUTH).json()
    assert changed["added"] == changed["replaced"] == ["amman-1"]  # said, not silent
    assert "on Tuesday" in writer.get("/api/documents/amman-1").json()["raw_text"]


def test_post_of_hostile_files_answers_each_failure_briefly(tmp_path: Path, built: tuple[Options, Pipeline]) -> None:
    import gzip

    bomb = gzip.compress(b"WARC/1.0\r\nX: " + b"\0" * (20 << 20))
    deep = ('{"a": ' * 50_000 + "1" + "}" * 50_000 + "\n").encode()
    files = [("file", ("bomb.warc.gz", bomb, "application/gzip")), ("file", ("deep.jsonl", deep, "application/x-ndjson")),
             ("file", ("amman.txt", ARTICLE.encode(), "text/plain"))]
    opts = Options(db=f"sqlite:///{tmp_path / 'h.db'}", embeddings=False, api_token=TOKEN)
    with TestClient(create_app(opts, pipeline_factory=lambda o: built[1])) as client:
        r = client.post("/api/documents", files=files, headers=AUTH)
    assert r.status_code == 201 and len(r.content) < 4000, r.text[:500]
    out = r.json()
    assert out["added"] == ["amman"]
    assert out["failures_total"] == 2
    assert {f["source"]: f["reason"] for f in out["failures"]} == {
        "bomb.warc.gz": "truncated or corrupt WARC: holds over 8.0 MB without a line break",
        "deep.jsonl:1": "malformed JSONL line: nested 50000 deep, over the limit of 64 (setting max_json_depth)",
    }


def test_post_multipart_upload(writer: TestClient) -> None:
    files = [("file", ("amman.txt", ARTICLE.encode(), "text/plain")),
             ("file", ("empty.txt", b"", "text/plain"))]
    r = writer.post("/api/documents", files=files, headers=AUTH)
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["added"] == ["amman"]
    assert [f["source"] for f in out["failures"]] == ["empty.txt"]
    assert writer.get("/api/health").json()["counts"]["events"] == 1


def test_post_needs_text_or_html(writer: TestClient) -> None:
    r = writer.post("/api/documents", json={"documents": [{"id": "x", "title": "t"}]}, headers=AUTH)
    assert r.status_code == 422
    assert r.json()["error"]["message"] == "invalid request: body.documents.0: needs 'text' or 'html'"


def test_pipeline_loads_lazily_once(tmp_path: Path, built: tuple[Options, Pipeline]) -> None:
    calls: list[Options] = []

    def factory(o: Options) -> Pipeline:
        calls.append(o)
        return built[1]

    opts = Options(db=f"sqlite:///{tmp_path / 'lazy.db'}", embeddings=False, api_token=TOKEN)
    with TestClient(create_app(opts, pipeline_factory=factory)) as c:
        assert c.get("/api/events").status_code == 200 and calls == []
        body = {"documents": [{"id": "a", "text": ARTICLE}]}
        assert c.post("/api/documents", json=body, headers=AUTH).status_code == 201
        assert c.post("/api/documents", json=body, headers=AUTH).status_code == 201
    assert len(calls) == 1


# --- the serve command ---------------------------------------------------------------------------

def test_serve_binds_localhost_with_the_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from click.testing import CliRunner

    from communique.cli import cli

    seen: dict[str, Any] = {}

    def fake_run(app: Any, **kw: Any) -> None:
        seen.update(kw, token=app.state.opts.api_token, store=app.state.store.display_url)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.delenv("COMMUNIQUE_API_TOKEN", raising=False)
    db = f"sqlite:///{tmp_path / 's.db'}"
    Store.open(db).close()
    r = CliRunner().invoke(cli, ["serve", "--db", db, "--token", "t0k", "--port", "8123"])
    assert r.exit_code == 0, r.output
    from communique.api.http import PROTOCOL

    assert seen == {"host": "127.0.0.1", "port": 8123, "log_level": "info", "token": "t0k", "store": db,
                    "http": PROTOCOL}
    assert f"serving {db} on http://127.0.0.1:8123/ — writes enabled (bearer token)" in r.output
    r = CliRunner().invoke(cli, ["serve", "--db", db], env={"COMMUNIQUE_API_TOKEN": "from-env"})
    assert r.exit_code == 0 and seen["token"] == "from-env"


def test_serve_reports_a_bad_store(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from communique.cli import cli

    r = CliRunner().invoke(cli, ["serve", "--db", "mysql://x/y"])
    assert r.exit_code == 3
    assert r.output.strip() == "error: mysql://x/y: unsupported store backend 'mysql'; use sqlite:/// or postgresql://"


# --- the query layer on both backends (a corpus written by hand, no NLP) --------------------------

def _doc(doc_id: str, text: str, a: str, b: str, day: date | None, place: str | None, kind: str,
         countries: dict[str, str]) -> DocumentResult:
    raw = RawDocument(doc_id=doc_id, source=f"{doc_id}.txt", text=text, title=f"{a} and {b}: report {doc_id}",
                      publication_date=day)
    clean = CleanDocument(raw=raw, text=text, offsets=tuple(range(len(text) + 1)))
    s, e = text.index(a), text.index(".") + 1
    meeting = Meeting(participants=(a, b), date=day, location=place, evidence=Span(text[s:e], s, e))
    qs = text.index("“") + 1
    qe = text.index("”")
    quote = Quote(speaker=a, text=text[qs:qe], kind="direct", start=qs, end=qe, confidence=0.9)
    statement = Statement(source=a, type=kind, target=b, evidence=Span(text[s:e], s, e))
    people = tuple(Person(name=n, country=countries[n]) for n in (a, b))
    return DocumentResult(clean=clean, analysis=Analysis(people=people, meetings=(meeting,), quotes=(quote,),
                                                         statements=(statement,)))


HAND_CORPUS = [
    ("h1", "Zoë Ångström met Kwame Boateng in Oslo. “Trade is 100% our aim,” she said.", "Zoë Ångström",
     "Kwame Boateng", date(2024, 1, 10), "Oslo", "CONSULT"),
    ("h2", "Kwame Boateng met Li Wei in Accra. “We agree on ports,” he said.", "Kwame Boateng", "Li Wei",
     date(2024, 2, 1), "Accra", "AGREE"),
    ("h3", "Li Wei met Zoë Ångström in Beijing. “No_deal yet,” he said.", "Li Wei", "Zoë Ångström",
     None, "Beijing", "REJECT"),
]
COUNTRIES = {"Zoë Ångström": "SWE", "Kwame Boateng": "GHA", "Li Wei": "CHN"}


@pytest.fixture(params=["sqlite", "postgresql"])
def hand_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "postgresql":
        url = request.getfixturevalue("pg_server").new_database()
    else:
        url = f"sqlite:///{tmp_path / 'hand.db'}"
    results = [_doc(i, t, a, b, d, p, k, COUNTRIES) for i, t, a, b, d, p, k in HAND_CORPUS]
    store = Store.open(url)
    store.save_results(results)
    events = merge_events(results, (), Options())
    store.replace_events([(e.event_id, e.to_json()) for e in events],
                         [(e.event_id, d, i) for e in events for d, i in e.sources])
    with store:
        yield store


def _parts(store: Store, **kw: Any) -> list[list[str]]:
    sort = kw.pop("sort", "date")
    return [e["participants"] for e in Q.list_events(store, Q.EventFilter(**kw), sort=sort)[0]]


def test_queries_agree_on_both_backends(hand_store: Store) -> None:
    zk, kl, lz = ["Kwame Boateng", "Zoë Ångström"], ["Kwame Boateng", "Li Wei"], ["Li Wei", "Zoë Ångström"]
    assert _parts(hand_store) == [zk, kl, lz]  # by date, undated last
    assert _parts(hand_store, sort="-date") == [kl, zk, lz]
    assert _parts(hand_store, person="ZOË ÅNGSTRÖM") == [zk, lz]  # non-ASCII case folding
    assert _parts(hand_store, country="gha") == [zk, kl]
    assert _parts(hand_store, date_from=date(2024, 1, 11)) == [kl]
    assert _parts(hand_store, date_to=date(2024, 1, 10)) == [zk]
    assert _parts(hand_store, place="BEIJING") == [lz]
    assert _parts(hand_store, type="agree") == [kl]
    assert _parts(hand_store, q="100%") == [zk]  # % is literal
    assert _parts(hand_store, q="no_deal") == [lz]  # _ is literal
    assert _parts(hand_store, q="o_deal%") == []
    assert _parts(hand_store, q="x' OR 1=1 --") == []
    items, total = Q.list_events(hand_store, limit=1, offset=1, sort="date")
    assert total == 3 and [e["participants"] for e in items] == [kl]
    assert Q.resolve_person(hand_store, "zoë ångström") == "Zoë Ångström"
    p = Q.get_person(hand_store, "li wei")
    assert p is not None and [m["date"] for m in p["meetings"]] == ["2024-02-01", None]
    assert [q["text"] for q in p["quotes"]] == ["No_deal yet,"]
    assert Q.search_quotes(hand_store, q="AGREE ON")[1] == 1
    assert [d["doc_id"] for d in Q.list_documents(hand_store, q="report h2")[0]] == ["h2"]
    assert [x["name"] for x in Q.list_people(hand_store, country="swe")[0]] == ["Zoë Ångström"]


def test_search_pages_within_and_beyond_the_counting_cap(hand_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    hand_store.save_results([_doc("h4", "Li Wei met Kwame Boateng in Lima. “Ports first,” he said.", "Li Wei",
                                  "Kwame Boateng", date(2024, 3, 1), "Lima", "AGREE", COUNTRIES),
                             _doc("h5", "Zoë Ångström met Li Wei in Rome. “Ports, then trade,” she said.",
                                  "Zoë Ångström", "Li Wei", date(2024, 4, 1), "Rome", "AGREE", COUNTRIES)])
    events, n_events = Q.list_events(hand_store, Q.EventFilter(q="met"), sort="-date")  # all three events
    quotes, n_quotes = Q.search_quotes(hand_store, q="PORTS")  # h2's, h4's and h5's
    assert (n_events, len(events), n_quotes, len(quotes)) == (3, 3, 3, 3)
    monkeypatch.setattr(Q, "TOTAL_CAP", 2)
    for offset in range(4):  # inside the first TOTAL_CAP rows, across its edge, past the end
        items, total = Q.list_events(hand_store, Q.EventFilter(q="met"), limit=1, offset=offset, sort="-date")
        assert total == 2 and items == events[offset:offset + 1], offset
        page, total = Q.search_quotes(hand_store, q="PORTS", limit=1, offset=offset)
        assert total == 2 and page == quotes[offset:offset + 1], offset
        page, total = Q.search_quotes(hand_store, q="PORTS", speaker="li wei", limit=1, offset=offset)
        assert total == 1 and [q["text"] for q in page] == ["Ports first,"][offset:offset + 1], offset


def test_person_detail_is_bounded_with_totals(hand_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = _doc("h4", "Li Wei met Kwame Boateng in Lima. “Ports first,” he said.", "Li Wei", "Kwame Boateng",
                 date(2024, 3, 1), "Lima", "AGREE", COUNTRIES)
    hand_store.save_results([extra])
    p = Q.get_person(hand_store, "Li Wei", limit=1)
    assert p is not None
    assert (len(p["quotes"]), p["quotes_total"]) == (1, 2) and p["quotes"][0]["text"] == "Ports first,"  # dated first
    assert (len(p["meetings"]), p["meetings_total"]) == (1, 2)
    monkeypatch.setattr(Q, "MAX_LIMIT", 1)  # a bigger limit is capped
    p = Q.get_person(hand_store, "Li Wei", limit=100)
    assert p is not None and len(p["quotes"]) == len(p["meetings"]) == 1


def test_post_html_document(writer: TestClient) -> None:
    html = ("<html><head><title>King receives Erdoğan</title><script>alert(1)</script></head><body>"
            "<nav>Home | World</nav><article><h1>King receives Erdoğan</h1>"
            + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")) + "</article></body></html>")
    r = writer.post("/api/documents", json={"documents": [{"id": "amman-html", "html": html}]}, headers=AUTH)
    assert r.status_code == 201, r.text
    assert r.json()["added"] == ["amman-html"]
    doc = writer.get("/api/documents/amman-html").json()
    assert "alert(1)" not in doc["clean_text"] and "King Abdullah" in doc["clean_text"]
    assert doc["annotations"]["meetings"]


def test_post_links_copies_to_what_is_stored(writer: TestClient) -> None:
    first = {"documents": [{"id": "wire-1", "date": "2024-05-07", "text": ARTICLE}]}
    assert writer.post("/api/documents", json=first, headers=AUTH).status_code == 201
    copy = ARTICLE.replace("the royal court said", "the royal court said in a statement")
    second = {"documents": [{"id": "wire-2", "date": "2024-05-08", "text": copy},
                            {"id": "wire-3", "date": "2024-05-08", "text": ARTICLE}]}
    out = writer.post("/api/documents", json=second, headers=AUTH).json()
    assert out["added"] == ["wire-2"] and out["skipped"] == {"wire-3": "same content as wire-1"}
    doc = writer.get("/api/documents/wire-2").json()
    assert doc["near_duplicate_of"] == "wire-1"
    (event,) = writer.get("/api/events").json()["items"]
    assert (event["n_sources"], event["copies"]) == (1, 1) and out["events"] == [event["event_id"]]


def test_docs_page_uses_local_assets_only(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/docs-static/swagger-ui-bundle.js" in page.text and "cdn" not in page.text.lower()
    assert client.get("/docs-static/swagger-ui-bundle.js").status_code == 200


def test_serve_with_two_worker_processes_answers(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = f"sqlite:///{tmp_path / 'w.db'}"
    Store.open(db).close()
    proc = subprocess.Popen(
        [sys.executable, "-m", "communique.cli", "serve", "--db", db, "--port", str(port), "--workers", "2",
         "--log-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
                break
            except httpx.HTTPError:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else "server exited"
                assert time.monotonic() < deadline, "server did not answer within 60 s"
                time.sleep(0.5)
        assert r.status_code == 200 and r.json()["ok"] is True
        # one listening socket per worker (SO_REUSEPORT), all listening before any worker answers
        assert _listening_sockets(port) == 2
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as c:
            assert all(c.get("/api/people").status_code == 200 for _ in range(10))
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert proc.returncode == 0


def _listening_sockets(port: int) -> int:
    """TCP sockets in LISTEN state on ``port`` (Linux /proc/net/tcp: local address, state 0A)."""
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    return sum(1 for row in rows if row.split()[1].endswith(f":{port:04X}") and row.split()[3] == "0A")


def test_event_pages_spliced_from_stored_json_match_the_model(hand_store: Store) -> None:
    with TestClient(create_app(Options(db=hand_store.url), hand_store)) as c:
        for params in ({}, {"sort": "date"}, {"person": "li wei"}, {"q": "agree"}, {"q": "met", "country": "GHA"},
                       {"limit": 1, "offset": 1}, {"place": "nowhere"}):
            body = c.get("/api/events", params=params)
            assert body.status_code == 200 and body.headers["content-type"] == "application/json"
            f = Q.EventFilter(person=params.get("person"), country=params.get("country"), place=params.get("place"),
                              q=params.get("q"))
            items, total = Q.list_events(hand_store, f, limit=int(params.get("limit", 50)),
                                         offset=int(params.get("offset", 0)), sort=str(params.get("sort", "-date")))
            expected = S.EventPage.model_validate({"items": items, "total": total, "limit": params.get("limit", 50),
                                                   "offset": params.get("offset", 0)}).model_dump()
            assert body.json() == expected, params


def test_sqlite_reads_run_on_the_event_loop_postgresql_reads_on_threads(
        hand_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    threads: dict[str, str] = {}

    def spy(name: str) -> Any:
        real = getattr(Q, name)

        def call(*args: Any, **kw: Any) -> Any:
            threads[name] = threading.current_thread().name
            return real(*args, **kw)
        return call

    monkeypatch.setattr(Q, "list_people", spy("list_people"))  # the JSON API's /api/people
    monkeypatch.setattr(Q, "list_events", spy("list_events"))  # the web UI's timeline page
    with TestClient(create_app(Options(db=hand_store.url), hand_store)) as c:
        assert c.get("/api/people").json()["total"] == 3
        assert c.get("/").status_code == 200
    on_worker = {name: t.startswith("AnyIO worker thread") for name, t in threads.items()}
    postgres = hand_store.dialect == "postgresql"  # SQLite: inline, first come first served
    assert on_worker == {"list_people": postgres, "list_events": postgres}


def test_post_answer_lists_at_most_100_failures(tmp_path: Path, built: tuple[Options, Pipeline]) -> None:
    many = b"\n".join(b'{"broken %d' % i for i in range(300))
    opts = Options(db=f"sqlite:///{tmp_path / 'm.db'}", embeddings=False, api_token=TOKEN)
    with TestClient(create_app(opts, pipeline_factory=lambda o: built[1])) as client:
        r = client.post("/api/documents", files=[("file", ("many.jsonl", many, "application/x-ndjson"))], headers=AUTH)
        out = r.json()
        assert r.status_code == 201 and out["failures_total"] == 300 and len(out["failures"]) == 100
        assert out["failures"][0]["source"] == "many.jsonl:1"
        assert client.get("/api/health").json()["counts"]["failures"] == 300  # all kept in the store


def test_an_old_event_id_answers_with_where_it_went(tmp_path: Path) -> None:
    from communique.store.store import Store as _Store
    from test_store import make_result

    opts = Options(db=f"sqlite:///{tmp_path / 'moved.db'}", embeddings=False)
    with _Store.open(opts.db) as store:
        store.save_results([make_result(d, ARTICLE + f" ({d})") for d in ("a", "b")])
        store.replace_events([("evt-old", {"event_id": "evt-old", "sources": [["b", 0]]}),
                              ("evt-a", {"event_id": "evt-a", "sources": [["a", 0]]})],
                             [("evt-old", "b", 0), ("evt-a", "a", 0)])
        store.replace_events([("evt-a", {"event_id": "evt-a", "sources": [["a", 0], ["b", 0]]})],
                             [("evt-a", "a", 0), ("evt-a", "b", 0)])  # merged
        with TestClient(create_app(opts, store), follow_redirects=False) as c:
            r = c.get("/api/events/evt-old")
            assert r.status_code == 301 and r.headers["location"] == "/api/events/evt-a"
            assert r.json()["event_ids"] == ["evt-a"] and r.json()["error"]["code"] == "moved"
            page = c.get("/events/evt-old", headers={"Accept": "text/html"})
            assert page.status_code == 301 and page.headers["location"] == "/events/evt-a"
            assert c.get("/events/evt-old/compare").headers["location"] == "/events/evt-a/compare"
            assert c.get("/api/events/evt-never").status_code == 404
