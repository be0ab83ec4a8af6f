"""The import page (JSON or CSV upload, with the CSV template) and exports of the filtered case list."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from caseapp.api.cases import full_case_json
from caseapp.auth.roles import CASE_CREATORS, CASE_READERS
from caseapp.cases.filters import parse_filters
from caseapp.errors import ServiceError
from caseapp.i18n import locale_now
from caseapp.loading import load
from caseapp.security import recent_login, records_reading, require, roles
from caseapp.reports import approval
from caseapp.transaction import after_commit
from caseapp.transfer import csv_format, jobs, permissions, services
from caseapp.transfer.models import CaseImport

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
        records = services.parse_file(content, upload.filename, _, current_app.config["IMPORT_MAX_ROWS"])
        if len(records) > current_app.config["IMPORT_INLINE_MAX"]:
            # Too many to create while the uploader waits: a job does it, and its page shows how far it is.
            import_id = jobs.queue_import(content, upload.filename, current_user, len(records), locale_now()).id
            after_commit(lambda: jobs.submit_or_fail(import_id))  # the job must find the committed row
            return redirect(url_for("transfer.import_job", import_id=import_id), 303)
        created = services.import_cases(records, current_user, _, source=f"upload:{upload.filename[:100]}",
                                        max_rows=current_app.config["IMPORT_MAX_ROWS"])
    except services.ImportRefused as refused:
        return render_template("transfer/import.html", problems=refused.problems), 422
    flash(_("%(count)s cases are imported.", count=len(created)), "success")
    return redirect(url_for("cases.index"))


def load_import(import_id: int) -> CaseImport:
    """A background import, to its uploader; to anyone else it does not exist (404)."""
    return load(CaseImport, import_id, permissions.can_see_import)


@blueprint.get("/import/<int:import_id>")
@roles(*CASE_CREATORS)
def import_job(import_id: int):
    """How a background import is going: a progress bar that refreshes itself, then what came of it."""
    require(permissions.can_import_cases)
    job = load_import(import_id)
    return render_template("transfer/job.html", job=job, status=jobs.status(job),
                           problems=[services.Problem(*problem) for problem in job.problems])


@blueprint.get("/import/<int:import_id>/status")
@roles(*CASE_CREATORS)
def import_job_status(import_id: int):
    """The import page's progress bar asks here: {"state", "done", "total", "percent", "label"}."""
    require(permissions.can_import_cases)
    status = jobs.status(load_import(import_id))
    return {**status, "label": _("%(done)s of %(total)s read", done=status["done"], total=status["total"])}


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
