"""Optimistic locking: a change must start from the version it was made against."""
from __future__ import annotations

import datetime
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable

from sqlalchemy.orm.exc import StaleDataError

from caseapp.errors import Conflict
from caseapp.extensions import db
from caseapp.transaction import undo


def check_version(obj: Any, expected_version: int) -> None:
    if expected_version != obj.version:
        raise Conflict(obj)


@contextmanager
def stale_as_conflict(obj: Any):
    """Turn a write that lost a race (someone saved in between) into a Conflict with the current record."""
    try:
        yield
    except StaleDataError:
        undo()
        raise Conflict(db.session.get(type(obj), obj.id)) from None


def locked_update(obj: Any, expected_version: int, clean: Callable[[], dict[str, Any]],
                  snapshot: Callable[[Any], dict], diff: Callable[[dict, dict], dict]) -> dict:
    """Apply clean() to obj if expected_version is current; flush once; return the differences."""
    check_version(obj, expected_version)
    with stale_as_conflict(obj):
        before = snapshot(obj)
        for key, value in clean().items():
            setattr(obj, key, value)
        changes = diff(before, snapshot(obj))
        if changes:
            db.session.flush()
    return changes


# --- after a conflict: what differs between the user's version and the one saved now -------------

@dataclass(frozen=True)
class Difference:
    field: str
    yours: Any
    theirs: Any


def normalised(value: Any) -> Any:
    """A value as a person compares it: line ends, outer spaces, empty lists and blanks do not count."""
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").strip()  # browsers send CRLF; records keep LF
    elif isinstance(value, list | tuple):
        value = tuple(item for item in (normalised(v) for v in value) if item is not None) or None
    elif isinstance(value, datetime.date):
        value = value.isoformat()
    return None if value in ("", None) else value
