"""The import page (JSON or CSV upload, with the CSV template) and exports of the filtered case list."""
from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from caseapp.api.cases import full_case_json
from caseapp.auth.roles import CASE_CREATORS, CASE_READERS
from caseapp.cases.filters import parse_filters
from caseapp.errors import ServiceError
from caseapp.security import recent_login, records_reading, require, roles
from caseapp.reports import approval
from caseapp.transfer import csv_format, permissions, services

blueprint = Blueprint("transfer", __name__, url_prefix="/cases")

MAX_UPLOAD = 10 * 1024 * 1024


@blueprint.route("/import", methods=["GET", "POST"])
@roles(*CASE_CREATORS)
def import_cases():
    require(permissions.can_import_cases)
    if request.method == "GET":
        return render_template("transfer/import.html", problems=None)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(_("Choose a JSON or CSV file to import."), "error")
        return render_template("transfer/import.html", problems=None), 422
    content = upload.read(MAX_UPLOAD + 1)
    try:
        if len(content) > MAX_UPLOAD:
            raise services.ImportRefused([services.Problem(0, "file", _("The file is larger than 10 MB."))])
        records = services.parse_file(content, upload.filename, _)
        created = services.import_cases(records, current_user, _, source=f"upload:{upload.filename[:100]}")
    except services.ImportRefused as refused:
        return render_template("transfer/import.html", problems=refused.problems), 422
    flash(_("%(count)s cases are imported.", count=len(created)), "success")
    return redirect(url_for("cases.index"))


@blueprint.get("/import/template.csv")
@roles(*CASE_CREATORS)
def template():
    require(permissions.can_import_cases)
    return _download(csv_format.template_csv(), "caseapp-import-template.csv", "text/csv")


@blueprint.get("/export.<any(csv, json):file_format>")
@roles(*CASE_READERS)
@recent_login  # every case of a search at once: a bulk export
@records_reading
def export(file_format: str):
    require(permissions.can_export_cases)
    if approval.needed(current_user):
        # Where exports wait for a second person, a bulk file of cases would be one that does not.
        flash(_("Exports of your organisation need approval by a coordinator or admin: ask for a case report "
                "or a dossier instead."), "error")
        return redirect(url_for("cases.index"))
    try:
        text = services.export_cases(current_user, parse_filters(request.args), file_format, full_case_json)
    except ServiceError as error:
        flash(error.translated(_), "error")
        return redirect(url_for("cases.index"))
    mimetype = "text/csv" if file_format == "csv" else "application/json"
    return _download(text, f"caseapp-cases.{file_format}", mimetype)


def _download(text: str, filename: str, mimetype: str) -> Response:
    response = Response(text, mimetype=mimetype)  # Flask adds the charset
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
