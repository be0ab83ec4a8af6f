"""Backups: made while the app runs, restored with every row, file hash and audit entry identical.

Each test builds its instances on databases of their own (a file, or a PostgreSQL database
made for it), migrated to head like a real installation, so that a restore brings back
exactly what `flask db upgrade` made: tables, triggers and the migration revision.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import stat
import threading
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from flask import current_app

from caseapp.app import create_app
from caseapp.audit.models import AuditEntry
from caseapp.backup import services as backup_services
from caseapp.extensions import db
from caseapp.persons.models import Person
from caseapp.sources import services as sources
from config import TestConfig
from tests import databases
from tests.integration import audit_tampering as tampering
from tests.factories import make_case, make_org, make_user
from tests.integration.reporting import case_with_people

PASSPHRASE = "a passphrase only the NGO knows"


def _key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


@pytest.fixture(params=["sqlite", "postgresql"])
def new_database(request, tmp_path):
    """Make empty databases of this test's kind; dropped afterwards."""
    made: list[str] = []

    def new() -> str:
        if request.param == "sqlite":
            made.append("")
            return f"sqlite:///{tmp_path / f'caseapp{len(made)}.db'}"
        databases.require_postgres()
        name = f"caseapp_backup_{uuid.uuid4().hex[:10]}"
        _on_server(f'CREATE DATABASE "{name}"')
        made.append(name)
        return sa.engine.make_url(databases.POSTGRES_URL).set(database=name).render_as_string(hide_password=False)

    yield new
    for name in filter(None, made):
        _on_server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _on_server(statement: str) -> None:
    engine = sa.create_engine(databases.POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(sa.text(statement))
    engine.dispose()


@pytest.fixture
def make_instance(new_database, tmp_path):
    """An installation: its own database migrated to head, instance folder, file stores and keys."""
    apps = []

    def make(name: str, **settings):
        folder = tmp_path / name
        folder.mkdir()
        config = TestConfig(new_database())
        config.INSTANCE_PATH = str(folder)
        config.SOURCE_STORE_PATH = str(folder / "sources")
        config.REPORTS_PATH = str(folder / "reports")
        config.AUDIT_ANCHOR_PATH = str(folder / "audit_anchor.json")
        config.ENCRYPTION_KEYS = f"1:{_key()}"
        config.ENCRYPTION_KEYS_SOURCE = "instance"
        config.ENCRYPTION_KEYS_PATH = str(folder / "encryption_keys")
        config.AUDIT_HMAC_KEY = _key()
        config.AUDIT_HMAC_KEY_SOURCE = "instance"
        for key, value in settings.items():
            setattr(config, key, value)
        if config.ENCRYPTION_KEYS_SOURCE == "instance":
            Path(config.ENCRYPTION_KEYS_PATH).write_text(config.ENCRYPTION_KEYS + "\n")
            Path(folder / "audit_hmac_key").write_text(config.AUDIT_HMAC_KEY)
        app = create_app(config)
        with app.app_context():
            command.upgrade(app.extensions["migrate"].migrate.get_config(), "head")
            db.engine.dispose()
        apps.append(app)
        return app

    yield make
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def instance(make_instance):
    app = make_instance("ngo")
    with app.app_context():
        yield app


def seed() -> None:
    """A realistic record: people, parties, sources with stored files, quotes, findings, review, history."""
    caseworker = make_user(make_org("Harbour Watch", "HW"), "caseworker")
    case_with_people(caseworker)
    make_case(caseworker, title="Cannery workers without contracts")
    uploaded = sources.add_from_upload("Interview notes: the recruiter kept the passports.".encode(),
                                       "notes.txt", {"kind": "interview"}, caseworker)
    sources.revise_text(uploaded.source, "Interview notes: the recruiter kept all passports.", "typo", caseworker)
    db.session.commit()


def state() -> dict:
    """Everything a restore must give back: every row of every table, every stored file's hash, the triggers."""
    db.session.expire_all()
    connection = db.session.connection()
    rows = {}
    for table in db.metadata.sorted_tables:
        # As stored: encrypted fields as their ciphertext.
        order = ", ".join(c.name for c in table.primary_key)
        stored = connection.execute(sa.text(f"SELECT * FROM {table.name} ORDER BY {order}"))
        rows[table.name] = [tuple(r) for r in stored]
    store = Path(current_app.config["SOURCE_STORE_PATH"])
    files = {p.relative_to(store).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(store.rglob("*")) if p.is_file()}
    return {"rows": rows, "files": files, "triggers": _triggers(connection),
            "revision": backup_services.snapshot_stats(connection)["revision"]}


def _triggers(connection) -> list[str]:
    if connection.dialect.name == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    else:
        query = ("SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                 "JOIN pg_namespace n ON n.oid = c.relnamespace "
                 "WHERE NOT t.tgisinternal AND n.nspname = current_schema() ORDER BY t.tgname")
    return list(connection.execute(sa.text(query)).scalars())


def as_backed_up(snapshot: dict) -> dict:
    """The state after a restore, less what the restore itself added: its audit entry, the chain head it moved
    and the restored database's new id."""
    rows = {**snapshot["rows"], "audit_entries": snapshot["rows"]["audit_entries"][:-1]}
    rows.pop("audit_chain_head", None)
    rows.pop("database_identity", None)
    return {**snapshot, "rows": rows}


def without_chain_head(snapshot: dict) -> dict:
    rows = dict(snapshot["rows"])
    rows.pop("audit_chain_head", None)
    rows.pop("database_identity", None)
    return {**snapshot, "rows": rows}


def last_audit_action() -> str:
    return db.session.scalar(sa.select(AuditEntry.action).order_by(AuditEntry.id.desc()).limit(1))


def run(app, *args, passphrase=PASSPHRASE, **kwargs):
    env = {"BACKUP_PASSPHRASE": passphrase} if passphrase else {}
    result = app.test_cli_runner().invoke(args=["backup", *args], env=env, **kwargs)
    db.session.remove()
    return result


def change_everything(app) -> None:
    """After the backup: a new case, a new source file, a changed record."""
    user = make_user(make_org("Later NGO", "LATER"), "caseworker")
    make_case(user, title="Made after the backup")
    sources.add_from_paste("A source added after the backup.", {}, None, user)
    db.session.commit()


def test_a_restore_gives_back_every_row_file_and_audit_entry_as_backed_up(instance, tmp_path):
    seed()
    before = state()
    assert before["files"] and before["rows"]["persons"] and before["rows"]["audit_entries"]
    made = run(instance, "create", str(tmp_path / "ngo.backup"))
    assert made.exit_code == 0, made.output
    assert "keys are inside" in made.output and last_audit_action() == "backup.create"
    change_everything(instance)
    assert state() != before

    restored = run(instance, "restore", str(tmp_path / "ngo.backup"), "--yes")

    assert restored.exit_code == 0, restored.output
    assert "match the backup" in restored.output
    after = state()
    assert as_backed_up(after) == without_chain_head(before)
    assert last_audit_action() == "backup.restore"
    assert after["revision"] is not None
    # A restored database is a new one: an id of its own, anchored under it.
    assert after["rows"]["database_identity"][0][1] != before["rows"]["database_identity"][0][1]
    assert json.loads(Path(instance.config["AUDIT_ANCHOR_PATH"]).read_text())["database_id"] == \
        after["rows"]["database_identity"][0][1]
    assert before["triggers"] == after["triggers"] != []  # the audit log's append-only triggers
    checked = instance.test_cli_runner().invoke(args=["audit", "verify"])
    assert checked.exit_code == 0, checked.output


def people() -> list:
    return sorted((p.name, p.contact) for p in db.session.scalars(sa.select(Person)))


def test_a_backup_restores_into_a_fresh_instance_with_its_keys(make_instance, tmp_path):
    first = make_instance("first")
    with first.app_context():
        seed()
        before, names = state(), people()
        assert names and names[0][0]
        assert run(first, "create", str(tmp_path / "b")).exit_code == 0
    second = make_instance("second")
    old_key = second.config["AUDIT_HMAC_KEY"]
    with second.app_context():
        restored = run(second, "restore", str(tmp_path / "b"), "--yes")
        assert restored.exit_code == 0, restored.output
        assert as_backed_up(state()) == without_chain_head(before)
        assert people() == names  # the restored ring reads what the first instance encrypted
    folder = Path(second.config["INSTANCE_PATH"])
    assert (folder / "encryption_keys").read_text().strip() == first.config["ENCRYPTION_KEYS"]
    assert (folder / "audit_hmac_key").read_text() == first.config["AUDIT_HMAC_KEY"]
    assert stat.S_IMODE((folder / "encryption_keys").stat().st_mode) == 0o600
    kept = list(folder.glob("audit_hmac_key.before-restore-*"))
    assert len(kept) == 1 and kept[0].read_text() == old_key
    assert second.config["AUDIT_HMAC_KEY"] == first.config["AUDIT_HMAC_KEY"]


def test_a_wrong_passphrase_changes_nothing(instance, tmp_path):
    seed()
    assert run(instance, "create", str(tmp_path / "b")).exit_code == 0
    change_everything(instance)
    before = state()
    result = run(instance, "restore", str(tmp_path / "b"), "--yes", passphrase="not the passphrase")
    assert result.exit_code == 1 and "Wrong passphrase" in result.output
    assert state() == before


def test_a_damaged_backup_changes_nothing_even_when_the_damage_is_at_its_end(instance, tmp_path):
    seed()
    assert run(instance, "create", str(tmp_path / "b")).exit_code == 0
    change_everything(instance)
    before = state()
    content = bytearray((tmp_path / "b").read_bytes())
    content[-40] ^= 0x01  # in the last part: the database has been read by then
    (tmp_path / "b").write_bytes(bytes(content))
    result = run(instance, "restore", str(tmp_path / "b"), "--yes")
    assert result.exit_code == 1 and "damaged" in result.output
    assert state() == before


def test_a_backup_made_by_a_newer_caseapp_is_refused(instance, tmp_path, monkeypatch):
    seed()
    assert run(instance, "create", str(tmp_path / "b")).exit_code == 0
    change_everything(instance)
    before = state()
    # This caseapp does not know the backup's migration revision: a later version made it.
    monkeypatch.setattr(backup_services, "known_revisions", lambda: {"0123456789ab"})
    result = run(instance, "restore", str(tmp_path / "b"), "--yes")
    assert result.exit_code == 1 and "made by a newer caseapp (0.9.0" in result.output
    assert "Nothing was changed" in result.output
    assert state() == before


def test_a_backup_without_keys_holds_none_and_needs_them_in_place(make_instance, tmp_path):
    first = make_instance("first")
    with first.app_context():
        seed()
        made = run(first, "create", "--without-keys", str(tmp_path / "b"))
        assert made.exit_code == 0 and "NOT inside" in made.output
        assert run(first, "keys", str(tmp_path / "b")).exit_code == 1
        assert run(first, "restore", str(tmp_path / "b"), "--yes").exit_code == 0
    second = make_instance("second")
    with second.app_context():
        before = state()
        refused = run(second, "restore", str(tmp_path / "b"), "--yes")
        assert refused.exit_code == 1 and "made without keys" in refused.output
        assert state() == before
    same_keys = make_instance("third", ENCRYPTION_KEYS=first.config["ENCRYPTION_KEYS"],
                              AUDIT_HMAC_KEY=first.config["AUDIT_HMAC_KEY"])
    with same_keys.app_context():
        assert run(same_keys, "restore", str(tmp_path / "b"), "--yes").exit_code == 0


def test_keys_from_the_environment_that_differ_stop_the_restore_and_say_what_to_set(make_instance, tmp_path):
    first = make_instance("first")
    with first.app_context():
        seed()
        assert run(first, "create", str(tmp_path / "b")).exit_code == 0
        shown = run(first, "keys", str(tmp_path / "b"))
        assert first.config["ENCRYPTION_KEYS"] in shown.output
    second = make_instance("second", ENCRYPTION_KEYS_SOURCE="environment")
    with second.app_context():
        before = state()
        refused = run(second, "restore", str(tmp_path / "b"), "--yes")
        assert refused.exit_code == 1 and "CASEAPP_ENCRYPTION_KEYS" in refused.output
        assert state() == before
        assert not Path(second.config["INSTANCE_PATH"], "encryption_keys").exists()


def test_a_source_file_changed_before_the_backup_fails_the_check_after_restoring(instance, tmp_path):
    seed()
    snapshot = next(Path(instance.config["SOURCE_STORE_PATH"]).rglob("*/*"))
    os.chmod(snapshot, 0o600)
    snapshot.write_bytes(b"altered")
    assert run(instance, "create", str(tmp_path / "b")).exit_code == 0
    result = run(instance, "restore", str(tmp_path / "b"), "--yes")
    assert result.exit_code == 2 and "snapshot changed" in result.output
    assert last_audit_action() == "backup.restore"


def test_create_refuses_an_existing_file_and_a_short_passphrase(instance, tmp_path):
    target = tmp_path / "b"
    target.write_bytes(b"last night's backup")
    assert run(instance, "create", str(target)).exit_code == 1
    assert target.read_bytes() == b"last night's backup"
    assert run(instance, "create", "--force", str(target), passphrase="short").exit_code == 1
    assert run(instance, "create", "--force", str(target)).exit_code == 0
    assert target.read_bytes().startswith(b"CASEAPP-BACKUP")


def test_restore_asks_first_and_a_no_changes_nothing(instance, tmp_path):
    seed()
    assert run(instance, "create", str(tmp_path / "b")).exit_code == 0
    change_everything(instance)
    before = state()
    result = run(instance, "restore", str(tmp_path / "b"), input="n\n")
    assert result.exit_code == 1 and "replaces every record" in result.output
    assert state() == before


def test_the_passphrase_is_asked_twice_when_not_in_the_environment(instance, tmp_path):
    result = run(instance, "create", str(tmp_path / "b"), passphrase=None, input=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert result.exit_code == 0, result.output
    restored = run(instance, "restore", "--yes", str(tmp_path / "b"), passphrase=None, input=f"{PASSPHRASE}\n")
    assert restored.exit_code == 0, restored.output


@pytest.fixture
def schema_instance(tmp_path):
    """An installation in a schema of a shared database (as the test suite's URLs are), and a neighbour."""
    databases.require_postgres()
    name, url = databases.new_schema("bk")
    neighbour, _ = databases.new_schema("bkn")
    _on_server(f'CREATE TABLE "{neighbour}".kept (id integer); INSERT INTO "{neighbour}".kept VALUES (7)')
    config = TestConfig(url)
    config.INSTANCE_PATH = str(tmp_path)
    config.SOURCE_STORE_PATH = str(tmp_path / "sources")
    config.REPORTS_PATH = str(tmp_path / "reports")
    config.AUDIT_ANCHOR_PATH = str(tmp_path / "audit_anchor.json")
    app = create_app(config)
    with app.app_context():
        command.upgrade(app.extensions["migrate"].migrate.get_config(), "head")
        yield app, neighbour
        db.session.remove()
        db.engine.dispose()
    databases.drop_schema(name)
    databases.drop_schema(neighbour)


def test_a_postgresql_url_with_a_search_path_is_backed_up_and_restored_as_that_schema_only(schema_instance,
                                                                                          tmp_path):
    app, neighbour = schema_instance
    seed()
    before = state()
    assert run(app, "create", str(tmp_path / "b")).exit_code == 0
    change_everything(app)
    _on_server(f'INSERT INTO "{neighbour}".kept VALUES (8)')
    restored = run(app, "restore", str(tmp_path / "b"), "--yes")
    assert restored.exit_code == 0, restored.output
    assert as_backed_up(state()) == without_chain_head(before)
    engine = sa.create_engine(databases.POSTGRES_URL)
    with engine.connect() as connection:
        assert connection.execute(sa.text(f'SELECT id FROM "{neighbour}".kept ORDER BY id')).scalars().all() == [7, 8]
    engine.dispose()


def test_a_backup_made_while_the_app_writes_is_consistent(instance, tmp_path):
    seed()
    user = make_user(make_org("Busy NGO", "BUSY"), "caseworker")
    user_id, stop, written = user.id, threading.Event(), []

    def keep_writing():
        from caseapp.auth.models import User

        with instance.app_context():
            while not stop.is_set():
                make_case(db.session.get(User, user_id), title=f"Written during the backup {len(written)}")
                written.append(1)
            db.session.remove()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        made = run(instance, "create", str(tmp_path / "b"))
    finally:
        stop.set()
        writer.join()
    assert made.exit_code == 0, made.output
    assert written
    restored = run(instance, "restore", str(tmp_path / "b"), "--yes")
    assert restored.exit_code == 0, restored.output
    assert "match the backup" in restored.output


def test_files_that_cannot_be_put_in_place_after_the_database_exit_2_and_say_so(instance, tmp_path, monkeypatch):
    seed()
    assert run(instance, "create", str(tmp_path / "b")).exit_code == 0

    def fail(*args):
        raise PermissionError("read-only file system")

    monkeypatch.setattr(backup_services, "_swap", fail)
    result = run(instance, "restore", str(tmp_path / "b"), "--yes")
    assert result.exit_code == 2 and "database is restored" in result.output


def test_an_audit_log_changed_before_the_backup_fails_the_check_and_is_not_anchored(instance, tmp_path):
    seed()
    first = tampering.entry_ids()[0]
    tampering.change_entry(first, action="case.tampered")
    assert run(instance, "create", str(tmp_path / "b")).exit_code == 0
    result = run(instance, "restore", str(tmp_path / "b"), "--yes")
    assert result.exit_code == 2 and f"audit log broken at entry {first}" in result.output
    assert "anchored" not in result.output
    assert not Path(instance.config["AUDIT_ANCHOR_PATH"]).exists()


def test_a_backup_made_at_an_older_migration_restores_and_is_migrated(make_instance, tmp_path):
    """The contract of upgrades: a backup restores into the same or a later version, migrated after the restore."""
    older = make_instance("older")
    with older.app_context():
        seed()
        people = db.session.scalar(sa.select(sa.func.count()).select_from(Person))
        config = older.extensions["migrate"].migrate.get_config()
        db.session.remove()
        command.downgrade(config, "-3")  # the schema of an earlier caseapp (before case imports and database ids)
        old_revision = backup_services.snapshot_stats(db.session.connection())["revision"]
        assert old_revision != backup_services.code_revision()
        made = run(older, "create", str(tmp_path / "old.backup"))
        assert made.exit_code == 0 and f"migration revision {old_revision}" in made.output
        db.session.remove()
    newer = make_instance("newer")
    with newer.app_context():
        restored = run(newer, "restore", str(tmp_path / "old.backup"), "--yes")
        assert restored.exit_code == 0, restored.output
        assert f"(migration revision {old_revision}): migrated to this version's schema" in restored.output
        assert "match the backup" in restored.output
        after = backup_services.snapshot_stats(db.session.connection())
        assert after["revision"] == backup_services.code_revision()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Person)) == people
        assert last_audit_action() == "backup.restore"
        entry = db.session.scalar(sa.select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))
        assert entry.changes["migrated"] is True and entry.changes["revision"] == old_revision
        assert newer.test_cli_runner().invoke(args=["audit", "verify"]).exit_code == 0


def test_a_restored_copy_checked_beside_the_live_instance_never_moves_its_anchor(make_instance, tmp_path):
    """flask audit verify (and the verify of flask backup restore) against another database, with this instance's
    AUDIT_ANCHOR_PATH, reads and writes that database's own anchor."""
    live = make_instance("live")
    anchor = Path(live.config["AUDIT_ANCHOR_PATH"])
    with live.app_context():
        seed()
        assert live.test_cli_runner().invoke(args=["audit", "verify"]).exit_code == 0
        assert run(live, "create", str(tmp_path / "b")).exit_code == 0
        live_id = json.loads(anchor.read_text())["database_id"]
        db.session.remove()
    kept = anchor.read_text()
    copy = make_instance("copy", AUDIT_ANCHOR_PATH=str(anchor))  # a restored copy, checked on the same server
    with copy.app_context():
        assert run(copy, "restore", str(tmp_path / "b"), "--yes").exit_code == 0
        make_case(make_user(make_org("Copy NGO", "COPY"), "caseworker"), title="Written in the copy")
        db.session.commit()
        assert copy.test_cli_runner().invoke(args=["audit", "verify"]).exit_code == 0
        db.session.remove()
    assert anchor.read_text() == kept  # the live instance's anchor has not moved
    own = [p for p in anchor.parent.glob("audit_anchor.*.json")]
    assert len(own) == 1 and json.loads(own[0].read_text())["database_id"] != live_id
    with live.app_context():
        result = live.test_cli_runner().invoke(args=["audit", "verify"])
        assert result.exit_code == 0, result.output


def test_an_anchor_written_before_anchors_named_their_database_is_adopted(instance):
    seed()
    assert instance.test_cli_runner().invoke(args=["audit", "verify"]).exit_code == 0
    anchor = Path(instance.config["AUDIT_ANCHOR_PATH"])
    written = json.loads(anchor.read_text())
    anchor.write_text(json.dumps({key: value for key, value in written.items() if key != "database_id"}))
    assert instance.test_cli_runner().invoke(args=["audit", "verify"]).exit_code == 0
    assert json.loads(anchor.read_text())["database_id"] == written["database_id"]
    assert list(anchor.parent.glob("audit_anchor.*.json")) == []


def test_a_table_with_a_crafted_name_stops_the_restore_before_psql_reads_it(instance, tmp_path):
    """The drops of the tables a backup lacks go into a file psql runs, where a backslash is a command."""
    if not instance.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("the drops are written for psql on PostgreSQL only")
    seed()
    assert run(instance, "create", str(tmp_path / "b")).exit_code == 0
    witness = tmp_path / "pwned"
    db.session.execute(sa.text(f'CREATE TABLE "x"" CASCADE; \\! touch {witness} #" (a integer)'))
    db.session.commit()
    result = run(instance, "restore", str(tmp_path / "b"), "--yes")
    assert result.exit_code == 1 and "unexpected name" in result.output and "Nothing was changed" in result.output
    assert not witness.exists()
