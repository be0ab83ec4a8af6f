"""/api/v1/cases/<id>/findings and /assessment: the ILO assessment of a case."""
from __future__ import annotations

from flask import request
from flask_login import current_user

from caseapp.api import blueprint, responses
from caseapp.api.operations import WRITE, Reply, answer, described, no_content
from caseapp.api.bodies import json_body
from caseapp.assessment.inputs import FindingPut, ProposalChoice, SignOff
from caseapp.cases.views import load_case
from caseapp.sources.views import load_source
from caseapp.assessment import permissions, proposals, services
from caseapp.errors import N_, ServiceError
from caseapp.auth.roles import CASE_CREATORS, CASE_READERS, COORDINATOR
from caseapp.security import require, roles
from caseapp.validation import whole_number


TAG = "Assessment"
SUGGESTIONS = "Suggestions"


@blueprint.put("/cases/<int:case_id>/findings/<indicator>")
@roles(*CASE_CREATORS)
@described("Record the finding for one ILO indicator; any change voids its sign-off", tag=TAG,
           model=responses.Finding, reply="The finding", body=FindingPut, errors=WRITE)
def put_finding(case_id: int, indicator: str):
    case = load_case(case_id)
    require(permissions.can_record_findings, case)
    data = FindingPut.model_validate(json_body())
    finding = services.record_finding(case, indicator, data.model_dump(), current_user)
    return answer(responses.Finding.of(finding))


@blueprint.post("/cases/<int:case_id>/findings/<indicator>/signoff")
@roles(COORDINATOR)
@described("Sign off a finding (coordinators; never anyone who recorded or changed it since its last sign-off). "
           "Send the `version` you read: a finding changed since is refused with 409", tag=TAG,
           model=responses.Finding, reply="The finding", body=SignOff, body_required=False,
           errors=(401, 403, 404, 409, 422, 429))
def sign_off_finding(case_id: int, indicator: str):
    case = load_case(case_id)
    require(permissions.can_sign_off_findings, case)
    read = SignOff.model_validate(json_body() if request.content_length else {})
    finding = services.sign_off(case, indicator, current_user, read.version)
    return answer(responses.Finding.of(finding))


@blueprint.get("/cases/<int:case_id>/assessment")
@roles(*CASE_READERS)
@described("The determination under the ILO rules, with its reasons and the separate tracks", tag=TAG,
           model=responses.Assessment, reply="The assessment", errors=(401, 403, 404, 429))
def get_assessment(case_id: int):
    case = load_case(case_id)
    require(permissions.can_view_assessment, case)
    findings = sorted(services.findings_of(case).values(), key=lambda f: f.indicator)
    return answer(responses.Assessment.of(services.determination(case), findings))


@blueprint.get("/sources/<int:source_id>/suggestions")
@roles(*CASE_READERS)
@described("Open proposals for a source and a case (dismissed and accepted ones left out)", tag=SUGGESTIONS,
           model=responses.Proposals, reply="The proposals", errors=(401, 404, 422, 429),
           parameters=[{"name": "case_id", "in": "query", "required": True, "schema": {"type": "integer"}}],
           query_example={"case_id": "1"})
def list_proposals(source_id: int):
    source = load_source(source_id)  # 404 first, then what the request lacks
    raw = request.args.get("case_id", "")
    if not raw:
        raise ServiceError(N_("Give the case the proposals are for."), "case_id")
    case = load_case(whole_number(raw, "case_id"))
    # A source longer than SUGGEST_MAX_CHARS is read up to there, and the answer says so.
    return answer(responses.Proposals.of(proposals.proposals_for(source, case)))




@blueprint.post("/sources/<int:source_id>/suggestions/accept")
@roles(*CASE_CREATORS)
@described("Accept a proposal: quote its passage and make a suspected finding (indicator) or evidence for the "
           "fact", tag=SUGGESTIONS, body=ProposalChoice, errors=WRITE,
           replies={201: Reply("The finding (for an indicator) or the evidence (for a fact)", responses.Accepted)})
def accept_proposal(source_id: int):
    source = load_source(source_id)
    data = ProposalChoice.model_validate(json_body())
    case = load_case(data.case_id)
    require(permissions.can_record_findings, case)
    made = proposals.accept(source, case, data.model_dump(), current_user, data.stage)
    return answer(responses.Finding.of(made) if data.indicator else responses.Evidence.of(made), 201)


@blueprint.post("/sources/<int:source_id>/suggestions/dismiss")
@roles(*CASE_CREATORS)
@described("Dismiss a proposal; it is not proposed again for that source and case", tag=SUGGESTIONS,
           body=ProposalChoice, errors=WRITE, replies={204: Reply("Dismissed")})
def dismiss_proposal(source_id: int):
    source = load_source(source_id)
    data = ProposalChoice.model_validate(json_body())
    case = load_case(data.case_id)
    require(permissions.can_record_findings, case)
    proposals.dismiss(source, case, data.model_dump(), current_user)
    return no_content()
