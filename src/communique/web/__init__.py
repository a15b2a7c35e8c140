"""The server-rendered web UI (Jinja2, autoescaped), mounted on the API's FastAPI app.

Pages: ``/`` timeline of events with filters, ``/events/{id}`` (agreement, conflicts,
quotes by speaker), ``/events/{id}/compare`` (the reports side by side, evidence highlighted),
``/documents/{doc_id}`` (raw text, every extracted fact linked to its highlighted evidence),
``/people/{name}`` (any name: redirected to the canonical page, or a page to choose when several
people match; timeline, counterparts, positions), ``/search?q=`` (the one search box,
``communique.store.search``), ``/countries/{ISO-3}``, ``/network`` (who met whom), ``/map`` and
``/outlets/{outlet}``. Event lists share their filter through the URL with their timeline,
facets and CSV/JSON downloads (``routes.Filters``); charts are SVG drawn on the server
(``charts``). Data comes from ``communique.store.queries`` and ``communique.store.aggregates``;
people are found by ``communique.store.people``.
"""

from __future__ import annotations

from .routes import mount_web

__all__ = ["mount_web"]
