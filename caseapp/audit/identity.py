"""Which database this is: an id made when the database is first migrated and kept in it.

The audit anchor names the database it vouches for by this id, so that checking another database (a
restored copy, with DATABASE_URL pointing at it) reads and moves that database's anchor, never this
one's. A restore gives the restored database a new id (it is a new database, whatever it holds).
"""
from __future__ import annotations

import uuid

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from caseapp.audit.models import DatabaseIdentity
from caseapp.db import utcnow
from caseapp.extensions import db

ROW = 1


def database_id() -> str:
    """This database's id; made now if it has none (a database made by create_all, as the tests do)."""
    found = db.session.scalar(select(DatabaseIdentity.database_id).where(DatabaseIdentity.id == ROW))
    if found:
        return found
    # In a transaction of its own, so that the next check finds the same id whatever this one's does.
    with db.engine.begin() as connection:
        try:
            with connection.begin_nested():
                connection.execute(insert(DatabaseIdentity).values(id=ROW, database_id=uuid.uuid4().hex,
                                                                   created_at=utcnow()))
        except IntegrityError:
            pass  # another process made it first: theirs is the id
        return connection.scalar(select(DatabaseIdentity.database_id).where(DatabaseIdentity.id == ROW))


def database_id_or_none() -> str | None:
    """The id, if this database has one yet (an empty database, or one migrated before ids, has none)."""
    try:
        with db.engine.connect() as connection:
            return connection.scalar(select(DatabaseIdentity.database_id).where(DatabaseIdentity.id == ROW))
    except SQLAlchemyError:
        return None


def renew() -> str:
    """Give this database a new id, in the session's transaction (a restore: the caller commits)."""
    new = uuid.uuid4().hex
    changed = db.session.execute(update(DatabaseIdentity).where(DatabaseIdentity.id == ROW)
                                 .values(database_id=new, created_at=utcnow())).rowcount
    if not changed:
        db.session.execute(insert(DatabaseIdentity).values(id=ROW, database_id=new, created_at=utcnow()))
    return new
