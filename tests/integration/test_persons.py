"""People of a case: need-to-know, versions, and a history that never holds their details."""
import json

import pytest

from caseapp.audit.models import AuditEntry
from caseapp.extensions import db
from tests.factories import bearer, login, make_case, make_org, make_token, make_user, post_form

PERSON = {"name": "Kim Chol-su", "aliases": ["Chol-su"], "role": "informant", "contact": "+7 900 000 00 00",
          "document_numbers": "Passport 836201", "notes": "Met in Vladivostok", "consent": "given",
          "consent_date": "2024-03-01"}


@pytest.fixture
def org():
    return make_org()


@pytest.fixture
def assignee(org):
    return make_user(org, "caseworker")


@pytest.fixture
def case(assignee):
    return make_case(assignee)


def _h(user):
    return bearer(make_token(user))


def _add(client, user, case, body=None):
    return client.post(f"/api/v1/cases/{case.id}/persons", json=body or PERSON, headers=_h(user))


def test_the_assignee_records_a_person_and_informants_are_high_risk(client, assignee, case):
    response = _add(client, assignee, case)
    assert response.status_code == 201
    person = response.get_json()
    assert person["risk"] == "high" and person["consent_date"] == "2024-03-01"
    assert client.get(f"/api/v1/persons/{person['id']}", headers=_h(assignee)).get_json() == person
    listed = client.get(f"/api/v1/cases/{case.id}/persons", headers=_h(assignee)).get_json()["items"]
    assert [p["id"] for p in listed] == [person["id"]]
    worker = _add(client, assignee, case, {"name": "Worker B", "role": "worker"}).get_json()
    assert worker["risk"] == "medium"


def test_need_to_know_decides_who_sees_people(client, org, assignee, case):
    person = _add(client, assignee, case).get_json()
    visible = {"assignee": assignee, "coordinator": make_user(org, "coordinator"), "admin": make_user(org, "admin")}
    hidden = {"advocate": make_user(org, "advocate"), "other caseworker": make_user(org, "caseworker"),
              "other organisation": make_user(make_org(), "coordinator")}
    for name, user in visible.items():
        assert client.get(f"/api/v1/persons/{person['id']}", headers=_h(user)).status_code == 200, name
        assert client.get(f"/api/v1/cases/{case.id}/persons", headers=_h(user)).status_code == 200, name
    for name, user in hidden.items():
        headers = _h(user)
        assert client.get(f"/api/v1/persons/{person['id']}", headers=headers).status_code == 404, name
        assert client.get(f"/api/v1/cases/{case.id}/persons", headers=headers).status_code == 404, name
        assert client.patch(f"/api/v1/persons/{person['id']}", json={"version": 1},
                            headers=headers).status_code == 404, name
        assert client.delete(f"/api/v1/persons/{person['id']}", headers=headers).status_code == 404, name
        assert _add(client, user, case).status_code == 404, name


def test_people_are_not_on_the_case_page_without_need_to_know(client, org, assignee, case):
    _add(client, assignee, case)
    for user, shown in ((assignee, True), (make_user(org, "advocate"), False), (make_user(org, "caseworker"), False),
                        (make_user(org, "admin"), True)):
        login(client, user.email)
        page = client.get(f"/cases/{case.id}").get_data(as_text=True)
        assert ("Kim Chol-su" in page) is shown, user.role
        post_form(client, "/profile", "/logout", {})


def test_admins_see_people_but_do_not_change_them(client, org, assignee, case):
    person = _add(client, assignee, case).get_json()
    admin = make_user(org, "admin")
    assert client.patch(f"/api/v1/persons/{person['id']}", json={"version": 1, "name": "x"},
                        headers=_h(admin)).status_code == 403
    assert _add(client, admin, case).status_code == 403


def test_person_changes_are_locked_and_the_history_names_fields_never_values(client, assignee, case):
    person = _add(client, assignee, case).get_json()
    url = f"/api/v1/persons/{person['id']}"
    assert client.patch(url, json={"name": "no version"}, headers=_h(assignee)).status_code == 422
    ok = client.patch(url, json={"version": 1, "contact": "+7 911 111 11 11", "risk": "medium"},
                      headers=_h(assignee))
    assert ok.status_code == 200 and ok.get_json()["version"] == 2
    stale = client.patch(url, json={"version": 1, "name": "Old"}, headers=_h(assignee))
    assert stale.status_code == 409 and stale.get_json()["current"]["contact"] == "+7 911 111 11 11"
    entries = db.session.scalars(db.select(AuditEntry).filter_by(object_type="persons")).all()
    update = next(e for e in entries if e.action == "person.update")
    assert update.changes == {"contact": {"changed": True}, "risk": {"changed": True}}
    everything = json.dumps([e.changes for e in entries], ensure_ascii=False)
    for secret in ("Kim Chol-su", "Chol-su", "+7 900", "+7 911", "836201", "Vladivostok", "informant"):
        assert secret not in everything
    login(client, assignee.email)
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "the value is not kept in the history" in page and "+7 911" not in page.split('id="history"')[1]


def test_removing_a_person(client, assignee, case):
    person = _add(client, assignee, case).get_json()
    assert client.delete(f"/api/v1/persons/{person['id']}", headers=_h(assignee)).status_code == 204
    assert client.get(f"/api/v1/persons/{person['id']}", headers=_h(assignee)).status_code == 404
    assert db.session.scalars(db.select(AuditEntry).filter_by(action="person.delete")).one()


@pytest.mark.parametrize("body, field", [({"name": "", "role": "worker"}, "name"),
                                         ({"name": "A", "role": "boss"}, "role"),
                                         ({"name": "A", "role": "worker", "risk": "extreme"}, "risk"),
                                         ({"name": "A", "role": "worker", "consent_date": "2024-02-30"},
                                          "consent_date"),
                                         ({"name": "A", "role": "worker", "aliases": "not a list"}, "aliases"),
                                         ({"name": ["A"], "role": "worker"}, "name")])
def test_person_fields_are_checked(client, assignee, case, body, field):
    response = _add(client, assignee, case, body)
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]


def test_the_person_pages_work_for_the_assignee(client, assignee, case):
    login(client, assignee.email)
    url = f"/cases/{case.id}/persons/new"
    response = post_form(client, url, url, {"name": "Witness W", "role": "witness", "consent": "unknown",
                                            "risk": "", "contact": "via the union"})
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "Witness W" in page and "via the union" in page
