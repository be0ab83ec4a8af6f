"""Who may manage which user and the organisation's settings: pure predicates."""
from __future__ import annotations

from caseapp.auth.roles import ADMIN


def can_manage_users(user) -> bool:
    return user.role == ADMIN


def can_manage_user(user, other) -> bool:
    return can_manage_users(user) and user.organisation_id == other.organisation_id


def can_change_security_settings(user, organisation) -> bool:
    return user.role == ADMIN and user.organisation_id == organisation.id


def can_view_audit_log(user) -> bool:
    """The organisation's own log; which organisation is the query's business (organisation_log)."""
    return user.role == ADMIN
