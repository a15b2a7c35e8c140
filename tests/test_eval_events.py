"""Cross-source merging on real pages (``communique eval eval/events``).

A tiny event corpus of our own writing, built in a temporary folder, checks the scorer in CI;
the real corpus (its page texts are outside text, never committed) is scored where its cache
exists, against floors that only move up, and skipped with a message where it does not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from communique.cli.eval_cmd import eval_cmd
from communique.evaluate_events import evaluate_events, is_events_corpus

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "eval" / "events"
FLOORS = {"pair_f1": 0.95, "independent_exact": 12}  # 2026-12-07 (session 22): 0.955 and 12 of 17 (0.913 in session 13)

WIRE = ("NAIROBI, March 4, 2024 (Wire) -- President Amani Odhiambo of Kenya met Ethiopian Prime Minister "
        "Dawit Bekele in Nairobi on Monday to discuss the Lamu port corridor and regional security, "
        "officials said after talks at State House that lasted three hours.\n")
OTHER = ("Addis Standard, 5 March 2024. Prime Minister Dawit Bekele held talks with Kenya's President Amani "
         "Odhiambo in Nairobi on Monday. The two leaders agreed to speed up work on the power line linking "
         "their grids and to meet again before the end of the year.\n")


def _corpus(tmp: Path) -> Path:
    folder = tmp / "events"
    (folder / ".cache").mkdir(parents=True)
    reprint = WIRE.replace("March 4, 2024 (Wire)", "March 5, 2024 (Daily) Reprinted from Wire")  # a day later
    pages = {"p1": (WIRE, None), "p2": (reprint, "p1"), "p3": (OTHER, None)}
    with open(folder / "manifest.jsonl", "w", encoding="utf-8") as fh:
        for pid, (text, copy_of) in pages.items():
            (folder / ".cache" / f"{pid}.txt").write_text(text, encoding="utf-8")
            fh.write(json.dumps({"id": pid, "url": f"https://example.org/{pid}", "event": "E1", "copy_of": copy_of}) + "\n")
    (folder / "events.jsonl").write_text(json.dumps({"event": "E1", "participants": [], "note": "ours"}) + "\n",
                                         encoding="utf-8")
    return folder


def test_event_scorer_counts_pairs_independent_reports_and_copies(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    assert is_events_corpus(folder)
    report = evaluate_events(folder)
    d = report.to_json()
    assert (d["pages"], d["events"]) == (3, 1)
    assert (report.pair_tp, report.pair_fp, report.pair_fn) == (3, 0, 0) and d["pair_f1"] == 1.0
    assert d["per_event"][0]["gold_independent"] == 2 and report.independent_exact == 1
    assert (report.copy_tp, report.copy_fp, report.copy_fn) == (1, 0, 0)
    out = CliRunner().invoke(eval_cmd, [str(folder)])
    assert out.exit_code == 0 and "event pairs     P 1.000  R 1.000  F1 1.000" in out.output


def test_event_corpus_without_its_cache_is_skipped_with_a_message(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    for f in (folder / ".cache").iterdir():
        f.unlink()
    out = CliRunner().invoke(eval_cmd, [str(folder)])
    assert out.exit_code == 0 and "skipped: no cached pages" in out.output


def test_real_event_corpus_keeps_its_floors() -> None:
    if not any((REAL / ".cache").glob("*.txt")):
        pytest.skip(f"the real event corpus is not cached here ({REAL / '.cache'}; see {REAL / 'README.md'})")
    report = evaluate_events(REAL)
    assert report.pair_f1 >= FLOORS["pair_f1"], "\n".join(report.lines())
    assert report.independent_exact >= FLOORS["independent_exact"], "\n".join(report.lines())
