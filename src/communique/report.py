"""Readable text summaries of results (the ``--format table`` output and ``communique run``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .records import NO_PLACE, UNDATED, DocumentResult, Failure, describe_copy, plural

if TYPE_CHECKING:
    from .pipeline import RunReport


def _short(s: str | None, n: int = 90) -> str:
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


def document_summary(r: DocumentResult) -> str:
    raw = r.clean.raw
    a = r.analysis
    q = r.quality
    flags = []
    if q.spun:
        flags.append("SPUN: quotes are not the speakers' words")
    if q.spam_phrases:
        flags.append("spam: " + "; ".join(q.spam_phrases))
    if r.near_duplicate_of:
        flags.append(describe_copy(r.near_duplicate_of, r.duplicate_reason))
    if a.skipped:
        flags.append(f"note: {a.skipped}")
    lines = [
        f"{raw.doc_id}  {raw.publication_date or UNDATED}  [{q.language or '?'}, trust {q.score:.2f}]",
        f"  title: {_short(raw.title) if raw.title else '(none)'}",
    ]
    lines += [f"  ! {f}" for f in flags]
    if a.people:
        lines.append("  people: " + "; ".join(
            f"{p.name}" + (f" ({p.role})" if p.role else "") for p in a.people))
    for m in a.meetings:
        when = m.date.isoformat() if m.date else (f"{UNDATED} ({m.date_text})" if m.date_text else UNDATED)
        lines.append(f"  meeting {m.event_id or ''}: {' + '.join(m.participants)}; {when}; "
                     f"{m.location or NO_PLACE}")
        if m.attendees:
            lines.append(f"    also present: {', '.join(m.attendees)}")
    if a.quotes:
        by = Counter(x.speaker or "(unattributed)" for x in a.quotes)
        lines.append("  quotes: " + ", ".join(f"{k} {v}" for k, v in by.most_common()))
        for x in a.quotes[:3]:
            mark = "" if x.speakers_words else " [not the speaker's words: spun copy]"
            lines.append(f"    {x.speaker or '?'}: “{_short(x.text, 80)}” ({x.kind}){mark}")
    if a.statements:
        lines.append("  statements: " + ", ".join(
            f"{s.source} {s.type} {s.target}" for s in a.statements[:6]) + (" …" if len(a.statements) > 6 else ""))
    return "\n".join(lines)


@dataclass(slots=True)
class Counts:
    """What ``communique run`` counts of its documents, in one pass that keeps none of them."""

    documents: int = 0
    meetings: int = 0
    quotes: int = 0
    statements: int = 0
    copies: int = 0  # documents that copy another report (exact, near or spun)
    events: set[str] = field(default_factory=set)  # the events their meetings are in

    def add(self, r: DocumentResult) -> None:
        a = r.analysis
        self.documents += 1
        self.meetings += len(a.meetings)
        self.quotes += len(a.quotes)
        self.statements += len(a.statements)
        self.copies += bool(r.near_duplicate_of)
        self.events.update(m.event_id for m in a.meetings if m.event_id)


def count(results: Iterable[DocumentResult]) -> Counts:
    counts = Counts()
    for r in results:
        counts.add(r)
    return counts


def corpus_head(results: Iterable[DocumentResult] | Counts, failures: Sequence[Failure] = ()) -> str:
    """One line of counts: documents, meetings in events, quotes, statements, failures."""
    c = results if isinstance(results, Counts) else count(results)
    return (f"{plural(c.documents, 'document')}, {plural(c.meetings, 'meeting')} in {plural(len(c.events), 'event')}, "
            f"{plural(c.quotes, 'quote')}, {plural(c.statements, 'statement')}"
            + (f", {len(failures)} failed" if failures else ""))


def corpus_summary(results: Sequence[DocumentResult], failures: Sequence[Failure] = ()) -> str:
    return "\n\n".join([corpus_head(results, failures)] + [document_summary(r) for r in results])


SHOWN_EVENTS = 5
SHOWN_FAILURES = 3


def failure_lines(failures: Sequence[Failure], limit: int = SHOWN_FAILURES) -> list[str]:
    """``failures: N`` and the first ``limit`` as ``error: SOURCE: reason`` (none when N is 0)."""
    if not failures:
        return []
    lines = [f"failures: {len(failures)} (each on stderr), the first:"]
    return lines + [f"  {_short(f.source, 60)}: {_short(f.reason, 100)}" for f in failures[:limit]]


def run_summary(report: RunReport, verbose: bool = False) -> str:
    """What ``communique run`` prints: at most a screen (counts, the largest events, the first
    failures, where to look next); ``verbose`` adds every document's detail first."""
    results, failures = report.results, report.failures
    counts: Counts = getattr(results, "counts", None) or count(results)  # (a run's stored results counted them)
    lines = [corpus_summary(results, failures), ""] if verbose else [corpus_head(counts, failures)]
    lines.append(f"stored: {len(report.added)} extracted now, {len(report.unchanged)} already stored"
                 + (f", {len(report.skipped)} not stored" if report.skipped else ""))
    if counts.copies:
        lines.append(f"copies: {counts.copies} of the documents copy another report (exact, near or spun)")
    events = sorted(report.events, key=lambda e: (-len(e.originals), -len(e.sources), e.event_id))
    lines.append(f"events in the store: {report.events_in_store}"
                 + (f"; this run made or changed {len(events)}, those with the most independent reports:" if events else ""))
    for e in events[:SHOWN_EVENTS]:
        when = e.date.isoformat() if e.date else UNDATED
        lines.append(f"  {e.event_id}  {_short(' + '.join(e.participants), 60)}; {when}; "
                     f"{e.location or NO_PLACE}; {plural(len(e.originals), 'report')}")
    lines += failure_lines(failures)
    lines.append(f"store: {report.store}")
    lines.append("next: communique events (every event), communique show DOC_ID (one document)"
                 + ("" if verbose else ", communique run --verbose (every document)"))
    return "\n".join(lines)
