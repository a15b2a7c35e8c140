"""WARC / ARC archives (plain or gzipped): HTML ``response`` and ``resource`` records.

Each HTML record goes through the HTML reader. doc_id is the WARC-Record-ID without its
``<urn:uuid:...>`` wrapping, or a stable hash of WARC-Target-URI when there is none. A
truncated or corrupt archive yields the documents read before the damage and then one
``Failure(path, "truncated or corrupt WARC: ...")``.
"""

from __future__ import annotations

import codecs
import contextlib
import gzip
import io
import re
import zlib
from collections.abc import Iterator
from typing import IO, Any

from ..options import Options
from ..records import Failure, RawDocument, content_hash
from .decode import Rejected, decode, human_size, too_big
from .html import parse_html

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)
# warcio reads header lines by growing a bytes object, which costs the square of a line's length:
# a stretch longer than this without a line break ends the archive (an HTML body can be one long
# line, so this is well above any real page, and at most max_bytes).
MAX_RUN_BYTES = 8 * 1024 * 1024
_NOT_TEXT_CODECS = {"undefined", "punycode", "idna", "unicode_escape", "raw_unicode_escape", "mbcs", "oem"}


class InputLimit(Exception):
    """An archive that expands past a limit (a decompression bomb, a header without end)."""


class _Capped(io.RawIOBase):
    """The archive's bytes, decompressed here when gzipped, with two bounds: ``limit`` bytes in
    all (setting max_archive_bytes) and ``max_run`` bytes without a line break (warcio reads
    headers line by line and keeps a whole line in memory)."""

    def __init__(self, stream: IO[bytes], limit: int, max_run: int) -> None:
        super().__init__()
        head = stream.peek(2)[:2] if hasattr(stream, "peek") else b""
        if not head and stream.seekable():
            head = stream.read(2)
            stream.seek(-len(head), io.SEEK_CUR)
        self.inner: IO[bytes] = gzip.GzipFile(fileobj=stream) if head == b"\x1f\x8b" else stream  # type: ignore[assignment]
        self.limit, self.max_run = limit, max_run
        self.pos = self.run = 0
        self.damage: str | None = None  # why decompression stopped early (warcio reads it as the end)

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.pos

    def readinto(self, buf: Any) -> int:
        try:
            data = self.inner.read1(min(len(buf), 1 << 16))  # type: ignore[attr-defined]
        except (EOFError, OSError, zlib.error) as exc:
            self.damage = str(exc) or type(exc).__name__
            return 0
        n = len(data)
        buf[:n] = data
        self.pos += n
        if self.pos > self.limit:
            raise InputLimit(f"expands past {human_size(self.limit)} (setting max_archive_bytes)")
        nl = data.rfind(b"\n")
        self.run = self.run + n if nl == -1 else n - nl - 1
        if self.run > self.max_run:
            raise InputLimit(f"holds over {human_size(self.max_run)} without a line break")
        return n


class _Muted:
    """Where warcio's own warnings go (they carry raw input bytes): counted, not printed."""

    def __init__(self) -> None:
        self.lines = 0

    def write(self, text: str) -> int:
        self.lines += 1
        return len(text)

    def flush(self) -> None:
        pass


def read_warc_stream(stream: IO[bytes], source: str, opts: Options) -> Iterator[RawDocument | Failure]:
    """HTML records of a WARC/ARC stream; damage ends the stream with one Failure, a record that
    cannot be read is one Failure and the stream goes on."""
    from warcio.archiveiterator import ArchiveIterator

    found = 0
    muted = _Muted()
    capped = _Capped(stream, opts.max_archive_bytes, min(opts.max_bytes, MAX_RUN_BYTES))
    try:
        with contextlib.redirect_stderr(muted):
            records = iter(ArchiveIterator(io.BufferedReader(capped), arc2warc=True))
        while True:
            with contextlib.redirect_stderr(muted):
                record = next(records, None)
                if record is None:
                    break
                item = _read_record(record, source, opts.max_bytes)
            if item is not None:
                found += isinstance(item, RawDocument)
                yield item
        if capped.damage:
            raise EOFError(capped.damage)
    except Exception as exc:  # warcio (ArchiveLoadFailed ...), gzip and zlib raise many kinds on damaged input
        detail = f"{type(exc).__name__}: {exc}" if str(exc) and not isinstance(exc, InputLimit) else str(exc) or type(exc).__name__
        yield Failure(source, f"truncated or corrupt WARC: {detail}")
        return
    if not found:
        yield Failure(source, "no HTML records found in WARC")


def _read_record(record: Any, source: str, max_bytes: int) -> RawDocument | Failure | None:
    """One HTML record as a document (None for other records); its own damage is its Failure."""
    if not record.rec_type:
        raise ValueError("a record has no WARC-Type header")
    if record.rec_type not in ("response", "resource"):
        return None
    ctype = _content_type(record)
    if "html" not in ctype:
        return None
    body = record.content_stream().read(max_bytes + 1)
    doc_id, uri = _ids(record)
    if len(body) <= max_bytes and getattr(record.raw_stream, "limit", 0) > 0:
        raise EOFError(f"record {doc_id} is cut short")
    where = uri or f"{source}#{doc_id}"
    if len(body) > max_bytes:
        return Failure(where, (too_big(len(body), max_bytes) or "").replace("file is", "record is", 1))
    return _record_doc(body, ctype, doc_id, where, uri)


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
    charset = _text_charset(_charset(ctype, body))
    html: str | Rejected
    try:
        html = body.decode(charset) if charset else decode(body)
    except (UnicodeError, ValueError):  # a declared charset the bytes do not fit
        html = decode(body)
    if isinstance(html, Rejected):
        return Failure(where, html.reason)
    return parse_html(html, doc_id, where, kind="warc", url=uri)


def _text_charset(name: str | None) -> str | None:
    """A declared charset when it names a text encoding Python has ("undefined", "punycode",
    "base64" ... do not: the bytes are then decoded as if nothing were declared)."""
    if not name:
        return None
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name.replace("-", "_") in _NOT_TEXT_CODECS:
        return None
    return info.name


def _charset(ctype: str, body: bytes) -> str | None:
    m = re.search(r"charset\s*=\s*[\"']?([a-z0-9_\-]+)", ctype)
    if m:
        return m.group(1)
    mm = _META_CHARSET.search(body[:4096])
    return mm.group(1).decode("ascii").lower() if mm else None
