"""The request body of an API call, read safely: a JSON object, not too deep, no NUL, no number beyond an id.

What each body may hold is its input model, in the area it belongs to (cases.inputs, parties.inputs...)."""
from __future__ import annotations

import re
from typing import Any

from flask import request

from caseapp.errors import N_, ServiceError


MAX_ID = 2**31 - 1
_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean_json(value: Any) -> Any:
    """NUL characters removed (no database keeps them); integers beyond any id refused."""
    if isinstance(value, str):
        if _SURROGATE.search(value):  # half of a UTF-16 pair: no database, hash or cipher takes it
            raise ServiceError(N_("The text holds a character that cannot be stored (a lone surrogate)."), "body")
        return value.replace("\x00", "")
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and abs(value) > MAX_ID:
        raise ServiceError(N_("This number is too large."), "body")
    if isinstance(value, list):
        return [_clean_json(item) for item in value]
    if isinstance(value, dict):
        return {key: _clean_json(item) for key, item in value.items()}
    return value


MAX_DEPTH = 32  # no input nests deeper than a few levels


def _too_deep(value: Any) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        stack += [(child, depth + 1) for child in children if isinstance(child, dict | list)]
    return False


def json_body() -> dict[str, Any]:
    """The request's JSON object, or a 422 explaining what is wrong with it."""
    try:
        body = request.get_json(silent=True, force=True)
    except RecursionError:
        body = None  # nested deeper than the parser goes: not an input of ours
    if not isinstance(body, dict) or _too_deep(body):
        raise ServiceError(N_("Send a JSON object as the request body."), "body")
    return _clean_json(body)
