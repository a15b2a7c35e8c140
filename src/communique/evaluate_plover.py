"""Statements measured against the PLOVER gold standard (``eval/plover``).

The PLOVER project's hand-coded gold standard records (openeventdata/PLOVER,
``gold_standard_records/PLOVER_GSR_CAMEO.txt``) each hold one sentence with its event type, its
source and target actors (country code and sector), mode and context. Its development half (ids
ending in an even number) is saved in the corpus's git-ignored cache (``scripts/plover_gsr.py``);
each sentence runs through the extractor as a document of its own and is scored on:

* **event type accuracy**: the sentence's first statement (by evidence start; within a sentence,
  the extractor's order, its main clause first) has the gold type (all sentences);
* **type precision**: the same, over the sentences that got a statement;
* **no statement**: the share of sentences that got none;
* **source / target code accuracy**: the first statement's set of actor codes equals the gold's
  (over the sentences whose gold has that side);
* **mode / context accuracy**: over the sentences typed right, the mode equals the gold's (both
  empty counts) and the contexts meet the gold's (both empty counts);

overall and per type. The gold standard was coded in 2016 with CAMEO-era names; they are read in
the manual's current terms (its CAMEO table: DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE ->
ACCUSE with that mode, FIGHT -> ASSAULT; CAMEO country codes JAP, ITL, VTN -> ISO JPN, ITA, VNM;
contexts refugee -> migration, resource(s) -> natural_resource, government -> executive, political
-> political_institutions).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .options import Options
from .records import plural

JsonObj = dict[str, Any]

LEGACY_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
LEGACY_TYPE_MODES = {"DISAPPROVE": "disapprove", "INVESTIGATE": "investigate"}
LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
LEGACY_CONTEXTS = {"refugee": "migration", "resource": "natural_resource", "resources": "natural_resource",
                   "government": "executive", "political": "political_institutions", "politics": "political_institutions"}


def is_plover_corpus(folder: Path) -> bool:
    source = folder / "source.json"
    return source.is_file() and json.loads(source.read_text(encoding="utf-8")).get("repository") == "openeventdata/PLOVER"


def is_development(record_id: str) -> bool:
    """Ids ending in an even number are the development half; the odd ones are never read here."""
    m = re.search(r"-(\d+)$", record_id)
    return m is not None and int(m.group(1)) % 2 == 0


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    type: str
    sources: frozenset[str]
    targets: frozenset[str]
    mode: str | None
    contexts: frozenset[str]


def _codes(side: Any) -> frozenset[str]:
    if not isinstance(side, list):
        return frozenset()
    return frozenset(LEGACY_CODES.get(c, c) for a in side if isinstance(a, dict) and (c := str(a.get("code") or "").upper()))


def gold_record(r: Mapping[str, Any]) -> GoldRecord:
    legacy = str(r["event"]).upper()
    mode = str(r.get("mode") or "").strip() or LEGACY_TYPE_MODES.get(legacy)
    contexts = frozenset(LEGACY_CONTEXTS.get(c, c) for c in (x.strip().lower() for x in str(r.get("context") or "").split(","))
                         if c and c != "none")
    return GoldRecord(str(r["id"]), str(r["text"]), LEGACY_TYPES.get(legacy, legacy), _codes(r.get("source")),
                      _codes(r.get("target")), mode, contexts)


def load_development(folder: Path) -> list[GoldRecord]:
    """The cached development half; an odd-numbered record in it is an error, never scored."""
    path = folder / ".cache" / "dev.jsonl"
    if not path.is_file():
        return []
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    odd = [r["id"] for r in rows if not is_development(str(r["id"]))]
    if odd:
        from .errors import InputError

        raise InputError(str(path), f"{plural(len(odd), 'record')} of the private half: rebuild it with scripts/plover_gsr.py")
    golds = [gold_record(r) for r in rows]
    seen: dict[str, int] = {}
    for n, g in enumerate(golds):  # the file holds a few ids twice: the second is scored as "<id>#2"
        seen[g.id] = seen.get(g.id, 0) + 1
        if seen[g.id] > 1:
            golds[n] = dataclasses.replace(g, id=f"{g.id}#{seen[g.id]}")
    return golds


@dataclass(frozen=True, slots=True)
class Coded:
    """What the extractor coded for one sentence: its first statement, and every type it gave."""

    type: str | None
    sources: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()
    mode: str | None = None
    contexts: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()


def _side_codes(s: Mapping[str, Any], side: str) -> frozenset[str]:
    actors = s.get("actors" if side == "source" else "recipients")
    if isinstance(actors, list) and actors:
        return frozenset(str(a["code"]) for a in actors if a.get("code"))
    code = s.get(f"{side}_country")
    if code:
        return frozenset({str(code)})
    value = s.get(side)
    return frozenset({str(value)}) if isinstance(value, str) and re.fullmatch(r"[A-Z]{3}", value) else frozenset()


def coded(output: Mapping[str, Any]) -> Coded:
    """The first statement (by evidence start) of one extractor output record."""
    # by where their evidence starts; in one sentence, in the extractor's order (its main clause first)
    statements = sorted(output.get("statements") or [], key=lambda s: s["evidence"]["start"])
    if not statements:
        return Coded(None)
    s = statements[0]
    ctx = s.get("context") or []
    return Coded(str(s["type"]), _side_codes(s, "source"), _side_codes(s, "target"), s.get("mode") or None,
                 frozenset([ctx] if isinstance(ctx, str) else ctx), frozenset(str(x["type"]) for x in statements))


@dataclass
class TypeRow:
    gold: int = 0
    predicted: int = 0
    correct: int = 0


@dataclass
class PloverReport:
    records: int = 0
    typed: int = 0  # sentences with a statement
    correct: int = 0
    any_type: int = 0  # the gold type among all the sentence's statements
    source_gold: int = 0
    source_right: int = 0
    target_gold: int = 0
    target_right: int = 0
    mode_right: int = 0
    context_right: int = 0
    per_type: dict[str, TypeRow] = field(default_factory=dict)
    issues: list[JsonObj] = field(default_factory=list)

    def add(self, g: GoldRecord, c: Coded) -> None:
        self.records += 1
        self.per_type.setdefault(g.type, TypeRow()).gold += 1
        if c.type is not None:
            self.typed += 1
            self.per_type.setdefault(c.type, TypeRow()).predicted += 1
        right = c.type == g.type
        self.correct += right
        self.per_type[g.type].correct += right
        self.any_type += g.type in c.types
        if g.sources:
            self.source_gold += 1
            self.source_right += c.type is not None and c.sources == g.sources
        if g.targets:
            self.target_gold += 1
            self.target_right += c.type is not None and c.targets == g.targets
        if right:
            self.mode_right += c.mode == g.mode
            self.context_right += bool(c.contexts & g.contexts) or not (c.contexts or g.contexts)
        if not right or (g.sources and c.sources != g.sources):
            self.issues.append({"id": g.id, "gold": g.type, "system": c.type, "gold_source": sorted(g.sources),
                                "system_source": sorted(c.sources), "gold_target": sorted(g.targets),
                                "system_target": sorted(c.targets)})

    def to_json(self) -> JsonObj:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 3) if b else 0.0

        return {
            "records": self.records, "type_accuracy": ratio(self.correct, self.records),
            "type_precision": ratio(self.correct, self.typed), "no_statement": ratio(self.records - self.typed, self.records),
            "any_statement_type": ratio(self.any_type, self.records),
            "source_code_accuracy": ratio(self.source_right, self.source_gold),
            "target_code_accuracy": ratio(self.target_right, self.target_gold),
            "mode_accuracy": ratio(self.mode_right, self.correct), "context_accuracy": ratio(self.context_right, self.correct),
            "per_type": {t: {"gold": r.gold, "predicted": r.predicted, "correct": r.correct,
                             "accuracy": ratio(r.correct, r.gold), "precision": ratio(r.correct, r.predicted)}
                         for t, r in sorted(self.per_type.items())},
        }

    def lines(self, issues: bool = False) -> list[str]:
        d = self.to_json()
        out = [f"PLOVER gold standard, development half: {plural(self.records, 'sentence')}",
               f"event type      accuracy {d['type_accuracy']:.3f}  precision {d['type_precision']:.3f}  "
               f"no statement {d['no_statement']:.3f}  (gold type among any statement {d['any_statement_type']:.3f})",
               f"actor codes     source {d['source_code_accuracy']:.3f}  target {d['target_code_accuracy']:.3f}",
               f"where typed right: mode {d['mode_accuracy']:.3f}  context {d['context_accuracy']:.3f}",
               "", "type          gold  predicted  correct  accuracy  precision"]
        for t, r in d["per_type"].items():
            out.append(f"{t:<12} {r['gold']:>5}  {r['predicted']:>9}  {r['correct']:>7}  {r['accuracy']:>8.3f}  {r['precision']:>9.3f}")
        if issues:
            out += ["", "issues (id: gold -> system; source codes gold / system):"]
            out += [f"  {i['id']}: {i['gold']} -> {i['system']}; {','.join(i['gold_source']) or '-'} / "
                    f"{','.join(i['system_source']) or '-'}" for i in self.issues]
        return out


def score_plover(golds: Sequence[GoldRecord], outputs: Mapping[str, Mapping[str, Any]]) -> PloverReport:
    report = PloverReport()
    for g in golds:
        report.add(g, coded(outputs.get(g.id, {})))
    return report


def run_sentences(golds: Sequence[GoldRecord], opts: Options) -> dict[str, JsonObj]:
    """Each sentence through the extractor as a document of its own (no title, no date)."""
    from .pipeline import Pipeline
    from .records import DocumentResult, RawDocument

    docs = [RawDocument(g.id, f"plover:{g.id}", g.text, kind="jsonl") for g in golds]
    return {r.doc_id: r.to_json() for r in Pipeline(opts).process(docs) if isinstance(r, DocumentResult)}


def evaluate_plover(folder: Path, opts: Options | None = None) -> PloverReport:
    golds = load_development(folder)
    if not golds:
        return PloverReport()
    return score_plover(golds, run_sentences(golds, opts or Options()))

