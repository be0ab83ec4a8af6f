"""Keeping and deleting a search of the case list (the list shows the ones a user keeps)."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from caseapp.auth.roles import CASE_READERS
from caseapp.cases import permissions, saved_searches
from caseapp.cases.filters import FILTER_KEYS, parse_filters
from caseapp.cases.views import blueprint
from caseapp.errors import NotFound, ServiceError
from caseapp.security import require, roles
from caseapp.transaction import refused


@blueprint.post("/saved")
@roles(*CASE_READERS)
def save_search():
    require(permissions.can_save_searches)
    kept = {key: request.form[key] for key in FILTER_KEYS if request.form.get(key)}
    try:
        saved = saved_searches.save(current_user, request.form.get("name"), parse_filters(request.form))
    except ServiceError as error:
        flash(refused(error), "error")
        # back to the same list, the name as typed in its box
        return redirect(url_for("cases.index") + "?" + urlencode({**kept, "save_as": request.form.get("name", "")}))
    flash(_("The search is kept as “%(name)s”.", name=saved.name), "success")
    return redirect(url_for("cases.index") + "?" + saved.query)


@blueprint.post("/saved/<int:saved_id>/delete")
@roles(*CASE_READERS)
def delete_search(saved_id: int):
    require(permissions.can_save_searches)
    try:
        saved_searches.remove(current_user, saved_id)
    except NotFound:
        abort(404)
    flash(_("The saved search is deleted."), "success")
    return redirect(url_for("cases.index"))
