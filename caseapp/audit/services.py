"""Writing audit entries, always in the caller's transaction."""
from __future__ import annotations

from typing import Any

from caseapp.audit.models import AuditEntry
from caseapp.auth.models import User
from caseapp.extensions import db

CLI_ACTOR = "cli"


def record(
    action: str,
    obj: Any,
    actor: User | None,
    changes: dict[str, Any] | None = None,
    organisation_id: int | None = None,
    case_id: int | None = None,
) -> AuditEntry:
    """Add an audit entry for `action` on `obj` by `actor` (None: the CLI).

    The entry is added to the session, never committed here: it lands in the
    same transaction as the change it describes, or not at all.
    """
    db.session.flush()  # obj.id must exist before it is referenced
    entry = AuditEntry(
        organisation_id=organisation_id if organisation_id is not None else _organisation_of(obj, actor),
        actor_id=actor.id if actor is not None else None,
        actor_label=actor.email if actor is not None else CLI_ACTOR,
        action=action,
        object_type=obj.__tablename__,
        object_id=obj.id,
        changes=changes or {},
        case_id=case_id if case_id is not None else _case_of(obj),
    )
    db.session.add(entry)
    return entry


def _organisation_of(obj: Any, actor: User | None) -> int | None:
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


def case_history(case_id: int) -> list[AuditEntry]:
    """Entries about a case and its parts, oldest first."""
    return list(
        db.session.scalars(db.select(AuditEntry).where(AuditEntry.case_id == case_id).order_by(AuditEntry.id))
    )
