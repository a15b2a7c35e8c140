"""Exports: the seed store to JSONL, CSV, Parquet and PLOVER JSON, read back with pandas, polars and DuckDB."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from communique.clean import clean
from communique.cli import cli
from communique.errors import OptionsError, PloverRecordError
from communique.export import (
    RECORD_TABLES,
    SCHEMAS,
    TABLES,
    ExportError,
    document_rows,
    export_store,
    iter_record_rows,
    meeting_for,
    output_paths,
    resolve_tables,
    write_parquet,
    write_plover,
)
from communique.options import Options
from communique.pipeline import Pipeline, run_into_store
from communique.records import (
    Analysis,
    DocumentResult,
    Entity,
    Meeting,
    Quality,
    RawDocument,
    Span,
    Statement,
)
from communique.store import Store
from communique.store.convert import StoredDocument

SPUN_SEED = "002_2c749cdfbc01d25b"  # the gold marks this seed as a spun copy


def _duck(sql: str) -> list[tuple[Any, ...]]:
    return duckdb.connect().execute(sql).fetchall()


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path, nlp: Any) -> tuple[str, list[DocumentResult]]:
    db = f"sqlite:///{tmp_path_factory.mktemp('export') / 'seeds.db'}"
    opts = Options(db=db, progress="never")
    results, failures = run_into_store([seeds_dir], opts, pipeline=Pipeline(opts, nlp=nlp))
    assert failures == []
    return db, results


@pytest.fixture(scope="module")
def expected(seed_store: tuple[str, list[DocumentResult]]) -> dict[str, Any]:
    """What the exports must contain, from the records the pipeline returned."""
    _db, results = seed_store
    originals = [r for r in results if not r.near_duplicate_of]  # a copy's quotes and statements repeat its original's
    statements = [(r.doc_id, i, s) for r in originals for i, s in enumerate(r.analysis.statements)]
    event_of = {(r.doc_id, frozenset(m.participants)): m.event_id for r in results for m in r.analysis.meetings}
    consult = sorted(
        (d, s.source, s.target, event_of.get((d, frozenset((s.source, s.target)))))
        for d, _i, s in statements if s.type == "CONSULT"
    )
    with Store.open(seed_store[0]) as store:
        events = store.load_events()
    return {
        "doc_ids": sorted(r.doc_id for r in results),
        "spun": {r.doc_id: r.quality.spun for r in results},
        "statements": len(statements),
        "consult": consult,
        "quotes": sum(len(r.analysis.quotes) for r in originals),
        "copy_rows": {"quotes": sum(len(r.analysis.quotes) for r in results if r.near_duplicate_of),
                      "statements": sum(len(r.analysis.statements) for r in results if r.near_duplicate_of)},
        "meetings": sum(len(r.analysis.meetings) for r in results),
        "people": sum(len(r.analysis.people) for r in results),
        "events": sorted(events),
    }


@pytest.fixture(scope="module")
def exported(seed_store: tuple[str, list[DocumentResult]], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("out")
    with Store.open(seed_store[0]) as store:
        export_store(store, "jsonl", out / "docs.jsonl")
        export_store(store, "jsonl", out / "events.jsonl", ["events"])
        export_store(store, "csv", out / "csv", ["all"])
        export_store(store, "parquet", out / "pq", ["all"])
        export_store(store, "plover", out / "plover.jsonl")
    return {"out": out}


SEED_ORIGINAL = "003_dacb1954d6c9fa71"  # the report the spun seed copies


def test_seed_facts_hold(expected: dict[str, Any]) -> None:
    assert len(expected["doc_ids"]) == 5
    assert expected["spun"][SPUN_SEED] is True
    assert expected["consult"], "the seeds report meetings, coded as CONSULT statements"
    assert any(e is not None for *_x, e in expected["consult"]), "a CONSULT statement links to its meeting's event"
    assert expected["events"]


# --- JSONL --------------------------------------------------------------------------------------


def test_jsonl_documents_follow_the_contract(exported: dict[str, Path], expected: dict[str, Any]) -> None:
    path = exported["out"] / "docs.jsonl"
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    assert [d["doc_id"] for d in lines] == expected["doc_ids"]
    for d in lines:
        assert {"doc_id", "source", "title", "publication_date", "language", "text", "quality",
                "near_duplicate_of", "people", "meetings", "quotes", "statements"} <= set(d)
        assert d["quality"]["spun"] is expected["spun"][d["doc_id"]]
    pdf = pd.read_json(path, lines=True)
    assert len(pdf) == 5 and pdf.loc[pdf.doc_id == SPUN_SEED, "near_duplicate_of"].notna().all()
    pldf = pl.read_ndjson(path)
    assert pldf.height == 5
    # the per-document contract keeps each report's own analysis, copies included
    assert pldf.select(pl.col("statements").list.len().sum()).item() == expected["statements"] + expected["copy_rows"]["statements"]
    n = _duck(f"SELECT count(*) FROM read_json_auto('{path}') WHERE quality.spun")
    assert n == [(sum(expected["spun"].values()),)]


def test_jsonl_events(exported: dict[str, Path], expected: dict[str, Any]) -> None:
    path = exported["out"] / "events.jsonl"
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    assert [r["event_id"] for r in rows] == expected["events"]
    assert all({"participants", "date", "sources", "fields", "conflicts"} <= set(r) for r in rows)
    assert pl.read_ndjson(path)["event_id"].to_list() == expected["events"]
    assert pd.read_json(path, lines=True)["event_id"].tolist() == expected["events"]


# --- CSV ----------------------------------------------------------------------------------------


def test_csv_files_have_one_header_and_row_per_record(exported: dict[str, Path], expected: dict[str, Any]) -> None:
    d = exported["out"] / "csv"
    assert sorted(p.name for p in d.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    for table in TABLES:
        want = expected[table] if table in ("statements", "quotes", "meetings", "people") else None
        df = pd.read_csv(d / f"{table}.csv", keep_default_na=False)
        assert list(df.columns) == SCHEMAS[table].names
        if want is not None:
            assert len(df) == want, table
    assert len(pd.read_csv(d / "events.csv")) == len(expected["events"])
    assert len(pd.read_csv(d / "documents.csv")) == 5


def test_csv_statements_with_pandas_polars_duckdb(exported: dict[str, Path], expected: dict[str, Any]) -> None:
    path = exported["out"] / "csv" / "statements.csv"
    pdf = pd.read_csv(path)
    assert len(pdf) == expected["statements"]
    consult = pdf[pdf.type == "CONSULT"].sort_values(["doc_id", "source", "target"])
    assert list(consult[["doc_id", "source", "target", "event_id"]].itertuples(index=False, name=None)) == expected["consult"]
    assert pdf.spun.dtype == bool
    assert set(pdf.loc[pdf.spun, "doc_id"]) <= {d for d, s in expected["spun"].items() if s}

    pldf = pl.read_csv(path, try_parse_dates=True)
    assert pldf.height == expected["statements"]
    assert pldf.schema["spun"] == pl.Boolean
    assert pldf.schema["evidence_start"] == pl.Int64
    assert (pldf["evidence_end"] > pldf["evidence_start"]).all()
    got = pldf.filter(pl.col("type") == "CONSULT").select("doc_id", "source", "target", "event_id").sort("doc_id", "source", "target")
    assert got.rows() == expected["consult"]

    rows = _duck(f"SELECT doc_id, source, target, event_id FROM read_csv_auto('{path}') "
                 "WHERE type = 'CONSULT' ORDER BY doc_id, source, target")
    assert rows == expected["consult"]
    assert _duck(f"SELECT typeof(spun) FROM read_csv_auto('{path}') LIMIT 1") == [("BOOLEAN",)]


def test_csv_lists_are_json(exported: dict[str, Path]) -> None:
    df = pd.read_csv(exported["out"] / "csv" / "meetings.csv")
    for cell in df.participants:
        names = json.loads(cell)
        assert isinstance(names, list) and len(names) >= 1


# --- Parquet ------------------------------------------------------------------------------------


def test_parquet_schema_and_counts(exported: dict[str, Path], expected: dict[str, Any]) -> None:
    d = exported["out"] / "pq"
    for table in TABLES:
        t = pq.read_table(d / f"{table}.parquet")
        assert t.schema.equals(SCHEMAS[table], check_metadata=False), table
    assert pq.read_table(d / "statements.parquet").num_rows == expected["statements"]
    assert pq.read_table(d / "quotes.parquet").num_rows == expected["quotes"]
    assert pq.read_table(d / "events.parquet").column("event_id").to_pylist() == expected["events"]


def test_parquet_with_pandas_polars_duckdb(exported: dict[str, Path], expected: dict[str, Any]) -> None:
    d = exported["out"] / "pq"
    pdf = pd.read_parquet(d / "statements.parquet")
    consult = pdf[pdf.type == "CONSULT"].sort_values(["doc_id", "source", "target"])
    assert list(consult[["doc_id", "source", "target", "event_id"]].itertuples(index=False, name=None)) == expected["consult"]
    # every statement's PLOVER entities and contexts, as lists (a meeting's principals are its actors)
    stt = pq.read_table(d / "statements.parquet").to_pylist()
    assert all(isinstance(r["context"], list) and r["actors"] for r in stt)
    assert all({a["person"] for a in r["actors"]} >= {r["source"]} for r in stt if r["type"] == "CONSULT")
    docs = pd.read_parquet(d / "documents.parquet")
    assert dict(zip(docs.doc_id, docs.spun, strict=True)) == expected["spun"]

    meetings = pl.read_parquet(d / "meetings.parquet")
    assert meetings.height == expected["meetings"]
    assert meetings.schema["participants"] == pl.List(pl.String)
    assert meetings.schema["date"] == pl.Date
    events = pl.read_parquet(d / "events.parquet")
    assert sorted(set(meetings["event_id"].drop_nulls().to_list())) == events["event_id"].to_list()

    joined = _duck(
        f"SELECT s.doc_id, s.source, s.target, e.event_id FROM '{d / 'statements.parquet'}' s "
        f"JOIN '{d / 'events.parquet'}' e USING (event_id) WHERE s.type = 'CONSULT' ORDER BY 1, 2, 3")
    assert joined == expected["consult"]
    quotes = _duck(f"SELECT count(*) FROM '{d / 'quotes.parquet'}' WHERE spun AND speakers_words")
    assert quotes == [(0,)], "a spun copy's quotes are never the speaker's words"
    people = _duck(f"SELECT count(*), sum(len(mentions)) > 0 FROM '{d / 'people.parquet'}'")
    assert people == [(expected["people"], True)]


def test_parquet_streams_in_row_groups(tmp_path: Path) -> None:
    rows = [{"event_id": f"evt-{i:03d}", "participants": ["A", "B"], "attendees": [], "sources": 1,
             "doc_ids": ["d"], "conflicts": [], "data": "{}"} for i in range(25)]
    n = write_parquet(iter(rows), tmp_path / "e.parquet", SCHEMAS["events"], batch_size=10)
    f = pq.ParquetFile(tmp_path / "e.parquet")
    assert (n, f.metadata.num_rows, f.num_row_groups) == (25, 25, 3)
    assert f.read().column("date").null_count == 25


def test_parquet_of_an_empty_store(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'e.db'}") as store:
        report = export_store(store, "parquet", tmp_path / "s.parquet")
    assert report.rows == {"statements": 0}
    assert pq.read_table(tmp_path / "s.parquet").schema.equals(SCHEMAS["statements"], check_metadata=False)


# --- PLOVER -------------------------------------------------------------------------------------

def test_plover_records_follow_the_manual(seed_store: tuple[str, list[DocumentResult]], exported: dict[str, Path],
                                         expected: dict[str, Any]) -> None:
    """JSON Lines; every record valid against the schema written from the manual; evidence offsets
    into the raw text; consultations of a meeting carry its event and its place in GeoNames."""
    import jsonschema

    from communique.plover import schema

    lines = (exported["out"] / "plover.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == expected["statements"]
    assert len({r["id"] for r in records}) == len(records)
    validator = jsonschema.Draft202012Validator(schema())
    texts = {r.doc_id: r.clean.raw.text for r in seed_store[1]}
    for r in records:
        errors = [e.message for e in validator.iter_errors(r)]
        assert not errors, (r["id"], errors)
        ti = r["text_info"]
        assert " ".join(texts[r["cite_info"]["citation"]][ti["start"]:ti["end"]].split()) == r["text"] == r["event_text"][0]
        assert r["quality"]["spun"] is expected["spun"][r["cite_info"]["citation"]]
        assert r["quality"]["speakers_words"] is not r["quality"]["spun"]
        assert r["source"] == [{"actorText": a["entity_text"], "code": a["code"], "sector": a["sector"]} for a in r["actor"]]
    consult = [r for r in records if r["event"] == ["CONSULT"]]
    assert consult and all(r["event_id"] for r in consult)  # every seed consultation is a stored meeting's
    for r in consult:  # a visit: the visitor acts, the host receives; else every principal acts, no recipient
        assert (r["mode"] == ["visit"]) == bool(r["recipient"])
        assert all(e["entity_text"] and len(e["entity_text"]) < 80 for e in r["actor"] + r["recipient"])  # a name, not a sentence
    placed = [r for r in consult if r["event_loc"]]
    assert placed and all(r["event_loc"]["resolved_place"] == "Tehran" and r["event_loc"]["country_code"] == "IRN"
                          and r["event_loc"]["geonameid"] == 112931 for r in placed)
    assert all((r["date_source"] == "meeting") == (r["date"] is not None and r["event_id"] is not None
                                                   and r["date_source"] != "publication") for r in consult)


CORPUS_ARTICLES = Path(__file__).resolve().parent / "corpus" / "articles"


def test_plover_records_of_the_test_corpus_are_all_valid(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> None:
    """Every record exported from ``tests/corpus/articles`` (14 reports, copies included) is valid
    against the whole schema, not only the seeds' (the corpus has a Kurdistan Region actor: IRQ)."""
    import jsonschema

    from communique.plover import schema

    d = tmp_path_factory.mktemp("corpus")
    opts = Options(db=f"sqlite:///{d / 'corpus.db'}", progress="never")
    _results, failures = run_into_store([CORPUS_ARTICLES], opts, pipeline=Pipeline(opts, nlp=nlp))
    assert failures == []
    with Store.open(opts.db) as store:
        export_store(store, "plover", d / "corpus.plover.jsonl", with_copies=True)
    records = [json.loads(x) for x in (d / "corpus.plover.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len({r["cite_info"]["citation"] for r in records}) >= 12
    validator = jsonschema.Draft202012Validator(schema())
    errors = {r["id"]: [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(r)] for r in records}
    assert not {k: v for k, v in errors.items() if v}
    assert all(isinstance(r["text_info"]["sequence"], int) for r in records)  # a fresh store keeps every sentence
    kurdish = [r for r in records if r["cite_info"]["citation"] == "c10_regional_barzani_tehran"]
    assert kurdish and "IRQ" in _codes(kurdish) and not any("-" in str(c) for c in _codes(kurdish))


ENTITY = {"code": "IRN", "sector": "GOV", "entity_text": "Tehran"}
GOOD_RECORD: dict[str, Any] = {
    "id": "d-s0", "date": "2024-05-01", "date_source": "publication", "event": ["ACCUSE"], "quad_code": 3,
    "mode": ["disapprove"], "context": ["negation"], "actor": [ENTITY], "recipient": [],
    "source": [{"actorText": "Tehran", "code": "IRN", "sector": "GOV"}], "target": [], "event_loc": None,
    "event_text": ["Tehran criticised the vote."], "text": "Tehran criticised the vote.",
    "text_info": {"sequence": 0, "start": 0, "end": 27},
    "cite_info": {"corpus": "communique", "citation": "d", "url": None, "title": None, "language": "en",
                  "publication": None, "coder": "communique 0.1.0", "codebook": "plover", "version": "0.1.0"},
    "language": "en", "publication": None, "coder": "communique 0.1.0", "version": "0.1.0",
    "coded_date": "2026-12-06", "dateCoded": "2026-12-06"}
# what the manual does not allow, each refused by the schema and by the writer's own check
BAD_CHANGES: list[dict[str, Any]] = [
    {"mode": ["meeting"]},  # not a mode of the manual
    {"mode": ["visit"]},  # a CONSULT mode on an ACCUSE
    {"event": ["AGREE"], "quad_code": 1, "mode": ["visit"]},  # AGREE has no modes
    {"event": ["DEMAND"]},  # a CAMEO-era name
    {"quad_code": 4},  # ACCUSE is verbal conflict (3)
    {"date": None},  # without date_missing
    {"actor": []},  # the manual requires an actor
    {"context": ["meeting"]},
    {"text": "Tehran criticised\nthe vote."},  # no line breaks in text fields
    {"text": "Tehran criticised the vote.\n"},  # a trailing one neither ('$' matches before it)
    {"event_text": ["Tehran criticised the vote.\r\n"]},
    {"actor": [{**ENTITY, "office": "foreign\nminister"}]},  # nor in any other string
    {"source": [{"actorText": "Tehran\n", "code": "IRN", "sector": "GOV"}]},
    {"quality": {"near_duplicate_of": "d\n"}},  # an extension's
    {"mode": ["disapprove\n"]},
    {"actor": [{**ENTITY, "code": "IRQ-KRD"}]},  # a region: its state's code
    {"recipient": [{**ENTITY, "code": "XKX"}]},  # Kosovo is KOS
    {"source": [{"actorText": "San Juan", "code": "PRI", "sector": "GOV"}]},  # a dependency: its state's
    {"target": [{"actorText": "Tehran", "code": "IRN", "sector": "MINISTRY"}]},
]


def test_plover_schema_refuses_what_the_manual_does_not_allow() -> None:
    import jsonschema

    from communique.plover import check_record, schema

    validator = jsonschema.Draft202012Validator(schema())
    assert validator.is_valid(GOOD_RECORD)
    check_record(GOOD_RECORD)
    for change in BAD_CHANGES:
        assert not validator.is_valid({**GOOD_RECORD, **change}), change
        with pytest.raises(PloverRecordError):
            check_record({**GOOD_RECORD, **change})
    for fine in ({"date": None, "date_missing": "the report has no publication date"},
                 {"actor": [{**ENTITY, "office": None, "identifier_text": "Tehran"}], "quality": {"spun": False}},
                 {"event": ["CONSULT"], "quad_code": 1, "mode": ["visit"]},
                 {"actor": [{**ENTITY, "code": "KOS"}, {**ENTITY, "code": "UNO"}, {**ENTITY, "code": None, "sector": None}]},
                 {"text_info": {"sequence": None, "start": 0, "end": 27}}):
        assert validator.is_valid({**GOOD_RECORD, **fine}), fine
        check_record({**GOOD_RECORD, **fine})


def test_plover_writer_never_writes_a_record_that_breaks_the_format() -> None:
    """The export stops at the first bad record, with an error naming its document, the record
    and the field; the bad record is not written."""
    second = {**GOOD_RECORD, "id": "d-s1", "actor": [{**ENTITY, "code": "IRQ-KRD"}]}
    out = io.StringIO()
    with pytest.raises(PloverRecordError) as err:
        write_plover([GOOD_RECORD, second, {**GOOD_RECORD, "id": "d-s2"}], out)
    assert str(err.value) == "d: PLOVER record d-s1: actor[0].code: 'IRQ-KRD' is not one of the manual's codes"
    assert [json.loads(x)["id"] for x in out.getvalue().splitlines()] == ["d-s0"]
    with pytest.raises(PloverRecordError, match=r"^d: PLOVER record d-s0: text: 'one\\nline' holds a line break$"):
        write_plover([{**GOOD_RECORD, "text": "one\nline"}], io.StringIO())
    with pytest.raises(PloverRecordError, match=r"^d: PLOVER record d-s0: mode: \['visit'\] is not a list of AGREE's modes \(it has none\)$"):
        write_plover([{**GOOD_RECORD, "event": ["AGREE"], "quad_code": 1, "mode": ["visit"]}], io.StringIO())


# small reports of our own, one kind of entity code each (the manual's "Country names")
OWN_REPORTS = {
    "kurdistan": "The Kurdistan Region's president met the Iranian foreign minister in Tehran on Sunday.\n",
    "kosovo": "Kosovo's prime minister met the Albanian foreign minister in Pristina on Monday.\n",
    "greenland": "Greenland's premier met the Danish prime minister in Copenhagen on Monday.\n",
    "un": "The United Nations condemned the shelling of Kharkiv by Russian forces.\n",
    "eu": "The European Union condemned the arrest of the opposition leader in Tbilisi.\n",
    "visit": "Chile's foreign minister will pay an official visit to Peru next week.\n",
    # two sentences, the second coding two statements
    "sentences": "Brazil praised the accord on Monday. Japan condemned the missile launch and demanded that "
                 "North Korea stop its tests.\n",
}


@pytest.fixture(scope="module")
def own_plover(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> dict[str, list[dict[str, Any]]]:
    """The PLOVER records of ``OWN_REPORTS``, by report."""
    d = tmp_path_factory.mktemp("own")
    for name, text in OWN_REPORTS.items():
        (d / "in").mkdir(exist_ok=True)
        (d / "in" / f"{name}.txt").write_text(text, encoding="utf-8")
    opts = Options(db=f"sqlite:///{d / 'own.db'}", progress="never")
    _results, failures = run_into_store([d / "in"], opts, pipeline=Pipeline(opts, nlp=nlp))
    assert failures == []
    with Store.open(opts.db) as store:
        export_store(store, "plover", d / "own.plover.jsonl")
    out: dict[str, list[dict[str, Any]]] = {}
    for line in (d / "own.plover.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        out.setdefault(r["cite_info"]["citation"], []).append(r)
    return out


def _codes(records: list[dict[str, Any]], sides: tuple[str, str] = ("actor", "recipient")) -> set[str | None]:
    return {e["code"] for r in records for side in sides for e in r[side]}


def test_plover_entity_codes_are_the_manuals(own_plover: dict[str, list[dict[str, Any]]]) -> None:
    """A region is written as its state, a dependency as its controlling state, Kosovo KOS, the
    UN UNO and the EU EUR; the gold standard's source/target carry the same codes."""
    assert set(own_plover) == set(OWN_REPORTS)
    assert _codes(own_plover["kurdistan"]) == {"IRQ", "IRN"}  # not IRQ-KRD
    assert _codes(own_plover["kosovo"]) == {"KOS", "ALB"}  # not XKX
    assert _codes(own_plover["greenland"]) == {"DNK"}  # not GRL
    assert "UNO" in _codes(own_plover["un"]) and "IGO" not in _codes(own_plover["un"])
    assert "EUR" in _codes(own_plover["eu"]) and "IGO" not in _codes(own_plover["eu"])
    for records in own_plover.values():
        assert _codes(records, ("source", "target")) == _codes(records)
    from communique.plover import geonames_place

    # a place's country code is written as the actors' are ("to match the actor/recipient countries")
    assert [(p["resolved_place"], p["country_code"]) for n in ("Pristina", "Nuuk") if (p := geonames_place(n))] == [
        ("Pristina", "KOS"), ("Nuuk", "DNK")]


def test_plover_mode_of_a_retyped_statement_is_null(own_plover: dict[str, list[dict[str, Any]]]) -> None:
    """A visit announced is AGREE (the manual's intent rule), which has no modes."""
    (r,) = [r for r in own_plover["visit"] if r["event"] == ["AGREE"]]
    assert r["mode"] is None and _codes([r]) == {"CHL", "PER"}


def test_plover_writer_drops_a_mode_its_type_does_not_have() -> None:
    """A statement stored before modes were checked (AGREE with "visit") is written with no mode."""
    from communique.plover import statement_record

    text = "Chile will send a minister to Peru.\n"
    ev = Span(text.strip(), 0, len(text.strip()))
    agree = Statement("CHL", "AGREE", "PER", ev, mode="visit", actors=(Entity(Span("Chile", 0, 5), "CHL", "GOV"),),
                      recipients=(Entity(Span("Peru", 30, 34), "PER", "GOV"),))
    record = statement_record(_stored(text, (agree,)), 0, agree, None)
    assert record["event"] == ["AGREE"] and record["mode"] is None


def test_plover_writer_leaves_no_line_break_in_any_string() -> None:
    """Every string of a record is one line without edge spaces, the stored names and titles too."""
    from communique.plover import statement_record

    text = "Mr Koto, Enga\ngovernor, criticised Fiji.\n"
    ev = Span("Mr Koto, Enga\ngovernor, criticised Fiji.", 0, 40)
    actor = Entity(Span("Mr Koto, Enga\ngovernor", 0, 22), "PNG", "GOV", "Koto\nEnga governor")
    s = Statement("Koto\nEnga governor", "ACCUSE", "FJI", ev, mode="disapprove", actors=(actor,),
                  recipients=(Entity(Span("Fiji", 35, 39), "FJI"),))
    record = statement_record(_stored(text, (s,)), 0, s, None)
    strings = list(_strings(record))
    assert strings and not [x for x in strings if "\n" in x or "\r" in x or x != x.strip()]
    assert record["actor"][0]["identifier_text"] == "Koto Enga governor" and record["text"] == "Mr Koto, Enga governor, criticised Fiji."


def _strings(value: Any) -> Any:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_every_code_the_knowledge_base_gives_is_written_as_one_of_the_manuals() -> None:
    from communique.actors.kb import KnowledgeBase
    from communique.extraction.statements import PloverLexicon
    from communique.plover import entity_code, plover_codes, schema

    allowed = plover_codes().allowed
    assert set(schema()["$defs"]["code"]["enum"]) == allowed | {None}
    assert len(allowed) == 195 + 4 + 7  # states, the manual's four territories, its seven non-state codes
    kb_codes = set(KnowledgeBase.load().countries())
    assert {entity_code(c) for c in kb_codes} <= allowed
    assert {entity_code("IGO", name) for name in PloverLexicon.load().data["igos"]} == {"IGO", "UNO", "EUR"}
    assert (entity_code("IRQ-KRD"), entity_code("XKX"), entity_code("FRO"), entity_code("ESH"), entity_code(None)) == (
        "IRQ", "KOS", "DNK", "MAR", None)


def test_plover_sequence_is_the_sentences_and_a_file_has_no_publication(
        own_plover: dict[str, list[dict[str, Any]]]) -> None:
    """``text_info.sequence`` is the manual's "sequence number of sentence": two statements of one
    sentence share it. A local file names no publisher: ``publication`` is null, not its name."""
    records = sorted(own_plover["sentences"], key=lambda r: r["id"])
    assert [(r["event"][0], r["text_info"]["sequence"]) for r in records] == [("SUPPORT", 0), ("ACCUSE", 1), ("REQUEST", 1)]
    assert [r["id"] for r in records] == ["sentences-s0", "sentences-s1", "sentences-s2"]
    for r in (r for rs in own_plover.values() for r in rs):
        assert r["publication"] is None and r["cite_info"]["publication"] is None


def test_plover_coding_date_and_version_are_the_stored_extractions() -> None:
    from communique import package_version
    from communique.plover import statement_record

    text = "Japan criticised the launch.\n"
    s = Statement("JPN", "ACCUSE", None, Span("Japan criticised the launch.", 0, 28), actors=(Entity(Span("Japan", 0, 5), "JPN"),))
    r = statement_record(_stored(text, (s,), datetime(2026, 3, 9, 8, 30, tzinfo=UTC), "0.0.9",
                                 url="https://www.example.org/news/1"), 0, s, None)
    assert (r["coded_date"], r["dateCoded"], r["coder"], r["version"]) == ("2026-03-09", "2026-03-09", "communique 0.0.9", "0.0.9")
    assert (r["cite_info"]["coder"], r["cite_info"]["version"], r["publication"]) == ("communique 0.0.9", "0.0.9", "example.org")
    r = statement_record(_stored(text, (s,)), 0, s, None)  # not extracted: the export's day, the installed version
    assert (r["coded_date"], r["version"]) == (date.today().isoformat(), package_version())
    assert r["text_info"]["sequence"] is None  # a statement stored before sentences were kept


def _stored(text: str, statements: tuple[Statement, ...], extracted_at: datetime | None = None,
            extractor_version: str | None = None, url: str | None = None) -> StoredDocument:
    c = clean(RawDocument("d", "/in/d.txt", text, kind="txt", url=url))
    return StoredDocument(c, c.raw.content_hash, Quality(language="en"), Analysis(statements=statements), None, None,
                          datetime(2026, 12, 1, tzinfo=UTC), extracted_at, extractor_version)


def test_record_tables_read_straight_from_their_tables_give_the_same_rows(
        seed_store: tuple[str, list[DocumentResult]]) -> None:
    with Store.open(seed_store[0]) as store:
        for table in RECORD_TABLES:
            slow = [row for doc in store.iter_documents() for row in document_rows(doc, table)]
            assert list(iter_record_rows(store, table, page_size=2)) == slow, table
            assert slow, table


# --- tables, paths, errors ----------------------------------------------------------------------


def test_meeting_for() -> None:
    ev = Span("x", 0, 1)
    a = Meeting(participants=("A", "B"), event_id="evt-1")
    b = Meeting(participants=("A", "C"), event_id="evt-2")
    assert meeting_for(Statement("A", "CONSULT", "C", ev), [a, b]) is b
    assert meeting_for(Statement("B", "ACCUSE", "USA", ev), [a, b]) is a  # B's only meeting
    assert meeting_for(Statement("A", "ACCUSE", "USA", ev), [a, b]) is None  # two: ambiguous
    assert meeting_for(Statement(None, "SUPPORT", "IRN", ev), [a]) is None


def test_resolve_tables() -> None:
    assert resolve_tables("jsonl") == ("documents",)
    assert resolve_tables("csv") == ("statements",)
    assert resolve_tables("parquet", ["all"]) == TABLES
    assert resolve_tables("csv", ["quotes", "quotes", "events"]) == ("quotes", "events")
    with pytest.raises(OptionsError, match="unknown export format 'xml'; valid formats: jsonl, csv, parquet, plover"):
        resolve_tables("xml")
    with pytest.raises(OptionsError, match="unknown table 'votes'"):
        resolve_tables("csv", ["votes"])
    with pytest.raises(OptionsError, match="plover exports statements only"):
        resolve_tables("plover", ["quotes"])


def test_output_paths(tmp_path: Path) -> None:
    assert output_paths("csv", ["quotes"], None) == {"quotes": "-"}
    assert output_paths("csv", ["quotes"], tmp_path / "q.csv") == {"quotes": str(tmp_path / "q.csv")}
    with pytest.raises(ExportError, match="is a directory; one table is written to -o FILE"):
        output_paths("parquet", ["quotes"], tmp_path)  # -o is a folder only for several tables
    assert output_paths("csv", ["quotes", "events"], tmp_path / "new") == {
        "quotes": str(tmp_path / "new" / "quotes.csv"), "events": str(tmp_path / "new" / "events.csv")}
    with pytest.raises(OptionsError, match="parquet needs -o FILE"):
        output_paths("parquet", ["quotes"], None)
    with pytest.raises(OptionsError, match="2 tables need -o DIRECTORY"):
        output_paths("csv", ["quotes", "events"], None)
    (tmp_path / "f").write_text("x")
    with pytest.raises(ExportError, match="is a file; several tables need -o DIRECTORY"):
        output_paths("csv", ["quotes", "events"], tmp_path / "f")


# --- CLI ----------------------------------------------------------------------------------------


def test_cli_export_csv_to_stdout(seed_store: tuple[str, list[DocumentResult]], expected: dict[str, Any]) -> None:
    res = CliRunner().invoke(cli, ["export", "--format", "csv", "--what", "events", "--db", seed_store[0]])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0].startswith("event_id,date,location,participants")
    assert len(lines) == 1 + len(expected["events"])


def test_cli_export_parquet_dir(seed_store: tuple[str, list[DocumentResult]], tmp_path: Path, expected: dict[str, Any]) -> None:
    res = CliRunner().invoke(cli, ["export", "--format", "parquet", "--what", "quotes", "--what", "statements",
                                   "--db", seed_store[0], "-o", str(tmp_path / "p")])
    assert res.exit_code == 0, res.output
    assert f"parquet quotes: {expected['quotes']} rows -> {tmp_path / 'p' / 'quotes.parquet'}" in res.output
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == ["quotes.parquet", "statements.parquet"]


def test_cli_export_parquet_needs_output(seed_store: tuple[str, list[DocumentResult]]) -> None:
    res = CliRunner().invoke(cli, ["export", "--format", "parquet", "--db", seed_store[0]])
    assert res.exit_code == 3
    assert res.output == "error: parquet needs -o FILE (or a directory): it is not written to standard output\n"


def test_copies_are_exported_once_unless_asked(seed_store: tuple[str, list[DocumentResult]], expected: dict[str, Any],
                                              tmp_path: Path) -> None:
    assert expected["copy_rows"]["quotes"] > 0 and expected["copy_rows"]["statements"] > 0
    with Store.open(seed_store[0]) as store:
        export_store(store, "csv", tmp_path / "all", ["all"], with_copies=True)
        export_store(store, "csv", tmp_path / "once", ["all"])
    for table in ("quotes", "statements"):
        every = pd.read_csv(tmp_path / "all" / f"{table}.csv", keep_default_na=False)
        once = pd.read_csv(tmp_path / "once" / f"{table}.csv", keep_default_na=False)
        assert len(every) == len(once) + expected["copy_rows"][table]
        assert (every["copy_of"] == SEED_ORIGINAL).sum() == expected["copy_rows"][table] and (once["copy_of"] == "").all()
    events = pd.read_csv(tmp_path / "once" / "events.csv", keep_default_na=False)
    both = events[events["copies"] == 1]
    assert len(both) == 1 and both["independent_reports"].tolist() == [1] and both["sources"].tolist() == [2]
    statements = pd.read_csv(tmp_path / "once" / "statements.csv", keep_default_na=False)
    assert set(statements["date_source"]) <= {"meeting", "publication", ""}


def test_batch_parquet_has_the_schema_of_the_documents_export(seed_store: tuple[str, list[DocumentResult]],
                                                               seeds_dir: Path, nlp: Any, tmp_path: Path) -> None:
    from communique.distributed import run_batch

    opts = Options(progress="never", embeddings=False)
    report = run_batch([seeds_dir], tmp_path / "batch", engine="local", workers=1, fmt="parquet", opts=opts,
                       pipeline=Pipeline(opts, nlp=nlp))
    assert report.failures == [] and report.documents == 5
    res = CliRunner().invoke(cli, ["export", "--format", "parquet", "--what", "documents", "--db", seed_store[0],
                                   "-o", str(tmp_path / "documents.parquet")])
    assert res.exit_code == 0, res.output
    exported = pq.read_schema(tmp_path / "documents.parquet")
    for shard in (tmp_path / "batch").glob("*.parquet"):
        batch = pq.read_schema(shard)
        assert batch.names[-1] == "_record"
        assert batch.remove(batch.get_field_index("_record")).equals(exported, check_metadata=False)
    batch_rows = {r["doc_id"]: r for f in (tmp_path / "batch").glob("*.parquet") for r in pq.read_table(f).to_pylist()}
    export_rows = {r["doc_id"]: r for r in pq.read_table(tmp_path / "documents.parquet").to_pylist()}
    assert batch_rows.keys() == export_rows.keys()
    for doc_id, row in export_rows.items():  # the same values too, but the links (batch: within the batch)
        assert {k: v for k, v in batch_rows[doc_id].items() if k not in ("_record", "near_duplicate_of", "duplicate_reason")} \
            == {k: v for k, v in row.items() if k not in ("near_duplicate_of", "duplicate_reason")}, doc_id


def _multiline_store(tmp_path: Path) -> str:
    """One document whose meeting, quote and statement evidence spans line breaks (CR LF too)."""
    from communique.records import Analysis, CleanDocument, Quality, Quote, RawDocument

    text = 'Ana Alpha met Bo Beta\nin Lisbon.\r\n"We agree,\nfully," Alpha said.\nAlpha praised Beta.\n'
    raw = RawDocument("ml", "ml.txt", text)
    clean = CleanDocument(raw, text, tuple(range(len(text) + 1)))
    q0, q1 = text.index('"We'), text.index('," Alpha') + 1
    result = DocumentResult(clean, Quality(language="en"), Analysis(
        meetings=(Meeting(("Ana Alpha", "Bo Beta"), evidence=Span(text[:32], 0, 32)),),
        quotes=(Quote("Ana Alpha", text[q0 + 1:q1], "direct", q0 + 1, q1, 0.9, Span(text[q1 + 2:q1 + 13], q1 + 2, q1 + 13)),),
        statements=(Statement("Ana Alpha", "CONSULT", "Bo Beta", Span(text[:32], 0, 32)),),
    ))
    db = f"sqlite:///{tmp_path / 'ml.db'}"
    with Store.open(db) as store:
        store.save_results([result])
    return db


def test_csv_evidence_cells_hold_no_line_breaks(tmp_path: Path) -> None:
    db = _multiline_store(tmp_path)
    for table, column in (("meetings", "evidence_text"), ("statements", "evidence_text"), ("quotes", "text")):
        res = CliRunner().invoke(cli, ["export", "--format", "csv", "--what", table, "--db", db])
        assert res.exit_code == 0, res.output
        lines = res.output.split("\n")
        assert len(lines) == 3 and lines[-1] == "", (table, lines)  # a header, one row, nothing more
        row = pd.read_csv(io.StringIO(res.output)).iloc[0]
        assert "\r" not in row[column] and "\n" not in row[column]
    meetings = pd.read_csv(io.StringIO(
        CliRunner().invoke(cli, ["export", "--format", "csv", "--what", "meetings", "--db", db]).output))
    assert meetings.iloc[0]["evidence_text"] == "Ana Alpha met Bo Beta in Lisbon."
    assert (meetings.iloc[0]["evidence_start"], meetings.iloc[0]["evidence_end"]) == (0, 32)  # offsets: the raw text


def test_csv_bom_by_flag_and_setting(tmp_path: Path) -> None:
    db = _multiline_store(tmp_path)
    out = tmp_path / "m.csv"
    plain = CliRunner().invoke(cli, ["export", "--format", "csv", "--what", "meetings", "--db", db, "-o", str(out)])
    assert plain.exit_code == 0 and out.read_bytes().startswith(b"doc_id,")
    flag = CliRunner().invoke(cli, ["export", "--format", "csv", "--what", "meetings", "--db", db, "-o", str(out), "--bom"])
    assert flag.exit_code == 0 and out.read_bytes().startswith(b"\xef\xbb\xbfdoc_id,")
    assert list(pd.read_csv(out, encoding="utf-8-sig").columns)[0] == "doc_id"
    setting = CliRunner().invoke(cli, ["export", "--format", "csv", "--what", "meetings", "--db", db],
                                 env={"COMMUNIQUE_CSV_BOM": "1"})
    assert setting.exit_code == 0 and setting.output.startswith("\ufeffdoc_id,")
    off = CliRunner().invoke(cli, ["export", "--format", "csv", "--what", "meetings", "--db", db, "--no-bom"],
                             env={"COMMUNIQUE_CSV_BOM": "1"})
    assert off.output.startswith("doc_id,")


def test_one_table_goes_to_a_file_never_into_a_folder(tmp_path: Path) -> None:
    db = _multiline_store(tmp_path)
    (tmp_path / "dir").mkdir()
    res = CliRunner().invoke(cli, ["export", "--format", "csv", "--what", "meetings", "--db", db, "-o", str(tmp_path / "dir")])
    assert res.exit_code == 3
    assert res.output == (f"error: {tmp_path / 'dir'}: is a directory; one table is written to -o FILE "
                          f"(e.g. {tmp_path / 'dir' / 'meetings.csv'})\n")
    assert "DIRECTORY (one file per table) only when several tables" in " ".join(
        CliRunner().invoke(cli, ["export", "--help"]).output.split())
