"""The server-rendered web UI (Jinja2, autoescaped), mounted on the API's FastAPI app.

Pages: ``/`` timeline of events with filters, ``/events/{id}`` (agreement, conflicts,
quotes by speaker), ``/events/{id}/compare`` (the reports side by side, evidence highlighted),
``/documents/{doc_id}`` (raw text, every extracted fact linked to its highlighted evidence),
``/people/{name}`` (any name: redirected to the canonical page, or a page to choose when several
people match), and ``/search?q=`` (the one search box, ``communique.store.search``). Data comes
from ``communique.store.queries``; people are found by ``communique.store.people``.
"""

from __future__ import annotations

from .routes import mount_web

__all__ = ["mount_web"]
