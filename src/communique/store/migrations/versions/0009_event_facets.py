"""event facets: ``event_terms`` also keeps each event's outlets, whether it is disputed, and
whether a source is a spun copy or a report was copied (kinds ``outlet``, ``disputed``,
``report``), so the web UI's facets and filters are ranges of its primary key; an index on
``(sort_rank, kind)`` counts the facets of a small filtered set. No new column: the terms of
existing events are recomputed (``store.indexing.index_events``).

Revision ID: 0009_event_facets
Revises: 0008_fetches
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision: str = '0009_event_facets'
down_revision: str | None = '0008_fetches'
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    from communique.store.indexing import index_events

    op.create_index('ix_event_terms_sort_rank_kind', 'event_terms', ['sort_rank', 'kind'])
    index_events(op.get_bind())


def downgrade() -> None:
    op.drop_index('ix_event_terms_sort_rank_kind', 'event_terms')  # the extra terms are harmless to older code
