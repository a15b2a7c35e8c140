"""Typed records that flow between the pipeline stages.

raw bytes -> RawDocument -> CleanDocument -> Analysis -> DocumentResult -> store / JSONL.
Every offset is an index into ``RawDocument.text`` (the text as read from the input, decoded,
before any cleaning), so that ``raw.text[start:end] == span.text`` always holds.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

QuoteKind = Literal["direct", "fragment"]

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# the manual's modes of each type (PLOVER_MANUAL.tex at 5e0c24f, each category's "Supplementary
# fields"); a type not listed has none ("Supplementary fields: None": AGREE, SUPPORT, CONCEDE,
# COOPERATE, AID). The export's schema (data/plover_record.schema.json) holds the same lists.
PLOVER_MODES: dict[str, frozenset[str]] = {
    "CONSULT": frozenset({"visit", "third-party", "multilateral", "phone"}),
    "RETREAT": frozenset({"withdraw", "release", "disarm", "ceasefire", "access", "resign"}),
    "REQUEST": frozenset({"assist", "change", "yield", "meet"}),
    "ACCUSE": frozenset({"disapprove", "investigate", "allege"}),
    "REJECT": frozenset({"assist", "change", "yield", "meet"}),
    "THREATEN": frozenset({"restrict", "arrest", "relations", "expel", "territory", "violence"}),
    "PROTEST": frozenset({"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"}),
    "SANCTION": frozenset({"convict", "expel", "withdraw", "discontinue"}),
    "MOBILIZE": frozenset({"troops", "weapons", "police", "militia"}),
    "COERCE": frozenset({"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
                         "misinformation", "cyber"}),
    "ASSAULT": frozenset({"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                          "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                          "unconventional"}),
}


def plover_mode(typ: str, mode: str | None) -> str | None:
    """``mode`` if the manual's vocabulary of ``typ`` has it, else None (a CONSULT's "visit" on
    the AGREE an announced visit becomes)."""
    return mode if mode in PLOVER_MODES.get(typ, frozenset()) else None


def content_hash(text: str) -> str:
    """Deterministic id of a text: sha256 of its UTF-8 bytes, hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of evidence: ``text`` equals ``raw_text[start:end]``."""

    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input article, its text kept verbatim (decoded; offsets index this)."""

    doc_id: str
    source: str
    text: str
    title: str | None = None
    publication_date: date | None = None
    kind: str = "txt"  # txt | html | jsonl | warc | stdin
    url: str | None = None
    html: str | None = None  # the original markup, for HTML/WARC inputs
    body_start: int = 0  # where the article body starts in ``text`` (after a header line)

    @property
    def content_hash(self) -> str:
        """sha256 of ``text`` (hex): the document's content id."""
        return content_hash(self.text)


@dataclass(frozen=True, slots=True)
class CleanDocument:
    """The article with furniture removed, and a map from each cleaned char to its raw offset.

    ``offsets`` has ``len(text) + 1`` entries: ``offsets[i]`` is the raw offset of ``text[i]``,
    and the last entry is the raw offset just past the last kept character.
    """

    raw: RawDocument
    text: str
    offsets: tuple[int, ...]
    removed: tuple[Span, ...] = ()  # raw spans dropped as boilerplate, with their text

    def raw_span(self, start: int, end: int) -> Span:
        """The raw-text span covering cleaned ``text[start:end]``."""
        if end <= start:
            s = self.offsets[start]
            return Span("", s, s)
        rs = self.offsets[start]
        re_ = self.offsets[end - 1] + 1
        return Span(self.raw.text[rs:re_], rs, re_)


@dataclass(frozen=True, slots=True)
class Quality:
    language: str | None = "en"
    spun: bool = False
    spam_phrases: tuple[str, ...] = ()
    score: float = 1.0
    reasons: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"spun": self.spun, "spam_phrases": list(self.spam_phrases), "score": round(self.score, 3)}


@dataclass(frozen=True, slots=True)
class Person:
    name: str  # canonical (knowledge base) or the fullest form in the text
    role: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    wikidata: str | None = None
    mentions: tuple[Span, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "role": self.role, "country": self.country, "wikidata": self.wikidata,
            "mentions": [m.to_json() for m in self.mentions],
        }


UNDATED = "undated"  # how a missing date is written for people: CLI text output and web UI
NO_PLACE = "place not stated"  # how a missing place is written for people


def participants_key(participants: Iterable[str]) -> str:
    """The key of a set of participants (sha1 hex of the sorted distinct names): events are merged
    per participant set, so the meetings and events of one key are all a merge needs to look at."""
    return hashlib.sha1("\x1f".join(sorted(set(participants))).encode()).hexdigest()


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """``1 mention``, ``2 mentions`` (``nouns`` for an irregular plural: ``plural(2, "copy", "copies")``)."""
    return f"{n} {noun if n == 1 else (nouns or noun + 's')}"


def describe_copy(target: str, reason: str | None) -> str:
    """A link for people: ``spun copy of X: shared people 4, ...`` (kind, original, why; no nested
    parentheses). Reasons are ``KIND`` or ``KIND: WHY``; older stores said ``KIND (WHY)``."""
    kind, _, why = (reason or "copy").partition(": ")
    if kind.endswith(")") and " (" in kind:
        kind, _, why = kind[:-1].partition(" (")
    return f"{kind.split(' of ')[0].strip()} of {target}" + (f": {why.strip()}" if why.strip() else "")


@dataclass(frozen=True, slots=True)
class Meeting:
    participants: tuple[str, ...]
    attendees: tuple[str, ...] = ()
    date: date | None = None
    date_text: str | None = None
    date_derivation: str | None = None  # how the date was fixed ("weekday before publication date", ...)
    location: str | None = None
    location_text: Span | None = None
    evidence: Span | None = None
    host: str | None = None  # the receiving side, when the text says
    visitor: str | None = None
    event_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "participants": list(self.participants),
            "attendees": list(self.attendees),
            "date": self.date.isoformat() if self.date else None,
            "date_text": self.date_text,
            "date_derivation": self.date_derivation,
            "location": self.location,
            "host": self.host,
            "visitor": self.visitor,
            "evidence": self.evidence.to_json() if self.evidence else None,
        }


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: str | None
    text: str
    kind: QuoteKind
    start: int
    end: int
    confidence: float
    cue: Span | None = None  # the words that attribute it ("the Leader said")
    speakers_words: bool = True  # False when the document is spun: not the speaker's words

    def to_json(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker, "text": self.text, "kind": self.kind,
            "start": self.start, "end": self.end, "confidence": round(self.confidence, 3),
            "speakers_words": self.speakers_words,
            "cue": self.cue.to_json() if self.cue else None,
        }


@dataclass(frozen=True, slots=True)
class Entity:
    """A PLOVER actor or recipient: a person, a state, an international organisation or a group."""

    text: Span  # the words that name it
    code: str | None  # ISO-3 country, "IGO" for an international organisation, None when the text gives none
    sector: str | None = None  # PLOVER sector: GOV, MIL, COP, REB, CVL ...
    person: str | None = None  # canonical name of a person
    org: str | None = None  # canonical name of an international organisation

    @property
    def name(self) -> str | None:
        """How a statement names it: the person, else the organisation, else the country code (None for a group of no stated country)."""
        return self.person or self.org or self.code

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text.text, "start": self.text.start, "end": self.text.end, "code": self.code,
                "sector": self.sector, "person": self.person, "org": self.org}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Entity:
        return cls(Span(d["text"], d["start"], d["end"]), d.get("code"), d.get("sector"), d.get("person"), d.get("org"))


@dataclass(frozen=True, slots=True)
class Statement:
    source: str | None  # the first actor: a canonical person name, an organisation, or an ISO-3 country
    type: str  # one of PLOVER_TYPES
    target: str | None  # the first recipient, named the same way
    evidence: Span
    mode: str | None = None  # a PLOVER mode of the type ("visit", "phone", "arrest" ...), or None
    source_country: str | None = None
    target_country: str | None = None
    actors: tuple[Entity, ...] = ()  # every actor (a compound actor has several)
    recipients: tuple[Entity, ...] = ()
    context: tuple[str, ...] = ()  # PLOVER contexts, with "negation" / "hypothetical" where the text says so
    sentence: int | None = None  # index of its sentence in the analysed text (None: stored before it was kept)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source, "type": self.type, "target": self.target, "mode": self.mode,
            "source_country": self.source_country, "target_country": self.target_country,
            "actors": [a.to_json() for a in self.actors], "recipients": [r.to_json() for r in self.recipients],
            "context": list(self.context), "sentence": self.sentence,
            "evidence": self.evidence.to_json(),
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    people: tuple[Person, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    quotes: tuple[Quote, ...] = ()
    statements: tuple[Statement, ...] = ()
    skipped: str | None = None  # reason the extractor did not run (other language, no sentences...)


@dataclass(slots=True)
class DocumentResult:
    """Everything known about one document: what the JSONL contract prints."""

    clean: CleanDocument
    quality: Quality = field(default_factory=Quality)
    analysis: Analysis = field(default_factory=Analysis)
    near_duplicate_of: str | None = None
    duplicate_reason: str | None = None

    @property
    def doc_id(self) -> str:
        """The document id (``clean.raw.doc_id``)."""
        return self.clean.raw.doc_id

    def to_json(self) -> dict[str, Any]:
        """The JSONL record of this document (the ``communique extract`` output contract)."""
        raw = self.clean.raw
        a = self.analysis
        return {
            "doc_id": raw.doc_id,
            "source": raw.source,
            "title": raw.title,
            "publication_date": raw.publication_date.isoformat() if raw.publication_date else None,
            "language": self.quality.language,
            "text": self.clean.text,
            "quality": self.quality.to_json(),
            "near_duplicate_of": self.near_duplicate_of,
            "duplicate_reason": self.duplicate_reason,
            "people": [p.to_json() for p in a.people],
            "meetings": [m.to_json() for m in a.meetings],
            "quotes": [q.to_json() for q in a.quotes],
            "statements": [s.to_json() for s in a.statements],
            "skipped": a.skipped,
        }


MAX_REASON_CHARS = 300  # a failure's reason is cut here: input bytes must not flood a terminal or a row
MAX_SOURCE_CHARS = 1000


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")


def printable(text: str, limit: int) -> str:
    """``text`` safe for a terminal, a log line and a database row: control characters
    (ESC, BEL, NUL, newlines ...), unpaired surrogates and non-UTF-8 file-name bytes written as
    escapes (``\\x1b``, ``\\udcff``), cut to ``limit`` characters with the length it had."""
    out = _UNPRINTABLE.sub(lambda m: ascii(m.group())[1:-1], text)
    if len(out) > limit:
        out = f"{out[: limit - 40]}… ({len(out):,} characters in all)"
    return out


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be processed: which one and why (never raised, always reported).

    ``source`` is the file (``FILE:LINE`` for a record of a JSONL file, the record's URL for a
    WARC record); both it and ``reason`` are made printable and bounded on creation, since
    they may carry hostile input."""

    source: str
    reason: str
    stage: str = "ingest"

    def __post_init__(self) -> None:
        object.__setattr__(self, "source", printable(self.source, MAX_SOURCE_CHARS))
        object.__setattr__(self, "reason", printable(self.reason, MAX_REASON_CHARS))

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"

    @property
    def file(self) -> str:
        """The input file this failure belongs to (``source`` without ``:LINE`` or ``#record``)."""
        m = _RECORD_SUFFIX.search(self.source)
        return self.source[: m.start()] if m else self.source


_RECORD_SUFFIX = re.compile(r"(?::\d+|#[^/]*)$")


FetchKind = Literal["feed", "page"]
FetchStatus = Literal["pending", "done", "failed", "gone"]


@dataclass(frozen=True, slots=True)
class FetchState:
    """What ``communique watch`` knows of one feed or article URL: kept in the store's ``fetches``.

    ``state``: ``pending`` (listed by a feed, not fetched yet, or listed again with a new
    date), ``done`` (fetched), ``failed`` (the last try failed in a way that may pass: tried again
    next cycle), ``gone`` (failed for good, or too often: not tried again unless its feed entry's
    date changes). A feed is polled every cycle whatever its state."""

    url: str
    kind: FetchKind
    state: FetchStatus = "pending"
    feed: str | None = None  # the feed or sitemap that listed a page
    entry_updated: str | None = None  # that listing's date for it, as written
    etag: str | None = None
    last_modified: str | None = None
    status: int | None = None  # the last HTTP status (None: no answer)
    content_hash: str | None = None  # sha256 of the last body received (hex)
    final_url: str | None = None  # where redirects led
    doc_id: str | None = None  # the document a page became
    attempts: int = 0  # failed tries since the last success
    error: str | None = None  # the last failure's reason
    discovered_at: datetime | None = None
    fetched_at: datetime | None = None  # the last request (any outcome)
    ok_at: datetime | None = None  # the last success (a 200 read, or a 304)
