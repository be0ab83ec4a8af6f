"""What clients send to ask for a report (the API): strict pydantic models."""
from __future__ import annotations

from pydantic import Field

from caseapp.cases.inputs import StrictInput, _literal
from caseapp.i18n import INTERFACE_LANGUAGES
from caseapp.reports import limits, permissions


class DossierRequest(StrictInput):
    case_ids: list[int] = Field(min_length=1, description="Numeric case ids, in the order of the chapters.")
    profile: _literal(permissions.PROFILES) = Field(description="internal or advocate.")  # type: ignore[valid-type]
    language: _literal(INTERFACE_LANGUAGES) | None = Field(  # type: ignore[valid-type]
        default=None, description="The language the dossier is written in; by default the reader's.")


class ExportApproval(StrictInput):
    reason: str | None = Field(default=None, max_length=limits.DECISION_REASON,
                               description="A note for the person who asked for the export (optional).")
    case_versions: dict[str, int] | None = Field(
        default=None, max_length=1000,
        description="The record version of each case as you read it ({\"12\": 5}); refused (422) if a case "
                    "changed since. Without it, the cases are approved as they are now. Either way the job builds "
                    "them only as approved: a case changed after approval stops it.")


class ExportRefusal(StrictInput):
    reason: str = Field(min_length=1, max_length=limits.DECISION_REASON,
                        description="Why the export is refused; the person who asked for it reads it.")
