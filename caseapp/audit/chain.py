"""The arithmetic of the audit chain: canonical bytes, HMACs, verification. Plain Python.

Each entry's HMAC covers its content and the HMAC of the entry before it, so
changing, removing or inserting an entry breaks every link after it, and only
someone holding the key could forge the chain again. Checkpoints (the chain
head kept in the database, the anchor kept outside it) catch the one change
the links alone cannot show: entries removed from the end.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Protocol

# What the first entry links to: no entry before it.
GENESIS = hashlib.sha256(b"caseapp audit chain, version 1").hexdigest()
VERSION = "caseapp-audit-v1"

# Why an entry breaks the chain.
CONTENT_CHANGED = "content"    # its fields (or its HMAC) are not what was written
LINK_BROKEN = "link"           # it does not follow the entry before it
MISSING_BEFORE = "missing"     # entries before it are gone
TRUNCATED = "truncated"        # entries at the end are gone: a checkpoint was not met


class Entry(Protocol):
    """What the chain needs of an audit entry (the model, or a row read from the database)."""

    id: int
    created_at: datetime
    organisation_id: int | None
    actor_id: int | None
    actor_label: str
    action: str
    object_type: str
    object_id: int | None
    case_id: int | None
    changes: Any


class SealedEntry(Entry, Protocol):
    hmac: str
    prev_hmac: str


@dataclass(frozen=True)
class Checkpoint:
    """The chain as it was seen once: its last entry, that entry's HMAC and how many entries led to it."""

    entry_id: int
    hmac: str
    count: int
    label: str = ""  # where it comes from, for messages: "chain head", "anchor of 2026-11-28..."


class UnreadableEntry(ValueError):
    """The database cannot hand this entry back: a stored value was overwritten with something unreadable."""

    def __init__(self, entry_id: int) -> None:
        super().__init__(f"audit entry {entry_id} cannot be read")
        self.entry_id = entry_id


@dataclass(frozen=True)
class Break:
    """The first entry where the chain does not hold, and why."""

    entry_id: int
    reason: str
    action: str | None = None
    created_at: datetime | None = None
    checkpoint: Checkpoint | None = None


@dataclass(frozen=True)
class Verification:
    count: int
    last_id: int
    last_hmac: str
    broken: Break | None

    @property
    def intact(self) -> bool:
        return self.broken is None


def iso_utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("audit timestamps are aware UTC datetimes")
    return moment.astimezone(timezone.utc).isoformat()


def canonical_json(value: Any) -> str:
    """The one JSON spelling of a value: sorted keys, no spaces, UTF-8 as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def canonical_bytes(entry: Entry, previous_hmac: str) -> bytes:
    """What an entry's HMAC is computed over: its content and the previous entry's HMAC."""
    document = {
        "id": entry.id, "created_at": iso_utc(entry.created_at), "organisation_id": entry.organisation_id,
        "actor_id": entry.actor_id, "actor_label": entry.actor_label, "action": entry.action,
        "object_type": entry.object_type, "object_id": entry.object_id, "case_id": entry.case_id,
        "changes": entry.changes, "previous": previous_hmac,
    }
    return (VERSION + "\n" + canonical_json(document)).encode("utf-8")


def entry_hmac(key: bytes, entry: Entry, previous_hmac: str) -> str:
    return hmac.new(key, canonical_bytes(entry, previous_hmac), hashlib.sha256).hexdigest()


def verify(entries: Iterable[SealedEntry], key: bytes, checkpoints: Iterable[Checkpoint] = (),
           start: Checkpoint | None = None) -> Verification:
    """Walk the entries in id order; return the count, the head and the first break (None if intact).

    With `start` (an entry already known good: its id, HMAC and count), `entries` are those after it.
    """
    first_id = start.entry_id if start else 0
    pending = {c.entry_id: c for c in sorted(checkpoints, key=lambda c: c.count) if c.entry_id > first_id}
    previous_id, previous_hmac, count = (start.entry_id, start.hmac, start.count) if start else (0, GENESIS, 0)
    rows = iter(entries)
    while True:
        try:
            entry = next(rows)
        except StopIteration:
            break
        except (ValueError, TypeError, LookupError) as error:
            # A row the database cannot even hand back as an entry (a date or JSON overwritten with
            # garbage): the log stops being what was written there.
            entry_id = getattr(error, "entry_id", previous_id + 1)
            return Verification(count, previous_id, previous_hmac, Break(entry_id, CONTENT_CHANGED))
        try:
            broken = _check(entry, key, previous_id, previous_hmac)
        except (ValueError, TypeError, AttributeError):
            broken = Break(entry.id, CONTENT_CHANGED, getattr(entry, "action", None))
        if broken is None and entry.id in pending:
            broken = _meet(pending.pop(entry.id), entry, count + 1)
        if broken is not None:
            return Verification(count, previous_id, previous_hmac, broken)
        previous_id, previous_hmac, count = entry.id, entry.hmac, count + 1
    missed = _first_missed(pending.values(), previous_id)
    return Verification(count, previous_id, previous_hmac, missed)


def _check(entry: SealedEntry, key: bytes, previous_id: int, previous_hmac: str) -> Break | None:
    if not hmac.compare_digest(entry_hmac(key, entry, entry.prev_hmac or ""), entry.hmac or ""):
        return Break(entry.id, CONTENT_CHANGED, entry.action, entry.created_at)
    if entry.prev_hmac != previous_hmac:
        # The entry is authentic but links to another predecessor: a gap in the ids (or a first
        # entry that does not start the chain) means entries were removed, otherwise the order
        # of entries was changed.
        gap = entry.id != previous_id + 1 if previous_id else entry.prev_hmac != GENESIS
        return Break(entry.id, MISSING_BEFORE if gap else LINK_BROKEN, entry.action, entry.created_at)
    return None


def _meet(checkpoint: Checkpoint, entry: SealedEntry, count: int) -> Break | None:
    if hmac.compare_digest(checkpoint.hmac, entry.hmac) and checkpoint.count == count:
        return None
    # The chain at this entry is not the one the checkpoint saw: rewritten with the key, or
    # entries before it removed and the links recomputed.
    return Break(entry.id, CONTENT_CHANGED if checkpoint.count == count else MISSING_BEFORE,
                 entry.action, entry.created_at, checkpoint)


def _first_missed(missed: Iterable[Checkpoint], last_id: int) -> Break | None:
    """A checkpoint never met names an entry that is no longer there: the log was cut short."""
    missed = sorted(missed, key=lambda c: c.count)
    if not missed:
        return None
    checkpoint = missed[0]
    return Break(checkpoint.entry_id, TRUNCATED, checkpoint=checkpoint)
