"""POST /api/v1/ilo/suggest: proposals for any text, as `flask ilo suggest` prints them."""
from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from pydantic import Field

from caseapp.api import blueprint, responses
from caseapp.api.errors import error_response
from caseapp.api.operations import answer, described
from caseapp.api.bodies import json_body
from caseapp.cases.inputs import StrictInput, _literal
from caseapp.auth import permissions
from caseapp.auth.roles import ROLES
from caseapp.ilo.suggest import suggest
from caseapp.ilo.text import LANGUAGES
from caseapp.security import require, roles


class SuggestRequest(StrictInput):
    text: str = Field(min_length=1, description="At most SUGGEST_MAX_CHARS characters (200,000 by default); "
                                                "a longer text is refused with 413.")
    language: _literal(LANGUAGES) | None = Field(None, description="Detected when not given")


@blueprint.post("/ilo/suggest")
@roles(*ROLES)
@described("Propose ILO indicators and case facts for a text, each with its exact passage and cue "
           "(text[start:end] == quote)", tag="Suggestions", model=responses.Suggestions, reply="The proposals",
           body=SuggestRequest, errors=(401, 413, 422, 429))
def ilo_suggest():
    require(permissions.can_use_caseapp)
    data = SuggestRequest.model_validate(json_body())
    limit = current_app.config["SUGGEST_MAX_CHARS"]
    if len(data.text) > limit:
        message = _("The text has %(length)s characters; suggestions read at most %(limit)s "
                    "(SUGGEST_MAX_CHARS). Send it in parts.", length=f"{len(data.text):,}", limit=f"{limit:,}")
        return error_response(413, message=message, fields={"text": message}, limit=limit)
    return answer(responses.Suggestions.of(suggest(data.text, data.language)))
