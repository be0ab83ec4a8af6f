"""The API is what its OpenAPI document says: a valid 3.1 document, every operation named, tagged and
shown by example, and every answer of every operation checked against the schema the document gives.

`make api-examples` runs the tour below with CASEAPP_RECORD_API_EXAMPLES=1, which writes the answers it
got into caseapp/api/examples.json: the examples the document shows are real answers.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from caseapp.api.openapi import document
from caseapp.extensions import db
from tests import media_files
from tests.factories import bearer, make_org, make_token, make_user

EXAMPLES = Path(__file__).parents[2] / "caseapp" / "api" / "examples.json"
ARTICLE = ("Since March the brigade of thirty workers has worked sixteen hours a day, seven days a week. "
           "The guards keep their passports and collect the wages. They sleep in a closed barracks "
           "and may not leave it without an escort.")


def _operations(doc):
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def _validator(doc, schema):
    return Draft202012Validator({**schema, "components": doc["components"]})


def _problems(doc, schema, value) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in _validator(doc, schema).iter_errors(value)]


def test_the_document_is_valid_openapi_3_1(app):
    doc = document()
    validate(doc)
    assert doc["openapi"] == "3.1.0"


def test_every_operation_has_a_unique_id_a_known_tag_and_a_curl_example(app):
    doc = document()
    tags = {tag["name"] for tag in doc["tags"]}
    ids = [operation["operationId"] for _, _, operation in _operations(doc)]
    assert len(ids) == len(set(ids))
    for path, method, operation in _operations(doc):
        assert operation["tags"] and set(operation["tags"]) <= tags, (path, method)
        [sample] = operation["x-codeSamples"]
        assert sample["source"].startswith(f"curl -X {method.upper()} "), (path, method)
        assert "{" not in sample["source"].split("\n")[0], "path parameters are filled in"


def test_every_example_the_document_shows_is_valid_for_its_schema(app):
    doc = document()
    shown = 0
    for path, method, operation in _operations(doc):
        body = operation.get("requestBody", {}).get("content", {}).get("application/json")
        if body:
            assert "example" in body, f"{method} {path}: no request example"
            assert not _problems(doc, body["schema"], body["example"]), (path, method)
            shown += 1
        for status, reply in operation["responses"].items():
            media = reply.get("content", {}).get("application/json")
            model = (media or {}).get("schema", {}).get("$ref")
            if model and status.startswith("2") and model != "#/components/schemas/Error":
                assert "example" in media, f"{method} {path} {status}: no recorded example (make api-examples)"
                assert not _problems(doc, media["schema"], media["example"]), (path, method, status)
                shown += 1
    assert shown > 50


class Tour:
    """Calls operations as a client would and checks each answer against the document."""

    def __init__(self, client, doc):
        self.client, self.doc = client, doc
        self.by_id = {op["operationId"]: (path, method, op) for path, method, op in _operations(doc)}
        self.called: set[str] = set()
        self.answers: dict[str, dict] = {}

    def __call__(self, operation_id: str, status: int, token: str, path_values: dict | None = None,
                 query: str = "", **kwargs):
        path, method, operation = self.by_id[operation_id]
        url = "/api/v1" + path.format(**(path_values or {})) + (f"?{query}" if query else "")
        response = self.client.open(url, method=method.upper(), headers=bearer(token), **kwargs)
        assert response.status_code == status, (operation_id, response.status_code, response.get_data(as_text=True))
        documented = operation["responses"].get(str(status))
        assert documented is not None, f"{operation_id} answered {status}, which its document does not list"
        media = documented.get("content", {})
        if response.mimetype == "application/json" and "application/json" in media and "schema" in \
                media["application/json"]:
            body = response.get_json()
            problems = _problems(self.doc, media["application/json"]["schema"], body)
            assert not problems, (operation_id, status, problems)
            if status < 300 and "$ref" in media["application/json"]["schema"]:
                self.answers.setdefault(operation_id, {}).setdefault(str(status), body)
        if status < 300 and "json" in kwargs:  # the document shows this request with the answer it got
            self.answers.setdefault(operation_id, {}).setdefault("request", kwargs["json"])
        elif status != 204:  # a range of types ("image/*", "*/*") takes any of them
            assert response.mimetype in media or "*/*" in media or any(
                key.endswith("/*") and response.mimetype.startswith(key[:-1]) for key in media), \
                (operation_id, response.mimetype, list(media))
        if status < 300:
            self.called.add(operation_id)
        return response


def test_every_operation_answers_as_its_document_says(app, client):
    org = make_org("Tour NGO", "TOUR")
    coordinator = make_user(org, "coordinator")
    caseworker = make_user(org, "caseworker")
    second_coordinator = make_user(org, "coordinator")
    advocate = make_user(org, "advocate")
    token, worker_token, signer_token = make_token(coordinator), make_token(caseworker), make_token(second_coordinator)
    advocate_token = make_token(advocate)
    db.session.commit()
    doc = document()
    tour = Tour(client, doc)

    tour("me", 200, token)
    tour("meta", 200, token)
    tour("openapi_json", 200, token)
    tour("ilo_suggest", 200, token, json={"text": ARTICLE, "language": "en"})

    party = tour("create_party", 201, token, json={"name": "Primorye Stroy LLC", "kind": "employer",
                                                   "country": "RU", "registration_number": "1022500000000",
                                                   "aliases": ["Primstroy"]}).get_json()
    tour("create_party", 201, token, json={"name": "Primorye Stroi", "kind": "employer"})
    tour("list_parties", 200, token, query="q=primorye")
    tour("patch_party", 200, token, {"party_id": party["id"]}, json={"version": party["version"],
                                                                      "aliases": ["Primstroy", "PSK"]})

    case = tour("create_case", 201, token, json={
        "title": "Brigade of construction workers, Vladivostok", "country": "RU", "sector": "construction",
        "period_start": "2024-03", "worker_groups": [{"origin": "KP", "count_min": 30, "count_qualifier": "about"}],
        "conditions": {"daily_hours": 16, "housing_guarded": True},
        "parties": [{"name": "Primorye Stroy LLC", "role": "employer"}],
    }).get_json()
    ids = {"case_id": case["id"]}
    tour("get_case", 200, token, ids)
    tour("list_cases", 200, token, query="country=RU")
    tour("get_party", 200, token, {"party_id": party["id"]})
    recruiter = tour("create_party", 201, token, json={"name": "Eastern Labour Agency", "kind": "recruiter"})
    tour("link_party", 201, token, ids, json={"party_id": recruiter.get_json()["id"], "role": "recruiter",
                                              "note": "Signed the workers' contracts in Pyongyang."})
    case = tour("patch_case", 200, token, ids, json={"version": case["version"],
                                                     "summary": "The guards collect the wages."})
    stale = tour("patch_case", 409, token, ids, json={"version": 1, "summary": "An older edit."}).get_json()
    assert stale["current"]["id"] == case.get_json()["id"]
    tour("assign_case", 200, token, ids, json={"assignee_id": caseworker.id})
    tour("add_comment", 201, token, ids, json={"body": "Two sources so far."})
    tour("list_comments", 200, token, ids)

    person = tour("create_person", 201, worker_token, ids, json={
        "name": "Kim Chol", "role": "worker", "aliases": ["Chol"], "consent": "given", "consent_date": "2025-02-11",
        "contact": "through the shelter in Vladivostok"}).get_json()
    tour("list_persons", 200, worker_token, ids)
    tour("get_person", 200, worker_token, {"person_id": person["id"]})
    tour("patch_person", 200, worker_token, {"person_id": person["id"]},
         json={"version": person["version"], "risk": "high"})
    tour("delete_person", 204, worker_token, {"person_id": person["id"]})

    source = tour("create_source", 201, worker_token, json={"text": ARTICLE, "title": "Brigades in Primorye",
                                                            "kind": "news_article", "language": "en"}).get_json()
    tour("create_source", 200, worker_token, json={"text": ARTICLE, "title": "Brigades in Primorye"})
    tour("create_source", 201, worker_token, data={"file": (__import__("io").BytesIO(
        b"A second account: the workers' families are held as collateral."), "account.txt"),
        "language": "en"}, content_type="multipart/form-data")
    photo = tour("create_source", 201, worker_token, data={"file": (__import__("io").BytesIO(
        media_files.jpeg_with_exif(320, 240)), "passports-in-the-safe.jpg")}, content_type="multipart/form-data")
    photo_ids = {"source_id": photo.get_json()["id"]}
    tour("get_source_file", 200, worker_token, photo_ids)
    tour("get_source_preview", 200, worker_token, photo_ids)
    tour("get_source_thumbnail", 200, worker_token, photo_ids)
    recording = tour("create_source", 201, worker_token, data={"file": (__import__("io").BytesIO(
        media_files.wav(seconds=6)), "voice-message.wav")}, content_type="multipart/form-data").get_json()
    tour("add_transcript", 201, worker_token, {"source_id": recording["id"]}, json={
        "transcript": "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Worker>The guards keep our passports.\n",
        "reason": "typed by the interviewer"})
    source_ids = {"source_id": source["id"]}
    tour("get_source", 200, worker_token, source_ids)
    tour("list_sources", 200, worker_token, query="q=brigades")
    tour("patch_source", 200, worker_token, source_ids, json={"publisher": "Primorye Daily",
                                                               "published_on": "2025-02"})
    tour("get_source_text", 200, worker_token, source_ids)
    tour("revise_source", 201, worker_token, source_ids, json={"text": ARTICLE + " They are paid nothing.",
                                                                "reason": "The last line was cut off."})
    tour("link_case_source", 201, worker_token, ids, json={"source_id": source["id"]})
    tour("list_case_sources", 200, worker_token, ids)

    text = ARTICLE + " They are paid nothing."
    quote = "The guards keep their passports"
    excerpt = tour("create_excerpt", 201, worker_token, source_ids, json={
        "case_id": case.get_json()["id"], "start": text.index(quote), "end": text.index(quote) + len(quote),
        "quote": quote}).get_json()
    hours = "sixteen hours a day"
    hours_excerpt = tour("create_excerpt", 201, worker_token, source_ids, json={
        "case_id": case.get_json()["id"], "start": text.index(hours), "end": text.index(hours) + len(hours),
        "quote": hours}).get_json()
    tour("list_case_excerpts", 200, worker_token, ids)
    tour("search_everything", 200, worker_token, query="q=passports&limit=3")
    tour("add_fact_evidence", 201, worker_token, {**ids, "fact": "daily_hours"},
         json={"excerpt_id": hours_excerpt["id"], "value": 16})
    tour("add_fact_evidence", 201, worker_token, {**ids, "fact": "daily_hours"},
         json={"excerpt_id": excerpt["id"], "value": 14})
    tour("list_facts", 200, worker_token, ids)
    tour("retain_fact", 200, token, {**ids, "fact": "daily_hours"}, json={"value": 16, "note": "Two sources."})

    proposals = tour("list_proposals", 200, worker_token, source_ids, query=f"case_id={case.get_json()['id']}")
    suggestions = proposals.get_json()["suggestions"]
    assert len(suggestions) >= 2
    first, second = suggestions[0], suggestions[1]
    tour("accept_proposal", 201, worker_token, source_ids, json={
        "case_id": case.get_json()["id"], "indicator": first["indicator"], "start": first["start"],
        "end": first["end"]})
    tour("dismiss_proposal", 204, worker_token, source_ids, json={
        "case_id": case.get_json()["id"], "indicator": second["indicator"], "start": second["start"],
        "end": second["end"]})
    indicator = {**ids, "indicator": "retention_of_identity_documents"}
    finding = tour("put_finding", 200, worker_token, indicator, json={
        "status": "present", "stages": ["employment"], "excerpt_ids": [excerpt["id"]],
        "note": "The guards keep the passports for the whole contract."}).get_json()
    tour("sign_off_finding", 409, signer_token, indicator, json={"version": finding["version"] - 1})
    tour("sign_off_finding", 200, signer_token, indicator, json={"version": finding["version"]})
    tour("get_assessment", 200, worker_token, ids)

    tour("move_case", 200, worker_token, ids, json={"to": "submitted"})
    tour("move_case", 409, worker_token, ids, json={"to": "submitted"})
    tour("case_report_pdf", 200, token, ids, query="profile=internal")
    job = tour("create_dossier", 202, token, json={"case_ids": [case.get_json()["id"]], "profile": "internal"})
    export = {"export_id": job.get_json()["id"]}
    for _ in range(300):  # built in the background: poll, as a client does
        db.session.expire_all()
        done = tour("get_dossier", 200, token, export).get_json()
        if done["state"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert done["state"] == "done", done
    tour.answers["get_dossier"] = {"200": done}  # the example shows a finished job
    tour("dossier_pdf", 200, token, export)
    tour("dossier_manifest", 200, token, export)
    tour("portfolio_figures", 200, token, query="country=RU")

    # Where the organisation asks for approval, an advocate's report waits for a second person.
    tour("move_case", 200, signer_token, ids, json={"to": "in_review"})
    tour("move_case", 200, signer_token, ids, json={"to": "verified"})
    org.export_approval_required = True
    db.session.commit()
    asked = tour("case_report_pdf", 202, advocate_token, ids, query="profile=advocate").get_json()
    assert asked["state"] == "awaiting_approval" and asked["download_url"] is None, asked
    waiting = tour("list_exports", 200, token, query="state=awaiting_approval").get_json()
    assert [e["id"] for e in waiting["items"]] == [asked["id"]]
    tour("refuse_export", 200, token, {"export_id": asked["id"]},
         json={"reason": "Worker W-2's village is named in the second quote; ask again once it is cut."})
    tour("approve_export", 409, token, {"export_id": asked["id"]}, json={})
    asked = tour("case_report_pdf", 202, advocate_token, ids, query="profile=advocate").get_json()
    tour("approve_export", 200, signer_token, {"export_id": asked["id"]},
         json={"reason": "Checked against the consent forms."})
    for _ in range(300):
        db.session.expire_all()
        built = tour("get_export", 200, advocate_token, {"export_id": asked["id"]}).get_json()
        if built["state"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert built["state"] == "done" and built["approval"]["decision"] == "approved", built
    tour.answers["get_export"] = {"200": built}  # the example shows an approved, built export
    tour("export_pdf", 200, advocate_token, {"export_id": asked["id"]})
    tour("export_manifest", 200, advocate_token, {"export_id": asked["id"]})

    draft = tour("create_case", 201, worker_token, json={"title": "A draft to delete"}).get_json()
    tour("delete_case", 204, worker_token, {"case_id": draft["id"]})
    tour("restore_case", 200, token, {"case_id": draft["id"]})

    # Error answers have the documented shape too.
    tour("get_case", 404, token, {"case_id": 999_999})
    tour("create_case", 422, token, json={"title": ""})
    tour("get_case", 401, "not-a-token", ids)

    missing = set(tour.by_id) - tour.called
    assert not missing, f"operations the tour never called successfully: {sorted(missing)}"
    if os.environ.get("CASEAPP_RECORD_API_EXAMPLES"):
        EXAMPLES.write_text(json.dumps(tour.answers, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
                            encoding="utf-8")


@pytest.mark.parametrize("status", [401, 404, 422, 429])
def test_every_documented_error_refers_to_the_error_schema(app, status):
    for _, _, operation in _operations(document()):
        reply = operation["responses"].get(str(status))
        if reply:
            assert reply["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
