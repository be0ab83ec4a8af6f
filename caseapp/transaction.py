"""One transaction per request, decided at the edge: views and services change, the request commits once.

A request commits when it answers below 400 and nothing asked to discard its changes; it rolls back
otherwise (an error, a refused form answered 422, a 409). Views and endpoints never commit. A page that
refuses something and still answers with a redirect calls `refused()` (or `discard()`), so that a
service which changed something before it refused leaves nothing behind.

What must be kept even when the request's own changes are not — the session's last request, the audit
entry of a failed sign-in, the read of a person's record shown on a conflict screen — is written in its
own short transaction, with `bookkeeping()`: in one place, committed at once, before anything else.

The command line and background jobs follow the same rule: one transaction per command or job
(`command`), committed when it ends well.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask, g, has_request_context
from sqlalchemy.orm import Session

from caseapp.extensions import db


def discard() -> None:
    """Keep none of this request's changes, whatever it answers."""
    if has_request_context():
        g.caseapp_discard = True


def refused(error) -> str:
    """A service's refusal as the page shows it (translated); the request's changes are discarded."""
    from flask_babel import gettext

    discard()
    return error.translated(gettext)


def after_commit(callback: Callable[[], Any]) -> None:
    """Run `callback` once the request's changes are committed (start a job that must see them)."""
    g.setdefault("caseapp_after_commit", []).append(callback)


@contextmanager
def bookkeeping() -> Iterator[Session]:
    """A short transaction of its own, committed at once, for what the request must keep whatever happens.

    Use it before the request changes anything: both write to the audit log, whose chain takes one
    writer at a time.
    """
    session = Session(bind=db.engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def _finish(response):
    """after_request: commit what the request changed if it went well; otherwise keep nothing."""
    if response.status_code < 400 and not g.get("caseapp_discard"):
        db.session.commit()
        for callback in g.pop("caseapp_after_commit", []):
            callback()
    else:
        db.session.rollback()
    return response


def command(function: Callable) -> Callable:
    """For a command or a job: commit once when it ends well, roll back when it fails (an exit code too)."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            result = function(*args, **kwargs)
        except BaseException:
            db.session.rollback()
            raise
        db.session.commit()
        return result
    return wrapper


def init_app(app: Flask) -> None:
    # Registered first, so it runs last of the after_request functions: after the gate has had its say
    # on the answer (a view that forgot its check answers 403, and commits nothing).
    app.after_request(_finish)
