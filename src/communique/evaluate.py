"""Scoring extractor output (the JSONL contract) against gold annotations.

A gold file is ``<doc_id>.json`` in the shape of ``../shared/gold/seeds`` (see its README);
the system output is one JSON object per document, as ``communique extract --format jsonl``
prints. Matching is lenient on form and strict on substance:

- names match after case, diacritics, punctuation and honorific normalisation, or against a
  gold variant, or when their normalised forms are at least 85% alike;
- quote texts match after whitespace, quote-mark and end-punctuation normalisation, or when
  at least 90% alike;
- a meeting matches a gold meeting with exactly the same participant set (names resolved to
  the gold people first); its attendees, date and location are then judged on that pair.

The headline figures (``metrics``) agree with the reference scorer ``../shared/tools/score.py``
to the last digit; ``fields`` adds precision/recall/F1 per field, and ``issues`` lists every
miss so a developer can see what went wrong where.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from .errors import InputError
from .options import Options
from .records import Failure, plural

JsonObj = dict[str, Any]

# Words dropped before names are compared: titles and honorifics, not part of the name.
HONORIFICS: frozenset[str] = frozenset({
    "mr", "mrs", "ms", "dr", "president", "prime", "minister", "ayatollah", "imam", "sayyed",
    "seyyed", "sayyid", "his", "eminence", "general", "martyr", "chairman", "sheikh", "king",
    "hujjat", "al-islam", "wa", "al-muslimeen", "leader", "the", "iraqi", "iranian", "supreme",
})
PARTICLES: frozenset[str] = frozenset({"al", "el", "ul"})
NAME_RATIO = 0.85
QUOTE_RATIO = 0.9

# The metrics averaged into ``overall``.
HEADLINE: tuple[str, ...] = (
    "quote_f1", "quote_attribution_acc", "meeting_f1", "attendee_f1", "meeting_date_acc",
    "meeting_location_acc", "people_f1",
)
# Fields reported with precision/recall/F1, in table order.
FIELDS: tuple[str, ...] = (
    "quotes", "attribution", "meetings", "attendees", "dates", "locations", "people", "publication_dates",
)

_NAME_PUNCT = re.compile(r"[’'`.,]")
_QUOTE_MARKS = re.compile(r"[\"“”‘’'`]")
_SPACES = re.compile(r"\s+")
_PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


# --- normalisation and matching -------------------------------------------------------------

def fold(text: str | None) -> str:
    """Lower case without diacritics."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def name_key(name: str | None) -> str:
    """A name reduced for comparison: folded, no punctuation, honorifics and particles dropped."""
    words = _NAME_PUNCT.sub("", fold(name)).replace("-", " ").split()
    return " ".join(w for w in words if w not in HONORIFICS and w not in PARTICLES)


def same_name(a: str | None, b: str | None) -> bool:
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    return ka == kb or SequenceMatcher(None, ka, kb).ratio() >= NAME_RATIO


def matches_person(name: str | None, person: Mapping[str, Any]) -> bool:
    """Whether a system name denotes this gold person (its canonical name or a variant)."""
    if not name:
        return False
    if same_name(name, person["name"]):
        return True
    return any(same_name(name, v) for v in person.get("variants", []) if name_key(v))


def resolve_name(name: str | None, people: Sequence[Mapping[str, Any]]) -> str | None:
    """The canonical gold name a system name denotes, or None."""
    for person in people:
        if matches_person(name, person):
            return str(person["name"])
    return None


def quote_key(text: str | None) -> str:
    """A quote reduced for comparison: folded, no quote marks, spaces collapsed, no end punctuation."""
    s = _QUOTE_MARKS.sub("", fold(text).replace("\u00a0", " "))
    return _SPACES.sub(" ", s).strip().strip(" ,.;:!?")


def same_quote(a: str | None, b: str | None) -> bool:
    ka, kb = quote_key(a), quote_key(b)
    if not ka or not kb:
        return False
    return ka == kb or SequenceMatcher(None, ka, kb).ratio() >= QUOTE_RATIO


def plain(text: str) -> str:
    """Text compared loosely: quote marks straightened, dashes unified, whitespace collapsed."""
    return _SPACES.sub(" ", text.translate(_PLAIN)).strip()


# --- counters ---------------------------------------------------------------------------------

@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> JsonObj:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision,
                "recall": self.recall, "f1": self.f1}


@dataclass(slots=True)
class Ratio:
    """Correct answers out of the cases judged."""

    ok: int = 0
    n: int = 0

    def add(self, correct: bool) -> None:
        self.n += 1
        self.ok += bool(correct)

    def value(self, empty: float) -> float:
        return self.ok / self.n if self.n else empty


@dataclass(frozen=True, slots=True)
class Issue:
    """One disagreement with the gold, for reading: where, what kind, and the two values."""

    doc_id: str
    field: str
    kind: str  # missed | spurious | wrong | left | lost | bad-offset | missing-doc
    detail: str

    def to_json(self) -> JsonObj:
        return {"doc_id": self.doc_id, "field": self.field, "kind": self.kind, "detail": self.detail}


@dataclass(slots=True)
class _Tally:
    fields: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FIELDS})
    attribution: Ratio = field(default_factory=Ratio)
    dates: Ratio = field(default_factory=Ratio)
    locations: Ratio = field(default_factory=Ratio)
    publication: Ratio = field(default_factory=Ratio)
    spun: Ratio = field(default_factory=Ratio)
    duplicate: Ratio = field(default_factory=Ratio)
    boilerplate_left: Ratio = field(default_factory=Ratio)
    content_kept: Ratio = field(default_factory=Ratio)
    scare_quotes: int = 0
    offsets_bad: int = 0
    offsets_checked: int = 0
    missing_docs: int = 0
    issues: list[Issue] = field(default_factory=list)
    event_gold: dict[str, str] = field(default_factory=dict)
    event_system: dict[str, str | None] = field(default_factory=dict)

    def issue(self, doc_id: str, name: str, kind: str, detail: str) -> None:
        self.issues.append(Issue(doc_id, name, kind, detail))


@dataclass(frozen=True, slots=True)
class Report:
    """The figures of one evaluation: headline metrics, per-field counts, and the issues."""

    metrics: dict[str, float | int]  # exactly the reference scorer's figures
    fields: dict[str, Counts]
    issues: tuple[Issue, ...]
    documents: int
    identity: dict[str, float | int] | None = None  # person identity (evaluate_identity), when texts are given

    def to_json(self) -> JsonObj:
        return {
            "metrics": dict(self.metrics),
            "identity": dict(self.identity) if self.identity is not None else None,
            "fields": {k: v.to_json() for k, v in self.fields.items()},
            "documents": self.documents,
            "issues": [i.to_json() for i in self.issues],
        }


# --- scoring ----------------------------------------------------------------------------------

def score(outputs: Mapping[str, Mapping[str, Any]], golds: Mapping[str, Mapping[str, Any]],
          texts: Path | Mapping[str, Path] | None = None) -> Report:
    """Score system outputs (by doc_id) against gold annotations (by doc_id).

    ``texts``: a folder with ``<doc_id>.txt`` (or a map doc_id -> text file); when given, every
    span's offsets are checked against the raw text. Outputs for documents without gold are ignored.
    """
    t = _Tally()
    for doc_id, gold in golds.items():
        out = outputs.get(doc_id)
        if out is None:
            t.missing_docs += 1
            t.issue(doc_id, "document", "missing-doc", "no output for this document")
            out = {}
        _score_document(t, doc_id, out, gold)
        if isinstance(texts, Path):
            _check_offsets(t, doc_id, out, texts / f"{doc_id}.txt")
        elif texts is not None and doc_id in texts:
            _check_offsets(t, doc_id, out, texts[doc_id])
    report = _report(t, len(golds))
    if texts is not None:  # person identity needs the raw texts (mention offsets)
        from .evaluate_identity import identity

        paths = {d: texts / f"{d}.txt" for d in golds} if isinstance(texts, Path) else dict(texts)
        ident = identity(outputs, golds, paths)
        report = Report(report.metrics, report.fields,
                        report.issues + tuple(Issue(d, "identity", "wrong", w) for d, w in ident.wrong_cases),
                        report.documents,
                        {"identity_right": ident.right, "identity_wrong": ident.wrong,
                         "identity_unresolved": ident.unresolved, "identity_acc": ident.accuracy})
    return report


def _score_document(t: _Tally, doc_id: str, out: Mapping[str, Any], gold: Mapping[str, Any]) -> None:
    people: list[Mapping[str, Any]] = gold.get("people") or []

    # publication date, near-duplicate link, spun flag
    pub_sys, pub_gold = out.get("publication_date"), gold.get("publication_date")
    t.publication.add(pub_sys == pub_gold)
    _tally_value(t.fields["publication_dates"], pub_sys, [pub_gold], pub_sys == pub_gold)
    if pub_sys != pub_gold:
        t.issue(doc_id, "publication_date", "wrong", f"{pub_sys!r}, gold {pub_gold!r}")
    if "near_duplicate_of" in gold or "spun" in gold:
        dup_sys, dup_gold = out.get("near_duplicate_of"), gold.get("near_duplicate_of")
        t.duplicate.add(dup_sys == dup_gold)
        if dup_sys != dup_gold:
            t.issue(doc_id, "near_duplicate_of", "wrong", f"{dup_sys!r}, gold {dup_gold!r}")
    if "spun" in gold:
        spun_sys = bool((out.get("quality") or {}).get("spun"))
        t.spun.add(spun_sys == gold["spun"])
        if spun_sys != gold["spun"]:
            t.issue(doc_id, "spun", "wrong", f"{spun_sys}, gold {gold['spun']}")

    # people
    found: set[str] = set()
    counts = t.fields["people"]
    for person in out.get("people") or []:
        canonical = resolve_name(person.get("name"), people)
        if canonical is None:
            counts.fp += 1
            t.issue(doc_id, "people", "spurious", str(person.get("name")))
        elif canonical not in found:
            found.add(canonical)
            counts.tp += 1
    for gp in people:
        if gp.get("required", True) and gp["name"] not in found:
            counts.fn += 1
            t.issue(doc_id, "people", "missed", str(gp["name"]))

    # boilerplate removed, article kept
    body = out.get("text") or ""
    for line in gold.get("boilerplate") or []:
        t.boilerplate_left.add(line in body)
        if line in body:
            t.issue(doc_id, "boilerplate", "left", line)
    flat = plain(body)
    kept = [m["evidence"] for m in gold.get("meetings") or []]
    kept += [q["text"] for q in gold.get("quotes") or [] if q.get("required", True)]
    for passage in kept:
        t.content_kept.add(plain(passage) in flat)
        if plain(passage) not in flat:
            t.issue(doc_id, "text", "lost", passage)

    _score_meetings(t, doc_id, out, gold, people)
    _score_quotes(t, doc_id, out, gold, people)


def _score_meetings(t: _Tally, doc_id: str, out: Mapping[str, Any], gold: Mapping[str, Any],
                    people: Sequence[Mapping[str, Any]]) -> None:
    gold_meetings: list[Mapping[str, Any]] = gold.get("meetings") or []
    used: set[int] = set()
    counts = t.fields["meetings"]
    for sm in out.get("meetings") or []:
        participants = {resolve_name(n, people) or n for n in sm.get("participants") or []}
        hit = next((i for i, gm in enumerate(gold_meetings)
                    if i not in used and set(gm["participants"]) == participants), None)
        if hit is None:
            counts.fp += 1
            t.issue(doc_id, "meetings", "spurious", " + ".join(sorted(map(str, participants))))
            continue
        used.add(hit)
        gm = gold_meetings[hit]
        if not gm.get("required", True):
            continue
        counts.tp += 1

        attendees = {resolve_name(n, people) or n for n in sm.get("attendees") or []}
        gold_attendees = set(gm.get("attendees") or [])
        att = t.fields["attendees"]
        att.tp += len(attendees & gold_attendees)
        att.fp += len(attendees - gold_attendees)
        att.fn += len(gold_attendees - attendees)
        for name in sorted(map(str, attendees - gold_attendees)):
            t.issue(doc_id, "attendees", "spurious", name)
        for name in sorted(gold_attendees - attendees):
            t.issue(doc_id, "attendees", "missed", name)

        date_sys = sm.get("date")
        date_ok = date_sys == gm.get("date")
        t.dates.add(date_ok)
        _tally_value(t.fields["dates"], date_sys, [gm.get("date")], date_ok)
        if not date_ok:
            t.issue(doc_id, "dates", "wrong", f"{date_sys!r}, gold {gm.get('date')!r}")

        loc_sys = sm.get("location")
        accepted = gm.get("location")
        accepted_list: list[Any] = accepted if isinstance(accepted, list) else [accepted]
        loc_ok = any((loc_sys is None and a is None) or bool(loc_sys and a and fold(loc_sys) == fold(a))
                     for a in accepted_list)
        t.locations.add(loc_ok)
        _tally_value(t.fields["locations"], loc_sys, accepted_list, loc_ok)
        if not loc_ok:
            t.issue(doc_id, "locations", "wrong", f"{loc_sys!r}, gold {accepted_list!r}")

        if gold.get("event"):
            t.event_system[doc_id] = sm.get("event_id")
            t.event_gold[doc_id] = str(gold["event"])
    for i, gm in enumerate(gold_meetings):
        if i not in used and gm.get("required", True):
            counts.fn += 1
            t.issue(doc_id, "meetings", "missed", " + ".join(gm["participants"]))


def _score_quotes(t: _Tally, doc_id: str, out: Mapping[str, Any], gold: Mapping[str, Any],
                  people: Sequence[Mapping[str, Any]]) -> None:
    gold_quotes: list[Mapping[str, Any]] = gold.get("quotes") or []
    not_quotes: list[str] = gold.get("not_quotes") or []
    used: set[int] = set()
    counts, attribution = t.fields["quotes"], t.fields["attribution"]
    for sq in out.get("quotes") or []:
        text = sq.get("text", "")
        if any(same_quote(text, nq) for nq in not_quotes):
            t.scare_quotes += 1
            counts.fp += 1
            t.issue(doc_id, "quotes", "spurious", f"scare quote taken: {text!r}")
            continue
        hit = next((i for i, gq in enumerate(gold_quotes) if i not in used and same_quote(text, gq["text"])), None)
        if hit is None:
            counts.fp += 1
            t.issue(doc_id, "quotes", "spurious", repr(text))
            continue
        used.add(hit)
        gq = gold_quotes[hit]
        if not gq.get("required", True):
            continue
        counts.tp += 1
        speaker = resolve_name(sq.get("speaker"), people)
        correct = speaker == gq["speaker"]
        t.attribution.add(correct)
        _tally_value(attribution, sq.get("speaker"), [gq["speaker"]], correct)
        if not correct:
            t.issue(doc_id, "attribution", "wrong",
                    f"{sq.get('speaker')!r} for {_short(text)!r}, gold {gq['speaker']!r}")
    for i, gq in enumerate(gold_quotes):
        if i not in used and gq.get("required", True):
            counts.fn += 1
            t.issue(doc_id, "quotes", "missed", repr(_short(gq["text"])))


def _tally_value(counts: Counts, given: Any, accepted: Sequence[Any], correct: bool) -> None:
    """Slot-filling counts: a given value is right (tp) or wrong (fp); a needed one not given right is fn."""
    needed = None not in accepted
    if given is not None and correct:
        counts.tp += 1
    elif given is not None:
        counts.fp += 1
        counts.fn += needed
    else:
        counts.fn += needed


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def _check_offsets(t: _Tally, doc_id: str, out: Mapping[str, Any], path: Path) -> None:
    if not path.exists():
        return
    raw = path.read_text(encoding="utf-8")
    spans: list[Mapping[str, Any]] = list(out.get("quotes") or [])
    spans += [m.get("evidence") or {} for m in out.get("meetings") or []]
    spans += [mm for p in out.get("people") or [] for mm in p.get("mentions") or []]
    for span in spans:
        if "start" in span and "end" in span:
            t.offsets_checked += 1
            if raw[span["start"]:span["end"]] != span.get("text"):
                t.offsets_bad += 1
                t.issue(doc_id, "offsets", "bad-offset",
                        f"[{span['start']}:{span['end']}] is not {_short(str(span.get('text')))!r}")


def _event_pairs(gold: Mapping[str, str], system: Mapping[str, str | None]) -> Counts:
    """Pairwise clustering counts over the documents whose report matched a gold event."""
    docs = sorted(gold)
    c = Counts()
    for i, a in enumerate(docs):
        for b in docs[i + 1:]:
            same_gold = gold[a] == gold[b]
            same_sys = system[a] is not None and system[a] == system[b]
            c.tp += same_gold and same_sys
            c.fp += same_sys and not same_gold
            c.fn += same_gold and not same_sys
    return c


def _report(t: _Tally, documents: int) -> Report:
    q, events = t.fields["quotes"], _event_pairs(t.event_gold, t.event_system)
    m: dict[str, float | int] = {
        "quote_f1": q.f1,
        "quote_precision": q.precision,
        "quote_recall": q.recall,
        "quote_attribution_acc": t.attribution.value(0.0),
        "scare_quotes_taken": t.scare_quotes,
        "meeting_f1": t.fields["meetings"].f1,
        "attendee_f1": t.fields["attendees"].f1,
        "meeting_date_acc": t.dates.value(0.0),
        "meeting_location_acc": t.locations.value(0.0),
        "publication_date_acc": t.publication.value(0.0),
        "spun_acc": t.spun.value(1.0),
        "near_duplicate_acc": t.duplicate.value(1.0),
        "people_f1": t.fields["people"].f1,
        "boilerplate_removed": 1 - t.boilerplate_left.value(0.0) if t.boilerplate_left.n else 1.0,
        "content_kept": t.content_kept.value(1.0),
        "event_pair_f1": events.f1 if t.event_gold else 0.0,
        "offsets_wrong": t.offsets_bad,
        "offsets_checked": t.offsets_checked,
        "missing_docs": t.missing_docs,
    }
    m["overall"] = sum(float(m[k]) for k in HEADLINE) / len(HEADLINE)
    return Report(metrics=m, fields=dict(t.fields), issues=tuple(t.issues), documents=documents)


# --- reading gold and outputs, finding the texts, running the extractor -----------------------

def load_golds(gold_dir: Path) -> dict[str, JsonObj]:
    """Every ``*.json`` gold file of a folder, by doc_id (its ``doc_id`` field, else the file stem)."""
    if not gold_dir.is_dir():
        raise InputError(str(gold_dir), "gold folder not found")
    golds: dict[str, JsonObj] = {}
    for path in sorted(gold_dir.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(str(path), f"cannot read gold file: {exc}") from exc
        if not isinstance(data, dict):
            raise InputError(str(path), "gold file is not a JSON object")
        golds[str(data.get("doc_id") or data.get("id") or path.stem)] = data
    if not golds:
        raise InputError(str(gold_dir), "no *.json gold files in this folder")
    return golds


def load_outputs(path: Path) -> dict[str, JsonObj]:
    """A JSONL output file, by doc_id (a later line for the same doc_id wins)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read system output: {exc}") from exc
    return parse_outputs(lines, str(path))


def parse_outputs(lines: Iterable[str], source: str = "<outputs>") -> dict[str, JsonObj]:
    outputs: dict[str, JsonObj] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(source, f"line {n} is not JSON: {exc}") from exc
        if not isinstance(record, dict) or "doc_id" not in record:
            raise InputError(source, f"line {n} has no doc_id")
        outputs[str(record["doc_id"])] = record
    return outputs


def locate_texts(gold_dir: Path, golds: Mapping[str, Mapping[str, Any]],
                 texts: Path | None = None) -> dict[str, Path]:
    """The article file of every gold document; raises InputError naming the first one not found.

    Looked for in order: ``texts/<doc_id>.txt``; the gold's ``source_file`` relative to one of
    the gold folder's parents; ``<doc_id>.txt`` in a ``texts/`` or ``articles/`` folder beside it.
    """
    found: dict[str, Path] = {}
    parents = gold_dir.resolve().parents
    for doc_id, gold in golds.items():
        candidates: list[Path] = []
        if texts is not None:
            candidates.append(texts / f"{doc_id}.txt")
        else:
            source = gold.get("source_file")
            if source:
                candidates += [parent / str(source) for parent in parents]
            candidates += [gold_dir.resolve().parent / d / f"{doc_id}.txt" for d in ("texts", "articles")]
        path = next((c for c in candidates if c.is_file()), None)
        if path is None:
            where = str(texts) if texts is not None else "source_file, texts/ or articles/ beside the gold"
            raise InputError(doc_id, f"article text not found (looked in {where}); give --texts DIR")
        found[doc_id] = path
    return found


def run_extractor(paths: Sequence[Path], opts: Options, *, pipeline: Any = None
                  ) -> tuple[dict[str, JsonObj], list[Failure]]:
    """Run the extractor over the articles; JSON records by doc_id, and the inputs that failed.

    ``pipeline``: a loaded ``communique.pipeline.Pipeline`` to reuse across runs (optional).
    """
    from .pipeline import extract_corpus

    results, failures = extract_corpus(list(paths), opts, pipeline=pipeline)
    return {r.doc_id: r.to_json() for r in results}, list(failures)


def require_matches(outputs: Mapping[str, Any], golds: Mapping[str, Any], source: str) -> None:
    """An output that names none of the gold documents is a mistake (wrong file, other doc_ids),
    not a score: raise InputError saying that 0 of N gold documents matched."""
    if golds and not any(doc_id in outputs for doc_id in golds):
        raise InputError(source, f"0 of {len(golds)} gold documents matched: no output record has the doc_id "
                                 f"of a gold file ({plural(len(outputs), 'record')} read)")


def evaluate_gold_dir(gold_dir: Path, opts: Options, *, system: Path | None = None,
                      texts: Path | None = None, pipeline: Any = None) -> tuple[Report, list[Failure]]:
    """Score a gold folder: against a JSONL output when ``system`` is given, else by running the extractor."""
    golds = load_golds(gold_dir)
    if system is not None:
        outputs = load_outputs(system)
        require_matches(outputs, golds, str(system))
        return score(outputs, golds, texts), []
    files = locate_texts(gold_dir, golds, texts)
    outputs, failures = run_extractor([files[d] for d in golds], opts, pipeline=pipeline)
    return score(outputs, golds, files), failures


# --- printing ---------------------------------------------------------------------------------

FIELD_NOTES: dict[str, str] = {
    "attribution": "speaker of each matched quote",
    "attendees": "in matched meetings",
    "dates": "of matched meetings",
    "locations": "of matched meetings",
}


def format_report(report: Report, *, issues: bool = False) -> str:
    """The report as a readable table: per-field P/R/F1, then the headline metrics."""
    m = report.metrics
    lines = [f"{plural(report.documents, 'gold document')}, {m['missing_docs']} without output", ""]
    lines.append(f"{'field':<18} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    for name, c in report.fields.items():
        note = f"  ({FIELD_NOTES[name]})" if name in FIELD_NOTES else ""
        lines.append(f"{name:<18} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.tp:5d} {c.fp:5d} {c.fn:5d}{note}")
    lines.append("")
    for key, value in list(m.items()) + list((report.identity or {}).items()):
        lines.append(f"{key:<24} {value:.3f}" if isinstance(value, float) else f"{key:<24} {value}")
    if issues and report.issues:
        lines += ["", f"{plural(len(report.issues), 'issue')}:"]
        lines += [f"  {i.doc_id}  {i.field:<18} {i.kind:<10} {i.detail}" for i in report.issues]
    return "\n".join(lines)
