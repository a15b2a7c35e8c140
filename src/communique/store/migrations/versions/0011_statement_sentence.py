"""statement sentence: the index of the sentence a statement was coded from.

The PLOVER export's ``text_info.sequence`` is the manual's "sequence number of sentence"; until
now it was the statement's own index, so two statements of one sentence got two numbers. Rows
stored before this revision have none (NULL: the export writes ``null``); their documents gain it
when they are extracted again.

Revision ID: 0011_statement_sentence
Revises: 0010_merge_pending
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = '0011_statement_sentence'
down_revision: str | None = '0010_merge_pending'
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column('statements', sa.Column('sentence', sa.Integer(), nullable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE statements DROP COLUMN "sentence"')
    else:
        op.drop_column('statements', 'sentence')
