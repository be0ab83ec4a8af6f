"""What a signed-in user may do with their own account: pure predicates."""
from __future__ import annotations

from caseapp.auth.roles import ROLES


def can_use_caseapp(user) -> bool:
    """Any role: see who one is, read the API's description, ask for indicator suggestions on a text."""
    return user.role in ROLES


def can_manage_own_account(user) -> bool:
    """Profile, password, second factor, sessions and API tokens: every active user, for themselves."""
    return bool(getattr(user, "is_authenticated", False)) and bool(getattr(user, "active", False))


def can_revoke_token(user, token) -> bool:
    return can_manage_own_account(user) and token.user_id == user.id
