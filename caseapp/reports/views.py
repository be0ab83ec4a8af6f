"""Report pages: a case's report and its PDF, dossiers and their jobs, the export history, the portfolio."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint, Response, abort, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from caseapp.cases.filters import parse_filters
from caseapp.cases.views import load_case
from caseapp.errors import Conflict, ServiceError
from caseapp.i18n import indicator_name, locale_now
from caseapp.protection import disclosure
from caseapp.reports import approval, jobs, permissions, portfolio, services
from caseapp.reports.charts import bar_chart, stacked_chart, timeline
from caseapp.reports.documents import labels
from caseapp.security import recent_login, records_reading, require, roles
from caseapp.loading import load
from caseapp.reports.models import ReportExport
from caseapp.transaction import after_commit, refused

blueprint = Blueprint("reports", __name__)
EXPORTERS = tuple(sorted(permissions.EXPORTERS))
APPROVERS = tuple(sorted(permissions.APPROVERS))


def _profile() -> str:
    try:
        return services.clean_profile(request.args.get("profile"), current_user)
    except ServiceError:
        abort(400)


def _language() -> str:
    """The language the export is written in: chosen when exporting, else the reader's."""
    try:
        return services.clean_language(request.values.get("language"), locale_now())
    except ServiceError:
        abort(400)


def pdf_response(data: bytes, filename: str) -> Response:
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@blueprint.get("/cases/<int:case_id>/report")
@roles(*EXPORTERS)
@records_reading
def case_report(case_id: int):
    case = load_case(case_id)
    profile = _profile()
    require(permissions.can_export_case, case, profile)
    page = services.case_report_html(case, profile, current_user, locale_now(), _language())
    return page


@blueprint.get("/cases/<int:case_id>/report.pdf")
@roles(*EXPORTERS)
@records_reading
def case_report_pdf(case_id: int):
    case = load_case(case_id)
    profile = _profile()
    require(permissions.can_export_case, case, profile)
    if approval.needed(current_user):
        # Nothing leaves before a coordinator approves: the report page offers to ask for it.
        flash(_("Exports of your organisation need a coordinator's approval. Ask for it below; you will be "
                "told when the PDF is ready."), "info")
        return redirect(url_for("reports.case_report", case_id=case.id, profile=profile, language=_language()))
    made = services.case_report_pdf(case, profile, current_user, _language())
    return pdf_response(made.pdf, made.filename)


@blueprint.post("/cases/<int:case_id>/report/request")
@roles(*EXPORTERS)
def request_case_report(case_id: int):
    """Ask a coordinator to approve this case's report (where the organisation asks for approval)."""
    case = load_case(case_id)
    try:
        profile = services.clean_profile(request.form.get("profile"), current_user)
    except ServiceError:
        abort(400)
    require(permissions.can_export_case, case, profile)
    if not approval.needed(current_user):
        return redirect(url_for("reports.case_report_pdf", case_id=case.id, profile=profile, language=_language()))
    export = services.request_case_report(case, profile, current_user, _language())
    return redirect(url_for("reports.job", export_id=export.id))


# --- dossiers ----------------------------------------------------------------------------------

@blueprint.route("/reports/dossier", methods=["GET", "POST"])
@roles(*EXPORTERS)
@recent_login  # evidence of many cases at once: a bulk export
def dossier():
    require(permissions.can_build_dossier)
    allowed = permissions.profiles_for(current_user)
    profile = request.values.get("profile") or permissions.default_profile(current_user)
    if profile not in allowed:
        profile = permissions.default_profile(current_user)
    chosen = [int(v) for v in request.form.getlist("case_ids") if v.isascii() and v.isdigit() and int(v) <= 2**31 - 1]
    waits = approval.needed(current_user)
    if request.method == "POST":
        try:
            export = services.request_dossier(chosen, request.form.get("profile"), current_user, _language())
        except ServiceError as error:
            flash(refused(error), "error")
            status = 422
        else:
            export_id = export.id
            if export.state == "queued":  # else it waits for a coordinator's approval (the job page says so)
                after_commit(lambda: jobs.submit(export_id))  # the job must find the committed row
            return redirect(url_for("reports.job", export_id=export.id))
    else:
        status = 200
    cases = services.exportable_cases(current_user, profile)
    return render_template("reports/dossier_form.html", cases=cases, profile=profile, profiles=allowed,
                           chosen=set(chosen), needs_approval=waits, export_language=_language()), status


def load_export(export_id: int) -> ReportExport:
    """The export's record, if this user may see it; to anyone else it does not exist (404)."""
    return load(ReportExport, export_id, permissions.can_view_export)


def _status(export) -> dict:
    state = services.state_of(export)
    body = {"id": export.id, "state": state, "progress": export.progress if state != "failed" else 0,
            "message": export.message if state == "failed" else "", "pdf_sha256": export.pdf_sha256,
            "manifest_sha256": export.manifest_sha256, "pages": export.pages, "download_url": None,
            "manifest_url": None, "decided_by": export.decided_by_label or None,
            "reason": export.decision_reason if state == "refused" else ""}
    if services.downloadable(export) and permissions.can_download(current_user, export):
        body["download_url"] = url_for("reports.download", export_id=export.id)
        body["manifest_url"] = url_for("reports.download_manifest", export_id=export.id)
    return body


@blueprint.get("/reports/jobs/<int:export_id>")
@roles(*EXPORTERS)
def job(export_id: int):
    export = load_export(export_id)
    if not export.has_job_page:
        abort(404)
    return render_template("reports/job.html", export=export, status=_status(export),
                           references=services.references_of([export]),
                           can_decide=permissions.can_decide_export(current_user, export))


@blueprint.get("/reports/jobs/<int:export_id>/status")
@roles(*EXPORTERS)
def job_status(export_id: int):
    return jsonify(disclosure.redact_json(_status(load_export(export_id))))  # a reason may name people


def _dossier_file(export_id: int, which: int):
    export = load_export(export_id)
    # Only the person who asked gets the files; to anyone else they do not exist.
    require(permissions.can_download, export, hide=True)
    if not services.downloadable(export):
        abort(404)
    return export, services.dossier_paths(export)[which]


@blueprint.get("/reports/jobs/<int:export_id>/dossier.pdf")
@roles(*EXPORTERS)
@records_reading
def download(export_id: int):
    export, path = _dossier_file(export_id, 0)
    services.record_download(export, current_user, "pdf")
    return send_file(path, mimetype="application/pdf", as_attachment=True, download_name=services.file_name(export))


@blueprint.get("/reports/jobs/<int:export_id>/dossier.manifest.json")
@roles(*EXPORTERS)
@records_reading
def download_manifest(export_id: int):
    export, path = _dossier_file(export_id, 1)
    services.record_download(export, current_user, "manifest")
    return send_file(path, mimetype="application/json", as_attachment=True,
                     download_name=services.file_name(export) + ".manifest.json")


# --- approving exports ------------------------------------------------------------------------------

@blueprint.get("/reports/approvals")
@roles(*APPROVERS)
def approvals():
    require(permissions.can_approve_exports)
    return _approvals_page()


def _approvals_page(form_errors: dict | None = None, status: int = 200):
    waiting = approval.waiting(current_user)
    cases = approval.cases_of(waiting, current_user)
    return render_template("reports/approvals.html", waiting=waiting,
                           decided=approval.recently_decided(current_user), cases=cases,
                           changed={e.id: approval.changed_since_asked(e, cases) for e in waiting},
                           refusals=approval.refusals_of(waiting, current_user.organisation_id),
                           setting_on=current_user.organisation.export_approval_required,
                           form_errors=form_errors or {}, reason_given=request.form.get("reason", ""),
                           decided_on=request.view_args.get("export_id"), reason_max=approval.REASON_MAX), status


@blueprint.post("/reports/approvals/<int:export_id>/approve")
@roles(*APPROVERS)
def approve(export_id: int):
    # The record versions the approver read on the page: an approval is of what they read.
    read = {key.removeprefix("version-"): int(value) for key, value in request.form.items()
            if key.startswith("version-") and value.isascii() and value.isdigit() and len(value) < 10}
    return _decide(export_id, lambda export, user, reason: approval.approve(export, user, reason, read or None),
                   _("Export #%(id)d is approved; it is being built for the person who asked for it.", id=export_id))


@blueprint.post("/reports/approvals/<int:export_id>/refuse")
@roles(*APPROVERS)
def refuse(export_id: int):
    return _decide(export_id, approval.refuse, _("Export #%(id)d is refused; the person who asked for it is "
                                                 "told why.", id=export_id))


def _decide(export_id: int, decision, done: str):
    require(permissions.can_approve_exports)
    export = load_export(export_id)
    require(permissions.can_decide_export, export)
    try:
        decision(export, current_user, request.form.get("reason", ""))
    except ServiceError as error:
        return _approvals_page({export.id: refused(error)}, 422)
    except Conflict:
        flash(_("Someone else decided on export #%(id)d meanwhile.", id=export.id), "info")
        return redirect(url_for("reports.approvals"))
    if export.state == "queued":
        after_commit(lambda: jobs.submit(export_id))  # the job must find the committed row
    flash(done, "success")
    return redirect(url_for("reports.approvals"))


# --- the export history and checking a copy -------------------------------------------------------

@blueprint.route("/reports/exports", methods=["GET", "POST"])
@roles(*EXPORTERS)
def exports():
    require(permissions.can_view_exports)
    matches, checked, status = None, None, 200
    if request.method == "POST":
        upload = request.files.get("file")
        digest = (request.form.get("sha256") or "").strip()
        if upload is not None and upload.filename:
            digest = services.sha256_of(upload.stream)  # the request is bounded by MAX_CONTENT_LENGTH
        try:
            matches = services.check_copy(current_user, digest)
            checked = digest.lower()
        except ServiceError as error:
            flash(error.translated(_), "error")
            status = 422
    history = services.export_history(current_user)
    return render_template("reports/exports.html", history=history, matches=matches, checked=checked,
                           references=services.references_of(history + (matches or [])),
                           sha256=request.form.get("sha256", ""), state_of=services.state_of), status


# --- the portfolio -------------------------------------------------------------------------------

def _portfolio(page: bool = False):
    """The figures for the filters given; a wrong filter is shown on the page, refused (422) for a download."""
    require(permissions.can_view_portfolio)
    try:
        filters = parse_filters(request.args)
    except ServiceError as error:
        if not page:
            abort(Response(error.translated(_) + "\n", status=422, mimetype="text/plain"))
        flash(error.translated(_), "error")
        filters = parse_filters({})
    return filters, portfolio.compute(current_user, filters)


def charts_of(figures: portfolio.Portfolio) -> dict:
    from caseapp.cases.vocab import country_name

    words = labels()
    locale = locale_now()
    statuses = {"present": words["status"]["present"], "suspected": words["status"]["suspected"]}
    return {
        "indicators": stacked_chart(_("Indicators present or suspected, by number of cases"), tuple(statuses),
                                    [(indicator_name(key), counts) for key, counts in figures.indicators.items()]),
        "determinations": bar_chart(_("Determinations"), [(words["verdict"][key], n)
                                                          for key, n in figures.determinations.items()]),
        "countries": bar_chart(_("Cases by country"), [(country_name(code, locale) if code else _("unknown"), n)
                                                       for code, n in figures.by_country[:15]]),
        "sectors": bar_chart(_("Cases by sector"), [(_label("sector", key), n) for key, n in figures.by_sector]),
        "timeline": timeline(_("Cases by the year their period began"), figures.timeline),
        "series": statuses,
    }


def _label(vocabulary: str, key: str) -> str:
    from caseapp.cases.vocab import SECTORS, STATUSES

    names = {"sector": SECTORS, "status": STATUSES}[vocabulary]
    return _(names[key]) if key in names else key


@blueprint.get("/reports/portfolio")
@roles(*EXPORTERS)
def portfolio_page():
    filters, figures = _portfolio(page=True)
    return render_template("reports/portfolio_page.html", figures=figures, charts=charts_of(figures),
                           filters=filters, query=filters.as_query(), labels=labels())


@blueprint.get("/reports/portfolio.pdf")
@roles(*EXPORTERS)
@records_reading
def portfolio_pdf():
    filters, figures = _portfolio()
    rendered = services.portfolio_pdf(current_user, figures, charts_of(figures), filters.as_query(), locale_now())
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d")
    return pdf_response(rendered.pdf, f"portfolio-{stamp}.pdf")


@blueprint.get("/reports/portfolio.<any(csv, json):file_format>")
@roles(*EXPORTERS)
@records_reading
def portfolio_data(file_format: str):
    filters, figures = _portfolio()
    services.record_portfolio_data(current_user, file_format, filters.as_query())
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d")
    if file_format == "json":
        response = jsonify(portfolio.as_dict(figures))
    else:
        response = Response(portfolio.as_csv(figures), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="portfolio-{stamp}.{file_format}"'
    return response
