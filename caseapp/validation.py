"""Checks every area's services share: text within limits, lists of names, one of a set. Plain Python."""
from __future__ import annotations

from typing import Any, Iterable

from caseapp.errors import N_, ServiceError


def clean_text(data: dict[str, Any], key: str, maximum: int) -> str:
    """data[key] as tidy text (None is empty); refuse anything but text of at most `maximum` characters."""
    value = data.get(key)
    value = "" if value is None else value
    if not isinstance(value, str) or len(value) > maximum:
        raise ServiceError(N_("Keep this under %(max)s characters."), key, max=maximum)
    return value.strip()


def clean_names(data: dict[str, Any], key: str = "aliases", most: int = 50) -> list[str]:
    """A list of names (aliases), blanks dropped."""
    names = data.get(key) or []
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise ServiceError(N_("Give the aliases as a list of names."), key)
    return [name.strip() for name in names if name.strip()][:most]


def clean_choice(value: Any, allowed: Iterable[str], field: str) -> str:
    allowed = list(allowed)
    if value not in allowed:
        raise ServiceError(N_("Choose one of: %(choices)s."), field, choices=", ".join(allowed))
    return value


def form_field_names(fields) -> set[str]:
    """The names a form (WTForms, nested lists and sub-forms included) takes from a post."""
    names: set[str] = set()
    for field in fields:
        names.add(field.name)
        inner = getattr(field, "entries", None)
        if inner is None:
            inner = getattr(field, "form", None)
        if inner is not None:
            names |= form_field_names(inner)
    return names

