"""communique: who met whom, when, where, and who said what, with evidence.

The public API in a few names::

    from communique import Options, extract, Store
    results = extract(["article.txt"])          # list of DocumentResult
"""

from __future__ import annotations

from .options import Options
from .records import DocumentResult, Failure, RawDocument

__all__ = ["DocumentResult", "Failure", "Options", "RawDocument", "Store", "extract"]


def __getattr__(name: str) -> object:  # lazy: keep `import communique` light
    if name == "extract":
        from .pipeline import extract

        return extract
    if name == "Store":
        from .store import Store

        return Store
    raise AttributeError(name)
