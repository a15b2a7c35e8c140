"""Plain-text articles: optional ` date YYYY-MM-DD ` header line, title found by line shape."""

from __future__ import annotations

from datetime import date

from ..clean import DATE_HEADER, Furniture, furniture_reason, load_furniture, looks_like_headline
from ..pubdate import publication_date
from ..records import RawDocument

_MAX_HEAD_LINES = 6  # non-blank lines looked at for a title before the body is assumed to start


def parse_text(
    text: str, doc_id: str, source: str, kind: str = "txt", url: str | None = None,
    lexicon: Furniture | None = None,
) -> RawDocument:
    """A RawDocument for a plain-text article (``text`` kept verbatim).

    * With a first line `` date YYYY-MM-DD REST``: the date is the publication date; REST is the
      title when it looks like a headline (the body starts on the next line), otherwise REST is
      the first body text and there is no title (the body starts at REST).
    * Without it: the title is the first line that looks like a headline after leading site
      furniture; the body starts after it. No headline-like line first: no title. The
      publication date is the one the page prints about itself (``pubdate``), if any.
    The publication date is never guessed from the story.
    """
    lex = lexicon if lexicon is not None else load_furniture()
    header = DATE_HEADER.match(text)
    if header:
        published = _iso_date(header.group(1))
        rest_start = header.end()
        while rest_start < len(text) and text[rest_start] in " \t":
            rest_start += 1
        nl = text.find("\n", rest_start)
        line_end = len(text) if nl == -1 else nl
        rest = text[rest_start:line_end].strip()
        if rest and looks_like_headline(rest) and furniture_reason(rest, lex, head=True) is None:
            return RawDocument(doc_id, source, text, title=rest, publication_date=published, kind=kind,
                               url=url, body_start=min(line_end + 1, len(text)))
        if rest:
            return RawDocument(doc_id, source, text, title=None, publication_date=published, kind=kind, url=url,
                               body_start=rest_start)
        after = min(line_end + 1, len(text))  # a bare header line: the title may be on the next lines
        title, start = find_title(text[after:], lex)
        return RawDocument(doc_id, source, text, title=title, publication_date=published, kind=kind, url=url,
                           body_start=after + start)
    title, body_start = find_title(text, lex)
    printed = publication_date(text)
    return RawDocument(doc_id, source, text, title=title, kind=kind, url=url, body_start=body_start,
                       publication_date=printed.date if printed else None)


def find_title(text: str, lex: Furniture) -> tuple[str | None, int]:
    """(title, body start) for a text without header: the first headline after leading furniture."""
    pos = 0
    seen = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        end = pos + len(line)
        stripped = line.strip()
        if stripped:
            seen += 1
            if seen > _MAX_HEAD_LINES:
                break
            reason = furniture_reason(stripped, lex, head=True)
            nxt = _next_content(lines, i + 1, lex) if reason == "owner" else None
            if reason == "owner" and not (nxt and looks_like_headline(nxt)):
                reason = None  # an "Office of ..." line is the title when no headline follows
            if reason is None:
                if looks_like_headline(stripped):
                    return stripped, min(end + 1, len(text))
                break
        pos = end + 1
    return None, 0


def _next_content(lines: list[str], start: int, lex: Furniture) -> str | None:
    """The next non-blank line that is not furniture."""
    for line in lines[start : start + 2 * _MAX_HEAD_LINES]:
        if line.strip() and furniture_reason(line.strip(), lex, head=True) is None:
            return line.strip()
    return None


def _iso_date(s: str) -> date | None:
    try:
        return date.fromisoformat(s)
    except ValueError:
        return None
