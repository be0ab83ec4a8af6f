"""Findings are versioned: a sign-off or a change decided on what it read fails if the finding changed meanwhile

Revision ID: 438a7954437e
Revises: ff55503788fa
Create Date: 2026-12-06

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '438a7954437e'
down_revision = 'ff55503788fa'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))


def downgrade():
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.drop_column('version')
