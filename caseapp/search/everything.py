"""Searching the whole archive at once: cases, sources, quotes, parties and comments, with facets.

Above every area of the domain: what a user may find is what each area lets them see (the cases of
visible_cases; the sources of visible_sources; quotes and comments of the cases they see; their
organisation's parties). Person records are never in the index, so never results. A reader from whom people
are hidden (redaction) is answered from what they can read: every result is checked against its redacted
text, its title and snippet are cut from that text, and the facets count only results so checked.

Facets count the results by what a person narrows a search by. A result belongs to cases: a case to itself,
a quote and a comment to their case, a source to the cases (that the user sees) citing it, a party to the
cases linking it; status, country, sector, determination, indicator and party are those cases'. The year is
a case's first year (for a case, its quotes and comments, and a party's cases) or a source's year of
publication; the language is a source's (and its quotes').
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field, replace
from typing import Mapping

from sqlalchemy import (Integer, Select, and_, any_, bindparam, exists, extract, false, func, literal_column, or_,
                        select)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import aliased

from caseapp.assessment.models import CaseOutcome, Finding
from caseapp.assessment.outcomes import OUTCOMES, determination_is
from caseapp.auth.models import User
from caseapp.cases import permissions as case_permissions
from caseapp.cases.models import Case, CaseComment
from caseapp.cases.queries import sees_case
from caseapp.cases.filters import choice
from caseapp.cases.vocab import SECTORS, STATUSES
from caseapp.errors import N_, ServiceError
from caseapp.extensions import db
from caseapp.ilo import rules
from caseapp.ilo.catalogue import IDS
from caseapp.pagination import Page, SortKey, checked_keyset_page, encode_cursor, keyset_page
from caseapp.parties import permissions as party_permissions
from caseapp.parties.models import CaseParty, Party
from caseapp.protection import disclosure
from caseapp.search import index, permissions, syntax
from caseapp.search.models import SearchDocument
from caseapp.search.snippets import snippet, title_marks
from caseapp.sources import permissions as source_permissions
from caseapp.sources.models import CaseSource, Excerpt, Source
from caseapp.sources.services import sees_source
from caseapp.validation import optional_whole_number

KINDS = ("case", "source", "excerpt", "party", "comment")
CASE_TIED = ("case", "excerpt", "comment")  # documents that belong to one case
FACETS = ("kind", "status", "country", "sector", "indicator", "determination", "party", "language", "year")
COUNTED = rules.COUNTED  # an indicator "shown" in a case: present or suspected
ORDER = SortKey([SearchDocument.id])  # newest first: a document's id grows with its record's
CHECKED_AT_ONCE = 100  # results read per round for a reader whose results are checked against what they see
FACETS_COUNTED = 2000  # the facets count the newest this many results (and say when there are more)
FACETS_CHECKED = 500  # for a reader with redaction, the newest this many found, each checked
PARTIES_SHOWN = 10  # the parties facet names the parties of most results
CASE_FACETS = ("status", "country", "sector", "determination", "year", "indicator", "party")


@dataclass(frozen=True)
class SearchFilters:
    """What a search is narrowed to: one kind of result, and values of the facets."""

    kind: str | None = None
    status: str | None = None
    country: str | None = None
    sector: str | None = None
    indicator: str | None = None
    determination: str | None = None
    party_id: int | None = None
    language: str | None = None
    year: int | None = None

    def as_query(self) -> dict[str, str]:
        return {key: str(value) for key, value in asdict(self).items() if value not in (None, "")}

    def without(self, key: str) -> dict[str, str]:
        return {name: value for name, value in self.as_query().items() if name != key}

    @property
    def on_cases(self) -> bool:
        """Whether the results must belong to cases of some kind."""
        return any(value is not None for value in (self.status, self.country, self.sector, self.indicator,
                                                     self.determination, self.party_id))


def _code(args: Mapping[str, str], key: str, size: int) -> str | None:
    raw = (args.get(key) or "").strip()
    if raw and (len(raw) > size or not raw.replace("-", "").isalnum()):
        raise ServiceError(N_("This is not a code this search knows."), key)
    return raw or None


def filters_from(args: Mapping[str, str]) -> SearchFilters:
    """The filters of a search's URL, each checked (a wrong value is a message naming its field)."""
    year = optional_whole_number(args.get("year"), "year")
    if year is not None and not 1 <= year <= 9999:
        raise ServiceError(N_("A year is a number from 1 to 9999."), "year")
    return SearchFilters(
        kind=choice(args, "kind", KINDS), status=choice(args, "status", STATUSES),
        country=(_code(args, "country", 2) or "").upper() or None, sector=choice(args, "sector", SECTORS),
        indicator=choice(args, "indicator", IDS), determination=choice(args, "determination", OUTCOMES),
        party_id=optional_whole_number(args.get("party_id"), "party_id"), language=_code(args, "language", 12),
        year=year)


@dataclass(frozen=True)
class Result:
    kind: str
    id: int
    case_id: int | None
    title: str
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    title_highlights: tuple[tuple[int, int], ...] = ()
    case_reference: str | None = None  # for a quote or a comment: which case


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    label: str = ""  # a party's name; the other values are codes the page names


@dataclass
class Found:
    items: list[Result]
    next_cursor: str | None
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    facets_complete: bool = True  # False: counted over the first FACETS_CHECKED results (see above)

    @property
    def total(self) -> int:
        return sum(value.count for value in self.facets.get("kind", []))


# -- what a user may find -------------------------------------------------------------------------------
# Each condition is asked of the documents the index found, one row at a time (EXISTS on the row's case,
# source or party), so a search that finds little reads little, however large the archive.

def _visible(user: User):
    """The condition on SearchDocument for the documents this user may find."""
    allowed = []
    if case_permissions.can_list_cases(user):
        case = aliased(Case)
        allowed.append(and_(SearchDocument.kind.in_(CASE_TIED),
                            exists().where(case.id == SearchDocument.case_id, sees_case(user, case))))
    if source_permissions.can_list_sources(user):
        allowed.append(and_(SearchDocument.kind == "source", sees_source(user, SearchDocument.object_id)))
    if party_permissions.can_view_parties(user):
        allowed.append(SearchDocument.kind == "party")
    return and_(SearchDocument.organisation_id == user.organisation_id, or_(*allowed) if allowed else false())


def _case_conditions(user: User, filters: SearchFilters, case, with_year: bool) -> list:
    """The conditions on a row of cases (an alias) that it is visible and has the filtered values."""
    conditions = [sees_case(user, case)]
    for column, value in (("status", filters.status), ("country", filters.country), ("sector", filters.sector)):
        if value is not None:
            conditions.append(getattr(case, column) == value)
    if filters.indicator is not None:
        conditions.append(exists().where(Finding.case_id == case.id, Finding.indicator == filters.indicator,
                                         Finding.status.in_(COUNTED)))
    if filters.determination is not None:
        conditions.append(determination_is(case.id, filters.determination))
    if filters.party_id is not None:
        conditions.append(exists().where(CaseParty.case_id == case.id, CaseParty.party_id == filters.party_id))
    if with_year and filters.year is not None:
        conditions.append(extract("year", case.period_first) == filters.year)
    return conditions


def _belongs(user: User, filters: SearchFilters, with_year: bool):
    """The condition on SearchDocument that the document belongs to a visible case the filters keep: its own
    case, a case citing the source, a case linking the party."""
    case, link, party_link = aliased(Case), aliased(CaseSource), aliased(CaseParty)
    kept = _case_conditions(user, filters, case, with_year)
    return or_(
        and_(SearchDocument.kind.in_(CASE_TIED), exists().where(case.id == SearchDocument.case_id, *kept)),
        and_(SearchDocument.kind == "source", exists().where(
            link.source_id == SearchDocument.object_id, case.id == link.case_id, *kept)),
        and_(SearchDocument.kind == "party", exists().where(
            party_link.party_id == SearchDocument.object_id, case.id == party_link.case_id, *kept)))


def _published_year(column):
    return func.substr(column, 1, 4)


def _narrowed(user: User, filters: SearchFilters):
    """The conditions on SearchDocument that the filters add."""
    conditions = []
    if filters.kind:
        conditions.append(SearchDocument.kind == filters.kind)
    if filters.year is not None:
        # a source by its own year of publication (and, if cases are filtered too, by the cases citing it);
        # the rest by their cases' first year
        published = exists().where(Source.id == SearchDocument.object_id,
                                   _published_year(Source.published_on) == f"{filters.year:04d}")
        source_kept = and_(published, _belongs(user, filters, with_year=False)) if filters.on_cases else published
        conditions.append(or_(and_(SearchDocument.kind == "source", source_kept),
                              and_(SearchDocument.kind != "source", _belongs(user, filters, with_year=True))))
    elif filters.on_cases:
        conditions.append(_belongs(user, filters, with_year=False))
    if filters.language is not None:
        conditions.append(or_(
            and_(SearchDocument.kind == "source", exists().where(Source.id == SearchDocument.object_id,
                                                                 Source.language == filters.language)),
            and_(SearchDocument.kind == "excerpt", exists().where(
                Excerpt.id == SearchDocument.object_id, Source.id == Excerpt.source_id,
                Source.language == filters.language))))
    return conditions


def _candidates(user: User, query: syntax.Query, filters: SearchFilters, redactor) -> Select:
    """The documents the index finds for the query, that the user may find, narrowed by the filters. For a
    reader with redaction, by the wanted words only: the rest is asked of what they can read."""
    dialect = db.session.get_bind().dialect.name
    asked = query if redactor is None else syntax.Query(query.wanted)
    document_id = SearchDocument.id
    if filters.kind and dialect == "sqlite":
        # One kind, newest first: walk that kind's documents in the index on (organisation, kind), newest
        # first, asking each whether the words found it, and stop at a page's worth; without the unary +,
        # SQLite reads every document holding the words and sorts them (a common word: all the archive).
        document_id = literal_column("+search_documents.id")
    return select(SearchDocument).where(document_id.in_(index.documents_with(dialect, asked)), _visible(user),
                                        *_narrowed(user, filters))


def _shown_to(redactor, query: syntax.Query, documents: list[SearchDocument]) -> set[int]:
    """The documents whose text, as this reader sees it, holds the query."""
    return {document.id for document in documents
            if syntax.Shown([disclosure.words_seen(redactor, document.title)],
                          [disclosure.words_seen(redactor, document.body)]).matches(query)}


# -- the search -------------------------------------------------------------------------------------------

def search(user: User, q: str, filters: SearchFilters, cursor: str | None, limit: int,
           with_facets: bool = True) -> Found:
    with index.index_scans(db.session):
        return _search(user, q, filters, cursor, limit, with_facets)


def _search(user: User, q: str, filters: SearchFilters, cursor: str | None, limit: int,
            with_facets: bool = True) -> Found:
    """A page of results (newest first) for the query, with the facets of all of them. QuerySyntaxError for
    a query that cannot be read; PermissionError for a user who may search nothing."""
    if not permissions.can_search(user):
        raise PermissionError("search")
    query = syntax.parse(q)
    if not query.terms:
        return Found([], None, {name: [] for name in FACETS} if with_facets else {})
    redactor = disclosure.redactor_for(user)
    if not with_facets:
        page = _page(user, query, filters, redactor, cursor, limit)
        return Found(_results(page, query, redactor), page.next_cursor)
    newest, complete = _newest(user, query, filters, redactor)
    if cursor is None and (complete or len(newest) > limit):  # the first page is the newest results, read
        page = Page(_documents([row[0] for row in newest[:limit]]),
                    encode_cursor([newest[limit - 1][0]]) if len(newest) > limit else None)
    else:
        page = _page(user, query, filters, redactor, cursor, limit)
    found = Found(_results(page, query, redactor), page.next_cursor, _facets(user, newest, redactor), complete)
    return found


def grouped(user: User, q: str, filters: SearchFilters, per_kind: int) -> tuple[dict[str, Found], Found]:
    """The first results of each kind (for a page that shows them by kind), and the facets of them all."""
    with index.index_scans(db.session):
        return _grouped(user, q, filters, per_kind)


def _grouped(user: User, q: str, filters: SearchFilters, per_kind: int) -> tuple[dict[str, Found], Found]:
    if not permissions.can_search(user):
        raise PermissionError("search")
    query = syntax.parse(q)
    if not query.terms:
        return {}, Found([], None, {name: [] for name in FACETS})
    redactor = disclosure.redactor_for(user)
    newest, complete = _newest(user, query, filters, redactor)
    overall = Found([], None, _facets(user, newest, redactor), complete)
    groups = {}
    for kind in KINDS:
        of_kind = [row[0] for row in newest if row[1] == kind]
        if not of_kind and complete:
            continue
        if complete or len(of_kind) > per_kind:  # read among the newest already
            page = Page(_documents(of_kind[:per_kind]), None)
        else:  # older than the newest counted: asked of the index for this kind alone
            page = _page(user, query, replace(filters, kind=kind), redactor, None, per_kind)
        if page.items:
            groups[kind] = Found(_results(page, query, redactor), None)
    return groups, overall


def _page(user: User, query: syntax.Query, filters: SearchFilters, redactor, cursor: str | None,
          limit: int) -> Page:
    stmt = _candidates(user, query, filters, redactor)
    if redactor is None:
        return keyset_page(db.session, stmt, ORDER, cursor, limit)
    return checked_keyset_page(db.session, stmt, ORDER, cursor, limit,
                               lambda rows: _shown_to(redactor, query, rows), CHECKED_AT_ONCE)


def _documents(ids: list[int]) -> list[SearchDocument]:
    """These documents, in this order."""
    found = {d.id: d for d in db.session.scalars(select(SearchDocument).where(SearchDocument.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


def _results(page: Page, query: syntax.Query, redactor) -> list[Result]:
    documents: list[SearchDocument] = page.items
    show = (lambda text: redactor.redact(text)) if redactor is not None else (lambda text: text)
    by_kind: dict[str, list[int]] = {}
    for document in documents:
        by_kind.setdefault(document.kind, []).append(document.object_id)
    titles = _titles(by_kind, {d.case_id for d in documents if d.case_id is not None})
    results = []
    for document in documents:
        title = show(titles.get((document.kind, document.object_id), document.title) or "")
        body = show(document.body)
        shown = snippet(body, query) if body else snippet(title, query)
        in_title = title_marks(title, query) if title else ()
        results.append(Result(document.kind, document.object_id, document.case_id, title, shown.text,
                              shown.highlights, in_title,
                              titles.get(("case-reference", document.case_id)) if document.kind != "case" else None))
    return results


def _titles(by_kind: dict[str, list[int]], case_ids: set[int]) -> dict[tuple[str, int | None], str]:
    """What each result is called: a case its title, a source its title (or address), a quote its source's,
    a comment its case's, a party its name; and the reference of the case a quote or comment is in."""
    titles: dict[tuple[str, int | None], str] = {}
    for case_id, reference, title in db.session.execute(
            select(Case.id, Case.reference, Case.title).where(Case.id.in_(case_ids))):
        titles[("case-reference", case_id)] = reference
        titles[("case", case_id)] = title
    sources = set(by_kind.get("source", []))
    excerpts = {}
    if by_kind.get("excerpt"):
        excerpts = dict(db.session.execute(select(Excerpt.id, Excerpt.source_id)
                                           .where(Excerpt.id.in_(by_kind["excerpt"]))).all())
        sources |= set(excerpts.values())
    source_titles = {source_id: title or url or "" for source_id, title, url in db.session.execute(
        select(Source.id, Source.title, Source.url).where(Source.id.in_(sources)))}
    for source_id in by_kind.get("source", []):
        titles[("source", source_id)] = source_titles.get(source_id, "")
    for excerpt_id, source_id in excerpts.items():
        titles[("excerpt", excerpt_id)] = source_titles.get(source_id, "")
    if by_kind.get("comment"):
        for comment_id, case_id in db.session.execute(select(CaseComment.id, CaseComment.case_id)
                                                      .where(CaseComment.id.in_(by_kind["comment"]))):
            titles[("comment", comment_id)] = titles.get(("case", case_id), "")
    if by_kind.get("party"):
        for party_id, name in db.session.execute(select(Party.id, Party.name).where(Party.id.in_(by_kind["party"]))):
            titles[("party", party_id)] = name
    return titles


# -- facets -------------------------------------------------------------------------------------------------
# The facets are counted over the newest results (all of them, up to FACETS_COUNTED), read once as rows of
# (document, kind, record, case) and counted here: a word in half the archive costs the same few queries
# over that many rows, however many more hold it.

def _newest(user: User, query: syntax.Query, filters: SearchFilters, redactor) -> tuple[list, bool]:
    """The newest results as rows of (document, kind, record, case), and whether they are all of them
    (otherwise the newest FACETS_COUNTED, or for a reader with redaction those the first FACETS_CHECKED found
    hold as they see them)."""
    candidates = _candidates(user, query, filters, redactor).order_by(SearchDocument.id.desc())
    if redactor is None:
        rows = db.session.execute(candidates.with_only_columns(
            SearchDocument.id, SearchDocument.kind, SearchDocument.object_id, SearchDocument.case_id)
            .limit(FACETS_COUNTED + 1)).all()
        return rows[:FACETS_COUNTED], len(rows) <= FACETS_COUNTED
    documents = list(db.session.scalars(candidates.limit(FACETS_CHECKED + 1)))
    complete = len(documents) <= FACETS_CHECKED
    documents = documents[:FACETS_CHECKED]
    kept = _shown_to(redactor, query, documents)
    return [(d.id, d.kind, d.object_id, d.case_id) for d in documents if d.id in kept], complete


def _facets(user: User, rows: list, redactor) -> dict[str, list[FacetValue]]:
    facets = _count(user, rows)
    if redactor is not None:
        facets["party"] = [replace(value, label=redactor.redact(value.label)) for value in facets["party"]]
    return facets


def _in_chunks(ids, read) -> list:
    """read(chunk) for chunks of ids (a bounded number of parameters per statement), its rows together."""
    ids, rows = sorted(ids), []
    for start in range(0, len(ids), 2000):
        rows += db.session.execute(read(ids[start:start + 2000])).all()
    return rows


def _among(column, ids: list[int]):
    """column IN ids; on PostgreSQL as one array parameter (= ANY), which it reads far faster than 2,000
    values written out."""
    if db.session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, ids, type_=postgresql.ARRAY(Integer)))
    return column.in_(ids)


def _count(user: User, rows: list) -> dict[str, list[FacetValue]]:
    kinds = Counter(kind for _id, kind, _object, _case in rows)
    cases_of: dict[int, set[int]] = defaultdict(set)  # each result: the cases it belongs to
    of_kind: dict[str, dict[int, int]] = defaultdict(dict)  # kind: record id -> result id
    for document_id, kind, object_id, case_id in rows:
        of_kind[kind][object_id] = document_id
        if kind in CASE_TIED:
            cases_of[document_id].add(case_id)
    citing, linking = aliased(Case), aliased(Case)
    for source_id, case_id in _in_chunks(of_kind["source"], lambda chunk: select(
            CaseSource.source_id, CaseSource.case_id).join(citing, citing.id == CaseSource.case_id)
            .where(_among(CaseSource.source_id, chunk), sees_case(user, citing))):
        cases_of[of_kind["source"][source_id]].add(case_id)
    for party_id, case_id in _in_chunks(of_kind["party"], lambda chunk: select(
            CaseParty.party_id, CaseParty.case_id).join(linking, linking.id == CaseParty.case_id)
            .where(_among(CaseParty.party_id, chunk), sees_case(user, linking))):
        cases_of[of_kind["party"][party_id]].add(case_id)
    every_case = set().union(*cases_of.values()) if cases_of else set()
    about: dict[int, dict[str, str | None]] = {}
    for case_id, status, country, sector, first, outcome in _in_chunks(every_case, lambda chunk: select(
            Case.id, Case.status, Case.country, Case.sector, Case.period_first, CaseOutcome.forced_labour)
            .outerjoin(CaseOutcome, CaseOutcome.case_id == Case.id).where(_among(Case.id, chunk))):
        about[case_id] = {"status": status, "country": country, "sector": sector,
                          "year": str(first.year) if first else None,
                          "determination": outcome or rules.NOT_ESTABLISHED}
    shown: dict[int, set[str]] = defaultdict(set)
    for case_id, indicator in _in_chunks(every_case, lambda chunk: select(Finding.case_id, Finding.indicator)
                                         .where(_among(Finding.case_id, chunk), Finding.status.in_(COUNTED))):
        shown[case_id].add(indicator)
    linked: dict[int, set[int]] = defaultdict(set)
    party_names: dict[int, str] = {}
    for case_id, party_id, name in _in_chunks(every_case, lambda chunk: select(
            CaseParty.case_id, CaseParty.party_id, Party.name).join(Party, Party.id == CaseParty.party_id)
            .where(_among(CaseParty.case_id, chunk))):
        linked[case_id].add(party_id)
        party_names[party_id] = name

    counts: dict[str, Counter] = defaultdict(Counter)
    source_results = set(of_kind["source"].values())
    nothing: frozenset = frozenset()
    for document_id, cases in cases_of.items():
        values: dict[str, set] = {name: set() for name in CASE_FACETS}  # each value once per result
        for case_id in cases:
            facts = about.get(case_id)
            if facts is None:
                continue
            for name in ("status", "country", "sector", "determination", "year"):
                values[name].add(facts[name])
            values["indicator"].update(shown.get(case_id, nothing))
            values["party"].update(linked.get(case_id, nothing))
        if document_id in source_results:  # a source's year is its own (below)
            values["year"].clear()
        for name, found in values.items():
            counted = counts[name]
            for value in found:
                if value not in (None, ""):
                    counted[value] += 1
    counts["language"], source_years = _sources_counted(of_kind)
    counts["year"].update(source_years)

    def ranked(name: str, limit: int | None = None) -> list[FacetValue]:
        ordered = sorted(counts[name].items(), key=lambda item: (-item[1], str(item[0])))[:limit]
        return [FacetValue(str(value), count) for value, count in ordered]

    facets = {"kind": [FacetValue(kind, kinds[kind]) for kind in KINDS if kinds.get(kind)]}
    for name in ("status", "country", "sector", "indicator"):
        facets[name] = ranked(name)
    facets["determination"] = [FacetValue(value, counts["determination"][value]) for value in OUTCOMES
                               if counts["determination"].get(value)]
    facets["party"] = [FacetValue(value.value, value.count, party_names.get(int(value.value), ""))
                       for value in ranked("party", PARTIES_SHOWN)]
    facets["language"] = ranked("language")
    facets["year"] = [FacetValue(year, count) for year, count in sorted(counts["year"].items(), reverse=True)]
    return facets


def _sources_counted(of_kind: dict[str, dict[int, int]]) -> tuple[Counter, Counter]:
    """The sources' (and their quotes') languages, and the sources' years of publication."""
    languages, years = Counter(), Counter()
    quoted = dict(_in_chunks(of_kind["excerpt"], lambda chunk: select(Excerpt.id, Excerpt.source_id)
                             .where(_among(Excerpt.id, chunk))))
    about = {source_id: (language, published) for source_id, language, published in _in_chunks(
        set(of_kind["source"]) | set(quoted.values()),
        lambda chunk: select(Source.id, Source.language, Source.published_on).where(_among(Source.id, chunk)))}
    for source_id in of_kind["source"]:
        language, published = about.get(source_id, (None, None))
        if language:
            languages[language] += 1
        if published and published[:4].isdigit():
            years[str(int(published[:4]))] += 1
    for source_id in quoted.values():
        language = about.get(source_id, (None, None))[0]
        if language:
            languages[language] += 1
    return languages, years
