"""The ``fetches`` table: ``records.FetchState`` rows for ``communique watch`` (through ``Store``).

Rows are keyed by the sha256 of the URL; writes are upserts (SQLite and PostgreSQL both have
``INSERT ... ON CONFLICT DO UPDATE``), so saving a state twice is harmless.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, fields
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, select

from ..records import FetchState, content_hash
from . import models

FETCHES = cast(Table, models.Fetch.__table__)
_FIELDS = tuple(f.name for f in fields(FetchState))
_DUE = ("pending", "failed")
_CHUNK = 500  # URLs per IN (...) query


def url_key(url: str) -> str:
    return content_hash(url)


def _row(state: FetchState, now: datetime) -> dict[str, Any]:
    row = asdict(state)
    row["url_key"] = url_key(state.url)
    row["discovered_at"] = state.discovered_at or now
    return row


def _state(row: Any) -> FetchState:
    values = {name: getattr(row, name) for name in _FIELDS}
    for name in ("discovered_at", "fetched_at", "ok_at"):  # SQLite gives naive datetimes back
        value = values[name]
        if isinstance(value, datetime) and value.tzinfo is None:
            values[name] = value.replace(tzinfo=UTC)
    return FetchState(**values)


def get_states(conn: Connection, urls: Sequence[str]) -> dict[str, FetchState]:
    found: dict[str, FetchState] = {}
    keys = list(dict.fromkeys(url_key(u) for u in urls))
    for start in range(0, len(keys), _CHUNK):
        for row in conn.execute(select(FETCHES).where(FETCHES.c.url_key.in_(keys[start:start + _CHUNK]))):
            state = _state(row)
            found[state.url] = state
    return found


def due_pages(conn: Connection, limit: int | None = None) -> list[FetchState]:
    """Pages to fetch: pending or failed before, the earliest found first."""
    query = (select(FETCHES).where(FETCHES.c.kind == "page", FETCHES.c.state.in_(_DUE))
             .order_by(FETCHES.c.discovered_at, FETCHES.c.url_key))
    if limit is not None:
        query = query.limit(limit)
    return [_state(row) for row in conn.execute(query)]


def listed_by(conn: Connection, feed: str, kind: str) -> list[FetchState]:
    """The URLs of ``kind`` that ``feed`` listed (a sitemap index's sitemaps ...), in URL order."""
    query = select(FETCHES).where(FETCHES.c.feed == feed, FETCHES.c.kind == kind).order_by(FETCHES.c.url)
    return [_state(row) for row in conn.execute(query)]


def count_states(conn: Connection) -> dict[str, int]:
    """``kind:state`` -> rows (``page:done``: 12 ...)."""
    from sqlalchemy import func

    rows = conn.execute(select(FETCHES.c.kind, FETCHES.c.state, func.count()).group_by(FETCHES.c.kind, FETCHES.c.state))
    return {f"{kind}:{state}": n for kind, state, n in rows}


def save_states(conn: Connection, insert: Any, states: Iterable[FetchState], now: datetime) -> None:
    """Insert or replace each state's row (``insert``: the dialect's insert of ``FETCHES``)."""
    rows = {url_key(s.url): _row(s, now) for s in states}
    if not rows:
        return
    stmt = insert
    stmt = stmt.on_conflict_do_update(
        index_elements=[FETCHES.c.url_key],
        set_={c.name: stmt.excluded[c.name] for c in FETCHES.columns if c.name not in ("url_key", "discovered_at")},
    )
    conn.execute(stmt, list(rows.values()))
