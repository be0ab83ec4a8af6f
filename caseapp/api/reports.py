"""Reports over the API: a case's report PDF, dossiers built in the background, the portfolio figures."""
from __future__ import annotations

from flask import request, send_file, url_for
from flask_login import current_user

from caseapp.api import blueprint, responses
from caseapp.api.errors import error_response
from caseapp.api.openapi import CASE_FILTERS, EXPORT_LANGUAGE, LIST_PARAMETERS, PROFILE
from caseapp.api.operations import LIST, WRITE, Reply, answer, described
from caseapp.api.responses import isoformat
from caseapp.api.bodies import json_body
from caseapp.reports.inputs import DossierRequest, ExportApproval, ExportRefusal
from caseapp.cases.views import load_case
from caseapp.reports.views import load_export
from caseapp.cases.filters import parse_filters
from caseapp.i18n import locale_now
from caseapp.pagination import parse_limit
from caseapp.reports import approval, jobs, permissions, portfolio, services
from caseapp.reports.models import JOB_STATES
from caseapp.reports.views import pdf_response
from caseapp.security import require, roles
from caseapp.transaction import after_commit

EXPORTERS = tuple(sorted(permissions.EXPORTERS))
APPROVERS = tuple(sorted(permissions.APPROVERS))
TAG = "Reports"
PDF = "application/pdf"
FILE_ERRORS = (401, 403, 404, 429)


def _language(chosen: str | None = None) -> str:
    """The language of the export: `language` as asked (the query, or the dossier's body), else the reader's
    (Accept-Language). An unknown one is 422."""
    return services.clean_language(chosen if chosen is not None else request.args.get("language"), locale_now())


@blueprint.get("/cases/<int:case_id>/report.pdf")
@roles(*EXPORTERS)
@described("The case report as a PDF (coordinators and admins: either profile; advocates: `advocate` only, "
           "verified or closed cases). Audited; the SHA-256 is in the X-Caseapp-Sha256 header and the export "
           "history. Where the organisation asks for approval of advocates' exports, an advocate gets 202 and the "
           "export waiting for approval instead (asking again answers the same one); its PDF is fetched from the "
           "export once approved and built", tag=TAG,
           replies={200: Reply("The PDF", media=PDF),
                    202: Reply("The export, waiting for a coordinator's approval", responses.Export)},
           parameters=[PROFILE, EXPORT_LANGUAGE],
           query_example={"profile": "advocate"}, errors=(401, 403, 404, 422, 429))
def case_report_pdf(case_id: int):
    case = load_case(case_id)
    profile = services.clean_profile(request.args.get("profile"), current_user)
    require(permissions.can_export_case, case, profile)
    if approval.needed(current_user):
        # The organisation asks for a second person's approval: the request waits; asking again finds it.
        export = services.request_case_report(case, profile, current_user, _language())
        response = answer(export_json(export), 202)
        response.headers["Location"] = url_for("api.get_export", export_id=export.id)
        return response
    made = services.case_report_pdf(case, profile, current_user, _language())
    response = pdf_response(made.pdf, made.filename)
    response.headers["X-Caseapp-Sha256"] = made.export.pdf_sha256
    return response


def export_json(export) -> responses.Export:
    state = services.state_of(export)
    body = {"id": export.id, "kind": export.kind, "profile": export.profile, "case_ids": export.case_ids,
            "state": state, "progress": export.progress if state != "failed" else 0,
            "message": export.message if state == "failed" else "", "requested_by": export.actor_label,
            "created_at": isoformat(export.created_at), "finished_at": isoformat(export.finished_at),
            "pages": export.pages, "pdf_sha256": export.pdf_sha256, "manifest_sha256": export.manifest_sha256,
            "download_url": None, "manifest_url": None, "approval": None}
    if export.decided_at is not None:
        body["approval"] = {"decision": "refused" if state == "refused" else "approved",
                            "decided_by": export.decided_by_label, "decided_at": isoformat(export.decided_at),
                            "reason": export.decision_reason}
    if services.downloadable(export) and permissions.can_download(current_user, export):
        dossier = export.kind == "dossier"
        body["download_url"] = url_for("api.dossier_pdf" if dossier else "api.export_pdf", export_id=export.id)
        body["manifest_url"] = url_for("api.dossier_manifest" if dossier else "api.export_manifest",
                                       export_id=export.id)
    return responses.Export.model_validate(body)


@blueprint.post("/reports/dossiers")
@roles(*EXPORTERS)
@described("Queue an evidence dossier of several cases; built in the background. Returns the job (202) with a "
           "Location to poll; where the organisation asks for approval of advocates' exports, an advocate's "
           "dossier is `awaiting_approval` until a coordinator approves it", tag=TAG, model=responses.DossierJob, status=202, reply="The job",
           body=DossierRequest, errors=WRITE)
def create_dossier():
    require(permissions.can_build_dossier)
    data = DossierRequest.model_validate(json_body())
    export = services.request_dossier(data.case_ids, data.profile, current_user, _language(data.language))
    export_id = export.id
    if export.state == "queued":  # else it waits for a coordinator's approval
        after_commit(lambda: jobs.submit(export_id))  # the job must find the committed row
    response = answer(export_json(export), 202)
    response.headers["Location"] = url_for("api.get_dossier", export_id=export.id)
    return response


@blueprint.get("/reports/dossiers/<int:export_id>")
@roles(*EXPORTERS)
@described("A dossier job: state (awaiting_approval, refused, queued, running, done, failed), progress 0-100, hashes and, when done, the "
           "download URLs", tag=TAG, model=responses.DossierJob, reply="The job")
def get_dossier(export_id: int):
    export = load_export(export_id)
    if export.kind != "dossier":
        return error_response(404)
    return answer(export_json(export))


def _file(export_id: int, which: int, kind: str = "dossier"):
    export = load_export(export_id)
    if export.kind != kind:
        return None, None
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


# --- every export: the history, approval, the kept files of approved case reports ---------------------

@blueprint.get("/reports/exports")
@roles(*EXPORTERS)
@described("The export history, newest first: coordinators and admins see the organisation's, advocates their "
           "own. `state=awaiting_approval` lists the exports waiting for a decision", tag=TAG,
           model=responses.ExportList, reply="A page of exports",
           parameters=[{"name": "state", "in": "query", "schema": {"type": "string", "enum": list(JOB_STATES)}},
                       *LIST_PARAMETERS], errors=LIST, query_example={"state": "awaiting_approval"})
def list_exports():
    require(permissions.can_view_exports)
    page = services.list_exports(current_user, request.args.get("state"), request.args.get("cursor"),
                                 parse_limit(request.args.get("limit")))
    return answer(responses.ExportList(items=[export_json(e) for e in page.items], next_cursor=page.next_cursor))


@blueprint.get("/reports/exports/<int:export_id>")
@roles(*EXPORTERS)
@described("One export: its state, its approval and, when built, its hashes and download URLs", tag=TAG,
           model=responses.Export, reply="The export")
def get_export(export_id: int):
    return answer(export_json(load_export(export_id)))


@blueprint.post("/reports/exports/<int:export_id>/approve")
@roles(*APPROVERS)
@described("Approve an export waiting for approval (coordinators and admins, not the person who asked): it is "
           "built in the background, naming the approver on the PDF, in its manifest and custody log; the person "
           "who asked is notified. 409 when it was decided meanwhile", tag=TAG, model=responses.Export,
           reply="The export, queued", body=ExportApproval, body_required=False, errors=(*WRITE, 409))
def approve_export(export_id: int):
    require(permissions.can_approve_exports)
    export = load_export(export_id)
    require(permissions.can_decide_export, export)
    data = ExportApproval.model_validate(json_body() if request.content_length else {})
    approval.approve(export, current_user, data.reason, data.case_versions)
    after_commit(lambda: jobs.submit(export_id))  # the job must find the committed row
    return answer(export_json(export))


@blueprint.post("/reports/exports/<int:export_id>/refuse")
@roles(*APPROVERS)
@described("Refuse an export waiting for approval, with a reason the person who asked reads; nothing is built. "
           "409 when it was decided meanwhile", tag=TAG, model=responses.Export, reply="The export, refused",
           body=ExportRefusal, errors=(*WRITE, 409))
def refuse_export(export_id: int):
    require(permissions.can_approve_exports)
    export = load_export(export_id)
    require(permissions.can_decide_export, export)
    data = ExportRefusal.model_validate(json_body())
    approval.refuse(export, current_user, data.reason)
    return answer(export_json(export))


@blueprint.get("/reports/exports/<int:export_id>/report.pdf")
@roles(*EXPORTERS)
@described("The PDF of an approved case report, once built (only for the person who asked for it)", tag=TAG,
           replies={200: Reply("The PDF", media=PDF)}, errors=FILE_ERRORS)
def export_pdf(export_id: int):
    export, path = _file(export_id, 0, kind="case")
    if export is None:
        return error_response(404)
    services.record_download(export, current_user, "pdf")
    return send_file(path, mimetype="application/pdf", as_attachment=True, download_name=services.file_name(export))


@blueprint.get("/reports/exports/<int:export_id>/report.manifest.json")
@roles(*EXPORTERS)
@described("The manifest of an approved case report: its cases, quotes, sources and approver", tag=TAG,
           replies={200: Reply("The manifest (JSON)", media="application/json")}, errors=FILE_ERRORS)
def export_manifest(export_id: int):
    export, path = _file(export_id, 1, kind="case")
    if export is None:
        return error_response(404)
    services.record_download(export, current_user, "manifest")
    return send_file(path, mimetype="application/json", as_attachment=True,
                     download_name=services.file_name(export) + ".manifest.json")


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
