"""The dossiers whose kept files (PDF and manifest under REPORTS_PATH) hold given cases.

A dossier's files are a copy of its cases, people included (internal profile) or coded
(advocate profile). When a case or a person goes, so do the kept files of every dossier
that held the case; the export's row, its hashes and its audit entries stay, as after
REPORT_KEEP_DAYS.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from caseapp.cases.models import Case
from caseapp.extensions import db
from caseapp.reports import services as reports
from caseapp.reports.models import ReportExport

BEING_BUILT = ("queued", "running")


def _dossiers(organisation_id: int) -> list[ReportExport]:
    return list(db.session.scalars(select(ReportExport).where(ReportExport.organisation_id == organisation_id,
                                                              ReportExport.kind == "dossier")
                                   .order_by(ReportExport.id)))


def holding(organisation_id: int, case_ids: Iterable[int]) -> list[ReportExport]:
    """The dossiers with kept files that hold any of these cases."""
    wanted = set(case_ids)
    return [d for d in _dossiers(organisation_id) if d.file_key and wanted & set(d.case_ids or [])]


def holding_missing_cases(organisation_id: int) -> list[ReportExport]:
    """The dossiers with kept files that hold a case that no longer exists (deleted, or being deleted)."""
    kept = [d for d in _dossiers(organisation_id) if d.file_key]
    named = {case_id for d in kept for case_id in (d.case_ids or [])}
    existing = set(db.session.scalars(select(Case.id).where(Case.id.in_(named)))) if named else set()
    return [d for d in kept if set(d.case_ids or []) - existing]


def being_built(organisation_id: int, case_ids: Iterable[int]) -> list[ReportExport]:
    """The dossiers of these cases that a job is building now: their files would be written after a deletion."""
    wanted = set(case_ids)
    return [d for d in _dossiers(organisation_id)
            if reports.state_of(d) in BEING_BUILT and wanted & set(d.case_ids or [])]


def discard(dossiers: Iterable[ReportExport]) -> int:
    """Delete the kept files of these dossiers; the number that had any."""
    return sum(reports.discard_files(d) for d in dossiers)
