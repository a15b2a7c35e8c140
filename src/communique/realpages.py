"""The real-page development corpus (``eval/realpages``): gold with evidence offsets, the
git-ignored cache of page texts, and the manifest's categories, read for ``communique eval``.

A corpus folder holds ``manifest/*.jsonl`` (one page a line: ``id``, ``url``, ``categories``,
``sha256`` …), ``gold/<id>.json`` (evidence as ``{"start", "end"}`` into the cached text) and
``.cache/<id>.txt``. The cache is outside text and not committed: pages not cached are left out
of the evaluation and counted, so a reader sees what was measured.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .evaluate import HEADLINE, JsonObj, Report, score

CACHE_DIR = ".cache"


@dataclass(frozen=True, slots=True)
class Corpus:
    """The cached pages of a corpus, their gold (evidence turned into text) and categories."""

    root: Path
    golds: dict[str, JsonObj]
    texts: dict[str, Path]
    categories: dict[str, tuple[str, ...]]
    not_cached: tuple[str, ...]  # listed, but no cached text or no gold yet
    changed: tuple[str, ...]  # cached text differs from the page the gold was read on


def is_corpus(folder: Path) -> bool:
    """Whether a folder is laid out as a real-page corpus (manifest/ and gold/ inside)."""
    return (folder / "manifest").is_dir() and (folder / "gold").is_dir()


def read_manifest(folder: Path) -> list[JsonObj]:
    rows: list[JsonObj] = []
    for part in sorted((folder / "manifest").glob("*.jsonl")):
        for n, line in enumerate(part.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{part}:{n}", f"manifest line is not JSON: {exc.msg}") from exc
            if not isinstance(row, dict) or "id" not in row:
                raise InputError(f"{part}:{n}", "manifest line has no id")
            rows.append(row)
    return rows


def with_evidence_text(gold: Mapping[str, Any], text: str) -> JsonObj:
    """The gold with every meeting's evidence offsets replaced by the text they point at
    (the shape the scorer and ``../shared/tools/score.py`` read)."""
    out = dict(gold)
    meetings = []
    for m in gold.get("meetings") or []:
        ev = m.get("evidence")
        if isinstance(ev, dict):
            start, end = int(ev["start"]), int(ev["end"])
            if not 0 <= start < end <= len(text):
                raise InputError(str(gold.get("doc_id")), f"meeting evidence [{start}:{end}] is outside the page")
            m = {**m, "evidence": text[start:end]}
        meetings.append(m)
    out["meetings"] = meetings
    return out


def load_corpus(folder: Path) -> Corpus:
    """The corpus's cached pages with their gold; raises InputError when nothing is cached."""
    rows = read_manifest(folder)
    cache = folder / CACHE_DIR
    golds: dict[str, JsonObj] = {}
    texts: dict[str, Path] = {}
    categories: dict[str, tuple[str, ...]] = {}
    not_cached: list[str] = []
    changed: list[str] = []
    for row in rows:
        doc_id = str(row["id"])
        page, gold_path = cache / f"{doc_id}.txt", folder / "gold" / f"{doc_id}.json"
        if not page.is_file() or not gold_path.is_file():
            not_cached.append(doc_id)
            continue
        text = page.read_text(encoding="utf-8")
        if row.get("sha256") and hashlib.sha256(text.encode("utf-8")).hexdigest() != row["sha256"]:
            changed.append(doc_id)
            continue
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise InputError(str(gold_path), f"gold file is not JSON: {exc.msg}") from exc
        golds[doc_id] = with_evidence_text(gold, text)
        texts[doc_id] = page
        categories[doc_id] = tuple(row.get("categories") or ())
    if not golds:
        raise InputError(str(cache), "no cached page of this corpus: rebuild the cache from the manifest "
                                     "(eval/realpages/README.md) before evaluating on it")
    return Corpus(folder, golds, texts, categories, tuple(not_cached), tuple(changed))


def score_by_category(outputs: Mapping[str, Mapping[str, Any]], corpus: Corpus) -> dict[str, Report]:
    """One report per category, each over the pages tagged with it."""
    names = sorted({c for cats in corpus.categories.values() for c in cats})
    reports: dict[str, Report] = {}
    for name in names:
        ids = [d for d, cats in corpus.categories.items() if name in cats]
        reports[name] = score(outputs, {d: corpus.golds[d] for d in ids}, {d: corpus.texts[d] for d in ids})
    return reports


CATEGORY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("quote_f1", "quote"), ("quote_attribution_acc", "attr"), ("meeting_f1", "meet"),
    ("attendee_f1", "attend"), ("meeting_date_acc", "date"), ("meeting_location_acc", "place"),
    ("people_f1", "people"), ("publication_date_acc", "pubdate"), ("overall", "overall"),
)


def format_categories(reports: Mapping[str, Report]) -> str:
    """A table of the headline metrics per category ('-' where a category has nothing to judge;
    its overall is the mean of the headline metrics it has cases for)."""
    head = f"{'category':<24} {'pages':>5} " + " ".join(f"{label:>7}" for _, label in CATEGORY_COLUMNS)
    lines = [head]
    for name, r in reports.items():
        cells = []
        judged = [float(r.metrics[k]) for k in HEADLINE if _judged(r, k)]
        for key, _ in CATEGORY_COLUMNS:
            if key == "overall":  # the mean of the headline metrics this category has cases for
                cells.append(f"{sum(judged) / len(judged):7.3f}" if judged else f"{'-':>7}")
            else:
                cells.append(f"{float(r.metrics[key]):7.3f}" if _judged(r, key) else f"{'-':>7}")
        lines.append(f"{name:<24} {r.documents:5d} " + " ".join(cells))
    return "\n".join(lines)


def _judged(r: Report, key: str) -> bool:
    """Whether a report has any case for a metric (an empty ratio prints as '-', not 0)."""
    f = r.fields
    has = {
        "quote_f1": f["quotes"].tp + f["quotes"].fp + f["quotes"].fn,
        "quote_attribution_acc": f["quotes"].tp,
        "meeting_f1": f["meetings"].tp + f["meetings"].fp + f["meetings"].fn,
        "attendee_f1": f["attendees"].tp + f["attendees"].fp + f["attendees"].fn,
        "meeting_date_acc": f["meetings"].tp,
        "meeting_location_acc": f["meetings"].tp,
        "people_f1": f["people"].tp + f["people"].fp + f["people"].fn,
        "publication_date_acc": r.documents,
    }
    return bool(has.get(key, 1))
