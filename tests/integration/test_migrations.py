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
