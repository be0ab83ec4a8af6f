"""Side by side: what a user tried to save against what is stored now. Plain Python."""
from __future__ import annotations

from typing import Any

from caseapp.cases.conditions import ALL_KEYS
from caseapp.locking import Difference, differences, normalised

SCALARS = ("title", "summary", "confidentiality", "assignee_id", "country", "region", "worksite", "sector",
           "period_start", "period_end")


def compare_cases(yours: dict[str, Any], current) -> list[Difference]:
    """Fields where the user's version and the stored one differ."""
    found = differences(yours, current, SCALARS)
    stored = current.conditions or {}
    for key in ALL_KEYS:
        mine = (yours.get("conditions") or {}).get(key)
        if normalised(mine) != normalised(stored.get(key)):
            found.append(Difference(f"conditions.{key}", mine, stored.get(key)))
    for key, rows in (("worker_groups", current.worker_groups), ("actions", current.actions)):
        if key in yours and len(yours[key]) != len(rows):
            found.append(Difference(key, len(yours[key]), len(rows)))
    return found
