"""The cases a user may see, as queries: the SQL twin of permissions.can_view_case, and the daily lists."""
from __future__ import annotations

from sqlalchemy import and_, or_, select

from caseapp.auth.models import User
from caseapp.auth.roles import ADMIN, ADVOCATE, COORDINATOR
from caseapp.cases import workflow
from caseapp.cases.models import Case
from caseapp.extensions import db


def visible_cases(user: User):
    """A query of the cases this user may see: the SQL twin of permissions.can_view_case."""
    return select(Case).where(sees_case(user))


def sees_case(user: User, case=Case):
    """The condition on a row of cases (Case, or an alias of it in a subquery) that the user may see it: for
    asking of one row at a time ("may they see the case of this quote?") rather than listing them all."""
    conditions = [case.organisation_id == user.organisation_id, case.deleted_at.is_(None)]
    if user.role == ADVOCATE:
        conditions.append(case.status.in_(workflow.PUBLISHED))
    if user.role not in (COORDINATOR, ADMIN):
        conditions.append(or_(case.confidentiality != "restricted", case.assignee_id == user.id))
    return and_(*conditions)


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


def binned_cases(user: User) -> list[Case]:
    """The organisation's deleted drafts still in the bin, the most recently deleted first."""
    return list(db.session.scalars(
        select(Case).where(Case.organisation_id == user.organisation_id, Case.deleted_at.is_not(None))
        .order_by(Case.deleted_at.desc(), Case.id.desc())))
