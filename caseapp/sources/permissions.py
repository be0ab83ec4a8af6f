"""Who may do what with sources and excerpts: pure predicates."""
from __future__ import annotations

from caseapp.auth.roles import ADMIN, CASE_CREATORS, COORDINATOR


def can_add_sources(user) -> bool:
    return user.role in CASE_CREATORS


def can_see_all_sources(user) -> bool:
    """Advocates see only the sources of the cases they may see; the others, all of the organisation's."""
    return user.role in (*CASE_CREATORS, ADMIN)


def can_change_source(user, source) -> bool:
    return user.role in CASE_CREATORS and user.organisation_id == source.organisation_id


def can_verify_sources(user) -> bool:
    return user.role == ADMIN


def can_retain_values(user) -> bool:
    return user.role == COORDINATOR
