"""Who moved a case to the bin (cases.deleted_by_id); the bin itself is cases.deleted_at

Revision ID: a1b2c3d4e5f6
Revises: b8c9d0e1f2a3
Create Date: 2026-12-08

"""
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa

from caseapp.db import UTCDateTime


# revision identifiers, used by Alembic.
revision = 'a1b2c3d4e5f6'
down_revision = 'b8c9d0e1f2a3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deleted_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_cases_deleted_by_id_users'), 'users', ['deleted_by_id'], ['id'],
                                    ondelete='SET NULL')
    # Drafts deleted before there was a bin get their BIN_DAYS from the upgrade, not from their deletion: the
    # first `flask retention run` after upgrading must not purge them before anyone could restore them. The
    # moment each was deleted stays in the audit log (case.delete).
    op.get_bind().execute(
        sa.text("UPDATE cases SET deleted_at = :now WHERE deleted_at IS NOT NULL")
        .bindparams(sa.bindparam("now", type_=UTCDateTime())), {"now": datetime.now(timezone.utc)})


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_cases_deleted_by_id_users'), type_='foreignkey')
        batch_op.drop_column('deleted_by_id')
