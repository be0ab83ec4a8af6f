"""Checking the whole audit chain, and the anchor kept outside the database.

The anchor (`AUDIT_ANCHOR_PATH`, a small JSON file) is the chain head the last
successful check saw. Someone able to change the database, triggers included,
could remove the last entries and set the head row back; they could not go
back in time and change the anchor, so the next check notices.

An anchor vouches for one database: it names the database's address (from DATABASE_URL, which
someone able to change the database cannot change) and its id (kept in the database, caseapp.audit.
identity). A check of the database at another address (a restored copy reached with another
DATABASE_URL) reads and writes that database's own anchor, a file beside AUDIT_ANCHOR_PATH, and never
moves this instance's. At this instance's address, a database whose id is not the anchor's (changed
or removed) fails the check: only `flask audit anchor` or a restore starts a new anchor there.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import func, select

from caseapp.audit import chain, identity
from caseapp.audit.models import AuditChainHead, AuditEntry
from caseapp.audit.services import HEAD_ID, hmac_key
from caseapp.db import utcnow
from caseapp.errors import N_
from caseapp.extensions import db
from caseapp.protection.files import FILE, private_folder

IDENTITY_CHANGED = "identity_changed"  # the anchor names another database id than this one has
REASONS = {
    chain.CONTENT_CHANGED: N_("its content or its HMAC is not what was written"),
    chain.LINK_BROKEN: N_("it does not follow the entry before it: entries were reordered or inserted"),
    chain.MISSING_BEFORE: N_("entries before it are missing"),
    chain.TRUNCATED: N_("it is missing: entries at the end of the log were removed"),
    IDENTITY_CHANGED: N_("the database is not the one the anchor vouches for: its id was changed or removed, or "
                           "another database was put in its place. If a backup was restored by hand, check it "
                           "and run `flask audit anchor`"),
}
STREAM_ROWS = 1000


class AnchorUnreadable(RuntimeError):
    """The anchor file exists but does not hold an anchor."""


class ChainBroken(RuntimeError):
    def __init__(self, check: ChainCheck) -> None:
        super().__init__(f"the audit chain is broken at entry {check.broken.entry_id}")
        self.check = check


@dataclass(frozen=True)
class Anchor:
    entry_id: int
    hmac: str
    count: int
    anchored_at: datetime
    database_id: str | None = None  # None: written before anchors named their database
    location: str | None = None  # the database's address, as a fingerprint of DATABASE_URL

    def checkpoint(self) -> chain.Checkpoint:
        return chain.Checkpoint(self.entry_id, self.hmac, self.count, "anchor")

    def as_dict(self) -> dict[str, Any]:
        return {"entry_id": self.entry_id, "hmac": self.hmac, "count": self.count,
                "anchored_at": self.anchored_at.isoformat(), "database_id": self.database_id,
                "location": self.location}


@dataclass(frozen=True)
class ChainCheck:
    """The result of checking the whole chain: what `flask audit verify` and the admin page show."""

    count: int
    head_id: int
    head_hmac: str
    broken: chain.Break | None
    anchor: Anchor | None  # the anchor the chain was compared with, if there was one
    # False when only the entries after the anchor were read (verify_since_anchor).
    full: bool = True

    @property
    def intact(self) -> bool:
        return self.broken is None

    @property
    def reason(self) -> str | None:
        """Why the chain breaks, untranslated (N_)."""
        return REASONS[self.broken.reason] if self.broken else None


def location() -> str:
    """A fingerprint of where the database is (DATABASE_URL less its password): set by the configuration,
    not by anything the database holds."""
    url = db.engine.url.set(password=None).render_as_string(hide_password=False)
    return hashlib.sha256(url.encode()).hexdigest()[:16]


def anchor_path(database_id: str | None = None) -> Path:
    """Where the anchor of the database this instance is configured with (whose id is `database_id`, when
    the caller knows it) is kept.

    AUDIT_ANCHOR_PATH when its anchor is for this address (or for none yet, or was written before anchors
    named one), or names this database's id (the database moved to a new address); the anchor of a
    database at another address is a file of its own beside it, named by that address.
    """
    primary = Path(current_app.config["AUDIT_ANCHOR_PATH"])
    here = location()
    data = _anchor_data(primary)
    if data is None or data.get("location") in (None, here):
        return primary
    if data.get("database_id") and data.get("database_id") == (database_id or identity.database_id_or_none()):
        return primary
    return primary.with_name(f"{primary.stem}.{here}{primary.suffix}")


def _anchor_data(path: Path) -> dict | None:
    """What an anchor file holds, if it holds a JSON object (read_anchor says when it does not)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def read_anchor() -> Anchor | None:
    path = anchor_path()
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Anchor(int(data["entry_id"]), str(data["hmac"]), int(data["count"]),
                      datetime.fromisoformat(data["anchored_at"]), data.get("database_id"), data.get("location"))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, AttributeError) as error:
        raise AnchorUnreadable(f"{path} does not hold an audit anchor: {error}") from None


def write_anchor(check: ChainCheck) -> Anchor:
    """Keep the head of an intact chain outside the database (written whole, then moved into place)."""
    if not check.intact:
        raise ChainBroken(check)
    database_id = identity.database_id()  # as this transaction sees it: a restore has just renewed it
    anchor = Anchor(check.head_id, check.head_hmac, check.count, utcnow(), database_id, location())
    path = anchor_path(database_id)
    private_folder(path.parent)
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(anchor.as_dict(), indent=2) + "\n")
    os.replace(temporary, path)
    return anchor


def _identity_break(anchor: Anchor | None) -> chain.Break | None:
    """An anchor that names a database id this database does not have: it was changed, removed or replaced."""
    if anchor is None or not anchor.database_id:
        return None
    if identity.database_id_or_none() == anchor.database_id:
        return None
    return chain.Break(anchor.entry_id, IDENTITY_CHANGED, checkpoint=anchor.checkpoint())


def _database_head() -> chain.Checkpoint | None:
    head = db.session.get(AuditChainHead, HEAD_ID)
    if head is None or not head.last_entry_id:
        return None
    return chain.Checkpoint(head.last_entry_id, head.last_hmac, head.entry_count, "chain head")


_COLUMNS = ("id", "created_at", "organisation_id", "actor_id", "actor_label", "action", "object_type", "object_id",
            "case_id", "changes", "prev_hmac", "hmac")


class _Entries:
    """Every entry after `after_id`, in id order, read a thousand at a time.

    A row whose stored date or JSON was overwritten with something unreadable makes its whole
    batch fail to load; that batch is then read one row at a time, so the error names the row.
    """

    def __init__(self, after_id: int = 0) -> None:
        self.after_id = after_id

    def __iter__(self):
        columns = [getattr(AuditEntry, name) for name in _COLUMNS]
        last = self.after_id
        while True:
            query = select(*columns).where(AuditEntry.id > last).order_by(AuditEntry.id)
            try:
                batch = db.session.execute(query.limit(STREAM_ROWS)).all()
            except (ValueError, TypeError, LookupError):
                batch = None
            if batch is None:
                ids = db.session.scalars(select(AuditEntry.id).where(AuditEntry.id > last)
                                         .order_by(AuditEntry.id).limit(STREAM_ROWS)).all()
                for entry_id in ids:
                    try:
                        yield db.session.execute(query.where(AuditEntry.id == entry_id)).one()
                    except (ValueError, TypeError, LookupError):
                        raise chain.UnreadableEntry(entry_id) from None
                continue
            if not batch:
                return
            yield from batch
            last = batch[-1].id

    def close(self) -> None:
        """Nothing stays open between batches."""


def _entries(after_id: int = 0) -> _Entries:
    return _Entries(after_id)


def verify_chain(use_anchor: bool = True) -> ChainCheck:
    """Check every entry of every organisation, against the database's chain head and the anchor."""
    anchor = read_anchor() if use_anchor else None
    swapped = _identity_break(anchor)
    if swapped is not None:
        return ChainCheck(0, 0, "", swapped, anchor)
    # The head is read before the entries: whatever it names was committed before they are read.
    checkpoints = [c for c in (_database_head(), anchor.checkpoint() if anchor else None) if c is not None]
    rows = _entries()
    try:
        result = chain.verify(rows, hmac_key(), checkpoints)
    finally:
        rows.close()
    return ChainCheck(result.count, result.last_id, result.last_hmac, result.broken, anchor)


def verify_since_anchor() -> ChainCheck:
    """Check the entries written since the anchor, starting from the anchored entry itself.

    Quick whatever the size of the log, so a page can run it on every visit. It
    proves the log has only grown, correctly sealed, since the last full check
    (`flask audit verify`, scheduled); only a full check re-reads every older
    entry. Without an anchor it is the full check.
    """
    anchor = read_anchor()
    if anchor is None:
        return verify_chain()
    swapped = _identity_break(anchor)
    if swapped is not None:
        return ChainCheck(0, 0, "", swapped, anchor, full=False)
    try:
        anchored = db.session.execute(
            select(AuditEntry.id, AuditEntry.hmac, AuditEntry.action, AuditEntry.created_at)
            .where(AuditEntry.id == anchor.entry_id)).first()
    except (ValueError, TypeError, LookupError):  # its stored date overwritten with garbage
        return ChainCheck(0, 0, "", chain.Break(anchor.entry_id, chain.CONTENT_CHANGED), anchor, full=False)
    if anchored is None:
        broken = chain.Break(anchor.entry_id, chain.TRUNCATED, checkpoint=anchor.checkpoint())
        return ChainCheck(0, 0, "", broken, anchor)
    before = db.session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.id <= anchor.entry_id))
    if before != anchor.count or not hmac.compare_digest(anchored.hmac, anchor.hmac):
        reason = chain.MISSING_BEFORE if before != anchor.count else chain.CONTENT_CHANGED
        broken = chain.Break(anchor.entry_id, reason, anchored.action, anchored.created_at, anchor.checkpoint())
        return ChainCheck(0, 0, "", broken, anchor)
    checkpoints = [c for c in (_database_head(),) if c is not None]
    rows = _entries(after_id=anchor.entry_id)
    try:
        result = chain.verify(rows, hmac_key(), checkpoints, start=anchor.checkpoint())
    finally:
        rows.close()
    return ChainCheck(result.count, result.last_id, result.last_hmac, result.broken, anchor, full=False)


def verify_and_anchor() -> ChainCheck:
    """Check the chain; when intact, move the anchor to its head."""
    check = verify_chain()
    if check.intact:
        write_anchor(check)
    return check


def anchor_current_head() -> Anchor:
    """Anchor the chain as the database holds it now, e.g. after restoring a backup.

    The old anchor is not consulted (a restore legitimately goes back in time, and gives the database
    a new id), but the chain itself must be intact: raises ChainBroken otherwise.
    """
    return write_anchor(verify_chain(use_anchor=False))
