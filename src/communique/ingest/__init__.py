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
(those are streamed, so a large archive is fine as long as its articles are not);
``max_archive_bytes`` bounds what a compressed archive expands to, ``max_line_chars`` the
longest line of a document's text. A text with an unpaired surrogate (from a JSON escape or
a file name's undecodable bytes) is never passed on: names are shown with ``\\xff`` escapes.

Inside a folder, only regular files and links that stay inside the folder are read: a link
leading out of it, a broken link or a link loop, a FIFO, a device or a socket is a Failure
naming it; hidden files and folders (``.name``) are skipped and counted in ``notes``.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import io
import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..options import Options
from ..records import Failure, RawDocument, printable
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
MAX_ID_CHARS = 1000  # a longer id or title is cut (with its length said)
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
        line = data[: nl if nl != -1 else len(data)]
        try:
            if len(line) < 1 << 20 and line.count(b"{") + line.count(b"[") < 1000:
                json.loads(line)
                return "jsonl"
        except ValueError:
            pass
        if line.rstrip().endswith(b"}"):
            return "jsonl"  # a record too big or too deep to try here: the JSONL reader says why
    if looks_like_html(head):
        return "html"
    return "txt"


def display(name: str | Path) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 as ``\\xff``."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def read_paths(paths: Iterable[str | Path], opts: Options, notes: list[str] | None = None) -> Iterator[RawDocument | Failure]:
    """Documents from files, directories (recursive, sorted) and ``-`` (stdin), in order;
    what was skipped without being a failure (hidden files) is appended to ``notes``."""
    for item in _read_paths(paths, opts, notes if notes is not None else []):
        yield _checked(item, opts)


def _read_paths(paths: Iterable[str | Path], opts: Options, notes: list[str]) -> Iterator[RawDocument | Failure]:
    for p in paths:
        name = display(p)
        if str(p) == "-":
            data = sys.stdin.buffer.read()
            yield from _read_data(data, "<stdin>", f"stdin-{hashlib.sha256(data).hexdigest()[:16]}", sniff(data), opts, stdin=True)
            continue
        path = Path(p)
        try:
            if path.is_dir():
                yield from _read_dir(path, opts, notes)
            elif path.is_file():
                yield from _read_file(path, kind_of(path.name), opts)
            elif path.exists():
                yield Failure(name, f"not a regular file ({_file_type(path)})")
            elif path.is_symlink():
                yield Failure(name, "broken symbolic link")
            else:
                yield Failure(name, "no such file or directory")
        except PermissionError:
            yield Failure(name, "permission denied")
        except OSError as exc:
            yield Failure(name, f"cannot read: {exc.strerror or type(exc).__name__}")


def read_bytes(data: bytes, name: str, opts: Options) -> Iterator[RawDocument | Failure]:
    """The same readers over in-memory bytes; the kind comes from ``name``'s extension (else sniffed)."""
    kind = kind_of(name) or sniff(data)
    if kind in ("txt", "html"):
        big = too_big(len(data), opts.max_bytes)
        if big:
            yield Failure(name, big)
            return
    for item in _read_data(data, name, _stem(name), kind, opts):
        yield _checked(item, opts)


def _checked(item: RawDocument | Failure, opts: Options) -> RawDocument | Failure:
    """A document whose text cannot be stored or analysed safely becomes a Failure."""
    if isinstance(item, Failure):
        return item
    for field, value in (("text", item.text), ("title", item.title), ("id", item.doc_id), ("url", item.url),
                         ("source", item.source)):
        if value is None:
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return Failure(item.source, f"the {field} holds an unpaired surrogate ({value[exc.start]!a}), which is not text")
    longest = max(map(len, item.text.split("\n")))
    if longest > opts.max_line_chars:
        return Failure(item.source, f"a line of {longest:,} characters, over the limit of {opts.max_line_chars:,} (setting max_line_chars)")
    doc_id, title = printable(item.doc_id, MAX_ID_CHARS), item.title and printable(item.title, MAX_ID_CHARS)
    if doc_id != item.doc_id or title != item.title:  # control characters in an id or title: escaped
        item = dataclasses.replace(item, doc_id=doc_id, title=title)
    return item


def _file_type(path: Path) -> str:
    try:
        mode = path.lstat().st_mode if path.is_symlink() and not path.exists() else path.stat().st_mode
    except OSError:
        return "unreadable"
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory")):
        if test(mode):
            return name
    return "not a file"


def _read_dir(root: Path, opts: Options, notes: list[str]) -> Iterator[RawDocument | Failure]:
    found: list[tuple[str, Path, str]] = []
    refused: list[Failure] = []
    hidden = 0
    top = root.resolve()

    def unreadable(exc: OSError) -> None:
        refused.append(Failure(display(exc.filename or root), "permission denied" if isinstance(exc, PermissionError)
                               else f"cannot read folder: {exc.strerror or type(exc).__name__}"))

    for folder, dirs, files in os.walk(root, onerror=unreadable, followlinks=False):
        hidden += sum(1 for d in dirs if d.startswith(".")) + sum(1 for f in files if f.startswith("."))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for entry in [*files, *(d for d in dirs if os.path.islink(os.path.join(folder, d)))]:
            if entry.startswith("."):
                continue
            f = Path(folder, entry)
            why = _refuse(f, top)
            if why:
                refused.append(Failure(display(f), why))
                continue
            kind = kind_of(f.name)
            if kind and f.is_file():
                found.append((f.relative_to(root).as_posix(), f, kind))
    if hidden:
        notes.append(f"{display(root)}: skipped {hidden} hidden file{'s' if hidden != 1 else ''} or folder{'s' if hidden != 1 else ''} (names starting with '.')")
    if not found and not refused:
        yield Failure(display(root), NO_ARTICLES)
        return
    yield from refused
    for _rel, f, kind in sorted(found):
        try:
            yield from _read_file(f, kind, opts)
        except PermissionError:
            yield Failure(display(f), "permission denied")


def _refuse(f: Path, top: Path) -> str | None:
    """Why an entry of an input folder is not read, or None: links must stay inside the folder,
    and only regular files (and, through links, folders inside it) are read."""
    if f.is_symlink():
        try:
            target = f.resolve(strict=True)
        except FileNotFoundError:
            return "broken symbolic link"
        except (RuntimeError, OSError):
            return "symbolic link loop"
        if not target.is_relative_to(top):
            return f"symbolic link to {display(target)}, outside the input folder: not followed"
        if target.is_dir():
            return None if kind_of(f.name) is None else "symbolic link to a folder"
    try:
        mode = f.stat().st_mode
    except OSError as exc:
        return f"cannot read: {exc.strerror or type(exc).__name__}"
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None
    return f"not a regular file ({_file_type(f)})"


def _read_file(path: Path, kind: str | None, opts: Options) -> Iterator[RawDocument | Failure]:
    source = display(path)
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
                yield from read_jsonl_lines(fh, source, _stem(source), opts)
        except OSError as exc:
            yield Failure(source, f"cannot read: {exc.strerror or exc}")
        return
    if kind == "warc":
        try:
            with path.open("rb") as fh:
                yield from read_warc_stream(fh, source, opts)
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
    yield from _read_data(data, source, _stem(source), kind or sniff(data), opts)


def _read_data(
    data: bytes, source: str, doc_id: str, kind: str, opts: Options, stdin: bool = False,
) -> Iterator[RawDocument | Failure]:
    """Dispatch bytes to the reader for ``kind``."""
    if not data.strip():
        yield Failure(source, "empty file")
        return
    if kind == "jsonl":
        yield from read_jsonl_lines(io.BytesIO(data), source, doc_id, opts)
        return
    if kind == "warc":
        yield from read_warc_stream(io.BytesIO(data), source, opts)
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
