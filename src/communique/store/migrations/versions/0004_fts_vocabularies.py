"""full-text vocabularies (SQLite): ``event_text_vocab`` and ``quotes_fts_vocab``.

FTS5 answers a prefix query (``"talks" *``) by first merging the postings of every indexed word
that starts with the prefix, all of them, however few rows the query then reads: for a word in a
third of 100k events that is a few milliseconds per query. These ``fts5vocab`` tables list the
indexed words in order, so a search can look up the few words a prefix covers once (kept until
the store changes) and ask for them with ``OR``, which FTS5 reads lazily in rowid order
(``store.queries``). They are views of the FTS5 indexes: nothing is stored or backfilled.
PostgreSQL: nothing to do (its searches are ``tsquery`` prefix matches over a GIN index).

Revision ID: 0004_fts_vocabularies
Revises: 0003_event_summaries
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision: str = '0004_fts_vocabularies'
down_revision: str | None = '0003_event_summaries'
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("CREATE VIRTUAL TABLE event_text_vocab USING fts5vocab(event_text, 'row')")
        op.execute("CREATE VIRTUAL TABLE quotes_fts_vocab USING fts5vocab(quotes_fts, 'row')")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("DROP TABLE quotes_fts_vocab")
        op.execute("DROP TABLE event_text_vocab")
