"""Safe deletes: a draft is deleted after a question, waits in the bin, comes back, or goes for good."""
import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from caseapp.audit.models import AuditEntry
from caseapp.cases.models import Case
from caseapp.db import utcnow
from caseapp.extensions import db
from caseapp.persons import services as persons
from caseapp.persons.models import Person
from tests.factories import advance, bearer, login, make_case, make_org, make_token, make_user, post_form


@pytest.fixture
def team(app):
    org = make_org()
    people = {role: make_user(org, role) for role in ("caseworker", "coordinator", "advocate", "admin")}
    outsider = make_user(make_org(), "coordinator")
    db.session.commit()
    return org, people, outsider


def _signed_in(app, user):
    client = app.test_client()
    login(client, user.email)
    return client


def test_deleting_asks_first_and_the_question_page_posts_the_deletion(app, team):
    _org, people, _outsider = team
    draft = make_case(people["caseworker"], title="Brick kiln draft")
    client = _signed_in(app, people["caseworker"])
    page = client.get(f"/cases/{draft.id}").get_data(as_text=True)
    # The case page links to the question; it holds no form that deletes at once.
    assert f'href="/cases/{draft.id}/delete"' in page and f'action="/cases/{draft.id}/delete"' not in page
    question = client.get(f"/cases/{draft.id}/delete")
    text = question.get_data(as_text=True)
    assert question.status_code == 200 and "Brick kiln draft" in text and "30 days" in text
    assert f'method="post" action="/cases/{draft.id}/delete"' in text and 'name="csrf_token"' in text
    assert db.session.get(Case, draft.id).deleted_at is None  # asking deleted nothing
    done = post_form(client, f"/cases/{draft.id}/delete", f"/cases/{draft.id}/delete", {})
    assert done.status_code == 302 and done.location.endswith("/cases")
    db.session.expire_all()
    case = db.session.get(Case, draft.id)
    assert case.deleted_at is not None and case.deleted_by_id == people["caseworker"].id
    assert client.get(f"/cases/{draft.id}").status_code == 404
    assert "Brick kiln draft" not in client.get("/cases").get_data(as_text=True)


def test_only_drafts_may_be_asked_about(app, team):
    _org, people, _outsider = team
    case = make_case(people["caseworker"])
    advance(case, "submitted")
    client = _signed_in(app, people["caseworker"])
    assert client.get(f"/cases/{case.id}/delete").status_code == 403


def test_the_bin_lists_deleted_drafts_to_coordinators_and_admins_and_a_restore_brings_one_back(app, team):
    _org, people, outsider = team
    draft = make_case(people["caseworker"], title="Draft deleted by mistake")
    kept = make_case(people["caseworker"], title="Draft still open")
    client = _signed_in(app, people["caseworker"])
    post_form(client, f"/cases/{draft.id}/delete", f"/cases/{draft.id}/delete", {})
    for role in ("coordinator", "admin"):
        page = _signed_in(app, people[role]).get("/cases/bin").get_data(as_text=True)
        assert "Draft deleted by mistake" in page and "Draft still open" not in page
        assert people["caseworker"].display_name in page  # who deleted it
    for role in ("caseworker", "advocate"):
        assert _signed_in(app, people[role]).get("/cases/bin").status_code == 403
    assert "Draft deleted by mistake" not in _signed_in(app, outsider).get("/cases/bin").get_data(as_text=True)
    # Another organisation's coordinator cannot restore it, nor learn that it exists.
    assert post_form(_signed_in(app, outsider), "/cases/bin", f"/cases/{draft.id}/restore", {}).status_code == 404
    # A case that is not in the bin cannot be restored.
    coordinator = _signed_in(app, people["coordinator"])
    assert post_form(coordinator, "/cases/bin", f"/cases/{kept.id}/restore", {}).status_code == 404
    restored = post_form(coordinator, "/cases/bin", f"/cases/{draft.id}/restore", {})
    assert restored.status_code == 302 and restored.location.endswith(f"/cases/{draft.id}")
    db.session.expire_all()
    case = db.session.get(Case, draft.id)
    assert case.deleted_at is None and case.deleted_by_id is None and case.status == "draft"
    assert _signed_in(app, people["caseworker"]).get(f"/cases/{draft.id}").status_code == 200
    entry = db.session.scalars(select(AuditEntry).filter_by(action="case.restore", case_id=draft.id)).one()
    assert entry.actor_id == people["coordinator"].id
    assert "The bin is empty." in coordinator.get("/cases/bin").get_data(as_text=True)


def test_the_api_restores_a_binned_case_for_coordinators_and_admins(client, team):
    _org, people, outsider = team
    draft = make_case(people["caseworker"])
    assert client.delete(f"/api/v1/cases/{draft.id}", headers=bearer(make_token(people["caseworker"]))).status_code \
        == 204
    assert client.post(f"/api/v1/cases/{draft.id}/restore", headers=bearer(make_token(people["caseworker"])),
                       json={}).status_code == 403
    assert client.post(f"/api/v1/cases/{draft.id}/restore", headers=bearer(make_token(outsider)),
                       json={}).status_code == 404
    response = client.post(f"/api/v1/cases/{draft.id}/restore", headers=bearer(make_token(people["admin"])), json={})
    assert response.status_code == 200 and response.get_json()["status"] == "draft"
    assert response.get_json()["id"] == draft.id
    again = client.post(f"/api/v1/cases/{draft.id}/restore", headers=bearer(make_token(people["admin"])), json={})
    assert again.status_code == 404  # no longer in the bin


def _retention(app, *args):
    return app.test_cli_runner().invoke(args=["retention", "run", *args])


def test_the_bin_is_emptied_after_bin_days_whatever_the_retention_periods(app, team):
    org, people, _outsider = team
    org.closed_case_retention_days = 36_500  # keeping closed cases a century does not keep the bin
    old, recent = make_case(people["caseworker"], title="Old draft"), make_case(people["caseworker"], title="New")
    person = persons.create_person(old, {"name": "Kim Sun-hee", "role": "worker"}, people["caseworker"])
    db.session.flush()
    person_id = person.id
    for case, days in ((old, 31), (recent, 29)):
        case.deleted_at, case.deleted_by_id = utcnow() - timedelta(days=days), people["caseworker"].id
    db.session.commit()
    dry = _retention(app, "--dry-run")
    assert f"1 deleted case(s) out of the bin [{old.id}]" in dry.output and "1 person record(s)" in dry.output
    result = _retention(app)
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.get(Case, old.id) is None and db.session.get(Person, person_id) is None
    assert db.session.get(Case, recent.id) is not None
    entries = db.session.scalars(select(AuditEntry).filter_by(action="retention.delete")).all()
    assert {(e.object_type, json.dumps(e.changes, sort_keys=True)) for e in entries} == {
        ("cases", '{"period_days": 30, "rule": "bin"}'), ("persons", '{"period_days": 30, "rule": "bin"}')}


def test_bin_days_is_a_setting(app, team):
    org, people, _outsider = team
    app.config["BIN_DAYS"] = 3
    case = make_case(people["caseworker"])
    case.deleted_at = utcnow() - timedelta(days=4)
    db.session.commit()
    assert f"1 deleted case(s) out of the bin [{case.id}]" in _retention(app).output
    page = _signed_in(app, people["coordinator"]).get("/cases/bin").get_data(as_text=True)
    assert "3 days" in page
