"""Batch output on disk: one results file per input shard, a manifest, failures, events.

An output directory written by ``communique batch`` holds:

``<stem>-<hash>.parquet`` (or ``.jsonl``)
    one per input shard (an input file): a row per document and ``_record``, the lossless record
    the merge step reads back (raw text, offset map, full quality and analysis). Parquet rows are
    the ``documents`` table of ``communique export --format parquet`` (same schema and types);
    JSONL lines are the JSONL contract's records.
``_manifest.jsonl``
    one line per finished shard (appended as each finishes): input path, its size and sha256,
    output file, documents, failures. A re-run skips shards whose entry still matches.
``_failures.jsonl``
    every failure of the current inputs: shard, source, stage, reason.
``_events.jsonl``, ``_links.jsonl``
    the merged events and near-duplicate links over all shards (stages 5-6).
``_SUCCESS``
    written last, only when every shard finished without a failure.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from .errors import InputError
from .records import (
    Analysis,
    CleanDocument,
    DocumentResult,
    Entity,
    Failure,
    Meeting,
    Person,
    Quality,
    Quote,
    RawDocument,
    Span,
    Statement,
)
from .store.convert import decode_offsets, encode_offsets

FORMATS = ("parquet", "jsonl")
MANIFEST = "_manifest.jsonl"
FAILURES = "_failures.jsonl"
EVENTS = "_events.jsonl"
LINKS = "_links.jsonl"
SUCCESS = "_SUCCESS"


@dataclass(frozen=True, slots=True)
class Shard:
    """One input file and the name of its results file (without extension)."""

    path: str
    name: str

    def output(self, fmt: str) -> str:
        return f"{self.name}.{fmt}"


def shard_name(path: str) -> str:
    """``<file stem>-<8 hex of the absolute path's sha256>``: readable, unique, stable across runs."""
    p = Path(path)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", p.name)[:80] or "input"
    digest = hashlib.sha256(str(p.resolve()).encode("utf-8")).hexdigest()[:8]
    return f"{stem}-{digest}"


def expand_shards(inputs: Iterable[str | Path]) -> list[Shard]:
    """One shard per input file; directories expand to their article files in ``read_paths`` order."""
    from .ingest import kind_of

    paths: list[str] = []
    for inp in inputs:
        name = str(inp)
        if name == "-":
            raise InputError("-", "batch reads files and directories, not stdin")
        path = Path(name)
        if path.is_dir():
            found = sorted(
                (f.relative_to(path).as_posix(), f) for f in path.rglob("*")
                if not any(part.startswith(".") for part in f.relative_to(path).parts)
                and kind_of(f.name) and f.is_file()
            )
            paths.extend(str(f) for _rel, f in found)
            if not found:
                paths.append(name)  # read_paths reports "no articles found" for it
        else:
            paths.append(name)
    seen: dict[str, None] = {}
    for p in paths:
        seen.setdefault(p)
    return [Shard(p, shard_name(p)) for p in seen]


def file_digest(path: str) -> tuple[int, str] | None:
    """(size, sha256) of a file's bytes, or None when it cannot be read."""
    h = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as fh:
            while block := fh.read(1 << 20):
                h.update(block)
                size += len(block)
    except OSError:
        return None
    return size, h.hexdigest()


# --- lossless records ---------------------------------------------------------------------------

def _span(s: Span | None) -> list[Any] | None:
    return None if s is None else [s.text, s.start, s.end]


def _unspan(v: Any) -> Span | None:
    return None if v is None else Span(v[0], v[1], v[2])


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(v: str | None) -> date | None:
    return date.fromisoformat(v) if v else None


def result_state(r: DocumentResult) -> dict[str, Any]:
    """Everything in a DocumentResult as JSON values (``result_from_state`` inverts it exactly)."""
    raw, c, q, a = r.clean.raw, r.clean, r.quality, r.analysis
    return {
        "raw": {"doc_id": raw.doc_id, "source": raw.source, "text": raw.text, "title": raw.title,
                "publication_date": _iso(raw.publication_date), "kind": raw.kind, "url": raw.url,
                "html": raw.html, "body_start": raw.body_start},
        "clean": {"text": c.text, "offsets": encode_offsets(c.offsets), "removed": [_span(s) for s in c.removed]},
        "quality": {"language": q.language, "spun": q.spun, "spam_phrases": list(q.spam_phrases),
                    "score": q.score, "reasons": list(q.reasons)},
        "people": [[p.name, p.role, p.country, p.wikidata, [_span(m) for m in p.mentions]] for p in a.people],
        "meetings": [{"participants": list(m.participants), "attendees": list(m.attendees), "date": _iso(m.date),
                      "date_text": m.date_text, "date_derivation": m.date_derivation, "location": m.location,
                      "location_text": _span(m.location_text), "evidence": _span(m.evidence), "host": m.host,
                      "visitor": m.visitor, "event_id": m.event_id} for m in a.meetings],
        "quotes": [[x.speaker, x.text, x.kind, x.start, x.end, x.confidence, _span(x.cue), x.speakers_words]
                   for x in a.quotes],
        "statements": [[s.source, s.type, s.target, _span(s.evidence), s.mode, s.source_country, s.target_country,
                        [e.to_json() for e in s.actors], [e.to_json() for e in s.recipients], list(s.context), s.sentence]
                       for s in a.statements],
        "skipped": a.skipped,
        "near_duplicate_of": r.near_duplicate_of,
        "duplicate_reason": r.duplicate_reason,
    }


def result_from_state(d: dict[str, Any]) -> DocumentResult:
    rw, cl, q = d["raw"], d["clean"], d["quality"]
    raw = RawDocument(rw["doc_id"], rw["source"], rw["text"], title=rw["title"],
                      publication_date=_date(rw["publication_date"]), kind=rw["kind"], url=rw["url"],
                      html=rw["html"], body_start=rw["body_start"])
    clean = CleanDocument(raw, cl["text"], decode_offsets(cl["offsets"]),
                          tuple(Span(*s) for s in cl["removed"]))
    quality = Quality(language=q["language"], spun=q["spun"], spam_phrases=tuple(q["spam_phrases"]),
                      score=q["score"], reasons=tuple(q["reasons"]))
    analysis = Analysis(
        people=tuple(Person(n, r, c, w, tuple(Span(*m) for m in ms)) for n, r, c, w, ms in d["people"]),
        meetings=tuple(Meeting(
            participants=tuple(m["participants"]), attendees=tuple(m["attendees"]), date=_date(m["date"]),
            date_text=m["date_text"], date_derivation=m["date_derivation"], location=m["location"],
            location_text=_unspan(m["location_text"]), evidence=_unspan(m["evidence"]), host=m["host"],
            visitor=m["visitor"], event_id=m["event_id"]) for m in d["meetings"]),
        quotes=tuple(Quote(sp, t, k, s, e, conf, _unspan(cue), words)
                     for sp, t, k, s, e, conf, cue, words in d["quotes"]),
        statements=tuple(Statement(src, typ, tgt, Span(*ev), mode, sc, tc, tuple(map(Entity.from_json, acts)),
                                   tuple(map(Entity.from_json, recs)), tuple(ctx), (more or [None])[0])
                         # (a shard written before statements kept their sentence has none: it still resumes)
                         for src, typ, tgt, ev, mode, sc, tc, acts, recs, ctx, *more in d["statements"]),
        skipped=d["skipped"],
    )
    return DocumentResult(clean, quality, analysis, d["near_duplicate_of"], d["duplicate_reason"])


# --- shard files --------------------------------------------------------------------------------

def _row(r: DocumentResult) -> dict[str, Any]:
    """A JSONL shard line: the extraction contract's record and ``_record``."""
    return {**r.to_json(), "_record": result_state(r)}


def _replace(tmp: Path, path: Path) -> None:
    os.replace(tmp, path)


def write_results(path: Path, results: list[DocumentResult], fmt: str) -> None:
    """Write one shard's results (atomically: a temp file renamed into place)."""
    tmp = path.with_name(path.name + ".tmp")
    if fmt == "jsonl":
        with open(tmp, "w", encoding="utf-8") as fh:
            for r in results:
                fh.write(json.dumps(_row(r), ensure_ascii=False) + "\n")
    else:  # the documents table of `communique export --format parquet`, same schema, plus _record
        import pyarrow as pa

        from .export import SCHEMAS, documents_row, write_parquet

        schema = SCHEMAS["documents"].append(pa.field("_record", pa.string()))
        write_parquet(({**documents_row(r.clean, r.quality, r.analysis, r.near_duplicate_of, r.duplicate_reason),
                        "_record": json.dumps(result_state(r), ensure_ascii=False)} for r in results), tmp, schema)
    _replace(tmp, path)


def read_results(path: Path) -> list[DocumentResult]:
    """The results of one shard file, as written (links and event ids included)."""
    if path.suffix == ".jsonl":
        with open(path, encoding="utf-8") as fh:
            return [result_from_state(json.loads(line)["_record"]) for line in fh if line.strip()]
    import pyarrow.parquet as pq

    column = pq.read_table(path, columns=["_record"]).column("_record").to_pylist()
    return [result_from_state(json.loads(v)) for v in column]


# --- manifest and other side files -------------------------------------------------------------

def failure_json(shard: str, f: Failure) -> dict[str, Any]:
    return {"shard": shard, "source": f.source, "stage": f.stage, "reason": f.reason}


def manifest_entry(shard: Shard, fmt: str, digest: tuple[int, str] | None, documents: int,
                   failures: list[Failure]) -> dict[str, Any]:
    return {
        "shard": shard.path, "output": shard.output(fmt), "format": fmt,
        "size": digest[0] if digest else None, "sha256": digest[1] if digest else None,
        "documents": documents, "failures": [failure_json(shard.path, f) for f in failures],
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def append_manifest(out_dir: Path, entry: dict[str, Any]) -> None:
    with open(out_dir / MANIFEST, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def load_manifest(out_dir: Path) -> dict[str, dict[str, Any]]:
    """The last entry for each shard path (a torn last line, from a killed run, is ignored)."""
    entries: dict[str, dict[str, Any]] = {}
    try:
        with open(out_dir / MANIFEST, encoding="utf-8") as fh:
            for line in fh:
                try:
                    e = json.loads(line)
                except ValueError:
                    continue
                entries[e["shard"]] = e
    except FileNotFoundError:
        pass
    return entries


def is_done(entry: dict[str, Any] | None, out_dir: Path, fmt: str, digest: tuple[int, str] | None,
            retry_failed: bool) -> bool:
    """A shard is done when its entry matches the input's current bytes and its output exists."""
    if entry is None or digest is None or entry.get("format") != fmt:
        return False
    if (entry.get("size"), entry.get("sha256")) != digest or not (out_dir / entry["output"]).is_file():
        return False
    return not (retry_failed and entry.get("failures"))


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    _replace(tmp, path)


def iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
