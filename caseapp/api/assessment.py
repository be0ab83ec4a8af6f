"""/api/v1/cases/<id>/findings and /assessment: the ILO assessment of a case."""
from __future__ import annotations

from typing import Any

from flask import jsonify, request
from flask_login import current_user
from pydantic import Field

from caseapp.api import blueprint
from caseapp.cases.views import load_case
from caseapp.sources.views import load_source
from caseapp.api.schemas import StrictInput, _literal, isoformat, json_body
from caseapp.api.sources import evidence_json
from caseapp.assessment import permissions, proposals, services
from caseapp.errors import N_, ServiceError
from caseapp.auth.roles import CASE_CREATORS, CASE_READERS, COORDINATOR
from caseapp.ilo.catalogue import STAGES, STATUSES
from caseapp.security import require, roles
from caseapp.validation import whole_number


class FindingPut(StrictInput):
    status: _literal(STATUSES)
    stages: list[_literal(STAGES)] = Field(default_factory=list,
                                           description="Required (at least one) for present and suspected")
    excerpt_ids: list[int] = Field(default_factory=list, description="Excerpts of this case supporting it")
    note: str = Field("", max_length=10_000)


def finding_json(finding) -> dict[str, Any]:
    return {
        "indicator": finding.indicator, "status": finding.status, "stages": list(finding.stages or []),
        "excerpt_ids": [e.id for e in finding.excerpts], "note": finding.note,
        "signed_off": finding.signed_off, "signed_off_by_id": finding.signed_off_by_id,
        "signed_off_at": isoformat(finding.signed_off_at), "changed_by_id": finding.changed_by_id,
        "changed_at": isoformat(finding.changed_at),
        # Everyone who recorded or changed it since its last sign-off: none of them may sign it off.
        "contributor_ids": list(finding.contributor_ids or []),
    }


@blueprint.put("/cases/<int:case_id>/findings/<indicator>")
@roles(*CASE_CREATORS)
def put_finding(case_id: int, indicator: str):
    case = load_case(case_id)
    require(permissions.can_record_findings, case)
    data = FindingPut.model_validate(json_body())
    finding = services.record_finding(case, indicator, data.model_dump(), current_user)
    return jsonify(finding_json(finding))


@blueprint.post("/cases/<int:case_id>/findings/<indicator>/signoff")
@roles(COORDINATOR)
def sign_off_finding(case_id: int, indicator: str):
    case = load_case(case_id)
    require(permissions.can_sign_off_findings, case)
    finding = services.sign_off(case, indicator, current_user)
    return jsonify(finding_json(finding))


@blueprint.get("/cases/<int:case_id>/assessment")
@roles(*CASE_READERS)
def get_assessment(case_id: int):
    case = load_case(case_id)
    require(permissions.can_view_assessment, case)
    result = services.determination(case).as_dict()
    findings = sorted(services.findings_of(case).values(), key=lambda f: f.indicator)
    return jsonify(result | {"findings": [finding_json(f) for f in findings]})


class ProposalChoice(StrictInput):
    case_id: int
    indicator: str | None = None
    fact: str | None = None
    start: int
    end: int
    stage: _literal(STAGES) = Field("employment", description="For an indicator: the stage of the new finding")


@blueprint.get("/sources/<int:source_id>/suggestions")
@roles(*CASE_READERS)
def list_proposals(source_id: int):
    source = load_source(source_id)  # 404 first, then what the request lacks
    raw = request.args.get("case_id", "")
    if not raw:
        raise ServiceError(N_("Give the case the proposals are for."), "case_id")
    case = load_case(whole_number(raw, "case_id"))
    found = proposals.proposals_for(source, case)
    return jsonify(
        language=found.language,
        suggestions=[{"indicator": p.name, "start": p.start, "end": p.end, "quote": p.quote, "cue": p.cue,
                      "confidence": p.confidence} for p in found.items if p.kind == "indicator"],
        facts=[{"fact": p.name, "value": p.value, "start": p.start, "end": p.end, "quote": p.quote}
               for p in found.items if p.kind == "fact"],
        # A source longer than SUGGEST_MAX_CHARS is read up to there.
        truncated=found.truncated, read_chars=found.read_chars, text_chars=found.text_chars,
    )


@blueprint.post("/sources/<int:source_id>/suggestions/accept")
@roles(*CASE_CREATORS)
def accept_proposal(source_id: int):
    source = load_source(source_id)
    data = ProposalChoice.model_validate(json_body())
    case = load_case(data.case_id)
    require(permissions.can_record_findings, case)
    made = proposals.accept(source, case, data.model_dump(), current_user, data.stage)
    return jsonify(finding_json(made) if data.indicator else evidence_json(made)), 201


@blueprint.post("/sources/<int:source_id>/suggestions/dismiss")
@roles(*CASE_CREATORS)
def dismiss_proposal(source_id: int):
    source = load_source(source_id)
    data = ProposalChoice.model_validate(json_body())
    case = load_case(data.case_id)
    require(permissions.can_record_findings, case)
    proposals.dismiss(source, case, data.model_dump(), current_user)
    return "", 204
