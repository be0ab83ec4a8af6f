"""A fact's value as typed in a form, turned into the value the fact holds. Plain Python."""
from __future__ import annotations

from typing import Any

from caseapp.cases.conditions import BY_KEY
from caseapp.errors import N_, ServiceError


def typed_value(fact: str, raw: str | None, count_min=None, count_max=None, qualifier=None) -> Any:
    if fact == "workers_count":
        return {"min": count_min, "max": count_max, "qualifier": qualifier or "unknown"}
    kind = BY_KEY[fact].kind if fact in BY_KEY else "text"
    raw = (raw or "").strip()
    if not raw:
        raise ServiceError(N_("Give the value the excerpt supports."), "value")
    if kind in ("number", "integer"):
        try:
            number = float(raw.replace(",", "."))
        except ValueError:
            raise ServiceError(N_("Give a number."), "value") from None
        return int(number) if number.is_integer() else number
    if kind == "boolean":
        answer = raw.lower()
        if answer in ("yes", "ja", "true", "1"):
            return True
        if answer in ("no", "nee", "false", "0"):
            return False
        raise ServiceError(N_("Answer yes or no, or leave it empty for unknown."), "value")
    return raw
