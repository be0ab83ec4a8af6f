"""Mass assignment: a field a role may not set is refused (422, naming it), never dropped or applied.

On the API every input is a strict model, so unknown fields are refused; the
fields some roles may set and others may not (a case's assignee) are checked
by the services. On the web, a role's form lacks what it may not set, and a
post that carries it anyway saves nothing and says which field it was.
"""
import io

import pytest

from caseapp.cases.models import Case
from caseapp.extensions import db
from caseapp.parties import services as parties
from caseapp.parties.models import Party
from caseapp.persons import services as persons
from caseapp.persons.models import Person
from caseapp.sources import services as sources
from caseapp.sources.models import Source
from tests.factories import bearer, csrf_token, login, make_case, make_org, make_token, make_user

API = "/api/v1"


@pytest.fixture
def other_org_case():
    return make_case(make_user(make_org(), "caseworker"), title="Someone else's case")


def _as(user) -> dict:
    return bearer(make_token(user))


def _refused(response, field: str) -> None:
    assert response.status_code == 422, response.get_data(as_text=True)
    fields = response.get_json()["error"]["fields"]
    assert field in fields, fields


def _snapshot(case) -> tuple:
    db.session.expire_all()
    case = db.session.get(Case, case.id)
    return (case.status, case.organisation_id, case.reference, case.assignee_id, case.created_by_id,
            case.version, case.title)


# --- the API: cases ---------------------------------------------------------------------------------

SET_BY_THE_APP = ["status", "organisation_id", "reference", "id", "created_by", "created_by_id", "deleted_at",
                  "created_at", "updated_at", "status_changed_at"]


@pytest.mark.parametrize("field", SET_BY_THE_APP)
def test_mass_assignment_a_new_case_cannot_carry_what_the_app_decides(client, team, other_org_case, field):
    value = other_org_case.organisation_id if field.endswith("_id") or field == "id" else "verified"
    response = client.post(f"{API}/cases", headers=_as(team["coordinator"]),
                           json={"title": "Brick kiln", field: value})
    _refused(response, field)
    assert db.session.scalars(db.select(Case).filter_by(title="Brick kiln")).first() is None


@pytest.mark.parametrize("field", SET_BY_THE_APP)
def test_mass_assignment_a_patch_cannot_change_what_the_app_decides(client, team, other_org_case, field):
    case = make_case(team["caseworker"])
    before = _snapshot(case)
    value = other_org_case.organisation_id if field.endswith("_id") or field == "id" else "verified"
    response = client.patch(f"{API}/cases/{case.id}", headers=_as(team["coordinator"]),
                            json={"version": case.version, "title": "Changed", field: value})
    _refused(response, field)
    assert _snapshot(case) == before


def test_mass_assignment_a_caseworker_cannot_assign_a_case_through_the_api(client, team):
    org = team["caseworker"].organisation
    colleague = make_user(org, "caseworker")
    created = client.post(f"{API}/cases", headers=_as(team["caseworker"]),
                          json={"title": "Assigned by a caseworker", "assignee_id": colleague.id})
    _refused(created, "assignee_id")
    assert db.session.scalars(db.select(Case).filter_by(title="Assigned by a caseworker")).first() is None
    case = make_case(team["caseworker"])
    before = _snapshot(case)
    patched = client.patch(f"{API}/cases/{case.id}", headers=_as(team["caseworker"]),
                           json={"version": case.version, "assignee_id": colleague.id})
    _refused(patched, "assignee_id")
    assert _snapshot(case) == before


def test_mass_assignment_a_coordinator_may_assign_through_the_case(client, team):
    case = make_case(team["caseworker"])
    colleague = make_user(team["caseworker"].organisation, "caseworker")
    response = client.patch(f"{API}/cases/{case.id}", headers=_as(team["coordinator"]),
                            json={"version": case.version, "assignee_id": colleague.id})
    assert response.status_code == 200 and response.get_json()["assignee_id"] == colleague.id


@pytest.mark.parametrize("body, field", [
    ({"worker_groups": [{"count_min": 3, "case_id": 1}]}, "worker_groups.0.case_id"),
    ({"actions": [{"kind": "media", "case_id": 1}]}, "actions.0.case_id"),
    ({"conditions": {"daily_hours": 12, "verified": True}}, "conditions.verified"),
])
def test_mass_assignment_nested_records_cannot_carry_unknown_fields(client, team, body, field):
    case = make_case(team["caseworker"])
    before = _snapshot(case)
    response = client.patch(f"{API}/cases/{case.id}", headers=_as(team["caseworker"]),
                            json={"version": case.version} | body)
    _refused(response, field)
    assert _snapshot(case) == before


def test_mass_assignment_parties_named_with_a_case_cannot_carry_an_organisation(client, team, other_org_case):
    response = client.post(f"{API}/cases", headers=_as(team["caseworker"]), json={
        "title": "Party smuggling", "parties": [{"name": "Kiln Owner", "role": "employer",
                                                 "organisation_id": other_org_case.organisation_id}]})
    _refused(response, "parties.0.organisation_id")
    assert db.session.scalars(db.select(Party).filter_by(name="Kiln Owner")).first() is None


# --- the API: the other records ------------------------------------------------------------------

@pytest.fixture
def records(team):
    """A case with a person, a party and a source, all of the team's organisation."""
    worker = team["caseworker"]
    case = make_case(worker)
    person = persons.create_person(case, {"name": "Worker A", "role": "worker"}, worker)
    party = parties.create_party({"name": "Baltic Builders", "kind": "employer"}, worker).party
    source = sources.add_from_paste("The guards kept the passports.", {"title": "Notes"}, None, worker).source
    db.session.commit()
    return {"case": case, "person": person, "party": party, "source": source}


@pytest.mark.parametrize("field", ["case_id", "organisation_id", "id", "created_at"])
def test_mass_assignment_a_person_cannot_be_created_elsewhere(client, team, records, other_org_case, field):
    response = client.post(f"{API}/cases/{records['case'].id}/persons", headers=_as(team["caseworker"]),
                           json={"name": "Worker B", "role": "worker", field: other_org_case.id})
    _refused(response, field)
    assert db.session.scalars(db.select(Person).filter_by(name="Worker B")).first() is None


@pytest.mark.parametrize("field", ["case_id", "organisation_id", "id"])
def test_mass_assignment_a_person_cannot_be_moved_to_another_case(client, team, records, other_org_case, field):
    person = records["person"]
    response = client.patch(f"{API}/persons/{person.id}", headers=_as(team["caseworker"]),
                            json={"version": person.version, field: other_org_case.id})
    _refused(response, field)
    db.session.expire_all()
    kept = db.session.get(Person, person.id)
    assert (kept.case_id, kept.organisation_id) == (records["case"].id, records["case"].organisation_id)


@pytest.mark.parametrize("method, path, body, field", [
    ("post", "/parties", {"name": "Harbour Agency", "kind": "recruiter", "organisation_id": 1}, "organisation_id"),
    ("patch", "/parties/{party}", {"version": 1, "organisation_id": 1}, "organisation_id"),
    ("patch", "/parties/{party}", {"version": 1, "id": 1}, "id"),
    ("patch", "/sources/{source}", {"title": "New", "sha256": "0" * 64}, "sha256"),
    ("patch", "/sources/{source}", {"organisation_id": 1}, "organisation_id"),
    ("patch", "/sources/{source}", {"created_by_id": 1}, "created_by_id"),
    ("post", "/sources", {"text": "Pasted", "origin": "url", "sha256": "0" * 64}, "origin"),
    ("post", "/sources/{source}/revisions", {"text": "New text", "reason": "typo", "revision": 1}, "revision"),
    ("post", "/cases/{case}/comments", {"body": "Hello", "author_id": 1}, "author_id"),
    ("post", "/cases/{case}/transitions", {"to": "submitted", "status": "verified"}, "status"),
    ("put", "/cases/{case}/findings/isolation", {"status": "present", "stages": ["employment"],
                                                 "signed_off": True}, "signed_off"),
    ("put", "/cases/{case}/findings/isolation", {"status": "present", "stages": ["employment"],
                                                 "signed_off_by_id": 1}, "signed_off_by_id"),
    ("put", "/cases/{case}/findings/isolation", {"status": "present", "stages": ["employment"],
                                                 "changed_by_id": 1}, "changed_by_id"),
    ("post", "/sources/{source}/excerpts", {"case_id": 0, "quote": "guards", "created_by_id": 1}, "created_by_id"),
    ("post", "/cases/{case}/parties", {"party_id": 0, "role": "employer", "case_id": 1}, "case_id"),
])
def test_mass_assignment_every_input_refuses_fields_it_does_not_take(client, team, records, method, path, body,
                                                                      field):
    ids = {"case": records["case"].id, "party": records["party"].id, "source": records["source"].id}
    body = {key: (ids["case"] if key == "case_id" and value == 0 else value) for key, value in body.items()}
    response = client.open(API + path.format(**ids), method=method.upper(), headers=_as(team["caseworker"]),
                           json=body)
    _refused(response, field)


@pytest.mark.parametrize("field, value", [("requested_by_id", 1), ("organisation_id", 1), ("state", "done")])
def test_mass_assignment_a_dossier_request_sets_only_its_cases_and_profile(client, team, records, field, value):
    response = client.post(f"{API}/reports/dossiers", headers=_as(team["coordinator"]),
                           json={"case_ids": [records["case"].id], "profile": "internal", field: value})
    _refused(response, field)


def test_mass_assignment_an_upload_cannot_carry_fields_a_source_does_not_take(client, team):
    response = client.post(f"{API}/sources", headers=_as(team["caseworker"]), content_type="multipart/form-data",
                           data={"file": (io.BytesIO(b"Workers' passports were kept."), "notes.txt"),
                                 "kind": "ngo_report", "organisation_id": "1"})
    _refused(response, "organisation_id")
    assert db.session.scalars(db.select(Source)).first() is None


def test_mass_assignment_an_assignment_cannot_also_change_the_status(client, team, records):
    case = records["case"]
    before = _snapshot(case)
    response = client.post(f"{API}/cases/{case.id}/assign", headers=_as(team["coordinator"]),
                           json={"assignee_id": team["caseworker"].id, "status": "verified"})
    _refused(response, "status")
    assert _snapshot(case) == before


# --- the web forms ---------------------------------------------------------------------------------

def _new_case_form(client, **extra) -> dict:
    data = {"csrf_token": csrf_token(client, "/cases/new"), "title": "Tea estate", "sector": "agriculture",
            "confidentiality": "normal", "worker_groups-0-count_qualifier": "unknown", "save": "Save the case"}
    return data | extra


def _edit_case_form(client, case, **extra) -> dict:
    data = {"csrf_token": csrf_token(client, f"/cases/{case.id}/edit"), "version": str(case.version),
            "title": "Retitled", "sector": case.sector, "confidentiality": case.confidentiality,
            "worker_groups-0-count_qualifier": "unknown", "save": "Save the case"}
    return data | extra


def test_mass_assignment_a_caseworker_posting_an_assignee_on_the_new_case_form_is_refused(client, team):
    colleague = make_user(team["caseworker"].organisation, "caseworker")
    login(client, team["caseworker"].email)
    assert 'name="assignee_id"' not in client.get("/cases/new").get_data(as_text=True)
    response = client.post("/cases/new", data=_new_case_form(client, assignee_id=str(colleague.id)))
    assert response.status_code == 422
    assert "You may not set assignee_id." in response.get_data(as_text=True)
    assert db.session.scalars(db.select(Case).filter_by(title="Tea estate")).first() is None


def test_mass_assignment_a_caseworker_posting_an_assignee_on_the_edit_form_is_refused(client, team):
    colleague = make_user(team["caseworker"].organisation, "caseworker")
    case = make_case(team["caseworker"])
    before = _snapshot(case)
    login(client, team["caseworker"].email)
    response = client.post(f"/cases/{case.id}/edit", data=_edit_case_form(client, case, assignee_id=str(colleague.id)))
    assert response.status_code == 422
    assert "You may not set assignee_id." in response.get_data(as_text=True)
    assert _snapshot(case) == before


@pytest.mark.parametrize("field, value", [("status", "verified"), ("organisation_id", "1"),
                                          ("reference", "X-2020-0001"), ("created_by_id", "1"),
                                          ("worker_groups-0-case_id", "1")])
def test_mass_assignment_no_role_sets_what_no_case_form_has(client, team, field, value):
    case = make_case(team["caseworker"])
    before = _snapshot(case)
    login(client, team["coordinator"].email)
    response = client.post(f"/cases/{case.id}/edit", data=_edit_case_form(client, case, **{field: value}))
    assert response.status_code == 422
    assert f"You may not set {field}." in response.get_data(as_text=True)
    assert _snapshot(case) == before


def test_mass_assignment_a_coordinator_assigns_on_the_case_form(client, team):
    colleague = make_user(team["caseworker"].organisation, "caseworker")
    case = make_case(team["caseworker"])
    login(client, team["coordinator"].email)
    response = client.post(f"/cases/{case.id}/edit", data=_edit_case_form(client, case, assignee_id=str(colleague.id)))
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Case, case.id).assignee_id == colleague.id


def test_mass_assignment_the_party_form_refuses_an_organisation(client, team, other_org_case):
    login(client, team["caseworker"].email)
    response = client.post("/parties/new", data={
        "csrf_token": csrf_token(client, "/parties/new"), "name": "Harbour Agency", "kind": "recruiter",
        "confirm_new": "1", "organisation_id": str(other_org_case.organisation_id)})
    assert response.status_code == 422
    assert "You may not set organisation_id." in response.get_data(as_text=True)
    assert db.session.scalars(db.select(Party).filter_by(name="Harbour Agency")).first() is None


def test_mass_assignment_the_person_form_refuses_a_case(client, team, records, other_org_case):
    person = records["person"]
    login(client, team["caseworker"].email)
    page = f"/persons/{person.id}/edit"
    response = client.post(page, data={"csrf_token": csrf_token(client, page), "version": str(person.version),
                                       "name": "Worker A", "role": "worker", "case_id": str(other_org_case.id)})
    assert response.status_code == 422
    assert "You may not set case_id." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Person, person.id).case_id == records["case"].id


def test_mass_assignment_an_import_never_applies_what_the_app_decides(client, team):
    """An export imports as it is: the fields the app sets are left out (never applied); others are refused."""
    import json

    login(client, team["caseworker"].email)
    page = "/cases/import"
    applied = [{"title": "Imported", "status": "verified", "reference": "X-1", "assignee_id": 999}]
    response = client.post(page, data={"csrf_token": csrf_token(client, page),
                                       "file": (io.BytesIO(json.dumps(applied).encode()), "cases.json")})
    assert response.status_code == 302
    case = db.session.scalars(db.select(Case).filter_by(title="Imported")).one()
    assert (case.status, case.assignee_id) == ("draft", team["caseworker"].id)
    assert not case.reference.startswith("X-")
    smuggled = [{"title": "Smuggled", "organisation_id": 1}]
    response = client.post(page, data={"csrf_token": csrf_token(client, page),
                                       "file": (io.BytesIO(json.dumps(smuggled).encode()), "cases.json")})
    assert response.status_code == 422 and "organisation_id" in response.get_data(as_text=True)
    assert db.session.scalars(db.select(Case).filter_by(title="Smuggled")).first() is None
