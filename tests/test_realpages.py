"""The real-page corpus (eval/realpages): its reader, its checker and ``communique eval`` on it.

A tiny corpus of our own writing, built in a temporary folder, stands in for the real pages in CI
(their texts are outside text and never committed). Where the real cache exists, its manifest and
gold are also checked; where it does not (CI), that test is skipped with a message.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from communique.errors import InputError
from communique.realpages import is_corpus, load_corpus, score_by_category, with_evidence_text

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "eval" / "realpages"
CHECKER = ROOT / "scripts" / "realpages.py"

PAGE = (
    "Home | World | Business\n\n"
    "Premier Okafor receives Latvian envoy\n\n"
    "Posted: 14 March 2022\n\n"
    "ABUJA — Prime Minister Daniel Okafor on Monday received the Latvian foreign minister, "
    "Ilze Kalnina, at the State House in Abuja.\n\n"
    "\u201cWe are ready to deepen trade,\u201d Okafor said.\n"
)


def gold_for(text: str) -> dict[str, Any]:
    start = text.index("ABUJA")
    end = text.index("Abuja.") + len("Abuja.")
    return {
        "doc_id": "xx001", "url": "https://example.org/a", "publication_date": "2022-03-14",
        "publication_date_text": "Posted: 14 March 2022", "title": "Premier Okafor receives Latvian envoy",
        "language": "en", "spun": False, "spam_phrases": [], "boilerplate": ["Home | World | Business"],
        "people": [
            {"name": "Daniel Okafor", "role": "Prime Minister", "country": None,
             "variants": ["Prime Minister Daniel Okafor", "Okafor"], "required": True},
            {"name": "Ilze Kalnina", "role": "Foreign Minister of Latvia", "country": "LVA",
             "variants": ["Ilze Kalnina"], "required": True},
        ],
        "meetings": [{"participants": ["Daniel Okafor", "Ilze Kalnina"], "attendees": [], "date": "2022-03-14",
                      "date_text": "on Monday", "location": ["Abuja"], "evidence": {"start": start, "end": end}}],
        "quotes": [{"speaker": "Daniel Okafor", "text": "We are ready to deepen trade,", "kind": "direct",
                    "required": True}],
        "not_quotes": [], "event": None,
        "review": {"first_reader": "a", "second_reader": "b", "status": "checked", "changes": "none"},
    }


def make_corpus(root: Path, text: str = PAGE, gold: dict[str, Any] | None = None, cached: bool = True) -> Path:
    folder = root / "realpages"
    for sub in ("manifest", "gold", ".cache"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    row = {"id": "xx001", "url": "https://example.org/a", "query": "okafor receives envoy", "outlet": "Example",
           "outlet_kind": "national_paper", "countries": ["NGA", "LVA"], "categories": ["pubdate_furniture", "quotes"],
           "chars": len(text), "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
    (folder / "manifest" / "xx.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    (folder / "gold" / "xx001.json").write_text(json.dumps(gold or gold_for(text)), encoding="utf-8")
    if cached:
        (folder / ".cache" / "xx001.txt").write_text(text, encoding="utf-8")
    return folder


def test_load_corpus_turns_evidence_offsets_into_text(tmp_path: Path) -> None:
    folder = make_corpus(tmp_path)
    assert is_corpus(folder) and not is_corpus(folder / "gold")
    corpus = load_corpus(folder)
    assert list(corpus.golds) == ["xx001"]
    assert corpus.golds["xx001"]["meetings"][0]["evidence"].startswith("ABUJA — Prime Minister Daniel Okafor")
    assert corpus.golds["xx001"]["meetings"][0]["evidence"].endswith("in Abuja.")
    assert corpus.categories["xx001"] == ("pubdate_furniture", "quotes")
    assert corpus.not_cached == () and corpus.changed == ()


def test_uncached_and_changed_pages_are_counted_not_scored(tmp_path: Path) -> None:
    folder = make_corpus(tmp_path, cached=False)
    with pytest.raises(InputError, match="no cached page of this corpus"):
        load_corpus(folder)
    (folder / ".cache" / "xx001.txt").write_text(PAGE.replace("Monday", "Sunday"), encoding="utf-8")
    with pytest.raises(InputError, match="no cached page"):
        load_corpus(folder)


def test_evidence_outside_the_page_is_an_input_error() -> None:
    gold = gold_for(PAGE)
    gold["meetings"][0]["evidence"] = {"start": 10, "end": len(PAGE) + 5}
    with pytest.raises(InputError, match="outside the page"):
        with_evidence_text(gold, PAGE)


def test_scores_per_category(tmp_path: Path) -> None:
    corpus = load_corpus(make_corpus(tmp_path))
    g = corpus.golds["xx001"]
    perfect = {"xx001": {"doc_id": "xx001", "publication_date": "2022-03-14",
                         "people": [{"name": p["name"]} for p in g["people"]],
                         "meetings": [{"participants": ["Daniel Okafor", "Ilze Kalnina"], "attendees": [],
                                       "date": "2022-03-14", "location": "Abuja"}],
                         "quotes": [{"speaker": "Okafor", "text": "We are ready to deepen trade"}], "text": PAGE}}
    reports = score_by_category(perfect, corpus)
    assert sorted(reports) == ["pubdate_furniture", "quotes"]
    assert reports["quotes"].metrics["overall"] == 1.0
    wrong = json.loads(json.dumps(perfect))
    wrong["xx001"]["quotes"][0]["speaker"] = "Ilze Kalnina"
    assert score_by_category(wrong, corpus)["quotes"].metrics["quote_attribution_acc"] == 0.0


def test_eval_command_on_a_corpus_prints_categories(tmp_path: Path) -> None:
    from communique.cli.eval_cmd import eval_cmd

    folder = make_corpus(tmp_path)
    out = tmp_path / "sys.jsonl"
    out.write_text(json.dumps({"doc_id": "xx001", "publication_date": None, "people": [], "meetings": [],
                               "quotes": []}) + "\n", encoding="utf-8")
    res = CliRunner().invoke(eval_cmd, [str(folder), "--system", str(out), "--issues"])
    assert res.exit_code == 0, res.output
    assert "pubdate_furniture" in res.output and "category" in res.output
    assert "xx001  publication_date   wrong      None, gold '2022-03-14'  [pubdate_furniture,quotes]" in res.output
    data = json.loads(CliRunner().invoke(eval_cmd, [str(folder), "--system", str(out), "--json"]).output)
    assert data["categories"]["quotes"]["documents"] == 1 and data["metrics"]["meeting_f1"] == 0.0


def run_checker(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(CHECKER), *args], capture_output=True, text=True, check=False)


def test_checker_accepts_a_good_corpus_and_names_each_problem(tmp_path: Path) -> None:
    folder = make_corpus(tmp_path)
    ok = run_checker("check", "--corpus", str(folder), "--no-reserved")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "1 pages in the manifest; 1 cached; 0 missing" in ok.stdout
    gold = gold_for(PAGE)
    gold["quotes"][0]["text"] = "We are ready to deepen ties,"   # not in the page
    gold["meetings"][0]["attendees"] = ["Nobody Known"]           # not among the people
    make_corpus(tmp_path, gold=gold)
    bad = run_checker("check", "--corpus", str(folder), "--no-reserved")
    assert bad.returncode == 1
    assert "quote not in the text: 'We are ready to deepen ties,'" in bad.stdout
    assert "meeting 0: 'Nobody Known' is not among the gold people" in bad.stdout
    (folder / ".cache" / "xx001.txt").write_text(PAGE + " ", encoding="utf-8")
    changed = run_checker("check", "--corpus", str(folder), "--no-reserved")
    assert "differs from the page saved" in changed.stdout


def test_the_real_corpus_is_consistent() -> None:
    """The committed manifest and gold against the local cache (skipped where the cache is absent)."""
    cache = REAL / ".cache"
    if not cache.is_dir() or not any(cache.glob("*.txt")):
        pytest.skip("eval/realpages/.cache is absent: rebuild it from the manifest to check the real-page corpus")
    res = run_checker("check")
    assert res.returncode == 0, res.stdout[-3000:]


def test_a_lost_cache_is_listed_and_restored_only_byte_for_byte(tmp_path: Path) -> None:
    folder = make_corpus(tmp_path, cached=False)
    listed = run_checker("missing", "--corpus", str(folder))
    assert [json.loads(line)["id"] for line in listed.stdout.splitlines()] == ["xx001"]
    assert json.loads(listed.stdout)["query"] == "okafor receives envoy"
    result = tmp_path / "result.json"
    result.write_text(json.dumps({"url": "https://example.org/a", "excerpt": PAGE.replace("\n\n", "\n")}), encoding="utf-8")
    refused = run_checker("restore", str(result), "--corpus", str(folder))
    assert refused.returncode == 1 and "sha256 differs" in refused.stdout
    assert not (folder / ".cache" / "xx001.txt").exists()
    result.write_text(json.dumps({"url": "https://example.org/a", "excerpt": PAGE}), encoding="utf-8")
    restored = run_checker("restore", str(result), "--corpus", str(folder))
    assert restored.returncode == 0 and "restored xx001" in restored.stdout
    assert (folder / ".cache" / "xx001.txt").read_text(encoding="utf-8") == PAGE
    assert run_checker("missing", "--corpus", str(folder)).stdout == ""
