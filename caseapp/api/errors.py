"""The API's errors: the JSON body every error answer has ({"error": {"code", "message", "fields"}}), and
the exceptions of the services and of the request turned into it."""
from __future__ import annotations

from typing import Any

from flask import jsonify, request
from flask_babel import gettext
from flask_login import current_user
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

from caseapp.api import blueprint
from caseapp.errors import Busy, Conflict, NotAllowed, NotFound, ServiceError
from caseapp.protection import disclosure
from caseapp.security import without_user
from caseapp.transaction import keep_now, undo

CODES = {
    400: "invalid",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "invalid",
    422: "invalid",
    429: "rate_limited",
    503: "busy",
    500: "server_error",
}

MESSAGES = {
    400: "The request could not be read.",
    401: "A valid API token is required: send 'Authorization: Bearer TOKEN'.",
    403: "You are not allowed to do this.",
    404: "Not found.",
    405: "This method is not allowed here.",
    409: "The record has changed since you read it.",
    413: "The request is too large.",
    415: "Send JSON with 'Content-Type: application/json'.",
    422: "The input is not valid.",
    429: "Too many requests; slow down and try again later.",
    503: "The database is busy with another change; nothing was saved. Try again in a moment.",
    500: "Something went wrong on our side; it has been logged.",
}


def error_response(status: int, message: str | None = None, fields: dict[str, Any] | None = None,
                   code: str | None = None, **extra: Any):
    body: dict[str, Any] = {
        "error": {
            "code": code or CODES.get(status, "error"),
            "message": message or MESSAGES.get(status, "Error."),
            "fields": fields or {},
        }
    }
    body.update(extra)
    response = jsonify(disclosure.redact_json(body))  # a 409's `current` is a record: people hidden as in any answer
    response.status_code = 422 if status == 400 else status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="caseapp"'
    return response


@blueprint.errorhandler(ValidationError)
def invalid_shape(error: ValidationError):
    fields: dict[str, str] = {}
    for problem in error.errors():
        name = ".".join(str(part) for part in problem["loc"]) or "body"
        fields.setdefault(name, problem["msg"])
    return error_response(422, fields=fields)


@blueprint.errorhandler(ServiceError)
def refused(error: ServiceError):
    message = error.translated(gettext)
    if isinstance(error, Busy):  # not the input's fault: the same request may succeed later
        response = error_response(error.status, message=message, fields={error.field or "body": message})
        response.headers["Retry-After"] = "60"
        return response
    # 413 for a file past its limit (FileTooLarge); 422 for any other refused input
    return error_response(getattr(error, "status", 422), message=message, fields={error.field or "body": message})


@blueprint.errorhandler(NotFound)
def not_found(error: NotFound):
    return error_response(404)


@blueprint.errorhandler(PermissionError)
def forbidden(error: PermissionError):
    if isinstance(error, NotAllowed):  # refused for a reason the user can act on: say it
        return error_response(403, message=error.translated(gettext))
    return error_response(403)


@blueprint.errorhandler(Conflict)
def conflict(error: Conflict):
    from caseapp.persons.models import Person
    from caseapp.persons.services import record_viewed

    if isinstance(error.current, Person):  # the answer shows the person's record as it is now: a read
        record_viewed([error.current], current_user)
        keep_now()  # the 409 keeps none of the request's changes, but this read stays on the log
    return error_response(409, current=current_json(error.current))


def current_json(obj):
    """The current state of a record that a stale write collided with."""
    from caseapp.api import responses
    from caseapp.api.cases import full_case_json
    from caseapp.cases.models import Case
    from caseapp.assessment.models import Finding
    from caseapp.parties.models import Party
    from caseapp.reports.models import ReportExport

    if isinstance(obj, Case):
        return full_case_json(obj)
    if isinstance(obj, Party):
        return responses.Party.of(obj).json()
    if isinstance(obj, Finding):
        return responses.Finding.of(obj).json()
    if isinstance(obj, ReportExport):  # decided meanwhile by someone else
        from caseapp.api.reports import export_json

        return export_json(obj).json()
    return responses.Person.of(obj).json()


def http_error(error: HTTPException):
    """An HTTP error of an API address (a route that does not exist, a method not allowed...) as JSON."""
    if error.code == 413:  # name the limit of this address (larger where photos and recordings are sent)
        limit = request.max_content_length
        if limit:
            return error_response(413, message=f"The request is larger than this address accepts ({limit} bytes).",
                                  limit_bytes=limit)
    return error_response(error.code or 500)


def busy_error(error: Exception):
    """The database was busy past the wait allowed: 503 with Retry-After; nothing was saved."""
    undo()
    without_user()
    response = error_response(503)
    response.headers["Retry-After"] = "5"
    return response


def data_error(error: Exception):
    """Input the database cannot hold (a number too large for its column, a NUL in text): 422, never 500."""
    undo()  # the failed statement left the transaction unusable, even for reading
    return error_response(422, message="A value is out of range or holds a character that cannot be stored.")
