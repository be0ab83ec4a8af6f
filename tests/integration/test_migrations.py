"""Migrations: empty to head, models match (`flask db check`), each revision down and up again."""
import pytest
import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory
from flask import current_app

from caseapp.app import create_app
from caseapp.extensions import db
from config import TestConfig
from tests import databases


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    databases.require_postgres()
    name, url = databases.new_schema("m")
    yield url
    databases.drop_schema(name)


@pytest.fixture
def alembic_config(empty_database):
    app = create_app(TestConfig(empty_database))
    with app.app_context():
        yield current_app.extensions["migrate"].migrate.get_config()
        db.engine.dispose()


def _tables():
    return set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}


def test_upgrade_from_empty_builds_every_table_and_check_finds_nothing(alembic_config):
    command.upgrade(alembic_config, "head")
    assert _tables() == set(db.metadata.tables)
    command.check(alembic_config)  # raises when models and migrations disagree


def test_downgrade_to_base_and_up_again(alembic_config):
    command.upgrade(alembic_config, "head")
    command.downgrade(alembic_config, "base")
    assert _tables() == set()
    command.upgrade(alembic_config, "head")
    assert _tables() == set(db.metadata.tables)


def test_every_revision_goes_down_and_up_again(alembic_config):
    revisions = list(reversed(list(ScriptDirectory.from_config(alembic_config).walk_revisions())))
    for revision in revisions:
        command.upgrade(alembic_config, revision.revision)
        command.downgrade(alembic_config, revision.down_revision or "base")
        command.upgrade(alembic_config, revision.revision)
    command.check(alembic_config)


def test_cases_from_before_the_full_record_are_kept_and_assigned_to_their_creator(alembic_config):
    command.upgrade(alembic_config, "ab4b712f8564")
    with db.engine.begin() as connection:
        connection.execute(sa.text(
            "INSERT INTO organisations (name, code, case_counter, case_counter_year, created_at, updated_at) "
            "VALUES ('Old NGO', 'OLD', 1, 2025, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
        connection.execute(sa.text(
            "INSERT INTO users (organisation_id, email, full_name, role, password_hash, active, session_version, "
            "created_at, updated_at) VALUES (1, 'a@old.test', '', 'caseworker', 'x', true, 1, "
            "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
        connection.execute(sa.text(
            "INSERT INTO cases (organisation_id, reference, title, summary, sector, status, created_by_id, version, "
            "created_at, updated_at) VALUES (1, 'OLD-2025-0001', 'Old case', '', 'other', 'draft', 1, 1, "
            "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
    command.upgrade(alembic_config, "head")
    with db.engine.connect() as connection:
        row = connection.execute(sa.text(
            "SELECT title, assignee_id, confidentiality, region, conditions FROM cases")).one()
    assert row.title == "Old case" and row.assignee_id == 1 and row.confidentiality == "normal"
    assert row.region == "" and row.conditions in ({}, "{}")
