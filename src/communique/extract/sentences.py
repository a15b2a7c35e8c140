"""Sentences as the extractor uses them: spaCy's, re-joined where the small model split a
sentence with no closing punctuation (a dateline, "received at X on Wednesday | Egyptian FM ...")."""

from __future__ import annotations

from typing import Any

_CLOSERS = frozenset('.!?:;"”’)»')


def sentences(doc: Any) -> list[Any]:
    """spaCy Spans: consecutive sentences of one paragraph are joined when the first has no end mark."""
    out: list[Any] = []
    cur = None
    for sent in doc.sents:
        if cur is not None:
            tail = cur.text.rstrip()
            para_end = "\n" in doc.text[cur.end_char - 1 : sent.start_char + 1] or "\n" in cur.text_with_ws[len(tail):]
            if tail and tail[-1] not in _CLOSERS and not para_end:
                cur = doc[cur.start : sent.end]
                continue
            out.append(cur)
        cur = sent
    if cur is not None:
        out.append(cur)
    return out
