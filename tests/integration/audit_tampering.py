"""What someone with the database owner's rights could do to the audit log, past its triggers."""
from __future__ import annotations

from contextlib import contextmanager

import sqlalchemy as sa

from caseapp.audit.models import SQLITE_TRIGGERS, AuditEntry
from caseapp.extensions import db


@contextmanager
def triggers_bypassed():
    """A connection on which UPDATE and DELETE of audit entries go through (and are committed)."""
    db.session.rollback()
    sqlite = db.engine.dialect.name == "sqlite"
    with db.engine.begin() as connection:
        if sqlite:
            connection.execute(sa.text("DROP TRIGGER audit_entries_no_update"))
            connection.execute(sa.text("DROP TRIGGER audit_entries_no_delete"))
        else:
            connection.execute(sa.text("SET LOCAL session_replication_role = replica"))
        yield connection
        if sqlite:
            for statement in SQLITE_TRIGGERS:
                connection.execute(sa.text(statement))
    db.session.expire_all()


def change_entry(entry_id: int, **values) -> None:
    with triggers_bypassed() as connection:
        connection.execute(sa.update(AuditEntry).where(AuditEntry.id == entry_id).values(**values))


def delete_entries(*entry_ids: int) -> None:
    with triggers_bypassed() as connection:
        connection.execute(sa.delete(AuditEntry).where(AuditEntry.id.in_(entry_ids)))


def entry_ids() -> list[int]:
    return list(db.session.scalars(sa.select(AuditEntry.id).order_by(AuditEntry.id)))
