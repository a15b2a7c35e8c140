"""Exports of a store: JSONL (the extraction contract), CSV and Parquet tables, PLOVER JSON.

    from communique.export import export_store
    with Store.open("sqlite:///communique.db") as store:
        report = export_store(store, "parquet", "out/", tables=("statements", "meetings"))

Everything streams: documents are read page by page (``Store.iter_documents``), events page by
page, rows are written as they are made (CSV/JSONL line by line, Parquet in row groups of
``PARQUET_BATCH`` rows), so a store never has to fit in memory.

Formats
-------
``jsonl``    ``documents``: one extraction-contract record per document (``DocumentResult.to_json``);
             ``events``: one merged event record per line (``Event.to_json``); any other table: its
             rows as JSON objects.
``csv``      one file per table, a header line, one row per record; lists and nested records are
             JSON text, booleans ``true``/``false``, dates ISO, missing values empty.
``parquet``  one file per table with the explicit Arrow schema in ``SCHEMAS`` (lists stay lists).
``plover``   PLOVER event records, one JSON object per line, one per Statement (meetings are
             already CONSULT statements).

Tables (``TABLES``): ``documents``, ``people`` (one row per person per document), ``meetings``,
``quotes``, ``statements`` and ``events``. Rows of the per-document tables carry ``doc_id``, the
document's ``publication_date`` and its ``spun`` flag, so a quote or statement from a spun copy
can be filtered out without a join; ``copy_of`` names the report a copy (exact, near or spun)
repeats. A copy's quotes and statements are the original's again: exports leave them out
(``--with-copies`` keeps them, flagged). Statement rows say whether their ``date`` is the
meeting's or the publication's (``date_source``); event rows count ``independent_reports`` and
``copies`` and say whether the event is ``disputed``.

PLOVER records (``communique.plover``): one per statement, JSON Lines, in the field names of the
PLOVER manual's event record (``id``, ``date``, ``event``, ``mode``, ``context``, ``actor``,
``recipient``, ``event_loc``, ``text``, ``text_info``, ``cite_info`` ...) with the gold standard's
names beside them (``source``/``target`` with ``actorText``, ``publication``, ``version``,
``dateCoded``); every record validates against ``data/plover_record.schema.json`` (in the tests),
and ``write_plover`` checks each before writing it (``plover.check_record``): one that breaks the
format stops the export with a ``PloverRecordError`` naming its document, record and field.

A statement belongs to a meeting of its document when the meeting's participants are exactly
its source and target (a CONSULT), or else when its source took part in the document's only
meeting that includes them.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any, cast

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import Table, select

from .errors import ExportError, OptionsError
from .records import Analysis, CleanDocument, Meeting, Quality, Statement, plural
from .store import Store, StoredDocument, convert
from .store import models as store_models

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet", "plover")
TABLES: tuple[str, ...] = ("documents", "people", "meetings", "quotes", "statements", "events")
RECORD_TABLES: tuple[str, ...] = ("meetings", "quotes", "statements")  # read straight from their tables
DEFAULT_TABLE: dict[str, str] = {"jsonl": "documents", "csv": "statements", "parquet": "statements",
                                 "plover": "statements"}
SUFFIX: dict[str, str] = {"jsonl": ".jsonl", "csv": ".csv", "parquet": ".parquet", "plover": ".plover.jsonl"}
PARQUET_BATCH = 10_000  # rows per Parquet row group
# CSV cells of evidence text with their whitespace collapsed (no line breaks inside a cell; the
# offsets beside them still index the raw text exactly)
CSV_FLAT: dict[str, tuple[str, ...]] = {"meetings": ("evidence_text",), "quotes": ("text", "cue_text"),
                                        "statements": ("evidence_text",)}
EVENT_PAGE = 1_000  # events per read query
RECORD_PAGE = 1_000  # documents per read query of meetings/quotes/statements

_SPAN = pa.struct([("text", pa.string()), ("start", pa.int64()), ("end", pa.int64())])
_STR_LIST = pa.list_(pa.string())
# a statement's PLOVER actors and recipients (``Entity.to_json``)
_ENTITIES = pa.list_(pa.struct([("text", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("code", pa.string()),
                                ("sector", pa.string()), ("person", pa.string()), ("org", pa.string())]))

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_id", pa.string()), ("source", pa.string()), ("kind", pa.string()), ("url", pa.string()),
        ("title", pa.string()), ("publication_date", pa.date32()), ("language", pa.string()),
        ("spun", pa.bool_()), ("quality_score", pa.float64()), ("spam_phrases", _STR_LIST),
        ("near_duplicate_of", pa.string()), ("duplicate_reason", pa.string()), ("skipped", pa.string()),
        ("people", pa.int32()), ("meetings", pa.int32()), ("quotes", pa.int32()), ("statements", pa.int32()),
        ("text", pa.string()),
    ]),
    "people": pa.schema([
        ("doc_id", pa.string()), ("idx", pa.int32()), ("name", pa.string()), ("role", pa.string()),
        ("country", pa.string()), ("wikidata", pa.string()), ("mentions", pa.list_(_SPAN)),
        ("publication_date", pa.date32()), ("spun", pa.bool_()),
    ]),
    "meetings": pa.schema([
        ("doc_id", pa.string()), ("idx", pa.int32()), ("event_id", pa.string()), ("participants", _STR_LIST),
        ("attendees", _STR_LIST), ("date", pa.date32()), ("date_text", pa.string()),
        ("date_derivation", pa.string()), ("location", pa.string()), ("host", pa.string()),
        ("visitor", pa.string()), ("evidence_text", pa.string()), ("evidence_start", pa.int64()),
        ("evidence_end", pa.int64()), ("publication_date", pa.date32()), ("spun", pa.bool_()),
        ("copy_of", pa.string()),
    ]),
    "quotes": pa.schema([
        ("doc_id", pa.string()), ("idx", pa.int32()), ("speaker", pa.string()), ("text", pa.string()),
        ("kind", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("confidence", pa.float64()),
        ("speakers_words", pa.bool_()), ("cue_text", pa.string()), ("cue_start", pa.int64()),
        ("cue_end", pa.int64()), ("publication_date", pa.date32()), ("spun", pa.bool_()),
        ("copy_of", pa.string()),
    ]),
    "statements": pa.schema([
        ("doc_id", pa.string()), ("idx", pa.int32()), ("source", pa.string()), ("type", pa.string()),
        ("target", pa.string()), ("mode", pa.string()), ("source_country", pa.string()),
        ("target_country", pa.string()), ("evidence_text", pa.string()), ("evidence_start", pa.int64()),
        ("evidence_end", pa.int64()), ("event_id", pa.string()), ("date", pa.date32()),
        ("date_source", pa.string()), ("publication_date", pa.date32()), ("spun", pa.bool_()),
        ("copy_of", pa.string()), ("context", _STR_LIST), ("actors", _ENTITIES), ("recipients", _ENTITIES),
    ]),
    "events": pa.schema([
        ("event_id", pa.string()), ("date", pa.date32()), ("location", pa.string()),
        ("participants", _STR_LIST), ("attendees", _STR_LIST), ("sources", pa.int32()),
        ("doc_ids", _STR_LIST), ("conflicts", _STR_LIST), ("date_derivation", pa.string()),
        ("independent_reports", pa.int32()), ("copies", pa.int32()), ("disputed", pa.bool_()),
        ("date_source", pa.string()), ("data", pa.string()),
    ]),
}




@dataclass(slots=True)
class ExportReport:
    """What an export wrote: rows per table and the files (``"-"`` = standard output)."""

    format: str
    rows: dict[str, int] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)

    def lines(self) -> list[str]:
        return [f"{self.format} {table}: {plural(n, 'row')} -> {self.paths[table]}" for table, n in self.rows.items()]


# --- rows ---------------------------------------------------------------------------------------


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def meeting_for(statement: Statement, meetings: Sequence[Meeting]) -> Meeting | None:
    """The meeting of the document a statement belongs to (rule in the module docstring)."""
    people = {e.person for e in (*statement.actors, *statement.recipients) if e.person}
    pair = people if statement.type == "CONSULT" and len(people) >= 2 else {statement.source, statement.target}
    for m in meetings:
        if set(m.participants) == pair:
            return m
    mine = [m for m in meetings if statement.source is not None and statement.source in m.participants]
    return mine[0] if len(mine) == 1 else None


def documents_row(clean: CleanDocument, q: Quality | None, a: Analysis, near_duplicate_of: str | None,
                  duplicate_reason: str | None) -> dict[str, Any]:
    """The ``documents`` table's row of one document (stored, or a batch's result: one schema)."""
    raw = clean.raw
    return {
        "doc_id": raw.doc_id, "source": raw.source, "kind": raw.kind, "url": raw.url, "title": raw.title,
        "publication_date": raw.publication_date, "language": q.language if q else None,
        "spun": q.spun if q else None, "quality_score": q.score if q else None,
        "spam_phrases": list(q.spam_phrases) if q else [], "near_duplicate_of": near_duplicate_of,
        "duplicate_reason": duplicate_reason, "skipped": a.skipped, "people": len(a.people),
        "meetings": len(a.meetings), "quotes": len(a.quotes), "statements": len(a.statements), "text": clean.text,
    }


def document_rows(doc: StoredDocument, table: str, with_copies: bool = False) -> Iterator[dict[str, Any]]:
    """The rows one stored document gives to a per-document ``table`` (Python values)."""
    raw, a = doc.raw, doc.analysis
    spun = doc.quality.spun if doc.quality else None
    pub = raw.publication_date
    if table == "documents":
        yield documents_row(doc.clean, doc.quality, a, doc.near_duplicate_of, doc.duplicate_reason)
    elif table == "people":
        for i, p in enumerate(a.people):
            yield {"doc_id": raw.doc_id, "idx": i, "name": p.name, "role": p.role, "country": p.country,
                   "wikidata": p.wikidata, "mentions": [s.to_json() for s in p.mentions],
                   "publication_date": pub, "spun": spun}
    elif table in RECORD_TABLES:
        yield from record_rows(raw.doc_id, pub, spun, a, table, doc.near_duplicate_of, with_copies)
    else:
        raise OptionsError(f"table {table!r} is not a per-document table; valid: {', '.join(TABLES[:-1])}")


def record_rows(doc_id: str, pub: date | None, spun: bool | None, a: Analysis, table: str,
                copy_of: str | None = None, with_copies: bool = False) -> Iterator[dict[str, Any]]:
    """The meetings, quotes or statements rows of one document's analysis. The quotes and
    statements of a copy (``copy_of``: the report it copies) repeat its original's: left out
    unless ``with_copies``."""
    if copy_of and table in ("quotes", "statements") and not with_copies:
        return
    if table == "meetings":
        for i, m in enumerate(a.meetings):
            ev = m.evidence
            yield {"doc_id": doc_id, "idx": i, "event_id": m.event_id, "participants": list(m.participants),
                   "attendees": list(m.attendees), "date": m.date, "date_text": m.date_text,
                   "date_derivation": m.date_derivation, "location": m.location, "host": m.host,
                   "visitor": m.visitor, "evidence_text": ev.text if ev else None,
                   "evidence_start": ev.start if ev else None, "evidence_end": ev.end if ev else None,
                   "publication_date": pub, "spun": spun, "copy_of": copy_of}
    elif table == "quotes":
        for i, qt in enumerate(a.quotes):
            cue = qt.cue
            yield {"doc_id": doc_id, "idx": i, "speaker": qt.speaker, "text": qt.text, "kind": qt.kind,
                   "start": qt.start, "end": qt.end, "confidence": qt.confidence,
                   "speakers_words": qt.speakers_words, "cue_text": cue.text if cue else None,
                   "cue_start": cue.start if cue else None, "cue_end": cue.end if cue else None,
                   "publication_date": pub, "spun": spun, "copy_of": copy_of}
    elif table == "statements":
        for i, s in enumerate(a.statements):
            held = meeting_for(s, a.meetings)
            yield {"doc_id": doc_id, "idx": i, "source": s.source, "type": s.type, "target": s.target,
                   "mode": s.mode, "source_country": s.source_country, "target_country": s.target_country,
                   "evidence_text": s.evidence.text, "evidence_start": s.evidence.start,
                   "evidence_end": s.evidence.end, "event_id": held.event_id if held else None,
                   "date": (held.date if held and held.date else pub),
                   "date_source": "meeting" if held and held.date else ("publication" if pub else None),
                   "publication_date": pub, "spun": spun, "copy_of": copy_of, "context": list(s.context),
                   "actors": [e.to_json() for e in s.actors], "recipients": [e.to_json() for e in s.recipients]}


def event_row(data: Mapping[str, Any]) -> dict[str, Any]:
    """One events-table row from a stored event record (``Event.to_json``)."""
    when = data.get("date")
    sources = data.get("sources") or []
    return {
        "event_id": data["event_id"], "date": date.fromisoformat(when) if when else None,
        "location": data.get("location"), "participants": list(data.get("participants") or []),
        "attendees": list(data.get("attendees") or []), "sources": len(sources),
        "doc_ids": sorted({s[0] for s in sources}), "conflicts": list(data.get("conflicts") or []),
        "date_derivation": data.get("date_derivation"),
        "independent_reports": int(data.get("independent_reports", len({s[0] for s in sources}))),
        "copies": int(data.get("copies", 0)), "disputed": bool(data.get("conflicts")),
        "date_source": data.get("date_source"),
        "data": json.dumps(data, ensure_ascii=False, sort_keys=True),
    }


def iter_events(store: Store, page_size: int = EVENT_PAGE) -> Iterator[dict[str, Any]]:
    """Every stored event record, in event_id order, read page by page."""
    events = cast(Table, store_models.Event.__table__)
    last: str | None = None
    while True:
        q = select(events.c.event_id, events.c.data).order_by(events.c.event_id).limit(page_size)
        if last is not None:
            q = q.where(events.c.event_id > last)
        with store.engine.connect() as conn:
            page = conn.execute(q).all()
        if not page:
            return
        for _eid, data in page:
            yield dict(data)
        last = page[-1][0]


def iter_record_rows(store: Store, table: str, page_size: int = RECORD_PAGE,
                     with_copies: bool = False) -> Iterator[dict[str, Any]]:
    """Rows of a RECORD_TABLES table, read page by page from that table (and meetings, for the
    statements' events) without loading whole documents: the same rows as ``document_rows``."""
    docs = cast(Table, store_models.Document.__table__)
    tables = {name: cast(Table, getattr(store_models, cls).__table__)
              for name, cls in (("meetings", "Meeting"), ("quotes", "Quote"), ("statements", "Statement"))}
    need = ("meetings", "statements") if table == "statements" else (table,)
    from_row = {"meetings": convert.meeting_from_row, "quotes": convert.quote_from_row,
                "statements": convert.statement_from_row}
    last: str | None = None
    while True:
        q = select(docs.c.doc_id, docs.c.publication_date, docs.c.spun, docs.c.near_duplicate_of
                   ).order_by(docs.c.doc_id).limit(page_size)
        if last is not None:
            q = q.where(docs.c.doc_id > last)
        parts: dict[str, dict[str, list[Any]]] = {name: {} for name in need}
        with store.engine.connect() as conn:
            page = conn.execute(q).all()
            if not page:
                return
            ids = [d for d, _pub, _spun, _copy in page]
            for name in need:
                t = tables[name]
                for row in conn.execute(select(t).where(t.c.doc_id.in_(ids)).order_by(t.c.doc_id, t.c.idx)).mappings():
                    parts[name].setdefault(row["doc_id"], []).append(from_row[name](row))
        for doc_id, pub, spun, copy_of in page:
            a = Analysis(meetings=tuple(parts.get("meetings", {}).get(doc_id, ())),
                         quotes=tuple(parts.get("quotes", {}).get(doc_id, ())),
                         statements=tuple(parts.get("statements", {}).get(doc_id, ())))
            yield from record_rows(doc_id, pub, spun, a, table, copy_of, with_copies)
        last = ids[-1]


def iter_rows(store: Store, table: str, with_copies: bool = False) -> Iterator[dict[str, Any]]:
    """The rows of ``table`` over the whole store, streamed (copies' quotes and statements only
    ``with_copies``)."""
    if table == "events":
        yield from (event_row(e) for e in iter_events(store))
        return
    if table not in TABLES:
        raise OptionsError(f"unknown table {table!r}; valid tables: {', '.join(TABLES)}")
    if table in RECORD_TABLES:
        yield from iter_record_rows(store, table, with_copies=with_copies)
        return
    for doc in store.iter_documents():
        yield from document_rows(doc, table, with_copies)


# --- PLOVER -------------------------------------------------------------------------------------


def plover_records(doc: StoredDocument, country_name: Callable[[str], str | None] | None = None) -> Iterator[dict[str, Any]]:
    """PLOVER event records for the statements of one document (``communique.plover``)."""
    from .plover import records

    return records(doc, meeting_for)


def iter_plover(store: Store, country_name: Callable[[str], str | None] | None = None,
                with_copies: bool = False) -> Iterator[dict[str, Any]]:
    """PLOVER records of every document; a copy's statements repeat its original's: left out
    unless ``with_copies``."""
    for doc in store.iter_documents():
        if doc.near_duplicate_of and not with_copies:
            continue
        yield from plover_records(doc, country_name)


def default_country_names() -> Callable[[str], str | None]:
    """ISO-3 code -> country name from the actors knowledge base."""
    from .actors.kb import KnowledgeBase

    return KnowledgeBase.load().country_name


# --- writers ------------------------------------------------------------------------------------


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return _dumps(value)
    return value


def write_jsonl(records: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    n = 0
    for r in records:
        out.write(_dumps(r) + "\n")
        n += 1
    return n


def write_csv(rows: Iterable[Mapping[str, Any]], out: IO[str], schema: pa.Schema,
              flat: Collection[str] = (), bom: bool = False) -> int:
    """A header line and one line per row; the ``flat`` columns' whitespace runs (line breaks
    included) become one space, so each record is one line; ``bom``: a UTF-8 byte order mark first."""
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(schema.names)
    n = 0
    for r in rows:
        writer.writerow([_csv_cell(" ".join(v.split()) if c in flat and isinstance(v, str) else v)
                         for c in schema.names for v in (r.get(c),)])
        n += 1
    return n


def write_parquet(rows: Iterable[Mapping[str, Any]], path: Path | str, schema: pa.Schema,
                  batch_size: int = PARQUET_BATCH) -> int:
    n = 0
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        batch: list[Mapping[str, Any]] = []
        for r in rows:
            batch.append(r)
            if len(batch) >= batch_size:
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def write_plover(records: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """JSON Lines, as the PLOVER manual suggests: one record per line, written as they come. Each
    is checked first (``plover.check_record``): one that breaks the format is never written, the
    export stops with a ``PloverRecordError`` naming its document, the record and the field."""
    from .plover import check_record

    def checked() -> Iterator[Mapping[str, Any]]:
        for r in records:
            check_record(r)
            yield r

    return write_jsonl(checked(), out)


# --- the export ---------------------------------------------------------------------------------


def resolve_tables(fmt: str, tables: Sequence[str] = ()) -> tuple[str, ...]:
    """Validate ``fmt`` and the tables asked for (``"all"`` = every table), default per format."""
    if fmt not in FORMATS:
        raise OptionsError(f"unknown export format {fmt!r}; valid formats: {', '.join(FORMATS)}")
    wanted: list[str] = []
    for t in tables or (DEFAULT_TABLE[fmt],):
        for name in (TABLES if t == "all" else (t,)):
            if name not in TABLES:
                raise OptionsError(f"unknown table {name!r}; valid tables: {', '.join(TABLES)}, all")
            if name not in wanted:
                wanted.append(name)
    if fmt == "plover" and wanted != ["statements"]:
        raise OptionsError("plover exports statements only (one PLOVER record per statement)")
    return tuple(wanted)


def output_paths(fmt: str, tables: Sequence[str], output: str | Path | None) -> dict[str, str]:
    """Where each table goes: ``-`` (stdout) for one text table without ``-o``, a file for one
    table with ``-o FILE``, ``DIR/<table><suffix>`` for several tables (``-o`` is a directory only then)."""
    if output is None or str(output) == "-":
        if fmt == "parquet":
            raise OptionsError("parquet needs -o FILE (or a directory): it is not written to standard output")
        if len(tables) > 1:
            raise OptionsError(f"{len(tables)} tables need -o DIRECTORY (one file per table)")
        return {tables[0]: "-"}
    out = Path(output)
    if len(tables) == 1:
        if out.is_dir():
            raise ExportError(str(out), f"is a directory; one table is written to -o FILE "
                                        f"(e.g. {out / (tables[0] + SUFFIX[fmt])})")
        return {tables[0]: str(out)}
    if out.exists() and not out.is_dir():
        raise ExportError(str(out), "is a file; several tables need -o DIRECTORY")
    return {t: str(out / f"{t}{SUFFIX[fmt]}") for t in tables}


def export_table(store: Store, fmt: str, table: str, path: str,
                 country_name: Callable[[str], str | None] | None = None, with_copies: bool = False,
                 bom: bool = False) -> int:
    """Write one table of ``store`` in ``fmt`` to ``path`` (``-`` = stdout); returns the rows written."""
    if fmt == "parquet":
        return write_parquet(iter_rows(store, table, with_copies), path, SCHEMAS[table])
    with ExitStack() as stack:
        if path == "-":
            out: IO[str] = sys.stdout
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            out = stack.enter_context(open(path, "w", encoding="utf-8", newline=""))
        if fmt == "plover":
            return write_plover(iter_plover(store, country_name or default_country_names(), with_copies), out)
        if fmt == "csv":
            return write_csv(iter_rows(store, table, with_copies), out, SCHEMAS[table], CSV_FLAT.get(table, ()), bom)
        if table == "documents":
            return write_jsonl((d.to_result().to_json() for d in store.iter_documents()), out)
        if table == "events":
            return write_jsonl(iter_events(store), out)
        return write_jsonl(iter_rows(store, table, with_copies), out)


def export_store(store: Store, fmt: str, output: str | Path | None = None, tables: Sequence[str] = (),
                 country_name: Callable[[str], str | None] | None = None, with_copies: bool = False,
                 bom: bool = False) -> ExportReport:
    """Export ``tables`` (default per format, ``"all"`` = every table) of ``store`` as ``fmt``
    (``bom``: CSV files start with a UTF-8 byte order mark, for spreadsheets)."""
    wanted = resolve_tables(fmt, tables)
    paths = output_paths(fmt, wanted, output)
    if output is not None and len(paths) > 1:
        Path(output).mkdir(parents=True, exist_ok=True)
    report = ExportReport(fmt)
    for table, path in paths.items():
        try:
            report.rows[table] = export_table(store, fmt, table, path, country_name, with_copies, bom)
        except BrokenPipeError:
            raise  # the reader of standard output went away (| head): not a failed export
        except OSError as exc:
            raise ExportError(path, f"cannot write export: {exc.strerror or exc}") from exc
        report.paths[table] = path
    return report
