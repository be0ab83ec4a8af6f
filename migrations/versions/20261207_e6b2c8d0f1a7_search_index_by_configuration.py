"""PostgreSQL: the search index's GIN index holds each document's text-search configuration beside its words

Revision ID: e6b2c8d0f1a7
Revises: d4a1b7c9e2f3
Create Date: 2026-12-07

A document is asked in the words of the configuration it was read with ("english" AND the words as English
reads them); with the configuration in the index, that is one exact lookup instead of unpacking the vector
of every document found to check its language. btree_gin is a trusted extension (the database's owner may
add it), added to the schema public like pg_trgm.
"""
from alembic import op

from caseapp.search.models import PG_CONFIG_NAME


# revision identifiers, used by Alembic.
revision = 'e6b2c8d0f1a7'
down_revision = 'd4a1b7c9e2f3'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS btree_gin WITH SCHEMA public; "
               "EXCEPTION WHEN unique_violation OR duplicate_object THEN NULL; END $$")
    op.execute("DROP INDEX IF EXISTS ix_search_documents_vector")
    op.execute(f"CREATE INDEX ix_search_documents_vector ON search_documents USING gin ({PG_CONFIG_NAME} "
               "public.text_ops, search_vector)")


def downgrade():
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("DROP INDEX IF EXISTS ix_search_documents_vector")
    op.execute("CREATE INDEX ix_search_documents_vector ON search_documents USING gin (search_vector)")
