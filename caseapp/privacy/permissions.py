"""Who may see everything held about a person, export it and erase it: pure predicates.

Only an organisation's admins: they answer subject-access requests and erasure requests.
Caseworkers and coordinators work with the people of their cases on the case pages.
"""
from __future__ import annotations

from caseapp.auth.roles import ADMIN


def can_handle_personal_data(user) -> bool:
    return user.role == ADMIN


def can_handle_person(user, person) -> bool:
    return can_handle_personal_data(user) and user.organisation_id == person.organisation_id
