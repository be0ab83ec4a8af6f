"""The working conditions of a case: the facts later evidence attaches to. Plain Python.

Every key may be None, which means unknown and is not the same as "no". Each
key has a free-text companion `<key>_note`. `daily_hours` can be computed
from `work_start` and `work_end` (07:00 to 22:00 is 15 hours).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from caseapp.errors import N_, ServiceError
from caseapp.cases.limits import NOTE_MAX

HOLDERS: dict[str, str] = {
    "worker": N_("the worker"),
    "employer": N_("the employer"),
    "agent": N_("an agent or recruiter"),
    "guard": N_("a guard or minder"),
    "state": N_("the state"),
    "other": N_("someone else"),
}
HOUSING: dict[str, str] = {
    "barracks": N_("barracks"),
    "dormitory": N_("dormitory"),
    "on_site": N_("on the worksite"),
    "private": N_("private housing"),
    "employer_house": N_("in the employer's house"),
    "other": N_("other housing"),
}
PERIODS: dict[str, str] = {
    "hour": N_("per hour"),
    "day": N_("per day"),
    "week": N_("per week"),
    "month": N_("per month"),
    "year": N_("per year"),
    "season": N_("per season"),
    "contract": N_("for the whole contract"),
}
PARTY_ROLES = tuple(HOLDERS)
HOUSING_TYPES = tuple(HOUSING)
WAGE_PERIODS = tuple(PERIODS)
CHOICE_LABELS: dict[str, dict[str, str]] = {
    "wage_recipient": HOLDERS, "document_holder": HOLDERS, "housing_type": HOUSING, "wage_period": PERIODS,
}
TIME = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")  # ASCII digits, matched whole
CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Fact:
    key: str
    kind: str  # number, integer, boolean, choice, text, time, currency
    label: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()


FACTS: tuple[Fact, ...] = (
    Fact("daily_hours", "number", N_("Hours worked a day"), 0, 24),
    Fact("work_start", "time", N_("Work starts at")),
    Fact("work_end", "time", N_("Work ends at")),
    Fact("days_per_week", "integer", N_("Days worked a week"), 0, 7),
    Fact("rest_days_per_month", "integer", N_("Rest days a month"), 0, 31),
    Fact("wage_promised", "number", N_("Wage promised"), 0, None),
    Fact("wage_received", "number", N_("Wage received"), 0, None),
    Fact("wage_currency", "currency", N_("Currency (ISO 4217)")),
    Fact("wage_period", "choice", N_("Wage period"), choices=WAGE_PERIODS),
    Fact("wage_recipient", "choice", N_("Who receives the wages"), choices=PARTY_ROLES),
    Fact("wage_withheld_share", "number", N_("Share of the wage withheld (%)"), 0, 100),
    Fact("recruitment_fee", "number", N_("Recruitment fee paid"), 0, None),
    Fact("debt", "number", N_("Debt owed"), 0, None),
    Fact("document_holder", "choice", N_("Who holds the identity documents"), choices=PARTY_ROLES),
    Fact("housing_type", "choice", N_("Housing"), choices=HOUSING_TYPES),
    Fact("housing_guarded", "boolean", N_("Housing guarded")),
    Fact("people_per_room", "integer", N_("People per room"), 0, 1000),
    Fact("housing_conditions", "text", N_("Housing conditions")),
    Fact("movement_escorted", "boolean", N_("Escorted when moving")),
    Fact("movement_curfew", "boolean", N_("Curfew")),
    Fact("movement_confined", "boolean", N_("Confined to the site or housing")),
    Fact("phones_taken", "boolean", N_("Phones taken")),
    Fact("family_contact", "boolean", N_("Can contact family")),
    Fact("threats", "boolean", N_("Threats")),
    Fact("violence", "boolean", N_("Violence")),
)

BY_KEY: dict[str, Fact] = {fact.key: fact for fact in FACTS}
NOTE_SUFFIX = "_note"


NOTE_LABEL = N_("%(fact)s (note)")


def condition_label(key: str, translate) -> str | None:
    """'conditions.daily_hours' -> 'Hours worked a day'; its note -> 'Hours worked a day (note)'; None for a key
    that names no condition. `translate`: gettext, in the reader's language."""
    name = key.removeprefix("conditions.")
    is_note = name.endswith(NOTE_SUFFIX)
    fact = BY_KEY.get(name.removesuffix(NOTE_SUFFIX) if is_note else name)
    if fact is None:
        return None
    return translate(NOTE_LABEL, fact=translate(fact.label)) if is_note else translate(fact.label)
MAX_AMOUNT = 10**12  # no wage, fee or debt comes near this; larger numbers are typing mistakes
TEXT_MAX = NOTE_MAX  # a condition given as text (housing conditions)
ALL_KEYS: tuple[str, ...] = tuple(k for fact in FACTS for k in (fact.key, fact.key + NOTE_SUFFIX))


def empty() -> dict[str, Any]:
    return {key: None for key in ALL_KEYS}


def hours_between(start: str, end: str) -> float:
    """Hours from start to end (HH:MM); an end before the start runs past midnight."""
    sh, sm = (int(p) for p in start.split(":"))
    eh, em = (int(p) for p in end.split(":"))
    minutes = (eh * 60 + em) - (sh * 60 + sm)
    if minutes <= 0:
        minutes += 24 * 60
    return round(minutes / 60, 2)


def clean_fact_value(key: str, value: Any, field: str) -> Any:
    """Check one fact's value as merge_conditions does; raise ServiceError naming `field`."""
    if key not in BY_KEY:
        raise ServiceError(N_("%(key)s is not a known condition."), field, key=key)
    return _clean_value(BY_KEY[key], value, field)


def _clean_value(fact: Fact, value: Any, field: str) -> Any:
    if value is None:
        return None
    if fact.kind in ("number", "integer"):
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise ServiceError(N_("Give a number, or leave it empty for unknown."), field)
        if abs(value) > MAX_AMOUNT:
            raise ServiceError(N_("Give a number from %(min)s to %(max)s."), field, min=0, max=MAX_AMOUNT)
        if fact.kind == "integer" and value != int(value):
            raise ServiceError(N_("Give a whole number."), field)
        if fact.minimum is not None and value < fact.minimum or fact.maximum is not None and value > fact.maximum:
            if fact.maximum is None:
                raise ServiceError(N_("The number cannot be negative."), field)
            raise ServiceError(N_("Give a number from %(min)s to %(max)s."), field,
                               min=_plain(fact.minimum), max=_plain(fact.maximum))
        return int(value) if fact.kind == "integer" else _plain(value)
    if fact.kind == "boolean":
        if not isinstance(value, bool):
            raise ServiceError(N_("Answer yes or no, or leave it empty for unknown."), field)
        return value
    if not isinstance(value, str):
        raise ServiceError(N_("Give a text value."), field)
    value = value.strip()
    if value == "":
        return None
    if fact.kind == "choice" and value not in fact.choices:
        raise ServiceError(N_("Choose one of: %(choices)s."), field, choices=", ".join(fact.choices))
    if fact.kind == "time" and not TIME.fullmatch(value):
        raise ServiceError(N_("Write the time as HH:MM, e.g. 07:00."), field)
    if fact.kind == "currency":
        value = value.upper()
        if not CURRENCY.match(value):
            raise ServiceError(N_("Write the currency as a three-letter ISO code, e.g. USD."), field)
    if fact.kind == "text" and len(value) > TEXT_MAX:
        raise ServiceError(N_("Keep this under %(max)s characters."), field, max=TEXT_MAX)
    return value


def _plain(number: float | int) -> float | int:
    return int(number) if float(number).is_integer() else float(number)


def _clean_note(value: Any, field: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ServiceError(N_("Give a text value."), field)
    if len(value) > NOTE_MAX:
        raise ServiceError(N_("Keep this under %(max)s characters."), field, max=NOTE_MAX)
    return value.strip() or None


def merge_conditions(current: dict[str, Any] | None, changes: dict[str, Any], prefix: str = "conditions") -> dict:
    """Return current conditions with `changes` applied and checked; compute daily_hours when it can."""
    result = empty() | (current or {})
    for key, value in changes.items():
        field = f"{prefix}.{key}"
        if key.endswith(NOTE_SUFFIX) and key[: -len(NOTE_SUFFIX)] in BY_KEY:
            result[key] = _clean_note(value, field)
        elif key in BY_KEY:
            result[key] = _clean_value(BY_KEY[key], value, field)
        else:
            raise ServiceError(N_("%(key)s is not a known condition."), field, key=key)
    given_hours = changes.get("daily_hours") is not None
    if result["work_start"] and result["work_end"] and not given_hours:
        if result["daily_hours"] is None or _computed_before(current):
            result["daily_hours"] = _plain(hours_between(result["work_start"], result["work_end"]))
    return result


def _computed_before(current: dict[str, Any] | None) -> bool:
    """Whether the stored daily_hours was itself computed from the stored times."""
    if not current or not current.get("work_start") or not current.get("work_end"):
        return False
    return current.get("daily_hours") == hours_between(current["work_start"], current["work_end"])


# How the facts are grouped on the form and the case page.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (N_("Hours"), ("daily_hours", "work_start", "work_end", "days_per_week", "rest_days_per_month")),
    (N_("Wages"), ("wage_promised", "wage_received", "wage_currency", "wage_period", "wage_recipient",
                   "wage_withheld_share")),
    (N_("Recruitment and debt"), ("recruitment_fee", "debt")),
    (N_("Identity documents"), ("document_holder",)),
    (N_("Housing"), ("housing_type", "housing_guarded", "people_per_room", "housing_conditions")),
    (N_("Movement and contact"), ("movement_escorted", "movement_curfew", "movement_confined", "phones_taken",
                                  "family_contact")),
    (N_("Threats and violence"), ("threats", "violence")),
)
