"""/api/v1/cases: list, create and read cases."""
from __future__ import annotations

from flask import jsonify, request
from flask_login import current_user

from caseapp.api import blueprint
from caseapp.api.schemas import CaseCreate, case_json, json_body
from caseapp.auth.roles import CASE_CREATORS, CASE_READERS
from caseapp.cases import services
from caseapp.extensions import db
from caseapp.pagination import parse_limit
from caseapp.security import roles


@blueprint.get("/cases")
@roles(*CASE_READERS)
def list_cases():
    page = services.list_cases(
        current_user, request.args.get("q"), request.args.get("cursor"), parse_limit(request.args.get("limit"))
    )
    return jsonify(items=[case_json(case) for case in page.items], next_cursor=page.next_cursor)


@blueprint.post("/cases")
@roles(*CASE_CREATORS)
def create_case():
    data = CaseCreate.model_validate(json_body())
    case = services.create_case(services.CaseInput(**data.model_dump()), current_user)
    db.session.commit()
    return jsonify(case_json(case)), 201


@blueprint.get("/cases/<int:case_id>")
@roles(*CASE_READERS)
def get_case(case_id: int):
    return jsonify(case_json(services.get_case(case_id, current_user)))
