"""Sources: preserved snapshots and text revisions, case citations, excerpts, evidence for facts, decisions.

Revision ID: 3e64df215933
Revises: 2d5956f49ccf
Create Date: 2026-11-27 22:20:26.711524

"""
from alembic import op
import sqlalchemy as sa

import caseapp.db


# revision identifiers, used by Alembic.
revision = '3e64df215933'
down_revision = '2d5956f49ccf'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('origin', sa.String(length=10), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('language', sa.String(length=12), nullable=False),
    sa.Column('reliability', sa.String(length=1), nullable=False),
    sa.Column('reliability_note', sa.Text(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('publisher', sa.String(length=300), nullable=False),
    sa.Column('author', sa.String(length=300), nullable=False),
    sa.Column('published_on', sa.String(length=10), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('final_url', sa.Text(), nullable=True),
    sa.Column('http_status', sa.Integer(), nullable=True),
    sa.Column('http_headers', sa.JSON(), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('retrieved_at', caseapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', caseapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('news_article', 'ngo_report', 'court_document', 'government_document', 'interview', 'social_media', 'other')", name=op.f('ck_sources_kind_known')),
    sa.CheckConstraint("origin IN ('url', 'upload', 'paste')", name=op.f('ck_sources_origin_known')),
    sa.CheckConstraint("reliability IN ('A', 'B', 'C', 'D', 'E', 'F')", name=op.f('ck_sources_reliability_known')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_sources_created_by_id_users')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_sources_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources'))
    )
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.create_index('ix_sources_org_final_url', ['organisation_id', 'final_url'], unique=False)
        batch_op.create_index('ix_sources_org_sha256', ['organisation_id', 'sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_sources_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('case_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('created_at', caseapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_sources_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_case_sources_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_sources')),
    sa.UniqueConstraint('case_id', 'source_id', name=op.f('uq_case_sources_case_id_source_id'))
    )
    with op.batch_alter_table('case_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_sources_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_sources_source_id'), ['source_id'], unique=False)

    op.create_table('source_texts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('text_sha256', sa.String(length=64), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', caseapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_source_texts_created_by_id_users')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_source_texts_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source_texts')),
    sa.UniqueConstraint('source_id', 'revision', name=op.f('uq_source_texts_source_id_revision'))
    )
    with op.batch_alter_table('source_texts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_source_texts_source_id'), ['source_id'], unique=False)

    op.create_table('excerpts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('text_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('credibility', sa.Integer(), nullable=False),
    sa.Column('translation', sa.Text(), nullable=False),
    sa.Column('translation_by', sa.String(length=200), nullable=False),
    sa.Column('translation_by_kind', sa.String(length=10), nullable=True),
    sa.Column('translated_at', caseapp.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', caseapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("translation_by_kind IS NULL OR translation_by_kind IN ('person', 'tool')", name=op.f('ck_excerpts_translator_known')),
    sa.CheckConstraint('"start" >= 0 AND "end" > "start"', name=op.f('ck_excerpts_offsets_ordered')),
    sa.CheckConstraint('credibility BETWEEN 1 AND 6', name=op.f('ck_excerpts_credibility_range')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_excerpts_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_excerpts_created_by_id_users')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_excerpts_source_id_sources'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['text_id'], ['source_texts.id'], name=op.f('fk_excerpts_text_id_source_texts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_excerpts'))
    )
    with op.batch_alter_table('excerpts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_excerpts_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_excerpts_source_id'), ['source_id'], unique=False)

    op.create_table('fact_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('fact', sa.String(length=40), nullable=False),
    sa.Column('worker_group_id', sa.Integer(), nullable=True),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=False),
    sa.Column('decided_at', caseapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_fact_decisions_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_fact_decisions_decided_by_id_users')),
    sa.ForeignKeyConstraint(['worker_group_id'], ['worker_groups.id'], name=op.f('fk_fact_decisions_worker_group_id_worker_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fact_decisions'))
    )
    with op.batch_alter_table('fact_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fact_decisions_case_id'), ['case_id'], unique=False)

    op.create_table('fact_evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('fact', sa.String(length=40), nullable=False),
    sa.Column('worker_group_id', sa.Integer(), nullable=True),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('excerpt_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', caseapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_fact_evidence_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_fact_evidence_created_by_id_users')),
    sa.ForeignKeyConstraint(['excerpt_id'], ['excerpts.id'], name=op.f('fk_fact_evidence_excerpt_id_excerpts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['worker_group_id'], ['worker_groups.id'], name=op.f('fk_fact_evidence_worker_group_id_worker_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fact_evidence')),
    sa.UniqueConstraint('case_id', 'fact', 'worker_group_id', 'excerpt_id', name=op.f('uq_fact_evidence_case_id_fact_worker_group_id_excerpt_id'))
    )
    with op.batch_alter_table('fact_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fact_evidence_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fact_evidence_excerpt_id'), ['excerpt_id'], unique=False)



def downgrade():
    with op.batch_alter_table('fact_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fact_evidence_excerpt_id'))
        batch_op.drop_index(batch_op.f('ix_fact_evidence_case_id'))

    op.drop_table('fact_evidence')
    with op.batch_alter_table('fact_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fact_decisions_case_id'))

    op.drop_table('fact_decisions')
    with op.batch_alter_table('excerpts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_excerpts_source_id'))
        batch_op.drop_index(batch_op.f('ix_excerpts_case_id'))

    op.drop_table('excerpts')
    with op.batch_alter_table('source_texts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_source_texts_source_id'))

    op.drop_table('source_texts')
    with op.batch_alter_table('case_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_sources_source_id'))
        batch_op.drop_index(batch_op.f('ix_case_sources_case_id'))

    op.drop_table('case_sources')
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sources_organisation_id'))
        batch_op.drop_index('ix_sources_org_sha256')
        batch_op.drop_index('ix_sources_org_final_url')

    op.drop_table('sources')
