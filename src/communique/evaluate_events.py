"""Cross-source merging measured on real pages: the event corpus (``eval/events``).

Each page of the corpus's manifest names its gold event and, when it copies another page of the
corpus (a wire reprint, a rewrite), that page. The whole main job runs over the cached pages
(extract, link copies, merge events) and is scored on:

* **event pair F1**: over every pair of pages, "the two report the same meeting" (gold: same
  event; system: a meeting of one and a meeting of the other are in the same event);
* **independent reports**: per gold event, whether the system's event (the one holding most of
  its pages) counts exactly as many independent reports as the gold (pages that copy no page);
* **copies**: precision and recall of "this page copies another page of the corpus".

Pages whose cache file is missing are skipped with a message; without a cache nothing is scored.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from .evaluate import Counts
from .options import Options
from .records import plural

JsonObj = dict[str, Any]


def is_events_corpus(folder: Path) -> bool:
    return (folder / "manifest.jsonl").is_file() and (folder / "events.jsonl").is_file()


@dataclass
class EventsReport:
    pages: int = 0
    skipped: list[str] = field(default_factory=list)  # manifest ids without a cached page
    events: int = 0
    pair_tp: int = 0
    pair_fp: int = 0
    pair_fn: int = 0
    independent_exact: int = 0
    copy_tp: int = 0
    copy_fp: int = 0
    copy_fn: int = 0
    per_event: list[JsonObj] = field(default_factory=list)

    @property
    def pairs(self) -> Counts:
        return Counts(self.pair_tp, self.pair_fp, self.pair_fn)

    @property
    def copies(self) -> Counts:
        return Counts(self.copy_tp, self.copy_fp, self.copy_fn)

    @property
    def pair_f1(self) -> float:
        return self.pairs.f1

    def to_json(self) -> JsonObj:
        pairs, copies = self.pairs, self.copies
        return {
            "pages": self.pages, "skipped": self.skipped, "events": self.events,
            "pair_precision": round(pairs.precision, 3), "pair_recall": round(pairs.recall, 3),
            "pair_f1": round(pairs.f1, 3),
            "independent_exact": self.independent_exact,
            "independent_accuracy": round(self.independent_exact / self.events, 3) if self.events else 0.0,
            "copy_precision": round(copies.precision, 3), "copy_recall": round(copies.recall, 3),
            "per_event": self.per_event,
        }

    def lines(self) -> list[str]:
        d = self.to_json()
        out = [f"event corpus: {plural(self.pages, 'page')} of {plural(self.events, 'event')}" + (f" ({plural(len(self.skipped), 'page')} not cached: skipped)" if self.skipped else ""),
               f"event pairs     P {d['pair_precision']:.3f}  R {d['pair_recall']:.3f}  F1 {d['pair_f1']:.3f}"
               f"   ({self.pair_tp} right, {self.pair_fp} wrong, {self.pair_fn} missed)",
               f"independent     {self.independent_exact} of {self.events} events counted exactly ({d['independent_accuracy']:.3f})",
               f"copies          P {d['copy_precision']:.3f}  R {d['copy_recall']:.3f}   ({self.copy_tp} right, {self.copy_fp} wrong, {self.copy_fn} missed)",
               "", "event  pages  gold-independent  system-independent  system events  note"]
        for e in self.per_event:
            out.append(f"{e['event']:<6} {e['pages']:>5}  {e['gold_independent']:>16}  {e['system_independent']!s:>18}  "
                       f"{e['system_events']:>13}  {e['note'][:60]}")
        return out


def _read_jsonl(path: Path) -> list[JsonObj]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate_events(folder: Path, opts: Options | None = None) -> EventsReport:
    """Run the main job over the corpus's cached pages and score events and copies."""
    from .ingest import read_paths
    from .pipeline import link_and_merge, process_stream
    from .records import DocumentResult

    opts = opts or Options()
    manifest = _read_jsonl(folder / "manifest.jsonl")
    gold_events = {e["event"]: e for e in _read_jsonl(folder / "events.jsonl")}
    cache = folder / ".cache"
    report = EventsReport()
    pages = [m for m in manifest if (cache / f"{m['id']}.txt").is_file()]
    report.skipped = [m["id"] for m in manifest if m not in pages]
    report.pages = len(pages)
    if not pages:
        return report
    results = [r for r in process_stream(read_paths([cache / f"{m['id']}.txt" for m in pages], opts), opts)
               if isinstance(r, DocumentResult)]
    links, events = link_and_merge(results, opts)
    in_event: dict[str, set[str]] = {}
    for e in events:
        for doc, _ in e.sources:
            in_event.setdefault(doc, set()).add(e.event_id)
    by_id = {e.event_id: e for e in events}
    gold_of = {m["id"]: m["event"] for m in pages}
    for a, b in combinations(sorted(gold_of), 2):
        same_gold = gold_of[a] == gold_of[b]
        same_system = bool(in_event.get(a, set()) & in_event.get(b, set()))
        report.pair_tp += same_gold and same_system
        report.pair_fp += same_system and not same_gold
        report.pair_fn += same_gold and not same_system
    system_copies = {link.doc_id for link in links if link.target in gold_of}
    gold_copies = {m["id"] for m in pages if m.get("copy_of") in gold_of}
    report.copy_tp = len(system_copies & gold_copies)
    report.copy_fp = len(system_copies - gold_copies)
    report.copy_fn = len(gold_copies - system_copies)
    for event_name in sorted({m["event"] for m in pages}):
        members = [m for m in pages if m["event"] == event_name]
        gold_independent = sum(1 for m in members if m.get("copy_of") not in gold_of)
        votes = Counter(eid for m in members for eid in in_event.get(m["id"], ()))
        system_independent: int | None = None
        if votes:
            top = by_id[max(votes, key=lambda k: (votes[k], k))]
            system_independent = len(top.originals)
        report.events += 1
        report.independent_exact += system_independent == gold_independent
        report.per_event.append({"event": event_name, "pages": len(members), "gold_independent": gold_independent,
                                 "system_independent": system_independent, "system_events": len(votes),
                                 "note": gold_events.get(event_name, {}).get("note", "")})
    return report
