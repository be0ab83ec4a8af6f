"""An organisation's own security settings: tighter than the server's, never looser.

Changes the session, flushes and writes the audit entry; the caller commits.
"""
from __future__ import annotations

from collections.abc import Iterable

from caseapp.audit.changes import field_changes
from caseapp.audit.services import record
from caseapp.auth.models import Organisation, User
from caseapp.auth.roles import ROLES
from caseapp.errors import N_, ServiceError
from caseapp.privacy.due import MAX_DAYS, MIN_DAYS, check_days

MIN_IDLE_MINUTES = 5
MIN_ABSOLUTE_MINUTES = 30


def _fields(org: Organisation) -> dict:
    return {"two_factor_roles": org.two_factor_roles, "idle_timeout_minutes": org.idle_timeout_minutes,
            "absolute_timeout_minutes": org.absolute_timeout_minutes}


def update_security_settings(org: Organisation, *, two_factor_roles: Iterable[str], idle_minutes: int | None,
                             absolute_minutes: int | None, server: dict, actor: User | None) -> None:
    """Set the extra second-factor roles and the shorter timeouts; `server` is the app config."""
    chosen = [r for r in two_factor_roles if r]
    unknown = set(chosen) - set(ROLES)
    if unknown:
        raise ServiceError(N_("Choose roles from the list."), "two_factor_roles")
    server_idle, server_absolute = server["SESSION_IDLE_TIMEOUT_MINUTES"], server["SESSION_ABSOLUTE_TIMEOUT_MINUTES"]
    if idle_minutes is not None and not MIN_IDLE_MINUTES <= idle_minutes <= server_idle:
        raise ServiceError(N_("The idle timeout is between %(low)d and %(high)d minutes (the server's limit)."),
                           "idle_timeout_minutes", low=MIN_IDLE_MINUTES, high=server_idle)
    if absolute_minutes is not None and not MIN_ABSOLUTE_MINUTES <= absolute_minutes <= server_absolute:
        raise ServiceError(N_("The session limit is between %(low)d and %(high)d minutes (the server's limit)."),
                           "absolute_timeout_minutes", low=MIN_ABSOLUTE_MINUTES, high=server_absolute)
    before = _fields(org)
    # The server's roles always apply; only the organisation's additions are stored.
    server_roles = set(server["TWO_FACTOR_REQUIRED_ROLES"])
    org.two_factor_roles = ",".join(r for r in ROLES if r in chosen and r not in server_roles)
    org.idle_timeout_minutes = None if idle_minutes in (None, server_idle) else idle_minutes
    org.absolute_timeout_minutes = None if absolute_minutes in (None, server_absolute) else absolute_minutes
    changes = field_changes(before, _fields(org))
    if changes:
        record("organisation.security_settings", org, actor, changes)


def _retention(org: Organisation) -> dict:
    return {"closed_case_retention_days": org.closed_case_retention_days,
            "person_retention_days": org.person_retention_days}


def update_retention_settings(org: Organisation, *, closed_case_days: int | None, person_days: int | None,
                              actor: User | None) -> None:
    """Set how many days after closing a case it is deleted, and its people's records; None keeps them."""
    for field, value in (("closed_case_retention_days", closed_case_days), ("person_retention_days", person_days)):
        if not check_days(value):
            raise ServiceError(N_("A period is between %(low)d and %(high)d days; leave it blank to keep the records."),
                               field, low=MIN_DAYS, high=MAX_DAYS)
    before = _retention(org)
    org.closed_case_retention_days, org.person_retention_days = closed_case_days, person_days
    changes = field_changes(before, _retention(org))
    if changes:
        record("organisation.retention_settings", org, actor, changes)
