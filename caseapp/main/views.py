"""Home, language switch and health check."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, redirect, request, session, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import text
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from caseapp.auth import services as auth_services
from caseapp.auth.redirects import safe_next
from caseapp.auth.roles import ROLES
from caseapp.extensions import db
from caseapp.auth import permissions
from caseapp.security import public, records_reads, require, roles

blueprint = Blueprint("main", __name__)


@blueprint.post("/language")
@public
def set_language():
    form = FlaskForm()
    if form.validate_on_submit() and request.form.get("lang") in current_app.config["LANGUAGES"]:
        session["lang"] = request.form["lang"]
        if current_user.is_authenticated:
            auth_services.choose_language(current_user, request.form["lang"])  # it sticks on every device
    return redirect(safe_next(request.form.get("next")) or url_for("home.index"))


@blueprint.post("/visit")
@roles(*ROLES)
def confirm_visit():
    """The button of the page shown for a link from another site: go on to the page it asked for.

    Only a page that records a read or builds an export can be the target: the redirect makes the
    browser ask for it again, now from this site.
    """
    require(permissions.can_use_caseapp)
    target = safe_next(request.form.get("target"))
    if target is None or not _records_reads(target):
        abort(400)
    return redirect(target, 303)


def _records_reads(path: str) -> bool:
    adapter = current_app.url_map.bind(request.host, url_scheme=request.scheme)
    try:
        endpoint, _ = adapter.match(path.split("?", 1)[0], method="GET")
    except (HTTPException, RequestRedirect):
        return False
    return records_reads(endpoint)


@blueprint.get("/health")
@public
def health():
    """For load balancers and `make run`: the app answers and the database too."""
    db.session.execute(text("SELECT 1"))
    return jsonify(status="ok")

