"""The review workflow: all statuses, comments, notifications, period bounds for filters, deleted drafts.

Revision ID: 2d5956f49ccf
Revises: f07e654304f3
Create Date: 2026-11-27 22:02:58.968322

"""
from alembic import op
import sqlalchemy as sa

import caseapp.db


STATUS_CHECK = "status IN ('draft', 'submitted', 'in_review', 'returned', 'verified', 'closed')"

# revision identifiers, used by Alembic.
revision = '2d5956f49ccf'
down_revision = 'f07e654304f3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('case_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('transition', sa.String(length=20), nullable=True),
    sa.Column('created_at', caseapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_case_comments_author_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_comments_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_comments'))
    )
    with op.batch_alter_table('case_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_comments_case_id'), ['case_id'], unique=False)

    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('created_at', caseapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('read_at', caseapp.db.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind IN ('returned', 'submitted', 'assigned', 'comment')", name=op.f('ck_notifications_kind_known')),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_notifications_actor_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_notifications_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notifications_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_notifications_unread', ['user_id', 'read_at'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('period_first', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('period_last', sa.Date(), nullable=True))
        # Existing cases changed status when they were created.
        batch_op.add_column(sa.Column('status_changed_at', caseapp.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('deleted_at', caseapp.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_cases_status_changed_at'), ['status_changed_at'], unique=False)
        batch_op.drop_constraint(batch_op.f('ck_cases_status_known'), type_='check')
        batch_op.create_check_constraint('status_known', STATUS_CHECK)
    op.execute("UPDATE cases SET status_changed_at = created_at")
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.alter_column('status_changed_at', existing_type=caseapp.db.UTCDateTime(timezone=True),
                              nullable=False)
    _fill_period_bounds()


def _fill_period_bounds():
    """Existing periods get their first and last days, as the app computes them for new ones."""
    from caseapp.cases.dates import parse_partial_date

    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, period_start, period_end FROM cases")).all()
    for row in rows:
        first = parse_partial_date(row.period_start).first if row.period_start else None
        last = parse_partial_date(row.period_end).last if row.period_end else None
        connection.execute(sa.text("UPDATE cases SET period_first = :first, period_last = :last WHERE id = :id"),
                           {"first": first, "last": last, "id": row.id})


def downgrade():
    op.execute("UPDATE cases SET status = 'draft'")  # the old schema knew no other status
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_cases_status_known'), type_='check')
        batch_op.create_check_constraint('status_known', "status IN ('draft')")
        batch_op.drop_index(batch_op.f('ix_cases_status_changed_at'))
        batch_op.drop_column('deleted_at')
        batch_op.drop_column('status_changed_at')
        batch_op.drop_column('period_last')
        batch_op.drop_column('period_first')

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_unread')
        batch_op.drop_index(batch_op.f('ix_notifications_case_id'))

    op.drop_table('notifications')
    with op.batch_alter_table('case_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_comments_case_id'))

    op.drop_table('case_comments')
