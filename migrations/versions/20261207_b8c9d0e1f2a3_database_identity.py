"""The database's own id (database_identity), named by the audit anchor that vouches for it

Revision ID: b8c9d0e1f2a3
Revises: a7b8c9d0e1f2
Create Date: 2026-12-07

"""
import uuid
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

from caseapp.db import UTCDateTime


# revision identifiers, used by Alembic.
revision = 'b8c9d0e1f2a3'
down_revision = 'a7b8c9d0e1f2'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        'database_identity',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('database_id', sa.String(length=32), nullable=False),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint('id = 1', name=op.f('ck_database_identity_single_row')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_database_identity')),
    )
    # Made once, here, when the database is first migrated (or migrated past this revision).
    op.bulk_insert(table, [{"id": 1, "database_id": uuid.uuid4().hex, "created_at": datetime.now(timezone.utc)}])


def downgrade():
    op.drop_table('database_identity')
