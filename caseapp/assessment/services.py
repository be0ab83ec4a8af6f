"""Recording findings, signing them off, and the case's determination. The caller commits."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from caseapp.assessment import permissions
from caseapp.assessment.models import Assessment, Finding
from caseapp.audit.services import record
from caseapp.auth.models import User
from caseapp.cases.models import Case
from caseapp.cases.services import reopen_if_verified
from caseapp.db import utcnow
from caseapp.locking import check_version
from caseapp.errors import N_, NotAllowed, ServiceError
from caseapp.extensions import db
from caseapp.ilo import rules
from caseapp.ilo.catalogue import BY_ID, IDS, STAGES, STATUSES
from caseapp.sources.models import Excerpt
from caseapp.transaction import undo
from caseapp.assessment.limits import NOTE_MAX


def findings_of(case: Case) -> dict[str, Finding]:
    return {f.indicator: f for f in db.session.scalars(select(Finding).where(Finding.case_id == case.id))}


def _clean(data: dict[str, Any], case: Case) -> dict[str, Any]:
    status = data.get("status")
    if status not in STATUSES:
        raise ServiceError(N_("Choose one of: %(choices)s."), "status", choices=", ".join(STATUSES))
    stages = data.get("stages") or []
    if not isinstance(stages, list) or any(stage not in STAGES for stage in stages):
        raise ServiceError(N_("Stages are among: %(choices)s."), "stages", choices=", ".join(STAGES))
    stages = [stage for stage in STAGES if stage in stages]
    if status in rules.COUNTED and not stages:
        raise ServiceError(N_("Say at which stage: a present or suspected finding needs at least one."), "stages")
    note = data.get("note") or ""
    if not isinstance(note, str) or len(note) > 10_000:
        raise ServiceError(N_("Keep this under %(max)s characters."), "note", max=NOTE_MAX)
    ids = data.get("excerpt_ids") or []
    if not isinstance(ids, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
        raise ServiceError(N_("Give the excerpts as a list of ids."), "excerpt_ids")
    excerpts = list(db.session.scalars(select(Excerpt).where(Excerpt.id.in_(ids), Excerpt.case_id == case.id)))
    if len(excerpts) != len(set(ids)):
        raise ServiceError(N_("There is no such excerpt in this case."), "excerpt_ids")
    return {"status": status, "stages": stages, "note": note.strip(), "excerpts": excerpts}


def _snapshot(finding: Finding | None) -> dict[str, Any]:
    if finding is None:
        return {}
    return {"status": finding.status, "stages": list(finding.stages or []), "note": finding.note,
            "excerpt_ids": sorted(e.id for e in finding.excerpts)}


def record_finding(case: Case, indicator: str, data: dict[str, Any], actor: User) -> Finding:
    """Set what the case shows for an indicator; any change voids an earlier sign-off."""
    if indicator not in BY_ID:
        raise ServiceError(N_("%(key)s is not one of the 11 ILO indicators."), "indicator", key=indicator)
    if not permissions.can_record_findings(actor, case):
        raise PermissionError("record findings")
    clean = _clean(data, case)
    finding = findings_of(case).get(indicator)
    before = _snapshot(finding)
    if finding is None:
        finding = Finding(case_id=case.id, indicator=indicator, changed_by_id=actor.id)
        db.session.add(finding)
    finding.status, finding.stages, finding.note = clean["status"], clean["stages"], clean["note"]
    finding.excerpts = clean["excerpts"]
    after = _snapshot(finding)
    if before == after:
        return finding
    changes = {key: {"old": before.get(key), "new": value} for key, value in after.items()
               if before.get(key) != value}
    if finding.signed_off:
        changes["signed_off"] = {"old": True, "new": False}
    finding.signed_off_by_id, finding.signed_off_at = None, None
    finding.changed_by_id, finding.changed_at = actor.id, utcnow()
    finding.contributor_ids = sorted({*(finding.contributor_ids or []), actor.id})
    _flush_unless_changed_meanwhile()
    record("finding.record", finding, actor, {f"{indicator}.{k}": v for k, v in changes.items()})
    reopen_if_verified(case, actor)
    save_assessment(case, actor)
    return finding


def add_excerpt_to_finding(case: Case, indicator: str, excerpt: Excerpt, stage: str, actor: User) -> Finding:
    """From a quote: extend the finding with it, or start a suspected one at that stage."""
    finding = findings_of(case).get(indicator)
    if finding is None or finding.status not in rules.COUNTED:
        data = {"status": "suspected", "stages": [stage], "note": "", "excerpt_ids": [excerpt.id]}
    else:
        data = {"status": finding.status, "stages": sorted(set(finding.stages) | {stage}, key=STAGES.index),
                "note": finding.note, "excerpt_ids": [e.id for e in finding.excerpts] + [excerpt.id]}
    return record_finding(case, indicator, data, actor)


def quote_as_evidence(source, case: Case, data: dict[str, Any], actor: User, fact: str | None = None,
                      fact_value: Any = None, indicator: str | None = None, stage: str = "employment") -> Excerpt:
    """Save a passage as an excerpt of the case and, if asked, as evidence for a fact and for an indicator."""
    from caseapp.sources import evidence

    excerpt = evidence.create_excerpt(source, case, data, actor)
    if fact:
        evidence.attach_evidence(case, fact, excerpt.id, fact_value, actor)
    if indicator:
        add_excerpt_to_finding(case, indicator, excerpt, stage, actor)
    return excerpt


def _flush_unless_changed_meanwhile() -> None:
    """Write the finding, unless someone changed it since it was read: then nothing is written."""
    try:
        db.session.flush()
    except StaleDataError:
        undo()
        raise ServiceError(N_("Someone changed this finding at the same moment; look at it again."),
                           "indicator") from None


FOUR_EYES = N_("You recorded or changed this finding since its last sign-off, so another coordinator signs it off "
               "(four eyes).")


def sign_off(case: Case, indicator: str, actor: User, read_version: int | None = None) -> Finding:
    """Sign off the finding as the coordinator read it: `read_version` is the version they were shown,
    and a finding changed since is refused (Conflict), so no one approves a text they did not see."""
    finding = findings_of(case).get(indicator)
    if finding is None:
        raise ServiceError(N_("There is no finding for this indicator yet."), "indicator")
    if read_version is not None:
        check_version(finding, read_version)
    if finding.signed_off:
        raise ServiceError(N_("This finding is already signed off."), "indicator")
    if permissions.contributed(actor, finding) and actor.role == "coordinator":
        raise NotAllowed(FOUR_EYES)
    if not permissions.can_sign_off(actor, case, finding):
        raise PermissionError("sign off")
    finding.signed_off_by_id, finding.signed_off_at = actor.id, utcnow()
    finding.contributor_ids = []  # the next change starts a new round: its authors may not sign it off
    _flush_unless_changed_meanwhile()
    record("finding.signoff", finding, actor, {f"{indicator}.signed_off": {"old": False, "new": True}})
    save_assessment(case, actor)
    return finding


def context_of(case: Case) -> rules.Context:
    """What the determination needs to know about the case beyond its findings."""
    from caseapp.parties.services import links_of_case

    state_party = any(link.role == "state_body" for link in links_of_case(case))
    wages_to_state = (case.conditions or {}).get("wage_recipient") == "state"
    return rules.Context(
        worker_origin=tuple(sorted({g.origin for g in case.worker_groups if g.origin})),
        state_involved=state_party or wages_to_state,
        children_involved=any(g.children_involved for g in case.worker_groups),
        period_start=case.period_start, period_end=case.period_end,
    )


def rule_findings(case: Case) -> list[rules.Finding]:
    return [rules.Finding(f.indicator, f.status, tuple(f.stages or ()), f.signed_off)
            for f in sorted(findings_of(case).values(), key=lambda f: IDS.index(f.indicator))]


def determination(case: Case) -> rules.Determination:
    return rules.determine(rule_findings(case), context_of(case))


def save_assessment(case: Case, actor: User) -> Assessment:
    """Keep the determination as computed now, with the rules version and its inputs."""
    result = determination(case)
    context = context_of(case)
    inputs = {"findings": [{"indicator": f.indicator, "status": f.status, "stages": list(f.stages),
                            "signed_off": f.signed_off} for f in rule_findings(case)],
              "context": {"worker_origin": list(context.worker_origin), "state_involved": context.state_involved,
                          "children_involved": context.children_involved, "period_start": context.period_start,
                          "period_end": context.period_end}}
    assessment = Assessment(case_id=case.id, rules_version=result.rules_version, result=result.as_dict(),
                            inputs=inputs, created_by_id=actor.id)
    db.session.add(assessment)
    return assessment

