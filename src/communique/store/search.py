"""One search over the store, grouped: people, events, quotes (with their speakers), documents.

``search(store, q)`` is what ``/search?q=`` and ``/api/search?q=`` show:

1. people   every stored person ``q`` may name (``store.people.find_people``: aliases, surnames,
            transliterations, titles) and those whose name contains ``q``;
2. events   events whose text has ``q`` (the full-text index) and the meetings of the people
            ``q`` names (their ``event_terms``), newest first;
3. quotes   quotes whose text has ``q`` (the full-text index) and the quotes of those people;
4. documents the documents naming those people (``doc_people``), the sources of the events and
            quotes found, and documents whose title contains ``q``, each with a snippet around its
            first match: all index lookups or bounded reads, no scan of full texts.

Snippets, titles and quote texts come with ``*_html``: the text escaped, each matched term (the
words of ``q``, the last one a prefix, and every form of a named person's name the knowledge base
knows, so "Raisi" marks "Raeisi") in ``<mark>``. Nothing stored reaches the HTML unescaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from markupsafe import Markup, escape
from sqlalchemy import select

from .indexing import fts_tokens
from .people import best, find_people, name_forms
from .queries import (
    _DOC_SUMMARY_COLS,
    MAX_LIMIT,
    EventFilter,
    _ci_contains,
    _doc_summary,
    list_events,
    list_people,
    search_quotes,
)
from .store import DOC_PEOPLE, DOCS, EVENT_SOURCES, PEOPLE, Store

SNIPPET_CHARS = 200  # a document's snippet: about this many characters around its first match
_SEPARATORS = r"[\s\-'’.]+"  # between the words of a term: "al-Sudani" marks "al Sudani"


def term_pattern(terms: Iterable[str], prefix: str | None = None) -> re.Pattern[str] | None:
    """One case-insensitive pattern for whole-word ``terms`` (longest first) and the phrase
    ``prefix`` whose last word may go on ("Khamen" marks "Khamenei"); None when there is nothing."""
    alts = []
    for term in sorted({t for t in terms if fts_tokens(t)}, key=len, reverse=True):
        alts.append(_SEPARATORS.join(re.escape(w) for w in re.findall(r"[^\W_]+", term)) + r"(?![^\W_])")
    if prefix and fts_tokens(prefix):
        alts.append(_SEPARATORS.join(re.escape(w) for w in re.findall(r"[^\W_]+", prefix)) + r"[^\W_]*")
    if not alts:
        return None
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alts) + ")", re.IGNORECASE)


def mark(text: str, pattern: re.Pattern[str] | None) -> Markup:
    """``text`` escaped, every match of ``pattern`` in ``<mark>``."""
    if pattern is None:
        return escape(text)
    out, at = [], 0
    for m in pattern.finditer(text):
        if m.end() > m.start():
            out += [escape(text[at:m.start()]), Markup("<mark>"), escape(m.group()), Markup("</mark>")]
            at = m.end()
    out.append(escape(text[at:]))
    return Markup("").join(out)


def snippet(text: str, pattern: re.Pattern[str] | None, width: int = SNIPPET_CHARS) -> str:
    """About ``width`` characters of ``text`` around the first match (its start when none), cut
    at spaces, with ``…`` where text was left out."""
    text = " ".join(text.split())
    found = pattern.search(text) if pattern is not None else None
    start = max(0, found.start() - width // 3) if found else 0
    end = min(len(text), start + width)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < (found.start() if found else end) else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > (found.end() if found else start) else end
    return ("…" if start > 0 else "") + text[start:end] + ("…" if end < len(text) else "")


def _documents(store: Store, q: str, names: Sequence[str], event_ids: Sequence[str], quoted: Sequence[str],
               limit: int) -> list[dict[str, Any]]:
    """Documents naming ``names``, the sources of ``event_ids``, the documents of the quotes found
    (``quoted``) and those whose title contains ``q``: newest first. Every part is an index
    lookup or bounded (titles are short); full texts are not scanned (``/api/documents?q=`` does)."""
    pub = DOCS.c.publication_date.desc()
    pub = pub.nulls_last() if store.dialect == "postgresql" else pub
    cols = (*_DOC_SUMMARY_COLS, DOCS.c.clean_text)
    with store._read("search documents") as conn:
        ids = list(quoted)
        if names:
            ids += conn.execute(select(DOC_PEOPLE.c.doc_id).join(PEOPLE, PEOPLE.c.id == DOC_PEOPLE.c.person_id)
                                .where(PEOPLE.c.name.in_(list(names))).limit(limit * 4)).scalars()
        if event_ids:
            ids += conn.execute(select(EVENT_SOURCES.c.doc_id).where(EVENT_SOURCES.c.event_id.in_(list(event_ids)))
                                .limit(limit * 4)).scalars()
        ids += conn.execute(select(DOCS.c.doc_id).where(_ci_contains(DOCS.c.title, q)).limit(limit)).scalars()
        rows = conn.execute(select(*cols).where(DOCS.c.doc_id.in_(list(dict.fromkeys(ids))))
                            .order_by(pub, DOCS.c.doc_id).limit(limit)).mappings().all()
    return [{**_doc_summary(r), "text": r["clean_text"] or ""} for r in rows]


def search(store: Store, q: str, *, limit: int = 20) -> dict[str, Any]:
    """People, events, quotes and documents matching ``q``, each group at most ``limit`` long."""
    q = " ".join(q.split())
    limit = max(0, min(limit, MAX_LIMIT))
    if not q:
        return {"q": q, "named": [], "terms": [], "people": [], "events": [], "quotes": [], "documents": []}
    matches = find_people(store, q)
    named = [m.name for m in best(matches)]
    people = [m.to_json() for m in matches]
    known = {m.name for m in matches}
    for p in list_people(store, q=q, limit=limit)[0]:
        if p["name"] not in known:
            people.append({**p, "how": "part of the name", "rank": 0})
    terms = {form for name in named for form in name_forms(store.kb, name)}
    pattern = term_pattern(terms, q)

    events = {e["event_id"]: e for e in list_events(store, EventFilter(q=q), limit=limit)[0]}
    for name in named:
        events.update((e["event_id"], e) for e in list_events(store, EventFilter(person=name), limit=limit)[0])
    by_date = sorted(events.values(), key=lambda e: e["event_id"])
    by_date.sort(key=lambda e: e["date"] or "", reverse=True)  # newest first, undated last

    quotes = {(x["doc_id"], x["idx"]): x for x in search_quotes(store, q=q, limit=limit)[0]}
    for name in named:
        quotes.update(((x["doc_id"], x["idx"]), x) for x in search_quotes(store, speaker=name, limit=limit)[0])

    documents = []
    for d in _documents(store, q, named, [e["event_id"] for e in by_date[:limit]],
                        [x["doc_id"] for x in quotes.values()], limit):
        text = snippet(d.pop("text"), pattern)
        documents.append({**d, "snippet": text, "snippet_html": str(mark(text, pattern)),
                          "title_html": str(mark(d["title"] or d["doc_id"], pattern))})
    return {
        "q": q, "named": named, "terms": sorted(terms),
        "people": [{**p, "name_html": str(mark(p["name"], pattern))} for p in people[:limit]],
        "events": by_date[:limit],
        "quotes": [{**x, "text_html": str(mark(x["text"], pattern))} for x in list(quotes.values())[:limit]],
        "documents": documents,
    }


__all__ = ["mark", "search", "snippet", "term_pattern"]
