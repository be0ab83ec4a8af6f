"""Editing a verified case asks first, then sends it back to review: the history says so, advocates lose it."""
from sqlalchemy import select

from caseapp.audit.models import AuditEntry
from caseapp.cases.models import Case
from caseapp.extensions import db
from tests.factories import bearer, csrf_token, login, make_org, make_token, make_user, verified_case


def _signed_in(app, user):
    client = app.test_client()
    login(client, user.email)
    return client


def test_a_coordinator_is_asked_before_editing_a_verified_case_and_the_save_sends_it_back_to_review(app):
    coordinator_user = make_user(make_org(), "coordinator")
    case = verified_case(coordinator_user, title="Shipyard crew")
    advocate = make_user(case.organisation, "advocate")
    assert _signed_in(app, advocate).get(f"/cases/{case.id}").status_code == 200
    client = _signed_in(app, coordinator_user)
    question = client.get(f"/cases/{case.id}/edit")
    text = question.get_data(as_text=True)
    assert question.status_code == 200 and "sends the case back to review" in text
    assert f'action="/cases/{case.id}/edit"' not in text  # asking is not the form yet
    assert f'href="/cases/{case.id}/edit?confirmed=1"' in text
    form = client.get(f"/cases/{case.id}/edit?confirmed=1").get_data(as_text=True)
    assert "saving a change sends it back to review" in form
    token = csrf_token(client, f"/cases/{case.id}/edit?confirmed=1")
    data = {"csrf_token": token, "title": "Shipyard crew (corrected)", "sector": case.sector,
            "confidentiality": case.confidentiality, "version": str(case.version), "save": "y"}
    saved = client.post(f"/cases/{case.id}/edit", data=data)
    assert saved.status_code == 302, saved.get_data(as_text=True)[:2000]
    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert case.title == "Shipyard crew (corrected)" and case.status == "in_review"
    entry = db.session.scalars(select(AuditEntry).filter_by(action="case.reopen_by_edit", case_id=case.id)).one()
    assert entry.changes == {"status": {"old": "verified", "new": "in_review"}}
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "back in review" in page and "changed the verified case, which sent it back to review" in page
    assert _signed_in(app, advocate).get(f"/cases/{case.id}").status_code == 404


def test_a_save_that_changes_nothing_keeps_the_case_verified(client):
    coordinator = make_user(make_org(), "coordinator")
    case = verified_case(coordinator)
    response = client.patch(f"/api/v1/cases/{case.id}", headers=bearer(make_token(coordinator)),
                            json={"version": case.version, "title": case.title})
    assert response.status_code == 200 and response.get_json()["status"] == "verified"


def test_the_api_sends_an_edited_verified_case_back_to_review_too(client):
    coordinator = make_user(make_org(), "coordinator")
    case = verified_case(coordinator)
    response = client.patch(f"/api/v1/cases/{case.id}", headers=bearer(make_token(coordinator)),
                            json={"version": case.version, "summary": "Two more workers spoke to us."})
    assert response.status_code == 200 and response.get_json()["status"] == "in_review"
    assert db.session.scalars(select(AuditEntry).filter_by(action="case.reopen_by_edit", case_id=case.id)).one()
