"""/api/v1/cases/<id>/persons and /api/v1/persons/<id>: need-to-know only."""
from __future__ import annotations

from flask import jsonify
from flask_login import current_user

from caseapp.api import blueprint
from caseapp.api.schemas import PersonCreate, PersonPatch, given, json_body, person_json
from caseapp.auth.roles import ROLES
from caseapp.cases import services as cases
from caseapp.extensions import db
from caseapp.persons import services
from caseapp.persons import permissions
from caseapp.security import require, roles

# Every role passes the gate: people are hidden per case by need-to-know, and
# someone without it (an advocate, another caseworker) gets 404, as for a missing record.


@blueprint.get("/cases/<int:case_id>/persons")
@roles(*ROLES)
def list_persons(case_id: int):
    case = cases.get_case(case_id, current_user)
    return jsonify(items=[person_json(p) for p in services.persons_of_case(case, current_user)], next_cursor=None)


@blueprint.post("/cases/<int:case_id>/persons")
@roles(*ROLES)
def create_person(case_id: int):
    case = cases.get_case(case_id, current_user)
    services.persons_of_case(case, current_user)  # 404 unless this user has need-to-know
    require(permissions.can_edit_persons(current_user, case))
    person = services.create_person(case, given(PersonCreate.model_validate(json_body())), current_user)
    db.session.commit()
    return jsonify(person_json(person)), 201


@blueprint.get("/persons/<int:person_id>")
@roles(*ROLES)
def get_person(person_id: int):
    return jsonify(person_json(services.get_person(person_id, current_user)))


@blueprint.patch("/persons/<int:person_id>")
@roles(*ROLES)
def patch_person(person_id: int):
    person = services.get_person(person_id, current_user)
    require(permissions.can_edit_persons(current_user, person.case))
    patch = PersonPatch.model_validate(json_body())
    services.update_person(person, given(patch), current_user, patch.version)
    db.session.commit()
    return jsonify(person_json(person))


@blueprint.delete("/persons/<int:person_id>")
@roles(*ROLES)
def delete_person(person_id: int):
    person = services.get_person(person_id, current_user)
    services.delete_person(person, current_user)
    db.session.commit()
    return "", 204


