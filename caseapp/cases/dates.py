"""Partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD), kept exactly as given. Plain Python.

A partial date stands for a range: "2018" is 1 January to 31 December 2018.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from caseapp.errors import N_, ServiceError

# ASCII digits only, and nothing after (a "$" would let a trailing newline through): "٢٠١٨" is not 2018.
PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


@dataclass(frozen=True)
class DateRange:
    first: date
    last: date


def parse_partial_date(text: str, field: str = "date") -> DateRange:
    """Return the range of days a partial date covers, or raise ServiceError."""
    match = PATTERN.fullmatch(text or "")
    if not match:
        raise ServiceError(N_("Write the date as YYYY, YYYY-MM or YYYY-MM-DD."), field)
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if month is None:
            return DateRange(date(year, 1, 1), date(year, 12, 31))
        if day is None:
            return DateRange(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))
        return DateRange(date(year, month, day), date(year, month, day))
    except ValueError:
        raise ServiceError(N_("%(value)s is not a date that exists."), field, value=text) from None


def check_period(start: str | None, end: str | None, start_field: str = "period_start",
                 end_field: str = "period_end") -> None:
    """Raise ServiceError unless both dates are valid and the period does not end before it starts."""
    first = parse_partial_date(start, start_field) if start else None
    last = parse_partial_date(end, end_field) if end else None
    if first and last and last.last < first.first:
        raise ServiceError(N_("The period ends before it starts."), end_field)


def overlaps(start: str | None, end: str | None, range_from: date | None, range_to: date | None) -> bool:
    """Whether a partial-date period (open where missing) overlaps [range_from, range_to]."""
    first = parse_partial_date(start).first if start else date.min
    last = parse_partial_date(end).last if end else date.max
    return (range_to is None or first <= range_to) and (range_from is None or last >= range_from)
