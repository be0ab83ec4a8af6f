"""Need-to-know for people: the case rules decide (caseapp.cases.permissions)."""
from __future__ import annotations

from caseapp.cases.permissions import can_edit_persons, can_view_persons

__all__ = ["can_view_persons", "can_edit_persons", "can_view_person", "can_edit_person"]


def can_view_person(user, person) -> bool:
    return can_view_persons(user, person.case)


def can_edit_person(user, person) -> bool:
    return can_edit_persons(user, person.case)
