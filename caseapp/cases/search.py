"""Finding cases: what a user may see, narrowed by the list filters, sorted and paged."""
from __future__ import annotations

from sqlalchemy import exists, func, or_, select

from caseapp.auth.models import User
from caseapp.auth.roles import ADMIN, ADVOCATE, COORDINATOR
from caseapp.cases import permissions, workflow
from caseapp.cases.filters import CaseFilters
from caseapp.cases.models import Case
from caseapp.db import contains_pattern
from caseapp.extensions import db
from caseapp.pagination import Page, SortKey, keyset_page


def visible_cases(user: User):
    """A query of the cases this user may see: the SQL twin of permissions.can_view_case."""
    stmt = select(Case).where(Case.organisation_id == user.organisation_id, Case.deleted_at.is_(None))
    if user.role == ADVOCATE:
        stmt = stmt.where(Case.status.in_(workflow.PUBLISHED))
    if user.role not in (COORDINATOR, ADMIN):
        stmt = stmt.where(or_(Case.confidentiality != "restricted", Case.assignee_id == user.id))
    return stmt


def _words(stmt, q: str):
    from caseapp.parties.models import CaseParty, Party

    for word in q.split()[:10]:
        pattern = contains_pattern(word)
        party_named = exists().where(
            CaseParty.case_id == Case.id, CaseParty.party_id == Party.id,
            func.lower(Party.name).like(pattern, escape="\\"))
        stmt = stmt.where(or_(func.lower(Case.title).like(pattern, escape="\\"),
                              func.lower(Case.summary).like(pattern, escape="\\"), party_named))
    return stmt


def filtered_cases(user: User, filters: CaseFilters):
    from caseapp.parties.models import CaseParty

    stmt = _words(visible_cases(user), filters.q)
    for column, value in ((Case.status, filters.status), (Case.country, filters.country),
                          (Case.sector, filters.sector), (Case.assignee_id, filters.assignee_id)):
        if value is not None:
            stmt = stmt.where(column == value)
    if filters.party_id is not None:
        stmt = stmt.where(exists().where(CaseParty.case_id == Case.id, CaseParty.party_id == filters.party_id))
    # A partial date counts as its whole range; an unknown end is open. Ranges match when they overlap.
    if filters.from_day:
        stmt = stmt.where(or_(Case.period_last.is_(None), Case.period_last >= filters.from_day))
    if filters.to_day:
        stmt = stmt.where(or_(Case.period_first.is_(None), Case.period_first <= filters.to_day))
    return stmt


SORT_KEYS = {
    "-updated_at": SortKey([Case.updated_at, Case.id], descending=True),
    "updated_at": SortKey([Case.updated_at, Case.id], descending=False),
    "reference": SortKey([Case.reference, Case.id], descending=False),
    "-reference": SortKey([Case.reference, Case.id], descending=True),
}


def list_cases(user: User, filters: CaseFilters, cursor: str | None, limit: int) -> Page[Case]:
    if not permissions.can_list_cases(user):
        raise PermissionError("list cases")
    return keyset_page(db.session, filtered_cases(user, filters), SORT_KEYS[filters.sort], cursor, limit)


def all_cases(user: User, filters: CaseFilters) -> list[Case]:
    """Every case the filters find, in their order: for exports."""
    key = SORT_KEYS[filters.sort]
    order = [c.desc() if key.descending else c.asc() for c in key.columns]
    return list(db.session.scalars(filtered_cases(user, filters).order_by(*order)))


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
