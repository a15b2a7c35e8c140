"""``communique ingest``, ``show`` and ``stats``: the store from the command line."""

from __future__ import annotations

import json

import click

from ..progress import estimate_documents, progress_for, track
from ..records import NO_PLACE, UNDATED, describe_copy, plural
from ..store import Store, StoredDocument, StoreStats
from ..store.loader import ingest_into
from ..store.store import BATCH_SIZE
from .common import (
    EXIT_FAILED_ITEMS,
    EXIT_NOT_FOUND,
    FailureLines,
    command_errors,
    db_option,
    format_option,
    open_existing,
    options_from,
    quiet_option,
    terminal,
)

_FORMAT = format_option("text", "json", default="text", help="text: readable; json: the full record.")




@click.command(name="ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@db_option
@click.option("--commit-every", "commit_every", type=click.IntRange(min=1), default=BATCH_SIZE, show_default=True,
              help="Documents per store transaction; an interrupted run keeps every finished transaction. "
                   "(Not the batch_size setting, which is documents per spaCy batch.)")
@click.option("--batch-size", "old_commit_every", type=click.IntRange(min=1), default=None, hidden=True,
              help="The old name of --commit-every (kept for scripts).")
@quiet_option
def ingest_cmd(paths: tuple[str, ...], db: str | None, commit_every: int, old_commit_every: int | None,
               quiet: bool) -> None:
    """Read, clean and store the articles in PATHS (files, directories, - for stdin); no extraction.

    Content already stored is skipped, so re-running after an interruption stores each
    document once. Each input that cannot be read is reported on stderr and recorded in the
    store; exit code 1 when any failed, 3 when the store cannot be opened or written.
    """
    report = FailureLines()
    with command_errors():
        opts = options_from(db=db)
        with Store.open(opts=opts) as store:
            summary = ingest_into(store, paths, opts, on_failure=report, batch_size=old_commit_every or commit_every,
                                  wrap=lambda items: track(items, progress_for(opts, quiet=quiet), "ingesting",
                                                           estimate_documents(paths)))
    report.finish()
    for note in summary.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(summary.line())
    if summary.failed:
        raise SystemExit(EXIT_FAILED_ITEMS)


@click.command(name="show")
@click.argument("doc_id")
@db_option
@_FORMAT
def show_cmd(doc_id: str, db: str | None, fmt: str) -> None:
    """Print the stored document DOC_ID: metadata, cleaned text and what was extracted from it."""
    with command_errors(), open_existing(db) as store:
        doc = store.get_document(doc_id)
        where = store.display_url
    if doc is None:
        click.echo(f"error: no document {doc_id!r} in {where}", err=True)
        raise SystemExit(EXIT_NOT_FOUND)
    if fmt == "json":
        click.echo(json.dumps(doc.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(terminal(format_document(doc)))


@click.command(name="stats")
@db_option
@_FORMAT
def stats_cmd(db: str | None, fmt: str) -> None:
    """Count what the store holds: documents (by kind, language, spun), people, meetings, quotes, statements, events, failures."""
    with command_errors(), open_existing(db) as store:
        stats = store.stats()
    if fmt == "json":
        click.echo(json.dumps(stats.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(terminal(format_stats(stats)))


def _span(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return json.dumps(flat if len(flat) <= limit else flat[: limit - 1] + "\u2026", ensure_ascii=False)


def format_document(doc: StoredDocument) -> str:
    raw = doc.raw
    lines = [
        f"doc_id: {doc.doc_id}",
        f"source: {raw.source}",
        f"kind: {raw.kind}",
    ]
    if raw.url:
        lines.append(f"url: {raw.url}")
    lines += [
        f"title: {raw.title or '-'}",
        f"publication_date: {raw.publication_date.isoformat() if raw.publication_date else UNDATED}",
        f"ingested_at: {doc.ingested_at.isoformat(timespec='seconds')}",
    ]
    q = doc.quality
    if q is None or doc.extracted_at is None:
        lines.append("extracted: no")
    else:
        lines += [
            f"extracted_at: {doc.extracted_at.isoformat(timespec='seconds')} (extractor {doc.extractor_version})",
            f"language: {q.language or '-'}",
            f"quality: score {q.score:.3f}, spun {'yes' if q.spun else 'no'}, spam phrases: {', '.join(q.spam_phrases) or '-'}",
        ]
        if doc.analysis.skipped:
            lines.append(f"skipped: {doc.analysis.skipped}")
    if doc.near_duplicate_of:
        lines.append(f"near_duplicate_of: {describe_copy(doc.near_duplicate_of, doc.duplicate_reason)}")
    lines += ["", doc.clean_text.rstrip(), ""]
    a = doc.analysis
    if a.people:
        lines.append(f"people ({len(a.people)}):")
        for p in a.people:
            about = ", ".join(x for x in (p.role, p.country, p.wikidata) if x)
            lines.append(f"  {p.name}" + (f" ({about})" if about else "") + f": {plural(len(p.mentions), 'mention')}")
    if a.meetings:
        lines.append(f"meetings ({len(a.meetings)}):")
        for i, m in enumerate(a.meetings):
            when = m.date.isoformat() if m.date else UNDATED
            if m.date_text:
                when += f" ({m.date_text})"
            head = f"  [{i}] {' + '.join(m.participants)}; {when}; {m.location or NO_PLACE}"
            if m.event_id:
                head += f"; event {m.event_id}"
            lines.append(head)
            if m.attendees:
                lines.append(f"      attendees: {', '.join(m.attendees)}")
            if m.evidence:
                lines.append(f"      evidence [{m.evidence.start}:{m.evidence.end}]: {_span(m.evidence.text)}")
    if a.quotes:
        lines.append(f"quotes ({len(a.quotes)}):")
        for i, qt in enumerate(a.quotes):
            note = "" if qt.speakers_words else ", not the speaker's words (spun text)"
            lines.append(f"  [{i}] {qt.speaker or 'unattributed'} ({qt.kind}, {qt.confidence:.2f}{note}) "
                         f"[{qt.start}:{qt.end}]: {_span(qt.text)}")
    if a.statements:
        lines.append(f"statements ({len(a.statements)}):")
        for i, s in enumerate(a.statements):
            lines.append(f"  [{i}] {s.source or '?'} {s.type} {s.target or '?'} "
                         f"[{s.evidence.start}:{s.evidence.end}]: {_span(s.evidence.text)}")
    return "\n".join(lines).rstrip()


def format_stats(stats: StoreStats) -> str:
    lines = [f"documents: {stats.documents}"]
    lines += [f"  kind {k}: {n}" for k, n in stats.by_kind.items()]
    lines += [f"  language {k}: {n}" for k, n in stats.by_language.items()]
    lines += [
        f"  spun: {stats.spun}",
        f"people: {stats.people} distinct ({plural(stats.people_in_documents, 'person-document row')} in the people export)",
        f"meetings: {stats.meetings}",
        f"quotes: {stats.quotes}",
        f"statements: {stats.statements}",
        f"events: {stats.events}",
        f"failures: {stats.failures}",
    ]
    return "\n".join(lines)
