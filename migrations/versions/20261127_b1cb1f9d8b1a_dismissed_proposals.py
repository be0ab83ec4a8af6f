"""Proposals of the ILO suggestion engine that a person dismissed, per source and case.

Revision ID: b1cb1f9d8b1a
Revises: 775871afeff7
Create Date: 2026-11-27 22:53:12.536578

"""
from alembic import op
import sqlalchemy as sa

import caseapp.db


# revision identifiers, used by Alembic.
revision = 'b1cb1f9d8b1a'
down_revision = '775871afeff7'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('dismissed_proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('dismissed_by_id', sa.Integer(), nullable=False),
    sa.Column('dismissed_at', caseapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_dismissed_proposals_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['dismissed_by_id'], ['users.id'], name=op.f('fk_dismissed_proposals_dismissed_by_id_users')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_dismissed_proposals_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dismissed_proposals')),
    sa.UniqueConstraint('source_id', 'case_id', 'name', 'start', 'end', name=op.f('uq_dismissed_proposals_source_id_case_id_name_start_end'))
    )
    with op.batch_alter_table('dismissed_proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dismissed_proposals_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dismissed_proposals_source_id'), ['source_id'], unique=False)



def downgrade():
    with op.batch_alter_table('dismissed_proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dismissed_proposals_source_id'))
        batch_op.drop_index(batch_op.f('ix_dismissed_proposals_case_id'))

    op.drop_table('dismissed_proposals')
