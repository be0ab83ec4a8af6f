"""Each case's determination kept beside it (case_outcomes), filled from the findings

Revision ID: c3d9e2f17a40
Revises: 8b1f0c2d4e61
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3d9e2f17a40'
down_revision = '8b1f0c2d4e61'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'case_outcomes',
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('forced_labour', sa.String(length=20), nullable=False),
        sa.Column('rules_version', sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_outcomes_case_id_cases'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('case_id', name=op.f('pk_case_outcomes')),
    )
    op.create_index(op.f('ix_case_outcomes_forced_labour'), 'case_outcomes', ['forced_labour'], unique=False)
    # Worked out now from the findings already there (the same code as `flask search reindex`). Should a later
    # schema make this code unable to run here, replace it with a note to run that command after upgrading.
    from caseapp.assessment.outcomes import rebuild
    rebuild(op.get_bind())


def downgrade():
    op.drop_index(op.f('ix_case_outcomes_forced_labour'), table_name='case_outcomes')
    op.drop_table('case_outcomes')
