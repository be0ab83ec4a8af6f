"""Sign-in limits counted in the database (shared by every worker, kept across restarts); lock-out notifications

Revision ID: 27d5a2bf69d9
Revises: c3d8f2a61b57
Create Date: 2026-12-06 08:59:40.407469

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '27d5a2bf69d9'
down_revision = 'c3d8f2a61b57'
branch_labels = None
depends_on = None

CASE_KINDS = "kind IN ('returned', 'submitted', 'assigned', 'comment')"
ALL_KINDS = "kind IN ('returned', 'submitted', 'assigned', 'comment', 'lockout')"


def upgrade():
    op.create_table(
        'rate_limit_entries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.Column('at', sa.Float(), nullable=False),
        sa.Column('expires_at', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_rate_limit_entries')),
    )
    with op.batch_alter_table('rate_limit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rate_limit_entries_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index('ix_rate_limit_entries_key_at', ['key', 'at'], unique=False)

    # A notification is about a case, or (a lock-out, to the admins) about an account.
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject_user_id', sa.Integer(), nullable=True))
        batch_op.alter_column('case_id', existing_type=sa.INTEGER(), nullable=True)
        batch_op.create_foreign_key(batch_op.f('fk_notifications_subject_user_id_users'), 'users',
                                    ['subject_user_id'], ['id'])
        batch_op.drop_constraint(batch_op.f('ck_notifications_kind_known'), type_='check')
        batch_op.create_check_constraint('kind_known', ALL_KINDS)
        batch_op.create_check_constraint('about_something',
                                         '(case_id IS NOT NULL) OR (subject_user_id IS NOT NULL)')


def downgrade():
    # Lock-out notifications have no case: they cannot exist in the older table.
    op.execute("DELETE FROM notifications WHERE case_id IS NULL")
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_notifications_about_something'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_notifications_kind_known'), type_='check')
        batch_op.create_check_constraint('kind_known', CASE_KINDS)
        batch_op.drop_constraint(batch_op.f('fk_notifications_subject_user_id_users'), type_='foreignkey')
        batch_op.alter_column('case_id', existing_type=sa.INTEGER(), nullable=False)
        batch_op.drop_column('subject_user_id')

    with op.batch_alter_table('rate_limit_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_rate_limit_entries_key_at')
        batch_op.drop_index(batch_op.f('ix_rate_limit_entries_expires_at'))
    op.drop_table('rate_limit_entries')
