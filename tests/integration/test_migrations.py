"""Migrations: empty to head, models match (`flask db check`), each revision down and up again."""
import pytest
import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory
from flask import current_app

from caseapp.app import create_app
from caseapp.extensions import db
from caseapp.search.models import ENGINE_OBJECTS
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
    # the full-text engine's own tables (SQLite's FTS5) are made by the search index's statements
    return {name for name in sa.inspect(db.engine).get_table_names()
            if name != "alembic_version" and not name.startswith(ENGINE_OBJECTS)}


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


def test_audit_entries_from_before_the_chain_are_sealed_and_then_append_only(alembic_config):
    from caseapp.audit.services import record
    from caseapp.audit.verification import verify_chain
    from caseapp.auth.models import Organisation

    before_chain = ScriptDirectory.from_config(alembic_config).get_revision("c3d8f2a61b57").down_revision
    command.upgrade(alembic_config, before_chain)
    with db.engine.begin() as connection:
        connection.execute(sa.text(
            "INSERT INTO organisations (name, code, case_counter, case_counter_year, created_at, updated_at) "
            "VALUES ('Old NGO', 'OLD', 0, 2025, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
        for entry_id in (1, 2, 5):  # ids with a gap, as rolled-back transactions leave on PostgreSQL
            connection.execute(sa.text(
                "INSERT INTO audit_entries (id, created_at, organisation_id, actor_label, action, object_type, "
                "object_id, changes) VALUES (:id, CURRENT_TIMESTAMP, 1, 'cli', 'organisation.create', "
                "'organisations', 1, :changes)"), {"id": entry_id, "changes": '{"name": {"old": null, "new": "Ö"}}'})
    command.upgrade(alembic_config, "head")
    check = verify_chain()
    assert check.intact and (check.count, check.head_id) == (3, 5)
    with pytest.raises(sa.exc.IntegrityError, match="append-only"), db.engine.begin() as connection:
        connection.execute(sa.text("UPDATE audit_entries SET action = 'user.login'"))
    with pytest.raises(sa.exc.IntegrityError, match="append-only"), db.engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM audit_entries"))
    entry = record("organisation.security_settings", db.session.get(Organisation, 1), None)
    db.session.commit()
    assert entry.id == 6 and verify_chain().count == 4
    db.session.remove()  # end the session's read, which would hold off the downgrade's DROP TRIGGER
    command.downgrade(alembic_config, before_chain)
    with db.engine.begin() as connection:  # no trigger is left behind
        connection.execute(sa.text("DELETE FROM audit_entries"))
    db.session.remove()


def test_findings_from_before_four_eyes_get_their_contributors_from_the_audit_log(alembic_config):
    from caseapp.assessment import services as assessment
    from caseapp.assessment.models import Finding
    from tests.factories import make_case, make_org, make_user

    command.upgrade(alembic_config, "head")
    org = make_org()
    first, second = make_user(org, "coordinator"), make_user(org, "coordinator")
    signer = make_user(org, "coordinator")
    case = make_case(first)
    body = {"status": "present", "stages": ["employment"], "note": "", "excerpt_ids": []}
    assessment.record_finding(case, "deception", body, first)
    assessment.sign_off(case, "deception", signer)
    assessment.record_finding(case, "deception", {**body, "note": "second's change"}, second)
    assessment.record_finding(case, "deception", {**body, "note": "first's change"}, first)
    assessment.record_finding(case, "isolation", body, second)
    assessment.sign_off(case, "isolation", signer)
    db.session.commit()
    first_id, second_id = first.id, second.id
    db.session.remove()
    command.downgrade(alembic_config, "27d5a2bf69d9")
    command.upgrade(alembic_config, "head")
    found = {f.indicator: f for f in db.session.scalars(sa.select(Finding))}
    assert found["deception"].contributor_ids == sorted([first_id, second_id])
    assert found["isolation"].contributor_ids == []  # signed off: the next change starts afresh
    db.session.remove()


def test_rebuilding_the_cases_table_keeps_every_row_that_hangs_from_it(alembic_config):
    """SQLite changes a table by copying it and dropping the old one; with foreign keys on, the drop would
    delete what cascades from the cases (worker groups, findings, quotes, people): the migrations run with them
    off and check them after."""
    from caseapp.assessment import services as assessment
    from caseapp.assessment.models import Finding
    from caseapp.cases.models import WorkerGroup
    from caseapp.cases import services as cases
    from tests.factories import make_case, make_org, make_user

    command.upgrade(alembic_config, "head")
    worker = make_user(make_org(), "coordinator")
    case = make_case(worker)
    cases.update_case(case, {"worker_groups": [{"origin": "KP", "count_min": 200}]}, worker, case.version)
    assessment.record_finding(case, "deception", {"status": "present", "stages": ["employment"], "note": "",
                                                  "excerpt_ids": []}, worker)
    db.session.commit()
    db.session.remove()
    command.downgrade(alembic_config, "b8c9d0e1f2a3")  # below the bin's revision, which rebuilds `cases` on SQLite
    command.upgrade(alembic_config, "head")
    assert db.session.scalars(sa.select(WorkerGroup.origin)).all() == ["KP"]
    assert db.session.scalars(sa.select(Finding.indicator)).all() == ["deception"]
    db.session.remove()
    with db.engine.connect() as connection:  # and the pool hands out connections with foreign keys on again
        if connection.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_drafts_deleted_before_the_bin_get_their_days_in_the_bin_from_the_upgrade(alembic_config):
    from datetime import timedelta

    from caseapp.cases.models import Case
    from caseapp.db import utcnow
    from tests.factories import make_case, make_org, make_user

    command.upgrade(alembic_config, "head")
    case = make_case(make_user(make_org(), "caseworker"))
    case.deleted_at = utcnow() - timedelta(days=400)
    db.session.commit()
    case_id = case.id
    db.session.remove()
    command.downgrade(alembic_config, "b8c9d0e1f2a3")  # before the bin
    command.upgrade(alembic_config, "head")
    deleted_at = db.session.get(Case, case_id).deleted_at
    assert utcnow() - deleted_at < timedelta(minutes=5)
    db.session.remove()
