"""JSON Lines: one article per line with fields id, url, title, date, text or html.

A malformed line yields ``Failure(f"{path}:{lineno}", reason)`` and the rest of the file goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from ..pubdate import publication_date
from ..records import Failure, RawDocument, content_hash
from .decode import fix_mojibake, too_big
from .html import parse_html


def read_jsonl_lines(lines: Iterable[bytes], source: str, stem: str, max_bytes: int) -> Iterator[RawDocument | Failure]:
    """Parse each line of a JSONL stream; blank lines are skipped."""
    found = False
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        found = True
        where = f"{source}:{lineno}"
        big = too_big(len(line), max_bytes)
        if big:
            yield Failure(where, big.replace("file is", "record is", 1))
            continue
        yield parse_record(line, where, source, stem, lineno)
    if not found:
        yield Failure(source, "empty file")


def parse_record(line: bytes, where: str, source: str, stem: str, lineno: int) -> RawDocument | Failure:
    """One JSONL record -> RawDocument, or a Failure naming ``path:lineno`` and the reason."""
    try:
        obj: Any = json.loads(line.rstrip(b"\r\n").decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return Failure(where, f"malformed JSONL line: not valid UTF-8 (byte {exc.start})")
    except json.JSONDecodeError as exc:
        return Failure(where, f"malformed JSONL line: {exc.msg} (column {exc.colno})")
    if not isinstance(obj, dict):
        return Failure(where, f"malformed JSONL line: expected an object, got {type(obj).__name__}")
    text, html = obj.get("text"), obj.get("html")
    if text is not None and not isinstance(text, str) or html is not None and not isinstance(html, str):
        return Failure(where, "malformed JSONL line: 'text' and 'html' must be strings")
    if not (text and text.strip()) and not (html and html.strip()):
        return Failure(where, "JSONL record has no 'text' or 'html'")
    url = _str_or_none(obj.get("url"))
    title = _str_or_none(obj.get("title"))
    published = _date_or_none(obj.get("date"))
    rec_id = obj.get("id")
    if rec_id is not None and str(rec_id).strip():
        doc_id = str(rec_id).strip()
    elif url:
        doc_id = content_hash(url)[:16]
    else:
        doc_id = f"{stem}-{lineno}"
    src = url or where
    if text and text.strip():
        text = fix_mojibake(text)
        if published is None:
            printed = publication_date(text)
            published = printed.date if printed else None
        return RawDocument(doc_id=doc_id, source=src, text=text, title=title,
                           publication_date=published, kind="jsonl", url=url, html=html)
    assert html is not None
    return parse_html(html, doc_id, src, kind="jsonl", url=url, title=title, published=published)


def _str_or_none(value: object) -> str | None:
    if value is None:
        return None
    s = " ".join(str(value).split())
    return s or None


def _date_or_none(value: object) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
