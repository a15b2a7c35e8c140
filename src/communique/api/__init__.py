"""HTTP API (JSON under ``/api/``, OpenAPI at ``/docs``) and the web UI over one store.

    from communique.api import create_app
    app = create_app(Options.load(db="sqlite:///communique.db"))
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
