"""The store: SQLite (default) or PostgreSQL behind one interface, schema by Alembic migrations."""

from __future__ import annotations

from .convert import AddReport, StoredDocument, StoreStats, decode_offsets, encode_offsets
from .store import Store, normalise_url

__all__ = ["AddReport", "Store", "StoreStats", "StoredDocument", "decode_offsets", "encode_offsets", "normalise_url"]
