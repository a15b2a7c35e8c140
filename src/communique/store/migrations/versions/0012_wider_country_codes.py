"""wider country codes: a region's code ("IRQ-KRD", the Kurdistan Region) is longer than three letters.

The knowledge base codes sub-national governments as ``<ISO-3>-<region>``; a statement or person of
the Kurdistan Region's government carries one. PostgreSQL refused such a row in the three-letter
columns (the whole document failed to store); SQLite never enforced the length. The columns take
sixteen characters on PostgreSQL; SQLite's are left as they are (it stores any length).

Revision ID: 0012_wider_country_codes
Revises: 0011_statement_sentence
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = '0012_wider_country_codes'
down_revision: str | None = '0011_statement_sentence'
branch_labels: str | None = None
depends_on: str | None = None

_COLUMNS = (("people", "country"), ("doc_people", "country"), ("statements", "source_country"),
            ("statements", "target_country"))


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return  # (SQLite does not enforce a VARCHAR's length)
    for table, column in _COLUMNS:
        op.alter_column(table, column, type_=sa.String(length=16), existing_type=sa.String(length=3),
                        existing_nullable=True)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column in _COLUMNS:
        op.alter_column(table, column, type_=sa.String(length=3), existing_type=sa.String(length=16),
                        existing_nullable=True)
