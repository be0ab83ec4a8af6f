"""What every signed-in role may do, whatever its area: pure predicates."""
from __future__ import annotations

from caseapp.auth.roles import ROLES


def can_use_caseapp(user) -> bool:
    """Any role: see who one is, read the API's description, ask for indicator suggestions on a text."""
    return user.role in ROLES
