"""Who may use the parts of the API that belong to no single area: pure predicates."""
from __future__ import annotations

from caseapp.auth.roles import ROLES


def can_use_api(user) -> bool:
    """Every role has a token: it may ask who it is, read the API's description and ask for suggestions."""
    return user.role in ROLES
