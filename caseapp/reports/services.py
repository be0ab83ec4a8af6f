"""Taking reports out of caseapp: permission, building, recording every export in the audit log."""
from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, replace
import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import force_locale, gettext
from markupsafe import Markup
from sqlalchemy import select

from caseapp.audit.services import record
from caseapp.auth.models import Organisation, User
from caseapp.cases.models import Case
from caseapp.db import utcnow
from caseapp.errors import N_, ServiceError
from caseapp.i18n import INTERFACE_LANGUAGES
from caseapp.extensions import db
from caseapp.persons.services import persons_of_case, record_viewed
from caseapp.protection.files import write_private
from caseapp.reports import approval, documents, manifest as manifests, permissions
from caseapp.reports.context import case_report, custody_log, other_people
from caseapp.pagination import Page, SortKey, keyset_page
from caseapp.reports.models import JOB_STATES, ReportExport
from caseapp.reports.rendering import render
from caseapp.transaction import keep_now, undo

CLI_LABEL = "cli"


@dataclass
class CaseReportFile:
    pdf: bytes
    filename: str
    export: ReportExport


def static_root() -> Path:
    return Path(current_app.static_folder)


def _actor_label(actor: User | None) -> str:
    if actor is None:
        return gettext("the command line")
    return f"{actor.full_name} <{actor.email}>" if actor.full_name else actor.email


def clean_language(value: Any, reader_language: str) -> str:
    """The language an export is written in: the one chosen, else the reader's."""
    if value is None or value == "":
        return reader_language
    if value not in INTERFACE_LANGUAGES:
        raise ServiceError(N_("Choose one of: %(choices)s."), "language", choices=", ".join(INTERFACE_LANGUAGES))
    return value


def clean_profile(value: Any, actor: User | None) -> str:
    profile = value if isinstance(value, str) and value else None
    if profile is None:
        return permissions.default_profile(actor) if actor is not None else permissions.INTERNAL
    if profile not in permissions.PROFILES:
        raise ServiceError(N_("Choose one of: %(choices)s."), "profile", choices=", ".join(permissions.PROFILES))
    return profile


def _meta(title: str, organisation: Organisation, actor: User | None, profile: str, language: str,
          description: str = "") -> documents.ReportMeta:
    return documents.ReportMeta(
        title=title, organisation=organisation.name, generated_by=_actor_label(actor), generated_at=utcnow(),
        profile=profile, profile_label=documents.profile_label(profile), language=language,
        description=description,
    )


def _others(profile: str, organisation_id: int, case_ids: list[int]):
    return other_people(organisation_id, case_ids) if profile == permissions.ADVOCATE_PROFILE else []


def _check_case(case: Case, actor: User | None, profile: str) -> None:
    if actor is not None and not permissions.can_export_case(actor, case, profile):
        raise PermissionError("export case report")


def _prepare(case: Case, profile: str, actor: User | None, language: str):
    """The report of a case, its profile's redactor and the document's particulars."""
    _check_case(case, actor, profile)
    report = case_report(case)
    redactor = documents.redactor_for(profile, [report], _others(profile, case.organisation_id, [case.id]))
    meta = _meta(f"{case.reference} — {gettext('case report')}", case.organisation, actor, profile, language,
                 gettext("ILO forced labour indicators: case report"))
    return report, redactor, replace(meta, codes=documents.codes_of(redactor, [report]))


def case_report_html(case: Case, profile: str, actor: User, language: str, export_language: str | None = None) -> str:
    """The report as a page of the app: nothing leaves caseapp, but the internal profile's people are read.
    The page speaks the reader's language; the report on it, the language the PDF will be written in."""
    export_language = export_language or language
    with force_locale(export_language):
        report, redactor, meta = _prepare(case, profile, actor, export_language)
        words = documents.labels()
        # Rendered (and redacted) here, in the export's language; the page around it is the reader's.
        chapter = Markup(render("reports/_case_chapter.html", redactor, report=report, meta=meta,  # nosec B704
                                labels=words))
    if profile == permissions.INTERNAL:
        record_viewed(persons_of_case(case, actor), actor)
    waits = approval.needed(actor, case.organisation)
    return render("reports/case_page.html", redactor, report=report, meta=meta, labels=words, chapter=chapter,
                  case=case, profiles=permissions.profiles_for(actor), needs_approval=waits,
                  latest=approval.latest_case_request(case, profile, actor) if waits else None)


def case_report_pdf(case: Case, profile: str, actor: User | None, language: str = "en") -> CaseReportFile:
    """Render the case's report now, and record that it left caseapp, with its SHA-256."""
    if approval.needed(actor, case.organisation):
        raise approval.ApprovalNeeded()  # request_case_report, then the approved job builds it
    with force_locale(language):  # the language chosen for the export, whatever the interface's
        report, redactor, meta = _prepare(case, profile, actor, language)
        rendered = documents.case_pdf(report, meta, redactor, static_root())
    export = ReportExport(organisation_id=case.organisation_id, kind="case", profile=profile, case_ids=[case.id],
                          language=language, requested_by_id=actor.id if actor else None,
                          actor_label=actor.email if actor else CLI_LABEL, state="done", progress=100,
                          pdf_sha256=manifests.sha256(rendered.pdf), pages=rendered.pages,
                          size=len(rendered.pdf), started_at=meta.generated_at, finished_at=utcnow())
    db.session.add(export)
    db.session.flush()
    _audit_export(export, actor, [case])
    filename = f"{case.reference}-report-{profile}.pdf"
    return CaseReportFile(rendered.pdf, filename, export)


def request_case_report(case: Case, profile: str, actor: User, language: str) -> ReportExport:
    """Ask for a case's report where exports wait for approval; asking again returns the same request."""
    _check_case(case, actor, profile)
    pending = approval.pending_case_report(case, profile, actor)
    if pending is not None:
        return pending
    export = ReportExport(organisation_id=case.organisation_id, kind="case", profile=profile, case_ids=[case.id],
                          language=language, requested_by_id=actor.id, actor_label=actor.email)
    return approval.ask(export, actor)


def _audit_export(export: ReportExport, actor: User | None, cases: list[Case]) -> None:
    changes = {"kind": export.kind, "profile": export.profile, "pdf_sha256": export.pdf_sha256,
               "manifest_sha256": export.manifest_sha256, "cases": len(export.case_ids)}
    for case in cases:
        record("report.export", export, actor, changes, organisation_id=export.organisation_id, case_id=case.id)
    if not cases:
        record("report.export", export, actor, changes, organisation_id=export.organisation_id)


def record_download(export: ReportExport, actor: User, file: str) -> None:
    """A built dossier's file leaves caseapp (again): who took which one. Its cases are named, never its content."""
    record("report.download", export, actor, {"kind": export.kind, "profile": export.profile, "file": file,
                                              "case_ids": list(export.case_ids)},
           organisation_id=export.organisation_id)


# --- dossiers ----------------------------------------------------------------------------------

def _case_ids(value: Any) -> list[int]:
    if isinstance(value, str):
        parts = [p.strip() for p in value.split(",") if p.strip()]
        if not all(p.isascii() and p.isdigit() and int(p) <= 2**31 - 1 for p in parts):
            raise ServiceError(N_("Give case ids as numbers separated by commas."), "case_ids")
        value = [int(p) for p in parts]
    if not isinstance(value, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in value):
        raise ServiceError(N_("Give case ids as numbers separated by commas."), "case_ids")
    ids = list(dict.fromkeys(value))  # keep the order chosen, once each
    if not ids:
        raise ServiceError(N_("Choose at least one case."), "case_ids")
    maximum = current_app.config["REPORT_DOSSIER_MAX_CASES"]
    if len(ids) > maximum:
        raise ServiceError(N_("A dossier holds at most %(max)d cases."), "case_ids", max=maximum)
    return ids


def _cases_for(ids: list[int], organisation_id: int, actor: User | None, profile: str) -> list[Case]:
    found = {c.id: c for c in db.session.scalars(select(Case).where(Case.id.in_(ids),
                                                                    Case.organisation_id == organisation_id,
                                                                    Case.deleted_at.is_(None)))}
    cases = []
    for case_id in ids:
        case = found.get(case_id)
        if case is None or (actor is not None and not permissions.can_export_case(actor, case, profile)):
            # One message for missing and forbidden, so ids of other organisations reveal nothing.
            raise ServiceError(N_("Case %(id)d cannot be exported by you with this profile."), "case_ids",
                               id=case_id)
        cases.append(case)
    return cases


def exportable_cases(actor: User, profile: str) -> list[Case]:
    """The cases a user may put in a dossier with this profile, most recently changed first."""
    from caseapp.cases.queries import visible_cases

    rows = db.session.scalars(visible_cases(actor).order_by(Case.updated_at.desc(), Case.id.desc()).limit(2000))
    return [c for c in rows if permissions.can_export_case(actor, c, profile)]


def request_dossier(case_ids: Any, profile: Any, actor: User, language: str) -> ReportExport:
    """Queue a dossier for building; the job will carry only the id of the row made here."""
    if not permissions.can_build_dossier(actor):
        raise PermissionError("build a dossier")
    profile = clean_profile(profile, actor)
    if profile not in permissions.profiles_for(actor):
        raise ServiceError(N_("Your role exports with the %(profiles)s profile only."), "profile",
                           profiles=", ".join(permissions.profiles_for(actor)))
    ids = _case_ids(case_ids)
    _cases_for(ids, actor.organisation_id, actor, profile)
    export = ReportExport(organisation_id=actor.organisation_id, kind="dossier", profile=profile, case_ids=ids,
                          language=language, requested_by_id=actor.id, actor_label=actor.email, state="queued")
    if approval.needed(actor):
        return approval.ask(export, actor)  # built once a coordinator approves it
    db.session.add(export)
    db.session.flush()
    return export


def _has_files(export: ReportExport) -> bool:
    """A file key is the random name the build gave the files; anything else (a path) names none."""
    return bool(re.fullmatch(r"[0-9a-f]{32}", export.file_key or ""))


KEPT_KINDS = ("dossier", "case")  # built as a job and kept for download: dossiers, and approved case reports


def parts_folder(pdf: Path) -> Path:
    """Where a dossier built in parts keeps them until they are joined (see documents.build_dossier)."""
    return pdf.with_name(pdf.name + ".parts")


def dossier_paths(export: ReportExport) -> tuple[Path, Path]:
    if not _has_files(export):
        raise ValueError("not a dossier file key")
    root = Path(current_app.config["REPORTS_PATH"])
    return root / f"{export.file_key}.pdf", root / f"{export.file_key}.manifest.json"


def _set_progress(export: ReportExport, percent: int) -> None:
    export.progress = max(0, min(100, percent))
    keep_now()


def _requester(export: ReportExport) -> tuple[User | None, Organisation]:
    """Who asked (None: the command line), checked again now: they may have lost the right since."""
    actor = db.session.get(User, export.requested_by_id) if export.requested_by_id else None
    if export.requested_by_id and (actor is None or not actor.active):
        raise PermissionError("the person who asked for this export can no longer export")
    organisation = db.session.get(Organisation, export.organisation_id)
    if approval.needed(actor, organisation) and not export.approved:
        raise approval.ApprovalNeeded()  # asked for before the organisation turned approval on
    return actor, organisation


def _approved(meta: documents.ReportMeta, export: ReportExport) -> documents.ReportMeta:
    if not export.approved:
        return meta
    return replace(meta, approved_by=export.decided_by_label, approved_at=export.decided_at)


def build(export: ReportExport, limits: documents.Limits | None = None) -> None:
    """Build a queued export in its job: a dossier, or a case report a coordinator approved."""
    if export.kind == "case":
        build_case_file(export)
    else:
        build_dossier(export, limits=limits)


def _start(export: ReportExport) -> tuple[User | None, Organisation]:
    """The job begins: its requester checked again, its state saved as running at once."""
    actor, organisation = _requester(export)
    export.state, export.started_at, export.progress = "running", utcnow(), 1
    keep_now()
    return actor, organisation


def _exported_cases(export: ReportExport, actor: User | None) -> list[Case]:
    """The export's cases, each still exportable by its requester and, if approved, as approved."""
    cases = _cases_for(list(export.case_ids), export.organisation_id, actor, export.profile)
    approval.check_unchanged(export, cases)
    return cases


def _kept_paths(export: ReportExport) -> tuple[Path, Path]:
    """A new random name for the files kept for download, under REPORTS_PATH: (the PDF, its manifest)."""
    export.file_key = secrets.token_hex(16)
    Path(current_app.config["REPORTS_PATH"]).mkdir(parents=True, exist_ok=True)
    return dossier_paths(export)


def _finish(export: ReportExport, actor: User | None, cases: list[Case], pdf_sha256: str, manifest_sha256: str,
            pages: int, size: int) -> None:
    export.state, export.progress, export.finished_at = "done", 100, utcnow()
    export.pdf_sha256, export.manifest_sha256 = pdf_sha256, manifest_sha256
    export.pages, export.size = pages, size
    _audit_export(export, actor, cases)
    keep_now()


def build_case_file(export: ReportExport) -> None:
    """An approved case report, kept for its requester like a dossier, with a manifest naming the approver."""
    actor, _organisation = _start(export)
    with force_locale(export.language):
        cases = _exported_cases(export, actor)
        report, redactor, meta = _prepare(cases[0], export.profile, actor, export.language)
        meta = _approved(meta, export)
        rendered = documents.case_pdf(report, meta, redactor, static_root())
        manifest_bytes = manifests.to_bytes(manifests.build([report], meta, redactor))
    pdf_path, manifest_path = _kept_paths(export)
    write_private(manifest_path, manifest_bytes)
    write_private(pdf_path, rendered.pdf)
    _finish(export, actor, cases, manifests.sha256(rendered.pdf), manifests.sha256(manifest_bytes), rendered.pages,
            len(rendered.pdf))


def build_dossier(export: ReportExport, output: Path | None = None, manifest: Path | None = None,
                  limits: documents.Limits | None = None) -> documents.DossierResult:
    """Build a queued dossier: in a job, or straight away from the command line (given `output`)."""
    actor, organisation = _start(export)
    with force_locale(export.language):
        cases = _exported_cases(export, actor)
        reports = []
        for index, case in enumerate(cases, start=1):
            reports.append(case_report(case))
            if index % 20 == 0:
                _set_progress(export, 1 + int(9 * index / len(cases)))
                if limits:
                    limits.check()
        references = {c.id: c.reference for c in cases}
        custody = custody_log(cases, references)
        redactor = documents.redactor_for(export.profile, reports,
                                          _others(export.profile, export.organisation_id, [c.id for c in cases]))
        title = gettext("Evidence dossier: %(num)d cases", num=len(cases))
        meta = _approved(_meta(title, organisation, actor, export.profile, export.language,
                               gettext("ILO forced labour indicators: evidence dossier")), export)
        if output is None:
            output, manifest = _kept_paths(export)
        result = documents.build_dossier(
            reports, custody, meta, redactor, static_root(), output, manifest,
            on_progress=lambda percent: _set_progress(export, percent), limits=limits,
            single_piece_cases=current_app.config["REPORT_SINGLE_PIECE_CASES"],
            part_cases=current_app.config["REPORT_PART_CASES"])
    _finish(export, actor, cases, result.pdf_sha256, result.manifest_sha256, result.pages, result.size)
    return result


def fail(export_id: int, message: str) -> None:
    undo()
    export = db.session.get(ReportExport, export_id)
    if export is None:
        return
    export.state, export.message, export.finished_at = "failed", message[:2000], utcnow()
    if _has_files(export):
        _delete_files(export)
    keep_now()


def remove_expired_files() -> int:
    """Delete the files of dossiers older than REPORT_KEEP_DAYS; their row, hashes and audit entries stay."""
    cutoff = utcnow() - timedelta(days=current_app.config["REPORT_KEEP_DAYS"])
    expired = list(db.session.scalars(select(ReportExport).where(ReportExport.file_key.is_not(None),
                                                                 ReportExport.finished_at < cutoff)))
    for export in expired:
        if _has_files(export):
            _delete_files(export)
        export.file_key = None
    keep_now()
    return len(expired)


def discard_files(export: ReportExport) -> bool:
    """Delete a dossier's kept files now, as expiry would; its row, hashes and audit entries stay. True if it had any."""
    had = _has_files(export)
    if had:
        _delete_files(export)
    export.file_key = None
    return had


def _delete_files(export: ReportExport) -> None:
    """The PDF, its manifest, and the parts of a large dossier a stopped job may have left behind."""
    pdf, manifest = dossier_paths(export)
    pdf.unlink(missing_ok=True)
    manifest.unlink(missing_ok=True)
    shutil.rmtree(parts_folder(pdf), ignore_errors=True)


def references_of(exports) -> dict[int, str]:
    """The references of the cases of these exports, by case id, so a list can say which cases each held."""
    ids = {case_id for export in exports if export is not None for case_id in export.case_ids}
    rows = db.session.execute(select(Case.id, Case.reference).where(Case.id.in_(ids))) if ids else []
    return dict(rows.all()) if ids else {}


def file_name(export: ReportExport) -> str:
    """A kept file's name: its case's reference for a case report (as when downloaded at once)."""
    if export.kind == "case":
        case = db.session.get(Case, export.case_ids[0]) if export.case_ids else None
        reference = case.reference if case is not None else f"case-{export.case_ids[0]}"
        return f"{reference}-report-{export.profile}-{export.id}.pdf"
    return f"dossier-{export.finished_at:%Y%m%d}-{export.id}-{export.profile}.pdf"


def state_of(export: ReportExport) -> str:
    """A job whose worker died shows as failed once its time limit has long passed."""
    limit = timedelta(seconds=current_app.config["REPORT_JOB_TIMEOUT"] * 2)
    if export.state == "running" and export.started_at and utcnow() - export.started_at > limit:
        return "failed"
    if export.state == "queued" and utcnow() - export.created_at > max(limit, timedelta(days=1)):
        return "failed"  # never taken by a worker
    return export.state


def downloadable(export: ReportExport) -> bool:
    if export.kind not in KEPT_KINDS or export.state != "done" or not _has_files(export):
        return False
    keep = timedelta(days=current_app.config["REPORT_KEEP_DAYS"])
    return export.finished_at is not None and utcnow() - export.finished_at <= keep and \
        dossier_paths(export)[0].exists()


def export_history(user: User, limit: int = 200) -> list[ReportExport]:
    stmt = select(ReportExport).where(ReportExport.organisation_id == user.organisation_id)
    if not permissions.sees_all_exports(user):
        stmt = stmt.where(ReportExport.requested_by_id == user.id)
    return list(db.session.scalars(stmt.order_by(ReportExport.id.desc()).limit(limit)))


def list_exports(user: User, state: Any, cursor: str | None, limit: int) -> Page[ReportExport]:
    """The export history as the API pages it, newest first; `state` narrows it (awaiting_approval...)."""
    stmt = select(ReportExport).where(ReportExport.organisation_id == user.organisation_id)
    if not permissions.sees_all_exports(user):
        stmt = stmt.where(ReportExport.requested_by_id == user.id)
    if state not in (None, ""):
        if state not in JOB_STATES:
            raise ServiceError(N_("Choose one of: %(choices)s."), "state", choices=", ".join(JOB_STATES))
        stmt = stmt.where(ReportExport.state == state)
    return keyset_page(db.session, stmt, SortKey([ReportExport.id]), cursor, limit)


def check_copy(user: User, sha256: str) -> list[ReportExport]:
    """The exports of this organisation whose PDF has this SHA-256: a recipient's copy is unchanged."""
    digest = sha256.strip().lower()
    if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise ServiceError(N_("Give a SHA-256: 64 hexadecimal characters."), "sha256")
    return list(db.session.scalars(select(ReportExport).where(ReportExport.organisation_id == user.organisation_id,
                                                              ReportExport.pdf_sha256 == digest)
                                   .order_by(ReportExport.id)))


# --- the portfolio -----------------------------------------------------------------------------

def portfolio_meta(actor: User, language: str) -> documents.ReportMeta:
    return _meta(gettext("Portfolio of cases"), actor.organisation, actor, permissions.ADVOCATE_PROFILE
                 if actor.role == "advocate" else permissions.INTERNAL, language,
                 gettext("ILO forced labour indicators: portfolio statistics"))


def portfolio_pdf(actor: User, figures, charts: dict, filters: dict, language: str):
    """The portfolio as a PDF, recorded as an export. It names no person, so nothing is redacted."""
    from caseapp.reports.pdf import render_pdf
    from caseapp.protection.redaction import NoRedaction

    meta = portfolio_meta(actor, language)
    html = render("reports/portfolio.html", NoRedaction(), figures=figures, charts=charts, meta=meta,
                  labels=documents.labels())
    rendered = render_pdf(html, static_root())
    record_portfolio_export(actor, rendered, filters)
    return rendered


def sha256_of(stream) -> str:
    """The SHA-256 of an uploaded file, read in chunks."""
    hasher = hashlib.sha256()
    while chunk := stream.read(1 << 20):
        hasher.update(chunk)
    return hasher.hexdigest()


def record_portfolio_export(actor: User, rendered, filters: dict) -> ReportExport:
    export = ReportExport(organisation_id=actor.organisation_id, kind="portfolio",
                          profile=permissions.ADVOCATE_PROFILE if actor.role == "advocate" else permissions.INTERNAL,
                          case_ids=[], filters=filters, requested_by_id=actor.id, actor_label=actor.email,
                          state="done", progress=100, pdf_sha256=manifests.sha256(rendered.pdf),
                          pages=rendered.pages, size=len(rendered.pdf), started_at=utcnow(), finished_at=utcnow())
    db.session.add(export)
    db.session.flush()
    _audit_export(export, actor, [])
    return export


def record_portfolio_data(actor: User, file_format: str, filters: dict) -> None:
    """The portfolio's figures left caseapp as a file or over the API: in which form, for which filters."""
    record("portfolio.export", actor.organisation, actor, {"format": file_format, "filters": filters},
           organisation_id=actor.organisation_id)
