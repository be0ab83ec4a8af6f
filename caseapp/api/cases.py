"""/api/v1/cases: list, create, read and change cases; link parties."""
from __future__ import annotations

from flask import request
from flask_login import current_user

from caseapp.api import blueprint, responses
from caseapp.api.errors import error_response
from caseapp.api.openapi import CASE_FILTERS
from caseapp.api.operations import LIST, REMOVE, UPDATE, WRITE, Reply, answer, described, no_content
from caseapp.api.bodies import json_body
from caseapp.cases.inputs import Assignment, CasePatch, CommentCreate, Transition, given
from caseapp.parties.inputs import CaseCreate, CasePartyLinkCreate
from caseapp.cases.models import Case
from caseapp.cases.views import load_case
from caseapp.loading import load
from caseapp.auth.roles import ADMIN, CASE_CREATORS, CASE_READERS, COORDINATOR
from caseapp.cases import permissions, review, services
from caseapp.search import cases as search
from caseapp.cases.filters import parse_filters
from caseapp.pagination import parse_limit
from caseapp.parties import permissions as party_permissions
from caseapp.parties import services as parties
from caseapp.security import require, roles
from caseapp.parties.records import create_case_record


TAG = "Cases"


def full_case(case) -> responses.Case:
    """The case as the API and the JSON export give it: with its parties."""
    return responses.Case.of(case, parties.links_of_case(case))


def full_case_json(case) -> dict:
    return full_case(case).json()


@blueprint.get("/cases")
@roles(*CASE_READERS)
@described("List the cases visible to this user, filtered and sorted (newest change first)", tag=TAG,
           model=responses.CaseList, reply="A page of cases", parameters=CASE_FILTERS, errors=LIST,
           query_example={"status": "verified", "country": "RU", "limit": "10"})
def list_cases():
    require(permissions.can_list_cases)
    filters = parse_filters(request.args)
    page = search.list_cases(current_user, filters, request.args.get("cursor"), parse_limit(request.args.get("limit")))
    return answer(responses.CaseList(items=[full_case(case) for case in page.items], next_cursor=page.next_cursor))


@blueprint.post("/cases")
@roles(*CASE_CREATORS)
@described("Create a case (caseworkers and coordinators); the creator is the assignee by default", tag=TAG,
           model=responses.Case, status=201, reply="The new case", body=CaseCreate, errors=WRITE)
def create_case():
    require(permissions.can_create_case)
    data = given(CaseCreate.model_validate(json_body()))
    case = create_case_record(data, current_user)
    return answer(full_case(case), 201)


@blueprint.get("/cases/<int:case_id>")
@roles(*CASE_READERS)
@described("One case, with its worker groups, conditions, parties and actions", tag=TAG, model=responses.Case,
           reply="The case")
def get_case(case_id: int):
    return answer(full_case(load_case(case_id)))


@blueprint.patch("/cases/<int:case_id>")
@roles(*CASE_CREATORS)
@described("Change a case: send `version` and the fields to change; `status`, `organisation` and `reference` "
           "are never accepted", tag=TAG, model=responses.Case, reply="The changed case", body=CasePatch,
           errors=UPDATE)
def patch_case(case_id: int):
    case = load_case(case_id)
    require(permissions.can_edit_case, case)
    patch = CasePatch.model_validate(json_body())
    services.update_case(case, given(patch), current_user, patch.version)
    return answer(full_case(case))


@blueprint.delete("/cases/<int:case_id>")
@roles(*CASE_CREATORS)
@described("Delete a draft: it goes to the bin, gone from every list, where a coordinator or an admin can "
           "restore it for BIN_DAYS days (30 by default) before `flask retention run` deletes it for good", tag=TAG,
           replies={204: Reply("In the bin")}, errors=REMOVE)
def delete_case(case_id: int):
    case = load_case(case_id)
    require(permissions.can_delete_case, case)
    review.delete_draft(case, current_user)
    return no_content()


@blueprint.post("/cases/<int:case_id>/restore")
@roles(COORDINATOR, ADMIN)
@described("Restore a deleted draft from the bin (coordinators and admins; audited as `case.restore`); a case "
           "that is not in the bin, or is another organisation's, is 404", tag=TAG, model=responses.Case,
           reply="The restored case, a draft again", errors=REMOVE)
def restore_case(case_id: int):
    case = load(Case, case_id, permissions.can_restore_case)
    review.restore(case, current_user)
    return answer(full_case(case))


@blueprint.post("/cases/<int:case_id>/transitions")
@roles(*CASE_CREATORS)
@described("Move the case to another status: role checked first (403), then the status (409); verifying a case "
           "whose findings marked present are not all signed off is 422, naming them", tag=TAG,
           model=responses.Case, reply="The case in its new status", body=Transition, errors=WRITE,
           replies={409: Reply("Not a move from the current status", responses.InvalidTransition)})
def move_case(case_id: int):
    case = load_case(case_id)
    data = Transition.model_validate(json_body())
    require(permissions.can_move_case, case, data.to)
    try:
        review.transition(case, data.to, data.comment, current_user)
    except review.InvalidTransition as refused:
        return error_response(409, code="invalid_transition", current={"status": refused.current},
                              message=f"A case cannot move from {refused.current} to {refused.target}.")
    return answer(full_case(case))


@blueprint.post("/cases/<int:case_id>/assign")
@roles(COORDINATOR)
@described("Assign the case (coordinators)", tag=TAG, model=responses.Case, reply="The case", body=Assignment,
           errors=WRITE)
def assign_case(case_id: int):
    case = load_case(case_id)
    require(permissions.can_assign, case)
    data = Assignment.model_validate(json_body())
    review.assign(case, data.assignee_id, current_user)
    return answer(full_case(case))


@blueprint.get("/cases/<int:case_id>/comments")
@roles(*CASE_READERS)
@described("The case's comment thread, oldest first", tag=TAG, model=responses.CommentList, reply="The comments")
def list_comments(case_id: int):
    case = load_case(case_id)
    return answer(responses.CommentList(items=[responses.Comment.of(c) for c in review.comments_of(case)],
                                        next_cursor=None))


@blueprint.post("/cases/<int:case_id>/comments")
@roles(*CASE_CREATORS)
@described("Add a comment", tag=TAG, model=responses.Comment, status=201, reply="The comment", body=CommentCreate,
           errors=WRITE)
def add_comment(case_id: int):
    case = load_case(case_id)
    require(permissions.can_comment, case)
    data = CommentCreate.model_validate(json_body())
    comment = review.add_comment(case, data.body, current_user)
    return answer(responses.Comment.of(comment), 201)


@blueprint.post("/cases/<int:case_id>/parties")
@roles(*CASE_CREATORS)
@described("Link a party to the case with a role", tag=TAG, model=responses.CasePartyLink, status=201,
           reply="The link", body=CasePartyLinkCreate, errors=WRITE)
def link_party(case_id: int):
    case = load_case(case_id)
    require(party_permissions.can_link_parties, case)
    data = CasePartyLinkCreate.model_validate(json_body())
    link = parties.link_party(case, data.party_id, data.role, data.note, current_user)
    return answer(responses.CasePartyLink.of(link), 201)
