"""Who is told what, and reading notifications. The caller commits."""
from __future__ import annotations

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import selectinload

from caseapp.auth.models import User
from caseapp.auth.roles import ADMIN, COORDINATOR
from caseapp.cases.models import Case
from caseapp.db import utcnow
from caseapp.extensions import db
from caseapp.notifications.models import Notification
from caseapp.reports.models import ReportExport


def notify(users, case: Case, kind: str, actor: User) -> None:
    """Tell each of `users` (never the actor) about `kind` on `case`."""
    for user in {u.id: u for u in users if u is not None and u.id != actor.id and u.active}.values():
        db.session.add(Notification(user_id=user.id, case_id=case.id, actor_id=actor.id, kind=kind))


def case_submitted(case: Case, actor: User) -> None:
    notify(coordinators_of(case.organisation_id), case, "submitted", actor)


def case_returned(case: Case, actor: User) -> None:
    notify([case.assignee], case, "returned", actor)


def case_assigned(case: Case, actor: User, assignee: User) -> None:
    notify([assignee], case, "assigned", actor)


def case_commented(case: Case, actor: User) -> None:
    notify([case.assignee, *coordinators_of(case.organisation_id)], case, "comment", actor)


def case_reopened(case: Case, actor: User) -> None:
    """A change to a verified case sent it back to review: its caseworker and the coordinators, who verify it
    again, are told (advocates only lose it: they could not open what the notice is about)."""
    notify([case.assignee, *coordinators_of(case.organisation_id)], case, "reopened", actor)


def case_restored(case: Case, actor: User) -> None:
    notify([case.assignee], case, "restored", actor)


def export_waiting(export: ReportExport, actor: User) -> None:
    """An advocate's export waits for approval: every coordinator and admin of the organisation may give it."""
    for user in approvers_of(export.organisation_id):
        if user.id != actor.id:
            db.session.add(Notification(user_id=user.id, export_id=export.id, actor_id=actor.id,
                                        kind="export_waiting"))


def _export_decided(export: ReportExport, actor: User, kind: str) -> None:
    # Decided once for all: the other approvers' notices that it waits are done with.
    db.session.execute(update(Notification).where(
        Notification.export_id == export.id, Notification.kind == "export_waiting",
        Notification.read_at.is_(None)).values(read_at=utcnow()))
    requester = export.requested_by
    if requester is not None and requester.active and requester.id != actor.id:
        db.session.add(Notification(user_id=requester.id, export_id=export.id, actor_id=actor.id, kind=kind))


def export_approved(export: ReportExport, actor: User) -> None:
    _export_decided(export, actor, "export_approved")


def export_refused(export: ReportExport, actor: User) -> None:
    _export_decided(export, actor, "export_refused")


def listen() -> None:
    """Connect to what the areas below announce (connecting twice changes nothing)."""
    from caseapp.auth import events as auth_events
    from caseapp.cases import events as case_events
    from caseapp.reports import events as report_events

    auth_events.account_locked.connect(notify_admins_of_lockout)
    case_events.case_submitted.connect(case_submitted)
    case_events.case_returned.connect(case_returned)
    case_events.case_assigned.connect(case_assigned)
    case_events.case_commented.connect(case_commented)
    case_events.case_reopened.connect(case_reopened)
    case_events.case_restored.connect(case_restored)
    report_events.export_waiting.connect(export_waiting)
    report_events.export_approved.connect(export_approved)
    report_events.export_refused.connect(export_refused)


def notify_admins_of_lockout(account: User) -> None:
    """Tell the account's organisation's admins that it was locked out (sent by caseapp.auth.events)."""
    for admin in db.session.scalars(select(User).where(
            User.organisation_id == account.organisation_id, User.role == ADMIN, User.active.is_(True))):
        unread = db.session.scalar(select(Notification.id).where(
            Notification.user_id == admin.id, Notification.subject_user_id == account.id,
            Notification.kind == "lockout", Notification.read_at.is_(None)).limit(1))
        if unread is None:  # one unread notice per account is enough; the audit log has every lock-out
            db.session.add(Notification(user_id=admin.id, subject_user_id=account.id, kind="lockout"))


def approvers_of(organisation_id: int) -> list[User]:
    return list(db.session.scalars(select(User).where(
        User.organisation_id == organisation_id, User.role.in_((COORDINATOR, ADMIN)), User.active.is_(True))))


def coordinators_of(organisation_id: int) -> list[User]:
    return list(db.session.scalars(select(User).where(
        User.organisation_id == organisation_id, User.role == COORDINATOR, User.active.is_(True))))


def _listed(user: User, *columns):
    """The user's notifications the list shows: those of a case in the bin are neither listed nor counted."""
    return (select(*columns).select_from(Notification).outerjoin(Case, Case.id == Notification.case_id)
            .where(Notification.user_id == user.id, or_(Notification.case_id.is_(None), Case.deleted_at.is_(None))))


def unread_count(user: User) -> int:
    return db.session.scalar(_listed(user, func.count()).where(Notification.read_at.is_(None))) or 0


def recent(user: User, limit: int = 100, unread_only: bool = False) -> list[Notification]:
    query = _listed(user, Notification).options(selectinload(Notification.export))  # the list names export cases
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    return list(db.session.scalars(query.order_by(Notification.id.desc()).limit(limit)))



def mark_read(notification: Notification) -> None:
    notification.read_at = notification.read_at or utcnow()


def mark_all_read(user: User) -> None:
    db.session.execute(update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)).values(read_at=utcnow()))
