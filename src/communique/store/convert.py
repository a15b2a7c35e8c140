"""Typed records the store returns, and the conversions between pipeline records and table rows.

Every function here is pure: records in, row dicts out (or back); ``store.py`` does the I/O.
Offsets are stored run-length encoded (``encode_offsets``): a cleaned text maps mostly to
consecutive raw offsets, so a 5,000-character article usually needs a few dozen numbers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..records import (
    Analysis,
    CleanDocument,
    DocumentResult,
    Entity,
    Failure,
    Meeting,
    Person,
    Quality,
    Quote,
    RawDocument,
    Span,
    Statement,
    participants_key,
)

Row = Mapping[Any, Any]  # a dict or a SQLAlchemy RowMapping


@dataclass(slots=True)
class AddReport:
    """What a write did: ids added (or updated), ids skipped and why."""

    added_ids: list[str] = field(default_factory=list)
    replaced_ids: list[str] = field(default_factory=list)  # of added_ids: ids that held other content before
    skipped_ids: list[str] = field(default_factory=list)
    reasons: dict[str, str] = field(default_factory=dict)  # skipped doc_id -> why
    failures: list[Failure] = field(default_factory=list)  # documents refused (an id clash), recorded in the store
    refused: set[tuple[str, str]] = field(default_factory=set)  # (doc_id, source) of each document refused

    @property
    def added(self) -> int:
        return len(self.added_ids)

    @property
    def skipped(self) -> int:
        return len(self.skipped_ids)

    def skip(self, doc_id: str, reason: str) -> None:
        self.skipped_ids.append(doc_id)
        self.reasons[doc_id] = reason

    def merge(self, other: AddReport) -> None:
        self.added_ids.extend(other.added_ids)
        self.replaced_ids.extend(other.replaced_ids)
        self.skipped_ids.extend(other.skipped_ids)
        self.reasons.update(other.reasons)
        self.failures.extend(other.failures)
        self.refused |= other.refused


@dataclass(frozen=True, slots=True)
class StoreStats:
    documents: int
    by_kind: dict[str, int]
    by_language: dict[str, int]
    spun: int
    people: int  # distinct people (the people table)
    meetings: int
    quotes: int
    statements: int
    events: int
    failures: int
    people_in_documents: int = 0  # (person, document) pairs: the rows of the people export

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents, "by_kind": self.by_kind, "by_language": self.by_language,
            "spun": self.spun, "people": self.people, "meetings": self.meetings, "quotes": self.quotes,
            "statements": self.statements, "events": self.events, "failures": self.failures,
            "people_in_documents": self.people_in_documents,
        }


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """One stored document: raw and clean text, the offset map, metadata and its analysis."""

    clean: CleanDocument
    content_hash: str
    quality: Quality | None  # None until the document has been extracted
    analysis: Analysis
    near_duplicate_of: str | None
    duplicate_reason: str | None
    ingested_at: datetime
    extracted_at: datetime | None
    extractor_version: str | None

    @property
    def raw(self) -> RawDocument:
        return self.clean.raw

    @property
    def doc_id(self) -> str:
        return self.clean.raw.doc_id

    @property
    def raw_text(self) -> str:
        return self.clean.raw.text

    @property
    def clean_text(self) -> str:
        return self.clean.text

    @property
    def offsets(self) -> tuple[int, ...]:
        return self.clean.offsets

    @property
    def language(self) -> str | None:
        return self.quality.language if self.quality else None

    def to_result(self) -> DocumentResult:
        return DocumentResult(
            clean=self.clean, quality=self.quality or Quality(language=None),
            analysis=self.analysis, near_duplicate_of=self.near_duplicate_of,
            duplicate_reason=self.duplicate_reason,
        )

    def to_json(self) -> dict[str, Any]:
        """The JSONL contract's object plus the store's own metadata."""
        out = self.to_result().to_json()
        raw = self.clean.raw
        out.update({
            "kind": raw.kind, "url": raw.url, "content_hash": self.content_hash,
            "extracted": self.quality is not None,
            "ingested_at": self.ingested_at.isoformat(),
            "extracted_at": self.extracted_at.isoformat() if self.extracted_at else None,
            "extractor_version": self.extractor_version,
        })
        if self.quality is None:
            out["quality"] = None
            out["language"] = None
        return out


# --- offsets -----------------------------------------------------------------------------------

def encode_offsets(offsets: Sequence[int]) -> str:
    """Run-length encode: ``[start, length, start, length, ...]`` of consecutive-integer runs."""
    out: list[int] = []
    n = len(offsets)
    i = 0
    while i < n:
        start = offsets[i]
        j = i + 1
        while j < n and offsets[j] == start + (j - i):
            j += 1
        out.append(start)
        out.append(j - i)
        i = j
    return json.dumps(out, separators=(",", ":"))


def decode_offsets(data: str) -> tuple[int, ...]:
    runs = json.loads(data)
    values: list[int] = []
    for k in range(0, len(runs), 2):
        start = runs[k]
        values.extend(range(start, start + runs[k + 1]))
    return tuple(values)


# --- records -> rows ---------------------------------------------------------------------------

def _span_cols(prefix: str, span: Span | None) -> dict[str, Any]:
    if span is None:
        return {f"{prefix}_text": None, f"{prefix}_start": None, f"{prefix}_end": None}
    return {f"{prefix}_text": span.text, f"{prefix}_start": span.start, f"{prefix}_end": span.end}


def _removed(clean: CleanDocument) -> list[list[Any]]:
    text = clean.raw.text
    out: list[list[Any]] = []
    for s in clean.removed:
        out.append([s.start, s.end] if text[s.start:s.end] == s.text else [s.start, s.end, s.text])
    return out


def document_row(clean: CleanDocument, now: datetime, result: DocumentResult | None = None,
                 extractor_version: str | None = None) -> dict[str, Any]:
    """The ``documents`` row of a cleaned document, with its quality/links when ``result`` is given."""
    raw = clean.raw
    row: dict[str, Any] = {
        "doc_id": raw.doc_id, "content_hash": raw.content_hash, "source": raw.source, "kind": raw.kind,
        "url": raw.url, "title": raw.title, "publication_date": raw.publication_date,
        "raw_text": raw.text, "html": raw.html, "body_start": raw.body_start,
        "clean_text": clean.text, "offsets": encode_offsets(clean.offsets), "removed": _removed(clean),
        "language": None, "spun": None, "quality": None, "skipped": None,
        "near_duplicate_of": None, "duplicate_reason": None,
        "ingested_at": now, "extracted_at": None, "extractor_version": None,
    }
    if result is not None:
        q = result.quality
        row.update({
            "language": q.language, "spun": q.spun,
            "quality": {"spun": q.spun, "spam_phrases": list(q.spam_phrases), "score": q.score,
                        "reasons": list(q.reasons)},
            "skipped": result.analysis.skipped,
            "near_duplicate_of": result.near_duplicate_of, "duplicate_reason": result.duplicate_reason,
            "extracted_at": now, "extractor_version": extractor_version,
        })
    return row


def meeting_row(doc_id: str, idx: int, m: Meeting) -> dict[str, Any]:
    return {
        "doc_id": doc_id, "idx": idx, "event_id": m.event_id,
        "participants": list(m.participants), "attendees": list(m.attendees),
        "date": m.date, "date_text": m.date_text, "date_derivation": m.date_derivation,
        "location": m.location, **_span_cols("location", m.location_text),
        **_span_cols("evidence", m.evidence), "host": m.host, "visitor": m.visitor,
        "participants_key": participants_key(m.participants),
    }


def quote_row(doc_id: str, idx: int, q: Quote) -> dict[str, Any]:
    return {
        "doc_id": doc_id, "idx": idx, "speaker": q.speaker, "text": q.text, "kind": q.kind,
        "start": q.start, "end": q.end, "confidence": q.confidence, "speakers_words": q.speakers_words,
        **_span_cols("cue", q.cue),
    }


def statement_row(doc_id: str, idx: int, s: Statement) -> dict[str, Any]:
    return {
        "doc_id": doc_id, "idx": idx, "source": s.source, "type": s.type, "target": s.target,
        "mode": s.mode, "source_country": s.source_country, "target_country": s.target_country,
        "actors": [e.to_json() for e in s.actors], "recipients": [e.to_json() for e in s.recipients],
        "context": list(s.context), "sentence": s.sentence,
        **_span_cols("evidence", s.evidence),
    }


# --- rows -> records ---------------------------------------------------------------------------

def _span(row: Row, prefix: str) -> Span | None:
    start = row[f"{prefix}_start"]
    if start is None:
        return None
    return Span(row[f"{prefix}_text"], start, row[f"{prefix}_end"])


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def clean_from_row(row: Row) -> CleanDocument:
    raw = RawDocument(
        doc_id=row["doc_id"], source=row["source"], text=row["raw_text"], title=row["title"],
        publication_date=_date(row["publication_date"]), kind=row["kind"], url=row["url"],
        html=row["html"], body_start=row["body_start"],
    )
    text = raw.text
    removed = tuple(
        Span(r[2] if len(r) > 2 else text[r[0]:r[1]], r[0], r[1]) for r in row["removed"] or ()
    )
    return CleanDocument(raw=raw, text=row["clean_text"], offsets=decode_offsets(row["offsets"]),
                         removed=removed)


def quality_from_row(row: Row) -> Quality | None:
    q = row["quality"]
    if q is None:
        return None
    return Quality(language=row["language"], spun=bool(q["spun"]), spam_phrases=tuple(q["spam_phrases"]),
                   score=q["score"], reasons=tuple(q.get("reasons", ())))


def person_from_rows(person: Row, mentions: Sequence[Row]) -> Person:
    return Person(
        name=person["name"], role=person["role"], country=person["country"], wikidata=person["wikidata"],
        mentions=tuple(Span(m["text"], m["start"], m["end"]) for m in mentions),
    )


def meeting_from_row(row: Row) -> Meeting:
    return Meeting(
        participants=tuple(row["participants"]), attendees=tuple(row["attendees"]),
        date=_date(row["date"]), date_text=row["date_text"], date_derivation=row["date_derivation"],
        location=row["location"], location_text=_span(row, "location"), evidence=_span(row, "evidence"),
        host=row["host"], visitor=row["visitor"], event_id=row["event_id"],
    )


def quote_from_row(row: Row) -> Quote:
    return Quote(
        speaker=row["speaker"], text=row["text"], kind=row["kind"], start=row["start"], end=row["end"],
        confidence=row["confidence"], cue=_span(row, "cue"), speakers_words=bool(row["speakers_words"]),
    )


def statement_from_row(row: Row) -> Statement:
    evidence = _span(row, "evidence")
    assert evidence is not None  # NOT NULL columns
    return Statement(
        source=row["source"], type=row["type"], target=row["target"], evidence=evidence, mode=row["mode"],
        source_country=row["source_country"], target_country=row["target_country"],
        actors=tuple(map(Entity.from_json, row["actors"] or ())), recipients=tuple(map(Entity.from_json, row["recipients"] or ())),
        context=tuple(row["context"] or ()), sentence=row["sentence"],
    )
