"""Bytes -> text: BOM, binary detection, charset detection, mojibake repair.

``decode(data)`` returns the text or a reason string (``Rejected``) saying why the bytes are
not a text document. The text is the document text every offset indexes, so nothing is
normalised here: only a byte-order mark is dropped, and ftfy is applied only when the text is
clearly mojibake (then the repaired text *is* the document text).
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BINARY_MAGIC: tuple[bytes, ...] = (
    b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"MZ", b"\xd0\xcf\x11\xe0",
    b"SQLite format 3", b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf",
)


@dataclass(frozen=True, slots=True)
class Rejected:
    """Bytes that are not a readable text document, and why."""

    reason: str


def human_size(n: int) -> str:
    """``52.4 MB`` (MB = 2**20 bytes, one decimal); sizes under 0.1 MB in bytes."""
    if n < 0.1 * 1024 * 1024:
        return f"{n} bytes"
    return f"{n / (1024 * 1024):.1f} MB"


def too_big(size: int, limit: int) -> str | None:
    """The reason a file or record of ``size`` bytes is refused, or None when it fits."""
    if size > limit:
        return f"file is {human_size(size)}, over the {human_size(limit)} limit (setting max_bytes)"
    return None


def is_binary(data: bytes) -> bool:
    """Known binary signatures, NUL bytes, or many control bytes in the first 8 KB."""
    head = data[:8192]
    if any(head.startswith(m) for m in _BINARY_MAGIC):
        return True
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(2, len(head) // 100)


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if unicodedata.category(c) in {"Cc", "Co", "Cs"} and c not in "\t\n\r\f")
    bad += sample.count("\ufffd")
    return bad / len(sample)


def decode(data: bytes) -> str | Rejected:
    """Decode a document's bytes; a ``Rejected`` names the reason when they are not text."""
    if not data.strip():
        return Rejected("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                return Rejected(f"invalid {encoding} text after its byte-order mark (byte {exc.start + len(bom)})")
            return _finish(text)
    if is_binary(data):
        return Rejected("binary file (not text)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        guessed = _guess(data)
        if guessed is None:
            return Rejected(f"not valid UTF-8 (bad byte at offset {exc.start}) and no other text encoding fits")
        text = guessed
    return _finish(text)


def _guess(data: bytes) -> str | None:
    """charset-normalizer's best reading, when it is a plausible text."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.3:
        return None
    text = str(best)
    return text if _control_share(text) < 0.01 else None


def _finish(text: str) -> str | Rejected:
    if not text.strip():
        return Rejected("empty file")
    if _control_share(text) > 0.05:
        return Rejected("binary file (not text)")
    return fix_mojibake(text)


def fix_mojibake(text: str) -> str:
    """ftfy's encoding repair, applied only when ftfy judges the text clearly mis-decoded."""
    import ftfy
    from ftfy.badness import is_bad

    if not is_bad(text):
        return text
    return ftfy.fix_encoding(text)
