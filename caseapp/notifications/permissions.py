"""Who may read which notification: pure predicates."""
from __future__ import annotations

from caseapp.auth.roles import ROLES


def can_read_notifications(user) -> bool:
    """Everyone signed in has a list of their own."""
    return user.role in ROLES


def can_open_notification(user, notification) -> bool:
    """A notification is its addressee's; to anyone else it does not exist."""
    return can_read_notifications(user) and notification.user_id == user.id
