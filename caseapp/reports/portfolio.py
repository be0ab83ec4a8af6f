"""Figures over an organisation's cases: what the portfolio report, its CSV and its JSON show.

The cases counted are those the user may see, narrowed by the case-list
filters; for advocates that means verified and closed cases only. The
determination of each case is computed from its current findings, with the
same rules as its assessment page.
"""
from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from caseapp.assessment.models import Finding
from caseapp.auth.models import User
from caseapp.cases.filters import CaseFilters
from caseapp.cases.models import Case, WorkerGroup
from caseapp.search.cases import filtered_cases
from caseapp.db import utcnow
from caseapp.extensions import db
from caseapp.ilo import rules
from caseapp.ilo.catalogue import IDS
from caseapp.parties.models import CaseParty

CHUNK = 500
TIMELINE_YEARS = 80  # a timeline spanning more years shows only the years that have cases


@dataclass
class Portfolio:
    generated_at: datetime
    filters: dict[str, str]
    published_only: bool
    cases: int = 0
    workers_min: int = 0
    workers_max: int = 0
    groups_without_count: int = 0
    indicators: dict[str, dict[str, int]] = field(default_factory=dict)
    determinations: dict[str, int] = field(default_factory=dict)
    state_imposed: int = 0
    sanctions: dict[str, int] = field(default_factory=dict)
    by_country: list[tuple[str, int]] = field(default_factory=list)
    by_sector: list[tuple[str, int]] = field(default_factory=list)
    by_status: list[tuple[str, int]] = field(default_factory=list)
    timeline: list[tuple[str, int]] = field(default_factory=list)
    undated: int = 0


def compute(user: User, filters: CaseFilters) -> Portfolio:
    from caseapp.auth.roles import ADVOCATE

    rows = db.session.execute(filtered_cases(user, filters).with_only_columns(
        Case.id, Case.country, Case.sector, Case.status, Case.period_first, Case.period_start, Case.period_end)).all()
    result = Portfolio(utcnow(), filters.as_query(), user.role == ADVOCATE, cases=len(rows))
    ids = [row.id for row in rows]
    findings: dict[int, list[rules.Finding]] = defaultdict(list)
    groups: dict[int, list[WorkerGroup]] = defaultdict(list)
    state_party: set[int] = set()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        for f in db.session.scalars(select(Finding).where(Finding.case_id.in_(chunk))):
            findings[f.case_id].append(rules.Finding(f.indicator, f.status, tuple(f.stages or ()), f.signed_off))
        for g in db.session.scalars(select(WorkerGroup).where(WorkerGroup.case_id.in_(chunk))):
            groups[g.case_id].append(g)
        state_party.update(db.session.scalars(select(CaseParty.case_id).where(
            CaseParty.case_id.in_(chunk), CaseParty.role == "state_body")))
    wage_to_state = _wages_to_state(ids)

    indicator_counts = {i: {"present": 0, "suspected": 0} for i in IDS}
    verdicts: Counter[str] = Counter({rules.ESTABLISHED: 0, rules.POSSIBLE: 0, rules.NOT_ESTABLISHED: 0})
    sanctions: Counter[str] = Counter()
    years: Counter[int] = Counter()
    for row in rows:
        case_findings = sorted(findings.get(row.id, []), key=lambda f: IDS.index(f.indicator))
        for f in case_findings:
            if f.status in ("present", "suspected"):
                indicator_counts[f.indicator][f.status] += 1
        case_groups = groups.get(row.id, [])
        for g in case_groups:
            low = g.count_min if g.count_min is not None else g.count_max
            high = g.count_max if g.count_max is not None else g.count_min
            if low is None:
                result.groups_without_count += 1
                continue
            result.workers_min += low
            result.workers_max += high
        context = rules.Context(
            worker_origin=tuple(sorted({g.origin for g in case_groups if g.origin})),
            state_involved=row.id in state_party or row.id in wage_to_state,
            children_involved=any(g.children_involved for g in case_groups),
            period_start=row.period_start, period_end=row.period_end)
        determination = rules.determine(case_findings, context)
        verdicts[determination.forced_labour] += 1
        if determination.state_imposed.applies:
            result.state_imposed += 1
        for sanction in determination.sanctions:
            sanctions[sanction.instrument] += 1
        if row.period_first:
            years[row.period_first.year] += 1
        else:
            result.undated += 1
    result.indicators = indicator_counts
    result.determinations = dict(verdicts)
    result.sanctions = dict(sorted(sanctions.items()))
    result.by_country = _ranked(Counter(row.country or "" for row in rows))
    result.by_sector = _ranked(Counter(row.sector for row in rows))
    result.by_status = _ranked(Counter(row.status for row in rows))
    if years:
        first, last = min(years), max(years)
        # Every year between the first and the last, so gaps show; but a period typed as year 1 or 9999
        # must not make a chart of ten thousand bars: beyond a lifetime, only the years with cases.
        span = range(first, last + 1) if last - first <= TIMELINE_YEARS else sorted(years)
        result.timeline = [(str(year), years.get(year, 0)) for year in span]
    return result


def _wages_to_state(ids: list[int]) -> set[int]:
    found = set()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        for case_id, known in db.session.execute(select(Case.id, Case.conditions).where(Case.id.in_(chunk))):
            if (known or {}).get("wage_recipient") == "state":
                found.add(case_id)
    return found


def _ranked(counter: Counter) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def as_dict(p: Portfolio) -> dict[str, Any]:
    """The JSON of GET /api/v1/reports/portfolio and /reports/portfolio.json."""
    return {
        "generated_at": p.generated_at.isoformat(),
        "filters": p.filters,
        "published_only": p.published_only,
        "cases": p.cases,
        "workers": {"min": p.workers_min, "max": p.workers_max, "groups_without_count": p.groups_without_count},
        "indicators": [{"indicator": key, **counts} for key, counts in p.indicators.items()],
        "determinations": p.determinations,
        "state_imposed": p.state_imposed,
        "sanctions": p.sanctions,
        "by_country": [{"country": code or None, "cases": n} for code, n in p.by_country],
        "by_sector": [{"sector": key, "cases": n} for key, n in p.by_sector],
        "by_status": [{"status": key, "cases": n} for key, n in p.by_status],
        "timeline": [{"year": int(year), "cases": n} for year, n in p.timeline],
        "undated": p.undated,
    }


def as_csv(p: Portfolio) -> str:
    """The same figures as rows of (section, key, measure, value): one table a spreadsheet can pivot."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["section", "key", "measure", "value"])
    writer.writerow(["total", "", "cases", p.cases])
    writer.writerow(["workers", "", "min", p.workers_min])
    writer.writerow(["workers", "", "max", p.workers_max])
    writer.writerow(["workers", "", "groups_without_count", p.groups_without_count])
    for key, counts in p.indicators.items():
        for measure in ("present", "suspected"):
            writer.writerow(["indicator", key, measure, counts[measure]])
    for key, n in p.determinations.items():
        writer.writerow(["determination", key, "cases", n])
    writer.writerow(["state_imposed", "", "cases", p.state_imposed])
    for key, n in p.sanctions.items():
        writer.writerow(["sanction", key, "cases", n])
    for key, n in p.by_country:
        writer.writerow(["country", key, "cases", n])
    for key, n in p.by_sector:
        writer.writerow(["sector", key, "cases", n])
    for key, n in p.by_status:
        writer.writerow(["status", key, "cases", n])
    for year, n in p.timeline:
        writer.writerow(["year", year, "cases", n])
    writer.writerow(["year", "", "undated", p.undated])
    return out.getvalue()
