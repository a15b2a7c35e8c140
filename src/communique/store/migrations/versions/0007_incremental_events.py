"""incremental events: participant keys on meetings and events, sort ranks computed per event.

Events are merged per set of participants, so a run that adds a few documents needs only the
events of their participant sets: ``meetings.participants_key`` and ``events.participants_key``
(``records.participants_key``, indexed) find them without reading the store. ``sort_rank`` (events
and ``event_terms``) becomes a 64-bit key computed from each event's own date and id
(``indexing.sort_key``), so writing some events never renumbers the others; every event's rank,
terms and search text are recomputed here.

Revision ID: 0007_incremental_events
Revises: 0006_statement_entities
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = '0007_incremental_events'
down_revision: str | None = '0006_statement_entities'
branch_labels: str | None = None
depends_on: str | None = None

_CHUNK = 1_000


def upgrade() -> None:
    from communique.records import participants_key
    from communique.store.indexing import index_events

    bind = op.get_bind()
    for table in ('meetings', 'events'):
        op.add_column(table, sa.Column('participants_key', sa.String(length=40), nullable=True))
        op.create_index(f'ix_{table}_participants_key', table, ['participants_key'])
    if bind.dialect.name == 'postgresql':  # SQLite's INTEGER is 64-bit already
        op.alter_column('events', 'sort_rank', type_=sa.BigInteger(), existing_nullable=True)
        op.alter_column('event_terms', 'sort_rank', type_=sa.BigInteger(), existing_nullable=False)

    meetings = sa.table('meetings', sa.column('id', sa.Integer()), sa.column('participants', sa.JSON()),
                        sa.column('participants_key', sa.String()))
    events = sa.table('events', sa.column('event_id', sa.String()), sa.column('data', sa.JSON()),
                      sa.column('participants_key', sa.String()))
    for tab, pk, col in ((meetings, meetings.c.id, meetings.c.participants), (events, events.c.event_id, events.c.data)):
        last = None
        while True:
            q = sa.select(pk, col).order_by(pk).limit(_CHUNK)
            rows = bind.execute(q if last is None else q.where(pk > last)).all()
            if not rows:
                break
            last = rows[-1][0]
            people = [(k, v.get('participants', []) if isinstance(v, dict) else (v or [])) for k, v in rows]
            bind.execute(sa.update(tab).where(pk == sa.bindparam('k')).values(participants_key=sa.bindparam('pk')),
                         [{'k': k, 'pk': participants_key(str(p) for p in ps)} for k, ps in people])
    index_events(bind)


def downgrade() -> None:
    for table in ('meetings', 'events'):
        op.drop_index(f'ix_{table}_participants_key', table_name=table)
        if op.get_bind().dialect.name == 'sqlite':
            op.execute(f'ALTER TABLE {table} DROP COLUMN participants_key')
        else:
            op.drop_column(table, 'participants_key')
