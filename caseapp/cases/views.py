"""Case pages: the list, the new-case form and the case page."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from caseapp.audit.services import history_for
from caseapp.auth.roles import CASE_CREATORS, CASE_READERS
from caseapp.cases import permissions, services
from caseapp.cases.forms import CaseForm
from caseapp.errors import NotFound, ServiceError
from caseapp.extensions import db
from caseapp.pagination import parse_limit
from caseapp.security import require, roles

blueprint = Blueprint("cases", __name__, url_prefix="/cases")


@blueprint.get("")
@roles(*CASE_READERS)
def index():
    require(permissions.can_list_cases(current_user))
    q = request.args.get("q", "").strip()
    try:
        page = services.list_cases(current_user, q, request.args.get("cursor"), parse_limit(request.args.get("limit")))
    except ServiceError as error:
        flash(error.translated(_), "error")
        return redirect(url_for("cases.index", q=q or None))
    return render_template("cases/index.html", page=page, q=q,
                           can_create=permissions.can_create_case(current_user))


@blueprint.route("/new", methods=["GET", "POST"])
@roles(*CASE_CREATORS)
def new():
    require(permissions.can_create_case(current_user))
    form = CaseForm()
    if form.validate_on_submit():
        data = services.CaseInput(
            title=form.title.data, summary=form.summary.data or "", country=form.country.data or None,
            sector=form.sector.data,
        )
        try:
            case = services.create_case(data, current_user)
        except ServiceError as error:
            getattr(form, error.field or "title").errors.append(error.translated(_))
        else:
            db.session.commit()
            flash(_("Case %(reference)s is created.", reference=case.reference), "success")
            return redirect(url_for("cases.show", case_id=case.id))
    return render_template("cases/new.html", form=form), 422 if form.errors else 200


@blueprint.get("/<int:case_id>")
@roles(*CASE_READERS)
def show(case_id: int):
    try:
        case = services.get_case(case_id, current_user)
    except NotFound:
        abort(404)
    return render_template("cases/show.html", case=case, history=history_for("cases", case.id))
