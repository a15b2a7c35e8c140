"""Pydantic models of every HTTP API response and request body (they make ``/openapi.json``)."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


def _iso_only(value: Any) -> Any:
    """Dates are YYYY-MM-DD only (pydantic alone would take '0' as a timestamp)."""
    if isinstance(value, date) or isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return value
    raise ValueError("expected a date as YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_only)]


class SpanOut(BaseModel):
    text: str
    start: int = Field(description="Offset into the document's raw text.")
    end: int


class ErrorBody(BaseModel):
    status: int
    code: str = Field(description="not_found, validation_error, unauthorized, forbidden, payload_too_large, ...")
    message: str
    detail: Any = None


class ErrorResponse(BaseModel):
    """The one shape of every error the API returns."""

    error: ErrorBody


class EventSummary(BaseModel):
    event_id: str
    date: str | None
    participants: list[str]
    attendees: list[str]
    location: str | None
    n_sources: int = Field(description="Independent reports: a copy (exact, near or spun) of another report is not counted.")
    copies: int = Field(0, description="Reports that copy another report of the event (listed under it, never counted).")
    conflicts: list[str]
    disputed: bool = Field(False, description="True when independent reports disagree on a field (see conflicts).")
    date_source: str | None = Field(None, description="'text' when a report writes the date, 'publication' when it was worked out from a publication date.")
    date_agreed_by: int
    location_agreed_by: int


class EventPage(BaseModel):
    items: list[EventSummary]
    total: int
    limit: int
    offset: int
    total_is_estimate: bool = Field(
        False, description="True when a free-text search matched more than it counts: total is then a floor.")


class FieldSource(BaseModel):
    doc_id: str
    value: Any


class FieldAgreement(BaseModel):
    value: Any
    agreed_by: int = Field(description="How many independent reports give the agreed value.")
    of: int = Field(description="How many independent reports the event has.")
    conflict: bool
    sources: list[FieldSource]


class MeetingOut(BaseModel):
    idx: int
    event_id: str | None
    participants: list[str]
    attendees: list[str]
    date: str | None
    date_text: str | None
    date_derivation: str | None
    location: str | None
    location_text: SpanOut | None = None
    evidence: SpanOut | None
    host: str | None
    visitor: str | None


class DocumentSummary(BaseModel):
    doc_id: str
    title: str | None
    source: str
    url: str | None
    kind: str
    publication_date: str | None
    language: str | None
    spun: bool | None
    near_duplicate_of: str | None
    duplicate_reason: str | None
    skipped: str | None


class EventSource(DocumentSummary):
    meetings: list[MeetingOut]
    copy_of: str | None = Field(None, description="The report of this event that this one copies (then it adds no agreement).")


class QuoteOut(BaseModel):
    doc_id: str
    idx: int
    speaker: str | None
    text: str
    kind: str
    start: int
    end: int
    confidence: float
    speakers_words: bool = Field(description="False for quotes from a spun copy: not the speaker's words.")
    cue: SpanOut | None


class QuoteHit(QuoteOut):
    title: str | None
    publication_date: str | None


class SpeakerQuotes(BaseModel):
    speaker: str | None
    quotes: list[QuoteOut]


class EventMoved(BaseModel):
    """The answer for an event id that no longer names an event (HTTP 301)."""

    error: ErrorBody
    event_ids: list[str] = Field(description="Where its reports are now, the event holding its first report first.")


class EventDetail(EventSummary):
    date_sources: list[str]
    date_derivation: str | None
    fields: dict[str, FieldAgreement]
    sources: list[EventSource]
    quotes_by_speaker: list[SpeakerQuotes]


class DocumentPage(BaseModel):
    items: list[DocumentSummary]
    total: int
    limit: int
    offset: int


class PersonOut(BaseModel):
    name: str
    role: str | None
    country: str | None
    wikidata: str | None
    mentions: list[SpanOut]


class EntityOut(BaseModel):
    """A PLOVER actor or recipient: the words that name it, its country (ISO-3, or IGO) and sector."""

    text: str
    start: int
    end: int
    code: str | None
    sector: str | None
    person: str | None
    org: str | None


class StatementOut(BaseModel):
    idx: int
    source: str | None
    type: str
    target: str | None
    mode: str | None
    source_country: str | None
    target_country: str | None
    actors: list[EntityOut] = []
    recipients: list[EntityOut] = []
    context: list[str] = []
    evidence: SpanOut


class Annotations(BaseModel):
    people: list[PersonOut]
    meetings: list[MeetingOut]
    quotes: list[QuoteOut]
    statements: list[StatementOut]


class QualityOut(BaseModel):
    spun: bool
    score: float
    spam_phrases: list[str]
    reasons: list[str]


class DocumentDetail(DocumentSummary):
    raw_text: str
    clean_text: str
    body_start: int
    removed: list[SpanOut]
    quality: QualityOut | None
    content_hash: str
    ingested_at: str | None
    extracted_at: str | None
    extractor_version: str | None
    annotations: Annotations


class PersonSummary(BaseModel):
    name: str
    role: str | None
    country: str | None
    wikidata: str | None
    documents: int
    quotes: int


class PeoplePage(BaseModel):
    items: list[PersonSummary]
    total: int
    limit: int
    offset: int


class PersonMatchOut(BaseModel):
    """A stored person a name may mean (``store.people.find_people``)."""

    name: str = Field(description="The stored canonical name (the person's page: /api/people/{name}).")
    role: str | None
    country: str | None
    wikidata: str | None
    documents: int
    quotes: int
    how: str = Field(description="How the name matched: name, canonical, alias, id, transliteration, surname, "
                                 "partial, initials (search also: part of the name).")
    rank: int = Field(description="3 the name, an alias or the Wikidata id; 2 a transliteration; 1 a surname "
                                  "or part of a name; 0 (search only) the text is inside the name.")


class PersonCandidate(PersonMatchOut):
    href: str = Field(description="The API URL of this person.")


class PersonChoices(BaseModel):
    """HTTP 409 for a person name several stored people match equally well ("Assad"): ask again
    with one of the candidates' names."""

    error: ErrorBody
    candidates: list[PersonCandidate]


class SearchPerson(PersonMatchOut):
    name_html: str = Field(description="The name, HTML-escaped, matched terms in <mark>.")


class SearchQuote(QuoteHit):
    text_html: str = Field(description="The quote, HTML-escaped, matched terms in <mark>.")


class SearchDocument(DocumentSummary):
    title_html: str = Field(description="The title (doc_id when untitled), HTML-escaped, matched terms in <mark>.")
    snippet: str = Field(description="About 200 characters of the clean text around the first match.")
    snippet_html: str = Field(description="The snippet, HTML-escaped, matched terms in <mark>.")


class SearchResult(BaseModel):
    """Search results grouped by kind, each group at most ``limit`` long."""

    q: str
    named: list[str] = Field(description="The people the query names (several when it is ambiguous): their "
                                         "events, quotes and documents are included.")
    terms: list[str] = Field(description="The forms of their names that are highlighted (with the words of q).")
    people: list[SearchPerson]
    events: list[EventSummary]
    quotes: list[SearchQuote]
    documents: list[SearchDocument]


class TimelineEntry(EventSummary):
    as_: str = Field(alias="as", description="participant or attendee")

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)


class PersonDetail(BaseModel):
    name: str
    role: str | None
    country: str | None
    wikidata: str | None
    documents: int
    meetings: list[TimelineEntry] = Field(description="The first `limit` events, oldest first (page on with /api/events?person=).")
    meetings_total: int
    quotes: list[QuoteHit] = Field(description="The first `limit` quotes, oldest first (page on with /api/quotes?speaker=).")
    quotes_total: int


class QuotePage(BaseModel):
    items: list[QuoteHit]
    total: int
    limit: int
    offset: int
    total_is_estimate: bool = Field(
        False, description="True when a free-text search matched more than it counts: total is then a floor.")


class Health(BaseModel):
    ok: bool
    store: str
    counts: dict[str, Any] | None
    error: str | None
    version: str


class SettingOut(BaseModel):
    name: str
    value: Any
    default: Any
    help: str
    choices: list[Any] | None
    minimum: float | None
    maximum: float | None
    secret: bool = False


class SettingsOut(BaseModel):
    settings: list[SettingOut]


_TEXT_OR_HTML: dict[str, Any] = {"anyOf": [{"required": [k], "properties": {k: {"type": "string"}}} for k in ("text", "html")]}


class DocumentIn(BaseModel):
    """One document to ingest: ``text`` or ``html`` (with some non-space character) is required."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_TEXT_OR_HTML)

    id: str | None = Field(default=None, max_length=255, pattern=r"\S")
    title: str | None = None
    date: IsoDate | None = Field(default=None, description="Publication date (YYYY-MM-DD).")
    text: str | None = Field(default=None, pattern=r"\S")
    html: str | None = Field(default=None, pattern=r"\S")
    url: str | None = None


class IngestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    documents: list[DocumentIn] = Field(min_length=1)


class IngestFailure(BaseModel):
    source: str
    reason: str
    stage: str


class IngestOut(BaseModel):
    added: list[str] = Field(description="doc_ids stored (new or updated).")
    replaced: list[str] = Field(default_factory=list, description="Of added: doc_ids that already held other content, now replaced by this request's.")
    skipped: dict[str, str] = Field(description="doc_id -> why it was not stored.")
    failures: list[IngestFailure] = Field(description="What could not be stored and why (the first 100).")
    failures_total: int = Field(0, description="How many inputs failed in all (all are kept in the store).")
    events: list[str] = Field(description="Event ids the ingested documents now belong to.")
