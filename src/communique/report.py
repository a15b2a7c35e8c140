"""Readable text summaries of results (the ``--format table`` output and ``communique run``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .records import UNDATED, DocumentResult, Failure, describe_copy, plural


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
                     f"{m.location or 'place not stated'}")
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


def corpus_summary(results: Sequence[DocumentResult], failures: Sequence[Failure] = ()) -> str:
    events = {m.event_id for r in results for m in r.analysis.meetings if m.event_id}
    head = (f"{plural(len(results), 'document')}, {plural(sum(len(r.analysis.meetings) for r in results), 'meeting')} "
            f"in {plural(len(events), 'event')}, {plural(sum(len(r.analysis.quotes) for r in results), 'quote')}, "
            f"{plural(sum(len(r.analysis.statements) for r in results), 'statement')}"
            + (f", {len(failures)} failed" if failures else ""))
    return "\n\n".join([head] + [document_summary(r) for r in results])
