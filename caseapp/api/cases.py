"""/api/v1/cases: list, create, read and change cases; link parties."""
from __future__ import annotations

from flask import jsonify, request
from flask_login import current_user

from caseapp.api import blueprint
from caseapp.api.schemas import CaseCreate, CasePartyLink, CasePatch, case_json, given, json_body, link_json
from caseapp.auth.roles import CASE_CREATORS, CASE_READERS
from caseapp.cases import permissions, services
from caseapp.extensions import db
from caseapp.pagination import parse_limit
from caseapp.parties import services as parties
from caseapp.security import require, roles


def full_case_json(case):
    return case_json(case, parties.links_of_case(case))


@blueprint.get("/cases")
@roles(*CASE_READERS)
def list_cases():
    page = services.list_cases(
        current_user, request.args.get("q"), request.args.get("cursor"), parse_limit(request.args.get("limit"))
    )
    return jsonify(items=[full_case_json(case) for case in page.items], next_cursor=page.next_cursor)


@blueprint.post("/cases")
@roles(*CASE_CREATORS)
def create_case():
    data = given(CaseCreate.model_validate(json_body()))
    case = services.create_case(data, current_user)
    db.session.commit()
    return jsonify(full_case_json(case)), 201


@blueprint.get("/cases/<int:case_id>")
@roles(*CASE_READERS)
def get_case(case_id: int):
    return jsonify(full_case_json(services.get_case(case_id, current_user)))


@blueprint.patch("/cases/<int:case_id>")
@roles(*CASE_CREATORS)
def patch_case(case_id: int):
    case = services.get_case(case_id, current_user)
    require(permissions.can_edit_case(current_user, case))
    patch = CasePatch.model_validate(json_body())
    services.update_case(case, given(patch), current_user, patch.version)
    db.session.commit()
    return jsonify(full_case_json(case))


@blueprint.post("/cases/<int:case_id>/parties")
@roles(*CASE_CREATORS)
def link_party(case_id: int):
    case = services.get_case(case_id, current_user)
    require(permissions.can_edit_case(current_user, case))
    data = CasePartyLink.model_validate(json_body())
    link = parties.link_party(case, data.party_id, data.role, data.note, current_user)
    db.session.commit()
    return jsonify(link_json(link)), 201
