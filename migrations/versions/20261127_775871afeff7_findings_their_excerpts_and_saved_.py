"""The ILO assessment: findings per indicator, the excerpts behind them, saved determinations.

Revision ID: 775871afeff7
Revises: 3e64df215933
Create Date: 2026-11-27 22:33:25.890558

"""
from alembic import op
import sqlalchemy as sa

import caseapp.db


# revision identifiers, used by Alembic.
revision = '775871afeff7'
down_revision = '3e64df215933'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('rules_version', sa.String(length=20), nullable=False),
    sa.Column('result', sa.JSON(), nullable=False),
    sa.Column('inputs', sa.JSON(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', caseapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_assessments_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_assessments_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessments'))
    )
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessments_case_id'), ['case_id'], unique=False)

    op.create_table('findings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('indicator', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('stages', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=False),
    sa.Column('changed_at', caseapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('signed_off_by_id', sa.Integer(), nullable=True),
    sa.Column('signed_off_at', caseapp.db.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("indicator IN ('abuse_of_vulnerability', 'deception', 'restriction_of_movement', 'isolation', 'physical_sexual_violence', 'intimidation_threats', 'retention_of_identity_documents', 'withholding_of_wages', 'debt_bondage', 'abusive_working_living_conditions', 'excessive_overtime')", name=op.f('ck_findings_indicator_known')),
    sa.CheckConstraint("status IN ('present', 'suspected', 'absent', 'unknown')", name=op.f('ck_findings_status_known')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_findings_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['changed_by_id'], ['users.id'], name=op.f('fk_findings_changed_by_id_users')),
    sa.ForeignKeyConstraint(['signed_off_by_id'], ['users.id'], name=op.f('fk_findings_signed_off_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_findings')),
    sa.UniqueConstraint('case_id', 'indicator', name=op.f('uq_findings_case_id_indicator'))
    )
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_findings_case_id'), ['case_id'], unique=False)

    op.create_table('finding_excerpts',
    sa.Column('finding_id', sa.Integer(), nullable=False),
    sa.Column('excerpt_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['excerpt_id'], ['excerpts.id'], name=op.f('fk_finding_excerpts_excerpt_id_excerpts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['finding_id'], ['findings.id'], name=op.f('fk_finding_excerpts_finding_id_findings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('finding_id', 'excerpt_id', name=op.f('pk_finding_excerpts'))
    )


def downgrade():
    op.drop_table('finding_excerpts')
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_findings_case_id'))

    op.drop_table('findings')
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessments_case_id'))

    op.drop_table('assessments')
