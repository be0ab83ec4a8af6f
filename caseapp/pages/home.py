"""The start page at `/`: what waits on the signed-in person, their open cases, what changed lately, unread
notifications and the organisation's cases counted by status and determination, each linked into a list.

It gathers several areas (cases, assessment, reports, notifications), so it sits with the other pages that
do, on a blueprint of its own (home.index).
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import func, select

from caseapp.assessment import permissions as assessment_permissions
from caseapp.assessment.labels import DETERMINATIONS, translated
from caseapp.assessment.models import CaseOutcome, Finding
from caseapp.auth import permissions as auth_permissions
from caseapp.auth.models import User
from caseapp.auth.roles import ADMIN, CASEWORKER, COORDINATOR, ROLES
from caseapp.cases import permissions as case_permissions
from caseapp.cases import queries, workflow
from caseapp.cases.models import Case
from caseapp.extensions import db
from caseapp.ilo.rules import COUNTED, NOT_ESTABLISHED
from caseapp.notifications import services as notifications
from caseapp.notifications.views import listing
from caseapp.reports import approval
from caseapp.reports import permissions as report_permissions
from caseapp.reports.models import ReportExport
from caseapp.security import require, roles

blueprint = Blueprint("home", __name__)

RECENT = 8
UNREAD_SHOWN = 5
OPEN_SHOWN = 10
SIGN_OFF_SHOWN = 8
OPEN = (workflow.DRAFT, workflow.RETURNED, workflow.SUBMITTED, workflow.IN_REVIEW)


@dataclass(frozen=True)
class Waiting:
    """One line of "waiting on you": how many, what, and the list that shows them."""

    count: int
    label: str
    url: str


@blueprint.get("/")
@roles(*ROLES)  # not public: the gate sends visitors to sign in, and a pending password or second factor first
def index():
    require(auth_permissions.can_use_caseapp)
    return render_template("main/home.html", **home_of(current_user))


def home_of(user: User) -> dict:
    works_cases = user.role in (CASEWORKER, COORDINATOR)
    statuses = _status_counts(user)
    to_sign = _to_sign(user) if user.role == COORDINATOR else None
    return {
        "waiting": [line for line in _waiting(user, statuses, len(to_sign or ())) if line.count],
        "open_cases": _open_cases(user) if works_cases else None,
        "recent": list(db.session.scalars(queries.visible_cases(user)
                                          .order_by(Case.updated_at.desc(), Case.id.desc()).limit(RECENT))),
        **listing(notifications.recent(user, UNREAD_SHOWN, unread_only=True)),
        "by_status": [(status, statuses[status]) for status in workflow.STATUSES if status in statuses],
        "by_determination": _by_determination(user),
        "determination_labels": {**translated(DETERMINATIONS, _), NOT_ASSESSED: _("not assessed yet")},
        "not_assessed": NOT_ASSESSED, "not_established": NOT_ESTABLISHED,
        "to_sign": to_sign[:SIGN_OFF_SHOWN] if to_sign is not None else None,
    }


def _open_cases(user: User) -> list[Case]:
    return list(db.session.scalars(
        queries.visible_cases(user).where(Case.assignee_id == user.id, Case.status.in_(OPEN))
        .order_by(Case.updated_at.desc(), Case.id.desc()).limit(OPEN_SHOWN)))


def _count(user: User, *conditions) -> int:
    return db.session.scalar(select(func.count()).select_from(
        queries.visible_cases(user).where(*conditions).subquery())) or 0


def _waiting(user: User, statuses: dict[str, int], signable: int) -> list[Waiting]:
    """What waits on the user; `statuses`: the visible cases counted by status, `signable`: how many findings
    the user may sign off."""
    lines: list[Waiting] = []
    if user.role in (CASEWORKER, COORDINATOR):
        returned = _count(user, Case.assignee_id == user.id, Case.status == workflow.RETURNED)
        lines.append(Waiting(returned, ngettext("case returned to you for changes", "cases returned to you for "
                                                "changes", returned),
                             url_for("cases.index", status=workflow.RETURNED, assignee_id=user.id)))
        drafts = _count(user, Case.assignee_id == user.id, Case.status == workflow.DRAFT)
        lines.append(Waiting(drafts, ngettext("draft of yours to finish and submit",
                                              "drafts of yours to finish and submit", drafts),
                             url_for("cases.index", status=workflow.DRAFT, assignee_id=user.id)))
    if user.role == COORDINATOR:
        submitted = statuses.get(workflow.SUBMITTED, 0)
        lines.append(Waiting(submitted, ngettext("case submitted, to take into review",
                                                 "cases submitted, to take into review", submitted),
                             url_for("cases.queue")))
        in_review = statuses.get(workflow.IN_REVIEW, 0)
        lines.append(Waiting(in_review, ngettext("case in review", "cases in review", in_review),
                             url_for("cases.index", status=workflow.IN_REVIEW)))
        lines.append(Waiting(signable, ngettext("finding you may sign off", "findings you may sign off", signable),
                             "#to-sign"))
    if report_permissions.can_approve_exports(user):
        exports = len(approval.waiting(user))
        lines.append(Waiting(exports, ngettext("export waiting for your approval", "exports waiting for your "
                                               "approval", exports), url_for("reports.approvals")))
    if report_permissions.can_view_exports(user):  # advocates, and whoever else asks for exports
        asked = db.session.scalar(select(func.count()).select_from(ReportExport).where(
            ReportExport.requested_by_id == user.id, ReportExport.state == "awaiting_approval")) or 0
        lines.append(Waiting(asked, ngettext("export of yours waiting for approval",
                                             "exports of yours waiting for approval", asked),
                             url_for("reports.exports")))
    if case_permissions.can_open_bin(user):
        binned = db.session.scalar(select(func.count()).select_from(Case).where(
            Case.organisation_id == user.organisation_id, Case.deleted_at.is_not(None))) or 0
        lines.append(Waiting(binned, ngettext("deleted draft in the bin", "deleted drafts in the bin", binned),
                             url_for("cases.bin")))
    if user.role == ADMIN:
        inactive = db.session.scalar(select(func.count()).select_from(User).where(
            User.organisation_id == user.organisation_id, User.active.is_(False))) or 0
        lines.append(Waiting(inactive, ngettext("deactivated account", "deactivated accounts", inactive),
                             url_for("admin.users")))
    return lines


def _to_sign(user: User) -> list[tuple[Case, Finding]]:
    """Findings marked present or suspected, not signed off, that this coordinator may sign (four eyes: not
    ones they recorded or changed), on the cases they see; those of cases in review first."""
    rows = db.session.execute(
        select(Case, Finding).join(Finding, Finding.case_id == Case.id)
        .where(queries.sees_case(user), Finding.status.in_(COUNTED),
               Finding.signed_off_by_id.is_(None), Case.status != workflow.CLOSED)
        .order_by((Case.status == workflow.IN_REVIEW).desc(), Case.updated_at.desc(), Finding.indicator)).all()
    return [(case, finding) for case, finding in rows if assessment_permissions.can_sign_off(user, case, finding)]


def _status_counts(user: User) -> dict[str, int]:
    """The cases the user sees, counted by status: for the counts and for what waits on a coordinator."""
    return dict(db.session.execute(
        select(Case.status, func.count()).where(queries.sees_case(user)).group_by(Case.status)).all())


NOT_ASSESSED = "not_assessed"


def _by_determination(user: User) -> list[tuple[str, int]]:
    """The organisation's visible cases by the determination their findings give; a case without findings is
    counted apart ("not assessed yet"), not as a negative finding (the list's filter still finds it under "not
    established")."""
    counts: dict[str, int] = {}
    for outcome, count in db.session.execute(
            select(CaseOutcome.forced_labour, func.count()).select_from(Case)
            .outerjoin(CaseOutcome, CaseOutcome.case_id == Case.id)
            .where(queries.sees_case(user)).group_by(CaseOutcome.forced_labour)):
        code = outcome or NOT_ASSESSED
        counts[code] = counts.get(code, 0) + count
    return [(code, counts.get(code, 0)) for code in (*DETERMINATIONS, NOT_ASSESSED) if counts.get(code)]
