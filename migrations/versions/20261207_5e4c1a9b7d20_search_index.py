"""The full-text search index: search_documents, and each database's index over it, filled from the records

Revision ID: 5e4c1a9b7d20
Revises: bd73e38af3a6
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa

from caseapp.search.models import POSTGRES_STATEMENTS, SQLITE_DROPS, SQLITE_STATEMENTS
from caseapp.db import UTCDateTime


# revision identifiers, used by Alembic.
revision = '5e4c1a9b7d20'
down_revision = 'bd73e38af3a6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'search_documents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('object_id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=True),
        sa.Column('language', sa.String(length=12), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('updated_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'],
                                name=op.f('fk_search_documents_organisation_id_organisations')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_search_documents')),
        sa.UniqueConstraint('kind', 'object_id', name=op.f('uq_search_documents_kind_object_id')),
    )
    op.create_index('ix_search_documents_org_kind', 'search_documents', ['organisation_id', 'kind'], unique=False)
    op.create_index(op.f('ix_search_documents_case_id'), 'search_documents', ['case_id'], unique=False)
    bind = op.get_bind()
    for statement in SQLITE_STATEMENTS if bind.dialect.name == 'sqlite' else POSTGRES_STATEMENTS:
        op.execute(statement)
    # The records already there are indexed now (the same code as `flask search reindex`), so an upgraded
    # archive is searchable at once. Should a later schema make this code unable to run here, replace it
    # with a note to run `flask search reindex` after upgrading.
    from caseapp.search.index import rebuild
    rebuild(bind)


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        for statement in SQLITE_DROPS:
            op.execute(statement)
    op.drop_index(op.f('ix_search_documents_case_id'), table_name='search_documents')
    op.drop_index('ix_search_documents_org_kind', table_name='search_documents')
    op.drop_table('search_documents')
