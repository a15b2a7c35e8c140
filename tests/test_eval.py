"""The scorer (communique.evaluate): exact figures on small cases, agreement with the reference
scorer ../shared/tools/score.py on deliberately wrong outputs, the ``eval`` command, and the
consistency of our own test corpus (tests/corpus) with its gold."""

from __future__ import annotations

import copy
import importlib.util
import json
import random
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner

from communique.errors import InputError
from communique.evaluate import (
    load_golds,
    locate_texts,
    name_key,
    parse_outputs,
    quote_key,
    resolve_name,
    same_quote,
    score,
)

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
REFERENCE = ROOT.parent / "shared" / "tools" / "score.py"

Obj = dict[str, Any]


@pytest.fixture(scope="module")
def eval_cmd() -> Any:
    try:
        from communique.cli.eval_cmd import eval_cmd
    except ImportError as exc:  # the cli package imports every command module
        pytest.skip(f"communique.cli is not importable yet: {exc}")
    return eval_cmd


@pytest.fixture(scope="module")
def reference() -> ModuleType:
    if not REFERENCE.is_file():
        pytest.skip("../shared/tools/score.py is not beside the repository")
    spec = importlib.util.spec_from_file_location("reference_score", REFERENCE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def perfect_output(gold: Obj, raw: str) -> Obj:
    """What an extractor that agrees with the gold in every respect would print."""
    body = raw
    for line in gold.get("boilerplate", []):
        body = body.replace(line, "")

    def span(text: str) -> Obj:
        start = raw.find(text)
        assert start >= 0, text
        return {"text": text, "start": start, "end": start + len(text)}

    people = [{"name": p["name"], "mentions": [span(v) for v in p.get("variants", []) if v in raw]}
              for p in gold.get("people", [])]
    meetings = []
    for m in gold.get("meetings", []):
        loc = m["location"]
        meetings.append({
            "event_id": gold.get("event"), "participants": list(m["participants"]),
            "attendees": list(m["attendees"]), "date": m["date"], "date_text": m["date_text"],
            "location": loc[0] if isinstance(loc, list) else loc, "evidence": span(m["evidence"]),
        })
    quotes = [{"speaker": q["speaker"], "kind": q["kind"], "confidence": 0.9, **span(q["text"])}
              for q in gold.get("quotes", [])]
    return {
        "doc_id": gold["doc_id"], "source": gold.get("source_file"), "title": gold.get("title"),
        "publication_date": gold.get("publication_date"), "language": "en", "text": body,
        "quality": {"spun": gold.get("spun", False), "spam_phrases": [], "score": 1.0},
        "near_duplicate_of": gold.get("near_duplicate_of"), "people": people,
        "meetings": meetings, "quotes": quotes, "statements": [],
    }


# --- deliberate errors, one kind each -------------------------------------------------------

Mutation = Callable[[Obj, Obj, random.Random], None]


def drop_quote(o: Obj, g: Obj, rng: random.Random) -> None:
    if o["quotes"]:
        o["quotes"].pop(rng.randrange(len(o["quotes"])))


def wrong_speaker(o: Obj, g: Obj, rng: random.Random) -> None:
    if o["quotes"]:
        o["quotes"][rng.randrange(len(o["quotes"]))]["speaker"] = rng.choice(["Someone Else", None, "he"])


def variant_speaker(o: Obj, g: Obj, rng: random.Random) -> None:
    """A speaker named by a variant or with an honorific: still right."""
    for q in o["quotes"]:
        person = next((p for p in g["people"] if p["name"] == q["speaker"]), None)
        if person and person["variants"]:
            q["speaker"] = rng.choice(person["variants"] + ["President " + person["name"].upper()])


def reshape_quote(o: Obj, g: Obj, rng: random.Random) -> None:
    """Quote marks kept, end punctuation changed, spaces doubled: still the same quote."""
    for q in o["quotes"]:
        q["text"] = "“" + q["text"].rstrip(".,").replace(" ", "  ", 1) + ".”"


def truncate_quote(o: Obj, g: Obj, rng: random.Random) -> None:
    if o["quotes"]:
        q = o["quotes"][rng.randrange(len(o["quotes"]))]
        q["text"] = q["text"][: max(3, len(q["text"]) * rng.choice([1, 3, 9]) // 10)]


def scare_quote(o: Obj, g: Obj, rng: random.Random) -> None:
    for nq in g.get("not_quotes", [])[:2]:
        o["quotes"].append({"speaker": None, "text": nq, "kind": "fragment", "start": 0, "end": 1})


def spurious_quote(o: Obj, g: Obj, rng: random.Random) -> None:
    o["quotes"].append({"speaker": "Nobody", "text": "words nobody said at all", "kind": "direct"})


def wrong_participant(o: Obj, g: Obj, rng: random.Random) -> None:
    if o["meetings"]:
        o["meetings"][0]["participants"][-1] = rng.choice(["Joe Biden", "Xi Jinping"])


def variant_participants(o: Obj, g: Obj, rng: random.Random) -> None:
    for m in o["meetings"]:
        m["participants"] = [next((v for p in g["people"] if p["name"] == n for v in p["variants"]), n)
                             for n in reversed(m["participants"])]


def extra_meeting(o: Obj, g: Obj, rng: random.Random) -> None:
    o["meetings"].append({"event_id": "evt-x", "participants": ["A B", "C D"], "attendees": [],
                          "date": None, "location": None})


def wrong_date(o: Obj, g: Obj, rng: random.Random) -> None:
    for m in o["meetings"]:
        m["date"] = rng.choice([None, "1999-01-01", m["date"]])


def wrong_location(o: Obj, g: Obj, rng: random.Random) -> None:
    for m in o["meetings"]:
        m["location"] = rng.choice([None, "", "Paris", (m["location"] or "x").upper()])


def attendee_errors(o: Obj, g: Obj, rng: random.Random) -> None:
    for m in o["meetings"]:
        if m["attendees"] and rng.random() < 0.5:
            m["attendees"].pop()
        else:
            m["attendees"].append(rng.choice(["Hakan Fidan", m["participants"][0]]))


def drop_meeting(o: Obj, g: Obj, rng: random.Random) -> None:
    if o["meetings"]:
        o["meetings"].pop()


def document_flags(o: Obj, g: Obj, rng: random.Random) -> None:
    o["publication_date"] = rng.choice([None, "2020-02-02"])
    o["quality"]["spun"] = not o["quality"]["spun"]
    o["near_duplicate_of"] = rng.choice([None, "other"])


def people_errors(o: Obj, g: Obj, rng: random.Random) -> None:
    o["people"].append({"name": "Invented Person", "mentions": []})
    if o["people"]:
        o["people"].append(copy.deepcopy(o["people"][0]))  # the same person twice
    if len(o["people"]) > 2:
        o["people"].pop(1)


def text_errors(o: Obj, g: Obj, rng: random.Random) -> None:
    boilerplate = g.get("boilerplate", [])
    o["text"] = (boilerplate[0] + "\n" if boilerplate else "") + o["text"]
    if o["quotes"]:
        o["text"] = o["text"].replace(o["quotes"][0]["text"][:40], "")


def offset_errors(o: Obj, g: Obj, rng: random.Random) -> None:
    for q in o["quotes"][:1]:
        q["start"] += 1
    for m in o["meetings"]:
        if "evidence" in m:
            m["evidence"]["end"] -= 2
    for p in o["people"][:1]:
        p["mentions"].append({"text": "nowhere", "start": 5, "end": 12})


def event_errors(o: Obj, g: Obj, rng: random.Random) -> None:
    for m in o["meetings"]:
        m["event_id"] = rng.choice([None, "evt-same", "evt-" + o["doc_id"]])


MUTATIONS: list[Mutation] = [
    drop_quote, wrong_speaker, variant_speaker, reshape_quote, truncate_quote, scare_quote,
    spurious_quote, wrong_participant, variant_participants, extra_meeting, wrong_date,
    wrong_location, attendee_errors, drop_meeting, document_flags, people_errors, text_errors,
    offset_errors, event_errors,
]


def gold_sets() -> list[tuple[str, Path, Path]]:
    sets = [("corpus", CORPUS / "gold", CORPUS / "articles")]
    seeds = ROOT.parent / "shared"
    if (seeds / "gold" / "seeds").is_dir():
        sets.append(("seeds", seeds / "gold" / "seeds", seeds / "seeds"))
    return sets


def perfect_outputs(gold_dir: Path, texts: Path) -> tuple[dict[str, Obj], dict[str, Obj]]:
    golds = load_golds(gold_dir)
    outputs = {d: perfect_output(g, (texts / f"{d}.txt").read_text(encoding="utf-8")) for d, g in golds.items()}
    return golds, outputs


def assert_agree(reference: ModuleType, outputs: dict[str, Obj], golds: dict[str, Obj], texts: Path) -> dict[str, Any]:
    ours = score(outputs, golds, texts).metrics
    theirs = reference.score(copy.deepcopy(outputs), golds, texts)
    assert ours == theirs
    return ours


@pytest.mark.parametrize("name,gold_dir,texts", gold_sets(), ids=lambda v: v if isinstance(v, str) else "")
def test_perfect_output_scores_one_everywhere(reference: ModuleType, name: str, gold_dir: Path, texts: Path) -> None:
    golds, outputs = perfect_outputs(gold_dir, texts)
    m = assert_agree(reference, outputs, golds, texts)
    assert m["overall"] == 1.0
    assert (m["offsets_wrong"], m["scare_quotes_taken"], m["missing_docs"]) == (0, 0, 0)
    assert m["offsets_checked"] > 0


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("name,gold_dir,texts", gold_sets(), ids=lambda v: v if isinstance(v, str) else "")
def test_agrees_with_reference_on_each_kind_of_error(reference: ModuleType, mutation: Mutation, name: str,
                                                     gold_dir: Path, texts: Path) -> None:
    golds, outputs = perfect_outputs(gold_dir, texts)
    rng = random.Random(7)
    for doc_id in sorted(outputs)[::2]:
        mutation(outputs[doc_id], golds[doc_id], rng)
    assert_agree(reference, outputs, golds, texts)


@pytest.mark.parametrize("name,gold_dir,texts", gold_sets(), ids=lambda v: v if isinstance(v, str) else "")
def test_agrees_with_reference_on_random_mixtures(reference: ModuleType, name: str, gold_dir: Path, texts: Path) -> None:
    golds, perfect = perfect_outputs(gold_dir, texts)
    for trial in range(25):
        rng = random.Random(trial)
        outputs = copy.deepcopy(perfect)
        for doc_id in sorted(outputs):
            for mutation in rng.sample(MUTATIONS, rng.randint(0, 4)):
                mutation(outputs[doc_id], golds[doc_id], rng)
        if trial % 5 == 0:
            outputs.pop(rng.choice(sorted(outputs)))  # a missing document
        assert_agree(reference, outputs, golds, texts)


def test_reference_cli_agrees_on_a_jsonl_file(reference: ModuleType, eval_cmd: Any, tmp_path: Path) -> None:
    """The reference run as a command on a JSONL file, against ``communique eval --system --json``."""
    import subprocess
    import sys

    golds, outputs = perfect_outputs(CORPUS / "gold", CORPUS / "articles")
    rng = random.Random(3)
    for doc_id in sorted(outputs):
        rng.choice(MUTATIONS)(outputs[doc_id], golds[doc_id], rng)
    system = tmp_path / "out.jsonl"
    system.write_text("".join(json.dumps(o) + "\n" for o in outputs.values()), encoding="utf-8")
    args = [str(system), str(CORPUS / "gold"), "--texts", str(CORPUS / "articles"), "--json"]
    theirs = json.loads(subprocess.run([sys.executable, str(REFERENCE), *args], capture_output=True,
                                       text=True, check=True).stdout)
    result = CliRunner().invoke(eval_cmd, [str(CORPUS / "gold"), "--system", str(system), "--texts",
                                           str(CORPUS / "articles"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["metrics"] == theirs


# --- exact figures on a tiny hand-made case ---------------------------------------------------

TINY_GOLD: Obj = {
    "doc_id": "t1", "publication_date": "2024-05-02", "spun": False, "boilerplate": ["Share this"],
    "people": [
        {"name": "Hakan Fidan", "variants": ["Fidan", "the Turkish foreign minister"], "required": True},
        {"name": "Sheikh Mohammed bin Abdulrahman Al Thani", "variants": ["Sheikh Mohammed"], "required": True},
        {"name": "Recep Tayyip Erdogan", "variants": ["Erdogan"], "required": False},
    ],
    "meetings": [{"participants": ["Hakan Fidan", "Sheikh Mohammed bin Abdulrahman Al Thani"],
                  "attendees": [], "date": "2024-05-01", "date_text": "on Wednesday",
                  "location": ["Doha", None], "evidence": "Fidan met Sheikh Mohammed in Doha on Wednesday."}],
    "quotes": [
        {"speaker": "Hakan Fidan", "text": "We want calm in the region.", "kind": "direct", "required": True},
        {"speaker": "Sheikh Mohammed bin Abdulrahman Al Thani", "text": "a shared path", "kind": "fragment", "required": True},
    ],
    "not_quotes": ["terrorist"],
}


def test_tiny_case_exact_figures() -> None:
    out = {
        "doc_id": "t1", "publication_date": "2024-05-02", "quality": {"spun": False},
        "text": "Fidan met Sheikh Mohammed in Doha on Wednesday. We want calm in the region. Share this",
        "people": [{"name": "Hakan Fidan"}, {"name": "Fidan"}, {"name": "Erdoğan"}, {"name": "Joe Biden"}],
        "meetings": [{"participants": ["Sheikh Mohammed", "Mr. Fidan"], "attendees": ["Erdogan"],
                      "date": "2024-05-01", "location": "doha", "event_id": "e1"}],
        "quotes": [{"speaker": "the Turkish foreign minister", "text": "“We want calm in the region”"},
                   {"speaker": None, "text": "terrorist"}],
    }
    report = score({"t1": out}, {"t1": TINY_GOLD})
    m = report.metrics
    assert (m["quote_precision"], m["quote_recall"], m["quote_f1"]) == (0.5, 0.5, 0.5)
    assert m["quote_attribution_acc"] == 1.0
    assert m["scare_quotes_taken"] == 1
    assert m["meeting_f1"] == 1.0 and m["meeting_date_acc"] == 1.0 and m["meeting_location_acc"] == 1.0
    assert m["attendee_f1"] == 0.0  # one attendee given, none in the gold
    # Fidan twice counts once, Erdoğan (not required) counts when found, Biden is wrong, Sheikh Mohammed missed
    assert (report.fields["people"].tp, report.fields["people"].fp, report.fields["people"].fn) == (2, 1, 1)
    assert m["people_f1"] == pytest.approx(2 / 3)
    assert m["boilerplate_removed"] == 0.0
    assert m["content_kept"] == pytest.approx(2 / 3)  # the fragment's text is gone
    assert m["event_pair_f1"] == 0.0  # a single document: no pairs
    assert report.fields["attendees"].fp == 1
    kinds = {(i.field, i.kind) for i in report.issues}
    assert ("quotes", "missed") in kinds and ("boilerplate", "left") in kinds and ("people", "spurious") in kinds


def test_missing_document_and_empty_output() -> None:
    m = score({}, {"t1": TINY_GOLD}).metrics
    assert m["missing_docs"] == 1
    assert (m["quote_f1"], m["meeting_f1"], m["people_f1"], m["quote_attribution_acc"]) == (0.0, 0.0, 0.0, 0.0)
    assert m["attendee_f1"] == 1.0  # no attendees in gold or output: vacuously right, as in the reference
    assert m["overall"] == pytest.approx(1 / 7)


def test_normalisation() -> None:
    assert name_key("His Eminence Imam Sayyed Ali Khamenei") == "ali khamenei"
    assert name_key("Mohammed Shia’ Al-Sudani") == "mohammed shia sudani"
    assert quote_key(" “We will not  slow down,” ") == "we will not slow down"
    assert same_quote("It is ‘too much’.", '"It is too much"')
    assert not same_quote("It is too much", "It is not enough")
    people = [TINY_GOLD["people"][0]]
    assert resolve_name("FIDAN", people) == "Hakan Fidan"
    assert resolve_name("Hakan Fidann", people) == "Hakan Fidan"  # fuzzy
    assert resolve_name("Mevlut Cavusoglu", people) is None
    assert resolve_name(None, people) is None


def test_parse_outputs_names_bad_lines() -> None:
    assert list(parse_outputs(['{"doc_id": "a"}', "", '{"doc_id": "a", "x": 1}'])) == ["a"]
    with pytest.raises(InputError, match="out.jsonl: line 2 is not JSON"):
        parse_outputs(['{"doc_id": "a"}', "{oops"], "out.jsonl")
    with pytest.raises(InputError, match="line 1 has no doc_id"):
        parse_outputs(['{"id": "a"}'])


def test_load_golds_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="gold folder not found"):
        load_golds(tmp_path / "nope")
    with pytest.raises(InputError, match="no \\*.json gold files"):
        load_golds(tmp_path)
    (tmp_path / "a.json").write_text("[1]", encoding="utf-8")
    with pytest.raises(InputError, match="a.json: gold file is not a JSON object"):
        load_golds(tmp_path)


def test_locate_texts_uses_source_file_then_beside() -> None:
    golds = load_golds(CORPUS / "gold")
    files = locate_texts(CORPUS / "gold", golds)
    assert set(files) == set(golds)
    assert all(p.parent == (CORPUS / "articles").resolve() for p in files.values())
    with pytest.raises(InputError, match="article text not found"):
        locate_texts(CORPUS / "gold", golds, texts=CORPUS / "gold")


# --- the eval command -------------------------------------------------------------------------

def test_eval_command_table_and_exit_code(eval_cmd: Any, tmp_path: Path) -> None:
    golds, outputs = perfect_outputs(CORPUS / "gold", CORPUS / "articles")
    system = tmp_path / "out.jsonl"
    system.write_text("".join(json.dumps(o) + "\n" for o in outputs.values()), encoding="utf-8")
    result = CliRunner().invoke(eval_cmd, [str(CORPUS / "gold"), "--system", str(system)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"{len(golds)} gold documents, 0 without output"
    assert lines[2].split() == ["field", "P", "R", "F1", "tp", "fp", "fn"]
    assert lines[3].split()[:4] == ["quotes", "1.000", "1.000", "1.000"]
    assert "overall                  1.000" in lines


def test_eval_command_bad_system_file(eval_cmd: Any, tmp_path: Path) -> None:
    system = tmp_path / "out.jsonl"
    system.write_text("not json\n", encoding="utf-8")
    result = CliRunner().invoke(eval_cmd, [str(CORPUS / "gold"), "--system", str(system)])
    assert result.exit_code == 3
    assert result.output.startswith(f"error: {system}: line 1 is not JSON")


def test_eval_on_output_matching_no_gold_document_is_an_error(eval_cmd: Any, tmp_path: Path) -> None:
    golds = load_golds(CORPUS / "gold")
    system = tmp_path / "out.jsonl"
    system.write_text('{"doc_id": "other-1", "quotes": []}\n{"doc_id": "other-2", "quotes": []}\n', encoding="utf-8")
    for args in ([], ["--format", "json"]):
        result = CliRunner().invoke(eval_cmd, [str(CORPUS / "gold"), "--system", str(system), *args])
        assert result.exit_code == 3
        assert result.output == (f"error: {system}: 0 of {len(golds)} gold documents matched: no output record has "
                                  "the doc_id of a gold file (2 records read)\n")
        assert "1.000" not in result.output


def test_eval_compare_textacy_without_textacy_says_what_to_install(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    code = ("import sys; sys.modules['textacy'] = None; sys.argv = ['communique', *sys.argv[1:]]; "
            "from communique.cli import main; main()")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    done = subprocess.run([sys.executable, "-c", code, "eval", str(CORPUS / "gold"), "--compare", "textacy"],
                          cwd=tmp_path, env=env, text=True, capture_output=True, timeout=300, check=False)
    assert (done.returncode, done.stdout) == (3, "")
    assert done.stderr == "error: --compare textacy needs the textacy package: pip install textacy==0.13.0\n"


# --- our corpus: every gold string occurs verbatim in its article ---------------------------

def corpus_docs(folder: Path = CORPUS) -> list[tuple[str, Obj, str]]:
    golds = load_golds(folder / "gold")
    return [(d, g, (folder / "articles" / f"{d}.txt").read_text(encoding="utf-8")) for d, g in sorted(golds.items())]


@pytest.mark.parametrize("folder", [CORPUS, ROOT / "tests" / "kinds", ROOT / "tests" / "identity"],
                         ids=["corpus", "kinds", "identity"])
def test_corpus_gold_is_verbatim_and_consistent(folder: Path) -> None:
    docs = corpus_docs(folder)
    want = {"identity": range(100, 101), "kinds": range(14, 60)}.get(folder.name, range(12, 17))  # kinds grows per kind fixed
    assert len(docs) in want, (folder.name, len(docs))
    ids = {d for d, _, _ in docs}
    for doc_id, g, raw in docs:
        names = {p["name"] for p in g["people"]}
        for p in g["people"]:
            for v in p["variants"]:
                assert v in raw, (doc_id, v)
            assert len(p["country"]) == 3 and p["role"], (doc_id, p["name"])
        for m in g["meetings"]:
            assert m["evidence"] in raw, (doc_id, m["evidence"])
            assert set(m["participants"]) | set(m["attendees"]) <= names, doc_id
            assert m["date_text"] is None or m["date_text"] in raw, (doc_id, m["date_text"])
            assert isinstance(m["location"], list), doc_id
        for q in g["quotes"]:
            assert q["text"] in raw, (doc_id, q["text"])
            assert q["speaker"] is None or q["speaker"] in names, (doc_id, q["speaker"])
            assert q["kind"] in ("direct", "fragment")
        for s in g["not_quotes"] + g["boilerplate"]:
            assert s in raw, (doc_id, s)
        if g["title"]:
            assert g["title"] in raw, doc_id
        if raw.startswith(" date "):  # the header gives it
            assert raw.startswith(f" date {g['publication_date']} "), doc_id
        elif g["publication_date"]:  # else the page prints it: the words are in the gold, verbatim
            assert g["publication_date_text"] in raw, doc_id
            year, month, day = (int(x) for x in g["publication_date"].split("-"))
            assert str(year) in g["publication_date_text"] and str(day) in g["publication_date_text"], doc_id
        assert g.get("near_duplicate_of") in ids | {None}, doc_id
        assert g["source_file"] == f"tests/{folder.name}/articles/{doc_id}.txt"


def test_corpus_events_are_shared_by_more_than_one_report() -> None:
    events: dict[str, list[str]] = {}
    for doc_id, g, _ in corpus_docs():
        events.setdefault(g["event"], []).append(doc_id)
    assert any(len(v) >= 2 for v in events.values())


# --- the textacy baseline -----------------------------------------------------------------------

def test_textacy_speakers_resolve_by_surname() -> None:
    from communique.compare_textacy import resolve_speaker, surname_index

    index = surname_index(TINY_GOLD["people"])
    assert index["fidan"] == "Hakan Fidan" and index["thani"] == "Sheikh Mohammed bin Abdulrahman Al Thani"
    assert resolve_speaker(["the", "Turkish", "minister", "Fidan"], index) == "Hakan Fidan"
    assert resolve_speaker(["Erdoğan"], index) == "Recep Tayyip Erdogan"
    assert resolve_speaker(["he"], index) is None


def test_textacy_quotes_offsets_and_speakers(nlp: Any) -> None:
    from communique.compare_textacy import textacy_quotes

    text = ('Mr. Fidan met Sheikh Mohammed in Doha.\n\n"We are working together with our brothers so that '
            'the guns fall silent," Fidan told reporters.\n')
    quotes = textacy_quotes(text, nlp, TINY_GOLD["people"])
    assert [(q["speaker"], q["text"]) for q in quotes] == [
        ("Hakan Fidan", "We are working together with our brothers so that the guns fall silent,")]
    assert all(text[q["start"]:q["end"]] == q["text"] for q in quotes)
    assert textacy_quotes('He said "this is never closed.', nlp, []) == []  # textacy refuses unclosed marks


def test_eval_command_runs_the_extractor_on_the_gold_texts(eval_cmd: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --system the command runs the extractor on the articles the gold points at; failures exit 1."""
    import communique.evaluate as evaluate
    from communique.records import Failure

    golds, outputs = perfect_outputs(CORPUS / "gold", CORPUS / "articles")
    seen: list[list[str]] = []

    def fake_run(paths: list[Path], opts: Any, *, pipeline: Any = None) -> tuple[dict[str, Obj], list[Failure]]:
        seen.append([p.name for p in paths])
        kept = {d: o for d, o in outputs.items() if d != "c14_sana_sharaa_safadi"}
        return kept, [Failure("c14_sana_sharaa_safadi.txt", "cannot decode", "ingest")]

    monkeypatch.setattr(evaluate, "run_extractor", fake_run)
    result = CliRunner().invoke(eval_cmd, [str(CORPUS / "gold"), "--json"])
    assert result.exit_code == 1
    assert seen == [[f"{d}.txt" for d in golds]]
    data = json.loads(result.stdout)
    assert data["metrics"]["missing_docs"] == 1
    assert data["metrics"]["offsets_checked"] > 0 and data["metrics"]["offsets_wrong"] == 0
    assert data["failures"] == [{"source": "c14_sana_sharaa_safadi.txt", "stage": "ingest", "reason": "cannot decode"}]
    assert "failed: c14_sana_sharaa_safadi.txt: cannot decode" in result.stderr
