"""The audit log is tamper-evident: chained HMACs, append-only triggers, the anchor, `flask audit`."""
import json
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

from caseapp.audit import chain, verification
from caseapp.audit.models import AuditChainHead, AuditEntry
from caseapp.audit.services import record
from caseapp.auth.models import User
from caseapp.extensions import db
from tests.factories import make_case, make_org, make_user
from tests.integration.audit_tampering import change_entry, delete_entries, entry_ids, triggers_bypassed


def _run(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


@pytest.fixture
def log(app):
    """An organisation's first steps: eight entries."""
    org = make_org()
    worker = make_user(org, "caseworker")
    for title in ("Brick kiln", "Fishing crew", "Garment workshop", "Cocoa farm", "Construction site", "Mine"):
        make_case(worker, title=title)
    assert len(entry_ids()) == 8
    return org


def test_every_entry_the_app_writes_is_on_one_chain(log):
    rows = db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id)).all()
    assert rows[0].prev_hmac == chain.GENESIS
    assert all(later.prev_hmac == earlier.hmac for earlier, later in zip(rows, rows[1:], strict=False))
    assert [r.id for r in rows] == list(range(rows[0].id, rows[0].id + len(rows)))
    check = verification.verify_chain()
    assert check.intact and check.count == len(rows) and check.head_id == rows[-1].id
    head = db.session.get(AuditChainHead, 1)
    assert (head.last_entry_id, head.last_hmac, head.entry_count) == (rows[-1].id, rows[-1].hmac, len(rows))


def test_the_database_refuses_to_update_an_entry(log):
    with pytest.raises(sa.exc.IntegrityError, match="append-only"):
        db.session.execute(sa.update(AuditEntry).where(AuditEntry.id == entry_ids()[0]).values(action="x"))
    db.session.rollback()
    entry = db.session.get(AuditEntry, entry_ids()[1])
    entry.actor_label = "someone else"
    with pytest.raises(sa.exc.IntegrityError, match="append-only"):
        db.session.commit()
    db.session.rollback()
    assert verification.verify_chain().intact


def test_the_database_refuses_to_delete_an_entry(log):
    count = len(entry_ids())
    with pytest.raises(sa.exc.IntegrityError, match="append-only"):
        db.session.execute(sa.delete(AuditEntry).where(AuditEntry.id == entry_ids()[-1]))
    db.session.rollback()
    db.session.delete(db.session.get(AuditEntry, entry_ids()[0]))
    with pytest.raises(sa.exc.IntegrityError, match="append-only"):
        db.session.commit()
    db.session.rollback()
    if db.engine.dialect.name == "postgresql":
        with pytest.raises(sa.exc.IntegrityError, match="append-only"):
            db.session.execute(sa.text("TRUNCATE audit_entries CASCADE"))
        db.session.rollback()
    assert len(entry_ids()) == count


@pytest.mark.parametrize("values", [
    {"action": "case.delete"},
    {"actor_label": "someone@else.test"},
    {"changes": {"title": {"old": None, "new": "Another title"}}},
    {"created_at": datetime(2020, 1, 1, tzinfo=timezone.utc)},
    {"organisation_id": None},
    {"object_id": 999},
], ids=lambda values: next(iter(values)))
def test_a_changed_entry_is_named_by_verify(log, values):
    target = entry_ids()[3]
    change_entry(target, **values)
    check = verification.verify_chain()
    assert not check.intact and check.broken.entry_id == target and check.broken.reason == chain.CONTENT_CHANGED
    assert check.count == 3


def test_a_changed_hmac_is_named_too(log):
    target = entry_ids()[2]
    change_entry(target, hmac="0" * 64)
    assert verification.verify_chain().broken.entry_id == target


def test_a_deleted_middle_entry_is_named_by_the_one_after_it(log):
    ids = entry_ids()
    delete_entries(ids[2])
    check = verification.verify_chain()
    assert check.broken.entry_id == ids[3] and check.broken.reason == chain.MISSING_BEFORE


def test_deleting_the_last_entries_is_caught_by_the_chain_head(log):
    ids = entry_ids()
    delete_entries(*ids[-2:])
    check = verification.verify_chain()
    assert check.broken.reason == chain.TRUNCATED and check.broken.entry_id == ids[-1]
    assert check.broken.checkpoint.label == "chain head"


def test_deleting_the_last_entries_and_setting_the_head_back_is_caught_by_the_anchor(app, log):
    assert _run(app, "audit", "verify").exit_code == 0
    ids = entry_ids()
    delete_entries(*ids[-2:])
    with triggers_bypassed() as connection:
        kept = connection.execute(sa.select(AuditEntry.id, AuditEntry.hmac).where(AuditEntry.id == ids[-3])).one()
        connection.execute(sa.update(AuditChainHead).values(last_entry_id=kept.id, last_hmac=kept.hmac,
                                                            entry_count=len(ids) - 2))
    assert verification.verify_chain(use_anchor=False).intact  # the database alone looks fine
    check = verification.verify_chain()
    assert check.broken.reason == chain.TRUNCATED and check.broken.entry_id == ids[-1]
    assert check.broken.checkpoint.label == "anchor"
    result = _run(app, "audit", "verify")
    assert result.exit_code == 1 and f"entry {ids[-1]}" in result.output and "removed" in result.output


def test_verify_prints_the_count_and_head_and_anchors_it(app, log):
    ids = entry_ids()
    result = _run(app, "audit", "verify")
    assert result.exit_code == 0, result.output
    head = db.session.get(AuditEntry, ids[-1])
    assert f"{len(ids)} entries" in result.output and head.hmac in result.output
    anchor = json.loads(open(app.config["AUDIT_ANCHOR_PATH"]).read())
    assert (anchor["entry_id"], anchor["hmac"], anchor["count"]) == (head.id, head.hmac, len(ids))
    make_case(db.session.get(User, head.actor_id), title="Later case")
    assert _run(app, "audit", "verify").exit_code == 0
    assert json.loads(open(app.config["AUDIT_ANCHOR_PATH"]).read())["count"] > len(ids)


def test_verify_exits_1_naming_the_entry_and_keeps_the_anchor(app, log):
    assert _run(app, "audit", "verify").exit_code == 0
    before = open(app.config["AUDIT_ANCHOR_PATH"]).read()
    target = db.session.get(AuditEntry, entry_ids()[4])
    change_entry(target.id, action="case.delete")
    result = _run(app, "audit", "verify")
    assert result.exit_code == 1
    assert f"entry {target.id} (case.delete, {target.created_at.isoformat()})" in result.output
    assert "is not what was written" in result.output
    assert open(app.config["AUDIT_ANCHOR_PATH"]).read() == before


def test_an_unreadable_anchor_exits_2(app, log):
    with open(app.config["AUDIT_ANCHOR_PATH"], "w") as handle:
        handle.write("{not json")
    result = _run(app, "audit", "verify")
    assert result.exit_code == 2 and "does not hold an audit anchor" in result.output


def test_anchor_after_a_restore_accepts_the_older_head(app, log):
    ids = entry_ids()
    assert _run(app, "audit", "verify").exit_code == 0
    # A restore from a backup taken before the last two entries:
    delete_entries(*ids[-2:])
    with triggers_bypassed() as connection:
        kept = connection.execute(sa.select(AuditEntry.id, AuditEntry.hmac).where(AuditEntry.id == ids[-3])).one()
        connection.execute(sa.update(AuditChainHead).values(last_entry_id=kept.id, last_hmac=kept.hmac,
                                                            entry_count=len(ids) - 2))
    assert _run(app, "audit", "verify").exit_code == 1
    anchored = verification.anchor_current_head()
    assert (anchored.entry_id, anchored.count) == (ids[-3], len(ids) - 2)
    assert _run(app, "audit", "verify").exit_code == 0
    result = _run(app, "audit", "anchor")
    assert result.exit_code == 0 and f"Anchored entry {ids[-3]}" in result.output


def test_anchor_refuses_a_broken_chain(app, log):
    delete_entries(entry_ids()[1])
    with pytest.raises(verification.ChainBroken):
        verification.anchor_current_head()
    assert _run(app, "audit", "anchor").exit_code == 1


def test_an_empty_log_is_intact(app):
    check = verification.verify_chain()
    assert check.intact and check.count == 0 and check.head_hmac == chain.GENESIS
    assert _run(app, "audit", "verify").exit_code == 0


def test_writers_at_the_same_time_never_fork_the_chain(app, log):
    """8 threads, each with its own connection, append 25 entries each, one transaction per entry."""
    organisation_id = log.id
    threads_count, per_thread = 8, 25
    start = threading.Barrier(threads_count)
    errors = []

    def write():
        with app.app_context():
            try:
                start.wait()
                org_user = db.session.scalars(sa.select(User).where(User.organisation_id == organisation_id)).first()
                for _ in range(per_thread):
                    record("user.login", org_user, org_user)
                    db.session.commit()
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                errors.append(repr(error))
            finally:
                db.session.remove()

    before = len(entry_ids())
    threads = [threading.Thread(target=write) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    check = verification.verify_chain()
    assert check.intact and check.count == before + threads_count * per_thread
    shared = db.session.execute(sa.select(AuditEntry.prev_hmac).group_by(AuditEntry.prev_hmac)
                                .having(sa.func.count() > 1)).all()
    assert shared == []


@pytest.mark.parametrize("tamper", ["UPDATE database_identity SET database_id = '00000000000000000000000000000000'",
                                    "DELETE FROM database_identity"])
def test_a_changed_or_removed_database_id_fails_the_check_instead_of_starting_a_new_anchor(app, log, tamper):
    """Someone who removed the last entries cannot escape the anchor by giving the database another id."""
    assert _run(app, "audit", "verify").exit_code == 0
    anchor_file = Path(app.config["AUDIT_ANCHOR_PATH"])
    kept = anchor_file.read_text()
    ids = entry_ids()
    delete_entries(ids[-1])
    with triggers_bypassed() as connection:
        previous = connection.execute(sa.select(AuditEntry.id, AuditEntry.hmac).where(AuditEntry.id == ids[-2])).one()
        connection.execute(sa.update(AuditChainHead).values(last_entry_id=previous.id, last_hmac=previous.hmac,
                                                            entry_count=len(ids) - 1))
        connection.execute(sa.text(tamper))
    db.session.expire_all()
    result = _run(app, "audit", "verify")
    assert result.exit_code == 1 and "not the one the anchor vouches for" in result.output
    assert anchor_file.read_text() == kept and list(anchor_file.parent.glob("audit_anchor.*.json")) == []
    assert not verification.verify_since_anchor().intact  # what /metrics and the admin page read
    # The operator who restored a database by hand, and checked it, starts a new anchor deliberately.
    assert _run(app, "audit", "anchor").exit_code == 0
    assert _run(app, "audit", "verify").exit_code == 0


def test_a_database_moved_to_a_new_address_keeps_its_anchor(app, log, tmp_path):
    from caseapp.audit import identity

    assert _run(app, "audit", "verify").exit_code == 0
    anchor_file = Path(app.config["AUDIT_ANCHOR_PATH"])
    written = json.loads(anchor_file.read_text())
    assert written["database_id"] == identity.database_id() and written["location"] == verification.location()
    moved = {**written, "location": "0123456789abcdef"}  # as if DATABASE_URL had named another host
    anchor_file.write_text(json.dumps(moved))
    assert verification.anchor_path() == anchor_file
    assert _run(app, "audit", "verify").exit_code == 0
    assert json.loads(anchor_file.read_text())["location"] == verification.location()
