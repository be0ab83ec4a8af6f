"""When a sign-in session ends by itself, and when it counts as recent. Plain Python."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

ACTIVE = "active"
IDLE = "idle"  # no request for longer than the idle timeout
EXPIRED = "expired"  # older than the absolute timeout, however busy


@dataclass(frozen=True)
class Timeouts:
    idle: timedelta
    absolute: timedelta


def effective(server_idle_minutes: int, server_absolute_minutes: int, organisation_idle: int | None,
              organisation_absolute: int | None) -> Timeouts:
    """The server's timeouts, shortened (never lengthened) by the organisation's own."""
    idle = min(filter(None, [server_idle_minutes, organisation_idle]))
    absolute = min(filter(None, [server_absolute_minutes, organisation_absolute]))
    return Timeouts(timedelta(minutes=idle), timedelta(minutes=absolute))


def state(created_at: datetime, last_seen_at: datetime, now: datetime, timeouts: Timeouts) -> str:
    if now - created_at >= timeouts.absolute:
        return EXPIRED
    if now - last_seen_at >= timeouts.idle:
        return IDLE
    return ACTIVE


def is_recent(authenticated_at: datetime, now: datetime, window: timedelta) -> bool:
    """Did the user prove who they are within `window`? (re-authentication before sensitive pages)"""
    return now - authenticated_at < window
