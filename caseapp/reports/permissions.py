"""Who may take which report out of caseapp: pure predicates over a user, a case and a profile.

`internal` shows every person of a case, so only coordinators and admins may
export it. Advocates export what a coordinator has verified, pseudonymised.
Caseworkers work on the record itself and export nothing: what leaves the
organisation has been reviewed.
"""
from __future__ import annotations

from caseapp.auth.roles import ADMIN, ADVOCATE, COORDINATOR
from caseapp.cases import workflow
from caseapp.cases.permissions import can_view_case

INTERNAL, ADVOCATE_PROFILE = "internal", "advocate"
PROFILES = (INTERNAL, ADVOCATE_PROFILE)
EXPORTERS = frozenset({COORDINATOR, ADMIN, ADVOCATE})
APPROVERS = frozenset({COORDINATOR, ADMIN})  # of the exports an organisation makes wait (reports/approval.py)


def profiles_for(user) -> tuple[str, ...]:
    if user.role in (COORDINATOR, ADMIN):
        return PROFILES
    if user.role == ADVOCATE:
        return (ADVOCATE_PROFILE,)
    return ()


def default_profile(user) -> str:
    """The profile a report opens with: the protected one, unless the user asks for more."""
    return ADVOCATE_PROFILE


def can_export_case(user, case, profile: str) -> bool:
    if profile not in profiles_for(user) or not can_view_case(user, case):
        return False
    if user.role == ADVOCATE:
        return case.status in workflow.PUBLISHED
    return True


def can_build_dossier(user) -> bool:
    return user.role in EXPORTERS


def can_view_portfolio(user) -> bool:
    """Counts over the cases a user can see; advocates' counts cover verified and closed cases only."""
    return user.role in EXPORTERS


def can_download(user, export) -> bool:
    """A dossier's files go to the person who asked for it, no one else."""
    return (export.organisation_id == user.organisation_id and export.requested_by_id == user.id
            and export.profile in profiles_for(user))


def can_approve_exports(user) -> bool:
    """Coordinators and admins approve or refuse the exports their organisation makes wait."""
    return user.role in APPROVERS


def can_decide_export(user, export) -> bool:
    """A second person: an approver of the export's organisation who did not ask for it."""
    return (can_approve_exports(user) and export.organisation_id == user.organisation_id
            and export.requested_by_id != user.id)


def can_view_exports(user) -> bool:
    return user.role in EXPORTERS


def can_view_export(user, export) -> bool:
    """An export's record: the organisation's coordinators and admins, and the advocate who asked for it."""
    if not can_view_exports(user) or export.organisation_id != user.organisation_id:
        return False
    return sees_all_exports(user) or export.requested_by_id == user.id


def sees_all_exports(user) -> bool:
    """Coordinators and admins see the organisation's export history; advocates see their own."""
    return user.role in (COORDINATOR, ADMIN)
