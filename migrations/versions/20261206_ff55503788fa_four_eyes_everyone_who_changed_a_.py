"""Four eyes: everyone who recorded or changed a finding since its last sign-off

Revision ID: ff55503788fa
Revises: 27d5a2bf69d9
Create Date: 2026-12-06

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ff55503788fa'
down_revision = '27d5a2bf69d9'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contributor_ids', sa.JSON(), server_default='[]', nullable=False))
    _backfill()


def _backfill():
    """Each unsigned finding's contributors, read from the audit log: who recorded it since its last sign-off."""
    connection = op.get_bind()
    findings = sa.table('findings', sa.column('id'), sa.column('case_id'), sa.column('changed_by_id'),
                        sa.column('signed_off_by_id'), sa.column('contributor_ids', sa.JSON()))
    entries = sa.table('audit_entries', sa.column('id'), sa.column('action'), sa.column('object_type'),
                       sa.column('object_id'), sa.column('case_id'), sa.column('actor_id'))
    unsigned = connection.execute(sa.select(findings.c.id, findings.c.case_id, findings.c.changed_by_id)
                                  .where(findings.c.signed_off_by_id.is_(None))).all()
    for finding_id, case_id, changed_by_id in unsigned:
        about = (entries.c.object_type == 'findings', entries.c.object_id == finding_id, entries.c.case_id == case_id)
        last_sign_off = connection.scalar(sa.select(sa.func.max(entries.c.id)).where(
            *about, entries.c.action == 'finding.signoff')) or 0
        actors = connection.scalars(sa.select(entries.c.actor_id).where(
            *about, entries.c.action == 'finding.record', entries.c.id > last_sign_off,
            entries.c.actor_id.is_not(None))).all()
        contributors = sorted({*actors, changed_by_id})
        connection.execute(findings.update().where(findings.c.id == finding_id).values(contributor_ids=contributors))


def downgrade():
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.drop_column('contributor_ids')
