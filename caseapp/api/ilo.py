"""POST /api/v1/ilo/suggest: proposals for any text, as `flask ilo suggest` prints them."""
from __future__ import annotations

from flask import jsonify
from pydantic import Field

from caseapp.api import blueprint
from caseapp.api.schemas import StrictInput, _literal, json_body
from caseapp.auth.roles import ROLES
from caseapp.ilo.suggest import suggest
from caseapp.ilo.text import LANGUAGES
from caseapp.main import permissions
from caseapp.security import require, roles


class SuggestRequest(StrictInput):
    text: str = Field(min_length=1, max_length=200_000)
    language: _literal(LANGUAGES) | None = Field(None, description="Detected when not given")


@blueprint.post("/ilo/suggest")
@roles(*ROLES)
def ilo_suggest():
    require(permissions.can_use_caseapp)
    data = SuggestRequest.model_validate(json_body())
    return jsonify(suggest(data.text, data.language).as_dict())
