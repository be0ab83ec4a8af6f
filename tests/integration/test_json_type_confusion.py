"""JSON type confusion: every API endpoint that reads a JSON body, fed the wrong shapes, answers 4xx, never 500.

The endpoints come from the URL map: a new one that takes a body fails
`test_every_api_endpoint_with_a_body_is_covered` until it is listed below.
Each field of a valid body (nested ones too) in turn gets a list, an object,
a number, a huge number, a boolean, null and text; the whole body becomes a
list, text, a number, null and broken JSON. Whatever the endpoint's input
model refuses must be 422, and nothing may ever be a 5xx.
"""
from __future__ import annotations

import base64
import io
import json
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from caseapp.api.ilo import SuggestRequest
from caseapp.assessment.inputs import FindingPut, ProposalChoice, SignOff
from caseapp.cases.inputs import Assignment, CasePatch, CommentCreate, Transition
from caseapp.parties.inputs import CaseCreate, CasePartyLinkCreate, PartyCreate, PartyPatch
from caseapp.persons.inputs import PersonCreate, PersonPatch
from caseapp.reports.inputs import DossierRequest, ExportApproval, ExportRefusal
from caseapp.sources.inputs import (CaseSourceLink, TranscriptCreate, EvidenceCreate, ExcerptCreate, RetainCreate, RevisionCreate,
                                    SourceCreate, SourceDescription)
from caseapp.extensions import db
from caseapp.parties import services as parties
from caseapp.persons import services as persons
from caseapp.reports import jobs
from caseapp.sources import evidence
from caseapp.sources import services as sources
from tests.factories import bearer, make_case, make_org, make_token, make_user

WRITES = {"POST", "PUT", "PATCH"}
# Endpoints that write but read no body.
NO_BODY: set[str] = {"api.restore_case"}
OPTIONAL_BODY = {"api.sign_off_finding", "api.approve_export"}

WORKER_GROUP = {"id": None, "origin": "KP", "count_min": 10, "count_max": 20, "count_qualifier": "at_least",
                "gender_note": "men", "age_note": "adults", "children_involved": False, "note": "crew"}
# One condition of every kind: number, integer, time, currency, choice, boolean, text, and a note.
CONDITIONS = {"daily_hours": 14.5, "days_per_week": 7, "work_start": "05:00", "wage_currency": "THB",
              "wage_period": "month", "housing_guarded": True, "housing_conditions": "on board",
              "document_holder": "employer", "daily_hours_note": "from the logbook"}
CASE = {"summary": "Crew kept at sea", "confidentiality": "normal", "country": "TH", "region": "Andaman",
        "worksite": "Trawler", "sector": "fishing", "period_start": "2020", "period_end": "2021-06",
        "worker_groups": [WORKER_GROUP], "conditions": CONDITIONS,
        "actions": [{"id": None, "kind": "media", "date": "2021", "outcome": "Published"}]}

# endpoint -> (input model, a valid body); "{version}" and the ids are filled in from the bodies.
BODIES: dict[str, tuple[type[BaseModel], dict[str, Any]]] = {
    "api.create_case": (CaseCreate, {"title": "Trawler crew", **CASE,
                                             "parties": [{"name": "Andaman Blue", "role": "employer",
                                                          "kind": "employer", "note": "owner"}]}),
    "api.patch_case": (CasePatch, {"version": "{case_version}", "title": "Trawler crew", **CASE}),
    "api.move_case": (Transition, {"to": "submitted", "comment": "Ready"}),
    "api.assign_case": (Assignment, {"assignee_id": "{caseworker_id}"}),
    "api.add_comment": (CommentCreate, {"body": "Please check the dates."}),
    "api.link_party": (CasePartyLinkCreate, {"party_id": "{party_id}", "role": "employer", "note": "owner"}),
    "api.create_party": (PartyCreate, {"name": "Harbour Agency", "kind": "recruiter", "country": "MM",
                                               "registration_number": "R-1", "aliases": ["HA"], "note": "fees"}),
    "api.patch_party": (PartyPatch, {"version": "{party_version}", "name": "Baltic Builders Ltd",
                                             "kind": "employer", "country": "RU", "registration_number": "77",
                                             "aliases": ["BB"], "note": "site"}),
    "api.create_person": (PersonCreate, {"name": "Worker B", "role": "worker", "consent": "given",
                                                 "consent_date": "2024-03-01", "risk": "medium", "aliases": ["B"],
                                                 "contact": "via the union", "document_numbers": "none",
                                                 "notes": "deckhand"}),
    "api.patch_person": (PersonPatch, {"version": "{person_version}", "name": "Worker A",
                                               "role": "worker", "consent": "given", "consent_date": "2024-03-01",
                                               "risk": "high", "aliases": ["A"], "notes": "cook"}),
    "api.create_source": (SourceCreate, {"text": "The guards kept the workers' passports.", "kind": "ngo_report",
                                         "language": "en", "reliability": "B", "reliability_note": "visited",
                                         "title": "Field notes", "publisher": "NGO", "author": "Team",
                                         "published_on": "2024-02"}),
    "api.patch_source": (SourceDescription, {"kind": "ngo_report", "language": "en", "reliability": "C",
                                             "title": "Field notes, corrected", "published_on": "2024"}),
    "api.revise_source": (RevisionCreate, {"text": "The guards kept all passports.", "reason": "transcription"}),
    "api.add_transcript": (TranscriptCreate, {"transcript": "WEBVTT\n\n00:01.000 --> 00:02.000\nThey kept it.\n",
                                              "reason": "typed"}),
    "api.create_excerpt": (ExcerptCreate, {"case_id": "{case_id}", "start": 4, "end": 10, "quote": "guards",
                                           "credibility": 3, "revision": 1, "translation": "bewakers",
                                           "translation_by": "Team", "translation_by_kind": "person"}),
    "api.link_case_source": (CaseSourceLink, {"source_id": "{source_id}"}),
    "api.add_fact_evidence": (EvidenceCreate, {"excerpt_id": "{excerpt_id}", "value": "employer",
                                               "worker_group_id": None}),
    "api.retain_fact": (RetainCreate, {"value": "employer", "note": "the contract says so",
                                       "worker_group_id": None}),
    "api.put_finding": (FindingPut, {"status": "present", "stages": ["employment"],
                                     "excerpt_ids": ["{excerpt_id}"], "note": "held"}),
    "api.accept_proposal": (ProposalChoice, {"case_id": "{case_id}", "indicator": "retention_of_identity_documents",
                                             "start": 4, "end": 37, "stage": "employment"}),
    "api.dismiss_proposal": (ProposalChoice, {"case_id": "{case_id}", "fact": "document_holder", "start": 4,
                                              "end": 37}),
    "api.sign_off_finding": (SignOff, {"version": "{finding_version}"}),
    "api.create_dossier": (DossierRequest, {"case_ids": ["{case_id}"], "profile": "internal"}),
    "api.approve_export": (ExportApproval, {"reason": "Checked against the consent forms."}),
    "api.refuse_export": (ExportRefusal, {"reason": "A quote names a worker's village."}),
    "api.ilo_suggest": (SuggestRequest, {"text": "They took our passports and we could not leave.",
                                         "language": "en"}),
}

SUBSTITUTES = [[], ["text"], {}, {"nested": "object"}, 7, 2.5, True, False, None, "text"]
TOO_LARGE = 2**53
WHOLE_BODIES = ['[]', '[{"title": "x"}]', '"a string"', "42", "null", "true", '{"title": ', "{'single': 1}", "",
                "\x00"]


def _api_endpoints_with_a_body(app) -> set[str]:
    return {rule.endpoint for rule in app.url_map.iter_rules()
            if rule.endpoint.startswith("api.") and rule.methods & WRITES} - NO_BODY


def test_every_api_endpoint_with_a_body_is_covered(app):
    endpoints = _api_endpoints_with_a_body(app)
    assert endpoints - set(BODIES) == set(), "endpoints that read a body without a type-confusion entry"
    assert set(BODIES) - endpoints == set(), "entries for endpoints that no longer exist"


@pytest.fixture
def bodies(app, monkeypatch):
    monkeypatch.setattr(jobs, "submit", lambda export_id: None)  # no dossier is built in the background
    org = make_org()
    coordinator, caseworker = make_user(org, "coordinator"), make_user(org, "caseworker")
    case = make_case(caseworker)
    person = persons.create_person(case, {"name": "Worker A", "role": "worker"}, caseworker)
    party = parties.create_party({"name": "Baltic Builders", "kind": "employer"}, caseworker).party
    source = sources.add_from_paste("The guards kept the workers' passports.", {"title": "Notes"}, None,
                                    caseworker).source
    db.session.flush()
    excerpt = evidence.create_excerpt(source, case, {"quote": "kept the workers' passports"}, caseworker)
    from caseapp.assessment import services as assessment

    finding = assessment.record_finding(case, "isolation", {"status": "suspected", "stages": ["employment"],
                                                             "note": "", "excerpt_ids": []}, caseworker)
    from caseapp.reports.models import ReportExport

    advocate = make_user(org, "advocate")
    waiting = ReportExport(organisation_id=org.id, kind="case", profile="advocate", case_ids=[case.id],
                           requested_by_id=advocate.id, actor_label=advocate.email, state="awaiting_approval")
    db.session.add(waiting)
    db.session.commit()
    values = {"export_id": waiting.id, "case_id": case.id, "case_version": case.version, "caseworker_id": caseworker.id,
              "party_id": party.id, "party_version": party.version, "person_id": person.id,
              "person_version": person.version, "source_id": source.id, "excerpt_id": excerpt.id,
              "fact": "document_holder", "indicator": "isolation", "finding_version": finding.version}
    return bearer(make_token(coordinator)), values


def _filled(value: Any, values: dict[str, Any]) -> Any:
    if isinstance(value, str) and value.startswith("{") and value.endswith("}") and value[1:-1] in values:
        return values[value[1:-1]]
    if isinstance(value, list):
        return [_filled(item, values) for item in value]
    if isinstance(value, dict):
        return {key: _filled(item, values) for key, item in value.items()}
    return value


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in a body that holds a value: keys of objects, the first item of lists, nested."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append(prefix + (key,))
            found += _paths(item, prefix + (key,))
    elif isinstance(value, list) and value:
        found.append(prefix + (0,))
        found += _paths(value[0], prefix + (0,))
    return found


def _replaced(body: Any, path: tuple, new: Any) -> Any:
    if not path:
        return new
    copy = list(body) if isinstance(body, list) else dict(body)
    copy[path[0]] = _replaced(body[path[0]], path[1:], new)
    return copy


def _refused_by(model: type[BaseModel], body: Any) -> bool:
    try:
        model.model_validate(body)
    except ValidationError:
        return True
    return False


def _url(app, endpoint: str, values: dict[str, Any]) -> tuple[str, str]:
    rule = next(rule for rule in app.url_map.iter_rules() if rule.endpoint == endpoint)
    method = sorted(rule.methods & WRITES)[0]
    return method, rule.build({arg: values[arg] for arg in rule.arguments}, append_unknown=False)[1]


def _send(client, method: str, url: str, headers: dict, raw: str):
    return client.open(url, method=method, headers=headers, data=raw, content_type="application/json")


@pytest.mark.parametrize("endpoint", sorted(BODIES))
def test_json_type_confusion_wrong_shapes_in_every_field_are_refused_never_500(app, bodies, endpoint):
    headers, values = bodies
    client = app.test_client()
    model, template = BODIES[endpoint]
    body = _filled(template, values)
    method, url = _url(app, endpoint, values)
    wrong = []
    for path in _paths(body):
        for substitute in SUBSTITUTES + [TOO_LARGE]:
            sent = _replaced(body, path, substitute)
            response = _send(client, method, url, headers, json.dumps(sent))
            must_refuse = substitute is TOO_LARGE or _refused_by(model, sent)
            if response.status_code >= 500 or (must_refuse and response.status_code != 422):
                wrong.append((".".join(map(str, path)), repr(substitute), response.status_code))
    assert wrong == []


@pytest.mark.parametrize("endpoint", sorted(BODIES))
def test_json_type_confusion_a_body_that_is_not_an_object_is_422(app, bodies, endpoint):
    headers, values = bodies
    client = app.test_client()
    method, url = _url(app, endpoint, values)
    answers = {raw: _send(client, method, url, headers, raw).status_code for raw in WHOLE_BODIES}
    # A sign-off's body is optional (the version read): no body at all signs off as before.
    expected = {raw: 200 if raw == "" and endpoint in OPTIONAL_BODY else 422 for raw in WHOLE_BODIES}
    assert answers == expected


@pytest.mark.parametrize("endpoint", sorted(BODIES))
def test_json_type_confusion_not_a_number_and_infinity_are_refused(app, bodies, endpoint):
    """Python's JSON reader takes NaN and Infinity; no field may keep them (PostgreSQL's JSON cannot)."""
    headers, values = bodies
    client = app.test_client()
    model, template = BODIES[endpoint]
    body = _filled(template, values)
    method, url = _url(app, endpoint, values)
    wrong = []
    for path in _paths(body):
        for special in (float("nan"), float("inf")):
            response = _send(client, method, url, headers, json.dumps(_replaced(body, path, special)))
            if response.status_code != 422:
                wrong.append((".".join(map(str, path)), special, response.status_code))
    assert wrong == []


@pytest.mark.parametrize("endpoint", ["api.create_case", "api.put_finding", "api.ilo_suggest"])
def test_json_type_confusion_a_body_nested_beyond_reason_is_422(app, bodies, endpoint):
    headers, values = bodies
    client = app.test_client()
    method, url = _url(app, endpoint, values)
    too_deep_to_parse = '{"title": ' + "[" * 100_000 + "]" * 100_000 + "}"
    deep_but_parsed = '{"title": "x", "note": ' + "[" * 950 + "]" * 950 + "}"
    for raw in (too_deep_to_parse, deep_but_parsed):
        assert _send(client, method, url, headers, raw).status_code == 422


def _cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


# A cursor is JSON too: the sort key of the last item shown, which a client can forge.
FORGED_CURSORS = ["[[1]]", '[{"a": 1}]', '["x"]', "[true]", "[null]", "[1.5]", "[99999999999999999999999]",
                  '[{"t": 5}]', '[{"t": [1]}, 1]', '["x", "y"]', "[[1], [2]]", '[{"t": "2024-01-01T00:00:00"}, "x"]',
                  "[NaN, 1]", "[1e400, 1]", '{"t": 1}', '"x"', "[" * 5_000 + "]" * 5_000]


@pytest.mark.parametrize("url", ["/api/v1/cases", "/api/v1/cases?sort=reference", "/api/v1/parties",
                                 "/api/v1/sources"])
def test_json_type_confusion_a_forged_cursor_is_422(app, bodies, url):
    headers, _values = bodies
    client = app.test_client()
    joiner = "&" if "?" in url else "?"
    answers = {raw[:40]: client.get(f"{url}{joiner}cursor={_cursor(raw)}", headers=headers).status_code
               for raw in FORGED_CURSORS}
    assert answers == {raw[:40]: 422 for raw in FORGED_CURSORS}


def test_json_type_confusion_a_forged_cursor_on_a_page_is_never_a_500(app, bodies):
    from caseapp.auth.models import User
    from tests.factories import login

    client = app.test_client()
    coordinator = db.session.scalars(db.select(User).filter_by(role="coordinator")).first()
    login(client, coordinator.email)
    wrong = [(url, raw[:40], status) for url in ("/cases", "/parties", "/sources") for raw in FORGED_CURSORS
             if (status := client.get(f"{url}?cursor={_cursor(raw)}").status_code) >= 500]
    assert wrong == []


def test_json_type_confusion_an_import_nested_beyond_reason_is_refused(app, bodies):
    from caseapp.auth.models import User
    from tests.factories import csrf_token, login

    client = app.test_client()
    login(client, db.session.scalars(db.select(User).filter_by(role="caseworker")).first().email)
    raw = "[" * 100_000 + "]" * 100_000
    response = client.post("/cases/import", data={"csrf_token": csrf_token(client, "/cases/import"),
                                                   "file": (io.BytesIO(raw.encode()), "cases.json")})
    assert response.status_code == 422
