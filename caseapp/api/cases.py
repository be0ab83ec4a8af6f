"""/api/v1/cases: list, create, read and change cases; link parties."""
from __future__ import annotations

from flask import jsonify, request
from flask_login import current_user

from caseapp.api import blueprint
from caseapp.api.errors import error_response
from caseapp.cases.views import load_case
from caseapp.api.schemas import (Assignment, CaseCreate, CasePartyLink, CasePatch, CommentCreate, Transition, case_json,
                                 comment_json, given, json_body, link_json)
from caseapp.auth.roles import CASE_CREATORS, CASE_READERS, COORDINATOR
from caseapp.cases import permissions, review, services
from caseapp.search import cases as search
from caseapp.cases.filters import parse_filters
from caseapp.pagination import parse_limit
from caseapp.parties import permissions as party_permissions
from caseapp.parties import services as parties
from caseapp.security import require, roles
from caseapp.parties.records import create_case_record


def full_case_json(case):
    return case_json(case, parties.links_of_case(case))


@blueprint.get("/cases")
@roles(*CASE_READERS)
def list_cases():
    require(permissions.can_list_cases)
    filters = parse_filters(request.args)
    page = search.list_cases(current_user, filters, request.args.get("cursor"), parse_limit(request.args.get("limit")))
    return jsonify(items=[full_case_json(case) for case in page.items], next_cursor=page.next_cursor)


@blueprint.post("/cases")
@roles(*CASE_CREATORS)
def create_case():
    require(permissions.can_create_case)
    data = given(CaseCreate.model_validate(json_body()))
    case = create_case_record(data, current_user)
    return jsonify(full_case_json(case)), 201


@blueprint.get("/cases/<int:case_id>")
@roles(*CASE_READERS)
def get_case(case_id: int):
    return jsonify(full_case_json(load_case(case_id)))


@blueprint.patch("/cases/<int:case_id>")
@roles(*CASE_CREATORS)
def patch_case(case_id: int):
    case = load_case(case_id)
    require(permissions.can_edit_case, case)
    patch = CasePatch.model_validate(json_body())
    services.update_case(case, given(patch), current_user, patch.version)
    return jsonify(full_case_json(case))


@blueprint.delete("/cases/<int:case_id>")
@roles(*CASE_CREATORS)
def delete_case(case_id: int):
    case = load_case(case_id)
    require(permissions.can_delete_case, case)
    review.delete_draft(case, current_user)
    return "", 204


@blueprint.post("/cases/<int:case_id>/transitions")
@roles(*CASE_CREATORS)
def move_case(case_id: int):
    case = load_case(case_id)
    data = Transition.model_validate(json_body())
    require(permissions.can_move_case, case, data.to)
    try:
        review.transition(case, data.to, data.comment, current_user)
    except review.InvalidTransition as refused:
        return error_response(409, code="invalid_transition", current={"status": refused.current},
                              message=f"A case cannot move from {refused.current} to {refused.target}.")
    return jsonify(full_case_json(case))


@blueprint.post("/cases/<int:case_id>/assign")
@roles(COORDINATOR)
def assign_case(case_id: int):
    case = load_case(case_id)
    require(permissions.can_assign, case)
    data = Assignment.model_validate(json_body())
    review.assign(case, data.assignee_id, current_user)
    return jsonify(full_case_json(case))


@blueprint.get("/cases/<int:case_id>/comments")
@roles(*CASE_READERS)
def list_comments(case_id: int):
    case = load_case(case_id)
    return jsonify(items=[comment_json(c) for c in review.comments_of(case)], next_cursor=None)


@blueprint.post("/cases/<int:case_id>/comments")
@roles(*CASE_CREATORS)
def add_comment(case_id: int):
    case = load_case(case_id)
    require(permissions.can_comment, case)
    data = CommentCreate.model_validate(json_body())
    comment = review.add_comment(case, data.body, current_user)
    return jsonify(comment_json(comment)), 201


@blueprint.post("/cases/<int:case_id>/parties")
@roles(*CASE_CREATORS)
def link_party(case_id: int):
    case = load_case(case_id)
    require(party_permissions.can_link_parties, case)
    data = CasePartyLink.model_validate(json_body())
    link = parties.link_party(case, data.party_id, data.role, data.note, current_user)
    return jsonify(link_json(link)), 201
