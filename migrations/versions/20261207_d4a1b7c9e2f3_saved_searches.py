"""Searches of the case list a user keeps under a name (saved_searches)

Revision ID: d4a1b7c9e2f3
Revises: c3d9e2f17a40
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa

from caseapp.db import UTCDateTime


# revision identifiers, used by Alembic.
revision = 'd4a1b7c9e2f3'
down_revision = 'c3d9e2f17a40'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'saved_searches',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('query', sa.Text(), nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_saved_searches_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_searches')),
        sa.UniqueConstraint('user_id', 'name', name=op.f('uq_saved_searches_user_id_name')),
    )
    op.create_index(op.f('ix_saved_searches_user_id'), 'saved_searches', ['user_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_saved_searches_user_id'), table_name='saved_searches')
    op.drop_table('saved_searches')
