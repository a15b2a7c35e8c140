"""Quotations: find quoted spans, tell speech from scare quotes, classify direct vs fragment.

Works on the cleaned text (offsets in cleaned-text coordinates; the caller maps them to raw).
Marks: straight, curly and single quotes, mixed within one quote (a quote opened with “ may
close with "), quotes running over paragraphs (the continuation paragraph reopens with a mark),
unbalanced marks (an opener whose closer is lost, a closer without opener).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .spans import Ranges

DOUBLE = frozenset('"“”„«»')
SINGLE_OPEN = frozenset("‘'")
SINGLE_CLOSE = frozenset("’'")
_OPEN_BEFORE = frozenset(" \t\n([{—–-:;,/")
_WORD = re.compile(r"[\w’'-]+")
FUNCTION_WORDS = frozenset(
    ["of", "the", "and", "for", "in", "on", "to", "a", "an", "de", "al", "el", "bin", "ibn", "la", "le", "du", "da", "van", "von"]
)


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quoted span in cleaned-text coordinates: ``start:end`` excludes the marks."""

    start: int
    end: int
    open_mark: int  # index of the opening mark (-1 when lost)
    close_mark: int  # index of the closing mark (-1 when lost)
    paragraphs: int = 1  # how many paragraphs it runs over
    balanced: bool = True

    @property
    def marked(self) -> tuple[int, int]:
        """The span with its marks (as far as they were found)."""
        return max(self.open_mark, self.start - 1), (self.close_mark + 1) if self.close_mark >= 0 else self.end


_SINGLES = frozenset("'‘’")


def double_width(text: str, i: int) -> int:
    """How many characters a double quotation mark at ``i`` takes: 1 for " “ ” „ « », 2 for two
    single marks written as one double ('' ‘’ ’’ ‘‘, as some wires and state media print them), else 0."""
    ch = text[i]
    if ch in DOUBLE:
        return 1
    if ch == "`":  # ``...'': the opening mark of old wire copy and typeset text, never a closer
        return 2 if i + 1 < len(text) and text[i + 1] == "`" else 0
    return 2 if ch in _SINGLES and i + 1 < len(text) and text[i + 1] in _SINGLES else 0


_SPACED = frozenset(" \u00a0\u202f")  # the spaces French typography sets inside its marks ("« Nous ... »")


def _is_opener(text: str, i: int, width: int = 1) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    if text[i] in "«“" and after in _SPACED and i + width + 1 < len(text) and text[i + width + 1].isalnum():
        after = text[i + width + 1]  # "« We came ...", "allowed “ to address ...": a space inside the mark
    return (before in _OPEN_BEFORE or before in DOUBLE) and not after.isspace()


def _is_closer(text: str, i: int, width: int = 1) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _spaced_closer(text: str, i: int, open_at: int) -> bool:
    """A mark set apart from the words it closes, as French typography does: a mark with a space on each side, or, in a
    quote opened with a guillemet or a space ("« ... “, explained X"), after a space and before punctuation."""
    if i == 0 or text[i - 1] not in _SPACED or open_at + 1 >= len(text):
        return False
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace():  # ('wanted to “endorse “ what ...', '»... fronts, « Trump said'): spaced on both sides
        return True
    return after in ",.;:!?" and (text[open_at] in "«»" or text[open_at + 1] in _SPACED)


_SPEECH_AFTER = re.compile(r"(?:says|said|adds|added|told|tells|stated|noted|stressed)\b")


def _glued_closer(text: str, i: int) -> bool:
    """A mark that ends an open quote though it looks like an opener: glued to the next sentence
    ('... lie ahead."Muizzu, who arrived ...', '... regard,”Pierre said') or set apart from its comma
    and glued to the speech verb ('... key to success, "says Thórdarson.')."""
    if text[i] == "”" and i > 0 and text[i - 1] in ",.!?" and i + 1 < len(text) and text[i + 1].isalpha():
        return True  # a right mark after the quote's own comma, glued to the speaker ('... regard,”Pierre said')
    if text[i] not in '"“' or i < 2 or i + 1 >= len(text):
        return False
    before, after = text[i - 1], text[i + 1]
    if text[i] == '"' and before in ".!?" and after.isupper():
        return True
    # ('... the whole region, “said Iranian President X.': a left mark typed for the right one)
    return before == " " and text[i - 2] in ",.!?" and bool(_SPEECH_AFTER.match(text, i + 1))


def _reversed_glued_opener(text: str, i: int) -> bool:
    """A right (or straight) mark glued between a sentence's end and the next sentence's first word, no quote
    being open: the opening mark of a quote, typed reversed ("... on September 23.”Honoured to call on ...") or
    glued ('... all set to hold talks."Exemplary relationship ...')."""
    return (text[i] in '”"' and i > 0 and text[i - 1] in ".!?" and i + 2 < len(text) and text[i + 1].isupper()
            and text[i + 2].islower())


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blocks separated by blank lines (or single newlines)."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted span in ``text`` (double marks first, then single marks outside them)."""
    paras = paragraphs(text)
    spans: list[QuoteSpan] = []
    pending: tuple[int, int] | None = None  # (open mark index, paragraphs so far) of a quote running on
    resume = 0  # where reading goes on after a quote that ran on unmarked to a later paragraph's closer
    for pi, (ps, pe) in enumerate(paras):
        if pe <= resume:
            continue
        ps = max(ps, resume)
        open_at: int | None = None
        n_par = 1
        if pending is not None:
            # a quote from the previous paragraph continues only if this one reopens with a mark,
            # or runs on unmarked in the speaker's own voice to a closing mark ("... the Turkish
            # people.\n\nToday we discussed ...\n\nWe talked about ... in the near future,” he said.")
            run = _runs_on_to(text, paras, pi)
            if double_width(text, ps):
                open_at, n_par = pending[0], pending[1] + 1
                ps += double_width(text, ps)
            elif run is not None:
                closer, last = run
                om, n_par = pending[0], pending[1] + last - pi + 1
                spans.append(QuoteSpan(om + 1, _rstrip(text, om + 1, closer), om, closer, n_par, True))
                pending = None
                resume = closer + 1
                if paras[last][1] <= resume:
                    continue
                ps = resume
            else:
                om = pending[0]
                spans.append(QuoteSpan(om + 1, _open_end(text, om + 1, paras[pi - 1][1]), om, -1, pending[1], False))
            pending = None
        i = ps
        while i < pe:
            ch = text[i]
            w = double_width(text, i)
            if w:
                # (a pair of single marks: the quote opens after the second, closes at the first)
                if open_at is None:
                    if ((ch != "”" or i == ps) and _is_opener(text, i, w)) or _reversed_glued_opener(text, i):
                        open_at = i + w - 1  # (a paragraph may open with a reversed mark)
                    elif ch != "`" and _is_closer(text, i, w) and not any(q.close_mark >= ps for q in spans):
                        # a closer with no opener: the opening was lost; not recoverable (after a quote
                        # closed in the same paragraph, a stray mark: the words before it are narrative)
                        # (from its own line: a page may break paragraphs with single newlines, and the words of the
                        # lines before are narrative)
                        ls = max(ps, text.rfind("\n", 0, i) + 1)
                        spans.append(QuoteSpan(ls, _rstrip(text, ls, i), -1, i, 1, False))
                elif ch != "`" and ((_is_closer(text, i, w) and (ch != "“" or i + 1 >= pe or text[i + 1].isspace()))
                                    or _glued_closer(text, i) or (w == 1 and _spaced_closer(text, i, open_at))):
                    s = open_at + 1
                    while s < i and text[s] in _SPACED:
                        s += 1  # ("« We came ...": the words, not the space inside the mark)
                    spans.append(QuoteSpan(s, _rstrip(text, s, i), open_at, i + w - 1, n_par, True))
                    open_at, n_par = None, 1
                elif _is_opener(text, i, w) and ch == '"' and not text[ps:open_at].strip() and re.search(
                        r"[a-z0-9][ \t]$", text[max(ps, i - 2) : i]) and (
                        any(_is_closer(text, k, double_width(text, k)) for k in range(i + 1, pe) if double_width(text, k))):
                    pass  # '"... Thank you for visiting "Kazakhstan on an official visit ...," he said': a stray mark
                    # mid-clause of a quote that opened the paragraph and closes later in it (not 'X "emphasized
                    # ..., considering that "the ceasefire helps."': a quote inside a woven one)
                elif _is_opener(text, i, w):
                    # a new opener inside an open quote: the previous one lost its closer
                    s = open_at + 1
                    spans.append(QuoteSpan(s, _rstrip(text, s, i), open_at, -1, n_par, False))
                    open_at, n_par = i + w - 1, 1
                i += w
                continue
            i += 1
        if open_at is not None and _TRAILING_CUE.search(text, open_at + 1, pe):
            # the closing mark was forgotten before the speech verb ending the paragraph: the quote ends there
            spans.append(QuoteSpan(open_at + 1, _open_end(text, open_at + 1, pe), open_at, -1, n_par, False))
        elif open_at is not None:
            pending = (open_at, n_par)
    if pending is not None:
        om = pending[0]
        spans.append(QuoteSpan(om + 1, _open_end(text, om + 1, paras[-1][1]), om, -1, pending[1], False))
    spans = [part for q in spans for part in _split_at_dashed_cues(text, q)]
    spans.extend(_single_quotes(text, paras, spans))
    spans.sort(key=lambda q: q.start)
    return [q for q in spans if q.end > q.start]


# an attribution set between dashes inside one pair of marks, as Russian typography does: '"We met, – the
# minister wrote. – We agreed ..."': two quotes, each dash a mark of its own
_DASHED_CUE = re.compile(r"[,.!?]?[ \t]+[–—][ \t]+(?=[a-z])[^–—\n]{0,120}?\b(?:said|says|wrote|writes|noted|notes|added|adds|"
                         r"stressed|stresses|emphasi[sz]ed|stated|states|told|tells|underlined|continued|remarked)\b"
                         r"[^–—\n]{0,120}?[.,:]?[ \t]+[–—][ \t]+(?=[A-ZÀ-ÖØ-ÞĀ-ſ“\"«])")


def _split_at_dashed_cues(text: str, q: QuoteSpan) -> list[QuoteSpan]:
    """``q`` cut where an attribution between dashes interrupts it (each dash closes and reopens it)."""
    parts: list[QuoteSpan] = []
    start, open_mark = q.start, q.open_mark
    for m in _DASHED_CUE.finditer(text, q.start, q.end):
        dashes = [i for i in range(m.start(), m.end()) if text[i] in "–—"]
        parts.append(QuoteSpan(start, _rstrip(text, start, dashes[0]), open_mark, dashes[0], 1, True))
        start, open_mark = m.end(), dashes[-1]
    if not parts:
        return [q]
    return [*parts, QuoteSpan(start, q.end, open_mark, q.close_mark, q.paragraphs, q.balanced)]


_OWN_VOICE = re.compile(r"\b(?:I|we|We|our|Our|us|my|My|you|You)\b")
_RUN_ON_PARAGRAPHS = 6
_SALUTATION = 80  # a paragraph this short may run on without the first person ("Dear Irakli,")


def _runs_on_to(text: str, paras: list[tuple[int, int]], pi: int) -> tuple[int, int] | None:
    """(closing mark, its paragraph) when a quote left open at the end of paragraph ``pi - 1``
    runs on without marks through paragraphs in the first person to a closing mark with no
    opener before it; None otherwise (the quote ends with its paragraph)."""
    for n in range(pi, min(len(paras), pi + _RUN_ON_PARAGRAPHS)):
        ps, pe = paras[n]
        first = next((i for i in range(ps, pe) if double_width(text, i)), None)
        said = text[ps : first if first is not None else pe]
        if not _OWN_VOICE.search(said) and (len(said) >= _SALUTATION or first is not None):
            return None
        if first is not None:
            w = double_width(text, first)
            return (first, n) if _is_closer(text, first, w) and not _is_opener(text, first, w) else None
    return None


# a paragraph that ends with its speech verb after a quote that never closed: '"New Zealand's ties have
# grown stronger, Peters said.' (the words are the quote's, the cue is not)
_TRAILING_CUE = re.compile(r",\s+(?:(?:the|The)\s+)?(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]*|[a-z]+)(?:\s+(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]*|[a-z]+)){0,3}"
                           r"\s+(?:said|says|added|adds|told\s+\w+|noted|stressed|stated)\.?\s*$")


def _open_end(text: str, start: int, end: int) -> int:
    """Where a quote that never closed ends: its paragraph's end, or before a speech verb ending it."""
    cue = _TRAILING_CUE.search(text, start, end)
    return _rstrip(text, start, cue.start() if cue and "\n" not in text[cue.start() : end].rstrip() else end)


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _single_quotes(text: str, paras: list[tuple[int, int]], doubles: list[QuoteSpan]) -> list[QuoteSpan]:
    """‘...’ and '...' pairs within one paragraph, outside double-quoted spans; an opener left
    open at the end of a paragraph whose next paragraph reopens with ‘ runs to the paragraph end."""
    inside = Ranges((q.start - 1, q.end + 1) for q in doubles)
    out: list[QuoteSpan] = []
    for n, (ps, pe) in enumerate(paras):
        i = ps
        while i < pe:
            ch = text[i]
            if ch in SINGLE_OPEN and _is_opener(text, i) and text[i + 1 : i + 2].isalpha() and i not in inside:
                j = i + 1
                limit = min(pe, i + 600)
                closed = False
                while j < limit:
                    c = text[j]
                    if c in SINGLE_CLOSE and not text[j - 1].isspace():
                        nxt = text[j + 1] if j + 1 < len(text) else " "
                        if not nxt.isalpha():
                            out.append(QuoteSpan(i + 1, j, i, j, 1, True))
                            closed = True
                            break
                    j += 1
                if not closed and limit == pe and n + 1 < len(paras) and text[paras[n + 1][0]] in SINGLE_OPEN:
                    out.append(QuoteSpan(i + 1, _rstrip(text, i + 1, pe), i, -1, 1, True))
                i = j + 1
                continue
            i += 1
    return out


def words(s: str) -> list[str]:
    return _WORD.findall(s)


def is_name_like(quoted: str) -> bool:
    """A quoted name, title or label (“Israeli”, “ISIS”, “Deal of the Century”): not speech."""
    ws = words(quoted)
    if not ws or len(ws) > 6:
        return False
    content = [w for w in ws if w.lower() not in FUNCTION_WORDS]
    return bool(content) and all(w[0].isupper() or w.isupper() or w[0].isdigit() for w in content)


def embedded(text: str, q: QuoteSpan) -> bool:
    """True when the quote is woven into a sentence (not introduced by a colon, comma or a new sentence)."""
    if q.open_mark < 0:
        return False
    i = q.open_mark - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] == "\n":
        return False
    return text[i] not in ",:;.!?—–-(" and text[i] not in DOUBLE
