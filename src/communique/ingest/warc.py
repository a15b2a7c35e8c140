"""WARC / ARC archives (plain or gzipped): HTML ``response`` and ``resource`` records.

Each HTML record goes through the HTML reader. doc_id is the WARC-Record-ID without its
``<urn:uuid:...>`` wrapping, or a stable hash of WARC-Target-URI when there is none. A
truncated or corrupt archive yields the documents read before the damage and then one
``Failure(path, "truncated or corrupt WARC: ...")``.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterator
from typing import IO, Any

from ..records import Failure, RawDocument, content_hash
from .decode import Rejected, decode, too_big
from .html import parse_html

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def read_warc_stream(stream: IO[bytes], source: str, max_bytes: int) -> Iterator[RawDocument | Failure]:
    """HTML records of a WARC/ARC stream; damage ends the stream with one Failure."""
    from warcio.archiveiterator import ArchiveIterator

    found = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            if not record.rec_type:
                raise ValueError("a record has no WARC-Type header")
            if record.rec_type not in ("response", "resource"):
                continue
            ctype = _content_type(record)
            if "html" not in ctype:
                continue
            body = record.content_stream().read(max_bytes + 1)
            doc_id, uri = _ids(record)
            if len(body) <= max_bytes and getattr(record.raw_stream, "limit", 0) > 0:
                raise EOFError(f"record {doc_id} is cut short")
            where = uri or f"{source}#{doc_id}"
            if len(body) > max_bytes:
                yield Failure(where, (too_big(len(body), max_bytes) or "").replace("file is", "record is", 1))
                continue
            found += 1
            yield _record_doc(body, ctype, doc_id, where, uri)
        damage = _gzip_damage(stream)
        if damage:
            raise EOFError(damage)
    except Exception as exc:  # warcio, gzip and zlib raise many kinds on damaged input
        detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        yield Failure(source, f"truncated or corrupt WARC: {detail}")
        return
    if not found:
        yield Failure(source, "no HTML records found in WARC")


def _gzip_damage(stream: IO[bytes]) -> str | None:
    """Why a gzipped stream is damaged (warcio stops silently at a cut), or None."""
    if not stream.seekable():
        return None
    stream.seek(0)
    if stream.read(2) != b"\x1f\x8b":
        return None
    stream.seek(0)
    try:
        with gzip.GzipFile(fileobj=stream) as gz:
            while gz.read(1 << 20):
                pass
    except (OSError, EOFError, zlib.error) as exc:
        return str(exc) or type(exc).__name__
    return None


def _content_type(record: Any) -> str:
    if record.http_headers is not None:
        value = record.http_headers.get_header("Content-Type") or ""
    else:
        value = record.rec_headers.get_header("Content-Type") or ""
    return str(value).lower()


def _ids(record: Any) -> tuple[str, str | None]:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    rid = record.rec_headers.get_header("WARC-Record-ID")
    if rid:
        rid = str(rid).strip().strip("<>")
        if rid.startswith("urn:uuid:"):
            rid = rid[len("urn:uuid:") :]
        if rid:
            return rid, uri
    if uri:
        return content_hash(str(uri))[:16], uri
    return "warc-record", uri


def _record_doc(body: bytes, ctype: str, doc_id: str, where: str, uri: str | None) -> RawDocument | Failure:
    charset = _charset(ctype, body)
    html: str | Rejected
    if charset:
        try:
            html = body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            html = decode(body)
    else:
        html = decode(body)
    if isinstance(html, Rejected):
        return Failure(where, html.reason)
    return parse_html(html, doc_id, where, kind="warc", url=uri)


def _charset(ctype: str, body: bytes) -> str | None:
    m = re.search(r"charset\s*=\s*[\"']?([a-z0-9_\-]+)", ctype)
    if m:
        return m.group(1)
    mm = _META_CHARSET.search(body[:4096])
    return mm.group(1).decode("ascii").lower() if mm else None
