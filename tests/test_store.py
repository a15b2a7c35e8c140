"""The store, on SQLite (file and in-memory) and a throwaway PostgreSQL server."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from communique.errors import StoreError
from communique.options import Options
from communique.records import (
    Analysis,
    CleanDocument,
    DocumentResult,
    Failure,
    FetchState,
    Meeting,
    Person,
    Quality,
    Quote,
    RawDocument,
    Span,
    Statement,
)
from communique.store import Store, convert, decode_offsets, encode_offsets
from communique.store import queries as Q
from communique.store.convert import AddReport
from communique.store.store import (
    DOC_PEOPLE,
    DOCS,
    EVENT_SOURCES,
    EVENTS,
    MEETINGS,
    PEOPLE,
    QUOTES,
    STATEMENTS,
    _alembic_config,
    _make_engine,
    _migrate,
    head_revision,
    normalise_url,
)
from pg import pg_server  # noqa: F401  (session fixture)

BACKENDS = ["sqlite-file", "sqlite-memory", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite-file":
        url = f"sqlite:///{tmp_path / 'test.db'}"
    elif request.param == "sqlite-memory":
        url = "sqlite://"
    else:
        url = request.getfixturevalue("pg_server").new_database()
    with Store.open(url) as s:
        yield s


def make_clean(doc_id: str, body: str, header: str = "", title: str | None = None) -> CleanDocument:
    """A document whose cleaned text is ``body`` with the ``header`` line removed."""
    raw = RawDocument(doc_id=doc_id, source=f"in/{doc_id}.txt", text=header + body, title=title,
                      publication_date=date(2024, 3, 7), body_start=len(header))
    n = len(header)
    removed = (Span(header, 0, n),) if header else ()
    return CleanDocument(raw=raw, text=body, offsets=tuple(range(n, n + len(body) + 1)), removed=removed)


TEXT = 'President Alpha met Premier Beta in Lisbon on Monday. "We agree on everything," Alpha said.'


def sp(text: str, start: int = 0, header: int = 13) -> Span:
    """The raw span of ``text`` (first found at or after ``start`` in TEXT)."""
    i = TEXT.index(text, start)
    return Span(text, header + i, header + i + len(text))


def make_result(doc_id: str = "doc-a", text: str = TEXT) -> DocumentResult:
    clean = make_clean(doc_id, text, header="Home | World\n", title="Alpha meets Beta")
    alpha = Person("Ana Alpha", role="President of Portugal", country="PRT", wikidata="Q1",
                   mentions=(sp("President Alpha"), sp("Alpha", 60)))
    beta = Person("Bo Beta", role="Premier", country="ESP", mentions=(sp("Premier Beta"),))
    meeting = Meeting(participants=("Ana Alpha", "Bo Beta"), attendees=(), date=date(2024, 3, 4),
                      date_text="on Monday", date_derivation="weekday before publication date",
                      location="Lisbon", location_text=sp("Lisbon"),
                      evidence=sp(TEXT[:53]), host="Ana Alpha", visitor="Bo Beta")
    quote = Quote("Ana Alpha", "We agree on everything,", "direct", sp("We").start, sp("everything,").end, 0.8125,
                  cue=sp("Alpha said"))
    stmt = Statement("Ana Alpha", "AGREE", "Bo Beta", sp(TEXT[54:]), mode="verbal",
                     source_country="PRT", target_country="ESP", sentence=1)
    return DocumentResult(
        clean=clean,
        quality=Quality(language="en", spun=False, spam_phrases=("buy now",), score=0.9375, reasons=("spam",)),
        analysis=Analysis(people=(alpha, beta), meetings=(meeting,), quotes=(quote,), statements=(stmt,)),
    )


def test_spans_in_fixture_match_raw_text() -> None:
    r = make_result()
    a = r.analysis
    spans = [m for p in a.people for m in p.mentions] + [a.statements[0].evidence, a.quotes[0].cue]
    for s in spans:
        assert s is not None
        assert r.clean.raw.text[s.start:s.end] == s.text
    q = a.quotes[0]
    assert r.clean.raw.text[q.start:q.end] == q.text


# --- opening -----------------------------------------------------------------------------------

def test_open_migrates_to_head_and_reopens(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    with Store.open(url) as s:
        s.add_documents([make_clean("d1", "one")])
    with Store.open(url) as s, s.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert conn.execute(sa.text("PRAGMA mmap_size")).scalar_one() > 0  # reads through a memory map
        assert conn.execute(sa.text("PRAGMA foreign_keys")).scalar_one() == 1
        assert conn.execute(sa.text("PRAGMA busy_timeout")).scalar_one() == 30000
        assert s.doc_ids() == ["d1"]


def test_open_defaults_to_options_db(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'opts.db'}"
    with Store.open(opts=Options().with_(db=url)) as s:
        assert s.display_url == url
    assert (tmp_path / "opts.db").is_file()


def test_open_missing_directory_names_url_and_cause(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nope' / 'x.db'}"
    with pytest.raises(StoreError) as err:
        Store.open(url)
    assert str(err.value) == f"{url}: cannot open store: directory {tmp_path / 'nope'} does not exist"


def test_open_masks_password() -> None:
    with pytest.raises(StoreError) as err:
        Store.open("postgresql://alice:s3cret@127.0.0.1:1/db")
    msg = str(err.value)
    assert msg.startswith("postgresql+psycopg://alice:***@127.0.0.1:1/db: cannot open store: ")
    assert "s3cret" not in msg


def test_open_rejects_other_backends() -> None:
    with pytest.raises(StoreError, match=r"^mysql://u@h/db: unsupported store backend 'mysql'; use sqlite:/// or postgresql://$"):
        Store.open("mysql://u@h/db")


def test_open_store_from_newer_version(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    Store.open(url).close()
    eng = sa.create_engine(url)
    with eng.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0099_future'"))
    eng.dispose()
    with pytest.raises(StoreError, match=r"cannot open store: .*0099_future.*\(the store was written by a newer communique\)"):
        Store.open(url)


def test_bare_path_means_sqlite_file(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "plain.db")) as s:
        assert s.dialect == "sqlite"
    assert (tmp_path / "plain.db").is_file()


# --- offsets -----------------------------------------------------------------------------------

def test_encode_offsets_is_run_length() -> None:
    assert encode_offsets([5, 6, 7, 10, 11, 3]) == "[5,3,10,2,3,1]"
    assert encode_offsets([]) == "[]"
    assert decode_offsets("[5,3,10,2,3,1]") == (5, 6, 7, 10, 11, 3)


@given(st.lists(st.integers(min_value=0, max_value=10**9), max_size=200))
def test_offsets_round_trip(offsets: list[int]) -> None:
    assert decode_offsets(encode_offsets(offsets)) == tuple(offsets)


# --- documents ---------------------------------------------------------------------------------

def test_add_documents_skips_stored_content(store: Store) -> None:
    docs = [make_clean("d1", "first text"), make_clean("d2", "second text")]
    first = store.add_documents(docs)
    assert (first.added_ids, first.skipped_ids) == (["d1", "d2"], [])
    again = store.add_documents(docs + [make_clean("d3", "first text"), make_clean("d1", "changed")])
    assert again.added_ids == []
    assert again.reasons == {"d1": "already stored with other content from the same source: `communique run` updates it",
                             "d2": "already stored", "d3": "same content as d1"}
    assert (again.added, again.skipped) == (0, 4)
    assert store.doc_ids() == ["d1", "d2"]


def _from(source: str, doc: CleanDocument) -> CleanDocument:
    return dataclasses.replace(doc, raw=dataclasses.replace(doc.raw, source=source))


@pytest.mark.parametrize("write", ["add_documents", "save_results"])
def test_an_id_clash_is_a_failure_naming_both_sources_and_never_a_silent_swap(store: Store, write: str) -> None:
    jan = _from("jan/article.txt", make_clean("article", "Alpha met Beta in Lisbon."))
    feb = _from("feb/article.txt", make_clean("article", "Gamma met Delta in Oslo."))

    def put(*docs: CleanDocument) -> AddReport:
        if write == "add_documents":
            return store.add_documents(list(docs))
        return store.save_results([DocumentResult(clean=d, quality=Quality(), analysis=Analysis()) for d in docs])

    for _ in range(2):  # within one batch, then again on a re-run: the same answer each time
        report = put(jan, feb)
        assert [(f.source, f.stage) for f in report.failures] == [("feb/article.txt", "store")]
        assert "id 'article' already names a different document, from jan/article.txt" in report.failures[0].reason
        assert report.refused == {("article", "feb/article.txt")}
        assert store.get_document("article").raw.source == "jan/article.txt"
    assert [f.source for f in store.failures()] == ["feb/article.txt"]  # recorded once, not once per run
    again = put(feb)  # alone, in a later batch
    assert [f.source for f in again.failures] == ["feb/article.txt"]
    assert store.get_document("article").raw.text.startswith("Alpha")


def test_the_same_failure_is_recorded_once(store: Store) -> None:
    for _ in range(3):
        store.record_failure(Failure("in/x.txt", "binary file (not text)"))
    store.record_failure(Failure("in/x.txt", "empty file"))
    assert [f.reason for f in store.failures()] == ["binary file (not text)", "empty file"]


def test_add_documents_dedups_within_one_batch(store: Store) -> None:
    report = store.add_documents([make_clean("d1", "same"), make_clean("d2", "same")])
    assert report.added_ids == ["d1"]
    assert report.reasons == {"d2": "same content as d1"}


def test_add_documents_commits_each_batch(store: Store) -> None:
    def docs() -> Iterator[CleanDocument]:
        for i in range(7):
            yield make_clean(f"d{i}", f"text number {i}")
        raise KeyboardInterrupt  # the run dies after 7 documents

    with pytest.raises(KeyboardInterrupt):
        store.add_documents(docs(), batch_size=3)
    assert store.doc_ids() == ["d0", "d1", "d2", "d3", "d4", "d5"]
    report = store.add_documents((make_clean(f"d{i}", f"text number {i}") for i in range(10)), batch_size=3)
    assert report.added_ids == ["d6", "d7", "d8", "d9"]
    assert len(store.doc_ids()) == 10


def test_add_then_get_document_before_extraction(store: Store) -> None:
    clean = make_clean("d1", "Body text.\nSecond line.", header=" date 2024-03-07 Title\n\n", title="Title")
    store.add_documents([clean])
    doc = store.get_document("d1")
    assert doc is not None
    assert doc.clean == clean
    assert (doc.raw_text, doc.clean_text, doc.offsets) == (clean.raw.text, clean.text, clean.offsets)
    assert doc.quality is None and doc.extracted_at is None and doc.language is None
    assert doc.analysis == Analysis()
    assert doc.content_hash == clean.raw.content_hash
    assert store.has_content(clean.raw.content_hash) is True
    assert store.has_content("0" * 64) is False
    assert store.get_document("missing") is None


def test_save_result_round_trips_exactly(store: Store) -> None:
    result = make_result()
    report = store.save_result(result)
    assert report.added_ids == ["doc-a"]
    back = list(store.iter_results())
    assert back == [result]
    assert back[0].to_json() == result.to_json()
    doc = store.get_document("doc-a")
    assert doc is not None and doc.extracted_at is not None and doc.extractor_version


def test_a_region_s_code_longer_than_three_letters_is_stored(store: Store) -> None:
    # a statement of the Kurdistan Region's government carries "IRQ-KRD": every backend keeps it whole
    result = make_result()
    stmt = dataclasses.replace(result.analysis.statements[0], source_country="IRQ-KRD", target_country="ESP")
    kurdish = dataclasses.replace(result, analysis=dataclasses.replace(result.analysis, statements=(stmt,)))
    store.save_result(kurdish)
    assert [s.source_country for s in next(iter(store.iter_results())).analysis.statements] == ["IRQ-KRD"]


def test_save_results_is_idempotent_and_replaces_analysis(store: Store) -> None:
    result = make_result()
    store.add_documents([result.clean])
    store.save_results([result])
    store.save_results([result])
    s = store.stats()
    assert (s.documents, s.people, s.meetings, s.quotes, s.statements) == (1, 2, 1, 1, 1)
    fewer = dataclasses.replace(result, analysis=dataclasses.replace(result.analysis, quotes=(), people=result.analysis.people[:1]))
    store.save_result(fewer)
    assert list(store.iter_results()) == [fewer]
    assert store.stats().quotes == 0


def test_save_results_same_id_twice_in_one_batch(store: Store) -> None:
    first = make_result("a")
    second = dataclasses.replace(first, analysis=Analysis())
    report = store.save_results([first, second])
    assert report.added_ids == ["a"]
    assert list(store.iter_results()) == [second]


def test_save_results_keeps_other_documents(store: Store) -> None:
    store.save_results([make_result("a"), make_result("b", TEXT + " More.")])
    store.save_result(make_result("a"))
    assert [r.doc_id for r in store.iter_results(page_size=1)] == ["a", "b"]
    assert store.stats().people == 2  # get-or-create by name


def test_save_result_same_content_other_id_is_skipped(store: Store) -> None:
    store.save_result(make_result("a"))
    report = store.save_result(make_result("b"))
    assert report.reasons == {"b": "same content as a"}
    assert store.doc_ids() == ["a"]


def test_values_are_bound_not_formatted(store: Store) -> None:
    nasty = "x'); DROP TABLE documents; --"
    clean = make_clean(nasty, nasty + " \u201cquoted\u201d \u00e9\u4e2d\U0001f600")
    store.add_documents([clean])
    doc = store.get_document(nasty)
    assert doc is not None and doc.clean == clean


def test_stats_and_failures(store: Store) -> None:
    spun = make_result("b", TEXT + " Spun.")
    spun.quality = Quality(language="en", spun=True, score=0.2)
    store.save_results([make_result("a"), spun])
    other = make_clean("c", "Un texte en français.")
    store.add_documents([other])
    store.record_failure(Failure("in/bad.txt", "not UTF-8 text"))
    assert store.failures() == [Failure("in/bad.txt", "not UTF-8 text", "ingest")]
    s = store.stats()
    assert s.to_json() == {
        "documents": 3, "by_kind": {"txt": 3}, "by_language": {"en": 2, "unknown": 1}, "spun": 1,
        "people": 2, "meetings": 2, "quotes": 2, "statements": 2, "events": 0, "failures": 1,
        "people_in_documents": 4,
    }


# --- dedup and events --------------------------------------------------------------------------

def test_signatures_round_trip(store: Store) -> None:
    sig = {"minhash": [2**63 + 5, 1, 0], "len": 120, "lang": "en"}
    store.save_signatures({"a": sig, "b": {"minhash": []}})
    store.save_signatures({"b": {"minhash": [7]}})
    assert store.load_signatures() == {"a": sig, "b": {"minhash": [7]}}


def test_signatures_accept_numpy_and_dates(store: Store) -> None:
    import numpy as np

    store.save_signatures({"a": {"minhash": np.array([2**64 - 1, 3], dtype=np.uint64), "n": np.int64(4),
                                 "day": date(2024, 1, 2), "words": {"b", "a"}}})
    assert store.load_signatures() == {"a": {"minhash": [2**64 - 1, 3], "n": 4, "day": "2024-01-02", "words": ["a", "b"]}}


def test_links_are_mirrored_on_documents(store: Store) -> None:
    store.save_results([make_result("a"), make_result("b", TEXT + " Copy.")])
    store.save_links([("b", "a", "spun copy", 0.875)])
    assert store.load_links() == {"b": ("a", "spun copy", 0.875)}
    doc = store.get_document("b")
    assert doc is not None and (doc.near_duplicate_of, doc.duplicate_reason) == ("a", "spun copy")
    store.save_result(make_result("b", TEXT + " Copy."))  # re-extraction keeps the link
    doc = store.get_document("b")
    assert doc is not None and doc.near_duplicate_of == "a"
    store.save_links([], replace=True)
    assert store.load_links() == {}
    doc = store.get_document("b")
    assert doc is not None and doc.near_duplicate_of is None


def test_replace_events_sets_meeting_event_ids(store: Store) -> None:
    store.save_results([make_result("a"), make_result("b", TEXT + " Again.")])
    store.replace_events([("evt-1", {"participants": ["Ana Alpha", "Bo Beta"], "sources": 2})],
                         [("evt-1", "a", 0), ("evt-1", "b", 0)])
    assert store.load_events() == {"evt-1": {"participants": ["Ana Alpha", "Bo Beta"], "sources": 2}}
    assert [r.analysis.meetings[0].event_id for r in store.iter_results()] == ["evt-1", "evt-1"]
    assert store.stats().events == 1
    store.save_result(make_result("a"))  # re-extraction keeps the event link
    assert [r.analysis.meetings[0].event_id for r in store.iter_results()] == ["evt-1", "evt-1"]
    store.replace_events([("evt-2", {})], [("evt-2", "b", 0)])
    assert [r.analysis.meetings[0].event_id for r in store.iter_results()] == [None, "evt-2"]
    assert store.load_events() == {"evt-2": {}}
    assert store.event_redirect("evt-1") == ["evt-2"] and store.event_redirect("evt-2") is None


def _event(eid: str, *sources: tuple[str, int]) -> tuple[str, dict[str, Any]]:
    return eid, {"event_id": eid, "sources": [list(s) for s in sources]}


def test_event_ids_that_go_redirect_to_where_their_reports_went(store: Store) -> None:
    store.save_results([make_result(d, TEXT + f" {d}.") for d in ("a", "b", "c")])

    def put(*events: tuple[str, dict[str, Any]]) -> None:
        store.replace_events(events, [(eid, d, i) for eid, data in events for d, i in data["sources"]])

    put(_event("evt-a", ("a", 0)), _event("evt-b", ("b", 0)), _event("evt-c", ("c", 0)))
    put(_event("evt-a", ("a", 0), ("b", 0)), _event("evt-c", ("c", 0)))  # b's event merged into a's
    assert store.event_redirect("evt-b") == ["evt-a"]
    put(_event("evt-x", ("b", 0), ("a", 0), ("c", 0)))  # an earlier report arrived: everything in one new id
    assert store.event_redirect("evt-a") == store.event_redirect("evt-c") == ["evt-x"]
    assert store.event_redirect("evt-b") == ["evt-x"]  # followed through, not left pointing at a gone id
    put(_event("evt-a", ("a", 0)), _event("evt-x", ("b", 0), ("c", 0)))  # a split: evt-a is an event again
    assert store.event_redirect("evt-a") is None and store.event_redirect("evt-c") == ["evt-x"]
    assert store.event_redirect("evt-b") == ["evt-x"]
    put()  # every event gone: the ids still say so
    assert store.event_redirect("evt-x") == [] and store.event_redirect("evt-never") is None


def test_two_stores_share_one_sqlite_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    with Store.open(url) as one, Store.open(url) as two:
        one.add_documents([make_clean("d1", "one")])
        two.add_documents([make_clean("d2", "two")])
        assert one.doc_ids() == two.doc_ids() == ["d1", "d2"]


def test_head_revision_is_the_newest_migration() -> None:
    assert head_revision() == "0012_wider_country_codes"


def _store_url(request: pytest.FixtureRequest, tmp_path: Path, backend: str) -> str:
    if backend == "postgresql":
        return str(request.getfixturevalue("pg_server").new_database())
    return f"sqlite:///{tmp_path / 'old.db'}"


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_upgrade_from_0001_backfills_events(request: pytest.FixtureRequest, tmp_path: Path, backend: str) -> None:
    url = _store_url(request, tmp_path, backend)
    parsed = normalise_url(url)
    engine = _make_engine(parsed)
    _migrate(engine, "0001_initial")
    with engine.begin() as conn:  # a store as 0001 left it, rows written with 0001's columns only
        _write_0001(conn, [make_result("a"), make_result("b", TEXT + " Again.")])
        conn.execute(EVENTS.insert().values(event_id="evt-1", updated_at=sa.func.now(), data={
            "event_id": "evt-1", "participants": ["Ana Alpha", "Bo Beta"], "date": "2024-03-04",
            "location": "Lisbon", "attendees": []}))
        conn.execute(EVENTS.insert().values(event_id="evt-0", updated_at=sa.func.now(), data={
            "event_id": "evt-0", "participants": [], "date": None}))
        conn.execute(EVENT_SOURCES.insert(), [{"event_id": "evt-1", "doc_id": d, "meeting_idx": 0} for d in "ab"])
    engine.dispose()
    with Store.open(url) as s:
        with s.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()
            rows = conn.execute(sa.select(EVENTS.c.event_id, EVENTS.c.date, EVENTS.c.location, EVENTS.c.n_sources,
                                          EVENTS.c.participants_text, EVENTS.c.sort_rank)
                                .order_by(EVENTS.c.event_id)).all()
        assert [tuple(r)[:5] for r in rows] == [("evt-0", None, None, 0, ""),
                                                ("evt-1", date(2024, 3, 4), "Lisbon", 2, "Ana Alpha; Bo Beta")]
        assert rows[1].sort_rank < rows[0].sort_rank  # dated first, undated last
        assert s.load_events()["evt-1"]["location"] == "Lisbon"  # data kept as it was
        listed = {e["event_id"]: e for e in Q.list_events(s)[0]}  # summaries backfilled by 0003
        assert listed["evt-1"] == {"event_id": "evt-1", "date": "2024-03-04", "participants": ["Ana Alpha", "Bo Beta"],
                                   "attendees": [], "location": "Lisbon", "conflicts": [], "date_agreed_by": 0,
                                   "location_agreed_by": 0, "n_sources": 2, "copies": 0, "date_source": None,
                                   "disputed": False}
        assert listed["evt-0"]["participants"] == [] and listed["evt-0"]["n_sources"] == 0
        assert s.doc_ids() == ["a", "b"]
        assert _ids(s, person="ana alpha") == _ids(s, country="esp") == _ids(s, type="agree") == ["evt-1"]
        assert _ids(s, place="LISBON") == _ids(s, q="agree on every") == ["evt-1"]
        assert Q.search_quotes(s, q="everything")[1] == 2  # the quotes written before the upgrade
        people = {p["name"]: (p["documents"], p["quotes"]) for p in Q.list_people(s)[0]}
        assert people == {"Ana Alpha": (2, 2), "Bo Beta": (2, 0)}


def _write_0001(conn: sa.Connection, results: list[DocumentResult]) -> None:
    now = datetime.now(UTC)
    for r in results:
        conn.execute(DOCS.insert(), convert.document_row(r.clean, now, r, "test"))
        for i, p in enumerate(r.analysis.people):
            pid = conn.execute(sa.select(PEOPLE.c.id).where(PEOPLE.c.name == p.name)).scalar()
            if pid is None:
                pid = conn.execute(PEOPLE.insert().values(name=p.name, country=p.country).returning(PEOPLE.c.id)).scalar()
            conn.execute(DOC_PEOPLE.insert().values(doc_id=r.doc_id, idx=i, person_id=pid, country=p.country))
        conn.execute(MEETINGS.insert(), [{k: v for k, v in convert.meeting_row(r.doc_id, i, m).items() if k != "participants_key"}
                                         for i, m in enumerate(r.analysis.meetings)])  # (0007's key)
        conn.execute(QUOTES.insert(), [convert.quote_row(r.doc_id, i, q) for i, q in enumerate(r.analysis.quotes)])
        conn.execute(STATEMENTS.insert(),  # 0001's columns: no entities, no contexts (0006), no sentence (0011)
                     [{k: v for k, v in convert.statement_row(r.doc_id, i, x).items()
                       if k not in ("actors", "recipients", "context", "sentence")}
                      for i, x in enumerate(r.analysis.statements)])


def _ids(store: Store, **kw: object) -> list[str]:
    return [e["event_id"] for e in Q.list_events(store, Q.EventFilter(**kw))[0]]  # type: ignore[arg-type]


def test_full_text_search_finds_a_quote_by_a_word(store: Store) -> None:
    store.save_results([make_result("a")])
    store.replace_events([("evt-1", {"event_id": "evt-1", "participants": ["Ana Alpha", "Bo Beta"],
                                     "date": "2024-03-04", "location": "Lisbon"})], [("evt-1", "a", 0)])
    assert [q["text"] for q in Q.search_quotes(store, q="EVERYTHING")[0]] == ["We agree on everything,"]
    assert Q.search_quotes(store, q="agree on")[1] == 1  # a phrase, the last word a prefix
    assert Q.search_quotes(store, q="everythin")[1] == 1
    assert Q.search_quotes(store, q="verything")[1] == 0  # inside a word: not a word match
    assert Q.search_quotes(store, q="%")[1] == 0
    assert _ids(store, q="everything") == _ids(store, q="alpha meets") == _ids(store, q="bo beta") == ["evt-1"]
    assert _ids(store, q="nowhere") == []
    r = make_result("a")
    quote = dataclasses.replace(r.analysis.quotes[0], text="We agree on nothing,")
    store.save_results([dataclasses.replace(r, analysis=dataclasses.replace(r.analysis, quotes=(quote,)))])
    assert Q.search_quotes(store, q="everything")[1] == 0  # the quotes index follows rewrites
    assert Q.search_quotes(store, q="nothing")[1] == 1


def _quoting(doc_id: str, words: str) -> DocumentResult:
    """make_result(doc_id) (a text of its own) whose one quote says ``words``."""
    r = make_result(doc_id, TEXT + f" ({doc_id})")
    quote = dataclasses.replace(r.analysis.quotes[0], text=words)
    return dataclasses.replace(r, analysis=dataclasses.replace(r.analysis, quotes=(quote,)))


def _save_with_events(store: Store, results: list[DocumentResult]) -> None:
    store.save_results(results)
    events = store.load_events()
    events.update({f"evt-{r.doc_id}": {"event_id": f"evt-{r.doc_id}", "participants": ["Ana Alpha", "Bo Beta"],
                                       "date": "2024-03-04"} for r in results})
    store.replace_events(list(events.items()), [(e, e[4:], 0) for e in events])


def test_prefix_search_reads_the_words_it_covers_and_follows_writes(store: Store,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _save_with_events(store, [_quoting("a", "Port talks,"), _quoting("b", "Ports open,"), _quoting("c", "Portside deal,"),
                              _quoting("d", "Sport first,"), _quoting("z", "Zoë decides,")])
    quotes = lambda q: sorted(x["doc_id"] for x in Q.search_quotes(store, q=q)[0])  # noqa: E731
    events = lambda q: sorted(e[4:] for e in _ids(store, q=q))  # noqa: E731
    for search in (quotes, events):
        assert search("port") == search("PORT") == ["a", "b", "c"]  # words starting so, not "sport"
        assert search("ports op") == ["b"]  # a phrase: earlier words whole, the last one a prefix
        assert search("portx") == search("zz") == []
        assert search("zoë") == search("ZOË") == ["z"]
        if store.dialect == "sqlite":  # FTS5's tokenizer also drops diacritics; PostgreSQL's 'simple' does not
            assert search("zoe") == ["z"]
    assert sorted(e[4:] for e in _ids(store, q="port", person="ana alpha")) == ["a", "b", "c"]  # with a filter too
    monkeypatch.setattr(Q, "PREFIX_WORDS", 1)  # "po" covers 3 words: the plain prefix query
    assert quotes("po") == events("po") == ["a", "b", "c"]
    counts = (Q.list_events(store)[1], Q.list_events(store, Q.EventFilter(person="ana alpha"))[1],
              Q.search_quotes(store, speaker="ana alpha")[1], Q.list_documents(store)[1])
    assert counts == (5, 5, 5, 5)
    _save_with_events(store, [_quoting("e", "Portal closed,")])  # a new word: the covered words are looked up again
    assert quotes("port") == events("port") == ["a", "b", "c", "e"]
    assert (Q.list_events(store)[1], Q.list_events(store, Q.EventFilter(person="ana alpha"))[1],  # counts follow
            Q.search_quotes(store, speaker="ana alpha")[1], Q.list_documents(store)[1]) == (6, 6, 6, 6)


def test_memo_keeps_a_value_until_the_store_changes(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def compute(key: str) -> int:
        calls.append(key)
        return len(calls)

    first = store.memo("k", lambda: compute("k"))
    again = store.memo("k", lambda: compute("k"))
    if store.dialect == "postgresql":  # a change cannot be told cheaply: never kept
        assert (first, again) == (1, 2)
        return
    assert (first, again, calls) == (1, 1, ["k"])
    store.add_documents([make_clean("w", "A text.")])
    assert store.memo("k", lambda: compute("k")) == 2  # written through this object
    if store.url.database:  # a file: a write from another connection (any process) counts too
        with Store.open(str(store.url)) as other:
            other.add_documents([make_clean("w2", "Another text.")])
        assert store.memo("k", lambda: compute("k")) == 3
    monkeypatch.setattr("communique.store.store.MEMO_SIZE", 2)
    calls.clear()
    for key in ("x", "y", "x", "z", "x", "y"):  # the least recently used goes first
        store.memo(key, lambda key=key: compute(key))  # type: ignore[misc]
    assert calls == ["x", "y", "z", "y"]


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_downgrade_to_0001_and_upgrade_again(request: pytest.FixtureRequest, tmp_path: Path, backend: str) -> None:
    from alembic import command

    url = _store_url(request, tmp_path, backend)
    with Store.open(url) as s:
        s.save_results([make_result("a")])
        s.replace_events([("evt-1", {"event_id": "evt-1", "participants": ["Ana Alpha", "Bo Beta"],
                                     "date": "2024-03-04"})], [("evt-1", "a", 0)])
        cfg = _alembic_config()
        with s.engine.connect().execution_options(communique_write=True) as conn, conn.begin():
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0001_initial")
        with s.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == "0001_initial"
            assert "sort_rank" not in {c["name"] for c in sa.inspect(conn).get_columns("events")}
            assert not sa.inspect(conn).has_table("event_terms")
        assert s.load_events() == {"evt-1": {"event_id": "evt-1", "participants": ["Ana Alpha", "Bo Beta"],
                                             "date": "2024-03-04"}}
    with Store.open(url) as s:  # upgraded again: backfilled from what 0001 kept
        assert _ids(s, person="bo beta") == _ids(s, q="everything") == ["evt-1"]
        assert Q.search_quotes(s, q="everything")[1] == 1


# --- what communique watch keeps: the fetches table --------------------------------------------------------------------

@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_fetch_states_round_trip_and_upsert(request: pytest.FixtureRequest, tmp_path: Path, backend: str) -> None:
    url = (str(request.getfixturevalue("pg_server").new_database()) if backend == "postgresql"
           else f"sqlite:///{tmp_path / 's.db'}")
    t0 = datetime(2024, 5, 7, 10, 0, tzinfo=UTC)
    long_url = "http://x.test/" + "a" * 3000  # longer than any indexable key: rows are keyed by its hash
    with Store.open(url) as store:
        store.save_fetch_states([
            FetchState("http://x.test/rss.xml", "feed", "done", etag='"v1"', last_modified="Mon, 06 May 2024 09:00:00 GMT", status=200, ok_at=t0),
            FetchState(long_url, "page", feed="http://x.test/rss.xml", entry_updated="Tue, 07 May 2024 10:00:00 GMT", discovered_at=t0),
            FetchState("http://x.test/b.html", "page", "failed", attempts=2, error="HTTP 500 after 3 tries",
                       discovered_at=t0 + timedelta(seconds=1)),
            FetchState("http://x.test/c.html", "page", "done", doc_id="c", discovered_at=t0),
            FetchState("http://x.test/s1.xml", "feed", feed="http://x.test/index.xml", discovered_at=t0),
        ])
        got = store.fetch_states(["http://x.test/rss.xml", long_url, "http://x.test/none"])
        assert set(got) == {"http://x.test/rss.xml", long_url}
        assert got["http://x.test/rss.xml"].etag == '"v1"' and got["http://x.test/rss.xml"].ok_at == t0
        assert [s.url for s in store.due_pages()] == [long_url, "http://x.test/b.html"]  # oldest first
        store.save_fetch_states([dataclasses.replace(got[long_url], state="done", doc_id="d1", discovered_at=t0 + timedelta(days=9))])
        again = store.fetch_states([long_url])[long_url]
        assert (again.state, again.doc_id, again.discovered_at) == ("done", "d1", t0)  # found once: its time kept
        assert [s.url for s in store.fetch_states_listed_by("http://x.test/index.xml")] == ["http://x.test/s1.xml"]
        assert store.fetch_counts() == {"feed:done": 1, "feed:pending": 1, "page:done": 2, "page:failed": 1}


def test_merge_pending_keeps_stored_documents_only_and_clears(store: Store) -> None:
    store.save_results([make_result("a")])
    store.note_merge_pending(["a", "never-stored", "a"])  # a refused copy's id is no error, nothing to merge
    assert store.merge_pending() == {"a"}
    store.note_merge_pending(["a"])
    store.clear_merge_pending(["a"])
    assert store.merge_pending() == set()
