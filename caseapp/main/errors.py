"""Error pages in the app's own style, and JSON errors under /api/."""
from __future__ import annotations

from flask import Flask, current_app, render_template
from flask_babel import format_number
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError
from werkzeug.exceptions import HTTPException, InternalServerError

from caseapp.api.errors import error_response
from caseapp.extensions import db
from caseapp.security import is_api_request

PAGES = {403, 404, 413, 429, 500}


def handle_http_error(error: HTTPException):
    status = error.code or 500
    if is_api_request():
        return error_response(status)
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
    db.session.rollback()
    if is_api_request():
        return error_response(422, message="A value is out of range or holds a character that cannot be stored.")
    return render_template("errors/generic.html", error=error, status=422), 422


def handle_unexpected(error: Exception):
    current_app.logger.exception("unhandled error")
    db.session.rollback()
    return handle_http_error(InternalServerError())


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(DataError, handle_data_error)
    app.register_error_handler(OverflowError, handle_data_error)  # SQLite's word for the same
    app.register_error_handler(HTTPException, handle_http_error)
    if not app.debug and not app.testing:
        app.register_error_handler(Exception, handle_unexpected)
