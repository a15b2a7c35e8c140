"""The store: SQLite (default) or PostgreSQL behind one interface, schema by Alembic migrations.

    from communique.store import Store
    with Store.open("sqlite:///communique.db") as store:   # or postgresql://USER@HOST/DB
        store.add_documents(cleaned_docs)      # raw + clean, skips stored content -> AddReport
        store.save_results(results)            # upsert + replace analysis (idempotent) -> AddReport
        doc = store.get_document("doc-id")     # StoredDocument | None
        for result in store.iter_results(): ...

Modules: ``models`` (typed ORM tables), ``migrations/`` (Alembic; ``Store.open`` upgrades to
head), ``convert`` (records <-> rows, typed results), ``store`` (the Store), ``loader``
(read -> clean -> store, behind ``communique ingest``), ``queries`` (the read side of the API and
UI), ``people`` (finding a person by any name: ``Store.find_people``), ``search`` (grouped search),
``fetches`` (what ``communique watch`` knows of each feed and article URL: ``Store.fetch_states``).
"""

from __future__ import annotations

from .convert import AddReport, StoredDocument, StoreStats, decode_offsets, encode_offsets
from .store import Store, normalise_url

__all__ = ["AddReport", "Store", "StoreStats", "StoredDocument", "decode_offsets", "encode_offsets", "normalise_url"]
