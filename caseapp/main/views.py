"""Home, language switch and health check."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, request, session, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import text

from caseapp.auth.redirects import safe_next
from caseapp.extensions import db
from caseapp.security import public

blueprint = Blueprint("main", __name__)


@blueprint.get("/")
@public
def index():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    if current_user.role == "admin":
        return redirect(url_for("admin.users"))
    return redirect(url_for("cases.index"))


@blueprint.post("/language")
@public
def set_language():
    form = FlaskForm()
    if form.validate_on_submit() and request.form.get("lang") in current_app.config["LANGUAGES"]:
        session["lang"] = request.form["lang"]
    return redirect(safe_next(request.form.get("next")) or url_for("main.index"))


@blueprint.get("/health")
@public
def health():
    """For load balancers and `make run`: the app answers and the database too."""
    db.session.execute(text("SELECT 1"))
    return jsonify(status="ok")

