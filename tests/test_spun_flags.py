"""No false spun flags: a spun flag marks every quote of a report as not the speaker's words, so
it must never fall on a clean page. Clean pages: our own articles of every style (and the real
pages, where their cache is present); spun copies of the same pages must be flagged."""

from __future__ import annotations

from pathlib import Path

from communique.bench.spun import run_spun_bench

ROOT = Path(__file__).resolve().parents[1]


def test_no_clean_page_is_flagged_spun_and_spun_copies_are() -> None:
    report = run_spun_bench(ROOT, rates=(0.3,))
    assert report.by_set["tests/styles/articles"] == 5 and report.clean >= 130
    assert report.false_flags == []
    flagged, total = report.recall_long[0.3]
    assert flagged / total >= 0.95, report.lines()  # pages long enough to carry the rewriting
    flagged, total = report.recall[0.3]
    assert flagged / total >= 0.9, report.lines()  # every page, short notes included
