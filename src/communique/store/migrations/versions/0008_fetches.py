"""fetches: what ``communique watch`` knows of each feed and article URL.

One row per URL (keyed by the sha256 of the URL, since URLs outgrow indexable keys): its kind
(feed or page), its state (pending, done, failed, gone), the validators for conditional requests
(ETag, Last-Modified), the last HTTP status, the sha256 of the last body, where redirects led,
the document a page became, failed tries since the last success and the last reason, and when it
was found, last requested and last fetched well. A restarted watch resumes from these rows.

Revision ID: 0008_fetches
Revises: 0007_incremental_events
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = '0008_fetches'
down_revision: str | None = '0007_incremental_events'
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        'fetches',
        sa.Column('url_key', sa.String(length=64), nullable=False),
        sa.Column('url', sa.Text(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('state', sa.String(length=16), nullable=False),
        sa.Column('feed', sa.Text(), nullable=True),
        sa.Column('entry_updated', sa.Text(), nullable=True),
        sa.Column('etag', sa.Text(), nullable=True),
        sa.Column('last_modified', sa.Text(), nullable=True),
        sa.Column('status', sa.Integer(), nullable=True),
        sa.Column('content_hash', sa.String(length=64), nullable=True),
        sa.Column('final_url', sa.Text(), nullable=True),
        sa.Column('doc_id', sa.String(length=255), nullable=True),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('error', sa.Text(), nullable=True),
        sa.Column('discovered_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('fetched_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('ok_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('url_key', name=op.f('pk_fetches')),
    )
    op.create_index('ix_fetches_kind_state', 'fetches', ['kind', 'state'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_fetches_kind_state', table_name='fetches')
    op.drop_table('fetches')
