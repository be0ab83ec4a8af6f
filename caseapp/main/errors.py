"""Error pages in the app's own style (the API answers its errors in JSON: caseapp.api.errors)."""
from __future__ import annotations

from flask import current_app, render_template
from flask_babel import format_number
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError
from werkzeug.exceptions import HTTPException, InternalServerError

from caseapp.transaction import undo

PAGES = {403, 404, 413, 429, 500}


def handle_http_error(error: HTTPException):
    status = error.code or 500
    template = f"errors/{status}.html" if status in PAGES else "errors/generic.html"
    limit = _size(current_app.config.get("MAX_CONTENT_LENGTH")) if status == 413 else ""
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


def handle_unexpected(error: Exception, answer=None):
    """Log what went wrong, undo the request's changes, and answer 500 (as a page, or as `answer` says)."""
    current_app.logger.exception("unhandled error")
    undo()
    return (answer or handle_http_error)(InternalServerError())
