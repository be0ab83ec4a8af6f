"""Parties: reusable across cases, fuzzy duplicates, the cross-case view, locking, isolation."""
import pytest

from caseapp.extensions import db
from caseapp.parties.models import Party
from tests.factories import bearer, login, make_case, make_org, make_token, make_user, post_form


@pytest.fixture
def org():
    return make_org(code="NGO")


@pytest.fixture
def caseworker(org):
    return make_user(org, "caseworker")


@pytest.fixture
def headers(caseworker):
    return bearer(make_token(caseworker))


def _party(client, headers, **body):
    return client.post("/api/v1/parties", json={"kind": "employer"} | body, headers=headers)


def test_a_close_name_is_created_but_answered_with_the_similar_parties(client, headers):
    first = _party(client, headers, name="Nordstroy LLC", country="RU", aliases=["Нордстрой"])
    assert first.status_code == 201 and first.get_json()["similar"] == []
    second = _party(client, headers, name="NordStroy")
    assert second.status_code == 201
    similar = second.get_json()["similar"]
    assert [s["id"] for s in similar] == [first.get_json()["id"]] and similar[0]["score"] >= 85
    by_alias = _party(client, headers, name="ООО Нордстрой").get_json()["similar"]
    assert first.get_json()["id"] in [s["id"] for s in by_alias]


def test_the_form_asks_before_creating_a_look_alike(client, caseworker, headers):
    existing = _party(client, headers, name="Nordstroy LLC").get_json()
    login(client, caseworker.email)
    asked = post_form(client, "/parties/new", "/parties/new", {"name": "NordStroy", "kind": "employer"})
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200 and "Is it one of these?" in page and f"/parties/{existing['id']}" in page
    assert db.session.scalars(db.select(Party)).all().__len__() == 1
    confirmed = post_form(client, "/parties/new", "/parties/new",
                          {"name": "NordStroy", "kind": "employer", "confirm_new": "1"})
    assert confirmed.status_code == 302
    assert len(db.session.scalars(db.select(Party)).all()) == 2


def test_a_party_page_lists_every_case_it_appears_in(client, caseworker, headers):
    party = _party(client, headers, name="Gulf Manpower Agency", kind="recruiter").get_json()
    cases = [make_case(caseworker, title=f"Case {n}") for n in range(5)]
    for case in cases:
        linked = client.post(f"/api/v1/cases/{case.id}/parties", json={"party_id": party["id"], "role": "recruiter",
                                                                       "note": "recruited the crew"}, headers=headers)
        assert linked.status_code == 201
    body = client.get(f"/api/v1/parties/{party['id']}", headers=headers).get_json()
    assert sorted(c["id"] for c in body["cases"]) == sorted(c.id for c in cases)
    login(client, caseworker.email)
    page = client.get(f"/parties/{party['id']}").get_data(as_text=True)
    assert "Appears in 5 cases" in page and all(c.reference in page for c in cases)
    case_page = client.get(f"/cases/{cases[0].id}").get_data(as_text=True)
    assert "Gulf Manpower Agency" in case_page and "recruited the crew" in case_page


def test_the_party_page_leaves_out_cases_the_reader_may_not_see(client, org, caseworker, headers):
    party = _party(client, headers, name="Secret Recruiter").get_json()
    hidden = make_case(caseworker, title="Restricted", confidentiality="restricted")
    client.post(f"/api/v1/cases/{hidden.id}/parties", json={"party_id": party["id"], "role": "recruiter"},
                headers=headers)
    other = bearer(make_token(make_user(org, "caseworker")))
    assert client.get(f"/api/v1/parties/{party['id']}", headers=other).get_json()["cases"] == []


def test_linking_checks_the_party_the_role_and_duplicates(client, caseworker, headers):
    case = make_case(caseworker)
    party = _party(client, headers, name="Baltic Builders").get_json()
    foreign = _party(client, bearer(make_token(make_user(make_org(), "caseworker"))), name="Other org's").get_json()
    url = f"/api/v1/cases/{case.id}/parties"
    assert client.post(url, json={"party_id": party["id"], "role": "buyer"}, headers=headers).status_code == 201
    duplicate = client.post(url, json={"party_id": party["id"], "role": "buyer"}, headers=headers)
    assert duplicate.status_code == 422
    assert client.post(url, json={"party_id": party["id"], "role": "boss"}, headers=headers).status_code == 422
    refused = client.post(url, json={"party_id": foreign["id"], "role": "buyer"}, headers=headers)
    assert refused.status_code == 422 and "party_id" in refused.get_json()["error"]["fields"]


def test_party_changes_are_locked_by_version(client, headers):
    party = _party(client, headers, name="Baltic Builders").get_json()
    url = f"/api/v1/parties/{party['id']}"
    assert client.patch(url, json={"name": "x"}, headers=headers).status_code == 422
    ok = client.patch(url, json={"version": 1, "registration_number": "RU-77-123"}, headers=headers)
    assert ok.status_code == 200 and ok.get_json()["version"] == 2
    stale = client.patch(url, json={"version": 1, "name": "Old view"}, headers=headers)
    assert stale.status_code == 409 and stale.get_json()["current"]["registration_number"] == "RU-77-123"


def test_parties_of_another_organisation_are_not_found(client, headers):
    theirs_headers = bearer(make_token(make_user(make_org(), "coordinator")))
    theirs = _party(client, theirs_headers, name="Their Employer").get_json()
    assert client.get(f"/api/v1/parties/{theirs['id']}", headers=headers).status_code == 404
    assert client.patch(f"/api/v1/parties/{theirs['id']}", json={"version": 1}, headers=headers).status_code == 404
    assert theirs["id"] not in [p["id"] for p in client.get("/api/v1/parties", headers=headers).get_json()["items"]]


def test_advocates_read_parties_but_do_not_create_them(client, org):
    headers = bearer(make_token(make_user(org, "advocate")))
    assert client.get("/api/v1/parties", headers=headers).status_code == 200
    assert _party(client, headers, name="Anything").status_code == 403


def test_a_party_linked_from_the_case_page_returns_to_the_case(client, caseworker):
    case = make_case(caseworker)
    login(client, caseworker.email)
    created = post_form(client, f"/parties/new?case_id={case.id}", "/parties/new",
                        {"name": "Harbour Logistics", "kind": "buyer", "case_id": str(case.id)})
    party = db.session.scalars(db.select(Party)).one()
    assert created.location.startswith(f"/cases/{case.id}?party_id={party.id}")
    page = client.get(created.location).get_data(as_text=True)
    assert f'<option selected value="{party.id}">' in page
    post_form(client, f"/cases/{case.id}", f"/cases/{case.id}/parties",
              {"party_id": str(party.id), "role": "buyer", "note": "buys the catch"})
    assert "buys the catch" in client.get(f"/cases/{case.id}").get_data(as_text=True)


def test_pages_of_another_organisation_s_records_are_not_found(client):
    from caseapp.parties.services import create_party
    from caseapp.persons.services import create_person

    their_user = make_user(make_org(), "coordinator")
    their_case = make_case(their_user)
    their_party = create_party({"name": "Theirs", "kind": "buyer"}, their_user).party
    their_person = create_person(their_case, {"name": "Their worker", "role": "worker"}, their_user)
    db.session.commit()
    me = make_user(make_org(), "coordinator")
    login(client, me.email)
    for url in (f"/cases/{their_case.id}", f"/cases/{their_case.id}/edit", f"/parties/{their_party.id}",
                f"/parties/{their_party.id}/edit", f"/persons/{their_person.id}", f"/persons/{their_person.id}/edit",
                f"/cases/{their_case.id}/persons/new"):
        assert client.get(url).status_code == 404, url
    assert post_form(client, "/parties", f"/persons/{their_person.id}/delete", {}).status_code == 404
    assert post_form(client, "/parties", f"/cases/{their_case.id}/parties",
                     {"party_id": str(their_party.id), "role": "buyer"}).status_code == 404
