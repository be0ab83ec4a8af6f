"""Keyset pagination: stable pages over lists that change while being read.

A cursor is an opaque, URL-safe encoding of the sort key of the last item
shown; the next page starts strictly after it.
"""
from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, Generic, Sequence, TypeVar

from sqlalchemy import Select, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session

from caseapp.errors import N_, ServiceError
from caseapp.validation import is_whole_number

T = TypeVar("T")
DEFAULT_LIMIT = 25
MAX_LIMIT = 100
MAX_INTEGER = 2**63 - 1


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None


@dataclass(frozen=True)
class SortKey:
    """Columns to order by, all in one direction, the last one unique."""

    columns: Sequence[InstrumentedAttribute]
    descending: bool = True


def encode_cursor(values: Sequence[Any]) -> str:
    plain = [{"t": v.isoformat()} if isinstance(v, datetime) else v for v in values]
    return base64.urlsafe_b64encode(json.dumps(plain, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, width: int, kinds: Sequence[type] | None = None) -> list[Any]:
    """The sort key a cursor holds; with `kinds`, each value must be of its column's type (a list or a
    text where a number belongs is a forged cursor, refused before it reaches the database)."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
        if not isinstance(values, list) or len(values) != width:
            raise ValueError
        decoded = [datetime.fromisoformat(v["t"]) if isinstance(v, dict) else v for v in values]
        if kinds is not None and not all(_fits(value, kind) for value, kind in zip(decoded, kinds, strict=True)):
            raise ValueError
        return decoded
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError, RecursionError):
        raise ServiceError(N_("This cursor is not valid; start again from the first page."), "cursor") from None


def _fits(value: Any, kind: type) -> bool:
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool) and abs(value) <= MAX_INTEGER
    return isinstance(value, kind)


def _kind(column: InstrumentedAttribute) -> type:
    return getattr(column.type, "impl", column.type).python_type


def parse_limit(raw: Any) -> int:
    if raw is None or raw == "":
        return DEFAULT_LIMIT
    if isinstance(raw, int) and not isinstance(raw, bool):
        limit = raw
    elif is_whole_number(raw, maximum=10**9):
        limit = int(raw)
    else:
        raise ServiceError(N_("The limit must be a whole number."), "limit")
    if not 1 <= limit <= MAX_LIMIT:
        raise ServiceError(N_("The limit must be between 1 and %(max)s."), "limit", max=MAX_LIMIT)
    return limit


def keyset_page(session: Session, stmt: Select, key: SortKey, cursor: str | None, limit: int) -> Page:
    columns = list(key.columns)
    if cursor:
        after = decode_cursor(cursor, len(columns), [_kind(column) for column in columns])
        row = tuple_(*columns)
        stmt = stmt.where(row < tuple_(*after) if key.descending else row > tuple_(*after))
    stmt = stmt.order_by(*[c.desc() if key.descending else c.asc() for c in columns]).limit(limit + 1)
    items = list(session.scalars(stmt))
    if len(items) <= limit:
        return Page(items, None)
    items = items[:limit]
    last = items[-1]
    return Page(items, encode_cursor([getattr(last, c.key) for c in columns]))


def checked_keyset_page(session: Session, stmt: Select, key: SortKey, cursor: str | None, limit: int,
                        keep: Callable[[list], set], batch: int = 100) -> Page:
    """keyset_page for rows some of which a check in Python takes out (keep: the rows of a round -> the ids of
    those that stay): candidates are read in the page's order, a batch at a time, until the page is full, so
    the check costs about a page's worth of rows, not the whole result's."""
    shown: list = []
    while len(shown) <= limit:
        page = keyset_page(session, stmt, key, cursor, batch)
        kept = keep(page.items)
        shown += [item for item in page.items if item.id in kept]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    if len(shown) <= limit:
        return Page(shown, None)
    shown = shown[:limit]
    return Page(shown, encode_cursor([getattr(shown[-1], c.key) for c in key.columns]))
