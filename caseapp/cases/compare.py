"""Side by side: what a user tried to save against what is stored now. Plain Python."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from caseapp.cases.conditions import ALL_KEYS

SCALARS = ("title", "summary", "confidentiality", "assignee_id", "country", "region", "worksite", "sector",
           "period_start", "period_end")


@dataclass(frozen=True)
class Difference:
    field: str
    yours: Any
    theirs: Any


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").strip()  # browsers send CRLF; the record keeps LF
    return None if value in ("", None) else value


def compare_cases(yours: dict[str, Any], current) -> list[Difference]:
    """Fields where the user's version and the stored one differ."""
    differences = []
    for key in SCALARS:
        if key in yours and _norm(yours[key]) != _norm(getattr(current, key)):
            differences.append(Difference(key, yours[key], getattr(current, key)))
    stored = current.conditions or {}
    for key in ALL_KEYS:
        mine = (yours.get("conditions") or {}).get(key)
        if _norm(mine) != _norm(stored.get(key)):
            differences.append(Difference(f"conditions.{key}", mine, stored.get(key)))
    for key, rows in (("worker_groups", current.worker_groups), ("actions", current.actions)):
        if key in yours and len(yours[key]) != len(rows):
            differences.append(Difference(key, len(yours[key]), len(rows)))
    return differences
