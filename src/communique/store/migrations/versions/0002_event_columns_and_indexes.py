"""event columns and indexes: indexed event date/place/sources, event_terms, full-text search.

Adds to ``events`` the columns the read side filters and sorts on (``date``, ``location``,
``n_sources``, ``participants_text``, ``sort_rank``; ``search_text`` is used on PostgreSQL
only), the ``event_terms`` table (person, country, type and place filters: one primary-key
range each), people's document and quote counts (the people list's sort), and indexes for the
type filter, the people list and the documents list. Full-text search: on SQLite the FTS5 tables
``event_text`` (rowid = events.sort_rank) and ``quotes_fts`` (external content over ``quotes``,
kept in step by the write path, ``indexing.index_quotes``: per-row triggers made bulk loads about
5x slower); on PostgreSQL ``to_tsvector('simple', ...)`` GIN expression indexes.
Existing events are backfilled from their ``data`` and sources (``store.indexing.index_events``).

Revision ID: 0002_event_columns_and_indexes
Revises: 0001_initial
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = '0002_event_columns_and_indexes'
down_revision: str | None = '0001_initial'
branch_labels: str | None = None
depends_on: str | None = None

def upgrade() -> None:
    bind = op.get_bind()
    pg = bind.dialect.name == "postgresql"
    nulls_last = " NULLS LAST" if pg else ""  # SQLite's DESC already puts NULLs last

    op.add_column('events', sa.Column('date', sa.Date(), nullable=True))
    op.add_column('events', sa.Column('location', sa.Text(), nullable=True))
    op.add_column('events', sa.Column('n_sources', sa.Integer(), server_default='0', nullable=False))
    op.add_column('events', sa.Column('participants_text', sa.Text(), nullable=True))
    op.add_column('events', sa.Column('sort_rank', sa.Integer(), nullable=True))
    op.add_column('events', sa.Column('search_text', sa.Text(), nullable=True))
    op.create_index('uq_events_sort_rank', 'events', ['sort_rank'], unique=True)
    op.create_index('ix_events_date_event_id', 'events', [sa.text(f'date DESC{nulls_last}'), 'event_id'])
    op.create_index('ix_events_n_sources', 'events', ['n_sources'])
    op.create_index('ix_events_location_lower', 'events', [sa.text('lower(location)')])

    op.create_table('event_terms',
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('term', sa.String(length=255), nullable=False),
    sa.Column('sort_rank', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'term', 'sort_rank', name=op.f('pk_event_terms'))
    )

    op.add_column('people', sa.Column('n_documents', sa.Integer(), server_default='0', nullable=False))
    op.add_column('people', sa.Column('n_quotes', sa.Integer(), server_default='0', nullable=False))
    op.create_index('ix_people_n_documents_name', 'people', [sa.text('n_documents DESC'), 'name'])

    op.create_index('ix_statements_type_doc_id', 'statements', ['type', 'doc_id'])
    op.create_index('ix_doc_people_person_id_doc_id', 'doc_people', ['person_id', 'doc_id'])
    op.create_index('ix_meetings_location_lower', 'meetings', [sa.text('lower(location)')])
    op.create_index('ix_documents_spun', 'documents', ['spun'])
    op.create_index('ix_documents_publication_date_doc_id', 'documents',
                    [sa.text(f'publication_date DESC{nulls_last}'), 'doc_id'])

    if pg:
        op.create_index('ix_events_search_text_tsv', 'events', [sa.text("to_tsvector('simple', search_text)")],
                        postgresql_using='gin')
        op.create_index('ix_quotes_text_tsv', 'quotes', [sa.text("to_tsvector('simple', text)")],
                        postgresql_using='gin')
    else:
        op.execute("CREATE VIRTUAL TABLE event_text USING fts5(body)")
        op.execute("CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='id')")
        op.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')")

    from communique.store.indexing import index_events

    index_events(bind, summaries=False)  # the summary column comes with 0003


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.drop_index('ix_quotes_text_tsv', table_name='quotes')
        op.drop_index('ix_events_search_text_tsv', table_name='events')
    else:
        op.execute("DROP TABLE quotes_fts")
        op.execute("DROP TABLE event_text")
    op.drop_index('ix_documents_publication_date_doc_id', table_name='documents')
    op.drop_index('ix_documents_spun', table_name='documents')
    op.drop_index('ix_meetings_location_lower', table_name='meetings')
    op.drop_index('ix_doc_people_person_id_doc_id', table_name='doc_people')
    op.drop_index('ix_statements_type_doc_id', table_name='statements')
    op.drop_table('event_terms')
    op.drop_index('ix_people_n_documents_name', table_name='people')
    for column in ('n_quotes', 'n_documents'):
        _drop_column('people', column)
    op.drop_index('ix_events_location_lower', table_name='events')
    op.drop_index('ix_events_n_sources', table_name='events')
    op.drop_index('ix_events_date_event_id', table_name='events')
    op.drop_index('uq_events_sort_rank', table_name='events')
    for column in ('search_text', 'sort_rank', 'participants_text', 'n_sources', 'location', 'date'):
        _drop_column('events', column)


def _drop_column(table: str, column: str) -> None:
    """In place (SQLite >= 3.35 drops plain columns itself; a batch copy of ``people`` would trip
    the foreign keys that point at it)."""
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(f'ALTER TABLE {table} DROP COLUMN "{column}"')
    else:
        op.drop_column(table, column)
