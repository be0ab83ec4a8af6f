"""Finding cases: what a user may see, narrowed by the list filters (words, party, period...), sorted and paged.

Above cases and parties: a case is found by a linked party's name, and filtered by a party.
"""
from __future__ import annotations

from sqlalchemy import exists, intersect, or_, select, union

from caseapp.auth.models import User
from caseapp.cases import permissions
from caseapp.cases.filters import CaseFilters
from caseapp.cases.models import Case
from caseapp.cases.queries import visible_cases
from caseapp.extensions import db
from caseapp.pagination import Page, SortKey, keyset_page
from caseapp.parties.models import CaseParty, Party
from caseapp.protection import disclosure
from caseapp.search import index, syntax
from caseapp.search.models import SearchDocument


def _words(stmt, q: str):
    """Each word or phrase of the query in the case's own words (title, summary, notes, outcomes) or in the
    names of a party it links; a part of a name is enough ("Nord" finds "NordStroy"); -words in neither.

    The cases found are one set of ids, worked out from the index before the list is read (so a query that
    finds few cases reads only those, and one that finds none reads nothing)."""
    query = syntax.parse(q)
    if not query.terms:
        return stmt
    dialect = db.session.get_bind().dialect.name
    wanted = [_cases_with(dialect, term) for term in query.terms if not term.excluded]
    found = (wanted[0] if len(wanted) == 1 else intersect(*wanted)).subquery()
    ids = select(found.c.case_id)
    excluded = [_cases_with(dialect, term) for term in query.terms if term.excluded]
    if excluded:
        ids = ids.where(found.c.case_id.not_in(union(*excluded) if len(excluded) > 1 else excluded[0]))
    return stmt.where(Case.id.in_(ids))


def _cases_with(dialect: str, term: syntax.Term):
    """The ids of the cases that hold this term, themselves or in the names of a party they link."""
    alone = syntax.Query((syntax.Term(term.words, term.prefix),))
    matches = [index.matching(dialect, alone, kinds=("case", "party"))]
    if not term.excluded:  # a part of a name finds it; to leave a case out, the word itself is needed
        matches.append(index.naming(dialect, alone, kinds=("party", "case")))
    documents = union(*matches).subquery()
    cases = select(SearchDocument.case_id.label("case_id")).where(
        SearchDocument.id.in_(select(documents.c.id)), SearchDocument.kind == "case")
    parties = select(SearchDocument.object_id).where(SearchDocument.id.in_(select(documents.c.id)),
                                                     SearchDocument.kind == "party")
    either = union(cases, select(CaseParty.case_id.label("case_id")).where(CaseParty.party_id.in_(parties)))
    found = either.subquery()
    return select(found.c.case_id)  # a plain select: SQLite takes no compound inside a compound


def _seen_by(redactor, q: str, stmt) -> list[int]:
    """The cases whose words, as this reader sees them (redacted), hold every word of the query."""
    found = list(db.session.scalars(stmt.with_only_columns(Case.id)))
    texts: dict[int, list[str]] = {}
    for case_id, title, body in db.session.execute(
            select(SearchDocument.case_id, SearchDocument.title, SearchDocument.body)
            .where(SearchDocument.kind == "case", SearchDocument.case_id.in_(found))):
        texts.setdefault(case_id, []).extend((title, body))
    rows = db.session.execute(select(CaseParty.case_id, Party.name).join(Party, Party.id == CaseParty.party_id)
                              .where(CaseParty.case_id.in_(found)))
    for case_id, name in rows:
        texts.setdefault(case_id, []).append(name)
    words = " ".join(syntax.parse(q).words)
    return [case_id for case_id in found if disclosure.shows_words(redactor, words, texts.get(case_id, []))]


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
