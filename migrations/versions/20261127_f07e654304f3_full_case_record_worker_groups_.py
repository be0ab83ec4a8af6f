"""The full case record: worker groups, conditions, actions, parties and their links, persons.

Revision ID: f07e654304f3
Revises: ab4b712f8564
Create Date: 2026-11-27 21:42:04.436322

"""
from alembic import op
import sqlalchemy as sa

import caseapp.db


# revision identifiers, used by Alembic.
revision = 'f07e654304f3'
down_revision = 'ab4b712f8564'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('parties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('registration_number', sa.String(length=100), nullable=False),
    sa.Column('aliases', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', caseapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', caseapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('employer', 'recruiter', 'intermediary', 'joint_venture', 'state_body', 'buyer', 'guard', 'other')", name=op.f('ck_parties_kind_known')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_parties_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parties'))
    )
    with op.batch_alter_table('parties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parties_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('case_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.CheckConstraint("kind IN ('referral', 'complaint', 'employer_contact', 'buyer_contact', 'media', 'other')", name=op.f('ck_case_actions_kind_known')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_actions_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_actions'))
    )
    with op.batch_alter_table('case_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_actions_case_id'), ['case_id'], unique=False)

    op.create_table('case_parties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.CheckConstraint("role IN ('employer', 'recruiter', 'intermediary', 'joint_venture', 'state_body', 'buyer', 'guard', 'other')", name=op.f('ck_case_parties_role_known')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_parties_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['party_id'], ['parties.id'], name=op.f('fk_case_parties_party_id_parties'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_parties')),
    sa.UniqueConstraint('case_id', 'party_id', 'role', name=op.f('uq_case_parties_case_id_party_id_role'))
    )
    with op.batch_alter_table('case_parties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_parties_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_parties_party_id'), ['party_id'], unique=False)

    op.create_table('persons',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('consent', sa.String(length=10), nullable=False),
    sa.Column('consent_date', sa.Date(), nullable=True),
    sa.Column('risk', sa.String(length=10), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('aliases', sa.JSON(), nullable=False),
    sa.Column('contact', sa.Text(), nullable=False),
    sa.Column('document_numbers', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', caseapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', caseapp.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("consent IN ('given', 'withdrawn', 'unknown')", name=op.f('ck_persons_consent_known')),
    sa.CheckConstraint("risk IN ('low', 'medium', 'high')", name=op.f('ck_persons_risk_known')),
    sa.CheckConstraint("role IN ('worker', 'family_member', 'informant', 'witness')", name=op.f('ck_persons_role_known')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_persons_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_persons_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_persons'))
    )
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_persons_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_persons_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('worker_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('origin', sa.String(length=2), nullable=True),
    sa.Column('count_min', sa.Integer(), nullable=True),
    sa.Column('count_max', sa.Integer(), nullable=True),
    sa.Column('count_qualifier', sa.String(length=10), nullable=False),
    sa.Column('gender_note', sa.String(length=500), nullable=False),
    sa.Column('age_note', sa.String(length=500), nullable=False),
    sa.Column('children_involved', sa.Boolean(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.CheckConstraint("count_qualifier IN ('exact', 'about', 'at_least', 'at_most', 'unknown')", name=op.f('ck_worker_groups_qualifier_known')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_worker_groups_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worker_groups'))
    )
    with op.batch_alter_table('worker_groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_worker_groups_case_id'), ['case_id'], unique=False)

    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('case_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_audit_entries_case_id'), ['case_id'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('assignee_id', sa.Integer(), nullable=True))
        # Server defaults fill the rows that exist; the app always sets these itself.
        batch_op.add_column(sa.Column('confidentiality', sa.String(length=12), nullable=False,
                                      server_default='normal'))
        batch_op.add_column(sa.Column('region', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('worksite', sa.String(length=300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('period_start', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('period_end', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('conditions', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.create_index(batch_op.f('ix_cases_assignee_id'), ['assignee_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_cases_assignee_id_users'), 'users', ['assignee_id'], ['id'])
        batch_op.create_check_constraint('confidentiality_known', "confidentiality IN ('normal', 'restricted')")

    # Existing cases are assigned to whoever created them, as new ones are.
    op.execute("UPDATE cases SET assignee_id = created_by_id WHERE assignee_id IS NULL")
    with op.batch_alter_table('cases', schema=None) as batch_op:
        for column in ('confidentiality', 'region', 'worksite', 'conditions'):
            batch_op.alter_column(column, server_default=None)



def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_cases_confidentiality_known'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_cases_assignee_id_users'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_cases_assignee_id'))
        batch_op.drop_column('conditions')
        batch_op.drop_column('period_end')
        batch_op.drop_column('period_start')
        batch_op.drop_column('worksite')
        batch_op.drop_column('region')
        batch_op.drop_column('confidentiality')
        batch_op.drop_column('assignee_id')

    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entries_case_id'))
        batch_op.drop_column('case_id')

    with op.batch_alter_table('worker_groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_worker_groups_case_id'))

    op.drop_table('worker_groups')
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_persons_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_persons_case_id'))

    op.drop_table('persons')
    with op.batch_alter_table('case_parties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_parties_party_id'))
        batch_op.drop_index(batch_op.f('ix_case_parties_case_id'))

    op.drop_table('case_parties')
    with op.batch_alter_table('case_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_actions_case_id'))

    op.drop_table('case_actions')
    with op.batch_alter_table('parties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parties_organisation_id'))

    op.drop_table('parties')
