"""Attack review, second pass: every answer that shows a person's record is on the log as a read.

A PATCH that changed nothing, a stale PATCH's 409 (`current` holds the whole record), the edit form, the
internal report page and the admin's subject-access page all showed the record and left no `person.view`.
"""
import pytest
from sqlalchemy import select

from caseapp.audit.models import AuditEntry
from caseapp.extensions import db
from caseapp.persons import services as persons
from tests.factories import bearer, login, make_case, make_org, make_token, make_user


@pytest.fixture
def informant_case():
    org = make_org()
    coordinator, admin = make_user(org, "coordinator"), make_user(org, "admin")
    case = make_case(coordinator)
    person = persons.create_person(case, {"name": "Kim Ae-ri", "role": "informant", "contact": "+7 914 555 0199"},
                                   coordinator)
    db.session.commit()
    return {"coordinator": coordinator, "admin": admin, "case": case, "person": person}


def _views(person):
    return db.session.scalars(select(AuditEntry).where(AuditEntry.action == "person.view",
                                                       AuditEntry.object_id == person.id)).all()


def test_a_patch_that_changes_nothing_is_a_read(client, informant_case):
    person = informant_case["person"]
    answer = client.patch(f"/api/v1/persons/{person.id}", json={"version": person.version},
                          headers=bearer(make_token(informant_case["coordinator"])))
    assert answer.status_code == 200 and answer.get_json()["contact"] == "+7 914 555 0199"
    assert [entry.actor_id for entry in _views(person)] == [informant_case["coordinator"].id]


def test_a_stale_patch_s_conflict_is_a_read(client, informant_case):
    person = informant_case["person"]
    answer = client.patch(f"/api/v1/persons/{person.id}", json={"version": 0, "notes": "x"},
                          headers=bearer(make_token(informant_case["coordinator"])))
    assert answer.status_code == 409 and answer.get_json()["current"]["name"] == "Kim Ae-ri"
    assert len(_views(person)) == 1


@pytest.mark.parametrize("role, address", [
    ("coordinator", "/persons/{person}/edit"),
    ("coordinator", "/cases/{case}/report?profile=internal"),
    ("admin", "/admin/persons/{person}"),
])
def test_pages_that_show_the_record_are_reads(client, informant_case, role, address):
    login(client, informant_case[role].email)
    page = client.get(address.format(person=informant_case["person"].id, case=informant_case["case"].id))
    assert page.status_code == 200 and "Kim Ae-ri" in page.get_data(as_text=True)
    assert [entry.actor_id for entry in _views(informant_case["person"])] == [informant_case[role].id]


def test_the_advocate_report_page_names_no_one_and_records_no_read(client, informant_case):
    login(client, informant_case["coordinator"].email)
    page = client.get(f"/cases/{informant_case['case'].id}/report?profile=advocate")
    assert page.status_code == 200 and "Kim Ae-ri" not in page.get_data(as_text=True)
    assert _views(informant_case["person"]) == []
