"""Exports approved by a second person: an organisation's choice for what its advocates take out.

With the organisation's `export_approval_required` on, an advocate's case report or dossier is not
built when asked for: it becomes an export `awaiting_approval`. A coordinator or admin of the
organisation (never the person who asked) approves it, and only then is the PDF built, as a job,
with the approver named on its cover, in its manifest and in its custody log; or refuses it, with a
reason the advocate reads. Each step is audited and announced (reports/events.py; notifications
listens). Coordinators and admins export without approval: they are the ones who approve.

Plain Python over the session: no request, no commit (the caller's edge commits, then submits the job).
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from caseapp.audit.changes import field_changes
from caseapp.audit.services import record
from caseapp.auth.models import Organisation, User
from caseapp.auth.roles import ADVOCATE
from caseapp.cases.models import Case
from caseapp.db import utcnow
from caseapp.errors import N_, Conflict, NotAllowed, ServiceError
from caseapp.extensions import db
from caseapp.reports import events, limits, permissions
from caseapp.reports.models import ReportExport
from caseapp.validation import clean_text

WAITING = "awaiting_approval"
REFUSED = "refused"
DECIDING = "queued"  # the state a claimed export holds until the decision sets its own (same transaction)
REASON_MAX = limits.DECISION_REASON


def needed(actor: User | None, organisation: Organisation | None = None) -> bool:
    """Whether this person's exports wait for a second person: advocates, where the organisation says so."""
    if actor is None or actor.role != ADVOCATE:
        return False  # the command line, coordinators and admins: the approvers themselves
    organisation = organisation or actor.organisation
    return bool(organisation and organisation.export_approval_required)


def _label(user: User) -> str:
    return f"{user.full_name} <{user.email}>" if user.full_name else user.email


def _audit(action: str, export: ReportExport, actor: User, changes: dict[str, Any]) -> None:
    """One entry per case, so each case's history and custody log shows who let its evidence out."""
    changes = {"kind": export.kind, "profile": export.profile, "cases": len(export.case_ids), **changes}
    for case_id in export.case_ids:
        record(action, export, actor, changes, organisation_id=export.organisation_id, case_id=case_id)
    if not export.case_ids:
        record(action, export, actor, changes, organisation_id=export.organisation_id)


def current_versions(case_ids) -> dict[str, int]:
    """The record version of each case, keyed by its id as text (as JSON keeps it)."""
    rows = db.session.execute(select(Case.id, Case.version).where(Case.id.in_(list(case_ids)))) if case_ids else []
    return {str(case_id): version for case_id, version in rows}


def ask(export: ReportExport, actor: User) -> ReportExport:
    """Make a new export wait for approval (the caller made the row); audited and announced."""
    export.state, export.progress = WAITING, 0
    export.case_versions = current_versions(export.case_ids)
    db.session.add(export)
    db.session.flush()
    _audit("report.request", export, actor, {})
    events.export_waiting.send(export, actor=actor)
    return export


def pending_case_report(case: Case, profile: str, actor: User) -> ReportExport | None:
    """The same person's request for this case's report that still waits, so asking twice makes one."""
    return latest_case_request(case, profile, actor, state=WAITING)


def latest_case_request(case: Case, profile: str, actor: User, state: str | None = None) -> ReportExport | None:
    """This person's latest request for approval of this case's report (in this state, if given)."""
    stmt = select(ReportExport).where(
        ReportExport.organisation_id == case.organisation_id, ReportExport.kind == "case",
        ReportExport.profile == profile, ReportExport.requested_by_id == actor.id,
        ReportExport.state.in_([state] if state else [WAITING, REFUSED, "queued", "running", "done", "failed"]),
        ReportExport.decided_at.is_not(None) | (ReportExport.state == WAITING))
    rows = db.session.scalars(stmt.order_by(ReportExport.id.desc()).limit(200))
    return next((row for row in rows if list(row.case_ids) == [case.id]), None)


def _clean_reason(value: Any, required: bool) -> str:
    reason = clean_text({"reason": value}, "reason", REASON_MAX)
    if required and not reason:
        raise ServiceError(N_("Say why the export is refused: the person who asked for it reads this."), "reason")
    return reason


def _decide(export: ReportExport, actor: User, reason: str) -> None:
    if not permissions.can_decide_export(actor, export):
        # The requester sees their own export but may not approve it: four eyes.
        raise PermissionError("decide on an export")
    # One decision, whoever comes first: the row is claimed by a conditional update, so two approvers
    # deciding at the same moment cannot both succeed (the second finds it no longer waiting).
    decided_at = utcnow()
    claimed = db.session.execute(
        update(ReportExport).where(ReportExport.id == export.id, ReportExport.state == WAITING)
        .values(state=DECIDING, decided_by_id=actor.id, decided_by_label=_label(actor), decided_at=decided_at,
                decision_reason=reason).execution_options(synchronize_session=False)).rowcount
    db.session.refresh(export)
    if claimed != 1:
        raise Conflict(export)  # decided meanwhile by someone else: the answer shows how


def approve(export: ReportExport, actor: User, reason: Any = None,
            read: dict[str, int] | None = None) -> ReportExport:
    """Let the export be built, as its cases are now. The approver must be able to export every case in it
    themselves; `read` (case id -> record version) is what they read, refused if a case changed since."""
    reason = _clean_reason(reason, required=False)
    _check_cases(export, actor)
    versions = current_versions(export.case_ids)
    if read is not None:
        for case_id in export.case_ids:
            if read.get(str(case_id)) != versions.get(str(case_id)):
                raise ServiceError(N_("Case %(id)d changed since you read it: read it again before approving."),
                                   "versions", id=case_id)
    _decide(export, actor, reason)
    export.state, export.case_versions = "queued", versions
    db.session.flush()
    _audit("report.approve", export, actor, {"reason": reason} if reason else {})
    events.export_approved.send(export, actor=actor)
    return export


def refuse(export: ReportExport, actor: User, reason: Any) -> ReportExport:
    """Nothing is built; the advocate is told why."""
    reason = _clean_reason(reason, required=True)
    _decide(export, actor, reason)
    export.state, export.finished_at = REFUSED, utcnow()
    db.session.flush()
    _audit("report.refuse", export, actor, {"reason": reason})
    events.export_refused.send(export, actor=actor)
    return export


def check_unchanged(export: ReportExport, cases: list[Case]) -> None:
    """An approved export is built as approved: a case changed since stops the job (ask again)."""
    if not export.approved or not export.case_versions:
        return
    for case in cases:
        if export.case_versions.get(str(case.id)) != case.version:
            raise ServiceError(N_("case %(reference)s changed after the export was approved; ask for it again."),
                               "case_ids", reference=case.reference)


def changed_since_asked(export: ReportExport, cases: dict[int, Case]) -> dict[int, int]:
    """The cases of a waiting export changed since it was asked for: id -> the version it was asked at."""
    asked = export.case_versions or {}
    return {case_id: asked[str(case_id)] for case_id, case in cases.items()
            if case_id in export.case_ids and str(case_id) in asked and asked[str(case_id)] != case.version}


def refusals_of(exports: list[ReportExport], organisation_id: int) -> dict[int, list[ReportExport]]:
    """Earlier refused exports that held a case of these, by case id: an approver sees what was refused."""
    ids = {case_id for export in exports for case_id in export.case_ids}
    if not ids:
        return {}
    found: dict[int, list[ReportExport]] = {}
    refused = db.session.scalars(select(ReportExport).where(
        ReportExport.organisation_id == organisation_id, ReportExport.state == REFUSED)
        .order_by(ReportExport.id.desc()).limit(500))
    for export in refused:
        for case_id in set(export.case_ids) & ids:
            found.setdefault(case_id, []).append(export)
    return found


def _check_cases(export: ReportExport, actor: User) -> None:
    cases = {c.id: c for c in db.session.scalars(select(Case).where(
        Case.id.in_(list(export.case_ids)), Case.organisation_id == export.organisation_id,
        Case.deleted_at.is_(None)))}
    for case_id in export.case_ids:
        case = cases.get(case_id)
        if case is None or not permissions.can_export_case(actor, case, export.profile):
            raise ServiceError(N_("You cannot approve this export: case %(id)d is not open to you, or no "
                                  "longer exists."), "case_ids", id=case_id)


def waiting(user: User) -> list[ReportExport]:
    """The organisation's exports that wait for approval, oldest first (the first asked is the first seen)."""
    if not permissions.can_approve_exports(user):
        return []
    return list(db.session.scalars(select(ReportExport).where(
        ReportExport.organisation_id == user.organisation_id, ReportExport.state == WAITING)
        .order_by(ReportExport.id).limit(500)))


def cases_of(exports: list[ReportExport], user: User) -> dict[int, Case]:
    """The cases of these exports that `user` may open, by id: what an approver reads before deciding."""
    from caseapp.cases.permissions import can_view_case

    ids = {case_id for export in exports for case_id in export.case_ids}
    rows = db.session.scalars(select(Case).where(Case.id.in_(ids), Case.organisation_id == user.organisation_id,
                                                 Case.deleted_at.is_(None))) if ids else []
    return {case.id: case for case in rows if can_view_case(user, case)}


def recently_decided(user: User, limit: int = 50) -> list[ReportExport]:
    if not permissions.can_approve_exports(user):
        return []
    return list(db.session.scalars(select(ReportExport).where(
        ReportExport.organisation_id == user.organisation_id, ReportExport.decided_at.is_not(None))
        .order_by(ReportExport.decided_at.desc(), ReportExport.id.desc()).limit(limit)))


def set_required(organisation: Organisation, required: bool, actor: User | None) -> None:
    """The organisation's setting; audited when it changes. Exports already waiting keep waiting."""
    before = bool(organisation.export_approval_required)
    organisation.export_approval_required = bool(required)
    if before != bool(required):
        record("organisation.export_approval", organisation, actor,
               field_changes({"export_approval_required": before},
                             {"export_approval_required": bool(required)}))


class ApprovalNeeded(NotAllowed):
    """An export asked for straight away by someone whose exports wait for approval."""

    def __init__(self) -> None:
        super().__init__(N_("Exports of your organisation need a coordinator's approval: ask for it, and "
                            "download the report once it is approved."))
