"""Retention: an admin sets the periods; `flask retention run` deletes what is due, audited without content."""
import json
import secrets
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from caseapp.audit.models import AuditEntry
from caseapp.auth.models import Organisation
from caseapp.cases.models import Case
from caseapp.db import utcnow
from caseapp.extensions import db
from caseapp.persons import services as persons
from caseapp.persons.models import Person
from caseapp.reports.models import ReportExport
from caseapp.sources import evidence
from caseapp.sources import services as sources
from caseapp.sources.models import Source
from tests.factories import advance, login, make_case, make_org, make_user, post_form

NAMES = ["Tran Van Minh", "Nguyen Thi Lan", "Pham Duc Anh"]


@pytest.fixture
def no_csrf(make_config):
    make_config.WTF_CSRF_ENABLED = False


def _save(client, closed, people):
    return post_form(client, "/admin/organisation", "/admin/organisation/retention",
                     {"closed_case_retention_days": closed, "person_retention_days": people})


def test_an_admin_sets_the_retention_periods_and_the_change_is_audited(app):
    org = make_org()
    admin = make_user(org, "admin")
    client = app.test_client()
    login(client, admin.email)
    page = client.get("/admin/organisation").get_data(as_text=True)
    assert 'action="/admin/organisation/retention"' in page
    response = _save(client, "730", "180")
    assert response.status_code == 302 and response.location.endswith("/admin/organisation#retention")
    org = db.session.get(Organisation, org.id)
    assert (org.closed_case_retention_days, org.person_retention_days) == (730, 180)
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "organisation.retention_settings")).one()
    assert entry.changes == {"closed_case_retention_days": {"old": None, "new": 730},
                             "person_retention_days": {"old": None, "new": 180}}
    assert _save(client, "", "").status_code == 302  # blank keeps again
    org = db.session.get(Organisation, org.id)
    assert (org.closed_case_retention_days, org.person_retention_days) == (None, None)


@pytest.mark.parametrize("closed, people", [("0", ""), ("6", ""), ("-30", ""), ("36501", ""), ("", "3"),
                                            ("a year", ""), ("", "1.5")])
def test_periods_out_of_bounds_or_not_whole_days_are_refused_and_nothing_changes(app, closed, people):
    org = make_org()
    org.closed_case_retention_days = 365
    db.session.commit()
    client = app.test_client()
    login(client, make_user(org, "admin").email)
    response = _save(client, closed, people)
    assert response.status_code == 422
    assert "field-invalid" in response.get_data(as_text=True)
    assert db.session.get(Organisation, org.id).closed_case_retention_days == 365
    assert db.session.scalars(select(AuditEntry).where(AuditEntry.action == "organisation.retention_settings")
                              ).all() == []


def test_the_security_settings_still_save_beside_the_retention_form(no_csrf, app):
    org = make_org()
    client = app.test_client()
    login(client, make_user(org, "admin").email)
    saved = client.post("/admin/organisation", data={"two_factor_roles": ["caseworker"], "idle_timeout_minutes": "20",
                                                     "absolute_timeout_minutes": "600"})
    assert saved.status_code == 302
    assert db.session.get(Organisation, org.id).idle_timeout_minutes == 20


def test_a_coordinator_cannot_set_retention(no_csrf, app):
    org = make_org()
    client = app.test_client()
    login(client, make_user(org, "coordinator").email)
    assert client.post("/admin/organisation/retention", data={"closed_case_retention_days": "7"}).status_code == 403
    assert db.session.get(Organisation, org.id).closed_case_retention_days is None


# --- the run ---------------------------------------------------------------------------------------------------


def _closed(caseworker, coordinator, days_ago, title, name, quotes=()):
    case = make_case(caseworker, title=title)
    persons.create_person(case, {"name": name, "role": "worker", "notes": f"{name} came in 2019."}, caseworker)
    for source, words in quotes:
        evidence.create_excerpt(source, case, {"quote": words}, caseworker)
    db.session.commit()
    advance(case, "submitted", "in_review", "verified", "closed", caseworker=caseworker, coordinator=coordinator)
    case.status_changed_at = utcnow() - timedelta(days=days_ago)
    db.session.commit()
    return case


def _kept_dossier(app, org, case_ids, text="dossier"):
    key = secrets.token_hex(16)
    folder = Path(app.config["REPORTS_PATH"])
    (folder / f"{key}.pdf").write_text(text)
    (folder / f"{key}.manifest.json").write_text(text)
    export = ReportExport(organisation_id=org.id, kind="dossier", profile="internal", case_ids=case_ids,
                          actor_label="cli", state="done", progress=100, file_key=key, finished_at=utcnow())
    db.session.add(export)
    db.session.commit()
    return export


@pytest.fixture
def org_with_periods(app):
    """Closed 400, 100 and 10 days ago, and an open case verified long ago; cases kept 365 days, people 60."""
    org = make_org()
    org.closed_case_retention_days, org.person_retention_days = 365, 60
    db.session.commit()
    caseworker, coordinator = make_user(org, "caseworker"), make_user(org, "coordinator")
    shared = sources.add_from_paste("The crew was kept at sea for months.", {"title": "Shared"}, None, caseworker).source
    only_old = sources.add_from_paste("Old notes of the crew.", {"title": "Only old"}, None, caseworker).source
    db.session.flush()
    old = _closed(caseworker, coordinator, 400, "Old closed case", NAMES[0],
                  [(shared, "kept at sea"), (only_old, "Old notes")])
    middle = _closed(caseworker, coordinator, 100, "Closed a while ago", NAMES[1])
    recent = _closed(caseworker, coordinator, 10, "Closed last week", NAMES[2], [(shared, "for months")])
    still_open = make_case(caseworker, title="Verified long ago")
    persons.create_person(still_open, {"name": "Le Van Hung", "role": "witness"}, caseworker)
    advance(still_open, "submitted", "in_review", "verified", caseworker=caseworker, coordinator=coordinator)
    still_open.status_changed_at = utcnow() - timedelta(days=900)
    db.session.commit()
    return org, {"old": old.id, "middle": middle.id, "recent": recent.id, "open": still_open.id,
                 "shared": shared.id, "only_old": only_old.id}


def _run(app, *args):
    return app.test_cli_runner().invoke(args=["retention", "run", *args])


def _people(case_id):
    return db.session.scalars(select(Person.id).where(Person.case_id == case_id)).all()


def test_the_run_deletes_due_cases_and_due_people_and_keeps_the_rest(app, org_with_periods):
    org, ids = org_with_periods
    old_people, middle_people = _people(ids["old"]), _people(ids["middle"])
    old_dossier = _kept_dossier(app, org, [ids["old"], ids["recent"]])
    middle_dossier = _kept_dossier(app, org, [ids["middle"]])
    recent_dossier = _kept_dossier(app, org, [ids["recent"]])
    result = _run(app)
    assert result.exit_code == 0, result.output
    assert f"{org.code} ({org.name}): 1 closed case(s) [{ids['old']}], 2 person record(s)" in result.output
    db.session.expire_all()
    assert db.session.get(Case, ids["old"]) is None and _people(ids["old"]) == []
    assert db.session.get(Case, ids["middle"]) is not None and _people(ids["middle"]) == []
    assert len(_people(ids["recent"])) == 1 and len(_people(ids["open"])) == 1
    # Sources are evidence: never deleted by retention; the one no case cites any more is named.
    assert db.session.get(Source, ids["shared"]) and db.session.get(Source, ids["only_old"])
    assert f"Sources no case cites any more (kept; deleting one is a separate decision): {ids['only_old']}" \
        in result.output
    # The kept files of dossiers that held the deleted case or the deleted people go; the others stay.
    folder = Path(app.config["REPORTS_PATH"])
    remaining = {p.name for p in folder.iterdir()}
    recent_export = db.session.get(ReportExport, recent_dossier.id)
    assert remaining == {f"{recent_export.file_key}.pdf", f"{recent_export.file_key}.manifest.json"}
    assert db.session.get(ReportExport, old_dossier.id).file_key is None
    assert db.session.get(ReportExport, middle_dossier.id).file_key is None
    # One entry per deleted record: what kind, which id, which rule; never any content.
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "retention.delete")
                                 .order_by(AuditEntry.id)).all()
    deleted = {(e.object_type, e.object_id) for e in entries}
    assert deleted == {("cases", ids["old"])} | {("persons", p) for p in old_people + middle_people}
    assert all(e.actor_label == "cli" and e.organisation_id == org.id and e.created_at for e in entries)
    assert {json.dumps(e.changes, sort_keys=True) for e in entries} == {
        '{"period_days": 365, "rule": "closed_case"}', '{"period_days": 60, "rule": "person"}'}
    for entry in entries:
        text = json.dumps(entry.changes)
        assert not any(word in text for word in NAMES + ["Old closed case", "came in 2019"])


def test_a_second_run_finds_nothing_more(app, org_with_periods):
    org, _ids = org_with_periods
    assert _run(app).exit_code == 0
    again = _run(app)
    assert f"{org.code} ({org.name}): 0 closed case(s) [none], 0 person record(s) [none], 0 kept dossier(s)" \
        in again.output


def test_a_dry_run_prints_what_is_due_and_deletes_nothing(app, org_with_periods):
    org, ids = org_with_periods
    _kept_dossier(app, org, [ids["old"]])
    entries_before = db.session.query(AuditEntry).count()
    result = _run(app, "--dry-run")
    assert result.exit_code == 0, result.output
    people = sorted(_people(ids["old"]) + _people(ids["middle"]))
    assert (f"{org.code} ({org.name}): 1 closed case(s) [{ids['old']}], 2 person record(s) "
            f"[{', '.join(map(str, people))}], 1 kept dossier(s)") in result.output
    assert "Dry run: nothing was deleted." in result.output
    db.session.expire_all()
    assert db.session.get(Case, ids["old"]) is not None and len(_people(ids["middle"])) == 1
    assert db.session.query(AuditEntry).count() == entries_before
    assert len(list(Path(app.config["REPORTS_PATH"]).iterdir())) == 2


def test_organisations_without_periods_lose_nothing(app):
    org = make_org()
    caseworker, coordinator = make_user(org, "caseworker"), make_user(org, "coordinator")
    case = _closed(caseworker, coordinator, 5000, "Closed long ago", NAMES[0])
    result = _run(app)
    assert result.exit_code == 0 and "No organisation has set a retention period" in result.output
    assert db.session.get(Case, case.id) is not None and len(_people(case.id)) == 1


def test_reopened_cases_are_not_due(app, org_with_periods):
    _org, ids = org_with_periods
    case = db.session.get(Case, ids["old"])
    coordinator = make_user(case.organisation, "coordinator")
    advance(case, "in_review", coordinator=coordinator)  # reopened: the clock stops
    assert _run(app).exit_code == 0
    db.session.expire_all()
    assert db.session.get(Case, ids["old"]) is not None and len(_people(ids["old"])) == 1
