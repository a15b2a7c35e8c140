"""statement entities: every actor and recipient of a statement, and its PLOVER contexts.

``actors`` and ``recipients`` hold one JSON object per entity (the words that name it with
their offsets, ISO-3 or IGO code, PLOVER sector, person or organisation); ``context`` the
statement's PLOVER contexts. Rows stored before this revision have none (NULL, read as empty
lists); their documents gain them when they are extracted again.

Revision ID: 0006_statement_entities
Revises: 0005_event_redirects
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = '0006_statement_entities'
down_revision: str | None = '0005_event_redirects'
branch_labels: str | None = None
depends_on: str | None = None

_COLUMNS = ('actors', 'recipients', 'context')


def upgrade() -> None:
    for column in _COLUMNS:
        op.add_column('statements', sa.Column(column, sa.JSON(), nullable=True))


def downgrade() -> None:
    for column in _COLUMNS:
        if op.get_bind().dialect.name == 'sqlite':
            op.execute(f'ALTER TABLE statements DROP COLUMN "{column}"')
        else:
            op.drop_column('statements', column)
