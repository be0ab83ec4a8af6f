"""Who may see and change parties: pure predicates."""
from __future__ import annotations

from caseapp.auth.roles import CASE_CREATORS, CASE_READERS
from caseapp.cases.permissions import can_edit_case


def can_view_parties(user) -> bool:
    return user.role in CASE_READERS


def can_view_party(user, party) -> bool:
    return can_view_parties(user) and user.organisation_id == party.organisation_id


def can_edit_parties(user) -> bool:
    return user.role in CASE_CREATORS


def can_edit_party(user, party) -> bool:
    return can_edit_parties(user) and can_view_party(user, party)


def can_link_parties(user, case) -> bool:
    """Linking a party to a case, or unlinking it, changes the case."""
    return can_edit_parties(user) and can_edit_case(user, case)
