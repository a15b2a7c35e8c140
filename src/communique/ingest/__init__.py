"""Ingest: paths or bytes -> RawDocument (or Failure), one reader per input kind.

``read_paths`` walks files, directories (recursive, sorted, deterministic) and ``-`` (stdin);
``read_bytes`` runs the same readers over in-memory bytes (HTTP uploads). Neither raises for
bad input: each unreadable file, record or line is one ``Failure(source, reason)`` and the
rest of the batch goes on.

Kinds by extension: ``.txt``/``.text`` (plain text), ``.html``/``.htm``/``.xhtml``,
``.jsonl``/``.ndjson``, ``.warc``/``.warc.gz``/``.arc``/``.arc.gz``. In a directory, files
of other extensions (and hidden files) are skipped; a file named explicitly whose extension
is unknown is sniffed (WARC, JSONL, HTML if it looks like markup, else text).

``opts.max_bytes`` bounds a whole .txt/.html file, and each record of a JSONL or WARC file
(those are streamed, so a large archive is fine as long as its articles are not).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..options import Options
from ..records import Failure, RawDocument
from .decode import Rejected, decode, too_big
from .html import looks_like_html, parse_html
from .jsonl import read_jsonl_lines
from .text import parse_text
from .warc import read_warc_stream

__all__ = ["KINDS", "kind_of", "read_bytes", "read_paths", "sniff"]

KINDS: dict[str, tuple[str, ...]] = {
    "txt": (".txt", ".text"),
    "html": (".html", ".htm", ".xhtml"),
    "jsonl": (".jsonl", ".ndjson"),
    "warc": (".warc", ".warc.gz", ".arc", ".arc.gz"),
}
NO_ARTICLES = "no articles found (looked for .txt, .html, .jsonl, .warc)"


def kind_of(name: str) -> str | None:
    """The reader for a file name by its extension, or None when unknown."""
    low = name.lower()
    for kind, exts in KINDS.items():
        if low.endswith(exts):
            return kind
    return None


def _stem(name: str) -> str:
    base = Path(name).name
    low = base.lower()
    for exts in KINDS.values():
        for ext in sorted(exts, key=len, reverse=True):
            if low.endswith(ext) and len(base) > len(ext):
                return base[: -len(ext)]
    return Path(base).stem or base


def sniff(data: bytes) -> str:
    """Guess the kind of unnamed bytes: warc, jsonl, html or txt."""
    head = data[:4096]
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data[:65536])) as gz:
                inner = gz.read(16)
        except (OSError, EOFError):
            inner = b""
        if inner.startswith((b"WARC/", b"filedesc:")):
            return "warc"
        return "txt"  # rejected later as binary
    if head.startswith((b"WARC/", b"filedesc:")):
        return "warc"
    first = next((ln for ln in head.split(b"\n") if ln.strip()), b"").strip()
    if first.startswith(b"{"):
        nl = data.find(b"\n")
        try:
            json.loads(data[: nl if nl != -1 else len(data)])
            return "jsonl"
        except ValueError:
            pass
    if looks_like_html(head):
        return "html"
    return "txt"


def read_paths(paths: Iterable[str | Path], opts: Options) -> Iterator[RawDocument | Failure]:
    """Documents from files, directories (recursive, sorted) and ``-`` (stdin), in order."""
    for p in paths:
        name = str(p)
        if name == "-":
            data = sys.stdin.buffer.read()
            yield from _read_data(data, "<stdin>", f"stdin-{hashlib.sha256(data).hexdigest()[:16]}", sniff(data), opts, stdin=True)
            continue
        path = Path(p)
        try:
            if path.is_dir():
                yield from _read_dir(path, opts)
            elif path.is_file():
                yield from _read_file(path, kind_of(path.name), opts)
            elif path.exists():
                yield Failure(name, "not a regular file")
            else:
                yield Failure(name, "no such file or directory")
        except PermissionError:
            yield Failure(name, "permission denied")


def read_bytes(data: bytes, name: str, opts: Options) -> Iterator[RawDocument | Failure]:
    """The same readers over in-memory bytes; the kind comes from ``name``'s extension (else sniffed)."""
    kind = kind_of(name) or sniff(data)
    if kind in ("txt", "html"):
        big = too_big(len(data), opts.max_bytes)
        if big:
            yield Failure(name, big)
            return
    yield from _read_data(data, name, _stem(name), kind, opts)


def _read_dir(root: Path, opts: Options) -> Iterator[RawDocument | Failure]:
    found: list[tuple[str, Path, str]] = []
    for f in root.rglob("*"):
        rel = f.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        kind = kind_of(f.name)
        if kind and f.is_file():
            found.append((rel.as_posix(), f, kind))
    if not found:
        yield Failure(str(root), NO_ARTICLES)
        return
    for _rel, f, kind in sorted(found):
        try:
            yield from _read_file(f, kind, opts)
        except PermissionError:
            yield Failure(str(f), "permission denied")


def _read_file(path: Path, kind: str | None, opts: Options) -> Iterator[RawDocument | Failure]:
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield Failure(source, f"cannot read: {exc.strerror or exc}")
        return
    if size == 0:
        yield Failure(source, "empty file")
        return
    if kind == "jsonl":
        try:
            with path.open("rb") as fh:
                yield from read_jsonl_lines(fh, source, _stem(path.name), opts.max_bytes)
        except OSError as exc:
            yield Failure(source, f"cannot read: {exc.strerror or exc}")
        return
    if kind == "warc":
        try:
            with path.open("rb") as fh:
                yield from read_warc_stream(fh, source, opts.max_bytes)
        except OSError as exc:
            yield Failure(source, f"cannot read: {exc.strerror or exc}")
        return
    big = too_big(size, opts.max_bytes)
    if big:
        yield Failure(source, big)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Failure(source, f"cannot read: {exc.strerror or exc}")
        return
    yield from _read_data(data, source, _stem(path.name), kind or sniff(data), opts)


def _read_data(
    data: bytes, source: str, doc_id: str, kind: str, opts: Options, stdin: bool = False,
) -> Iterator[RawDocument | Failure]:
    """Dispatch bytes to the reader for ``kind``."""
    if not data.strip():
        yield Failure(source, "empty file")
        return
    if kind == "jsonl":
        yield from read_jsonl_lines(io.BytesIO(data), source, doc_id, opts.max_bytes)
        return
    if kind == "warc":
        yield from read_warc_stream(io.BytesIO(data), source, opts.max_bytes)
        return
    big = too_big(len(data), opts.max_bytes)
    if big:
        yield Failure(source, big)
        return
    text = decode(data)
    if isinstance(text, Rejected):
        yield Failure(source, text.reason)
        return
    if kind == "html":
        yield parse_html(text, doc_id, source, kind="html")
        return
    yield parse_text(text, doc_id, source, kind="stdin" if stdin else "txt")
