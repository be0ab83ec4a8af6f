"""/docs/api: the API reference for signed-in users, generated from the OpenAPI document."""
from __future__ import annotations

from flask import Blueprint, jsonify, render_template

from caseapp.api.openapi import document
from caseapp.auth import permissions
from caseapp.auth.roles import ROLES
from caseapp.docs import reference
from caseapp.security import require, roles

blueprint = Blueprint("docs", __name__, url_prefix="/docs")


@blueprint.get("/api")
@roles(*ROLES)
def api():
    require(permissions.can_use_caseapp)
    described = document()
    return render_template("docs/api.html", info=described["info"], server=described["servers"][0]["url"],
                           security=described["components"]["securitySchemes"]["bearerAuth"],
                           tags=reference.operations_by_tag(described), schemas=reference.schemas(described))


@blueprint.get("/api/openapi.json")
@roles(*ROLES)
def api_document():
    """The same OpenAPI document as /api/v1/openapi.json, for a signed-in browser (the API takes tokens only)."""
    require(permissions.can_use_caseapp)
    response = jsonify(document())
    response.headers["Content-Disposition"] = 'attachment; filename="caseapp-openapi.json"'
    return response
