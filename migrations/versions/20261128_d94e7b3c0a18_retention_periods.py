"""An organisation's retention periods: closed cases and person records, in days (NULL keeps them).

Revision ID: d94e7b3c0a18
Revises: b7c1e4a9d2f0
Create Date: 2026-11-28 06:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd94e7b3c0a18'
down_revision = 'b7c1e4a9d2f0'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTERs, not a batch: a batch rebuild of `organisations` would trip the foreign keys of
    # every table that points at it on SQLite. Nullable, no default: every organisation keeps all.
    op.add_column('organisations', sa.Column('closed_case_retention_days', sa.Integer(), nullable=True))
    op.add_column('organisations', sa.Column('person_retention_days', sa.Integer(), nullable=True))


def downgrade():
    op.drop_column('organisations', 'person_retention_days')
    op.drop_column('organisations', 'closed_case_retention_days')
