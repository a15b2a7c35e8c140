"""The server-rendered web UI (Jinja2, autoescaped), mounted on the API's FastAPI app.

Pages: ``/`` timeline of events with search and filters, ``/events/{id}`` (agreement, conflicts,
quotes by speaker), ``/events/{id}/compare`` (the reports side by side, evidence highlighted),
``/documents/{doc_id}`` (raw text, every extracted fact linked to its highlighted evidence),
``/people/{name}`` and ``/search?q=``. Data comes from ``communique.store.queries``.
"""

from __future__ import annotations

from .routes import mount_web

__all__ = ["mount_web"]
