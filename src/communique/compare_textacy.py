"""A baseline for quotes: textacy's rule-based ``direct_quotations``, scored like our extractor.

textacy finds quotations with a reporting verb and its subject; the subject is a span ("the
minister", "Fidan", "he"). To score it we resolve that span by simple surname matching against
the gold people's names and variants: a baseline, not a rival resolver.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import CommuniqueError, InputError
from .evaluate import JsonObj, Report, fold, name_key

_MARKS = "\"'“”‘’«»`"
TEXTACY_MISSING = "--compare textacy needs the textacy package: pip install textacy==0.13.0"


def require_textacy() -> None:
    """Raise a one-line error naming the package to install when textacy cannot be imported."""
    try:
        import textacy.extract.triples  # noqa: F401
    except ImportError:
        raise CommuniqueError(TEXTACY_MISSING) from None


def surname_index(people: list[Mapping[str, Any]]) -> dict[str, str]:
    """Last word of every gold name and variant (normalised) -> canonical name; the first person wins."""
    index: dict[str, str] = {}
    for person in people:
        for form in [person["name"], *person.get("variants", [])]:
            words = name_key(form).split()
            if words:
                index.setdefault(words[-1], str(person["name"]))
    return index


def resolve_speaker(words: list[str], index: Mapping[str, str]) -> str | None:
    """The person a speaker span names, by its last word that is a known surname; else None."""
    for word in reversed(words):
        key = name_key(fold(word))
        if key in index:
            return index[key]
    return None


def textacy_quotes(text: str, nlp: Any, people: list[Mapping[str, Any]]) -> list[JsonObj]:
    """textacy's direct quotations of one text, as JSONL-contract quotes (offsets into ``text``)."""
    from textacy.extract.triples import direct_quotations

    doc = nlp(text)
    index = surname_index(people)
    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # textacy refuses texts with an unclosed quotation mark
        return []
    quotes: list[JsonObj] = []
    for speaker, _cue, content in triples:
        raw = text[content.start_char:content.end_char]
        inner = raw.strip().strip(_MARKS).strip()
        start = content.start_char + raw.find(inner)
        quotes.append({
            "speaker": resolve_speaker([t.text for t in speaker], index),
            "speaker_text": " ".join(t.text for t in speaker),
            "text": inner, "kind": "direct", "start": start, "end": start + len(inner),
        })
    return quotes


def textacy_outputs(files: Mapping[str, Path], golds: Mapping[str, Mapping[str, Any]], nlp: Any) -> dict[str, JsonObj]:
    """Quote-only outputs for every gold document, by doc_id."""
    outputs: dict[str, JsonObj] = {}
    for doc_id, path in files.items():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(str(path), f"cannot read article: {exc}") from exc
        outputs[doc_id] = {"doc_id": doc_id, "quotes": textacy_quotes(text, nlp, golds[doc_id].get("people") or [])}
    return outputs


COMPARED: tuple[tuple[str, str], ...] = (
    ("quote precision", "quote_precision"),
    ("quote recall", "quote_recall"),
    ("quote F1", "quote_f1"),
    ("attribution accuracy", "quote_attribution_acc"),
    ("scare quotes taken", "scare_quotes_taken"),
)


def quote_comparison(ours: Report, theirs: Report) -> JsonObj:
    return {key: {"communique": ours.metrics[key], "textacy": theirs.metrics[key]} for _, key in COMPARED}


def format_comparison(ours: Report, theirs: Report) -> str:
    lines = [f"{'quotes':<22} {'communique':>10} {'textacy':>10}"]
    for label, key in COMPARED:
        a, b = ours.metrics[key], theirs.metrics[key]
        if isinstance(a, float) and isinstance(b, float):
            lines.append(f"{label:<22} {a:10.3f} {b:10.3f}")
        else:
            lines.append(f"{label:<22} {a:>10} {b:>10}")
    return "\n".join(lines)
