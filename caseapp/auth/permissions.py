"""What a signed-in user may do with their own account: pure predicates."""
from __future__ import annotations


def can_manage_own_account(user) -> bool:
    """Profile, password, second factor, sessions and API tokens: every active user, for themselves."""
    return bool(getattr(user, "is_authenticated", False)) and bool(getattr(user, "active", False))


def can_revoke_token(user, token) -> bool:
    return can_manage_own_account(user) and token.user_id == user.id
