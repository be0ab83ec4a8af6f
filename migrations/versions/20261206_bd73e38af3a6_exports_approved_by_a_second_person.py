"""Exports approved by a second person: the organisation's setting, the export's decision, its notices

Revision ID: bd73e38af3a6
Revises: 438a7954437e
Create Date: 2026-12-06 15:46:25.982996

"""
from alembic import op
import sqlalchemy as sa

import caseapp.db


OLD_STATES = "state IN ('queued', 'running', 'done', 'failed')"
NEW_STATES = "state IN ('awaiting_approval', 'refused', 'queued', 'running', 'done', 'failed')"
OLD_KINDS = "kind IN ('returned', 'submitted', 'assigned', 'comment', 'lockout')"
NEW_KINDS = ("kind IN ('returned', 'submitted', 'assigned', 'comment', 'lockout', 'export_waiting', "
             "'export_approved', 'export_refused')")
OLD_ABOUT = "(case_id IS NOT NULL) OR (subject_user_id IS NOT NULL)"
NEW_ABOUT = "(case_id IS NOT NULL) OR (subject_user_id IS NOT NULL) OR (export_id IS NOT NULL)"

# revision identifiers, used by Alembic.
revision = 'bd73e38af3a6'
down_revision = '438a7954437e'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('export_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_notifications_export_id'), ['export_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_notifications_export_id_report_exports'), 'report_exports', ['export_id'], ['id'], ondelete='CASCADE')
        batch_op.drop_constraint(batch_op.f('ck_notifications_kind_known'), type_='check')
        batch_op.create_check_constraint('kind_known', NEW_KINDS)
        batch_op.drop_constraint(batch_op.f('ck_notifications_about_something'), type_='check')
        batch_op.create_check_constraint('about_something', NEW_ABOUT)

    # Added in place: a batch rebuild of `organisations` would trip the foreign keys that point at it.
    op.add_column('organisations', sa.Column('export_approval_required', sa.Boolean(), server_default=sa.false(),
                                             nullable=False))

    with op.batch_alter_table('report_exports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('decided_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('decided_by_label', sa.String(length=254), server_default='', nullable=False))
        batch_op.add_column(sa.Column('decided_at', caseapp.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('decision_reason', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('case_versions', sa.JSON(), nullable=True))
        batch_op.alter_column('state',
               existing_type=sa.VARCHAR(length=10),
               type_=sa.String(length=20),
               existing_nullable=False)
        batch_op.create_foreign_key(batch_op.f('fk_report_exports_decided_by_id_users'), 'users', ['decided_by_id'], ['id'])
        batch_op.drop_constraint(batch_op.f('ck_report_exports_state_known'), type_='check')
        batch_op.create_check_constraint('state_known', NEW_STATES)


def downgrade():
    # Exports and notices the old schema cannot hold go: waiting or refused exports were never built.
    op.execute("DELETE FROM notifications WHERE kind IN ('export_waiting', 'export_approved', 'export_refused')")
    op.execute("DELETE FROM report_exports WHERE state IN ('awaiting_approval', 'refused')")
    with op.batch_alter_table('report_exports', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_report_exports_state_known'), type_='check')
        batch_op.create_check_constraint('state_known', OLD_STATES)
        batch_op.drop_constraint(batch_op.f('fk_report_exports_decided_by_id_users'), type_='foreignkey')
        batch_op.alter_column('state',
               existing_type=sa.String(length=20),
               type_=sa.VARCHAR(length=10),
               existing_nullable=False)
        batch_op.drop_column('case_versions')
        batch_op.drop_column('decision_reason')
        batch_op.drop_column('decided_at')
        batch_op.drop_column('decided_by_label')
        batch_op.drop_column('decided_by_id')

    op.drop_column('organisations', 'export_approval_required')

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_notifications_kind_known'), type_='check')
        batch_op.create_check_constraint('kind_known', OLD_KINDS)
        batch_op.drop_constraint(batch_op.f('ck_notifications_about_something'), type_='check')
        batch_op.create_check_constraint('about_something', OLD_ABOUT)
        batch_op.drop_constraint(batch_op.f('fk_notifications_export_id_report_exports'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_notifications_export_id'))
        batch_op.drop_column('export_id')

