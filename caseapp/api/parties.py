"""/api/v1/parties: the organisation's employers, recruiters, buyers and the rest."""
from __future__ import annotations

from flask import jsonify, request
from flask_login import current_user

from caseapp.api import blueprint
from caseapp.parties.views import load_party
from caseapp.api.schemas import PartyCreate, PartyPatch, given, json_body, party_json
from caseapp.auth.roles import CASE_CREATORS, CASE_READERS
from caseapp.pagination import parse_limit
from caseapp.parties import permissions, services
from caseapp.security import require, roles


@blueprint.get("/parties")
@roles(*CASE_READERS)
def list_parties():
    require(permissions.can_view_parties)
    page = services.list_parties(current_user, request.args.get("q"), request.args.get("cursor"),
                                 parse_limit(request.args.get("limit")))
    return jsonify(items=[party_json(p) for p in page.items], next_cursor=page.next_cursor)


@blueprint.post("/parties")
@roles(*CASE_CREATORS)
def create_party():
    require(permissions.can_edit_parties)
    data = given(PartyCreate.model_validate(json_body()))
    new = services.create_party(data, current_user)
    similar = [{"id": m.id, "name": m.name, "score": m.score, "matched": m.matched} for m in new.similar]
    return jsonify(party_json(new.party) | {"similar": similar}), 201


@blueprint.get("/parties/<int:party_id>")
@roles(*CASE_READERS)
def get_party(party_id: int):
    party = load_party(party_id)
    cases = [{"id": case.id, "reference": case.reference, "title": case.title, "role": link.role}
             for case, link in services.cases_of_party(party, current_user)]
    return jsonify(party_json(party) | {"cases": cases})


@blueprint.patch("/parties/<int:party_id>")
@roles(*CASE_CREATORS)
def patch_party(party_id: int):
    party = load_party(party_id)
    require(permissions.can_edit_party, party)
    patch = PartyPatch.model_validate(json_body())
    services.update_party(party, given(patch), current_user, patch.version)
    return jsonify(party_json(party))
