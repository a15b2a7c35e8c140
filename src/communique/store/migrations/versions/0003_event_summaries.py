"""event summaries: ``events.summary``, what an event list shows, as compact JSON.

A list page (and a person's timeline of up to 200 events) used to decode every event's full
``data`` (each source's value of every field) to show a handful of fields. Existing events are
backfilled from their ``data`` (``store.indexing.backfill_summaries``); every later write sets it
(``store.indexing.index_events``).

Revision ID: 0003_event_summaries
Revises: 0002_event_columns_and_indexes
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = '0003_event_summaries'
down_revision: str | None = '0002_event_columns_and_indexes'
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column('events', sa.Column('summary', sa.Text(), nullable=True))

    from communique.store.indexing import backfill_summaries

    backfill_summaries(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE events DROP COLUMN "summary"')
    else:
        op.drop_column('events', 'summary')
