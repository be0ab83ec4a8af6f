"""/api/v1/cases/<id>/persons and /api/v1/persons/<id>: need-to-know only."""
from __future__ import annotations

from flask_login import current_user

from caseapp.api import blueprint, responses
from caseapp.api.operations import REMOVE, UPDATE, WRITE, Reply, answer, described, no_content
from caseapp.api.bodies import json_body
from caseapp.cases.inputs import given
from caseapp.persons.inputs import PersonCreate, PersonPatch
from caseapp.auth.roles import ROLES
from caseapp.cases.views import load_case
from caseapp.persons import permissions, services
from caseapp.persons.views import load_person
from caseapp.security import require, roles

# Every role passes the gate: people are hidden per case by need-to-know, and
# someone without it (an advocate, another caseworker) gets 404, as for a missing record.
TAG = "People"


@blueprint.get("/cases/<int:case_id>/persons")
@roles(*ROLES)
@described("The people of a case (need-to-know: assignee, coordinators, admins)", tag=TAG,
           model=responses.PersonList, reply="The people")
def list_persons(case_id: int):
    case = load_case(case_id)
    require(permissions.can_view_persons, case, hide=True)
    items = [responses.Person.of(p) for p in _viewed(services.persons_of_case(case, current_user))]
    return answer(responses.PersonList(items=items, next_cursor=None))


@blueprint.post("/cases/<int:case_id>/persons")
@roles(*ROLES)
@described("Add a person to the case", tag=TAG, model=responses.Person, status=201, reply="The new person",
           body=PersonCreate, errors=WRITE)
def create_person(case_id: int):
    case = load_case(case_id)
    require(permissions.can_view_persons, case, hide=True)
    require(permissions.can_edit_persons, case)
    person = services.create_person(case, given(PersonCreate.model_validate(json_body())), current_user)
    return answer(responses.Person.of(person), 201)


@blueprint.get("/persons/<int:person_id>")
@roles(*ROLES)
@described("One person", tag=TAG, model=responses.Person, reply="The person")
def get_person(person_id: int):
    person, = _viewed([load_person(person_id)])
    return answer(responses.Person.of(person))


def _viewed(persons: list) -> list:
    """Record that each of these people's records was read (the request commits it with the answer)."""
    services.record_viewed(persons, current_user)
    return persons


@blueprint.patch("/persons/<int:person_id>")
@roles(*ROLES)
@described("Change a person (send `version`)", tag=TAG, model=responses.Person, reply="The changed person",
           body=PersonPatch, errors=UPDATE)
def patch_person(person_id: int):
    person = load_person(person_id)
    require(permissions.can_edit_person, person)
    patch = PersonPatch.model_validate(json_body())
    services.update_person(person, given(patch), current_user, patch.version)
    return answer(responses.Person.of(person))


@blueprint.delete("/persons/<int:person_id>")
@roles(*ROLES)
@described("Remove a person from the case; 422 while texts that readers without need-to-know receive still name "
           "them (the answer says where)", tag=TAG, replies={204: Reply("Removed")}, errors=(*REMOVE, 422))
def delete_person(person_id: int):
    person = load_person(person_id)
    require(permissions.can_edit_person, person)
    services.delete_person(person, current_user)
    return no_content()
