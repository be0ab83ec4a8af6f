"""Who may do what with cases: pure predicates over a user and a case."""
from __future__ import annotations

from caseapp.auth.roles import ADMIN, CASE_CREATORS, CASE_READERS, CASEWORKER, COORDINATOR


def can_list_cases(user) -> bool:
    return user.role in CASE_READERS


def can_create_case(user) -> bool:
    return user.role in CASE_CREATORS


def sees_restricted(user, case) -> bool:
    """Restricted cases are for their assignee, coordinators and admins only."""
    return user.role in (COORDINATOR, ADMIN) or case.assignee_id == user.id


def can_view_case(user, case) -> bool:
    if user.organisation_id != case.organisation_id or user.role not in CASE_READERS:
        return False
    return case.confidentiality != "restricted" or sees_restricted(user, case)


def can_edit_case(user, case) -> bool:
    if not can_view_case(user, case):
        return False
    return user.role == COORDINATOR or (user.role == CASEWORKER and case.assignee_id == user.id)


def can_assign(user) -> bool:
    return user.role == COORDINATOR


def can_view_persons(user, case) -> bool:
    """Need-to-know: the assignee, coordinators and admins; never advocates."""
    if not can_view_case(user, case):
        return False
    return user.role in (COORDINATOR, ADMIN) or (user.role == CASEWORKER and case.assignee_id == user.id)


def can_edit_persons(user, case) -> bool:
    return can_view_persons(user, case) and can_edit_case(user, case)


def settable_fields(user) -> frozenset[str]:
    """Case fields this user may set; status, organisation and reference are never among them."""
    fields = {"title", "summary", "confidentiality", "country", "region", "worksite", "sector", "period_start",
              "period_end", "conditions", "worker_groups", "actions"}
    if can_assign(user):
        fields.add("assignee_id")
    return frozenset(fields)
