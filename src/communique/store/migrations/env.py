"""Alembic environment for communique's store.

Run by ``Store.open`` (``alembic.command.upgrade`` on the connection it passes in
``config.attributes["connection"]``), never from an ini file; one transaction per migration.
"""

from __future__ import annotations

from alembic import context

from communique.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the programmatic path is supported
    raise RuntimeError("communique's migrations run through Store.open (no connection was given)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    transaction_per_migration=True,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
