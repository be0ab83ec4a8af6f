"""GET /api/v1/me: who the token belongs to; GET /api/v1/meta: which caseapp answers; GET /api/v1/openapi.json."""
from __future__ import annotations

from flask import jsonify
from flask_login import current_user

from caseapp import __version__
from caseapp.api import blueprint, openapi, responses
from caseapp.api.operations import Reply, answer, described
from caseapp.auth import permissions
from caseapp.auth.roles import ROLES
from caseapp.security import require, roles

TAG = "Account"


@blueprint.get("/me")
@roles(*ROLES)
@described("The user the token belongs to", tag=TAG, model=responses.Me, reply="The user", errors=(401, 429))
def me():
    require(permissions.can_use_caseapp)
    return answer(responses.Me.of(current_user))


@blueprint.get("/meta")
@roles(*ROLES)
@described("Which release of caseapp answers, and the version of this API", tag=TAG, model=responses.Meta,
           reply="The versions", errors=(401, 429))
def meta():
    require(permissions.can_use_caseapp)
    return answer(responses.Meta(version=__version__, api_version=openapi.API_VERSION))


@blueprint.get("/openapi.json")
@roles(*ROLES)
@described("This document: every operation, its parameters, its body and its answers, with examples", tag=TAG,
           replies={200: Reply("The OpenAPI 3.1 document", media="application/json")}, errors=(401, 429))
def openapi_json():
    require(permissions.can_use_caseapp)
    return jsonify(openapi.document())
