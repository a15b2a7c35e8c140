"""``communique ingest``, ``show`` and ``stats``: exact messages and exit codes (CliRunner)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

store_cmd = pytest.importorskip("communique.cli.store_cmd", reason="communique.cli does not import yet")

from communique.records import (  # noqa: E402
    Analysis,
    CleanDocument,
    DocumentResult,
    Meeting,
    Person,
    Quality,
    Quote,
    RawDocument,
    Span,
)
from communique.store import Store  # noqa: E402
from pg import pg_server  # noqa: E402, F401  (session fixture)

ARTICLE_A = """ date 2024-05-14 Mensah Welcomes Lindqvist to Accra

By Staff Reporter

ACCRA — President Kofi Mensah received Prime Minister Anna Lindqvist in Accra on Monday for talks on cocoa trade and port investment.

"We are opening a new chapter," Mensah said after the meeting.
"""
ARTICLE_B = """Tanabe and Ferreyra agree on fisheries research

Prime Minister Hiroshi Tanabe met President Lucia Ferreyra in Tokyo on Friday, and the two leaders agreed to fund a joint fisheries research programme.
"""


def group() -> click.Group:
    """The real ``communique`` command group (the store commands are registered there)."""
    from communique.cli import cli

    return cli


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (d / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    (d / "bad.txt").write_bytes(b"\x00\x01\x02\xff\xfe binary")
    return d


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(group(), list(args), prog_name="communique", catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_ingest_reports_failures_and_summary(articles: Path, db: str) -> None:
    code, out, err = run("ingest", str(articles), "--db", db)
    assert (code, out, err) == (1, "ingested 2 documents (0 already stored), 1 failed\n",
                                f"error: {articles / 'bad.txt'}: binary file (not text)\n")
    with Store.open(db) as s:
        assert s.doc_ids() == ["a", "b"]
        assert [(f.source, f.reason) for f in s.failures()] == [(str(articles / "bad.txt"), "binary file (not text)")]


def test_ingest_again_stores_nothing_twice(articles: Path, db: str) -> None:
    (articles / "bad.txt").unlink()
    assert run("ingest", str(articles), "--db", db) == (0, "ingested 2 documents (0 already stored), 0 failed\n", "")
    assert run("ingest", str(articles / "a.txt"), str(articles), "--db", db) == (
        0, "ingested 0 documents (3 already stored), 0 failed\n", "")


def test_ingest_one_document_singular(articles: Path, db: str) -> None:
    assert run("ingest", str(articles / "a.txt"), "--db", db) == (0, "ingested 1 document (0 already stored), 0 failed\n", "")


def test_ingest_db_from_environment(articles: Path, db: str) -> None:
    result = CliRunner(env={"COMMUNIQUE_DB": db}).invoke(group(), ["ingest", str(articles / "b.txt")], prog_name="communique")
    assert result.exit_code == 0
    with Store.open(db) as s:
        assert s.doc_ids() == ["b"]


@pytest.mark.postgres
def test_ingest_into_postgresql(articles: Path, pg_server) -> None:  # noqa: F811
    url = pg_server.new_database()
    code, out, _ = run("ingest", str(articles), "--db", url)
    assert (code, out) == (1, "ingested 2 documents (0 already stored), 1 failed\n")
    assert run("ingest", str(articles / "a.txt"), "--db", url)[1] == "ingested 0 documents (1 already stored), 0 failed\n"
    code, out, _ = run("stats", "--db", url, "--format", "json")
    assert json.loads(out)["documents"] == 2 and json.loads(out)["failures"] == 1


def test_store_error_exits_3(articles: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'missing' / 'x.db'}"
    code, out, err = run("ingest", str(articles), "--db", url)
    assert (code, out) == (3, "")
    assert err == f"error: {url}: cannot open store: directory {tmp_path / 'missing'} does not exist\n"
    # a read-only command on the same URL: there is no store there (exit 4, see test_cli_defaults)
    assert run("stats", "--db", url)[0:2] == (4, "")
    assert run("show", "a", "--db", url)[0:2] == (4, "")


def _stored_result(db: str) -> None:
    """Store document 'a' with a small analysis, as the extractor would."""
    with Store.open(db) as s:
        doc = s.get_document("a")
        assert doc is not None
        clean: CleanDocument = doc.clean
        raw: RawDocument = clean.raw
        i = raw.text.index("President Kofi Mensah")
        q = raw.text.index("We are opening")
        mensah = Person("Kofi Mensah", role="President of Ghana", country="GHA",
                        mentions=(Span("President Kofi Mensah", i, i + 21),))
        meeting = Meeting(("Kofi Mensah", "Anna Lindqvist"), date=date(2024, 5, 13), date_text="on Monday",
                          location="Accra", evidence=Span(raw.text[i:i + 21], i, i + 21), event_id="evt-1")
        quote = Quote("Kofi Mensah", "We are opening a new chapter,", "direct", q, q + 29, 0.9)
        s.save_result(DocumentResult(clean, Quality(language="en", score=0.95),
                                     Analysis(people=(mensah,), meetings=(meeting,), quotes=(quote,))))


def test_show_text(articles: Path, db: str) -> None:
    run("ingest", str(articles), "--db", db)
    code, out, _ = run("show", "b", "--db", db)
    assert code == 0
    lines = out.splitlines()
    assert lines[:5] == ["doc_id: b", f"source: {articles / 'b.txt'}", "kind: txt",
                         "title: Tanabe and Ferreyra agree on fisheries research", "publication_date: undated"]
    assert lines[5].startswith("ingested_at: ")
    assert lines[6:] == ["extracted: no", "", ARTICLE_B.splitlines()[2]]

    _stored_result(db)
    code, out, _ = run("show", "a", "--db", db)
    tail = out.split("\n\n", 1)[1].splitlines()
    assert "language: en" in out and "quality: score 0.950, spun no, spam phrases: -" in out
    assert tail[-7:] == [
        "people (1):",
        "  Kofi Mensah (President of Ghana, GHA): 1 mention",
        "meetings (1):",
        "  [0] Kofi Mensah + Anna Lindqvist; 2024-05-13 (on Monday); Accra; event evt-1",
        '      evidence [80:101]: "President Kofi Mensah"',
        "quotes (1):",
        '  [0] Kofi Mensah (direct, 0.90) [208:237]: "We are opening a new chapter,"',
    ]


def test_show_json(articles: Path, db: str) -> None:
    run("ingest", str(articles), "--db", db)
    _stored_result(db)
    code, out, _ = run("show", "a", "--db", db, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert (data["doc_id"], data["title"], data["publication_date"], data["language"]) == (
        "a", "Mensah Welcomes Lindqvist to Accra", "2024-05-14", "en")
    assert data["quotes"] == [{"speaker": "Kofi Mensah", "text": "We are opening a new chapter,", "kind": "direct",
                               "start": 208, "end": 237, "confidence": 0.9, "speakers_words": True, "cue": None}]
    assert data["meetings"][0]["event_id"] == "evt-1"
    assert data["text"].startswith("ACCRA — President Kofi Mensah")


def test_show_unknown_id(db: str) -> None:
    Store.open(db).close()
    # not found has its own exit code (4), not the one of "some inputs failed" (1)
    assert run("show", "nope", "--db", db) == (4, "", f"error: no document 'nope' in {db}\n")


def test_stats_text_and_json(articles: Path, db: str) -> None:
    run("ingest", str(articles), "--db", db)
    _stored_result(db)
    code, out, _ = run("stats", "--db", db)
    assert (code, out) == (0, "documents: 2\n  kind txt: 2\n  language en: 1\n  language unknown: 1\n  spun: 0\n"
                              "people: 1 distinct (1 person-document row in the people export)\n"
                              "meetings: 1\nquotes: 1\nstatements: 0\nevents: 0\nfailures: 1\n")
    code, out, _ = run("stats", "--db", db, "--format", "json")
    assert json.loads(out) == {"documents": 2, "by_kind": {"txt": 2}, "by_language": {"en": 1, "unknown": 1},
                               "spun": 0, "people": 1, "meetings": 1, "quotes": 1, "statements": 0, "events": 0,
                               "failures": 1, "people_in_documents": 1}


def test_stats_people_count_says_what_the_people_export_counts(articles: Path, db: str) -> None:
    """One person named in two documents: 1 distinct person, 2 rows of the people export."""
    run("ingest", str(articles), "--db", db)
    _stored_result(db)
    with Store.open(db) as s:
        doc = s.get_document("b")
        assert doc is not None
        s.save_result(DocumentResult(doc.clean, Quality(language="en"),
                                     Analysis(people=(Person("Kofi Mensah", country="GHA"),))))
    code, out, _ = run("export", "--format", "csv", "--what", "people", "--db", db)
    rows = out.splitlines()[1:]
    assert code == 0 and len(rows) == 2
    code, out, _ = run("stats", "--db", db)
    assert "people: 1 distinct (2 person-document rows in the people export)\n" in out


@pytest.mark.parametrize(("command", "options"), [
    ("ingest", ["--db", "--commit-every"]),
    ("show", ["--db", "--format"]),
    ("stats", ["--db", "--format"]),
])
def test_help_documents_options(command: str, options: list[str]) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert out.startswith(f"Usage: communique {command} [OPTIONS]")
    for opt in options:
        assert opt in out


# --- interrupted ingest ------------------------------------------------------------------------

def ingest_command() -> list[str]:
    """``communique ingest`` as installed (the console script beside this Python), else via run_main."""
    script = Path(sys.executable).parent / "communique"
    if script.is_file():
        return [str(script), "ingest"]
    code = "from communique.cli import main; main()"
    return [sys.executable, "-c", code, "ingest"]


def _count(path: Path) -> int:
    if not path.exists():
        return 0
    conn = sqlite3.connect(path, timeout=30)
    try:
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # tables not created yet
        return 0
    finally:
        conn.close()


@pytest.mark.slow
def test_killed_ingest_then_rerun_stores_each_document_once(tmp_path: Path) -> None:
    from communique.bench.corpus import build_corpus

    n = 600
    corpus = build_corpus(n, tmp_path / "corpus")
    db_path = tmp_path / "kill.db"
    cmd = [*ingest_command(), str(corpus.directory), "--db", f"sqlite:///{db_path}",
           "--batch-size", "5"]
    env = {**os.environ, "COMMUNIQUE_PROGRESS": "never"}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 60
    while _count(db_path) < 10 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    stored = _count(db_path)
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    assert 10 <= stored < n
    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout == f"ingested {n - stored} documents ({stored} already stored), 0 failed\n"
    conn = sqlite3.connect(db_path)
    total, distinct = conn.execute("SELECT count(*), count(DISTINCT content_hash) FROM documents").fetchone()
    conn.close()
    assert total == distinct == n


def test_counts_are_pluralised_and_copies_read_without_nested_parentheses(articles: Path, db: str) -> None:
    from communique.report import corpus_summary

    run("ingest", str(articles), "--db", db)
    _stored_result(db)
    with Store.open(db) as s:
        results = [r for r in s.iter_results() if r.doc_id == "a"]
        s.save_links([("b", "a", "spun copy: shared people 4, meetings 1.00", 0.9)])
    assert corpus_summary(results).startswith("1 document, 1 meeting in 1 event, 1 quote, 0 statements\n")
    code, out, _ = run("show", "b", "--db", db)
    assert code == 0 and "near_duplicate_of: spun copy of a: shared people 4, meetings 1.00\n" in out
    with Store.open(db) as s:  # a reason written by an older version reads the same
        s.save_links([("b", "a", "spun copy of a (shared people 4, meetings 1.00)", 0.9)])
    assert "near_duplicate_of: spun copy of a: shared people 4, meetings 1.00\n" in run("show", "b", "--db", db)[1]
