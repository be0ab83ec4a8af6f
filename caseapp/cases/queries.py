"""The cases a user may see, as queries: the SQL twin of permissions.can_view_case, and the daily lists."""
from __future__ import annotations

from sqlalchemy import or_, select

from caseapp.auth.models import User
from caseapp.auth.roles import ADMIN, ADVOCATE, COORDINATOR
from caseapp.cases import workflow
from caseapp.cases.models import Case
from caseapp.extensions import db


def visible_cases(user: User):
    """A query of the cases this user may see: the SQL twin of permissions.can_view_case."""
    stmt = select(Case).where(Case.organisation_id == user.organisation_id, Case.deleted_at.is_(None))
    if user.role == ADVOCATE:
        stmt = stmt.where(Case.status.in_(workflow.PUBLISHED))
    if user.role not in (COORDINATOR, ADMIN):
        stmt = stmt.where(or_(Case.confidentiality != "restricted", Case.assignee_id == user.id))
    return stmt


def my_cases(user: User) -> list[Case]:
    """Assigned to me, returned ones first, then by status and most recently changed."""
    rank = {workflow.RETURNED: 0, workflow.DRAFT: 1, workflow.SUBMITTED: 2, workflow.IN_REVIEW: 3,
            workflow.VERIFIED: 4, workflow.CLOSED: 5}
    cases = db.session.scalars(visible_cases(user).where(Case.assignee_id == user.id)).all()
    return sorted(cases, key=lambda c: (rank[c.status], -c.status_changed_at.timestamp()))


def review_queue(user: User) -> list[Case]:
    """Submitted and in-review cases of the organisation, the longest waiting first."""
    return list(db.session.scalars(
        visible_cases(user).where(Case.status.in_((workflow.SUBMITTED, workflow.IN_REVIEW)))
        .order_by(Case.status_changed_at.asc(), Case.id.asc())))
