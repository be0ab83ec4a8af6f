"""The case list's order is read from an index: (organisation_id, updated_at, id) on cases

Revision ID: 8b1f0c2d4e61
Revises: 5e4c1a9b7d20
Create Date: 2026-12-07

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '8b1f0c2d4e61'
down_revision = '5e4c1a9b7d20'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_cases_org_updated', 'cases', ['organisation_id', 'updated_at', 'id'], unique=False)


def downgrade():
    op.drop_index('ix_cases_org_updated', table_name='cases')
