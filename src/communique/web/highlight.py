"""Evidence highlighting: an untrusted text plus offset spans -> escaped HTML with ``<mark>`` elements.

Each span becomes ``<mark id=KEY data-f=KEY class="f f-KIND">``. Spans nest as elements; when two
spans cross (neither contains the other), the one with the lower ``priority`` is split into
pieces (the first keeps the ``id``, the others get class ``cont``), so a high-priority span
(a quote) stays one element whose text is exactly its evidence. Every piece of text is escaped
on its own; nothing from the text reaches the HTML unescaped.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Mark:
    key: str  # element id, unique in the page (e.g. "q-3")
    start: int
    end: int
    kind: str  # CSS class suffix: quote, meeting, mention, statement, place, removed
    priority: int = 0  # kept whole over lower priorities when spans cross
    title: str | None = None


def _open(m: Mark, first: bool) -> str:
    cls = f"f f-{escape(m.kind)}" + ("" if first else " cont")
    ident = f' id="{escape(m.key)}"' if first else ""
    title = f' title="{escape(m.title)}"' if m.title else ""
    return f'<mark{ident} data-f="{escape(m.key)}" class="{cls}"{title}>'


def highlight(text: str, marks: Sequence[Mark]) -> Markup:
    """``text`` escaped, with each mark's ``[start, end)`` wrapped (see module docstring)."""
    n = len(text)
    seen: set[str] = set()
    valid: list[Mark] = []
    for m in marks:
        if m.key in seen or m.start < 0 or m.end > n or m.end <= m.start:
            continue
        seen.add(m.key)
        valid.append(m)
    if not valid:
        return Markup(escape(text))
    bounds = sorted({0, n, *(m.start for m in valid), *(m.end for m in valid)})
    out: list[str] = []
    stack: list[Mark] = []
    opened: set[str] = set()
    for a, b in zip(bounds, bounds[1:], strict=False):
        cover = {m.key for m in valid if m.start <= a and m.end >= b}
        new = [m for m in valid if m.key in cover and m not in stack]
        cut = len(stack)
        for i, s in enumerate(stack):
            crossed = any(s.priority < m.priority and s.end < m.end for m in new)
            if s.key not in cover or crossed:
                cut = i
                break
        out.append("</mark>" * (len(stack) - cut))
        reopen = [s for s in stack[cut:] if s.key in cover]
        del stack[cut:]
        for m in sorted(new + reopen, key=lambda m: (-m.end, -m.priority, m.start, m.key)):
            out.append(_open(m, m.key not in opened))
            opened.add(m.key)
            stack.append(m)
        out.append(str(escape(text[a:b])))
    out.extend("</mark>" for _ in stack)
    return Markup("".join(out))


def raw_to_clean(offsets: Sequence[int], n_clean: int, start: int, end: int) -> tuple[int, int]:
    """The cleaned-text span of raw ``[start, end)`` (``offsets[i]`` = raw offset of clean char i)."""
    cs = bisect_left(offsets, start, 0, n_clean)
    ce = bisect_left(offsets, end, cs, n_clean)
    return cs, ce
