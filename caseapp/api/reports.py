"""Reports over the API: a case's report PDF, dossiers built in the background, the portfolio figures."""
from __future__ import annotations

from flask import request, send_file, url_for
from flask_login import current_user

from caseapp.api import blueprint, responses
from caseapp.api.errors import error_response
from caseapp.api.openapi import CASE_FILTERS, PROFILE
from caseapp.api.operations import WRITE, Reply, answer, described
from caseapp.api.responses import isoformat
from caseapp.api.bodies import json_body
from caseapp.reports.inputs import DossierRequest
from caseapp.cases.views import load_case
from caseapp.reports.views import load_export
from caseapp.cases.filters import parse_filters
from caseapp.reports import jobs, permissions, portfolio, services
from caseapp.reports.views import pdf_response
from caseapp.security import require, roles
from caseapp.transaction import after_commit

EXPORTERS = tuple(sorted(permissions.EXPORTERS))
TAG = "Reports"
PDF = "application/pdf"
FILE_ERRORS = (401, 403, 404, 429)


def _language() -> str:
    from caseapp.i18n import locale_now

    return locale_now()


@blueprint.get("/cases/<int:case_id>/report.pdf")
@roles(*EXPORTERS)
@described("The case report as a PDF (coordinators and admins: either profile; advocates: `advocate` only, "
           "verified or closed cases). Audited; the SHA-256 is in the X-Caseapp-Sha256 header and the export "
           "history", tag=TAG, replies={200: Reply("The PDF", media=PDF)}, parameters=[PROFILE],
           query_example={"profile": "advocate"}, errors=(401, 403, 404, 422, 429))
def case_report_pdf(case_id: int):
    case = load_case(case_id)
    profile = services.clean_profile(request.args.get("profile"), current_user)
    require(permissions.can_export_case, case, profile)
    made = services.case_report_pdf(case, profile, current_user, _language())
    response = pdf_response(made.pdf, made.filename)
    response.headers["X-Caseapp-Sha256"] = made.export.pdf_sha256
    return response


def dossier_job(export) -> responses.DossierJob:
    state = services.state_of(export)
    body = {"id": export.id, "kind": export.kind, "profile": export.profile, "case_ids": export.case_ids,
            "state": state, "progress": export.progress if state != "failed" else 0,
            "message": export.message if state == "failed" else "", "requested_by": export.actor_label,
            "created_at": isoformat(export.created_at), "finished_at": isoformat(export.finished_at),
            "pages": export.pages, "pdf_sha256": export.pdf_sha256, "manifest_sha256": export.manifest_sha256,
            "download_url": None, "manifest_url": None}
    if services.downloadable(export) and permissions.can_download(current_user, export):
        body["download_url"] = url_for("api.dossier_pdf", export_id=export.id)
        body["manifest_url"] = url_for("api.dossier_manifest", export_id=export.id)
    return responses.DossierJob.model_validate(body)


@blueprint.post("/reports/dossiers")
@roles(*EXPORTERS)
@described("Queue an evidence dossier of several cases; built in the background. Returns the job (202) with a "
           "Location to poll", tag=TAG, model=responses.DossierJob, status=202, reply="The job",
           body=DossierRequest, errors=WRITE)
def create_dossier():
    require(permissions.can_build_dossier)
    data = DossierRequest.model_validate(json_body())
    export = services.request_dossier(data.case_ids, data.profile, current_user, _language())
    export_id = export.id
    after_commit(lambda: jobs.submit(export_id))  # the job must find the committed row
    response = answer(dossier_job(export), 202)
    response.headers["Location"] = url_for("api.get_dossier", export_id=export.id)
    return response


@blueprint.get("/reports/dossiers/<int:export_id>")
@roles(*EXPORTERS)
@described("A dossier job: state (queued, running, done, failed), progress 0-100, hashes and, when done, the "
           "download URLs", tag=TAG, model=responses.DossierJob, reply="The job")
def get_dossier(export_id: int):
    export = load_export(export_id)
    if export.kind != "dossier":
        return error_response(404)
    return answer(dossier_job(export))


def _file(export_id: int, which: int):
    export = load_export(export_id)
    # Only the person who asked gets the files; to anyone else they do not exist.
    require(permissions.can_download, export, hide=True)
    if not services.downloadable(export):
        return None, None
    return export, services.dossier_paths(export)[which]


@blueprint.get("/reports/dossiers/<int:export_id>/dossier.pdf")
@roles(*EXPORTERS)
@described("The dossier PDF (only for the person who asked for it)", tag=TAG,
           replies={200: Reply("The PDF", media=PDF)}, errors=FILE_ERRORS)
def dossier_pdf(export_id: int):
    export, path = _file(export_id, 0)
    if export is None:
        return error_response(404)
    services.record_download(export, current_user, "pdf")
    return send_file(path, mimetype="application/pdf", as_attachment=True,
                     download_name=f"dossier-{export.id}-{export.profile}.pdf")


@blueprint.get("/reports/dossiers/<int:export_id>/dossier.manifest.json")
@roles(*EXPORTERS)
@described("The dossier's manifest; its SHA-256 is printed on the dossier's verification page", tag=TAG,
           replies={200: Reply("The manifest (JSON), as a file whose hash is on the dossier",
                               media="application/json")}, errors=FILE_ERRORS)
def dossier_manifest(export_id: int):
    export, path = _file(export_id, 1)
    if export is None:
        return error_response(404)
    services.record_download(export, current_user, "manifest")
    return send_file(path, mimetype="application/json", as_attachment=True,
                     download_name=f"dossier-{export.id}-{export.profile}.pdf.manifest.json")


@blueprint.get("/reports/portfolio")
@roles(*EXPORTERS)
@described("Figures over the cases visible to this user, narrowed by the case-list filters (advocates: "
           "verified and closed cases only)", tag=TAG, model=responses.Portfolio, reply="The figures",
           parameters=CASE_FILTERS[:-3], errors=(401, 403, 422, 429), query_example={"country": "RU"})
def portfolio_figures():
    require(permissions.can_view_portfolio)
    filters = parse_filters(request.args)
    figures = portfolio.compute(current_user, filters)
    services.record_portfolio_data(current_user, "api", filters.as_query())
    return answer(responses.Portfolio.model_validate(portfolio.as_dict(figures)))
