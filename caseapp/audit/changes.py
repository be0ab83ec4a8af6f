"""Field-level differences between two states of a record, in plain Python."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Mapping


def plain(value: Any) -> Any:
    """Turn a value into something JSON can hold, the same way every time."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def field_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Return {field: {"old", "new"}} for every field whose value differs."""
    changed = {}
    for field in sorted(set(before) | set(after)):
        old, new = plain(before.get(field)), plain(after.get(field))
        if old != new:
            changed[field] = {"old": old, "new": new}
    return changed


def created_fields(after: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Changes for a new record: every set field, from nothing."""
    return {k: v for k, v in field_changes({}, after).items() if v["new"] not in (None, "")}
