"""/api/v1/parties: the organisation's employers, recruiters, buyers and the rest."""
from __future__ import annotations

from flask import request
from flask_login import current_user

from caseapp.api import blueprint, responses
from caseapp.api.openapi import LIST_PARAMETERS, search
from caseapp.api.operations import LIST, UPDATE, WRITE, answer, described
from caseapp.api.bodies import json_body
from caseapp.cases.inputs import given
from caseapp.parties.inputs import PartyCreate, PartyPatch
from caseapp.auth.roles import CASE_CREATORS, CASE_READERS
from caseapp.pagination import parse_limit
from caseapp.parties import permissions, services
from caseapp.parties.views import load_party
from caseapp.security import require, roles

TAG = "Parties"


@blueprint.get("/parties")
@roles(*CASE_READERS)
@described("List the organisation's parties", tag=TAG, model=responses.PartyList, reply="A page of parties",
           parameters=[search("Words in the name."), *LIST_PARAMETERS], errors=LIST, query_example={"q": "stroy"})
def list_parties():
    require(permissions.can_view_parties)
    page = services.list_parties(current_user, request.args.get("q"), request.args.get("cursor"),
                                 parse_limit(request.args.get("limit")))
    return answer(responses.PartyList(items=[responses.Party.of(p) for p in page.items],
                                      next_cursor=page.next_cursor))


@blueprint.post("/parties")
@roles(*CASE_CREATORS)
@described("Create a party; `similar` lists existing parties with close names", tag=TAG,
           model=responses.PartyCreated, status=201, reply="The new party", body=PartyCreate, errors=WRITE)
def create_party():
    require(permissions.can_edit_parties)
    data = given(PartyCreate.model_validate(json_body()))
    return answer(responses.PartyCreated.of(services.create_party(data, current_user)), 201)


@blueprint.get("/parties/<int:party_id>")
@roles(*CASE_READERS)
@described("One party, with the cases it appears in that you may see", tag=TAG, model=responses.PartyWithCases,
           reply="The party")
def get_party(party_id: int):
    party = load_party(party_id)
    return answer(responses.PartyWithCases.of(party, services.cases_of_party(party, current_user)))


@blueprint.patch("/parties/<int:party_id>")
@roles(*CASE_CREATORS)
@described("Change a party (send `version`)", tag=TAG, model=responses.Party, reply="The changed party",
           body=PartyPatch, errors=UPDATE)
def patch_party(party_id: int):
    party = load_party(party_id)
    require(permissions.can_edit_party, party)
    patch = PartyPatch.model_validate(json_body())
    services.update_party(party, given(patch), current_user, patch.version)
    return answer(responses.Party.of(party))
