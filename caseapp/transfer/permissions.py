"""Who may import and export cases in bulk: pure predicates."""
from __future__ import annotations

from caseapp.cases.permissions import can_create_case, can_list_cases


def can_import_cases(user) -> bool:
    """Importing creates cases: the same people who may create one."""
    return can_create_case(user)


def can_export_cases(user) -> bool:
    """The export holds only the cases the list shows this user."""
    return can_list_cases(user)


def can_see_import(user, job) -> bool:
    """A background import is its uploader's: its file name and problems quote the file."""
    return job.requested_by_id == user.id and job.organisation_id == user.organisation_id
