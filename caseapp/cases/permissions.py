"""Who may do what with cases: pure predicates over a user and a case."""
from __future__ import annotations

from caseapp.auth.roles import CASE_CREATORS, CASE_READERS


def can_list_cases(user) -> bool:
    return user.role in CASE_READERS


def can_create_case(user) -> bool:
    return user.role in CASE_CREATORS


def can_view_case(user, case) -> bool:
    return user.organisation_id == case.organisation_id and user.role in CASE_READERS
