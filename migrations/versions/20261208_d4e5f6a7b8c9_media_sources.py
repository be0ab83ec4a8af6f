"""Media sources: photos, scans and recordings with their measured details and previews; two kinds of source;
a transcript's time ranges on its text revision

Revision ID: d4e5f6a7b8c9
Revises: c3d4e5f6a7b8
Create Date: 2026-12-08

"""
import sqlalchemy as sa
from alembic import op

import caseapp.db


# revision identifiers, used by Alembic.
revision = 'd4e5f6a7b8c9'
down_revision = 'c3d4e5f6a7b8'
branch_labels = None
depends_on = None

OLD_KINDS = ("kind IN ('news_article', 'ngo_report', 'court_document', 'government_document', 'interview', "
             "'social_media', 'other')")
NEW_KINDS = ("kind IN ('news_article', 'ngo_report', 'court_document', 'government_document', 'interview', "
             "'social_media', 'photo', 'recording', 'other')")


def upgrade():
    op.create_table(
        'source_media',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('source_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('width', sa.Integer(), nullable=True),
        sa.Column('height', sa.Integer(), nullable=True),
        sa.Column('duration', sa.Float(), nullable=True),
        sa.Column('pages', sa.Integer(), nullable=True),
        sa.Column('details', sa.JSON(), nullable=False),
        sa.Column('preview_sha256', sa.String(length=64), nullable=True),
        sa.Column('preview_type', sa.String(length=20), nullable=False),
        sa.Column('thumbnail_sha256', sa.String(length=64), nullable=True),
        sa.Column('created_at', caseapp.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('image', 'audio', 'video')", name=op.f('ck_source_media_kind_known')),
        sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_source_media_source_id_sources'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_source_media')),
        sa.UniqueConstraint('source_id', name=op.f('uq_source_media_source_id')),
    )
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_sources_kind_known'), type_='check')
        batch_op.create_check_constraint('kind_known', NEW_KINDS)
    with op.batch_alter_table('source_texts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('segments', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('source_texts', schema=None) as batch_op:
        batch_op.drop_column('segments')
    op.execute("UPDATE sources SET kind = 'other' WHERE kind IN ('photo', 'recording')")
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_sources_kind_known'), type_='check')
        batch_op.create_check_constraint('kind_known', OLD_KINDS)
    op.drop_table('source_media')
