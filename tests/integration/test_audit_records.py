"""Reading a person's record and taking data out of caseapp are audit entries too, naming what,
never holding it."""
import json

import pytest
from sqlalchemy import select

from caseapp.audit.models import AuditEntry
from caseapp.audit.verification import verify_chain
from caseapp.extensions import db
from caseapp.persons import services as persons
from caseapp.reports import services as reports
from caseapp.reports.models import ReportExport
from tests.factories import bearer, login, make_case, make_token, make_user
from tests.integration.reporting import case_with_people

NAME = "Kim Chol-su"


def _entries(action):
    return db.session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)).all()


@pytest.fixture
def person(team):
    case = make_case(team["caseworker"])
    made = persons.create_person(case, {"name": NAME, "role": "informant", "contact": "+7 900"}, team["caseworker"])
    db.session.commit()
    return made


def test_opening_a_persons_page_is_recorded(client, team, person):
    login(client, team["coordinator"].email)
    assert _entries("person.view") == []
    response = client.get(f"/persons/{person.id}")
    assert response.status_code == 200 and NAME in response.get_data(as_text=True)
    entry, = _entries("person.view")
    assert (entry.actor_id, entry.object_type, entry.object_id, entry.case_id, entry.organisation_id) == (
        team["coordinator"].id, "persons", person.id, person.case_id, person.case.organisation_id)
    assert NAME not in json.dumps(entry.changes)
    client.get(f"/persons/{person.id}")
    assert len(_entries("person.view")) == 2
    assert verify_chain().intact


def test_a_refused_look_is_not_a_view(client, team, person):
    login(client, team["advocate"].email)
    assert client.get(f"/persons/{person.id}").status_code == 404
    assert _entries("person.view") == []


def test_reading_people_over_the_api_is_recorded_for_each_person(client, team, person):
    second = persons.create_person(person.case, {"name": "Worker B", "role": "worker"}, team["caseworker"])
    db.session.commit()
    headers = bearer(make_token(team["caseworker"]))
    assert client.get(f"/api/v1/persons/{person.id}", headers=headers).status_code == 200
    assert [e.object_id for e in _entries("person.view")] == [person.id]
    assert client.get(f"/api/v1/cases/{person.case_id}/persons", headers=headers).status_code == 200
    assert sorted(e.object_id for e in _entries("person.view")[1:]) == sorted([person.id, second.id])
    assert {e.actor_id for e in _entries("person.view")} == {team["caseworker"].id}


def test_the_case_page_records_each_person_it_names_and_keeps_views_out_of_the_case_history(client, team,
                                                                                           person):
    login(client, team["caseworker"].email)
    client.get(f"/persons/{person.id}")
    page = client.get(f"/cases/{person.case_id}").get_data(as_text=True)
    assert [e.object_id for e in _entries("person.view")] == [person.id, person.id]
    assert "viewed a person" not in page  # the case's history tells what happened to the case
    colleague, browser = make_user(team["caseworker"].organisation, "caseworker"), client.application.test_client()
    login(browser, colleague.email)  # sees the case, not its people
    assert browser.get(f"/cases/{person.case_id}").status_code == 200
    assert len(_entries("person.view")) == 2
    admin, browser = make_user(team["caseworker"].organisation, "admin"), client.application.test_client()
    login(browser, admin.email)
    log = browser.get("/admin/audit", query_string={"action": "person.view"}).get_data(as_text=True)
    assert log.count("viewed a person&#39;s record") == 2


def test_a_case_export_names_its_cases_and_not_their_content(client, team):
    cases = [make_case(team["caseworker"], title=f"Secret title {n}") for n in range(3)]
    login(client, team["coordinator"].email)
    assert client.get("/cases/export.json").status_code == 200
    entry, = _entries("cases.export")
    assert sorted(entry.changes["case_ids"]["new"]) == sorted(c.id for c in cases)
    assert entry.changes["format"]["new"] == "json" and "Secret title" not in json.dumps(entry.changes)


def test_the_cli_case_export_is_recorded(app, team):
    case = make_case(team["caseworker"])
    result = app.test_cli_runner().invoke(args=["cases", "export", "--as", team["coordinator"].email,
                                                "--format", "csv"])
    assert result.exit_code == 0, result.output
    entry, = _entries("cases.export")
    assert entry.changes["case_ids"]["new"] == [case.id] and entry.changes["format"]["new"] == "csv"


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_portfolio_figures_as_a_file_are_recorded(client, team, file_format):
    make_case(team["caseworker"], country="IT")
    login(client, team["coordinator"].email)
    assert client.get(f"/reports/portfolio.{file_format}?country=IT").status_code == 200
    entry, = _entries("portfolio.export")
    assert entry.changes == {"format": file_format, "filters": {"country": "IT"}}
    assert entry.actor_id == team["coordinator"].id


def test_portfolio_figures_over_the_api_are_recorded(client, team):
    headers = bearer(make_token(team["advocate"]))
    assert client.get("/api/v1/reports/portfolio", headers=headers).status_code == 200
    entry, = _entries("portfolio.export")
    assert entry.changes["format"] == "api" and entry.actor_id == team["advocate"].id


def test_the_portfolio_page_itself_is_not_an_export(client, team):
    login(client, team["coordinator"].email)
    assert client.get("/reports/portfolio").status_code == 200
    assert _entries("portfolio.export") == []


def test_downloading_a_built_dossier_is_recorded_each_time(client, team):
    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    export = ReportExport(organisation_id=case.organisation_id, kind="dossier", profile="advocate",
                          case_ids=[case.id], requested_by_id=team["advocate"].id,
                          actor_label=team["advocate"].email)
    db.session.add(export)
    db.session.commit()
    reports.build_dossier(export)
    assert len(_entries("report.export")) == 1  # building it was recorded already
    login(client, team["advocate"].email)
    assert client.get(f"/reports/jobs/{export.id}/dossier.pdf").status_code == 200
    assert client.get(f"/reports/jobs/{export.id}/dossier.manifest.json").status_code == 200
    headers = bearer(make_token(team["advocate"]))
    assert client.get(f"/api/v1/reports/dossiers/{export.id}/dossier.pdf", headers=headers).status_code == 200
    downloads = _entries("report.download")
    assert [e.changes["file"] for e in downloads] == ["pdf", "manifest", "pdf"]
    assert all(e.changes["case_ids"] == [case.id] and e.changes["profile"] == "advocate" for e in downloads)
    assert {(e.object_type, e.object_id, e.actor_id) for e in downloads} == {
        ("report_exports", export.id, team["advocate"].id)}
    assert verify_chain().intact


def test_someone_else_cannot_download_and_leaves_no_download_entry(client, team):
    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    export = ReportExport(organisation_id=case.organisation_id, kind="dossier", profile="advocate",
                          case_ids=[case.id], requested_by_id=team["advocate"].id,
                          actor_label=team["advocate"].email, state="done", progress=100)
    db.session.add(export)
    db.session.commit()
    login(client, team["coordinator"].email)
    assert client.get(f"/reports/jobs/{export.id}/dossier.pdf").status_code == 404
    assert _entries("report.download") == []
