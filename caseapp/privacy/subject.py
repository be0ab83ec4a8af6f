"""A subject-access export: everything caseapp holds about one person, as JSON and as PDF.

The data is gathered once, as plain values (`gather`), and both formats are made from it:
JSON with the field names of FORMAT (documented in the README), and a PDF rendered
through the reports' renderer and fetcher, which escape every value and reach nothing but
the app's own CSS and fonts. Every export is an audit entry `person.export`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext
from sqlalchemy import select

from caseapp.audit.models import AuditEntry
from caseapp.audit.services import belongs_to, record
from caseapp.cases.models import Case
from caseapp.auth.models import User
from caseapp.db import utcnow
from caseapp.extensions import db
from caseapp.persons.models import Person
from caseapp.privacy import mentions, permissions
from caseapp.reports.models import ReportExport

FORMAT = "caseapp-subject-access/1"
FORMATS = ("json", "pdf")
PERSON_FIELDS = ("id", "role", "consent", "consent_date", "risk", "name", "aliases", "contact", "document_numbers",
                 "notes", "created_at", "updated_at", "version")


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    filename: str
    mimetype: str


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _actor_label(actor: User | None) -> str:
    return actor.email if actor is not None else "cli"


def gather(person: Person, actor: User | None) -> dict[str, Any]:
    """Everything held about the person, as plain JSON-ready values."""
    case = person.case
    return {
        "format": FORMAT,
        "generated_at": utcnow().isoformat(),
        "generated_by": _actor_label(actor),
        "organisation": {"name": case.organisation.name, "code": case.organisation.code},
        "person": {key: _iso(getattr(person, key)) for key in PERSON_FIELDS},
        "case": {"id": case.id, "reference": case.reference, "title": case.title, "status": case.status,
                 "closed_at": case.status_changed_at.isoformat() if case.status == "closed" else None},
        "history": [_history(entry) for entry in history_of(person)],
        "exports": [_export(export) for export in exports_of_case(person.organisation_id, person.case_id)],
        "mentions": [m.as_dict() for m in mentions.find_mentions(person)],
    }


def history_of(person: Person) -> list[AuditEntry]:
    """The history entries about the person's record (they name fields, never values)."""
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.object_type == Person.__tablename__,
                                                            AuditEntry.object_id == person.id, belongs_to(person))
                                   .order_by(AuditEntry.id)))


def _history(entry: AuditEntry) -> dict[str, Any]:
    return {"at": entry.created_at.isoformat(), "by": entry.actor_label, "action": entry.action,
            "details": entry.changes or {}}


def exports_of_case(organisation_id: int, case_id: int) -> list[ReportExport]:
    """The reports and dossiers that held this case, oldest first (not an older case that had its id)."""
    case = db.session.get(Case, case_id)
    rows = db.session.scalars(select(ReportExport).where(ReportExport.organisation_id == organisation_id,
                                                         ReportExport.kind.in_(("case", "dossier")),
                                                         ReportExport.created_at >= case.created_at)
                              .order_by(ReportExport.id))
    return [row for row in rows if case_id in (row.case_ids or [])]


def _export(export: ReportExport) -> dict[str, Any]:
    return {"id": export.id, "at": export.created_at.isoformat(), "by": export.actor_label, "kind": export.kind,
            "profile": export.profile, "state": export.state, "pdf_sha256": export.pdf_sha256,
            "files_kept": export.file_key is not None}


def export(person: Person, file_format: str, actor: User | None, language: str = "en") -> ExportFile:
    """The subject-access export in `file_format` ("json" or "pdf"), recorded in the audit log."""
    if actor is not None and not permissions.can_handle_person(actor, person):
        raise PermissionError("subject access")
    if file_format not in FORMATS:
        raise ValueError(f"format {file_format!r}")
    data = gather(person, actor)
    stamp = utcnow().strftime("%Y%m%d")
    name = f"person-{person.id}-subject-access-{stamp}.{file_format}"
    if file_format == "json":
        content = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False).encode("utf-8")
        made = ExportFile(content, name, "application/json")
    else:
        made = ExportFile(_pdf(data, language), name, "application/pdf")
    record("person.export", person, actor, {"format": file_format})
    return made


def _pdf(data: dict[str, Any], language: str) -> bytes:
    from caseapp.reports.documents import ReportMeta
    from caseapp.reports.pdf import render_pdf
    from caseapp.protection.redaction import NoRedaction
    from caseapp.reports.rendering import render
    from caseapp.reports.services import static_root

    meta = ReportMeta(title=gettext("Subject access: person %(id)d", id=data["person"]["id"]),
                      organisation=data["organisation"]["name"], generated_by=data["generated_by"],
                      generated_at=utcnow(), profile="internal", profile_label=gettext("subject access"),
                      language=language, description=gettext("Everything caseapp holds about one person"))
    html = render("privacy/subject_pdf.html", NoRedaction(), data=data, meta=meta, kinds=mentions.KINDS)
    return render_pdf(html, static_root()).pdf
