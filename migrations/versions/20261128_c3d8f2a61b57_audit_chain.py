"""Tamper-evident audit log: each entry's HMAC chained to the one before, a chain head, and triggers
that refuse UPDATE and DELETE of audit entries.

Existing entries are sealed onto the chain in id order with the app's AUDIT_HMAC_KEY
(from the environment, else instance/audit_hmac_key), read as the app reads it.

Revision ID: c3d8f2a61b57
Revises: d94e7b3c0a18
Create Date: 2026-11-28 05:30:00

"""
from alembic import context, op
import sqlalchemy as sa
from flask import current_app

import caseapp.db
from caseapp.audit import chain

# revision identifiers, used by Alembic.
revision = 'c3d8f2a61b57'
down_revision = 'd94e7b3c0a18'
branch_labels = None
depends_on = None

APPEND_ONLY = "audit entries are append-only"
SQLITE_TRIGGERS = {
    "audit_entries_no_update": "CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries "
                               f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END",
    "audit_entries_no_delete": "CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries "
                               f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END",
}
POSTGRES_FUNCTION = (
    "CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN RAISE EXCEPTION '{APPEND_ONLY}' USING ERRCODE = 'integrity_constraint_violation'; END $$"
)
POSTGRES_TRIGGERS = {
    "audit_entries_no_change": "CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries "
                               "FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()",
    "audit_entries_no_truncate": "CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries "
                                 "FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()",
}

entries = sa.table(
    'audit_entries',
    sa.column('id', sa.Integer()), sa.column('created_at', caseapp.db.UTCDateTime()),
    sa.column('organisation_id', sa.Integer()), sa.column('actor_id', sa.Integer()),
    sa.column('actor_label', sa.String()), sa.column('action', sa.String()), sa.column('object_type', sa.String()),
    sa.column('object_id', sa.Integer()), sa.column('case_id', sa.Integer()), sa.column('changes', sa.JSON()),
    sa.column('prev_hmac', sa.String()), sa.column('hmac', sa.String()),
)
head = sa.table(
    'audit_chain_head',
    sa.column('id', sa.Integer()), sa.column('last_entry_id', sa.Integer()), sa.column('last_hmac', sa.String()),
    sa.column('entry_count', sa.Integer()),
)


def _seal_existing_entries() -> dict:
    """Chain the entries written before this revision, oldest first; return the head row."""
    if context.is_offline_mode():
        raise RuntimeError("Sealing existing audit entries reads them: run this revision online.")
    key = current_app.config["AUDIT_HMAC_KEY"].encode("utf-8")
    connection = op.get_bind()
    previous_id, previous, count = 0, chain.GENESIS, 0
    for row in connection.execute(sa.select(entries).order_by(entries.c.id)).all():
        sealed = chain.entry_hmac(key, row, previous)
        connection.execute(entries.update().where(entries.c.id == row.id).values(prev_hmac=previous, hmac=sealed))
        previous_id, previous, count = row.id, sealed, count + 1
    return {"id": 1, "last_entry_id": previous_id, "last_hmac": previous, "entry_count": count}


def upgrade():
    op.create_table('audit_chain_head',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_entry_id', sa.Integer(), nullable=False),
    sa.Column('last_hmac', sa.String(length=64), nullable=False),
    sa.Column('entry_count', sa.Integer(), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_audit_chain_head_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_chain_head'))
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prev_hmac', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('hmac', sa.String(length=64), nullable=True))

    op.bulk_insert(head, [_seal_existing_entries()])

    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.alter_column('prev_hmac', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('hmac', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_audit_entries_prev_hmac'), ['prev_hmac'])

    # Last, after SQLite's batch rebuild of the table above (dropping a table drops its triggers).
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRES_FUNCTION)
        for statement in POSTGRES_TRIGGERS.values():
            op.execute(statement)
    else:
        for statement in SQLITE_TRIGGERS.values():
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for name in POSTGRES_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON audit_entries")
        op.execute("DROP FUNCTION IF EXISTS audit_entries_append_only()")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")

    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_audit_entries_prev_hmac'), type_='unique')
        batch_op.drop_column('hmac')
        batch_op.drop_column('prev_hmac')

    op.drop_table('audit_chain_head')
