"""Finding cases: what a user may see, narrowed by the list filters (words, party, period...), sorted and paged.

Above cases and parties: a case is found by a linked party's name, and filtered by a party.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, func, intersect, or_, select, union

from caseapp.assessment import outcomes
from caseapp.assessment.models import CaseOutcome, Finding
from caseapp.auth.models import User
from caseapp.cases import permissions
from caseapp.cases.filters import CaseFilters
from caseapp.cases.models import Case
from caseapp.cases.queries import visible_cases
from caseapp.extensions import db
from caseapp.ilo import rules
from caseapp.pagination import Page, SortKey, checked_keyset_page, keyset_page
from caseapp.parties.models import CaseParty
from caseapp.protection import disclosure
from caseapp.search import index, syntax
from caseapp.search.models import SearchDocument


def _words(stmt, query: syntax.Query):
    """Each word or phrase of the query in the case's own words (title, summary, notes, outcomes) or in the
    names of a party it links; a part of a name is enough ("Nord" finds "NordStroy"); -words in neither.

    The cases found are one set of ids, worked out from the index before the list is read (so a query that
    finds few cases reads only those, and one that finds none reads nothing)."""
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


def _seen_by(redactor, query: syntax.Query, case_ids: list[int]) -> list[int]:
    """Of these cases, those whose words, as this reader sees them (redacted), hold the query: its words and
    phrases, and none of its -words. A case found through a name hidden from them, or a piece of one, would
    tell them who is in which case; one left out by it would tell them too."""
    titles: dict[int, list[str]] = {}
    texts: dict[int, list[str]] = {}
    for case_id, title, body in db.session.execute(
            select(SearchDocument.case_id, SearchDocument.title, SearchDocument.body)
            .where(SearchDocument.kind == "case", SearchDocument.case_id.in_(case_ids))):
        titles.setdefault(case_id, []).append(disclosure.words_seen(redactor, title))
        texts.setdefault(case_id, []).append(disclosure.words_seen(redactor, body))
    for case_id, title, body in db.session.execute(
            select(CaseParty.case_id, SearchDocument.title, SearchDocument.body)
            .join(SearchDocument, (SearchDocument.object_id == CaseParty.party_id) & (SearchDocument.kind == "party"))
            .where(CaseParty.case_id.in_(case_ids))):
        titles.setdefault(case_id, []).append(disclosure.words_seen(redactor, title))
        texts.setdefault(case_id, []).append(disclosure.words_seen(redactor, body))
    return [case_id for case_id in case_ids
            if syntax.Shown(titles.get(case_id, []), texts.get(case_id, [])).matches(query)]


def filtered_cases(user: User, filters: CaseFilters, check_words: bool = True):
    """The cases the filters find for this user. For a reader from whom people are hidden, the words are
    checked against what they see (check_words=False leaves that to the caller, who then checks a page's
    worth at a time: list_cases)."""
    query = syntax.parse(filters.q)
    redactor = disclosure.redactor_for(user) if query.terms else None
    stmt = visible_cases(user)
    if redactor is None:
        stmt = _words(stmt, query)
    else:
        # The index finds the candidates by the wanted words; the -words are asked of what the reader sees.
        stmt = _words(stmt, syntax.Query(query.wanted))
    for column, value in ((Case.status, filters.status), (Case.country, filters.country),
                          (Case.sector, filters.sector), (Case.assignee_id, filters.assignee_id)):
        if value is not None:
            stmt = stmt.where(column == value)
    if filters.party_id is not None:
        stmt = stmt.where(exists().where(CaseParty.case_id == Case.id, CaseParty.party_id == filters.party_id))
    if filters.determination is not None:
        stmt = stmt.where(outcomes.determination_is(Case.id, filters.determination))
    if filters.indicator is not None:
        stmt = stmt.where(exists().where(Finding.case_id == Case.id, Finding.indicator == filters.indicator,
                                         Finding.status.in_(rules.COUNTED)))
    # A partial date counts as its whole range; an unknown end is open. Ranges match when they overlap.
    if filters.from_day:
        stmt = stmt.where(or_(Case.period_last.is_(None), Case.period_last >= filters.from_day))
    if filters.to_day:
        stmt = stmt.where(or_(Case.period_first.is_(None), Case.period_first <= filters.to_day))
    if redactor is not None and check_words:
        candidates = list(db.session.scalars(stmt.with_only_columns(Case.id)))
        stmt = stmt.where(Case.id.in_(_seen_by(redactor, query, candidates)))
    return stmt


SORT_KEYS = {
    "-updated_at": SortKey([Case.updated_at, Case.id], descending=True),
    "updated_at": SortKey([Case.updated_at, Case.id], descending=False),
    "reference": SortKey([Case.reference, Case.id], descending=False),
    "-reference": SortKey([Case.reference, Case.id], descending=True),
}


CHECKED_AT_ONCE = 100  # candidates read per round for a reader whose words are checked against what they see


def list_cases(user: User, filters: CaseFilters, cursor: str | None, limit: int) -> Page[Case]:
    if not permissions.can_list_cases(user):
        raise PermissionError("list cases")
    with index.index_scans(db.session):
        return _list_cases(user, filters, cursor, limit)


def _list_cases(user: User, filters: CaseFilters, cursor: str | None, limit: int) -> Page[Case]:
    key = SORT_KEYS[filters.sort]
    query = syntax.parse(filters.q)
    redactor = disclosure.redactor_for(user) if query.terms else None
    if redactor is None:
        return keyset_page(db.session, filtered_cases(user, filters), key, cursor, limit)
    # A common word costs a page's worth of redaction, not the whole archive's.
    return checked_keyset_page(db.session, filtered_cases(user, filters, check_words=False), key, cursor, limit,
                               lambda rows: set(_seen_by(redactor, query, [case.id for case in rows])),
                               CHECKED_AT_ONCE)


# The list's total is counted this far, then said as "at least": counting 100,000 cases took longer than
# showing a page of them (and a reader whose words are checked against what they see costs more still).
COUNTED_AT_MOST = 10_000


@dataclass(frozen=True)
class Total:
    count: int
    exact: bool  # False: at least count (COUNTED_AT_MOST)


def count_cases(user: User, filters: CaseFilters) -> Total:
    """How many cases the filters find for this user (the list's total)."""
    with index.index_scans(db.session):
        return _count_cases(user, filters)


def _count_cases(user: User, filters: CaseFilters) -> Total:
    query = syntax.parse(filters.q)
    redactor = disclosure.redactor_for(user) if query.terms else None
    stmt = filtered_cases(user, filters, check_words=False)
    if redactor is None:
        counted = db.session.scalar(select(func.count()).select_from(
            stmt.with_only_columns(Case.id).limit(COUNTED_AT_MOST + 1).subquery()))
        return Total(min(counted, COUNTED_AT_MOST), counted <= COUNTED_AT_MOST)
    candidates = list(db.session.scalars(stmt.with_only_columns(Case.id).order_by(Case.id.desc())
                                         .limit(COUNTED_AT_MOST + 1)))
    exact = len(candidates) <= COUNTED_AT_MOST
    shown = 0
    for start in range(0, min(len(candidates), COUNTED_AT_MOST), 500):
        shown += len(_seen_by(redactor, query, candidates[start:start + 500]))
    return Total(shown, exact)


def assessment_of(case_ids: list[int]) -> dict[int, tuple[str, int, int]]:
    """For each case: the determination its findings give, and how many indicators are present and suspected
    (the list's columns)."""
    found = {case_id: (rules.NOT_ESTABLISHED, 0, 0) for case_id in case_ids}
    for case_id, outcome in db.session.execute(select(CaseOutcome.case_id, CaseOutcome.forced_labour)
                                               .where(CaseOutcome.case_id.in_(case_ids))):
        found[case_id] = (outcome, 0, 0)
    for case_id, status, count in db.session.execute(
            select(Finding.case_id, Finding.status, func.count()).where(
                Finding.case_id.in_(case_ids), Finding.status.in_(rules.COUNTED))
            .group_by(Finding.case_id, Finding.status)):
        outcome, present, suspected = found[case_id]
        found[case_id] = (outcome, count if status == "present" else present,
                          count if status == "suspected" else suspected)
    return found


def all_cases(user: User, filters: CaseFilters) -> list[Case]:
    """Every case the filters find, in their order: for exports."""
    key = SORT_KEYS[filters.sort]
    order = [c.desc() if key.descending else c.asc() for c in key.columns]
    return list(db.session.scalars(filtered_cases(user, filters).order_by(*order)))
