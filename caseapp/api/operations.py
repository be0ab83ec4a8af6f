"""How each endpoint of /api/v1 describes itself, and how it answers.

Every API view carries `@described(...)`: its summary, its tag, the model of its answer, the
input model of its body, its query parameters and the errors it can give. The OpenAPI document
(`caseapp.api.openapi`) is generated from these and from the URL map, so an endpoint cannot
exist undescribed, and its answer is built with `answer(...)` from the model it names.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from flask import Response, jsonify
from pydantic import BaseModel

from caseapp.api.responses import Answer
from caseapp.protection import disclosure

# The errors an operation can give, by kind of operation.
READ = (401, 404, 429)
LIST = (401, 422, 429)
WRITE = (401, 403, 404, 422, 429)
UPDATE = (401, 403, 404, 409, 422, 429)
REMOVE = (401, 403, 404, 429)


@dataclass(frozen=True)
class Reply:
    """One documented answer: a JSON model, another media type (a PDF), or no body."""

    description: str
    model: type[Answer] | None = None
    media: str | None = None


@dataclass(frozen=True)
class Operation:
    summary: str
    tag: str
    replies: dict[int, Reply]
    body: type[BaseModel] | None = None
    upload: dict[str, Any] | None = None  # a multipart/form-data alternative to the JSON body
    parameters: tuple[dict[str, Any], ...] = ()
    errors: tuple[int, ...] = READ
    query_example: dict[str, str] = field(default_factory=dict)
    body_required: bool = True


# By view function name, which is also the operationId.
OPERATIONS: dict[str, Operation] = {}


def described(summary: str, *, tag: str, model: type[Answer] | None = None, status: int = 200,
              reply: str = "", replies: dict[int, Reply] | None = None, body: type[BaseModel] | None = None,
              upload: dict[str, Any] | None = None,
              parameters: tuple[dict[str, Any], ...] | list[dict[str, Any]] = (),
              query_example: dict[str, str] | None = None, errors: tuple[int, ...] = READ,
              body_required: bool = True) -> Callable:
    """Describe an API view: what it does, what it answers (model and status) and what it takes."""
    documented = dict(replies or {})
    if model is not None or not documented:
        documented = {status: Reply(reply or summary, model)} | documented

    def register(view: Callable) -> Callable:
        OPERATIONS[view.__name__] = Operation(summary, tag, documented, body, upload, tuple(parameters), errors,
                                              query_example or {}, body_required)
        return view
    return register


def answer(model: Answer, status: int = 200) -> Response:
    """The JSON answer serialised from its model (validated when it was built)."""
    response = jsonify(disclosure.redact_json(model.json()))  # people hidden from a reader without need-to-know
    response.status_code = status
    return response


def no_content() -> tuple[str, int]:
    return "", 204
