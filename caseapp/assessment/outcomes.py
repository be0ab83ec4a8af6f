"""Each case's determination kept beside it (CaseOutcome), in step with its findings.

Every flush that adds, changes or removes a finding works the determination of that finding's case out again
from the finding rows as they now are, in the same transaction (`track`, installed once by the app): a list
filtered by "established" is right the moment a coordinator signs a finding off, and a rolled-back change
leaves it as it was. `rebuild` does it for every case (the migration that made the table, `flask search
reindex`).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from sqlalchemy import delete, event, exists, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from caseapp.assessment.models import CaseOutcome, Finding
from caseapp.ilo import rules
from caseapp.ilo.catalogue import IDS

OUTCOMES = rules.OUTCOMES
CHUNK = 500


def outcome_of(findings: list[rules.Finding]) -> str:
    """The determination these findings give (the context changes the separate tracks, never this)."""
    ordered = sorted(findings, key=lambda f: IDS.index(f.indicator))
    try:
        return rules.determine(ordered).forced_labour
    except rules.InvalidFindings:  # not stored by the services; counted as nothing shown
        return rules.NOT_ESTABLISHED


def determination_is(case_id, outcome: str):
    """The condition that the case whose id is in this column has this determination (a case without
    findings has no row: not established)."""
    decided = exists().where(CaseOutcome.case_id == case_id, CaseOutcome.forced_labour == outcome)
    if outcome == rules.NOT_ESTABLISHED:
        return or_(decided, ~exists().where(CaseOutcome.case_id == case_id))
    return decided


def refresh(connection: Connection, case_ids: Iterable[int]) -> None:
    """Work out again the determination of these cases from their findings as they are now."""
    ids = sorted({case_id for case_id in case_ids if case_id is not None})
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        findings: dict[int, list[rules.Finding]] = defaultdict(list)
        for case_id, indicator, status, stages, signed_by in connection.execute(
                select(Finding.case_id, Finding.indicator, Finding.status, Finding.stages, Finding.signed_off_by_id)
                .where(Finding.case_id.in_(chunk))):
            findings[case_id].append(rules.Finding(indicator, status, tuple(stages or ()), signed_by is not None))
        connection.execute(delete(CaseOutcome).where(CaseOutcome.case_id.in_(set(chunk) - set(findings))))
        if findings:
            insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
            statement = insert(CaseOutcome)
            statement = statement.on_conflict_do_update(
                index_elements=[CaseOutcome.case_id],
                set_={"forced_labour": statement.excluded.forced_labour,
                      "rules_version": statement.excluded.rules_version})
            connection.execute(statement, [
                {"case_id": case_id, "forced_labour": outcome_of(found), "rules_version": rules.RULES_VERSION}
                for case_id, found in findings.items()])


def rebuild(connection: Connection) -> int:
    """Every case's determination again (after a rules change, or to check the kept ones). Returns how many
    cases have findings."""
    ids = list(connection.scalars(select(Finding.case_id).distinct()))
    connection.execute(delete(CaseOutcome).where(CaseOutcome.case_id.not_in(select(Finding.case_id))))
    refresh(connection, ids)
    return len(ids)


def _after_flush(session: Session, _context) -> None:
    cases = {record.case_id for record in (*session.new, *session.dirty, *session.deleted)
             if isinstance(record, Finding)}
    if cases:
        refresh(session.connection(), cases)


def track() -> None:
    """Work out the determination of every case whose findings a flush changed, in its transaction."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
