"""Finding cases: what a user may see, narrowed by the list filters (words, party, period...), sorted and paged.

Above cases and parties: a case is found by a linked party's name, and filtered by a party.
"""
from __future__ import annotations

from sqlalchemy import exists, func, or_, select

from caseapp.auth.models import User
from caseapp.cases import permissions
from caseapp.cases.filters import CaseFilters
from caseapp.cases.models import Case
from caseapp.cases.queries import visible_cases
from caseapp.db import contains_pattern
from caseapp.extensions import db
from caseapp.pagination import Page, SortKey, keyset_page
from caseapp.parties.models import CaseParty, Party
from caseapp.protection import disclosure


def _words(stmt, q: str):
    for word in q.split()[:10]:
        pattern = contains_pattern(word)
        party_named = exists().where(
            CaseParty.case_id == Case.id, CaseParty.party_id == Party.id,
            func.lower(Party.name).like(pattern, escape="\\"))
        stmt = stmt.where(or_(func.lower(Case.title).like(pattern, escape="\\"),
                              func.lower(Case.summary).like(pattern, escape="\\"), party_named))
    return stmt


def _seen_by(redactor, q: str, stmt) -> list[int]:
    found = list(db.session.scalars(stmt))
    names: dict[int, list[str]] = {}
    rows = db.session.execute(select(CaseParty.case_id, Party.name).join(Party, Party.id == CaseParty.party_id)
                              .where(CaseParty.case_id.in_([case.id for case in found])))
    for case_id, name in rows:
        names.setdefault(case_id, []).append(name)
    return [case.id for case in found
            if disclosure.shows_words(redactor, q, (case.title, case.summary, *names.get(case.id, [])))]


def filtered_cases(user: User, filters: CaseFilters):
    stmt = _words(visible_cases(user), filters.q)
    redactor = disclosure.redactor_for(user) if filters.q else None
    if redactor is not None:
        # Found only by what the reader sees: a case matched through a hidden name, or a piece of one,
        # would tell who is in which case.
        stmt = stmt.where(Case.id.in_(_seen_by(redactor, filters.q, stmt)))
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
