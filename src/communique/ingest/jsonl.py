"""JSON Lines: one article per line with fields id, url, title, date, text or html.

A malformed line yields ``Failure(f"{path}:{lineno}", reason)`` and the rest of the file goes on.
A record is hostile data: its nesting depth (``max_json_depth``) is checked before it is
parsed, a number longer than ``max_number_digits`` is refused while parsing, and a string
with an escaped unpaired surrogate (``"\\ud800"``, not Unicode text) is refused by field name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from ..options import Options
from ..pubdate import publication_date
from ..records import Failure, RawDocument, content_hash
from .decode import fix_mojibake, too_big
from .html import parse_html


def read_jsonl_lines(lines: Iterable[bytes], source: str, stem: str, opts: Options) -> Iterator[RawDocument | Failure]:
    """Parse each line of a JSONL stream; blank lines are skipped.

    ``lines`` is read with a bound (``max_bytes`` + 1 per line) so that a file without line
    breaks cannot fill the memory: a longer line is refused and skipped to its end."""
    found = False
    for lineno, line in enumerate(_bounded_lines(lines, opts.max_bytes), start=1):
        if isinstance(line, int):
            found = True
            yield Failure(f"{source}:{lineno}", (too_big(line, opts.max_bytes) or "").replace("file is", "record is", 1))
            continue
        if not line.strip():
            continue
        found = True
        yield parse_record(line, f"{source}:{lineno}", stem, lineno, opts)
    if not found:
        yield Failure(source, "empty file")


def _bounded_lines(lines: Iterable[bytes], limit: int) -> Iterator[bytes | int]:
    """Each line, or the size of a line over ``limit`` bytes (which is not kept in memory)."""
    readline = getattr(lines, "readline", None)
    if readline is None:  # a plain iterable of lines
        for line in lines:
            yield line if len(line) <= limit else len(line)
        return
    while True:
        line = readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while line and not line.endswith(b"\n"):
            line = readline(1 << 20)
            size += len(line)
        yield size


def parse_record(line: bytes, where: str, stem: str, lineno: int, opts: Options) -> RawDocument | Failure:
    """One JSONL record -> RawDocument, or a Failure naming ``path:lineno`` and the reason."""
    try:
        body = line.rstrip(b"\r\n").decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Failure(where, f"malformed JSONL line: not valid UTF-8 (byte {exc.start})")
    depth = _depth(body, opts.max_json_depth)
    if depth > opts.max_json_depth:
        return Failure(where, f"malformed JSONL line: nested {depth} deep, over the limit of {opts.max_json_depth} (setting max_json_depth)")
    try:
        obj: Any = json.loads(body, parse_int=_int_parser(opts.max_number_digits))
    except json.JSONDecodeError as exc:
        return Failure(where, f"malformed JSONL line: {exc.msg} (column {exc.colno})")
    except _TooLong as exc:
        return Failure(where, f"malformed JSONL line: a number of {exc.digits} digits, over the limit of {opts.max_number_digits} (setting max_number_digits)")
    except (ValueError, RecursionError) as exc:  # the checks above should leave none of these
        return Failure(where, f"malformed JSONL line: {type(exc).__name__}")
    if not isinstance(obj, dict):
        return Failure(where, f"malformed JSONL line: expected an object, got {type(obj).__name__}")
    text, html = obj.get("text"), obj.get("html")
    if text is not None and not isinstance(text, str) or html is not None and not isinstance(html, str):
        return Failure(where, "malformed JSONL line: 'text' and 'html' must be strings")
    if not (text and text.strip()) and not (html and html.strip()):
        return Failure(where, "JSONL record has no 'text' or 'html'")
    bad = next((k for k in ("id", "url", "title", "date", "text", "html") if _has_surrogate(obj.get(k))), None)
    if bad:
        return Failure(where, f"malformed JSONL line: field {bad!r} holds an unpaired surrogate escape (such as \\ud800), which is not text")
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


class _TooLong(ValueError):
    def __init__(self, digits: int) -> None:
        super().__init__(f"{digits} digits")
        self.digits = digits


def _int_parser(limit: int) -> Callable[[str], int]:
    def parse(digits: str) -> int:
        n = len(digits.lstrip("-"))
        if n > limit:
            raise _TooLong(n)
        return int(digits)
    return parse


_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKETS = {c: None for c in range(0x80) if chr(c) not in "[]{}"}


def _depth(body: str, limit: int) -> int:
    """The deepest nesting of ``[`` and ``{`` outside strings, counted only when there are more
    openers than ``limit`` (a malformed record may miscount, which json.loads then reports)."""
    openers = body.count("[") + body.count("{")
    if openers <= limit:
        return openers
    brackets = _STRINGS.sub("", body).translate(_NOT_BRACKETS)
    deepest = level = 0
    for ch in brackets:
        if ch in "[{":
            level += 1
            deepest = max(deepest, level)
        elif ch in "]}":
            level -= 1
    return deepest


def _has_surrogate(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


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
