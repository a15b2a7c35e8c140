"""Cleaning: drop site furniture, bylines and trailing junk, keeping a map back to raw offsets.

``clean(raw)`` works line by line on ``raw.text`` and never edits a kept character: it only
drops whole lines (furniture), collapses runs of odd whitespace (NBSP, tabs, control chars) to
one space and joins paragraphs with ``"\\n\\n"``. ``CleanDocument.offsets[i]`` is the raw index
of ``text[i]``, so ``raw.text[offsets[i]] == text[i]`` for every character that is not
normalised whitespace; a collapsed space or a paragraph break points at the first raw
character of the run it replaces.

The signals are general: a furniture lexicon (``data/furniture.txt``), line shape (short,
without sentence punctuation, TitleCase labels glued together like ``Middle EastWorld News``),
position (the head before the first real sentence, the tail after the last one) and byline
patterns. The same line-shape helpers are used by the text reader to find a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .records import CleanDocument, RawDocument, Span

# A line starting with ` date YYYY-MM-DD ` (the header of plain-text articles).
DATE_HEADER = re.compile(r"[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?=[ \t\r\n]|$)")

_EDGE_PUNCT = " \t:|»«›‹·•-–—>/<*#=~_+"
_ZERO_WIDTH = frozenset("\u200b\u2060\ufeff\u00ad")
_SENT_END = re.compile(r"[.!?…](?:[\"'”’»)\]]*)$|[\"”»](?:[.!?])?$")
_DATELINE = (
    re.compile(r"^[A-Z][A-Z'’.\-]{2,}(?: [A-Z][A-Z'’.\-]+){0,3},\s"),  # TEHRAN, / NEW DELHI,
    re.compile(r"^[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,3}(?:,[\w .]{0,25})?\s*\([A-Z][\w .&/-]{1,30}\)\s*[-–—:]"),  # BAGHDAD (Reuters) -
    re.compile(r"^[A-Z][A-Z'’.\-]{2,}(?: [A-Z][A-Z'’.\-]+){0,3}\s*[-–—]\s"),  # ANKARA —
)
_BYLINE_BY = re.compile(r"^(?:by|BY|By)\s+(.{2,80})$")
_BYLINE_CREDIT = re.compile(
    r"^[(\[]?\s*(?:(?:additional\s+)?reporting|writing|written|editing|edited|compiled|translated|"
    r"reported|posted|produced)\s+by\b",
    re.IGNORECASE,
)
_BYLINE_AUTHOR = re.compile(r"^(?:author|authors|correspondent|reporter)\s*:\s*\S", re.IGNORECASE)
_BYLINE_LOWER_OK = frozenset({
    "and", "staff", "agencies", "agency", "correspondent", "correspondents", "in", "the", "of", "reporter",
    "reporters", "writer", "editor", "editors", "news", "desk", "with", "our", "from", "&", ",", "a",
})
_COUNT_JUNK = re.compile(
    r"^\d[\d,.]*\s*[kKmM]?\s+(?:shares?|comments?|views?|likes?|reads?|min(?:ute)?s?(?:\s+read)?|"
    r"reactions?|replies|reply)$",
    re.IGNORECASE,
)
_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z])")
_CRUMB_SEP = re.compile(r"\s*[|»›•·>/]\s*")


@dataclass(frozen=True, slots=True)
class Furniture:
    """The furniture lexicon (``data/furniture.txt``), normalised to lower case."""

    labels: frozenset[str]
    prefixes: tuple[str, ...]
    sections: frozenset[str]
    owners: tuple[str, ...]
    tails: frozenset[str]
    contains: tuple[str, ...] = ()


def load_furniture(path: str | Path | None = None) -> Furniture:
    """Read the furniture lexicon (the packaged one unless ``path`` is given)."""
    if path is None:
        content = resources.files("communique").joinpath("data/furniture.txt").read_text(encoding="utf-8")
    else:
        content = Path(path).read_text(encoding="utf-8")
    groups: dict[str, list[str]] = {"label": [], "prefix": [], "section": [], "owner": [], "tail": [], "contains": []}
    current: list[str] | None = None
    for line in content.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = groups.get(line[1:-1].strip())
            continue
        if current is not None:
            current.append(" ".join(line.lower().split()))
    return Furniture(
        labels=frozenset(groups["label"]) | frozenset(groups["section"]),
        prefixes=tuple(sorted(set(groups["prefix"]), key=len, reverse=True)),
        sections=frozenset(groups["section"]),
        owners=tuple(sorted(set(groups["owner"]), key=len, reverse=True)),
        tails=frozenset(_strip_edges(t) for t in groups["tail"]),
        contains=tuple(groups["contains"]),
    )


# --- line shape -----------------------------------------------------------------------------


def collapse(line: str) -> str:
    """Whitespace (NBSP and friends included) collapsed to single spaces, zero-width dropped."""
    return " ".join("".join(c for c in line if c not in _ZERO_WIDTH).split())


def _strip_edges(s: str) -> str:
    return s.strip(_EDGE_PUNCT).strip()


def norm_label(line: str) -> str:
    """A line as compared with the lexicon: collapsed, lower case, edge punctuation stripped."""
    return _strip_edges(collapse(line).lower())


def words(line: str) -> list[str]:
    return collapse(line).split()


def is_sentence(line: str) -> bool:
    """A real sentence (or a run of them): sentence-final punctuation, or long enough anyway."""
    s = collapse(line)
    n = len(s.split())
    return (n >= 4 and bool(_SENT_END.search(s))) or n >= 20


def starts_with_dateline(line: str) -> bool:
    """``TEHRAN, ...`` / ``BAGHDAD (Reuters) - ...`` / ``ANKARA — ...``."""
    s = collapse(line)
    return any(p.match(s) for p in _DATELINE)


def looks_like_headline(line: str) -> bool:
    """Short, capitalised, no sentence-final period, not a dateline: the shape of a title."""
    s = collapse(line)
    n = len(s.split())
    if not 2 <= n <= 30 or len(s) > 220:
        return False
    if not (s[0].isupper() or s[0].isdigit() or s[0] in "\"'“‘«"):
        return False
    if re.search(r"[.,;]$", s) and not s.endswith("..."):
        return False
    if s.endswith(":"):
        return False
    return not starts_with_dateline(s)


def is_breadcrumb(line: str, lex: Furniture) -> bool:
    """Section labels run together (``Middle EastWorld News``, ``World | Middle East``)."""
    s = collapse(line)
    if not s or len(s) > 80 or _SENT_END.search(s):
        return False
    parts = [p for chunk in _CRUMB_SEP.split(s) for p in _GLUE.split(chunk) if p.strip()]
    if len(parts) < 2:
        return False
    known = 0
    for part in parts:
        ws = part.split()
        if not 1 <= len(ws) <= 3 or not all(w[0].isupper() or w in {"&", "and", "of"} for w in ws):
            return False
        if norm_label(part) in lex.sections or norm_label(part) in lex.labels:
            known += 1
    return known >= 1


def is_byline(line: str) -> bool:
    """``By Staff, Agencies`` / ``By John Smith`` / ``Reporting by ...; Editing by ...``."""
    s = collapse(line)
    if _BYLINE_CREDIT.match(s) and len(s.split()) <= 30:
        return True
    if _BYLINE_AUTHOR.match(s) and len(s.split()) <= 8:
        return True
    m = _BYLINE_BY.match(s)
    if not m or s.endswith((".", "!", "?")) and not re.search(r"\b[A-Z]\.$", s):
        return False
    rest = re.sub(r"[,;|/&]", " ", m.group(1)).split()
    if not 1 <= len(rest) <= 8:
        return False
    return all(w[0].isupper() or w.lower() in _BYLINE_LOWER_OK for w in rest) and rest[0][0].isupper()


def is_junk(line: str) -> bool:
    """Fragments without words: ``700 /``, ``|``, ``***``, share and comment counts."""
    s = collapse(line)
    if not s:
        return False
    if len(s) <= 30 and not any(c.isalpha() for c in s):
        return True
    return bool(_COUNT_JUNK.match(s))


def is_label_shaped(line: str, max_words: int = 5) -> bool:
    """A short line of capitalised words without sentence punctuation or quotes (a label)."""
    s = collapse(line)
    ws = s.split()
    if not 1 <= len(ws) <= max_words or _SENT_END.search(s) or any(q in s for q in "\"“”‘’«»"):
        return False
    return all(w[0].isupper() or not w[0].isalpha() for w in ws)


def furniture_reason(line: str, lex: Furniture, *, head: bool = False) -> str | None:
    """Why ``line`` is furniture (``label``, ``breadcrumb``, ``byline``, ...), or None."""
    s = collapse(line)
    if not s:
        return None
    low = norm_label(s)
    n = len(s.split())
    if is_junk(s):
        return "junk"
    if low in lex.labels and n <= 8:
        return "label"
    if n <= 12 and not is_sentence(s) and any(
        collapse(s).lower().startswith(p) and (len(low) == len(p) or not low[len(p) : len(p) + 1].isalnum())
        for p in lex.prefixes
    ):
        return "label"
    if n <= 15 and any(c in s.lower() for c in lex.contains):
        return "label"
    if is_breadcrumb(s, lex):
        return "breadcrumb"
    if is_byline(s):
        return "byline"
    if head and n <= 12 and not is_sentence(s) and any(low.startswith(o + " ") for o in lex.owners):
        return "owner"
    return None


# --- clean ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # raw offset of the first non-space character
    end: int  # raw offset just past the last non-space character
    text: str


def _lines(text: str, begin: int, end: int) -> list[_Line | None]:
    """Lines of ``text[begin:end]``, stripped (None for a blank line)."""
    out: list[_Line | None] = []
    pos = begin
    while pos <= end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        s, e = pos, stop
        while s < e and _is_space(text[s]):
            s += 1
        while e > s and _is_space(text[e - 1]):
            e -= 1
        out.append(_Line(s, e, text[s:e]) if s < e else None)
        if nl == -1:
            break
        pos = nl + 1
    return out


def _is_space(c: str) -> bool:
    return c.isspace() or c in _ZERO_WIDTH or (ord(c) < 32) or ord(c) == 127


def clean(raw: RawDocument, lexicon: Furniture | None = None) -> CleanDocument:
    """Drop furniture, bylines and trailing junk from ``raw.text``; keep the offset map.

    1. the region before ``raw.body_start`` (date header, title line, furniture skipped by the
       reader) is left out; lines there other than the header and title go to ``removed``;
    2. a first body line equal to ``raw.title`` (HTML/JSONL texts often repeat it) is left out;
    3. every line is classified: lexicon labels, breadcrumbs, bylines, junk fragments anywhere;
       site-owner lines in the head; after a tail marker ("Related Articles") short non-sentence
       lines; label-shaped lines after the last real sentence;
    4. kept lines are joined: lines of one paragraph with ``"\\n"``, paragraphs with ``"\\n\\n"``
       (a text without blank lines has one paragraph per line).
    """
    lex = lexicon if lexicon is not None else load_furniture()
    text = raw.text
    body_start = min(max(raw.body_start, 0), len(text))
    removed: list[Span] = []
    title_norm = collapse(raw.title) if raw.title else None

    for line in _lines(text, 0, body_start) if body_start else []:
        if line is None:
            continue
        if DATE_HEADER.match(text, _line_begin(text, line.start)) or (title_norm and collapse(line.text) == title_norm):
            continue
        removed.append(Span(line.text, line.start, line.end))

    lines = _lines(text, body_start, len(text))
    drop: set[int] = set()
    present = [(i, ln) for i, ln in enumerate(lines) if ln is not None]
    if present and title_norm and _same_title(present[0][1].text, title_norm):
        drop.add(present[0][0])
        present = present[1:]

    first_sentence = next((i for i, ln in present if is_sentence(ln.text)), len(lines))
    last_sentence = next((i for i, ln in reversed(present) if is_sentence(ln.text)), -1)
    in_tail = False
    for i, ln in present:
        reason = furniture_reason(ln.text, lex, head=i < first_sentence)
        if (i > first_sentence and norm_label(ln.text) in lex.tails and not is_sentence(ln.text)
                and not any(j > i and _is_long_sentence(other.text) for j, other in present)):
            in_tail = True
            reason = reason or "tail"
        elif (in_tail and not is_sentence(ln.text) and len(words(ln.text)) <= 20) or (
            i > last_sentence >= 0 and is_label_shaped(ln.text)
        ):
            reason = reason or "tail"
        if reason:
            drop.add(i)
            removed.append(Span(ln.text, ln.start, ln.end))

    kept_idx = [i for i, ln in enumerate(lines) if ln is not None]
    one_per_line = not kept_idx or all(ln is not None for ln in lines[kept_idx[0] : kept_idx[-1]])
    out_chars: list[str] = []
    offsets: list[int] = []
    prev: _Line | None = None
    gap = False  # a blank or dropped line since the previous kept line
    for i, line in enumerate(lines):
        if line is None or i in drop:
            gap = gap or prev is not None
            continue
        if prev is not None:
            sep = "\n\n" if (gap or one_per_line) else "\n"
            nl = text.find("\n", prev.end)
            anchor = nl if nl != -1 else prev.end
            out_chars.extend(sep)
            offsets.extend([anchor] * len(sep))
        _emit(text, line, out_chars, offsets)
        prev = line
        gap = False
    offsets.append(prev.end if prev is not None else body_start)
    removed.sort(key=lambda sp: sp.start)
    return CleanDocument(raw=raw, text="".join(out_chars), offsets=tuple(offsets), removed=tuple(removed))


def _is_long_sentence(line: str) -> bool:
    return len(words(line)) >= 20 and is_sentence(line)


def _same_title(line: str, title: str) -> bool:
    """The line repeats the title (HTML pages: the h1 often differs a little from <title>)."""
    a = re.sub(r"\W+", " ", line.casefold()).strip()
    b = re.sub(r"\W+", " ", title.casefold()).strip()
    if not a or not b:
        return False
    return a == b or (not is_sentence(line) and len(a) >= 12 and (a in b or b in a))


def _line_begin(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _emit(text: str, ln: _Line, out: list[str], offsets: list[int]) -> None:
    """Copy one stripped line, collapsing whitespace runs to one space at the run's first char."""
    run_start = -1
    for j in range(ln.start, ln.end):
        c = text[j]
        if c in _ZERO_WIDTH:
            continue
        if _is_space(c):
            if run_start == -1:
                run_start = j
            continue
        if run_start != -1:
            out.append(" ")
            offsets.append(run_start)
            run_start = -1
        out.append(c)
        offsets.append(j)
