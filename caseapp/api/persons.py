"""/api/v1/cases/<id>/persons and /api/v1/persons/<id>: need-to-know only."""
from __future__ import annotations

from flask import jsonify
from flask_login import current_user

from caseapp.api import blueprint
from caseapp.cases.views import load_case
from caseapp.persons.views import load_person
from caseapp.api.schemas import PersonCreate, PersonPatch, given, json_body, person_json
from caseapp.auth.roles import ROLES
from caseapp.persons import services
from caseapp.persons import permissions
from caseapp.security import require, roles

# Every role passes the gate: people are hidden per case by need-to-know, and
# someone without it (an advocate, another caseworker) gets 404, as for a missing record.


@blueprint.get("/cases/<int:case_id>/persons")
@roles(*ROLES)
def list_persons(case_id: int):
    case = load_case(case_id)
    require(permissions.can_view_persons, case, hide=True)
    items = [person_json(p) for p in _viewed(services.persons_of_case(case, current_user))]
    return jsonify(items=items, next_cursor=None)


@blueprint.post("/cases/<int:case_id>/persons")
@roles(*ROLES)
def create_person(case_id: int):
    case = load_case(case_id)
    require(permissions.can_view_persons, case, hide=True)
    require(permissions.can_edit_persons, case)
    person = services.create_person(case, given(PersonCreate.model_validate(json_body())), current_user)
    return jsonify(person_json(person)), 201


@blueprint.get("/persons/<int:person_id>")
@roles(*ROLES)
def get_person(person_id: int):
    person, = _viewed([load_person(person_id)])
    return jsonify(person_json(person))


def _viewed(persons: list) -> list:
    """Record that each of these people's records was read, and commit that before answering."""
    services.record_viewed(persons, current_user)
    return persons


@blueprint.patch("/persons/<int:person_id>")
@roles(*ROLES)
def patch_person(person_id: int):
    person = load_person(person_id)
    require(permissions.can_edit_person, person)
    patch = PersonPatch.model_validate(json_body())
    services.update_person(person, given(patch), current_user, patch.version)
    return jsonify(person_json(person))


@blueprint.delete("/persons/<int:person_id>")
@roles(*ROLES)
def delete_person(person_id: int):
    person = load_person(person_id)
    require(permissions.can_edit_person, person)
    services.delete_person(person, current_user)
    return "", 204
