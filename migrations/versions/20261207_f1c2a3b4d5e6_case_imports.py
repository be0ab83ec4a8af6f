"""Imports of many cases run in the background (case_imports)

Revision ID: f1c2a3b4d5e6
Revises: e6b2c8d0f1a7
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa

from caseapp.db import UTCDateTime


# revision identifiers, used by Alembic.
revision = 'f1c2a3b4d5e6'
down_revision = 'e6b2c8d0f1a7'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'case_imports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('requested_by_id', sa.Integer(), nullable=False),
        sa.Column('filename', sa.String(length=200), nullable=False),
        sa.Column('language', sa.String(length=12), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=True),
        sa.Column('state', sa.String(length=12), nullable=False),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('created', sa.Integer(), nullable=False),
        sa.Column('problem_count', sa.Integer(), nullable=False),
        sa.Column('problems', sa.JSON(), nullable=False),
        sa.Column('message', sa.Text(), nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('started_at', UTCDateTime(), nullable=True),
        sa.Column('finished_at', UTCDateTime(), nullable=True),
        sa.CheckConstraint("state IN ('queued', 'running', 'done', 'refused', 'failed')",
                           name=op.f('ck_case_imports_state_known')),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'],
                                name=op.f('fk_case_imports_organisation_id_organisations')),
        sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_case_imports_requested_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_case_imports')),
    )
    op.create_index(op.f('ix_case_imports_organisation_id'), 'case_imports', ['organisation_id'], unique=False)
    op.create_index(op.f('ix_case_imports_requested_by_id'), 'case_imports', ['requested_by_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_case_imports_requested_by_id'), table_name='case_imports')
    op.drop_index(op.f('ix_case_imports_organisation_id'), table_name='case_imports')
    op.drop_table('case_imports')
