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

Line kinds, each a plain function over one line (the lexicon passed in, never cached here):
timestamps (``Thu 16 May 2024 11.02 BST``), bylines (``By X``, ``Reporting from Cairo``,
``X and Y, Agencies``, ``Staff writer``; in the head or tail also ``X in City`` and a bare
author name next to a timestamp or byline), outlet headers at the top (``ERBIL NEWS NETWORK``,
``Lebanon National Wire - Baabda``), promotions (``Sign up for the ... newsletter.``) and
agency sign-offs at the tail (``=========== R.Z.``, ``H.Z / M.W``, ``/ IRNA``, and a trailing
``(end) ak.rk`` cut from the end of a paragraph: the only case where a line is kept in
part; its dropped end goes to ``removed`` like a dropped line).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .records import CleanDocument, RawDocument, Span

# A line starting with ` date YYYY-MM-DD ` (the header of plain-text articles).
DATE_HEADER = re.compile(r"[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?=[ \t\r\n]|$)")

_EDGE_PUNCT = " \t:|»«›‹·•-–—>/<*#=~_+"
_ZERO_WIDTH = frozenset("\u200b\u2060\ufeff\u00ad")
_ZW_RE = re.compile("[\u200b\u2060\ufeff\u00ad]")
# what a line is stripped of: Unicode whitespace (as str.isspace), control chars, zero-width chars
_STRIP = "".join(chr(c) for c in range(0x3001) if chr(c).isspace() or c < 32 or c == 127) + "".join(_ZERO_WIDTH)
# a run of odd whitespace (zero-width chars inside it are swallowed); it starts at a real space
_SPACE_RUN = re.compile(r"[\s\x00-\x1f\x7f][\s\x00-\x1f\x7f\u200b\u2060\ufeff\u00ad]*")
_ODD_SPACE = re.compile(r"[^\S ]|  |[\x00-\x1f\x7f\u200b\u2060\ufeff\u00ad]")
_SENT_END = re.compile(r"[.!?…](?:[\"'”’»)\]]*)$|[\"”»](?:[.!?])?$")
_DATELINE = (
    re.compile(r"^[A-Z][A-Z'’.\-]{2,}(?: [A-Z][A-Z'’.\-]+){0,3},\s"),  # TEHRAN, / NEW DELHI,
    re.compile(r"^[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,3}(?:,[\w .]{0,25})?\s*\([A-Z][\w .&/-]{1,30}\)\s*[-–—:]"),  # BAGHDAD (Reuters) -
    re.compile(r"^[A-Z][A-Z'’.\-]{2,}(?: [A-Z][A-Z'’.\-]+){0,3}\s*[-–—]\s"),  # ANKARA —
    re.compile(r"^[A-Z][A-Z'’.]{2,}(?: [A-Z][A-Z'’.]+){0,3}[–—](?=[A-Z“\"])"),  # TOKYO—President ...
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
_BYLINE_CONTRIB = re.compile(r"\bcontributed\s+(?:reporting\b|to\s+(?:this|the)\s+(?:report|story|article)\b)", re.I)
_BYLINE_FROM = re.compile(r"^(?:reporting|writing|reported|filed|written)\s+from\s+(.{2,60})$", re.IGNORECASE)
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "de", "da", "di", "du", "van", "von", "der", "la", "le"})
_NAME_WORD = re.compile(r"(?:[A-Z][\w'’\-]*|[A-Z]\.)$")
_COUNT_JUNK = re.compile(
    r"^\d[\d,.]*\s*[kKmM]?\s+(?:shares?|comments?|views?|likes?|reads?|min(?:ute)?s?(?:\s+read)?|"
    r"reactions?|replies|reply)$",
    re.IGNORECASE,
)
_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z])")
_CRUMB_SEP = re.compile(r"\s*[|»›•·>/]\s*")
_OUTLET_SEP = re.compile(r"\s+[-–—|:·•]\s+")
_OUTLET_LOWER_OK = frozenset({"of", "the", "and", "&", "for", "al", "el"})
_QUOTE_CHARS = "\"“”‘’«»"
# one token of a timestamp line (lower case): a clock time, a number, a UTC offset, a word
_TS_TOKEN = re.compile(
    r"(?P<time>\d{1,2}(?:[:.h]\d{2}(?:[:.]\d{2})?(?:\s?[ap]\.?m\.?)?|\s?[ap]\.?m\.?)(?!\w))"
    r"|(?P<num>\d{1,4}(?:st|nd|rd|th)?(?!\w))"
    r"|(?P<off>(?:gmt|utc)?[+\-−]\d{1,2}(?::?\d{2})?(?!\w))"
    r"|(?P<word>[a-z]+\.?(?:[a-z]\.)*)"
    r"|(?P<sep>[\s,|·•/()\[\]\-–—:;.]+)"
)
_AMPM = frozenset({"am", "pm"})
# agency sign-off tokens (after " / " is closed up): end markers, initials, decorated acronyms
_SO_END = re.compile(r"[-–—=*]*\(?(?:end|ends)\)?[-–—=*]*", re.IGNORECASE)
_SO_SEP = re.compile(r"[=\-–—_*#~+•.]{2,}|[-–—]")
_SO_INITIALS = re.compile(r"[A-Za-z]{1,4}(?:[./]{1,2}[A-Za-z]{1,4})+\.?|[A-Z]\.")
_SO_AGENCY = re.compile(r"[-–—=/(]+[A-Z]{2,6}[)\-–—=]*|[A-Z]{2,6}[)\-–—=]+")
_SO_AGENCY_NAMES = re.compile(r"[A-Z]{2,6}(?:/[A-Z][\w'’\-]*(?: [A-Za-z][\w'’\-]*){0,2})+")  # WAM/Hatem Mohamed
# an end marker glued to the last sentence: ``... he said. (end) ak.rk``
_INLINE_END = re.compile(
    r"(?<=[.!?\"”’'»)])\s+(?:(?i:\(ends?\)|[-–—]{1,2}\s*ends?\s*[-–—]{1,2})|ENDS?)"
    r"(?:\s+(?:[A-Za-z]{1,4}(?:[./]{1,2}[A-Za-z]{1,4})+\.?|/?[A-Z]{2,6}))*\s*$"
)


@dataclass(frozen=True, slots=True)
class Furniture:
    """The furniture lexicon (``data/furniture.txt``), normalised to lower case."""

    labels: frozenset[str]
    prefixes: tuple[str, ...]
    sections: frozenset[str]
    owners: tuple[str, ...]
    tails: frozenset[str]
    contains: tuple[str, ...] = ()
    outlets: frozenset[str] = frozenset()
    roles: tuple[str, ...] = ()
    promo_starts: tuple[str, ...] = ()
    promo_objects: tuple[str, ...] = ()
    date_words: frozenset[str] = frozenset()
    date_fillers: frozenset[str] = frozenset()
    timezones: frozenset[str] = frozenset()
    title_words: frozenset[str] = frozenset()
    link_leads: tuple[str, ...] = ()


_SECTION = re.compile(r"^[ \t]*\[[ \t]*([\w ]+?)[ \t]*\][ \t]*$", re.MULTILINE)
_GROUPS = ("label", "prefix", "section", "owner", "tail", "contains", "outlet", "role", "promo_start",
           "promo_object", "date_word", "date_filler", "timezone", "title_word", "link_lead")


def load_furniture(path: str | Path | None = None) -> Furniture:
    """Read the furniture lexicon (the packaged one unless ``path`` is given).

    Cheap (well under a millisecond), but callers cleaning many documents load it once and pass
    it to ``clean`` and ``parse_text``.
    """
    if path is None:
        content = resources.files("communique").joinpath("data/furniture.txt").read_text(encoding="utf-8")
    else:
        content = Path(path).read_text(encoding="utf-8")
    groups: dict[str, list[str]] = {g: [] for g in _GROUPS}
    blocks = _SECTION.split(content.lower())
    for name, block in zip(blocks[1::2], blocks[2::2], strict=True):
        if name in groups:
            lines = [line.strip() for line in block.splitlines()]
            groups[name].extend([ln if "  " not in ln and "\t" not in ln else " ".join(ln.split())
                                 for ln in lines if ln and ln[0] != "#"])

    def longest_first(name: str) -> tuple[str, ...]:
        return tuple(sorted(set(groups[name]), key=len, reverse=True))

    g = {name: frozenset(phrases) for name, phrases in groups.items()}
    return Furniture(
        labels=g["label"] | g["section"], prefixes=longest_first("prefix"), sections=g["section"],
        owners=longest_first("owner"), tails=frozenset(_strip_edges(t) for t in groups["tail"]),
        contains=tuple(groups["contains"]), outlets=g["outlet"], roles=longest_first("role"),
        promo_starts=longest_first("promo_start"), promo_objects=tuple(groups["promo_object"]),
        date_words=g["date_word"], date_fillers=g["date_filler"], timezones=g["timezone"], title_words=g["title_word"],
        link_leads=longest_first("link_lead"),
    )


# --- line shape -----------------------------------------------------------------------------
# Public helpers take any line and collapse it; the ``_``-prefixed ones take a collapsed line.


def collapse(line: str) -> str:
    """Whitespace (NBSP and friends included) collapsed to single spaces, zero-width dropped."""
    return " ".join(_ZW_RE.sub("", line).split())


def _strip_edges(s: str) -> str:
    return s.strip(_EDGE_PUNCT).strip()


def norm_label(line: str) -> str:
    """A line as compared with the lexicon: collapsed, lower case, edge punctuation stripped."""
    return _strip_edges(collapse(line).lower())


def words(line: str) -> list[str]:
    return collapse(line).split()


def is_sentence(line: str) -> bool:
    """A real sentence (or a run of them): sentence-final punctuation, or long enough anyway."""
    return _is_sentence(collapse(line))


def _is_sentence(s: str) -> bool:
    n = s.count(" ") + 1 if s else 0
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
    if re.search(r"[.,;][”\"’']?$", s) and not s.endswith("..."):  # (a sentence may end inside its quote)
        return False
    if s.endswith(":"):
        return False
    words = s.split()
    if words[0] in _LEDE_CAPS and not words[1].isupper():
        return False  # "PRESIDENT John Magufuli yesterday received ...": a paper's lede, its first word in capitals
    return not starts_with_dateline(s)


# the first word of a lede some papers set in capitals (a headline is capitalised throughout, or not at all)
_LEDE_CAPS = frozenset({"PRESIDENT", "PRIME", "VICE", "DEPUTY", "FOREIGN", "THE", "A", "FIRST", "SPEAKER", "GOVERNOR",
                        "KING", "QUEEN", "CHIEF", "MINISTER", "AMBASSADOR", "SECRETARY", "FORMER", "ACTING"})


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


_MENU_SEP = re.compile(r"\s*(?:[|•·]|\.(?=\s+[A-Z]))\s*")


def is_menu(line: str, lex: Furniture) -> bool:
    """A row of site links run together ("CONTACT. PRIVACY POLICY. LEGAL. CAREERS. ADVERTISE With Us"):
    three or more short items, at least two of them the lexicon's labels."""
    parts = [p for p in _MENU_SEP.split(collapse(line).rstrip(".")) if p.strip()]
    if len(parts) < 3 or any(len(p.split()) > 4 for p in parts):
        return False
    return sum(norm_label(p) in lex.labels for p in parts) >= 2


def is_language_menu(line: str) -> bool:
    """A row of language names each in its own script ("हिन्दी मराठी বাংলা தமிழ்"): no Latin letter, three
    or more words, two or more scripts."""
    ws = collapse(line).split()
    if len(ws) < 3 or any(c.isascii() and c.isalpha() for c in line):
        return False
    scripts = {unicodedata.name(c, "?").split()[0] for w in ws for c in w if c.isalpha()}
    return len(scripts) >= 2


def _capitalised(ws: list[str]) -> bool:
    """Every word starts with a capital (or is a connective) and the first one does."""
    return bool(ws) and ws[0][0].isupper() and all(w[0].isupper() or w.lower() in _BYLINE_LOWER_OK for w in ws)


def is_byline(line: str, lex: Furniture | None = None) -> bool:
    """``By Staff, Agencies`` / ``By John Smith`` / ``Reporting by ...; Editing by ...`` /
    ``Reporting from Cairo``; with the lexicon also role lines (``Jane Roe, Staff Writer``)."""
    return _is_byline(collapse(line), lex)


def _is_byline(s: str, lex: Furniture | None) -> bool:
    if _BYLINE_CREDIT.match(s) and len(s.split()) <= 30:
        return True
    if _BYLINE_AUTHOR.match(s) and len(s.split()) <= 8 or _BYLINE_CONTRIB.search(s) and len(s.split()) <= 30:
        return True
    m = _BYLINE_FROM.match(s)
    if m and not _SENT_END.search(s):
        return len(m.group(1).split()) <= 6 and _capitalised(re.sub(r"[,;&]", " ", m.group(1)).split())
    if lex is not None and _is_role_byline(s, lex):
        return True
    m = _BYLINE_BY.match(s)
    if not m or s.endswith((".", "!", "?")) and not re.search(r"\b[A-Z]\.$", s):
        return False
    rest = re.sub(r"[,;|/&]", " ", m.group(1)).split()
    if not 1 <= len(rest) <= 8:
        return False
    return _capitalised(rest)


def _is_role_byline(s: str, lex: Furniture) -> bool:
    """Names ending with a byline role (``Ali Reza and Sara Kim, Agencies``), or a role alone."""
    if len(s) > 90 or _SENT_END.search(s) or any(q in s for q in _QUOTE_CHARS):
        return False
    low = s.lower()
    for role in lex.roles:
        if low == role:
            return True
        if low.endswith(role) and len(low) > len(role) and low[-len(role) - 1] in " ,-–—|":
            names = re.sub(r"[,;&|]", " ", s[: -len(role)]).strip(" -–—").split()
            if names and names[0].lower() == "by":
                names = names[1:]
            return 1 <= len(names) <= 7 and _capitalised(names)
    return False


def _is_name(s: str, lex: Furniture | None, min_words: int = 2, max_words: int = 4) -> bool:
    """A writer's name: 2-4 capitalised words, initials and particles (``Ali al-Amin``), no
    title from the lexicon (``Prime Minister Narendra Modi`` is news, not a byline)."""
    ws = s.split()
    if not min_words <= len(ws) <= max_words or not ws[0][0].isupper():
        return False
    caps = 0
    for w in ws:
        if _NAME_WORD.match(w):
            caps += 1
            if lex is not None and w.lower().rstrip(".") in lex.title_words:
                return False
        elif w.lower() not in _NAME_PARTICLES:
            return False
    return caps >= 2 and not any(c.isdigit() for c in s)


def _is_names(s: str, lex: Furniture | None) -> bool:
    """One to three writers' names of 2-3 words (``Ana Ruiz``, ``Ana Ruiz and Tom Hale``)."""
    chunks = re.split(r",\s*|\s+(?:and|&)\s+", s)
    return len(chunks) <= 3 and all(_is_name(c, lex, 2, 3) for c in chunks)


def is_located_byline(line: str, lex: Furniture | None = None) -> bool:
    """``Helen Marsh in Beijing`` / ``A B and C D in Moscow`` (a byline shape of the page edges)."""
    s = collapse(line)
    if len(s) > 100 or _SENT_END.search(s) or " in " not in s:
        return False
    chunks = [c.strip() for c in re.split(r",\s*|\s+(?:and|&)\s+", s) if c.strip()]
    for k, chunk in enumerate(chunks):
        name, sep, place = chunk.partition(" in ")
        if not _is_name(name, lex):
            return False
        if sep and not (1 <= len(place.split()) <= 3 and all(w[0].isupper() for w in place.split())):
            return False
        if k == len(chunks) - 1 and not sep:
            return False
    return True


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
    if not 1 <= len(ws) <= max_words or _SENT_END.search(s) or any(q in s for q in _QUOTE_CHARS):
        return False
    return all(w[0].isupper() or not w[0].isalpha() for w in ws)


def is_timestamp(line: str, lex: Furniture) -> bool:
    """A line that is only a date and/or time: ``Nov. 15, 2024, 5:42 p.m. ET``,
    ``Thu 16 May 2024 11.02 BST``, ``Updated: 2024-05-16 09:30 GMT+3``, ``3 hours ago``."""
    s = collapse(line).lower()
    if not s or len(s) > 80:
        return False
    pos = 0
    digits = strong = False
    for m in _TS_TOKEN.finditer(s):
        if m.start() != pos:
            return False
        pos = m.end()
        kind = m.lastgroup
        if kind == "word":
            w = m.group().rstrip(".")
            if w.replace(".", "") in _AMPM:
                continue
            if w in lex.date_words or w in lex.timezones:
                strong = True
            elif w not in lex.date_fillers:
                return False
        elif kind != "sep":
            digits = True
            strong = strong or kind in ("time", "off")
    return pos == len(s) and digits and strong


def is_promo(line: str, lex: Furniture) -> bool:
    """A promotion, even as a full sentence: a promo verb first and a promo object
    (``Sign up for the Gulf Briefing newsletter.``, ``Follow us on Telegram``)."""
    s = collapse(line)
    if len(s.split()) > 30 or any(q in s for q in _QUOTE_CHARS):
        return False
    low = s.lower().rstrip(".!:")
    if not any(low.startswith(p) and (len(low) == len(p) or not low[len(p)].isalnum()) for p in lex.promo_starts):
        return False
    return any(re.search(rf"(?<!\w){re.escape(o)}(?!\w)", low) for o in lex.promo_objects)


def is_outlet(line: str, lex: Furniture) -> bool:
    """An outlet's name as a header (``ERBIL NEWS NETWORK``, ``Persian Gulf Dispatch - English
    Service``): capitalised words, no sentence, a part ending with an outlet word."""
    s = collapse(line)
    if not s or len(s) > 90 or _SENT_END.search(s) or any(q in s for q in _QUOTE_CHARS) or starts_with_dateline(s):
        return False
    parts = [p.split() for p in _OUTLET_SEP.split(s)]
    if sum(len(p) for p in parts) > 9:
        return False
    for ws in parts:
        if not ws or len(ws) > 6 or not all(w[0].isupper() or w.lower() in _OUTLET_LOWER_OK for w in ws):
            return False
    return any(len(ws) >= 2 and ws[-1].lower().strip(".,") in lex.outlets for ws in parts)


def is_signoff(line: str) -> bool:
    """An agency sign-off: ``(end) ak.rk``, ``=========== R.Z.``, ``H.Z / M.W``, ``/ IRNA``,
    ``--SPA``, ``WAM/Hatem Mohamed``: end markers, separators, initials and agency acronyms only."""
    s = re.sub(r"\s*/\s*", "/", collapse(line))
    if not s or len(s) > 48:
        return False
    if _SO_AGENCY_NAMES.fullmatch(s):
        return True
    marked = False
    for tok in s.split():
        if _SO_END.fullmatch(tok) or _SO_INITIALS.fullmatch(tok) or _SO_AGENCY.fullmatch(tok):
            marked = True
        elif not _SO_SEP.fullmatch(tok):
            return False
    return marked


def has_end_marker(line: str) -> bool:
    """A sign-off that closes a report wherever it stands (``(end)``, ``-- ENDS --``)."""
    return is_signoff(line) and any(_SO_END.fullmatch(t) for t in collapse(line).split())


def furniture_reason(line: str, lex: Furniture, *, head: bool = False) -> str | None:
    """Why ``line`` is furniture (``label``, ``breadcrumb``, ``byline``, ...), or None.

    Context-free kinds anywhere; ``head=True`` (the top of a page, before the first sentence)
    adds site-owner and outlet-name lines.
    """
    s = collapse(line)
    if not s:
        return None
    low = _strip_edges(s.lower())
    n = s.count(" ") + 1
    if is_junk(s):
        return "junk"
    if (low in lex.labels and n <= 8) or (n <= 5 and low.rstrip(".!") in lex.labels):
        return "label"  # ("Comments are closed.")
    sentence = _is_sentence(s)
    if n <= 12 and not sentence:
        cl = s.lower()
        if any(cl.startswith(p) and (len(low) == len(p) or not low[len(p) : len(p) + 1].isalnum()) for p in lex.prefixes):
            return "label"
    if any(c in s.lower() for c in lex.contains if n <= 15 or (n <= 40 and c.count(" ") >= 4)):
        return "label"  # (a phrase of five words or more marks a longer line too: "... is solely responsible for the information")
    if any(re.match(re.escape(lead) + r"\s*[:|]", s, re.I) for lead in lex.link_leads):
        return "link"  # "Also Read: Pakistan PM congratulates ...": another story's headline, however long
    if n <= 12 and is_timestamp(s, lex):
        return "timestamp"
    if is_breadcrumb(s, lex):
        return "breadcrumb"
    if is_menu(s, lex) or is_language_menu(s):
        return "menu"
    if _is_byline(s, lex):
        return "byline"
    if is_promo(s, lex):
        return "promo"
    if head and n <= 12 and not sentence:
        if any(low.startswith(o + " ") for o in lex.owners):
            return "owner"
        if is_outlet(s, lex):
            return "outlet"
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
    for seg in text[begin:end].split("\n"):
        left = seg.lstrip(_STRIP)
        s = pos + len(seg) - len(left)
        body = left.rstrip(_STRIP)
        out.append(_Line(s, s + len(body), body) if body else None)
        pos += len(seg) + 1
    return out


def _cut_end_marker(line: _Line) -> tuple[_Line, Span | None]:
    """``... he said. (end) ak.rk`` -> the line without its glued sign-off, and the sign-off."""
    m = _INLINE_END.search(line.text)
    if m is None:
        return line, None
    cut = line.text[: m.start()]
    gone = line.text[m.start() :].lstrip(_STRIP)
    start = line.start + len(line.text) - len(gone)
    return _Line(line.start, line.start + len(cut), cut), Span(gone, start, line.end)


def clean(raw: RawDocument, lexicon: Furniture | None = None) -> CleanDocument:
    """Drop furniture, bylines and trailing junk from ``raw.text``; keep the offset map.

    1. the region before ``raw.body_start`` (date header, title line, furniture skipped by the
       reader) is left out; lines there other than the header and title go to ``removed``;
    2. a first body line equal to ``raw.title`` (HTML/JSONL texts often repeat it) is left out;
       an agency end marker glued to the end of a paragraph (``(end) ak.rk``) is cut off;
    3. every line is classified: lexicon labels, breadcrumbs, bylines, timestamps, promotions,
       junk fragments anywhere; site-owner and outlet lines, ``X in City`` bylines in the head;
       after a tail marker ("Related Articles") short non-sentence lines; label-shaped lines,
       sign-offs and ``X in City`` bylines after the last real sentence; a bare author name
       next to a byline or timestamp in the head or tail;
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
    for i, ln in enumerate(lines):
        if ln is not None and "end" in ln.text[-48:].lower():
            cut, gone = _cut_end_marker(ln)
            if gone is not None:
                lines[i] = cut
                removed.append(gone)
    drop: set[int] = set()
    present = [(i, ln) for i, ln in enumerate(lines) if ln is not None]
    if present and title_norm and _same_title(present[0][1].text, title_norm):
        drop.add(present[0][0])
        present = present[1:]

    base = {i: furniture_reason(ln.text, lex) for i, ln in present}
    content = [(i, ln) for i, ln in present if base[i] is None and is_sentence(ln.text)]
    first_sentence = content[0][0] if content else len(lines)
    last_sentence = content[-1][0] if content else -1
    last_long = max((i for i, ln in content if _is_long_sentence(ln.text)), default=-1)
    reasons: dict[int, str] = {}
    in_tail = after_promo = False
    for i, ln in present:
        head, tail = i < first_sentence, i > last_sentence >= 0
        reason = furniture_reason(ln.text, lex, head=True) if head else base[i]
        if i > first_sentence and (norm_label(ln.text) in lex.tails or _TAIL_SECTION.fullmatch(norm_label(ln.text))) \
                and not is_sentence(ln.text) and last_long <= i:
            in_tail = True
            reason = reason or "tail"
        elif (in_tail and (after_promo or not is_sentence(ln.text)) and len(words(ln.text)) <= 20) or (
                tail and is_label_shaped(ln.text)):
            reason = reason or "tail"
        elif _FOLLOW_US.match(ln.text) and i > first_sentence and last_long < i and sum(
                1 for j, x in present if j > i and not is_sentence(x.text) and base[j] is None) >= 2:
            # "Follow us on Instagram: @site" after the story's last long sentence, then headlines: what follows
            # is the site's list of other stories, headlines that may end with a full stop
            in_tail = after_promo = True
        if reason is None and (head or tail) and is_located_byline(ln.text, lex):
            reason = "byline"
        if reason is None and i > first_sentence and (tail or has_end_marker(ln.text)) and is_signoff(ln.text):
            reason = "signoff"
        if reason:
            reasons[i] = reason
    edges = [k for k, (i, _) in enumerate(present) if i not in reasons and (i < first_sentence or i > last_sentence >= 0)
             and _is_names(collapse(present[k][1].text), lex)]
    while edges:  # bare author names beside a byline or timestamp (or beside such a name)
        hits = [k for k in edges if any(reasons.get(present[j][0]) in ("byline", "timestamp")
                                        for j in (k - 1, k + 1) if 0 <= j < len(present))]
        reasons.update((present[k][0], "byline") for k in hits)
        edges = [k for k in edges if k not in hits] if hits else []
    for i, ln in present:
        if i in reasons:
            drop.add(i)
            removed.append(Span(ln.text, ln.start, ln.end))

    kept_idx = [i for i, ln in enumerate(lines) if ln is not None]
    one_per_line = not kept_idx or all(ln is not None for ln in lines[kept_idx[0] : kept_idx[-1]])
    wrapped = _hard_wrapped([ln.text for i, ln in enumerate(lines) if ln is not None and i not in drop])
    out: list[str] = []
    offsets: list[int] = []
    prev: _Line | None = None
    gap = False  # a blank or dropped line since the previous kept line
    for i, line in enumerate(lines):
        if line is None or i in drop:
            gap = gap or prev is not None
            continue
        if prev is not None:
            sep = "\n\n" if (gap or one_per_line) else "\n"
            if wrapped and not gap and not _RUN_ENDS.search(prev.text):
                sep = " "  # a plain-text page wrapped at a width: the sentence goes on in the next line
            nl = text.find("\n", prev.end)
            anchor = nl if nl != -1 else prev.end
            out.append(sep)
            offsets.extend([anchor] * len(sep))
        _emit(text, line, out, offsets)
        prev = line
        gap = False
    offsets.append(prev.end if prev is not None else body_start)
    removed.sort(key=lambda sp: sp.start)
    return CleanDocument(raw=raw, text="".join(out), offsets=tuple(offsets), removed=tuple(removed))


# "Next In Nation", "More from World", "Latest in Politics": a list of the site's other stories follows
_FOLLOW_US = re.compile(r"\s*(?:follow|like|join)\s+us\s+on\b", re.I)  # a site's call to its social accounts
_TAIL_SECTION = re.compile(r"(?:next|more|latest|also)\s+(?:in|from|on)\s+[\w&' -]{2,30}"
                           r"|more\s+[\w&' -]{2,30}\s+(?:articles|stories|news)")  # "MORE National ARTICLES"


_RUN_ENDS = re.compile(r"[.!?:;\"”’]\s*$|^\s*$")


def _hard_wrapped(texts: list[str]) -> bool:
    """Whether a page is plain text wrapped at a width ("Fiji's presidential delegation will" / "be met at
    the airport ..."), with or without blank lines between its paragraphs: most lines stop short of a
    sentence's end, none runs long, and lines go on in lower case."""
    body = [t for t in texts if len(t.split()) >= 3]
    if len(body) < 6 or max(len(t) for t in body) > 120:
        return False
    open_ended = sum(not _RUN_ENDS.search(t) for t in body)
    lower_next = sum(bool(a) and not _RUN_ENDS.search(a) and b[:1].islower() for a, b in zip(body, body[1:], strict=False))
    return open_ended * 2 >= len(body) and lower_next * 4 >= len(body)


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
    if _ODD_SPACE.search(ln.text) is None:  # the common case: single plain spaces only
        out.append(ln.text)
        offsets.extend(range(ln.start, ln.end))
        return
    pos = ln.start
    for m in _SPACE_RUN.finditer(text, ln.start, ln.end):
        _emit_run(text, pos, m.start(), out, offsets)
        out.append(" ")
        offsets.append(m.start())
        pos = m.end()
    _emit_run(text, pos, ln.end, out, offsets)


def _emit_run(text: str, a: int, b: int, out: list[str], offsets: list[int]) -> None:
    """Copy ``text[a:b]`` (no whitespace in it) without its zero-width characters."""
    seg = text[a:b]
    if _ZW_RE.search(seg) is None:
        out.append(seg)
        offsets.extend(range(a, b))
        return
    for j in range(a, b):
        if text[j] not in _ZERO_WIDTH:
            out.append(text[j])
            offsets.append(j)
