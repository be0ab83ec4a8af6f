"""The case list filtered by country and sector, found through an index (ix_cases_org_country_sector)

Revision ID: a7b8c9d0e1f2
Revises: f1c2a3b4d5e6
Create Date: 2026-12-07

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'a7b8c9d0e1f2'
down_revision = 'f1c2a3b4d5e6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_cases_org_country_sector', 'cases', ['organisation_id', 'country', 'sector'], unique=False)


def downgrade():
    op.drop_index('ix_cases_org_country_sector', table_name='cases')
