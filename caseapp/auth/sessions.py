"""Server-side sign-in sessions: started at sign-in, checked on every request, ended on the server.

The browser's cookie holds only a random key; the row keyed by its hash says
whether the session is still alive. Callers commit.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update

from caseapp.audit.services import record
from caseapp.auth import timeouts
from caseapp.auth.models import User, UserSession
from caseapp.db import utcnow
from caseapp.extensions import db

# Writing last_seen_at on every request would turn each page view into a write;
# once a minute is precise enough for a 30-minute idle timeout.
TOUCH_EVERY = timedelta(minutes=1)

LOGOUT = "logout"
# bandit B105: why a session ended, not a password.
PASSWORD_CHANGED = "password_changed"  # nosec B105
TWO_FACTOR_RESET = "two_factor_reset"
DEACTIVATED = "deactivated"
IDLE = "idle"
EXPIRED = "expired"
ENDED_BY_USER = "ended_by_user"


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


# Ended sessions are kept a while (the profile and an investigation may want them), then dropped.
KEEP_ENDED = timedelta(days=30)


def start(user: User, user_agent: str = "") -> str:
    """Open a session for `user`; return the key the cookie will carry."""
    key = secrets.token_urlsafe(32)
    now = utcnow()
    db.session.execute(delete(UserSession).where(
        UserSession.user_id == user.id,
        or_(UserSession.ended_at < now - KEEP_ENDED, UserSession.last_seen_at < now - KEEP_ENDED),
    ))
    db.session.add(UserSession(user=user, key_hash=_hash(key), created_at=now, last_seen_at=now,
                               authenticated_at=now, user_agent=user_agent[:200]))
    user.session_key = key
    return key


def timeouts_for(user: User, config) -> timeouts.Timeouts:
    org = user.organisation
    return timeouts.effective(config["SESSION_IDLE_TIMEOUT_MINUTES"], config["SESSION_ABSOLUTE_TIMEOUT_MINUTES"],
                              org.idle_timeout_minutes, org.absolute_timeout_minutes)


def find(user_id: int, key: str) -> UserSession | None:
    return db.session.scalar(
        select(UserSession).where(UserSession.key_hash == _hash(key), UserSession.user_id == user_id)
    )


def check(row: UserSession, config, now: datetime | None = None) -> str:
    """Return the session's state, ending it on the server if it timed out."""
    if row.ended_at is not None:
        return row.end_reason or LOGOUT
    now = now or utcnow()
    state = timeouts.state(row.created_at, row.last_seen_at, now, timeouts_for(row.user, config))
    if state != timeouts.ACTIVE:
        end(row, IDLE if state == timeouts.IDLE else EXPIRED)
        return row.end_reason
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
    return timeouts.ACTIVE


def is_recent(row: UserSession, config, now: datetime | None = None) -> bool:
    window = timedelta(minutes=config["REAUTHENTICATION_MINUTES"])
    return timeouts.is_recent(row.authenticated_at, now or utcnow(), window)


def reauthenticated(row: UserSession) -> None:
    row.authenticated_at = utcnow()
    record("user.reauthenticate", row.user, row.user)


def sign_out(row: UserSession) -> None:
    end(row, LOGOUT)
    record("user.logout", row.user, row.user)


def end_others(user: User, keep: UserSession) -> int:
    """The user signs out every other browser; return how many sessions ended."""
    ended = end_all(user, ENDED_BY_USER, keep=keep)
    record("user.sessions_end", user, user, {"sessions": {"old": ended, "new": 0}})
    return ended


def end(row: UserSession, reason: str) -> None:
    if row.ended_at is None:
        row.ended_at = utcnow()
        row.end_reason = reason


def end_all(user: User, reason: str, keep: UserSession | None = None) -> int:
    """End every open session of `user` (but `keep`); return how many were open."""
    query = update(UserSession).where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
    if keep is not None:
        query = query.where(UserSession.id != keep.id)
    result = db.session.execute(query.values(ended_at=utcnow(), end_reason=reason))
    return result.rowcount or 0


def open_sessions(user: User, config) -> list[UserSession]:
    """The user's sessions that still work: not ended, not timed out."""
    rows = db.session.scalars(
        select(UserSession).where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
        .order_by(UserSession.last_seen_at.desc())
    )
    now, limits = utcnow(), timeouts_for(user, config)
    return [row for row in rows if timeouts.state(row.created_at, row.last_seen_at, now, limits) == timeouts.ACTIVE]
