"""The JSON error body every API answer uses: {"error": {"code", "message", "fields"}}."""
from __future__ import annotations

from typing import Any

from flask import jsonify

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
    response = jsonify(body)
    response.status_code = 422 if status == 400 else status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="caseapp"'
    return response
