"""Sentences as the extractor uses them: spaCy's, re-joined where the small model split a
sentence with no closing punctuation (a dateline, "received at X on Wednesday | Egyptian FM ...").

Computed once per Doc in one pass over its tokens (``Doc.sents`` re-checks the whole document's
annotation on every call) and kept in ``doc.user_data``.
"""

from __future__ import annotations

import re
from typing import Any

from .spans import doc_text

_CLOSERS = frozenset('.!?:;"”’)»')
_KEY = "communique_sentences"
_CLOCK_END = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*[ap]\.m\.$", re.I)  # a sentence the model ended at "a.m."
# a title's abbreviation the model ended a sentence at: "with former Prime Minister Hon. Yoshiro Mori"
_TITLE_ABBREVIATION_END = re.compile(r"(?<![\w.])(?:Hon|Dr|Mr|Mrs|Ms|Gen|Lt|Col|Maj|Capt|Prof|Rev|Amb|Sen|Rep|Gov|Adm|Brig|Sgt|Mohd|Muhd|Md|Abd|Rt|St|Fr)\.$")
_ZONE_NEXT = re.compile(r"(?:[A-Z][a-z]+\s+time\b|GMT\b|UTC\b|[A-Z]{2,4}T\b)")  # ... when a time zone follows


def sentences(doc: Any) -> list[Any]:
    """spaCy Spans: consecutive sentences of one paragraph are joined when the first has no end mark,
    ends at a title's abbreviation ("Hon.", "Dr.") before a name, or at a clock time's "a.m." that a
    time zone follows."""
    cached = doc.user_data.get(_KEY)
    if cached is not None:
        return cached
    starts = [tok.i for tok in doc if tok.is_sent_start or tok.i == 0]
    bounds = list(zip(starts, starts[1:] + [len(doc)], strict=True))
    text = doc_text(doc)
    out: list[Any] = []
    cur: tuple[int, int] | None = None
    for a, b in bounds:
        if cur is not None:
            end_char = doc[cur[1] - 1].idx + len(doc[cur[1] - 1])
            tail = text[doc[cur[0]].idx : end_char].rstrip()
            gap = text[end_char : doc[a].idx + 1]
            if tail and tail[-1] not in _CLOSERS and "\n" not in gap and not doc[cur[1] - 1].is_space:
                cur = (cur[0], b)
                continue
            if _TITLE_ABBREVIATION_END.search(tail) and "\n" not in gap and text[doc[a].idx : doc[a].idx + 1].isupper():
                cur = (cur[0], b)  # "... Hon. Yoshiro Mori": the name goes on
                continue
            if _CLOCK_END.search(tail) and "\n" not in gap and _ZONE_NEXT.match(text, doc[a].idx):
                cur = (cur[0], b)  # "met at 7:09 a.m. Moscow time at the spaceport": one sentence
                continue
            out.append(doc[cur[0] : cur[1]])
        cur = (a, b)
    if cur is not None:
        out.append(doc[cur[0] : cur[1]])
    doc.user_data[_KEY] = out
    return out
