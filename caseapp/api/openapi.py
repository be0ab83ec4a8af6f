"""The OpenAPI 3 document of /api/v1, served at /api/v1/openapi.json.

A test compares it with the URL map, so a route cannot be added without
being described here.
"""
from __future__ import annotations

from typing import Any

from flask import jsonify

from caseapp.api import blueprint
from caseapp.api.errors import CODES
from caseapp.api.schemas import CaseCreate
from caseapp.auth.roles import ROLES
from caseapp.cases.vocab import SECTORS, STATUSES
from caseapp.security import roles

API_VERSION = "1.0.0"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref("Error")}}}


def _ok(description: str, schema: str, status: str = "200") -> dict[str, Any]:
    return {status: {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}}


COMMON_ERRORS = {
    "401": _error("Missing or invalid token."),
    "429": _error("Rate limited."),
}

LIST_PARAMETERS = [
    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 25}},
    {"name": "cursor", "in": "query", "schema": {"type": "string"},
     "description": "The next_cursor of the previous page."},
]

CASE_ID = {"name": "case_id", "in": "path", "required": True, "schema": {"type": "integer"}}


def _schemas() -> dict[str, Any]:
    case_create = CaseCreate.model_json_schema()
    case_create["properties"]["sector"]["enum"] = list(SECTORS)
    return {
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message", "fields"],
                    "properties": {
                        "code": {"type": "string", "enum": sorted(set(CODES.values()))},
                        "message": {"type": "string"},
                        "fields": {"type": "object", "additionalProperties": {"type": "string"},
                                   "description": "Per-field messages for 'invalid'."},
                    },
                },
                "current": {"type": "object", "description": "With 'conflict': the current record."},
            },
        },
        "Me": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "email": {"type": "string"},
                "full_name": {"type": "string"},
                "role": {"type": "string", "enum": list(ROLES)},
                "organisation": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "name": {"type": "string"}, "code": {"type": "string"}}},
            },
        },
        "Case": {
            "type": "object",
            "required": ["id", "reference", "title", "summary", "country", "sector", "status", "version",
                         "created_at", "updated_at"],
            "properties": {
                "id": {"type": "integer"},
                "reference": {"type": "string", "example": "DEMO-2026-0007"},
                "title": {"type": "string"},
                "summary": {"type": "string"},
                "country": {"type": ["string", "null"], "description": "ISO 3166-1 alpha-2"},
                "sector": {"type": "string", "enum": list(SECTORS)},
                "status": {"type": "string", "enum": list(STATUSES)},
                "version": {"type": "integer"},
                "created_by_id": {"type": "integer"},
                "created_at": {"type": "string", "format": "date-time"},
                "updated_at": {"type": "string", "format": "date-time"},
            },
        },
        "CaseCreate": case_create,
        "CaseList": {
            "type": "object",
            "required": ["items", "next_cursor"],
            "properties": {"items": {"type": "array", "items": _ref("Case")},
                           "next_cursor": {"type": ["string", "null"]}},
        },
    }


def _paths() -> dict[str, Any]:
    return {
        "/me": {"get": {
            "summary": "The user the token belongs to",
            "responses": {**_ok("The user", "Me"), **COMMON_ERRORS},
        }},
        "/cases": {
            "get": {
                "summary": "List the cases visible to this user, newest first",
                "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"},
                                "description": "Words that must all appear in the title or summary."},
                               *LIST_PARAMETERS],
                "responses": {**_ok("A page of cases", "CaseList"), "422": _error("Bad limit or cursor."),
                              **COMMON_ERRORS},
            },
            "post": {
                "summary": "Create a case (caseworkers and coordinators)",
                "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("CaseCreate")}}},
                "responses": {**_ok("The new case", "Case", "201"), "403": _error("Role may not create cases."),
                              "422": _error("Invalid input, per field."), **COMMON_ERRORS},
            },
        },
        "/cases/{case_id}": {"get": {
            "summary": "One case",
            "parameters": [CASE_ID],
            "responses": {**_ok("The case", "Case"), "404": _error("No such case, or not visible to you."),
                          **COMMON_ERRORS},
        }},
        "/openapi.json": {"get": {
            "summary": "This document",
            "responses": {"200": {"description": "OpenAPI 3 document"}, **COMMON_ERRORS},
        }},
    }


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
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearerAuth": []}],
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
            "schemas": _schemas(),
        },
        "paths": _paths(),
    }


@blueprint.get("/openapi.json")
@roles(*ROLES)
def openapi_json():
    return jsonify(document())
