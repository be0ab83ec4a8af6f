"""The case-list filters, read from a query string and checked. Plain Python."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Mapping

from caseapp.cases.dates import parse_partial_date
from caseapp.cases.vocab import SECTORS, STATUSES, is_country
from caseapp.errors import N_, ServiceError
from caseapp.ilo.catalogue import IDS
from caseapp.ilo.rules import OUTCOMES
from caseapp.validation import optional_whole_number

SORTS = ("-updated_at", "updated_at", "reference", "-reference")
DETERMINATIONS = OUTCOMES
DEFAULT_SORT = "-updated_at"


@dataclass(frozen=True)
class CaseFilters:
    q: str = ""
    status: str | None = None
    country: str | None = None
    sector: str | None = None
    party_id: int | None = None
    assignee_id: int | None = None
    period_from: str | None = None
    period_to: str | None = None
    determination: str | None = None  # what the case's current findings give (established, possible...)
    indicator: str | None = None  # an ILO indicator present or suspected in the case
    sort: str = DEFAULT_SORT

    @property
    def from_day(self) -> date | None:
        return parse_partial_date(self.period_from).first if self.period_from else None

    @property
    def to_day(self) -> date | None:
        return parse_partial_date(self.period_to).last if self.period_to else None

    def as_query(self) -> dict[str, str]:
        """The filters that are set, as URL parameters (so a filtered list can be bookmarked)."""
        return {key: str(value) for key, value in asdict(self).items()
                if value not in (None, "") and not (key == "sort" and value == DEFAULT_SORT)}

    @property
    def active(self) -> bool:
        return any(key != "sort" for key in self.as_query())


def _id(args: Mapping[str, str], key: str) -> int | None:
    return optional_whole_number(args.get(key), key)


def choice(args: Mapping[str, str], key: str, allowed) -> str | None:
    """One of the allowed values, or None when blank; a ServiceError naming the parameter otherwise."""
    raw = (args.get(key) or "").strip()
    if raw and raw not in allowed:
        raise ServiceError(N_("Choose one of: %(choices)s."), key, choices=", ".join(allowed))
    return raw or None


FILTER_KEYS = ("q", "status", "country", "sector", "party_id", "assignee_id", "period_from", "period_to",
               "determination", "indicator", "sort")


def parse_filters(args: Mapping[str, str]) -> CaseFilters:
    """Read the filters from query parameters; raise ServiceError naming the first bad one."""
    getlist = getattr(args, "getlist", None)
    for key in FILTER_KEYS:
        if getlist is not None and len(getlist(key)) > 1:
            raise ServiceError(N_("Give one value only."), key)
    country = (args.get("country") or "").strip().upper() or None
    if country and not is_country(country):
        raise ServiceError(N_("%(code)s is not an ISO 3166 country code."), "country", code=country[:20])
    filters = CaseFilters(
        q=(args.get("q") or "").strip()[:500],
        status=choice(args, "status", STATUSES),
        country=country,
        sector=choice(args, "sector", SECTORS),
        party_id=_id(args, "party_id"),
        assignee_id=_id(args, "assignee_id"),
        period_from=(args.get("period_from") or "").strip() or None,
        period_to=(args.get("period_to") or "").strip() or None,
        determination=choice(args, "determination", DETERMINATIONS),
        indicator=choice(args, "indicator", IDS),
        sort=choice(args, "sort", SORTS) or DEFAULT_SORT,
    )
    for key in ("period_from", "period_to"):
        if getattr(filters, key):
            parse_partial_date(getattr(filters, key), key)
    if filters.from_day and filters.to_day and filters.to_day < filters.from_day:
        raise ServiceError(N_("The period ends before it starts."), "period_to")
    return filters
