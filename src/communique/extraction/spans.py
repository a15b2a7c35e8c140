"""Character ranges with logarithmic membership tests (quoted text, clauses), so that the
extractor stays linear on long documents."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import Any


class Ranges:
    """A set of [start, end) character ranges, merged and sorted; ``pos in ranges`` is O(log n)."""

    __slots__ = ("ends", "starts")

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(r for r in ranges if r[1] > r[0]):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def __contains__(self, pos: object) -> bool:
        if not isinstance(pos, int):
            return False
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]

    def __len__(self) -> int:
        return len(self.starts)


_TEXT = "communique.text"


def doc_text(doc: Any) -> str:
    """A spaCy Doc's text, joined once and kept in its user_data: ``Doc.text`` joins every token
    on every call, and the extractor asks for it per sentence and per trigger."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def char_span(tokens: Iterable[Any]) -> tuple[int, int]:
    """The character range [start, end) covered by spaCy tokens (a subtree, a run)."""
    toks = list(tokens)
    return min(t.idx for t in toks), max(t.idx + len(t) for t in toks)
