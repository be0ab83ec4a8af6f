"""Writing audit entries, always in the caller's transaction, each sealed onto the chain."""
from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator, Protocol

from flask import current_app
from sqlalchemy import and_, bindparam, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from caseapp.audit import chain
from caseapp.audit.models import AuditChainHead, AuditEntry
from caseapp.db import utcnow
from caseapp.extensions import db

class Actor(Protocol):
    """Who does something: an account (audit records its id and e-mail, and imports no area to know it)."""
    id: int
    email: str
    organisation_id: int


CLI_ACTOR = "cli"
# Someone not signed in (a failed sign-in step): the entry is about the account they tried.
ANONYMOUS_ACTOR = "anonymous"
HEAD_ID = 1


def record(
    action: str,
    obj: Any,
    actor: Actor | None,
    changes: dict[str, Any] | None = None,
    organisation_id: int | None = None,
    case_id: int | None = None,
    actor_label: str | None = None,
) -> AuditEntry:
    """Add an audit entry for `action` on `obj` by `actor` (None: the CLI, or whoever `actor_label` names).

    The entry is added to the session, never committed here: it lands in the
    same transaction as the change it describes, or not at all. Appending locks
    the chain head until that transaction ends, so record last, then commit.
    """
    db.session.flush()  # obj.id must exist before it is referenced
    entry = AuditEntry(
        created_at=utcnow(),
        organisation_id=organisation_id if organisation_id is not None else _organisation_of(obj, actor),
        actor_id=actor.id if actor is not None else None,
        actor_label=actor.email if actor is not None else actor_label or CLI_ACTOR,
        action=action,
        object_type=obj.__tablename__,
        object_id=obj.id,
        # Stored as it will read back, so the HMAC computed now is the one verify recomputes.
        changes=json.loads(chain.canonical_json(changes or {})),
        case_id=case_id if case_id is not None else _case_of(obj),
    )
    pending: Batch | None = db.session().info.get(_BATCH)
    if pending is not None:
        pending.entries.append(entry)  # sealed with the others at the batch's end
    else:
        _append(entry)
        db.session.add(entry)
    return entry


def hmac_key() -> bytes:
    return current_app.config["AUDIT_HMAC_KEY"].encode("utf-8")


_HEAD = AuditChainHead.__table__
# On PostgreSQL this UPDATE holds the head row's lock until the transaction ends, so a second
# writer waits here until the first commits and then reads the head it left; on SQLite it takes
# the database's write lock. Either way no two entries can follow the same one.
_LOCK_HEAD = update(_HEAD).where(_HEAD.c.id == HEAD_ID).values(entry_count=_HEAD.c.entry_count).returning(
    _HEAD.c.last_entry_id, _HEAD.c.last_hmac, _HEAD.c.entry_count)
_ADVANCE_HEAD = update(_HEAD).where(_HEAD.c.id == HEAD_ID).values(
    last_entry_id=bindparam("entry_id"), last_hmac=bindparam("hmac"), entry_count=bindparam("count"))


@dataclass
class Batch:
    """The entries of a batch, waiting to be sealed onto the chain at its end (in the order recorded)."""

    entries: list[AuditEntry] = field(default_factory=list)


_BATCH = "audit_batch"


@contextmanager
def batch() -> Iterator[Batch]:
    """Within: the entries recorded wait, unsealed, and are sealed onto the chain together at the end, from a
    head locked only then and advanced once (an import of thousands of cases).

    The chain's head is one row every audited write of every organisation locks until its transaction
    ends: locked at the start, a long import made everyone's saves and sign-ins wait for it. Updated for
    every entry, it also made PostgreSQL look past each earlier version of the row: quadratic. Until the
    end, the caller may still correct an entry's changes (an import gives its cases their references
    last). If the block fails, nothing is sealed or added: the caller rolls back."""
    session = db.session()
    if _BATCH in session.info:  # inside an outer batch, which seals them all
        yield session.info[_BATCH]
        return
    pending = Batch()
    session.info[_BATCH] = pending
    try:
        yield pending
        locked = _lock_head()
        last_id, last_hmac, count = locked.last_entry_id, locked.last_hmac, locked.entry_count
        key = hmac_key()
        for entry in pending.entries:
            entry.changes = json.loads(chain.canonical_json(entry.changes or {}))  # as it will read back
            entry.id, entry.prev_hmac = last_id + 1, last_hmac
            entry.hmac = chain.entry_hmac(key, entry, last_hmac)
            last_id, last_hmac, count = entry.id, entry.hmac, count + 1
        db.session.add_all(pending.entries)
        db.session.flush()
        if pending.entries:
            db.session.execute(_ADVANCE_HEAD, {"entry_id": last_id, "hmac": last_hmac, "count": count})
    finally:
        session.info.pop(_BATCH, None)


def _append(entry: AuditEntry) -> None:
    """Seal `entry` onto the chain: its id, its link and its HMAC, from the locked head."""
    head = _lock_head()
    entry.id = head.last_entry_id + 1
    entry.prev_hmac = head.last_hmac
    entry.hmac = chain.entry_hmac(hmac_key(), entry, head.last_hmac)
    db.session.execute(_ADVANCE_HEAD, {"entry_id": entry.id, "hmac": entry.hmac, "count": head.entry_count + 1})


def _lock_head():
    """The head row, locked until this transaction ends (made first if missing)."""
    head = db.session.execute(_LOCK_HEAD).one_or_none()
    if head is None:
        _create_head()
        head = db.session.execute(_LOCK_HEAD).one()
    return head


def _create_head() -> None:
    """Make the head row from the last entry (none: the start of the chain), unless someone just did."""
    last = db.session.execute(select(AuditEntry.id, AuditEntry.hmac).order_by(AuditEntry.id.desc()).limit(1)).first()
    count = db.session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    values = {"id": HEAD_ID, "last_entry_id": last.id if last else 0,
              "last_hmac": last.hmac if last else chain.GENESIS, "entry_count": count}
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    db.session.execute(dialect.insert(_HEAD).values(values).on_conflict_do_nothing())


def _organisation_of(obj: Any, actor: Actor | None) -> int | None:
    org_id = getattr(obj, "organisation_id", None)
    if org_id is None and obj.__tablename__ == "organisations":
        org_id = obj.id
    if org_id is None and actor is not None:
        org_id = actor.organisation_id
    return org_id


def _case_of(obj: Any) -> int | None:
    if obj.__tablename__ == "cases":
        return obj.id
    return getattr(obj, "case_id", None)


# Reading a person's record is on the log (the admin's audit page, a subject-access export),
# but a case's history tells what happened to the case, not who opened it.
NOT_IN_CASE_HISTORY = ("person.view",)


def belongs_to(record: Any):
    """The condition for entries about this very record, not an earlier one that had its id.

    SQLite hands out the id of a deleted last row again (a case removed by retention, an erased
    person): entries written before this record existed, or in another organisation, are
    someone else's history.
    """
    conditions = [AuditEntry.created_at >= record.created_at]
    organisation_id = getattr(record, "organisation_id", None)
    if organisation_id is not None:
        conditions.append(or_(AuditEntry.organisation_id == organisation_id, AuditEntry.organisation_id.is_(None)))
    return and_(*conditions)


def case_history(case: Any) -> list[AuditEntry]:
    """Entries about a case and its parts, oldest first."""
    return list(db.session.scalars(
        db.select(AuditEntry).where(AuditEntry.case_id == case.id, belongs_to(case),
                                    AuditEntry.action.not_in(NOT_IN_CASE_HISTORY))
        .order_by(AuditEntry.id)
    ))
