"""One transaction per request, decided at the edge: views and services change, the request commits once.

A request commits when it answers below 400 and nothing asked to discard its changes; it rolls back
otherwise (an error, a refused form answered 422, a 409). Views and endpoints never commit. A page that
refuses something and still answers with a redirect calls `refused()` (or `discard()`), so that a
service which changed something before it refused leaves nothing behind.

What must be kept even when the request's own changes are not — the session's last request, a token's
last use, the audit entry of a failed sign-in, the read of a person's record shown on a conflict screen —
is bookkeeping, committed at once with `keep_now()`: before the request changes anything, or after what
it tried was undone, so that the commit holds nothing else. (The sign-in counters have a connection of
their own: caseapp.auth.throttle.)

The command line and background jobs follow the same rule: one transaction per command or job
(`command`), committed when it ends well.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click
from flask import Flask, g, has_request_context
from flask.cli import AppGroup

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


def undo() -> None:
    """Forget every change not yet committed. Needed after a failed flush or statement: until then the
    session refuses even to read (the request's edge still decides what the request answers)."""
    db.session.rollback()


def keep_now() -> None:
    """Commit at once what this request has written so far: bookkeeping, kept whatever the request answers.

    Called where nothing else is pending (before the view changes anything, or after a refused change was
    rolled back); it also keeps a slow request from holding SQLite's write lock for a pending write.
    """
    db.session.commit()


def _finish(response):
    """after_request: commit what the request changed if it went well; otherwise keep nothing."""
    if response.status_code < 400 and not g.get("caseapp_discard"):
        db.session.commit()
        for callback in g.pop("caseapp_after_commit", []):
            callback()
    else:
        db.session.rollback()
    return response


class DoneWithProblems(click.exceptions.Exit):
    """Ends a command whose work is done and kept, with an exit code that says it found problems
    (a restore that went through, then failed its checks, is still a restore: its audit entry stays)."""


def command(function: Callable) -> Callable:
    """For a command or a job: commit once when it ends well, roll back when it fails (an exit code too).

    A command's lines are printed before the commit; a commit that fails still ends the command with an
    error, so nothing it printed is taken for done without the exit code saying so.
    """
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            result = function(*args, **kwargs)
        except click.exceptions.Exit as stop:
            keep = stop.exit_code == 0 or isinstance(stop, DoneWithProblems)
            (db.session.commit if keep else db.session.rollback)()
            raise
        except BaseException:
            db.session.rollback()
            raise
        db.session.commit()
        return result
    return wrapper


class CommandGroup(AppGroup):
    """A group of `flask` commands each run as one transaction (`command`): commands never commit."""

    def command(self, *args, **kwargs):
        register = super().command(*args, **kwargs)
        return lambda function: register(command(function))


def init_app(app: Flask) -> None:
    # Registered first, so it runs last of the after_request functions: after the gate has had its say
    # on the answer (a view that forgot its check answers 403, and commits nothing).
    app.after_request(_finish)
