"""HTML articles: trafilatura's main text, title and (metadata-only) publication date.

The document text is the main text trafilatura extracts (one paragraph per line); every offset
indexes it. The markup is kept in ``RawDocument.html``. The date comes only from explicit
metadata (htmldate with ``original_date=True`` and ``extensive_search=False``): never today's
date, never a date guessed from the body.
"""

from __future__ import annotations

import re
from datetime import date

from ..records import Failure, RawDocument

_MARKUP = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]|<div[\s>]|<p[\s>]|<title[\s>]|<meta\s",
    re.IGNORECASE,
)
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


def looks_like_html(data: bytes | str) -> bool:
    """Markup in the first 4 KB (tags such as <html>, <body>, <p>, <div>)."""
    head = data[:4096]
    raw = head.encode("utf-8", "replace") if isinstance(head, str) else head
    return bool(_MARKUP.search(raw))


def parse_html(
    html: str, doc_id: str, source: str, kind: str = "html", url: str | None = None,
    title: str | None = None, published: date | None = None,
) -> RawDocument | Failure:
    """A RawDocument from markup; ``title``/``published`` (from a JSONL/WARC record) win over metadata."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, include_links=False, date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        return Failure(source, f"cannot parse HTML: {type(exc).__name__}: {exc}")
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        text = _fallback_text(html)
    if not text or not text.strip():
        return Failure(source, "no article text found in HTML")
    meta_title = getattr(doc, "title", None) if doc is not None else None
    meta_date = getattr(doc, "date", None) if doc is not None else None
    return RawDocument(
        doc_id=doc_id, source=source, text=text,
        title=title or (" ".join(meta_title.split()) if meta_title else None),
        publication_date=published or _parse_date(meta_date),
        kind=kind, url=url, html=html, body_start=0,
    )


def _fallback_text(html: str) -> str | None:
    """All visible text, for pages too small for trafilatura's main-text heuristics."""
    import trafilatura

    try:
        return trafilatura.html2txt(html) or None
    except Exception:  # broken markup: no text
        return None


def _parse_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
