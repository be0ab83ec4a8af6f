"""Notifications when a verified case goes back to review by a change, and when a draft is restored

Revision ID: b2c3d4e5f6a7
Revises: a1b2c3d4e5f6
Create Date: 2026-12-08

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b2c3d4e5f6a7'
down_revision = 'a1b2c3d4e5f6'
branch_labels = None
depends_on = None

OLD_KINDS = ("kind IN ('returned', 'submitted', 'assigned', 'comment', 'lockout', 'export_waiting', "
             "'export_approved', 'export_refused')")
NEW_KINDS = ("kind IN ('returned', 'submitted', 'assigned', 'comment', 'lockout', 'export_waiting', "
             "'export_approved', 'export_refused', 'reopened', 'restored')")


def upgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_notifications_kind_known'), type_='check')
        batch_op.create_check_constraint('kind_known', NEW_KINDS)


def downgrade():
    op.execute("DELETE FROM notifications WHERE kind IN ('reopened', 'restored')")
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_notifications_kind_known'), type_='check')
        batch_op.create_check_constraint('kind_known', OLD_KINDS)
