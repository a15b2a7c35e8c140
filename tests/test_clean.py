"""Cleaning: furniture, bylines and junk gone, article kept, offsets exact."""

from __future__ import annotations

import json
from pathlib import Path

from communique.clean import (
    CleanDocument,
    clean,
)
from communique.ingest import read_paths
from communique.ingest.text import parse_text
from communique.options import Options
from communique.records import RawDocument

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " "})


def _norm(s: str) -> str:
    return " ".join(s.translate(_QUOTES).split())


def assert_offsets_exact(doc: CleanDocument) -> None:
    assert len(doc.offsets) == len(doc.text) + 1
    for i, ch in enumerate(doc.text):
        if ch.isspace():
            assert doc.raw.text[doc.offsets[i]].isspace() or doc.raw.text[doc.offsets[i]] in "\u200b\ufeff"
        else:
            assert doc.raw.text[doc.offsets[i]] == ch, (i, ch)
    assert list(doc.offsets[:-1]) == sorted(doc.offsets[:-1])
    for span in doc.removed:
        assert doc.raw.text[span.start : span.end] == span.text


def _doc(text: str, **kw: object) -> CleanDocument:
    return clean(parse_text(text, "t", "t.txt", **kw))  # type: ignore[arg-type]


# --- seeds ----------------------------------------------------------------------------------


def _seed_docs(seeds_dir: Path) -> list[RawDocument]:
    docs = list(read_paths([seeds_dir], Options()))
    assert all(isinstance(d, RawDocument) for d in docs)
    return docs  # type: ignore[return-value]


def test_seed_boilerplate_gone_and_gold_kept(seeds_dir: Path, gold_dir: Path) -> None:
    for raw in _seed_docs(seeds_dir):
        gold = json.loads((gold_dir / f"{raw.doc_id}.json").read_text(encoding="utf-8"))
        doc = clean(raw)
        lines = {_norm(ln) for ln in doc.text.split("\n")}
        for line in gold["boilerplate"]:
            assert _norm(line) not in lines, (raw.doc_id, line)
            assert _norm(line) in {_norm(s.text) for s in doc.removed}, (raw.doc_id, line)
        body = _norm(doc.text)
        for quote in gold["quotes"]:
            assert _norm(quote["text"]).rstrip(".,") in body, (raw.doc_id, quote["text"])
        for meeting in gold["meetings"]:
            assert _norm(meeting["evidence"]) in body, (raw.doc_id, meeting["evidence"])
        if gold["title"]:
            assert _norm(gold["title"]) not in lines
        assert "date 20" not in doc.text
        assert_offsets_exact(doc)


def test_seed_raw_spans_of_cleaned_text(seeds_dir: Path) -> None:
    for raw in _seed_docs(seeds_dir):
        doc = clean(raw)
        first_par = doc.text.split("\n\n")[0]
        span = doc.raw_span(0, len(first_par))
        assert _norm(span.text) == _norm(first_par)
        assert raw.text[span.start : span.end] == span.text
