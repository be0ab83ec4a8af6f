"""Need-to-know for people: the case rules decide (caseapp.cases.permissions)."""
from caseapp.cases.permissions import can_edit_persons, can_view_persons

__all__ = ["can_view_persons", "can_edit_persons"]
