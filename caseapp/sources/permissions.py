"""Who may do what with sources and excerpts: pure predicates."""
from __future__ import annotations

from caseapp.auth.roles import ADMIN, CASE_CREATORS, COORDINATOR


def can_add_sources(user) -> bool:
    return user.role in CASE_CREATORS


def can_see_all_sources(user) -> bool:
    """Advocates see only the sources of the cases they may see; the others, all of the organisation's."""
    return user.role in (*CASE_CREATORS, ADMIN)


def can_change_source(user, source, citing_cases=(), can_edit_case=None) -> bool:
    """Coordinators; a caseworker only for a source they added that no case cites yet, or one cited by a
    case they may edit (a source is evidence: re-grading it changes every case that cites it)."""
    if user.role not in CASE_CREATORS or user.organisation_id != source.organisation_id:
        return False
    if user.role == COORDINATOR:
        return True
    if not citing_cases:
        return source.created_by_id == user.id
    return can_edit_case is not None and any(can_edit_case(user, case) for case in citing_cases)


def can_verify_sources(user) -> bool:
    return user.role == ADMIN


def can_retain_values(user) -> bool:
    return user.role == COORDINATOR
