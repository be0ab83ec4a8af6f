"""The OpenAPI 3 document of /api/v1, served at /api/v1/openapi.json.

A test compares it with the URL map, so a route cannot be added without
being described here.
"""
from __future__ import annotations

from typing import Any

from flask import jsonify

from caseapp.api import blueprint
from caseapp.api.errors import CODES
from caseapp.api.schemas import (CaseCreate, CasePartyLink, CasePatch, ConditionsIn, PartyCreate, PartyPatch,
                                 PersonCreate, PersonPatch)
from caseapp.api.assessment import FindingPut, ProposalChoice
from caseapp.api.ilo import SuggestRequest
from caseapp.api.reports import DossierRequest
from caseapp.api.schemas import Assignment, CommentCreate, Transition
from caseapp.ilo.catalogue import IDS, STAGES
from caseapp.ilo.catalogue import STATUSES as ILO_STATUSES
from caseapp.api.sources import (CaseSourceLink, EvidenceCreate, ExcerptCreate, RetainCreate, RevisionCreate,
                                 SourceCreate, SourceDescription)
from caseapp.sources.vocab import RELIABILITY, SOURCE_KINDS
from caseapp.cases.conditions import ALL_KEYS
from caseapp.cases.filters import DEFAULT_SORT, SORTS
from caseapp.cases.vocab import ACTION_KINDS, CONFIDENTIALITY, COUNT_QUALIFIERS
from caseapp.parties.vocab import PARTY_KINDS
from caseapp.persons.vocab import CONSENT, PERSON_ROLES, RISK
from caseapp.auth.roles import ROLES
from caseapp.cases.vocab import SECTORS, STATUSES
from caseapp.auth import permissions
from caseapp.security import require, roles

API_VERSION = "1.0.0"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref("Error")}}}


def _ok(description: str, schema: str, status: str = "200") -> dict[str, Any]:
    return {status: {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}}


LIST_PARAMETERS = [
    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 25}},
    {"name": "cursor", "in": "query", "schema": {"type": "string"},
     "description": "The next_cursor of the previous page."},
]

CASE_ID = {"name": "case_id", "in": "path", "required": True, "schema": {"type": "integer"}}
PARTY_ID = {"name": "party_id", "in": "path", "required": True, "schema": {"type": "integer"}}
SOURCE_ID = {"name": "source_id", "in": "path", "required": True, "schema": {"type": "integer"}}
FACT = {"name": "fact", "in": "path", "required": True, "schema": {"type": "string"},
        "description": "A conditions key (e.g. daily_hours) or workers_count"}
INDICATOR = {"name": "indicator", "in": "path", "required": True, "schema": {"type": "string", "enum": list(IDS)}}
EXPORT_ID = {"name": "export_id", "in": "path", "required": True, "schema": {"type": "integer"}}
PROFILE = {"name": "profile", "in": "query", "schema": {"type": "string", "enum": ["internal", "advocate"],
                                                         "default": "advocate"},
           "description": "internal: everything; advocate: the case's people pseudonymised (W-1...)."}
PERSON_ID = {"name": "person_id", "in": "path", "required": True, "schema": {"type": "integer"}}
STRING = {"type": "string"}
INTEGER = {"type": "integer"}
NULLABLE_STRING = {"type": ["string", "null"]}
NULLABLE_INTEGER = {"type": ["integer", "null"]}
TIMESTAMP = {"type": "string", "format": "date-time"}


def _object(properties: dict[str, Any], required: bool = True) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(properties)
    return schema


def _input(model) -> dict[str, Any]:
    """An input schema from its pydantic model, with nested definitions inlined under components."""
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    schema.pop("$defs", None)
    return schema


def _nested_inputs() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    for model in (CaseCreate, PersonCreate, PartyCreate):
        defs.update(model.model_json_schema(ref_template="#/components/schemas/{model}").get("$defs", {}))
    return defs


def _schemas() -> dict[str, Any]:
    return {
        **_nested_inputs(),
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message", "fields"],
                    "properties": {
                        "code": {"type": "string", "enum": sorted(set(CODES.values()))},
                        "message": STRING,
                        "fields": {"type": "object", "additionalProperties": STRING,
                                   "description": "Per-field messages for 'invalid'; nested fields as 'a.0.b'."},
                    },
                },
                "current": {"type": "object", "description": "With 'conflict': the current record."},
            },
        },
        "Me": _object({
            "id": INTEGER, "email": STRING, "full_name": STRING, "role": {"type": "string", "enum": list(ROLES)},
            "organisation": _object({"id": INTEGER, "name": STRING, "code": STRING}),
        }),
        "WorkerGroup": _object({
            "id": INTEGER, "origin": NULLABLE_STRING, "count_min": {"type": ["integer", "null"]},
            "count_max": {"type": ["integer", "null"]},
            "count_qualifier": {"type": "string", "enum": list(COUNT_QUALIFIERS)},
            "gender_note": STRING, "age_note": STRING, "children_involved": {"type": ["boolean", "null"]},
            "note": STRING,
        }),
        "Conditions": {
            "type": "object", "required": list(ALL_KEYS),
            "description": "Every key present; null means unknown, which is not 'no'.",
            "properties": ConditionsIn.model_json_schema()["properties"],
        },
        "CasePartyLink": _object({"id": INTEGER, "party_id": INTEGER, "name": STRING,
                                  "kind": {"type": "string", "enum": list(PARTY_KINDS)},
                                  "role": {"type": "string", "enum": list(PARTY_KINDS)}, "note": STRING}),
        "Action": _object({"id": INTEGER, "kind": {"type": "string", "enum": list(ACTION_KINDS)},
                           "date": NULLABLE_STRING, "outcome": STRING}),
        "Case": _object({
            "id": INTEGER,
            "reference": {"type": "string", "example": "DEMO-2026-0007"},
            "title": STRING,
            "summary": STRING,
            "status": {"type": "string", "enum": list(STATUSES)},
            "assignee_id": {"type": ["integer", "null"]},
            "confidentiality": {"type": "string", "enum": list(CONFIDENTIALITY)},
            "country": {"type": ["string", "null"], "description": "ISO 3166-1 alpha-2"},
            "region": STRING,
            "worksite": STRING,
            "sector": {"type": "string", "enum": list(SECTORS)},
            "period_start": {"type": ["string", "null"], "description": "YYYY, YYYY-MM or YYYY-MM-DD as given"},
            "period_end": {"type": ["string", "null"], "description": "YYYY, YYYY-MM or YYYY-MM-DD as given"},
            "worker_groups": {"type": "array", "items": _ref("WorkerGroup")},
            "conditions": _ref("Conditions"),
            "parties": {"type": "array", "items": _ref("CasePartyLink")},
            "actions": {"type": "array", "items": _ref("Action")},
            "version": INTEGER,
            "status_changed_at": TIMESTAMP,
            "created_by_id": INTEGER,
            "created_at": TIMESTAMP,
            "updated_at": TIMESTAMP,
        }),
        "CaseCreate": _input(CaseCreate),
        "Transition": _input(Transition),
        "Assignment": _input(Assignment),
        "CommentCreate": _input(CommentCreate),
        "Comment": _object({"id": INTEGER, "case_id": INTEGER, "author_id": INTEGER, "author": STRING,
                            "body": STRING, "transition": NULLABLE_STRING, "created_at": TIMESTAMP}),
        "CommentList": _list_of("Comment"),
        "InvalidTransition": {"allOf": [_ref("Error"), _object({"current": _object({"status": {
            "type": "string", "enum": list(STATUSES)}})})],
            "description": "error.code is 'invalid_transition'; current.status is the case's status now."},
        "CasePatch": _input(CasePatch),
        "CaseList": _list_of("Case"),
        "Party": _object({
            "id": INTEGER, "name": STRING, "kind": {"type": "string", "enum": list(PARTY_KINDS)},
            "country": NULLABLE_STRING, "registration_number": STRING, "aliases": {"type": "array", "items": STRING},
            "note": STRING, "version": INTEGER, "created_at": TIMESTAMP, "updated_at": TIMESTAMP,
        }),
        "PartyCreated": {"allOf": [_ref("Party"), _object({"similar": {"type": "array", "items": _object({
            "id": INTEGER, "name": STRING, "score": {"type": "number"}, "matched": STRING})}})],
            "description": "The new party and the existing ones whose names are close (possible duplicates)."},
        "PartyWithCases": {"allOf": [_ref("Party"), _object({"cases": {"type": "array", "items": _object({
            "id": INTEGER, "reference": STRING, "title": STRING, "role": STRING})}})]},
        "PartyCreate": _input(PartyCreate),
        "PartyPatch": _input(PartyPatch),
        "PartyList": _list_of("Party"),
        "CasePartyLinkCreate": _input(CasePartyLink),
        "Person": _object({
            "id": INTEGER, "case_id": INTEGER, "name": STRING, "aliases": {"type": "array", "items": STRING},
            "contact": STRING, "document_numbers": STRING, "notes": STRING,
            "role": {"type": "string", "enum": list(PERSON_ROLES)},
            "consent": {"type": "string", "enum": list(CONSENT)},
            "consent_date": {"type": ["string", "null"], "format": "date"},
            "risk": {"type": "string", "enum": list(RISK)},
            "version": INTEGER, "created_at": TIMESTAMP, "updated_at": TIMESTAMP,
        }),
        "Source": _object({
            "id": INTEGER, "origin": {"type": "string", "enum": ["url", "upload", "paste"]},
            "kind": {"type": "string", "enum": list(SOURCE_KINDS)}, "language": STRING,
            "reliability": {"type": "string", "enum": list(RELIABILITY)}, "reliability_note": STRING,
            "title": STRING, "publisher": STRING, "author": STRING, "published_on": NULLABLE_STRING,
            "url": NULLABLE_STRING, "final_url": NULLABLE_STRING, "http_status": {"type": ["integer", "null"]},
            "http_headers": {"type": "object"}, "content_type": STRING, "filename": STRING, "size": INTEGER,
            "sha256": {"type": "string", "description": "SHA-256 of the preserved bytes"},
            "revision": INTEGER, "text_sha256": {"type": "string", "description": "SHA-256 of the current text"},
            "retrieved_at": TIMESTAMP, "created_at": TIMESTAMP,
        }),
        "SourceList": _list_of("Source"),
        "SourceCreate": _input(SourceCreate),
        "SourceDescription": _input(SourceDescription),
        "SourceUpload": {"type": "object", "required": ["file"], "properties": {
            "file": {"type": "string", "format": "binary",
                     "description": "HTML, PDF, plain text or e-mail (.eml), checked by content"},
            **SourceDescription.model_json_schema()["properties"]}},
        "SourceText": _object({"revision": INTEGER, "text": STRING, "text_sha256": STRING}),
        "RevisionCreate": _input(RevisionCreate),
        "Revision": _object({"revision": INTEGER, "text_sha256": STRING, "reason": STRING}),
        "CaseSourceLink": _input(CaseSourceLink),
        "ExcerptCreate": _input(ExcerptCreate),
        "Excerpt": _object({
            "id": INTEGER, "case_id": INTEGER, "source_id": INTEGER, "revision": INTEGER, "start": INTEGER,
            "end": INTEGER, "quote": STRING, "credibility": {"type": "integer", "minimum": 1, "maximum": 6},
            "translation": NULLABLE_STRING, "translation_by": NULLABLE_STRING,
            "translation_by_kind": NULLABLE_STRING, "translated_at": {"type": ["string", "null"]},
            "created_at": TIMESTAMP}),
        "ExcerptList": _list_of("Excerpt"),
        "EvidenceCreate": _input(EvidenceCreate),
        "Evidence": _object({"id": INTEGER, "case_id": INTEGER, "fact": STRING,
                             "worker_group_id": {"type": ["integer", "null"]}, "value": {},
                             "excerpt_id": INTEGER, "created_at": TIMESTAMP}),
        "RetainCreate": _input(RetainCreate),
        "Fact": _object({"fact": STRING, "worker_group_id": {"type": ["integer", "null"]},
                         "contradiction": {"type": "boolean"},
                         "values": {"type": "array", "items": _object({"value": {}, "excerpt_ids": {
                             "type": "array", "items": INTEGER}})},
                         "retained": {"type": ["object", "null"]}}),
        "FactList": _list_of("Fact"),
        "FindingPut": _input(FindingPut),
        "Finding": _object({"indicator": {"type": "string", "enum": list(IDS)},
                            "status": {"type": "string", "enum": list(ILO_STATUSES)},
                            "stages": {"type": "array", "items": {"type": "string", "enum": list(STAGES)}},
                            "excerpt_ids": {"type": "array", "items": INTEGER}, "note": STRING,
                            "signed_off": {"type": "boolean"}, "signed_off_by_id": {"type": ["integer", "null"]},
                            "signed_off_at": {"type": ["string", "null"]}, "changed_by_id": INTEGER,
                            "changed_at": TIMESTAMP, "contributor_ids": {"type": "array", "items": INTEGER,
                                                                          "description": "Who recorded or changed it since its last sign-off"}}),
        "Assessment": {"type": "object", "description": "The determination, with the findings it used.",
                       "required": ["forced_labour", "stages", "state_imposed", "children", "sanctions", "reasons",
                                    "rules_version", "findings"],
                       "properties": {
            "forced_labour": {"type": "string", "enum": ["established", "possible", "not_established"]},
            "stages": {"type": "object", "properties": {stage: _object({
                "involuntariness": {"type": "array", "items": STRING}, "penalty": {"type": "array", "items": STRING},
                "met": {"type": "string", "enum": ["established", "possible", "no"]}}) for stage in STAGES}},
            "state_imposed": _object({"applies": {"type": "boolean"}, "reasons": {"type": "array", "items": STRING}}),
            "children": _object({"applies": {"type": "boolean"}, "forced_labour": {"type": ["string", "null"]},
                                 "reasons": {"type": "array", "items": STRING}}),
            "sanctions": {"type": "array", "items": _object({"instrument": STRING, "provision": STRING,
                                                             "reason": STRING})},
            "reasons": {"type": "array", "items": STRING}, "rules_version": STRING,
            "findings": {"type": "array", "items": _ref("Finding")}}},
        "SuggestRequest": _input(SuggestRequest),
        "Suggestions": _object({
            "language": STRING,
            "suggestions": {"type": "array", "items": _object({
                "indicator": {"type": "string", "enum": list(IDS)}, "start": INTEGER, "end": INTEGER,
                "quote": STRING, "cue": STRING, "confidence": {"type": "number", "minimum": 0, "maximum": 1}})},
            "facts": {"type": "object", "description": "conditions keys and workers_count: {value, start, end, quote}",
                      "additionalProperties": _object({"value": {}, "start": INTEGER, "end": INTEGER,
                                                       "quote": STRING})}}),
        "ProposalChoice": _input(ProposalChoice),
        "Proposals": _object({
            "language": STRING,
            "suggestions": {"type": "array", "items": _object({
                "indicator": {"type": "string", "enum": list(IDS)}, "start": INTEGER, "end": INTEGER,
                "quote": STRING, "cue": STRING, "confidence": {"type": "number"}})},
            "facts": {"type": "array", "items": _object({"fact": STRING, "value": {}, "start": INTEGER,
                                                          "end": INTEGER, "quote": STRING})},
            "truncated": {"type": "boolean", "description": "The source is longer than SUGGEST_MAX_CHARS: only "
                                                            "its first read_chars characters were read."},
            "read_chars": INTEGER, "text_chars": INTEGER}),
        "PersonCreate": _input(PersonCreate),
        "PersonPatch": _input(PersonPatch),
        "PersonList": _list_of("Person"),
        "DossierRequest": _input(DossierRequest),
        "DossierJob": _object({
            "id": INTEGER, "kind": {"type": "string"}, "profile": {"type": "string"},
            "case_ids": {"type": "array", "items": INTEGER},
            "state": {"type": "string", "enum": ["queued", "running", "done", "failed"]},
            "progress": INTEGER, "message": {"type": "string"}, "requested_by": {"type": "string"},
            "created_at": NULLABLE_STRING, "finished_at": NULLABLE_STRING, "pages": NULLABLE_INTEGER,
            "pdf_sha256": NULLABLE_STRING, "manifest_sha256": NULLABLE_STRING,
            "download_url": NULLABLE_STRING, "manifest_url": NULLABLE_STRING}),
        "Portfolio": _object({
            "generated_at": {"type": "string"}, "filters": {"type": "object"}, "published_only": {"type": "boolean"},
            "cases": INTEGER,
            "workers": _object({"min": INTEGER, "max": INTEGER, "groups_without_count": INTEGER}),
            "indicators": {"type": "array", "items": _object({"indicator": {"type": "string", "enum": list(IDS)},
                                                              "present": INTEGER, "suspected": INTEGER})},
            "determinations": _object({"established": INTEGER, "possible": INTEGER, "not_established": INTEGER}),
            "state_imposed": INTEGER, "sanctions": {"type": "object", "additionalProperties": INTEGER},
            "by_country": {"type": "array", "items": _object({"country": NULLABLE_STRING, "cases": INTEGER})},
            "by_sector": {"type": "array", "items": _object({"sector": {"type": "string"}, "cases": INTEGER})},
            "by_status": {"type": "array", "items": _object({"status": {"type": "string"}, "cases": INTEGER})},
            "timeline": {"type": "array", "items": _object({"year": INTEGER, "cases": INTEGER})},
            "undated": INTEGER}),
    }


def _list_of(name: str) -> dict[str, Any]:
    return _object({"items": {"type": "array", "items": _ref(name)}, "next_cursor": NULLABLE_STRING})


def _body(name: str) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": _ref(name)}}}


def _operation(summary: str, responses: dict[str, Any], parameters=None, body: str | None = None,
               errors=("401", "429")) -> dict[str, Any]:
    operation: dict[str, Any] = {"summary": summary, "responses": dict(responses)}
    for code in errors:
        operation["responses"].setdefault(code, ERRORS[code])
    if parameters:
        operation["parameters"] = parameters
    if body:
        operation["requestBody"] = _body(body)
    return operation


ERRORS = {
    "401": _error("Missing or invalid token."),
    "403": _error("Visible to you, but your role may not do this."),
    "404": _error("Does not exist, or is not visible to you."),
    "409": _error("Stale version: 'current' holds the record as it is now."),
    "422": _error("Invalid input, per field."),
    "413": _error("Too large: the error's message names the limit (for /ilo/suggest, `limit` holds "
                  "SUGGEST_MAX_CHARS)."),
    "429": _error("Rate limited."),
}
WRITE = ("401", "403", "404", "422", "429")
UPDATE = ("401", "403", "404", "409", "422", "429")
READ = ("401", "404", "429")
Q = {"name": "q", "in": "query", "schema": {"type": "string"}}
PARTIAL_DATE = {"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}
CASE_FILTERS = [
    {**Q, "description": "Words that must all appear in the title, summary or a linked party's name."},
    {"name": "status", "in": "query", "schema": {"type": "string", "enum": list(STATUSES)}},
    {"name": "country", "in": "query", "schema": {"type": "string"}, "description": "ISO 3166-1 alpha-2"},
    {"name": "sector", "in": "query", "schema": {"type": "string", "enum": list(SECTORS)}},
    {"name": "party_id", "in": "query", "schema": INTEGER},
    {"name": "assignee_id", "in": "query", "schema": INTEGER},
    {"name": "period_from", "in": "query", "schema": PARTIAL_DATE,
     "description": "Cases whose period overlaps from this (partial) date on."},
    {"name": "period_to", "in": "query", "schema": PARTIAL_DATE,
     "description": "Cases whose period overlaps up to this (partial) date."},
    {"name": "sort", "in": "query", "schema": {"type": "string", "enum": list(SORTS), "default": DEFAULT_SORT}},
    *LIST_PARAMETERS,
]


def _paths() -> dict[str, Any]:
    return {
        "/me": {"get": _operation("The user the token belongs to", _ok("The user", "Me"))},
        "/cases": {
            "get": _operation("List the cases visible to this user, filtered and sorted (newest change first)",
                              _ok("A page of cases", "CaseList"), CASE_FILTERS, errors=("401", "422", "429")),
            "post": _operation("Create a case (caseworkers and coordinators); the creator is the assignee by default",
                               _ok("The new case", "Case", "201"), body="CaseCreate", errors=WRITE),
        },
        "/cases/{case_id}": {
            "get": _operation("One case, with its worker groups, conditions, parties and actions",
                              _ok("The case", "Case"), [CASE_ID], errors=READ),
            "patch": _operation("Change a case: send `version` and the fields to change; "
                                "`status`, `organisation` and `reference` are never accepted",
                                _ok("The changed case", "Case"), [CASE_ID], "CasePatch", errors=UPDATE),
            "delete": _operation("Delete a draft (kept as deleted in the history, gone from every list)",
                                 {"204": {"description": "Deleted"}}, [CASE_ID], errors=("401", "403", "404", "429")),
        },
        "/cases/{case_id}/transitions": {
            "post": _operation("Move the case to another status: role checked first (403), then the status (409)",
                               {**_ok("The case in its new status", "Case"),
                                "409": {"description": "Not a move from the current status",
                                        "content": {"application/json": {"schema": _ref("InvalidTransition")}}}},
                               [CASE_ID], "Transition", errors=WRITE),
        },
        "/cases/{case_id}/assign": {
            "post": _operation("Assign the case (coordinators)", _ok("The case", "Case"), [CASE_ID], "Assignment",
                               errors=WRITE),
        },
        "/cases/{case_id}/comments": {
            "get": _operation("The case's comment thread, oldest first", _ok("The comments", "CommentList"),
                              [CASE_ID], errors=READ),
            "post": _operation("Add a comment", _ok("The comment", "Comment", "201"), [CASE_ID], "CommentCreate",
                               errors=WRITE),
        },
        "/cases/{case_id}/parties": {
            "post": _operation("Link a party to the case with a role", _ok("The link", "CasePartyLink", "201"),
                               [CASE_ID], "CasePartyLinkCreate", errors=WRITE),
        },
        "/cases/{case_id}/persons": {
            "get": _operation("The people of a case (need-to-know: assignee, coordinators, admins)",
                              _ok("The people", "PersonList"), [CASE_ID], errors=READ),
            "post": _operation("Add a person to the case", _ok("The new person", "Person", "201"), [CASE_ID],
                               "PersonCreate", errors=WRITE),
        },
        "/parties": {
            "get": _operation("List the organisation's parties", _ok("A page of parties", "PartyList"),
                              [{**Q, "description": "Words in the name."}, *LIST_PARAMETERS],
                              errors=("401", "422", "429")),
            "post": _operation("Create a party; `similar` lists existing parties with close names",
                               _ok("The new party", "PartyCreated", "201"), body="PartyCreate", errors=WRITE),
        },
        "/parties/{party_id}": {
            "get": _operation("One party, with the cases it appears in that you may see",
                              _ok("The party", "PartyWithCases"), [PARTY_ID], errors=READ),
            "patch": _operation("Change a party (send `version`)", _ok("The changed party", "Party"), [PARTY_ID],
                                "PartyPatch", errors=UPDATE),
        },
        "/sources": {
            "get": _operation("List the sources you may see", _ok("A page of sources", "SourceList"),
                              [{**Q, "description": "Words in the title, publisher or address."},
                               *LIST_PARAMETERS], errors=("401", "422", "429")),
            "post": {**_operation(
                "Add a source: fetch a url, keep pasted text, or upload a file (multipart, field `file`). "
                "201 when new; 200 with the existing source when the same bytes or final url are stored",
                {**_ok("The new source", "Source", "201"), **_ok("The source already stored", "Source")},
                errors=WRITE),
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": _ref("SourceCreate")},
                    "multipart/form-data": {"schema": _ref("SourceUpload")}}}},
        },
        "/sources/{source_id}": {
            "get": _operation("A source: metadata and hashes", _ok("The source", "Source"), [SOURCE_ID],
                              errors=READ),
            "patch": _operation("Correct how the source is described (never its bytes or text)",
                                _ok("The source", "Source"), [SOURCE_ID], "SourceDescription", errors=WRITE),
        },
        "/sources/{source_id}/text": {
            "get": _operation("The preserved text (current revision, or ?revision=N)", _ok("The text", "SourceText"),
                              [SOURCE_ID, {"name": "revision", "in": "query", "schema": INTEGER}],
                              errors=("401", "404", "422", "429")),
        },
        "/sources/{source_id}/revisions": {
            "post": _operation("A corrected text, kept as a new revision", _ok("The revision", "Revision", "201"),
                               [SOURCE_ID], "RevisionCreate", errors=WRITE),
        },
        "/sources/{source_id}/excerpts": {
            "post": _operation("Quote text[start:end] of a revision for a case (422 unless exact); "
                               "cites the source in the case", _ok("The excerpt", "Excerpt", "201"), [SOURCE_ID],
                               "ExcerptCreate", errors=WRITE),
        },
        "/cases/{case_id}/sources": {
            "get": _operation("The sources a case cites", _ok("The sources", "SourceList"), [CASE_ID], errors=READ),
            "post": _operation("Cite a source in the case", _ok("The source", "Source", "201"), [CASE_ID],
                               "CaseSourceLink", errors=WRITE),
        },
        "/cases/{case_id}/excerpts": {
            "get": _operation("The case's quotes", _ok("The excerpts", "ExcerptList"), [CASE_ID], errors=READ),
        },
        "/cases/{case_id}/facts": {
            "get": _operation("Facts with evidence, values side by side, contradictions and retained values",
                              _ok("The facts", "FactList"), [CASE_ID], errors=READ),
        },
        "/cases/{case_id}/facts/{fact}/evidence": {
            "post": _operation("An excerpt as evidence that a fact (a conditions key, or workers_count) has a value",
                               _ok("The evidence", "Evidence", "201"), [CASE_ID, FACT], "EvidenceCreate",
                               errors=WRITE),
        },
        "/cases/{case_id}/facts/{fact}/retain": {
            "post": _operation("Coordinators: the value the case keeps where sources disagree, with a note",
                               _ok("The fact", "Fact"), [CASE_ID, FACT], "RetainCreate", errors=WRITE),
        },
        "/cases/{case_id}/findings/{indicator}": {
            "put": _operation("Record the finding for one ILO indicator; any change voids its sign-off",
                              _ok("The finding", "Finding"), [CASE_ID, INDICATOR], "FindingPut", errors=WRITE),
        },
        "/cases/{case_id}/findings/{indicator}/signoff": {
            "post": _operation("Sign off a finding (coordinators; never anyone who recorded or changed it since its last sign-off)",
                               _ok("The finding", "Finding"), [CASE_ID, INDICATOR], errors=WRITE),
        },
        "/cases/{case_id}/assessment": {
            "get": _operation("The determination under the ILO rules, with its reasons and the separate tracks",
                              _ok("The assessment", "Assessment"), [CASE_ID], errors=READ),
        },
        "/sources/{source_id}/suggestions": {
            "get": _operation("Open proposals for a source and a case (dismissed and accepted ones left out)",
                              _ok("The proposals", "Proposals"),
                              [SOURCE_ID, {"name": "case_id", "in": "query", "required": True, "schema": INTEGER}],
                              errors=("401", "404", "422", "429")),
        },
        "/sources/{source_id}/suggestions/accept": {
            "post": _operation("Accept a proposal: quote its passage and make a suspected finding (indicator) or "
                               "evidence for the fact", {"201": {"description": "The finding or the evidence"}},
                               [SOURCE_ID], "ProposalChoice", errors=WRITE),
        },
        "/sources/{source_id}/suggestions/dismiss": {
            "post": _operation("Dismiss a proposal; it is not proposed again for that source and case",
                               {"204": {"description": "Dismissed"}}, [SOURCE_ID], "ProposalChoice", errors=WRITE),
        },
        "/ilo/suggest": {
            "post": _operation("Propose ILO indicators and case facts for a text, each with its exact passage and cue "
                               "(text[start:end] == quote)", _ok("The proposals", "Suggestions"),
                               body="SuggestRequest", errors=("401", "413", "422", "429")),
        },
        "/persons/{person_id}": {
            "get": _operation("One person", _ok("The person", "Person"), [PERSON_ID], errors=READ),
            "patch": _operation("Change a person (send `version`)", _ok("The changed person", "Person"),
                                [PERSON_ID], "PersonPatch", errors=UPDATE),
            "delete": _operation("Remove a person from the case", {"204": {"description": "Removed"}},
                                 [PERSON_ID], errors=("401", "403", "404", "429")),
        },
        "/cases/{case_id}/report.pdf": {
            "get": _operation("The case report as a PDF (coordinators and admins: either profile; advocates: "
                              "`advocate` only, verified or closed cases). Audited; the SHA-256 is in the "
                              "X-Caseapp-Sha256 header and the export history",
                              {"200": {"description": "The PDF", "content": {"application/pdf": {}}}},
                              [CASE_ID, PROFILE], errors=("401", "403", "404", "422", "429")),
        },
        "/reports/dossiers": {
            "post": _operation("Queue an evidence dossier of several cases; built in the background. Returns the "
                               "job (202) with a Location to poll", _ok("The job", "DossierJob", "202"),
                               body="DossierRequest", errors=WRITE),
        },
        "/reports/dossiers/{export_id}": {
            "get": _operation("A dossier job: state (queued, running, done, failed), progress 0-100, hashes and, when "
                              "done, the download URLs", _ok("The job", "DossierJob"), [EXPORT_ID], errors=READ),
        },
        "/reports/dossiers/{export_id}/dossier.pdf": {
            "get": _operation("The dossier PDF (only for the person who asked for it)",
                              {"200": {"description": "The PDF", "content": {"application/pdf": {}}}},
                              [EXPORT_ID], errors=("401", "403", "404", "429")),
        },
        "/reports/dossiers/{export_id}/dossier.manifest.json": {
            "get": _operation("The dossier's manifest; its SHA-256 is printed on the dossier's verification page",
                              {"200": {"description": "The manifest (JSON)"}}, [EXPORT_ID],
                              errors=("401", "403", "404", "429")),
        },
        "/reports/portfolio": {
            "get": _operation("Figures over the cases visible to this user, narrowed by the case-list filters "
                              "(advocates: verified and closed cases only)", _ok("The figures", "Portfolio"),
                              CASE_FILTERS[:-3], errors=("401", "403", "422", "429")),
        },
        "/openapi.json": {"get": _operation("This document", {"200": {"description": "OpenAPI 3 document"}})},
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
            "securitySchemes": {"bearerAuth": {
                "type": "http", "scheme": "bearer",
                "description": (
                    "An API token made on the profile page or with `flask users token`. It is answered 401 "
                    "when revoked, when its user is deactivated, and while its user's role must use a second "
                    "factor (TWO_FACTOR_REQUIRED_ROLES or the organisation's setting) that the user has not "
                    "set up. Session cookies are never accepted here."),
            }},
            "schemas": _schemas(),
        },
        "paths": _paths(),
    }


@blueprint.get("/openapi.json")
@roles(*ROLES)
def openapi_json():
    require(permissions.can_use_caseapp)
    return jsonify(document())
