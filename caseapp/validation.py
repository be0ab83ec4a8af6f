"""Checks every area's services share: text within limits, lists of names, one of a set. Plain Python."""
from __future__ import annotations

import re
from typing import Any, Iterable

from caseapp.errors import N_, ServiceError

# The largest id a database integer column holds; a longer number is simply not found.
MAX_ID = 2**31 - 1
# A number as people type it in a URL or a form: ASCII digits only. Python's int() would also take
# "٣", "３", " 3", "+3" and "3_0", and str.isdigit() is true for "²", which int() refuses: both let
# odd input through or turn it into a server error.
_WHOLE = re.compile(r"[0-9]{1,18}")
_DIGITS = re.compile(r"[0-9]+")
_DECIMAL = re.compile(r"[0-9]{1,15}(?:[.,][0-9]{1,6})?")


def is_whole_number(raw: Any, maximum: int = MAX_ID) -> bool:
    """Whether raw is text of ASCII digits only, no greater than maximum."""
    return isinstance(raw, str) and _WHOLE.fullmatch(raw) is not None and int(raw) <= maximum


def whole_number(raw: Any, field: str, maximum: int = MAX_ID, minimum: int = 0) -> int:
    """raw (text) as a whole number written with the digits 0-9 within bounds; ServiceError naming field otherwise."""
    if not isinstance(raw, str) or not _DIGITS.fullmatch(raw):
        raise ServiceError(N_("Write a whole number with the digits 0 to 9."), field)
    if len(raw.lstrip("0")) > len(str(maximum)) or not minimum <= int(raw) <= maximum:
        raise ServiceError(N_("Give a number from %(min)s to %(max)s."), field, min=minimum, max=maximum)
    return int(raw)


def optional_whole_number(raw: Any, field: str, maximum: int = MAX_ID, minimum: int = 0) -> int | None:
    """As whole_number, with nothing (None, or blank text) read as None; " 3" is not a number."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    return whole_number(raw, field, maximum, minimum)


def decimal_number(raw: str) -> float | None:
    """Text such as 12, 12.5 or 12,5 as a number (ASCII digits only); None for anything else."""
    raw = raw.strip()
    return float(raw.replace(",", ".")) if _DECIMAL.fullmatch(raw) else None


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



def readable_size(size: int) -> str:
    """A number of bytes as people read a limit: 20 MB, 256 KB."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    return f"{size // 1024} KB"
