"""event redirects: ``event_redirects`` keeps every event id that stopped naming an event.

When events merge or split, or an earlier report of a known meeting arrives, an id can stop
naming an event; its row lists the events its reports went to (the one holding its first report
first), so bookmarks, exports and citations keep resolving. ``n_sources`` now counts independent
reports (copies not counted): recomputed by the next run's ``replace_events``.

Revision ID: 0005_event_redirects
Revises: 0004_fts_vocabularies
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = '0005_event_redirects'
down_revision: str | None = '0004_fts_vocabularies'
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        'event_redirects',
        sa.Column('event_id', sa.String(length=64), primary_key=True),
        sa.Column('targets', sa.JSON(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table('event_redirects')
