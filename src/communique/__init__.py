"""communique: who met whom, when, where, and who said what, with evidence.

The public API in a few names::

    import communique

    report = communique.run(["articles/"], db="sqlite:///communique.db")  # what `communique run` does
    print(len(report.results), "documents,", report.events_in_store, "events in", report.store)

    results = communique.extract(["article.txt"])  # no store: list of DocumentResult
    # raises ExtractionFailed (with .failures and .results) when an input failed;
    # extract(paths, errors="return") puts a Failure in the list instead

    with communique.Store.open("sqlite:///communique.db") as store: ...
"""

from __future__ import annotations

from .errors import CommuniqueError, ExtractionFailed
from .options import Options
from .records import DocumentResult, Failure, RawDocument

__all__ = ["CommuniqueError", "DocumentResult", "ExtractionFailed", "Failure", "Options", "RawDocument",
           "RunReport", "Store", "extract", "run"]

_LAZY = {"extract": "pipeline", "run": "pipeline", "RunReport": "pipeline", "Store": "store"}


def package_version() -> str:
    """The installed communique version ("unknown" when run from a source tree without installing)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("communique")
    except PackageNotFoundError:
        return "unknown"


def __getattr__(name: str) -> object:  # lazy: keep `import communique` light
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'communique' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
