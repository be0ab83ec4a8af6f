"""Deleting what the organisations' retention periods make due (caseapp.privacy.due says what and when).

What goes with a due case: the case and everything recorded in it — worker groups, follow-up
actions, comments, notifications, party links, people, findings, saved determinations, quotes
and fact evidence — and the kept files of every dossier that held it. What stays: the
sources it cited, which are the organisation's preserved evidence and may be cited by other
cases (deleting a source is a separate, audited decision; the run lists the sources no case
cites any more), the parties, the export history rows with their hashes, and the audit log.

Deleted drafts whose days in the bin are over (BIN_DAYS) go the same way, under the rule `bin`,
whatever the organisation's periods.

Each deleted case and person record gets its own audit entry `retention.delete`: the table,
the id, the rule (`closed_case`, `person` or `bin`) and its period, and (as every entry) the moment; never any content.
Changes the session and writes the audit entries; the caller commits.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import or_, select

from caseapp.audit.services import record
from caseapp.auth.models import Organisation
from caseapp.cases.models import Case
from caseapp.cases.workflow import CLOSED
from caseapp.extensions import db
from caseapp.persons.models import Person
from caseapp.privacy import dossiers
from caseapp.privacy.due import BIN_DAYS, CaseClock, Policy, due
from caseapp.privacy.erasure import forget_in_search
from caseapp.sources.models import CaseSource, Excerpt

ACTION = "retention.delete"


@dataclass
class Plan:
    """What one organisation's periods make due now: ids only."""

    organisation_id: int
    code: str
    name: str
    policy: Policy
    case_ids: list[int] = field(default_factory=list)
    # Deleted drafts whose time in the bin is over.
    binned_case_ids: list[int] = field(default_factory=list)
    # People who go with their case, and people of closed cases that stay.
    people_with_cases: list[int] = field(default_factory=list)
    people_in_bin: list[int] = field(default_factory=list)
    people_alone: list[int] = field(default_factory=list)
    dossiers: int = 0

    @property
    def empty(self) -> bool:
        return not (self.case_ids or self.binned_case_ids or self.people_with_cases or self.people_in_bin
                    or self.people_alone or self.dossiers)


@dataclass
class Outcome:
    cases: int = 0
    people: int = 0
    dossiers: int = 0
    uncited_source_ids: list[int] = field(default_factory=list)


def policy_of(org: Organisation, bin_days: int = BIN_DAYS) -> Policy:
    return Policy(org.closed_case_retention_days, org.person_retention_days, bin_days)


def plan(now: datetime, bin_days: int = BIN_DAYS) -> list[Plan]:
    """What each organisation with a retention period, or with cases in the bin, would lose now."""
    binned = select(Case.organisation_id).where(Case.deleted_at.is_not(None))
    organisations = db.session.scalars(select(Organisation).where(or_(
        Organisation.closed_case_retention_days.is_not(None), Organisation.person_retention_days.is_not(None),
        Organisation.id.in_(binned))).order_by(Organisation.code))
    return [_plan(org, now, bin_days) for org in organisations]


def _plan(org: Organisation, now: datetime, bin_days: int) -> Plan:
    clocks = [CaseClock(*row) for row in db.session.execute(
        select(Case.id, Case.status, Case.status_changed_at, Case.deleted_at)
        .where(Case.organisation_id == org.id, or_(Case.status == CLOSED, Case.deleted_at.is_not(None)))
        .order_by(Case.id))]
    policy = policy_of(org, bin_days)
    result = due(clocks, policy, now)
    people = _people_of(set(result.case_ids) | set(result.binned_case_ids) | set(result.person_case_ids))
    going, binned = set(result.case_ids), set(result.binned_case_ids)
    plan = Plan(org.id, org.code, org.name, policy, list(result.case_ids), list(result.binned_case_ids),
                [pid for pid, case_id in people if case_id in going],
                [pid for pid, case_id in people if case_id in binned],
                [pid for pid, case_id in people if case_id not in going | binned])
    affected = going | binned | {case_id for _pid, case_id in people}
    plan.dossiers = len({d.id for d in dossiers.holding(org.id, affected)}
                        | {d.id for d in dossiers.holding_missing_cases(org.id)})
    return plan


def _people_of(case_ids: set[int]) -> list[tuple[int, int]]:
    if not case_ids:
        return []
    return [tuple(row) for row in db.session.execute(
        select(Person.id, Person.case_id).where(Person.case_id.in_(case_ids)).order_by(Person.id))]


def apply(plans: list[Plan]) -> Outcome:
    """Delete what the plans hold, with one audit entry per case and per person record."""
    outcome = Outcome()
    for each in plans:
        cited = _cited_sources(each.case_ids + each.binned_case_ids)
        affected = set(each.case_ids) | set(each.binned_case_ids) | _cases_of(each.people_alone)
        outcome.dossiers += dossiers.discard(dossiers.holding(each.organisation_id, affected))
        outcome.people += _delete_people(each.people_with_cases, "closed_case", each.policy.closed_case_days)
        outcome.people += _delete_people(each.people_alone, "person", each.policy.person_days)
        outcome.people += _delete_people(each.people_in_bin, "bin", each.policy.bin_days)
        outcome.cases += _delete_cases(each.case_ids, "closed_case", each.policy.closed_case_days)
        outcome.cases += _delete_cases(each.binned_case_ids, "bin", each.policy.bin_days)
        db.session.flush()
        # Also the files of dossiers whose cases went by other ways (a job that finished after the last run).
        outcome.dossiers += dossiers.discard(dossiers.holding_missing_cases(each.organisation_id))
        outcome.uncited_source_ids += _no_longer_cited(cited)
    return outcome


def _cases_of(person_ids: list[int]) -> set[int]:
    if not person_ids:
        return set()
    return set(db.session.scalars(select(Person.case_id).where(Person.id.in_(person_ids))))


def _delete_people(person_ids: list[int], rule: str, days: int | None) -> int:
    for person_id in person_ids:
        person = db.session.get(Person, person_id)
        record(ACTION, person, None, {"rule": rule, "period_days": days})
        forget_in_search(person)
        db.session.delete(person)
    return len(person_ids)


def _delete_cases(case_ids: list[int], rule: str, days: int | None) -> int:
    for case_id in case_ids:
        case = db.session.get(Case, case_id)
        record(ACTION, case, None, {"rule": rule, "period_days": days})
        # Worker groups and actions go through the ORM's cascade, every other part by the
        # database's ON DELETE CASCADE (foreign keys are on for SQLite too).
        db.session.delete(case)
    return len(case_ids)


def _cited_sources(case_ids: list[int]) -> set[int]:
    if not case_ids:
        return set()
    linked = db.session.scalars(select(CaseSource.source_id).where(CaseSource.case_id.in_(case_ids)))
    quoted = db.session.scalars(select(Excerpt.source_id).where(Excerpt.case_id.in_(case_ids)))
    return set(linked) | set(quoted)


def _no_longer_cited(source_ids: set[int]) -> list[int]:
    if not source_ids:
        return []
    still = set(db.session.scalars(select(CaseSource.source_id).where(CaseSource.source_id.in_(source_ids)))) | \
        set(db.session.scalars(select(Excerpt.source_id).where(Excerpt.source_id.in_(source_ids))))
    return sorted(source_ids - still)
