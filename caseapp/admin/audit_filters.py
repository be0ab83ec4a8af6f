"""The audit log page's filters, read from a query string and checked. Plain Python."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import datetime, time, timedelta, timezone
from typing import Mapping

from caseapp.audit.labels import ACTIONS
from caseapp.cases.dates import parse_partial_date
from caseapp.errors import N_, ServiceError
from caseapp.validation import is_whole_number

FILTER_KEYS = ("action", "actor", "object_type", "case", "date_from", "date_to")
OBJECT_TYPE = re.compile(r"^[a-z_]{1,40}$")


@dataclass(frozen=True)
class AuditFilters:
    action: str | None = None
    actor: str | None = None  # a user's id, or "cli"
    object_type: str | None = None
    case: str | None = None  # a case reference or numeric id
    date_from: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    date_to: str | None = None

    def as_query(self) -> dict[str, str]:
        return {key: value for key, value in asdict(self).items() if value}

    @property
    def active(self) -> bool:
        return bool(self.as_query())

    @property
    def since(self) -> datetime | None:
        """The first instant of the first day, UTC."""
        if not self.date_from:
            return None
        return datetime.combine(parse_partial_date(self.date_from).first, time(), timezone.utc)

    @property
    def before(self) -> datetime | None:
        """The first instant after the last day, UTC."""
        if not self.date_to:
            return None
        return datetime.combine(parse_partial_date(self.date_to).last + timedelta(days=1), time(), timezone.utc)


def _text(args: Mapping[str, str], key: str) -> str | None:
    return (args.get(key) or "").strip() or None


def parse_audit_filters(args: Mapping[str, str]) -> AuditFilters:
    """Read the filters from query parameters; raise ServiceError naming the first bad one."""
    getlist = getattr(args, "getlist", None)
    for key in FILTER_KEYS:
        if getlist is not None and len(getlist(key)) > 1:
            raise ServiceError(N_("Give one value only."), key)
    filters = AuditFilters(**{key: _text(args, key) for key in FILTER_KEYS})
    if filters.action and filters.action not in ACTIONS:
        raise ServiceError(N_("Choose an action from the list."), "action")
    if filters.actor and filters.actor != "cli" and not is_whole_number(filters.actor):
        raise ServiceError(N_("Choose a person from the list."), "actor")
    if filters.object_type and not OBJECT_TYPE.match(filters.object_type):
        raise ServiceError(N_("Choose a kind of record from the list."), "object_type")
    if filters.case and len(filters.case) > 40:
        raise ServiceError(N_("Give a case reference or number."), "case")
    for key in ("date_from", "date_to"):
        if getattr(filters, key):
            parse_partial_date(getattr(filters, key), key)
    if filters.since and filters.before and filters.before <= filters.since:
        raise ServiceError(N_("The period ends before it starts."), "date_to")
    return filters
