"""People's identifying fields and TOTP secrets are stored encrypted; people are found by name through a keyed hash.

Existing values are encrypted in place under the current key of the ring
(CASEAPP_ENCRYPTION_KEYS or instance/encryption_keys); the downgrade
decrypts them again, so it needs the same ring.

Revision ID: b7c1e4a9d2f0
Revises: e73b26c2fc73
Create Date: 2026-11-28 06:00:00

"""
import json

from alembic import op
import sqlalchemy as sa

from caseapp.protection import ciphers
from caseapp.protection.setup import current_ring

# revision identifiers, used by Alembic.
revision = 'b7c1e4a9d2f0'
down_revision = 'e73b26c2fc73'
branch_labels = None
depends_on = None

TEXT_FIELDS = ("name", "contact", "document_numbers", "notes")

persons = sa.table(
    "persons",
    sa.column("id", sa.Integer),
    *(sa.column(field, sa.Text) for field in TEXT_FIELDS),
    sa.column("aliases", sa.JSON),
    sa.column("name_lookup", sa.String),
)


def _rows():
    connection = op.get_bind()
    return connection, connection.execute(
        sa.select(persons.c.id, persons.c.aliases, *(persons.c[f] for f in TEXT_FIELDS)).order_by(persons.c.id)
    ).all()


users = sa.table(
    "users",
    sa.column("id", sa.Integer),
    sa.column("totp_secret", sa.String),
    sa.column("totp_pending_secret", sa.String),
    sa.column("totp_key", sa.Text),
    sa.column("totp_pending_key", sa.Text),
)
# Old column -> new column of the users' TOTP secrets. New columns, not a type change: on SQLite
# changing a column's type rebuilds the table, which the foreign keys pointing at users forbid.
TOTP_COLUMNS = {"totp_secret": "totp_key", "totp_pending_secret": "totp_pending_key"}


def _copy_totp(encrypting: bool) -> None:
    """Copy each secret between its plain column and its encrypted one, the way `encrypting` says."""
    ring = current_ring()
    connection = op.get_bind()
    for row in connection.execute(sa.select(users)).all():
        values = {}
        for plain, sealed in TOTP_COLUMNS.items():
            if encrypting and row._mapping[plain] is not None:
                values[sealed] = ciphers.encrypt(ring, row._mapping[plain], f"users.{sealed}")
            elif not encrypting and row._mapping[sealed] is not None:
                values[plain] = ciphers.decrypt(ring, row._mapping[sealed], f"users.{sealed}")
        if values:
            connection.execute(users.update().where(users.c.id == row.id).values(**values))


def upgrade():
    ring = current_ring()
    for new in TOTP_COLUMNS.values():
        op.add_column('users', sa.Column(new, sa.Text(), nullable=True))
    _copy_totp(encrypting=True)
    for old in TOTP_COLUMNS:
        op.drop_column('users', old)

    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_lookup', sa.String(length=90), nullable=True))
        batch_op.create_index('ix_persons_name_lookup', ['organisation_id', 'name_lookup'], unique=False)

    connection, rows = _rows()
    for row in rows:
        values = {f: ciphers.encrypt(ring, getattr(row, f) or "", f"persons.{f}") for f in TEXT_FIELDS}
        aliases = row.aliases if isinstance(row.aliases, list) else []
        values["aliases"] = ciphers.encrypt(ring, json.dumps(aliases, ensure_ascii=False), "persons.aliases")
        values["name_lookup"] = ciphers.lookup_hash(ring, row.name or "")
        connection.execute(persons.update().where(persons.c.id == row.id).values(**values))


def downgrade():
    ring = current_ring()
    connection, rows = _rows()
    for row in rows:
        values = {f: ciphers.decrypt(ring, getattr(row, f), f"persons.{f}") for f in TEXT_FIELDS}
        values["aliases"] = json.loads(ciphers.decrypt(ring, row.aliases, "persons.aliases"))
        connection.execute(persons.update().where(persons.c.id == row.id).values(**values))

    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.drop_index('ix_persons_name_lookup')
        batch_op.drop_column('name_lookup')

    for old in TOTP_COLUMNS:
        op.add_column('users', sa.Column(old, sa.String(length=64), nullable=True))
    _copy_totp(encrypting=False)
    for new in TOTP_COLUMNS.values():
        op.drop_column('users', new)

