"""/docs/api: the API reference for signed-in users, generated from the OpenAPI document; /docs/guide: the user guide."""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, render_template, send_file, url_for

from caseapp.api.openapi import document
from caseapp.auth import permissions
from caseapp.auth.roles import ROLES
from caseapp.docs import guide, reference
from caseapp.security import public, require, roles

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


# The user guide is public: someone who cannot sign in yet (a first sign-in, a second factor to set up)
# can read how. It holds the project's own text and screenshots of the demo, nothing of anyone's records.
@blueprint.get("/guide")
@public
def guide_index():
    """The user guide's parts, the reader's own role first."""
    return render_template("docs/guide_index.html", parts=guide.PARTS)


@blueprint.get("/guide/<any(caseworker, coordinator, advocate, admin):part>")
@public
def guide_page(part: str):
    page = guide.render(part, lambda other: url_for("docs.guide_page", part=other),
                        lambda name: url_for("docs.guide_screenshot", name=name))
    return render_template("docs/guide.html", page=page, parts=guide.PARTS)


@blueprint.get("/guide/screenshots/<name>")
@public
def guide_screenshot(name: str):
    path = guide.screenshot(name)
    if path is None:
        abort(404)
    return send_file(path, mimetype="image/png", max_age=3600)
