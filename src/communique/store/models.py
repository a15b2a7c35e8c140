"""The store's schema as typed SQLAlchemy 2 ORM models.

The tables are created by the Alembic migrations in ``migrations/versions`` (never by
``metadata.create_all``): a new column means a new migration *and* a new attribute here.
Spans are stored as three columns (``*_text``, ``*_start``, ``*_end``); lists of names and
free-form records as JSON.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Deterministic constraint names, so later migrations can refer to them on every backend.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Document(Base):
    __tablename__ = "documents"

    doc_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    publication_date: Mapped[date | None] = mapped_column(Date, index=True)
    raw_text: Mapped[str] = mapped_column(Text)
    html: Mapped[str | None] = mapped_column(Text)
    body_start: Mapped[int] = mapped_column(Integer, default=0)
    clean_text: Mapped[str] = mapped_column(Text)
    offsets: Mapped[str] = mapped_column(Text)  # run-length JSON, see store.encode_offsets
    removed: Mapped[list[Any]] = mapped_column(JSON)  # [[start, end], ...] raw spans dropped
    language: Mapped[str | None] = mapped_column(String(16), index=True)
    spun: Mapped[bool | None] = mapped_column(Boolean)
    quality: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    skipped: Mapped[str | None] = mapped_column(Text)
    near_duplicate_of: Mapped[str | None] = mapped_column(String(255))
    duplicate_reason: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    extracted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    extractor_version: Mapped[str | None] = mapped_column(String(64))


class Person(Base):
    """One row per canonical name (get-or-create); per-document roles live in doc_people."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    wikidata: Mapped[str | None] = mapped_column(String(32))
    role: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(16))  # ISO-3, or a region ("IRQ-KRD")
    # kept by the write path (indexing.refresh_people_counts): what the people list sorts on
    n_documents: Mapped[int] = mapped_column(Integer, server_default="0")
    n_quotes: Mapped[int] = mapped_column(Integer, server_default="0")


class DocPerson(Base):
    """A person as one document presents them (order, role at the time)."""

    __tablename__ = "doc_people"

    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True)
    idx: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    role: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(16))  # ISO-3, or a region ("IRQ-KRD")
    wikidata: Mapped[str | None] = mapped_column(String(32))


class Mention(Base):
    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.doc_id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    person_idx: Mapped[int] = mapped_column(Integer)
    idx: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class Meeting(Base):
    __tablename__ = "meetings"
    __table_args__ = (UniqueConstraint("doc_id", "idx"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.doc_id", ondelete="CASCADE"))
    idx: Mapped[int] = mapped_column(Integer)
    event_id: Mapped[str | None] = mapped_column(String(64), index=True)
    participants: Mapped[list[Any]] = mapped_column(JSON)
    attendees: Mapped[list[Any]] = mapped_column(JSON)
    date: Mapped[date | None] = mapped_column(Date, index=True)
    date_text: Mapped[str | None] = mapped_column(Text)
    date_derivation: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(Text)
    location_text: Mapped[str | None] = mapped_column(Text)
    location_start: Mapped[int | None] = mapped_column(Integer)
    location_end: Mapped[int | None] = mapped_column(Integer)
    evidence_text: Mapped[str | None] = mapped_column(Text)
    evidence_start: Mapped[int | None] = mapped_column(Integer)
    evidence_end: Mapped[int | None] = mapped_column(Integer)
    host: Mapped[str | None] = mapped_column(Text)
    visitor: Mapped[str | None] = mapped_column(Text)
    participants_key: Mapped[str | None] = mapped_column(String(40), index=True)  # records.participants_key


class Quote(Base):
    __tablename__ = "quotes"
    __table_args__ = (UniqueConstraint("doc_id", "idx"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.doc_id", ondelete="CASCADE"))
    idx: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str | None] = mapped_column(String(255), index=True)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Double)
    speakers_words: Mapped[bool] = mapped_column(Boolean)
    cue_text: Mapped[str | None] = mapped_column(Text)
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)


class Statement(Base):
    __tablename__ = "statements"
    __table_args__ = (UniqueConstraint("doc_id", "idx"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.doc_id", ondelete="CASCADE"))
    idx: Mapped[int] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(String(255), index=True)
    type: Mapped[str] = mapped_column(String(16), index=True)
    target: Mapped[str | None] = mapped_column(String(255), index=True)
    mode: Mapped[str | None] = mapped_column(Text)
    source_country: Mapped[str | None] = mapped_column(String(16))
    target_country: Mapped[str | None] = mapped_column(String(16))
    actors: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)  # Entity.to_json of each actor
    recipients: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    context: Mapped[list[str] | None] = mapped_column(JSON)
    sentence: Mapped[int | None] = mapped_column(Integer)  # index of its sentence in the text (0011)
    evidence_text: Mapped[str] = mapped_column(Text)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)


class Event(Base):
    """A merged event: ``data`` is ``Event.to_json``; the other columns are derived from it (and
    from its sources) by ``store.indexing`` so lists, filters and sorts can use indexes."""

    __tablename__ = "events"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    date: Mapped[date | None] = mapped_column(Date)  # the agreed date
    location: Mapped[str | None] = mapped_column(Text)  # the agreed place
    n_sources: Mapped[int] = mapped_column(Integer, server_default="0")  # independent reports (copies not counted)
    participants_text: Mapped[str | None] = mapped_column(Text)  # participants joined by "; "
    sort_rank: Mapped[int | None] = mapped_column(BigInteger)  # unique index; indexing.sort_key: date desc (undated last), id
    search_text: Mapped[str | None] = mapped_column(Text)  # PostgreSQL only: casefolded text searched by q=
    summary: Mapped[str | None] = mapped_column(Text)  # JSON: what a list shows (indexing.event_summary)
    participants_key: Mapped[str | None] = mapped_column(String(40), index=True)  # records.participants_key


class EventTerm(Base):
    """What an event can be filtered by, one row per (kind, term): the index behind the event filters.

    kinds: ``person`` (casefolded name of a participant or attendee of a source meeting),
    ``country`` (upper-case ISO-3 of a participant), ``type`` (PLOVER type of a statement in a
    source), ``place`` (lower-cased agreed place or a source meeting's place), ``outlet`` (a
    source's outlet, ``indexing.outlet``), ``disputed`` (``yes``), ``report`` (``spun``, ``copy``). ``sort_rank`` is
    the event's, so one filter's page and count are a range of the primary key.
    """

    __tablename__ = "event_terms"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    term: Mapped[str] = mapped_column(String(255), primary_key=True)
    sort_rank: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(64))


class EventSource(Base):
    __tablename__ = "event_sources"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    meeting_idx: Mapped[int] = mapped_column(Integer, primary_key=True)


Index("ix_event_sources_doc_id", EventSource.doc_id)
Index("ix_event_terms_sort_rank_kind", EventTerm.sort_rank, EventTerm.kind)  # facets of a small filtered set


class EventRedirect(Base):
    """An event id that no longer names an event, and the events its reports went to."""

    __tablename__ = "event_redirects"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    targets: Mapped[list[str]] = mapped_column(JSON)  # the event holding its first report first
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Signature(Base):
    __tablename__ = "signatures"

    doc_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class MergePending(Base):
    """Documents stored or re-linked whose events are not merged yet: written in the transaction
    that stores them, deleted in the one that rewrites their events, so a run killed in between
    leaves the next run the list of what it must still merge."""

    __tablename__ = "merge_pending"

    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True)


class Link(Base):
    __tablename__ = "links"

    doc_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    target: Mapped[str] = mapped_column(String(255), index=True)
    reason: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Double)


class FailureRow(Base):
    __tablename__ = "failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    stage: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Fetch(Base):
    """A feed or article URL that ``communique watch`` polls or fetched (``records.FetchState``)."""

    __tablename__ = "fetches"

    url_key: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of url: URLs outgrow indexable keys
    url: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))  # feed | page
    state: Mapped[str] = mapped_column(String(16))  # pending | done | failed | gone
    feed: Mapped[str | None] = mapped_column(Text)
    entry_updated: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    status: Mapped[int | None] = mapped_column(Integer)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    final_url: Mapped[str | None] = mapped_column(Text)
    doc_id: Mapped[str | None] = mapped_column(String(255))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    discovered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    fetched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ok_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


Index("ix_fetches_kind_state", Fetch.kind, Fetch.state)
