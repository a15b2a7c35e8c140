"""Giving freed memory back to the system during a long run.

Parsing frees most of what it allocates, but glibc keeps the freed pages of its heap for reuse, so a
run's resident memory grows with every batch although little of it is live (measured on the bench
corpus: about 60 KB a document more without trimming, none of it Python objects). ``give_back`` asks
glibc to return them (``malloc_trim``); elsewhere (macOS, musl, Windows) it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys
from collections.abc import Callable


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim: Callable[[int], int] = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
    return trim


def give_back() -> bool:
    """Return the heap's free pages to the system; whether it could (glibc only)."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
