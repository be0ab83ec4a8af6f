"""PostgreSQL roles that protect the audit log: the app's runtime role reads and writes rows; only the owner
role (DATABASE_OWNER_URL), which migrates and restores, can alter tables or drop the append-only triggers."""
from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa
from alembic import command

from caseapp.app import create_app
from caseapp.extensions import db
from config import TestConfig
from tests import databases
from tests.factories import make_case, make_org, make_user


def _on_server(*statements: str) -> None:
    engine = sa.create_engine(databases.POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        for statement in statements:
            connection.execute(sa.text(statement))
    engine.dispose()


@pytest.fixture
def two_roles():
    """A database owned by an owner role, and a runtime role that owns nothing; their URLs."""
    databases.require_postgres()
    suffix = uuid.uuid4().hex[:8]
    owner, runtime, name = f"caseapp_owner_{suffix}", f"caseapp_app_{suffix}", f"caseapp_roles_{suffix}"
    _on_server(f'CREATE ROLE "{owner}" LOGIN', f'CREATE ROLE "{runtime}" LOGIN',
               f'CREATE DATABASE "{name}" OWNER "{owner}"')
    base = sa.engine.make_url(databases.POSTGRES_URL).set(database=name)
    urls = {role: base.set(username=role).render_as_string(hide_password=False) for role in (owner, runtime)}
    try:
        yield owner, runtime, urls
    finally:
        _on_server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'DROP ROLE IF EXISTS "{runtime}"',
                   f'DROP ROLE IF EXISTS "{owner}"')


def _as(url: str, statement: str) -> None:
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(sa.text(statement))
    finally:
        engine.dispose()


def test_the_runtime_role_writes_rows_but_cannot_alter_tables_or_drop_the_audit_triggers(two_roles, tmp_path):
    owner, runtime, urls = two_roles
    config = TestConfig(urls[runtime])
    config.DATABASE_OWNER_URL = urls[owner]
    config.AUDIT_ANCHOR_PATH = str(tmp_path / "audit_anchor.json")
    app = create_app(config)
    with app.app_context():
        # The runtime role alone may not migrate: it cannot create a table.
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
            _as(urls[runtime], "CREATE TABLE sneaky (id integer)")
        command.upgrade(app.extensions["migrate"].migrate.get_config(), "head")  # as DATABASE_OWNER_URL's role
        owners = db.session.execute(sa.text("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'"))
        assert set(owners.scalars()) == {owner}
        granted = app.test_cli_runner().invoke(args=["database", "grant", runtime])
        assert granted.exit_code == 0, granted.output

        # The app works as the runtime role: a user, a case, their audit entries, the chain verified.
        user = make_user(make_org("Role NGO", "ROLE"), "caseworker")
        make_case(user, title="Written by the runtime role")
        db.session.commit()
        verified = app.test_cli_runner().invoke(args=["audit", "verify"])
        assert verified.exit_code == 0, verified.output
        db.session.remove()

    for statement in ("DROP TRIGGER audit_entries_no_change ON audit_entries",
                      "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_change",
                      "ALTER TABLE audit_entries ADD COLUMN forged text",
                      "ALTER TABLE audit_entries DROP CONSTRAINT uq_audit_entries_prev_hmac",
                      "TRUNCATE audit_entries",
                      "DROP TABLE audit_entries CASCADE",
                      "DROP FUNCTION audit_entries_append_only() CASCADE",
                      "CREATE TABLE sneaky (id integer)"):
        with pytest.raises(sa.exc.ProgrammingError, match="must be owner|permission denied"):
            _as(urls[runtime], statement)
    for statement in ("DELETE FROM audit_entries", "UPDATE audit_entries SET action = 'case.delete'"):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            _as(urls[runtime], statement)
    # The owner still can (migrations need it): the protection is the role, not a lock on everyone.
    _as(urls[owner], "ALTER TABLE audit_entries ADD COLUMN checked_by_the_owner text")


def test_granting_refuses_a_runtime_role_that_would_protect_nothing(two_roles):
    owner, runtime, urls = two_roles
    config = TestConfig(urls[runtime])
    config.DATABASE_OWNER_URL = urls[owner]
    app = create_app(config)
    with app.app_context():
        runner = app.test_cli_runner()
        same = runner.invoke(args=["database", "grant", owner])
        assert same.exit_code == 1 and "is the owner role" in same.output
        superuser = sa.engine.make_url(databases.POSTGRES_URL).username
        refused = runner.invoke(args=["database", "grant", superuser])
        assert refused.exit_code == 1 and "superuser" in refused.output
        odd = runner.invoke(args=["database", "grant", 'x"; DROP TABLE users; --'])
        assert odd.exit_code == 1 and "There is no role" in odd.output
        db.engine.dispose()


def test_granting_refuses_roles_that_could_still_reach_the_audit_log(two_roles, tmp_path):
    owner, runtime, urls = two_roles
    config = TestConfig(urls[runtime])
    config.DATABASE_OWNER_URL = urls[owner]
    app = create_app(config)
    with app.app_context():
        command.upgrade(app.extensions["migrate"].migrate.get_config(), "head")
        runner = app.test_cli_runner()
        # CREATEROLE: on PostgreSQL 15 such a role can grant itself the owner role.
        _on_server(f'ALTER ROLE "{runtime}" CREATEROLE')
        refused = runner.invoke(args=["database", "grant", runtime])
        assert refused.exit_code == 1 and "may create roles" in refused.output
        _on_server(f'ALTER ROLE "{runtime}" NOCREATEROLE')
        # A table the runtime role owns: an owner may disable its triggers.
        _as(urls[owner], f'GRANT CREATE ON SCHEMA public TO "{runtime}"')
        _as(urls[runtime], "CREATE TABLE left_behind (id integer)")
        refused = runner.invoke(args=["database", "grant", runtime])
        assert refused.exit_code == 1 and "owns table left_behind" in refused.output
        _as(urls[runtime], "DROP TABLE left_behind")
        granted = runner.invoke(args=["database", "grant", runtime])
        assert granted.exit_code == 0, granted.output
        # A superuser as the owner: the tables would be no one's to protect.
        config_superuser = TestConfig(urls[runtime])
        config_superuser.DATABASE_OWNER_URL = sa.engine.make_url(urls[owner]).set(
            username=sa.engine.make_url(databases.POSTGRES_URL).username).render_as_string(hide_password=False)
        with create_app(config_superuser).app_context():
            refused = create_app(config_superuser).test_cli_runner().invoke(args=["database", "grant", runtime])
        assert refused.exit_code == 1 and "superuser" in refused.output
        db.engine.dispose()
    # Sequences: nextval, not setval (which would make every insert collide).
    with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
        _as(urls[runtime], "SELECT setval(pg_get_serial_sequence('organisations', 'id'), 1)")
    # The runtime role cannot create objects in the schema after the grant either.
    with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
        _as(urls[runtime], "CREATE TABLE sneaky (id integer)")
