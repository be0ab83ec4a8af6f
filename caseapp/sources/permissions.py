"""Who may do what with sources and excerpts: pure predicates.

A source's visibility and who may change it depend on the cases citing it;
the caller passes them in (`citing`: every case citing the source, deleted
ones too), so the rules stay plain functions of their arguments.
"""
from __future__ import annotations

from caseapp.auth.roles import ADMIN, CASE_CREATORS, CASE_READERS, CASEWORKER, COORDINATOR
from caseapp.cases.permissions import can_edit_case, can_view_case


def can_list_sources(user) -> bool:
    return user.role in CASE_READERS


def can_add_sources(user) -> bool:
    return user.role in CASE_CREATORS


def can_see_all_sources(user) -> bool:
    """Advocates see only the sources of the cases they may see; the others, all of the organisation's."""
    return user.role in (*CASE_CREATORS, ADMIN)


def can_view_source(user, source, citing=()) -> bool:
    """Coordinators and admins see all; others a source cited by a case they may see; caseworkers also one
    no case cites or that they added. A source cited only by a restricted case stays out of sight."""
    if user.role not in CASE_READERS or user.organisation_id != source.organisation_id:
        return False
    if user.role in (COORDINATOR, ADMIN) or any(can_view_case(user, case) for case in citing):
        return True
    if not can_see_all_sources(user):
        return False
    return not citing or source.created_by_id == user.id


def can_view_media(user, source, citing=()) -> bool:
    """A photo or a recording may show the people of a case, and nothing in it is hidden the way names are
    hidden in text: its content (previews, the file, where, when and with what it was taken) goes to those
    with need-to-know for the cases citing it. Coordinators and admins; the caseworker who added it or is
    assigned a case citing it. Advocates and other caseworkers see that it exists, its size and its hash."""
    if not can_view_source(user, source, citing):
        return False
    if user.role in (COORDINATOR, ADMIN):
        return True
    if user.role != CASEWORKER:
        return False
    return source.created_by_id == user.id or any(
        case.assignee_id == user.id for case in citing if getattr(case, "deleted_at", None) is None)


def can_change_source(user, source, citing=()) -> bool:
    """Coordinators; a caseworker only for a source they added that no case cites yet, or one cited by a
    case they may edit (a source is evidence: re-grading it changes every case that cites it)."""
    if user.role not in CASE_CREATORS or user.organisation_id != source.organisation_id:
        return False
    if user.role == COORDINATOR:
        return True
    live = [case for case in citing if getattr(case, "deleted_at", None) is None]
    if not live:
        return source.created_by_id == user.id
    return any(can_edit_case(user, case) for case in live)


def can_quote_in_case(user, case) -> bool:
    """Quoting a passage, or recording an excerpt as evidence, changes the case."""
    return can_add_sources(user) and can_edit_case(user, case)


def can_verify_sources(user) -> bool:
    return user.role == ADMIN


def can_retain_values(user) -> bool:
    return user.role == COORDINATOR


def can_retain_value(user, case) -> bool:
    """Choosing between contradicting values is a coordinator's decision on a case they may edit."""
    return can_retain_values(user) and can_edit_case(user, case)
