"""Subject access: everything held about one person, as JSON and PDF, from the command line and an admin page."""
import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from caseapp.audit.models import AuditEntry
from caseapp.auth.models import UserSession
from caseapp.extensions import db
from caseapp.persons import services as persons
from caseapp.persons.models import Person
from caseapp.reports import services as reports
from tests.factories import login, make_case, make_org, make_user, post_form
from tests.integration.reporting import WORKER, case_with_people, pdf_text

TOP_LEVEL = ["format", "generated_at", "generated_by", "organisation", "person", "case", "history", "exports",
             "mentions"]


@pytest.fixture
def subject_case(app):
    org = make_org()
    caseworker, coordinator = make_user(org, "caseworker"), make_user(org, "coordinator")
    case = case_with_people(caseworker, coordinator=coordinator)
    worker = db.session.scalars(select(Person).where(Person.case_id == case.id, Person.role == "worker")).one()
    persons.update_person(worker, {"notes": "Lives in barracks 4. Moved in 2019."}, coordinator, worker.version)
    export = reports.case_report_pdf(case, "internal", coordinator).export
    db.session.commit()
    return {"org": org, "admin": make_user(org, "admin"), "caseworker": caseworker, "coordinator": coordinator,
            "case": case,
            "worker": worker, "export_id": export.id}


def _cli(app, *args, **kwargs):
    return app.test_cli_runner().invoke(args=list(args), **kwargs)


def _exports(person_id):
    return db.session.scalars(select(AuditEntry).where(AuditEntry.action == "person.export",
                                                       AuditEntry.object_id == person_id)
                              .order_by(AuditEntry.id)).all()  # PostgreSQL promises no order without one


def test_the_json_export_holds_the_record_its_case_history_reports_and_mentions(app, subject_case, tmp_path):
    worker, case = subject_case["worker"], subject_case["case"]
    output = tmp_path / "subject.json"
    result = _cli(app, "persons", "export", str(worker.id), "-o", str(output))
    assert result.exit_code == 0, result.output
    assert WORKER["name"] not in result.output  # the terminal gets no name
    data = json.loads(output.read_text(encoding="utf-8"))
    assert list(data) == TOP_LEVEL and data["format"] == "caseapp-subject-access/1"
    assert data["generated_by"] == "cli" and data["organisation"]["code"] == subject_case["org"].code
    person = data["person"]
    assert person["id"] == worker.id and person["name"] == "Ri Chol-ho" and person["aliases"] == ["Comrade Ri", "Cholho"]
    assert person["contact"] == WORKER["contact"] and person["document_numbers"] == WORKER["document_numbers"]
    assert person["notes"] == "Lives in barracks 4. Moved in 2019." and person["role"] == "worker"
    assert set(person) == {"id", "role", "consent", "consent_date", "risk", "name", "aliases", "contact",
                           "document_numbers", "notes", "created_at", "updated_at", "version"}
    assert data["case"] == {"id": case.id, "reference": case.reference, "title": case.title, "status": "in_review",
                            "closed_at": None}
    # Who created and changed the record, never the values.
    assert [h["action"] for h in data["history"]] == ["person.create", "person.update"]
    assert data["history"][1]["details"] == {"notes": {"changed": True}}
    assert data["history"][0]["by"] == subject_case["caseworker"].email and data["history"][1]["by"] == subject_case["coordinator"].email
    assert "barracks" not in json.dumps(data["history"])
    assert [(e["id"], e["kind"], e["profile"]) for e in data["exports"]] == [(subject_case["export_id"], "case", "internal")]
    where = {(m["kind"], m["field"]) for m in data["mentions"]}
    assert {("case", "summary"), ("source_text", "text"), ("excerpt", "quote"), ("finding", "note")} <= where
    assert all(m["case_reference"] == case.reference for m in data["mentions"] if m["case_id"] == case.id)
    assert all(m["path"] and m["path"].startswith("/") for m in data["mentions"])
    # The export itself is in the audit log, by the command line.
    [entry] = _exports(worker.id)
    assert entry.actor_label == "cli" and entry.changes == {"format": "json"}


def test_the_pdf_export_prints_the_same_and_only_through_the_safe_renderer(app, subject_case, tmp_path):
    worker = subject_case["worker"]
    worker_name = '<img src="file:///etc/passwd"> Ri Chol-ho'
    persons.update_person(worker, {"name": worker_name}, subject_case["coordinator"], worker.version)
    db.session.commit()
    output = tmp_path / "subject.pdf"
    result = _cli(app, "persons", "export", str(worker.id), "-o", str(output))
    assert result.exit_code == 0, result.output
    pdf = output.read_bytes()
    assert pdf.startswith(b"%PDF")
    text = " ".join(pdf_text(pdf).split())
    assert worker_name in text  # printed as text, nothing fetched
    for expected in ("Comrade Ri", "Passport 836401122", subject_case["case"].reference, "person.create", "person.update",
                     "Brigade notes".split()[0], "Text of a source"):
        assert expected in text, expected
    assert _exports(worker.id)[0].changes == {"format": "pdf"}


def test_the_format_comes_from_the_extension_or_is_given(app, subject_case, tmp_path):
    worker_id = subject_case["worker"].id
    given = _cli(app, "persons", "export", str(worker_id), "-o", str(tmp_path / "out.data"), "--format", "json")
    assert given.exit_code == 0 and json.loads((tmp_path / "out.data").read_text())["person"]["id"] == worker_id
    unknown = _cli(app, "persons", "export", str(worker_id), "-o", str(tmp_path / "out.txt"))
    assert unknown.exit_code == 2 and not (tmp_path / "out.txt").exists()
    missing = _cli(app, "persons", "export", "987654", "-o", str(tmp_path / "x.json"))
    assert missing.exit_code == 1 and "No person 987654" in missing.output
    assert len(_exports(worker_id)) == 1


def _admin_client(app, subject_case):
    client = app.test_client()
    login(client, subject_case["admin"].email)
    return client


def test_an_admin_finds_a_person_by_exact_name_and_downloads_both_formats(app, subject_case):
    client, worker = _admin_client(app, subject_case), subject_case["worker"]
    assert client.get("/admin/persons").status_code == 200
    found = post_form(client, "/admin/persons", "/admin/persons", {"name": "Ri Chol-ho"})
    page = found.get_data(as_text=True)
    assert found.status_code == 200 and f'href="/admin/persons/{worker.id}"' in page
    assert subject_case["case"].reference in page
    nobody = post_form(client, "/admin/persons", "/admin/persons", {"name": "Ri Chol"}).get_data(as_text=True)
    assert f"/admin/persons/{worker.id}" not in nobody and "No one in the organisation" in nobody
    by_number = post_form(client, "/admin/persons", "/admin/persons", {"person_id": str(worker.id)})
    assert by_number.status_code == 302 and by_number.location == f"/admin/persons/{worker.id}"
    summary = client.get(f"/admin/persons/{worker.id}").get_data(as_text=True)
    assert "Ri Chol-ho" in summary and "Passport 836401122" in summary and "/sources/" in summary
    as_json = client.get(f"/admin/persons/{worker.id}/subject-access.json")
    assert as_json.status_code == 200 and as_json.mimetype == "application/json"
    disposition = as_json.headers["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="person-{worker.id}-subject-access-') and "Ri" not in disposition
    assert as_json.get_json()["person"]["name"] == "Ri Chol-ho"
    assert as_json.get_json()["generated_by"] == subject_case["admin"].email
    as_pdf = client.get(f"/admin/persons/{worker.id}/subject-access.pdf")
    assert as_pdf.status_code == 200 and as_pdf.mimetype == "application/pdf" and "Ri Chol-ho" in pdf_text(as_pdf.data)
    assert [(e.actor_label, e.changes["format"]) for e in _exports(worker.id)] == [
        (subject_case["admin"].email, "json"), (subject_case["admin"].email, "pdf")]


def test_an_empty_search_is_refused(app, subject_case):
    client = _admin_client(app, subject_case)
    assert post_form(client, "/admin/persons", "/admin/persons", {"name": "  "}).status_code == 422


def test_other_organisations_people_do_not_exist_for_an_admin(app, subject_case):
    other = make_org()
    stranger_case = make_case(make_user(other, "caseworker"))
    stranger = persons.create_person(stranger_case, {"name": "Ri Chol-ho", "role": "worker"},
                                     stranger_case.created_by)
    db.session.commit()
    client = _admin_client(app, subject_case)
    found = post_form(client, "/admin/persons", "/admin/persons", {"name": "Ri Chol-ho"}).get_data(as_text=True)
    assert f"/admin/persons/{subject_case['worker'].id}" in found and f"/admin/persons/{stranger.id}\"" not in found
    by_number = post_form(client, "/admin/persons", "/admin/persons", {"person_id": str(stranger.id)})
    assert by_number.status_code == 200 and "No one in the organisation" in by_number.get_data(as_text=True)
    for path in ("", "/subject-access.json", "/subject-access.pdf", "/erase"):
        assert client.get(f"/admin/persons/{stranger.id}{path}").status_code == 404
    assert _exports(stranger.id) == []


@pytest.mark.parametrize("role", ["caseworker", "coordinator", "advocate"])
def test_only_admins_see_these_pages(app, subject_case, role):
    client = app.test_client()
    login(client, make_user(subject_case["org"], role).email)
    for path in ("/admin/persons", f"/admin/persons/{subject_case['worker'].id}",
                 f"/admin/persons/{subject_case['worker'].id}/subject-access.json"):
        assert client.get(path).status_code == 403
    assert _exports(subject_case["worker"].id) == []


def test_the_pages_ask_for_the_password_again_after_ten_minutes(app, subject_case):
    client, admin = _admin_client(app, subject_case), subject_case["admin"]
    for row in db.session.scalars(select(UserSession).where(UserSession.user_id == admin.id)):
        row.authenticated_at -= timedelta(minutes=11)
    db.session.commit()
    path = f"/admin/persons/{subject_case['worker'].id}/subject-access.json"
    response = client.get(path)
    assert response.status_code == 302 and response.location == f"/reauthenticate?next={path}"
    assert _exports(subject_case["worker"].id) == []
