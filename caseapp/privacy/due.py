"""What retention deletes, and from when. Plain Python: dates in, decisions out.

An organisation sets two periods, in days; None keeps the records until someone deletes them.

- **Closed cases.** A case is due `closed_case_days` after it was closed: the moment of its
  last status change while its status is `closed` (Case.status_changed_at). Reopening a case
  stops the clock, and closing it again starts it anew.
- **The bin.** A deleted draft waits in the bin `bin_days` (the BIN_DAYS setting, 30 by default)
  after it was deleted (Case.deleted_at), restorable by a coordinator, and is then due, whatever
  the two periods above: a shorter period does not take it out of the bin early, keeping every
  period does not keep it.
- **Person records.** The people of a closed case are due `person_days` after the case was
  closed, counted from the same moment. A shorter person period lets identities go while the
  case — its facts, findings and evidence — stays; a longer one changes nothing, since people
  go with their case. The people of a case that is not closed are never due.

A period counts whole days of 24 hours from that moment: closed at 10:00 on 1 March with a
period of 30 days, the case is due from 10:00 on 31 March (UTC).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

CLOSED = "closed"
BIN_DAYS = 30
# The bounds an admin may choose: at least a week to notice a case closed by mistake, at most a century.
MIN_DAYS = 7
MAX_DAYS = 36_500


@dataclass(frozen=True)
class Policy:
    """An organisation's periods in days; None keeps."""

    closed_case_days: int | None = None
    person_days: int | None = None
    bin_days: int = BIN_DAYS

    @property
    def keeps_everything(self) -> bool:
        return self.closed_case_days is None and self.person_days is None


@dataclass(frozen=True)
class CaseClock:
    """What retention needs to know of a case: nothing of its content."""

    id: int
    status: str
    status_changed_at: datetime
    deleted_at: datetime | None = None


@dataclass(frozen=True)
class Due:
    """The cases due for deletion, and the cases (not themselves due) whose people are."""

    case_ids: tuple[int, ...]
    person_case_ids: tuple[int, ...]
    # Deleted drafts whose time in the bin is over.
    binned_case_ids: tuple[int, ...] = ()


def closed_since(case: CaseClock) -> datetime | None:
    """When the case's retention clock started, or None while it is open (or in the bin, which has its own)."""
    if case.deleted_at is not None:
        return None
    return case.status_changed_at if case.status == CLOSED else None


def is_due(since: datetime | None, days: int | None, now: datetime) -> bool:
    return since is not None and days is not None and since + timedelta(days=days) <= now


def due(cases: Iterable[CaseClock], policy: Policy, now: datetime) -> Due:
    """Which cases go, and which cases lose their people, at `now` under `policy`."""
    gone, anonymised, binned = [], [], []
    for case in cases:
        if case.deleted_at is not None:
            if is_due(case.deleted_at, policy.bin_days, now):
                binned.append(case.id)
            continue
        since = closed_since(case)
        if is_due(since, policy.closed_case_days, now):
            gone.append(case.id)
        elif is_due(since, policy.person_days, now):
            anonymised.append(case.id)
    return Due(tuple(gone), tuple(anonymised), tuple(binned))


def check_days(value: int | None) -> bool:
    """A period an admin may set: blank (keep) or a whole number of days within the bounds."""
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and MIN_DAYS <= value <= MAX_DAYS)
