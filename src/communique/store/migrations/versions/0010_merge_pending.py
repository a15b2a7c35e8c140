"""merge pending: the documents whose events are still to be merged.

A run stores documents (and their links) batch by batch and merges events once at the end, only
for what it changed. ``merge_pending`` keeps the documents stored or re-linked since the last
merge, written in the same transaction as them and emptied in the one that rewrites their events,
so a run killed in between leaves the next run the list of what it must still merge. A store
upgraded from an earlier revision starts with none pending (its events were merged whole).

Revision ID: 0010_merge_pending
Revises: 0009_event_facets
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = '0010_merge_pending'
down_revision: str | None = '0009_event_facets'
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        'merge_pending',
        sa.Column('doc_id', sa.String(length=255), sa.ForeignKey('documents.doc_id', ondelete='CASCADE'),
                  primary_key=True),
    )


def downgrade() -> None:
    op.drop_table('merge_pending')
