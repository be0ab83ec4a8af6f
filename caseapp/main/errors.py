"""Error pages in the app's own style (the API answers its errors in JSON: caseapp.api.errors)."""
from __future__ import annotations

from flask import current_app, has_request_context, render_template, request
from flask_babel import format_number
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from caseapp.security import without_user
from caseapp.transaction import undo

PAGES = {403, 404, 413, 429, 500, 503}
# What a database says when another transaction holds what a change needs past the wait allowed
# (SQLite's one writer busy with a large import or a restore; a PostgreSQL lock or statement timeout).
BUSY = ("database is locked", "database table is locked", "lock timeout", "canceling statement due to")


def database_busy(error: Exception) -> bool:
    return any(sign in str(getattr(error, "orig", error)) for sign in BUSY)


def handle_http_error(error: HTTPException):
    status = error.code or 500
    template = f"errors/{status}.html" if status in PAGES else "errors/generic.html"
    # the limit of this address: MAX_CONTENT_LENGTH, or MEDIA_MAX_BYTES where photos and recordings are sent
    limit = _size(request.max_content_length if has_request_context() else None) if status == 413 else ""
    return render_template(template, error=error, status=status, limit=limit), status


def _size(limit: int | None) -> str:
    """The request limit as people read it: 20 MB, 256 KB."""
    if not limit:
        return ""
    if limit >= 1024 * 1024:
        return f"{format_number(round(limit / (1024 * 1024), 1))} MB"
    return f"{format_number(limit // 1024)} KB"


def handle_csrf_error(error: CSRFError):
    return render_template("errors/csrf.html", error=error), 400


def handle_data_error(error: DataError | OverflowError):
    """Input the database cannot hold (a number too large for its column, a NUL in text): refused, never a 500."""
    undo()
    return render_template("errors/generic.html", error=error, status=422), 422


def handle_busy(error: Exception):
    """The database was busy: nothing was saved, the person is told to try again in a moment (503)."""
    undo()
    without_user()
    response = handle_http_error(ServiceUnavailable())
    return response[0], 503, {"Retry-After": "5"}


def handle_unexpected(error: Exception, answer=None):
    """Log what went wrong, undo the request's changes, and answer 500 (as a page, or as `answer` says)."""
    current_app.logger.exception("unhandled error")
    undo()
    return (answer or handle_http_error)(InternalServerError())
