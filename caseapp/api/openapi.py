"""The OpenAPI 3.1 document of /api/v1, generated, served at /api/v1/openapi.json.

Nothing here describes an endpoint by hand: the paths come from the URL map, each operation from
the `@described` of its view (`caseapp.api.operations`), and the schemas from the pydantic models
the API reads (inputs) and answers with (`caseapp.api.responses`). An endpoint without a
description stops the document from being built, and a test checks every answer against it.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from flask import Flask, current_app, has_app_context
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from caseapp.api import responses
from caseapp.api.errors import CODES
from caseapp.i18n import INTERFACE_LANGUAGES
from caseapp.api.operations import OPERATIONS, Operation
from caseapp.cases.filters import DEFAULT_SORT, DETERMINATIONS, SORTS
from caseapp.cases.vocab import SECTORS, STATUSES
from caseapp.ilo.catalogue import IDS

API_VERSION = "1.0.0"
PREFIX = "/api/v1"
EXAMPLE_SERVER = "https://caseapp.example.org"

TAGS = [
    {"name": "Account", "description": "Who the token belongs to, and this document."},
    {"name": "Cases", "description": "Cases: their workers, conditions, parties, status, assignment, comments."},
    {"name": "Parties", "description": "Employers, recruiters, state bodies, buyers: shared by an organisation's cases."},
    {"name": "People", "description": "Workers, witnesses and informants of a case: need-to-know only "
                                      "(the assignee, coordinators, admins)."},
    {"name": "Sources", "description": "Preserved sources: hashed snapshots, text revisions, citations."},
    {"name": "Evidence", "description": "Quotes of a source's text (exact offsets) and the facts they support."},
    {"name": "Assessment", "description": "The ILO indicators of a case, their sign-off, the determination."},
    {"name": "Suggestions", "description": "Indicators and facts the engine proposes from a text, each with "
                                           "its exact passage."},
    {"name": "Search", "description": "The whole archive by its words: cases, sources, quotes, parties, comments, "
                                      "with facets; as each reader may see it (people hidden from them stay so)."},
    {"name": "Reports", "description": "Case reports and dossiers as PDF, and the portfolio figures."},
]

ERROR_DESCRIPTIONS = {
    401: "Missing or invalid token.",
    403: "Visible to you, but your role may not do this.",
    404: "Does not exist, or is not visible to you.",
    409: "Stale version: `current` holds the record as it is now.",
    413: "Too large: the error's message names the limit (for /ilo/suggest, `limit` holds SUGGEST_MAX_CHARS).",
    422: "Invalid input, per field.",
    429: "Rate limited.",
    503: "Busy: the same request may succeed later (see Retry-After).",
}

# What a path parameter is, by name; any other is a whole number id.
PATH_PARAMETERS: dict[str, dict[str, Any]] = {
    "fact": {"schema": {"type": "string"}, "description": "A conditions key (e.g. daily_hours) or workers_count",
             "example": "daily_hours"},
    "indicator": {"schema": {"type": "string", "enum": list(IDS)}, "example": "retention_of_identity_documents"},
}

LIST_PARAMETERS = [
    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 25}},
    {"name": "cursor", "in": "query", "schema": {"type": "string"},
     "description": "The next_cursor of the previous page."},
]
PARTIAL_DATE = {"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}
INTEGER = {"type": "integer"}


def search(description: str) -> dict[str, Any]:
    return {"name": "q", "in": "query", "schema": {"type": "string"}, "description": description}


CASE_FILTERS = [
    search("Words that must all be in the case (title, summary, conditions told in words and their notes, "
           "worker groups, the notes on each linked party's part, follow-up outcomes) or in a party it links "
           "(names, registration number, note); three letters of a word of a case's or party's title are enough. "
           "Syntax: words, \"exact phrases\", -exclusion, prefix*. A query that cannot be read is 422 naming `q`."),
    {"name": "status", "in": "query", "schema": {"type": "string", "enum": list(STATUSES)}},
    {"name": "country", "in": "query", "schema": {"type": "string"}, "description": "ISO 3166-1 alpha-2"},
    {"name": "sector", "in": "query", "schema": {"type": "string", "enum": list(SECTORS)}},
    {"name": "party_id", "in": "query", "schema": INTEGER},
    {"name": "assignee_id", "in": "query", "schema": INTEGER},
    {"name": "period_from", "in": "query", "schema": PARTIAL_DATE,
     "description": "Cases whose period overlaps from this (partial) date on."},
    {"name": "period_to", "in": "query", "schema": PARTIAL_DATE,
     "description": "Cases whose period overlaps up to this (partial) date."},
    {"name": "determination", "in": "query", "schema": {"type": "string", "enum": list(DETERMINATIONS)},
     "description": "Cases whose current findings give this determination of forced labour."},
    {"name": "indicator", "in": "query", "schema": {"type": "string", "enum": list(IDS)},
     "description": "Cases where this ILO indicator is present or suspected."},
    {"name": "sort", "in": "query", "schema": {"type": "string", "enum": list(SORTS), "default": DEFAULT_SORT}},
    *LIST_PARAMETERS,
]
PROFILE = {"name": "profile", "in": "query", "schema": {"type": "string", "enum": ["internal", "advocate"],
                                                         "default": "advocate"},
           "description": "internal: everything; advocate: the case's people pseudonymised (W-1...)."}

EXPORT_LANGUAGE = {"name": "language", "in": "query", "schema": {"type": "string", "enum": list(INTERFACE_LANGUAGES)},
                   "description": "The language the report is written in; by default the reader's (Accept-Language "
                                  "or the language chosen in the app)."}

BEARER = ("Use an API token made on the profile page or with `flask users token`. It is answered 401 when revoked, "
          "when its user is deactivated, and while its user's role must use a second factor "
          "(TWO_FACTOR_REQUIRED_ROLES or the organisation's setting) that the user has not set up. Session "
          "cookies are never accepted here.")


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], example: Any = None) -> dict[str, Any]:
    media: dict[str, Any] = {"schema": schema}
    if example is not None:
        media["example"] = example
    return {"application/json": media}


@lru_cache(maxsize=1)
def examples() -> dict[str, Any]:
    """Real requests and the answers they got, by operationId and status, recorded by the API tour test
    (`make api-examples`): the document's examples are what the API did, not what someone wrote."""
    from importlib.resources import files

    return json.loads(files("caseapp.api").joinpath("examples.json").read_text(encoding="utf-8"))


def _schemas(operations: dict[str, Operation]) -> dict[str, Any]:
    inputs = {op.body for op in operations.values() if op.body is not None}
    models: list[tuple[type[BaseModel], str]] = [(model, "validation") for model in sorted(inputs, key=_name)]
    models += [(model, "serialization") for model in responses.ANSWERS]
    _, generated = models_json_schema(models, ref_template="#/components/schemas/{model}")
    schemas = generated["$defs"]
    schemas["Error"]["properties"]["error"] = _ref("ErrorDetail")
    schemas["ErrorDetail"]["properties"]["code"]["enum"] = sorted(set(CODES.values()) | {"invalid_transition"})
    for op in operations.values():
        if op.upload:
            schemas.update(op.upload)
    return schemas


def _name(model: type) -> str:
    return model.__name__


def _path_and_parameters(rule: str) -> tuple[str, list[dict[str, Any]]]:
    parameters = []
    for converter, name in re.findall(r"<(?:(\w+):)?(\w+)>", rule):
        known = PATH_PARAMETERS.get(name, {"schema": INTEGER if converter == "int" else {"type": "string"},
                                           "example": 1})
        parameters.append({"name": name, "in": "path", "required": True, **known})
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.removeprefix(PREFIX)), parameters


def _curl(method: str, path: str, path_parameters: list[dict[str, Any]], op: Operation, body: Any) -> str:
    for parameter in path_parameters:
        path = path.replace("{" + parameter["name"] + "}", str(parameter.get("example", 1)))
    if op.query_example:
        path += "?" + "&".join(f"{key}={value}" for key, value in op.query_example.items())
    lines = [f"curl -X {method} '{EXAMPLE_SERVER}{PREFIX}{path}'", "  -H \"Authorization: Bearer $CASEAPP_TOKEN\""]
    if op.upload:
        lines += ["  -F file=@article.pdf", "  -F language=nl"]
    elif op.body is not None:
        sent = json.dumps(body or {}, ensure_ascii=False).replace("'", "'\\''")
        lines += ["  -H 'Content-Type: application/json'", f"  -d '{sent}'"]
    if any(reply.media == "application/pdf" for reply in op.replies.values()):
        lines.append("  -o report.pdf")
    return " \\\n".join(lines)


def _operation(name: str, method: str, path: str, path_parameters: list[dict[str, Any]],
               op: Operation) -> dict[str, Any]:
    recorded = examples().get(name, {})  # a real request and the answers it got
    request = recorded.get("request")
    answers: dict[str, Any] = {}
    for status, reply in sorted(op.replies.items()):
        documented: dict[str, Any] = {"description": reply.description}
        if reply.model is not None:
            documented["content"] = _json(_ref(reply.model.__name__), recorded.get(str(status)))
        elif reply.media == "application/json":  # a JSON document with a shape of its own (a manifest)
            documented["content"] = _json({"type": "object"})
        elif reply.media:
            documented["content"] = {reply.media: {"schema": {"type": "string", "format": "binary"}}}
        answers[str(status)] = documented
    for status in op.errors:
        answers.setdefault(str(status), {"description": ERROR_DESCRIPTIONS[status],
                                         "content": _json(_ref("Error"))})
    operation: dict[str, Any] = {
        "operationId": name,
        "summary": op.summary,
        "tags": [op.tag],
        "responses": answers,
        "x-codeSamples": [{"lang": "Shell", "label": "curl", "source": _curl(method.upper(), path,
                                                                             path_parameters, op, request)}],
    }
    parameters = path_parameters + list(op.parameters)
    if parameters:
        operation["parameters"] = parameters
    if op.body is not None:
        content = _json(_ref(op.body.__name__), request)
        if op.upload:
            content["multipart/form-data"] = {"schema": _ref(next(iter(op.upload)))}
        operation["requestBody"] = {"required": op.body_required, "content": content}
    return operation


def _url_map():
    """The app's URL map; outside an app (a script reading the document), the API's own routes."""
    if has_app_context():
        return current_app.url_map
    from caseapp.api import blueprint

    bare = Flask(__name__)
    bare.register_blueprint(blueprint)
    return bare.url_map


def _paths() -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for rule in _url_map().iter_rules():
        if not rule.endpoint.startswith("api."):
            continue
        name = rule.endpoint.removeprefix("api.")
        op = OPERATIONS.get(name)
        if op is None:
            raise LookupError(f"The API endpoint {name} has no @described: describe it before serving it.")
        path, path_parameters = _path_and_parameters(rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(name, method, path, path_parameters, op)
    return paths


def document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "caseapp API",
            "version": API_VERSION,
            "description": (
                "Token-authenticated JSON API of caseapp. Errors are {\"error\": {\"code\", \"message\", "
                "\"fields\"}}; lists are {\"items\", \"next_cursor\"} with keyset pagination (limit, cursor)."
            ),
        },
        "servers": [{"url": PREFIX}],
        "security": [{"bearerAuth": []}],
        "tags": TAGS,
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "description": BEARER}},
            "schemas": _schemas(OPERATIONS),
        },
        "paths": _paths(),
    }
