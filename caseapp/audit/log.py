"""The log as an organisation's admin reads it: that organisation's entries only, newest first."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select

from caseapp.audit.models import AuditEntry
from caseapp.audit.services import CLI_ACTOR
from caseapp.extensions import db
from caseapp.pagination import Page, SortKey, keyset_page

NEWEST_FIRST = SortKey([AuditEntry.id], descending=True)


@dataclass(frozen=True)
class LogQuery:
    action: str | None = None
    actor: str | None = None  # a user's id as text, or "cli"
    object_type: str | None = None
    case_id: int | None = None
    since: datetime | None = None  # inclusive
    before: datetime | None = None  # exclusive


def _filtered(organisation_id: int, query: LogQuery) -> Select:
    stmt = select(AuditEntry).where(AuditEntry.organisation_id == organisation_id)
    if query.action:
        stmt = stmt.where(AuditEntry.action == query.action)
    if query.actor == CLI_ACTOR:
        stmt = stmt.where(AuditEntry.actor_id.is_(None), AuditEntry.actor_label == CLI_ACTOR)
    elif query.actor:
        stmt = stmt.where(AuditEntry.actor_id == int(query.actor))
    if query.object_type:
        stmt = stmt.where(AuditEntry.object_type == query.object_type)
    if query.case_id is not None:
        stmt = stmt.where(AuditEntry.case_id == query.case_id)
    if query.since:
        stmt = stmt.where(AuditEntry.created_at >= query.since)
    if query.before:
        stmt = stmt.where(AuditEntry.created_at < query.before)
    return stmt


def organisation_log(organisation_id: int, query: LogQuery, cursor: str | None, limit: int) -> Page[AuditEntry]:
    """One page of the organisation's entries that match `query`, newest first."""
    return keyset_page(db.session, _filtered(organisation_id, query), NEWEST_FIRST, cursor, limit)


def actors_of(organisation_id: int) -> list[tuple[str, str]]:
    """Who appears in the organisation's log, as the log names them (their latest name), and the command line."""
    rows = db.session.execute(
        select(AuditEntry.actor_id, AuditEntry.actor_label, func.max(AuditEntry.id).label("last"))
        .where(AuditEntry.organisation_id == organisation_id, AuditEntry.actor_id.is_not(None))
        .group_by(AuditEntry.actor_id, AuditEntry.actor_label))
    latest: dict[int, tuple[int, str]] = {}
    for actor_id, label, last in rows:
        if actor_id not in latest or last > latest[actor_id][0]:
            latest[actor_id] = (last, label)
    people = sorted(((str(actor_id), label) for actor_id, (_, label) in latest.items()), key=lambda row: row[1])
    return people + [(CLI_ACTOR, CLI_ACTOR)]


def object_types_of(organisation_id: int) -> list[str]:
    stmt = select(AuditEntry.object_type).where(AuditEntry.organisation_id == organisation_id).distinct()
    return sorted(db.session.scalars(stmt))
