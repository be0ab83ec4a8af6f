"""Operations on cases: create, find, list. The caller commits."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case as sql_case
from sqlalchemy import func, or_, select, update

from caseapp.audit.changes import created_fields
from caseapp.audit.services import record
from caseapp.auth.models import Organisation, User
from caseapp.cases import permissions
from caseapp.cases.models import Case
from caseapp.cases.vocab import SECTORS, is_country
from caseapp.db import utcnow
from caseapp.errors import N_, NotFound, ServiceError
from caseapp.extensions import db
from caseapp.pagination import Page, SortKey, keyset_page

TITLE_MAX = 300
SUMMARY_MAX = 20_000


@dataclass(frozen=True)
class CaseInput:
    title: str
    summary: str = ""
    country: str | None = None
    sector: str = "other"


def validate_case_input(data: CaseInput) -> CaseInput:
    """Return the input tidied, or raise ServiceError naming the bad field."""
    title = data.title.strip()
    country = (data.country or "").strip().upper() or None
    if not title:
        raise ServiceError(N_("A case needs a title."), "title")
    if len(title) > TITLE_MAX:
        raise ServiceError(N_("Keep the title under %(max)s characters."), "title", max=TITLE_MAX)
    if len(data.summary) > SUMMARY_MAX:
        raise ServiceError(N_("Keep the summary under %(max)s characters."), "summary", max=SUMMARY_MAX)
    if country is not None and not is_country(country):
        raise ServiceError(N_("%(code)s is not an ISO 3166 country code."), "country", code=country)
    if data.sector not in SECTORS:
        raise ServiceError(N_("Choose one of the listed sectors."), "sector")
    summary = data.summary.replace("\r\n", "\n").strip()
    return CaseInput(title=title, summary=summary, country=country, sector=data.sector)


def next_reference(organisation: Organisation) -> str:
    """Allocate the next CODE-YEAR-NNNN for the organisation, safe under concurrency."""
    year = utcnow().year
    # One UPDATE both locks the row and counts, so two writers never share a number.
    number = db.session.execute(
        update(Organisation)
        .where(Organisation.id == organisation.id)
        .values(
            case_counter=sql_case(
                (Organisation.case_counter_year == year, Organisation.case_counter + 1), else_=1
            ),
            case_counter_year=year,
        )
        .returning(Organisation.case_counter)
    ).scalar_one()
    return f"{organisation.code}-{year}-{number:04d}"


def create_case(data: CaseInput, actor: User) -> Case:
    if not permissions.can_create_case(actor):
        raise PermissionError("create case")
    data = validate_case_input(data)
    case = Case(
        organisation_id=actor.organisation_id,
        reference=next_reference(actor.organisation),
        title=data.title,
        summary=data.summary,
        country=data.country,
        sector=data.sector,
        status="draft",
        created_by_id=actor.id,
    )
    db.session.add(case)
    record("case.create", case, actor, created_fields(case_fields(case)))
    return case


def case_fields(case: Case) -> dict:
    """The fields of a case as they appear in its history."""
    return {
        "reference": case.reference,
        "title": case.title,
        "summary": case.summary,
        "country": case.country,
        "sector": case.sector,
        "status": case.status,
    }


def get_case(case_id: int, user: User) -> Case:
    """Return the case if this user may see it; otherwise NotFound, never a hint."""
    case = db.session.get(Case, case_id)
    if case is None or not permissions.can_view_case(user, case):
        raise NotFound("case")
    return case


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def visible_cases(user: User, q: str | None = None):
    """A query of the cases this user may see, narrowed by the words in q."""
    stmt = select(Case).where(Case.organisation_id == user.organisation_id)
    for word in (q or "").split()[:10]:
        pattern = f"%{_escape_like(word.lower())}%"
        stmt = stmt.where(
            or_(func.lower(Case.title).like(pattern, escape="\\"), func.lower(Case.summary).like(pattern, escape="\\"))
        )
    return stmt


def list_cases(user: User, q: str | None, cursor: str | None, limit: int) -> Page[Case]:
    if not permissions.can_list_cases(user):
        raise PermissionError("list cases")
    return keyset_page(db.session, visible_cases(user, q), SortKey([Case.id]), cursor, limit)
