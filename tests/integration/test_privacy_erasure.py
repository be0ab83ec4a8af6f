"""Erasure of one person: no trace of them is left in any table or kept file, except the mentions it lists."""
import re
import secrets
from pathlib import Path

import pytest
from sqlalchemy import Text, cast, select

from caseapp.audit.models import AuditEntry
from caseapp.db import utcnow
from caseapp.extensions import db
from caseapp.persons import services as persons
from caseapp.persons.models import Person
from caseapp.reports import services as reports
from caseapp.reports.models import ReportExport
from caseapp.sources.models import SourceText
from tests.factories import login, make_case, make_org, make_user, post_form
from tests.integration.reporting import case_with_people

# What identifies the worker of case_with_people: name, aliases, contact, document number, notes.
TRACES = ["Ri Chol-ho", "Comrade Ri", "Cholho", "921 555 0199", "836401122", "barracks 4"]


def rows_mentioning(words) -> set[tuple[str, int]]:
    """(table, id) of every row of every table whose columns, cast to text, hold one of the words."""
    found = set()
    for table in db.metadata.sorted_tables:
        if "id" not in table.c:
            continue  # association tables hold ids only
        columns = [c for c in table.columns if not c.primary_key]
        rows = db.session.execute(select(table.c.id, *(cast(c, Text) for c in columns)))
        for row in rows:
            text = " ".join(value for value in row[1:] if value).casefold()
            if any(word.casefold() in text for word in words):
                found.add((table.name, row[0]))
    return found


def files_mentioning(folder, words) -> list[str]:
    return [p.name for p in Path(folder).rglob("*") if p.is_file()
            and any(word.encode() in p.read_bytes() for word in words)]


def _kept_dossier(app, org, case_ids, content):
    key = secrets.token_hex(16)
    folder = Path(app.config["REPORTS_PATH"])
    (folder / f"{key}.pdf").write_bytes(content)
    (folder / f"{key}.manifest.json").write_bytes(content)
    export = ReportExport(organisation_id=org.id, kind="dossier", profile="internal", case_ids=case_ids,
                          actor_label="cli", state="done", progress=100, file_key=key)
    db.session.add(export)
    db.session.commit()
    return export


@pytest.fixture
def erasure_case(app):
    """The worker Ri Chol-ho, named in his case's summary, a finding, quotes and the source; a dossier and a
    case report of the case; an unrelated case with its own kept dossier; and the same name in another organisation."""
    org = make_org()
    caseworker, coordinator = make_user(org, "caseworker"), make_user(org, "coordinator")
    case = case_with_people(caseworker, coordinator=coordinator)
    worker = db.session.scalars(select(Person).where(Person.case_id == case.id, Person.role == "worker")).one()
    reports.case_report_pdf(case, "internal", coordinator)
    dossier = _kept_dossier(app, org, [case.id], b"Ri Chol-ho, Passport 836401122")
    unrelated = make_case(caseworker, title="Fishing crew")
    other_dossier = _kept_dossier(app, org, [unrelated.id], b"Fishing crew kept at sea")
    elsewhere = make_case(make_user(make_org(), "caseworker"))
    stranger = persons.create_person(elsewhere, {"name": "Ri Chol-ho", "role": "worker"}, elsewhere.created_by)
    db.session.commit()
    return {"org": org, "admin": make_user(org, "admin"), "case": case, "worker_id": worker.id, "dossier": dossier.id,
            "other_dossier": other_dossier.id, "stranger": stranger.id}


def _texts():
    return {row.id: (row.text, row.text_sha256) for row in db.session.scalars(select(SourceText))}


def _assert_no_trace_but_the_listed_mentions(app, erasure_case, listed: set[tuple[str, int]]):
    db.session.expire_all()
    assert db.session.get(Person, erasure_case["worker_id"]) is None
    hits = rows_mentioning(TRACES) - {("persons", erasure_case["stranger"])}  # another organisation's own record
    assert ("persons", erasure_case["worker_id"]) not in hits
    assert hits - listed == set(), "copies of the person that erasure neither removed nor listed"
    assert {"cases", "source_texts", "excerpts", "findings", "audit_entries"} <= {table for table, _id in hits}
    assert files_mentioning(app.config["REPORTS_PATH"], TRACES) == []
    assert db.session.get(ReportExport, erasure_case["dossier"]).file_key is None
    assert db.session.get(ReportExport, erasure_case["other_dossier"]).file_key is not None  # not a copy of them
    assert db.session.get(Person, erasure_case["stranger"]) is not None
    [entry] = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "person.erase")).all()
    assert (entry.object_type, entry.object_id, entry.changes) == ("persons", erasure_case["worker_id"], {})
    return entry


def test_the_command_erases_the_person_and_every_copy_and_prints_the_remaining_mentions(app, erasure_case):
    texts = _texts()
    result = app.test_cli_runner().invoke(args=["persons", "erase", str(erasure_case["worker_id"]), "--yes"])
    assert result.exit_code == 0, result.output
    assert "Ri Chol-ho" not in result.output
    assert f"Erased person {erasure_case['worker_id']} of case {erasure_case['case'].reference}; deleted the files of 1 dossier(s)." \
        in result.output
    lines = [line.split() for line in result.output.splitlines() if line.startswith("  ")]
    listed = {(kind, int(number)) for kind, number, *_rest in lines}
    tables = {"source_text": "source_texts", "excerpt": "excerpts", "case": "cases", "finding": "findings",
              "history": "audit_entries"}
    entry = _assert_no_trace_but_the_listed_mentions(app, erasure_case, {(tables[k], n) for k, n in listed if k in tables})
    assert entry.actor_label == "cli"
    assert any(line[0] == "source_text" and line[-1].startswith("/sources/") for line in lines)
    assert _texts() == texts  # preserved sources are evidence: never altered


def test_the_command_asks_first(app, erasure_case):
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["persons", "erase", str(erasure_case["worker_id"])], input="n\n")
    assert refused.exit_code == 1 and "Aborted" in refused.output
    assert f"of case {erasure_case['case'].reference}? This cannot be undone." in refused.output
    assert db.session.get(Person, erasure_case["worker_id"]) is not None
    agreed = runner.invoke(args=["persons", "erase", str(erasure_case["worker_id"])], input="y\n")
    assert agreed.exit_code == 0, agreed.output
    db.session.expire_all()
    assert db.session.get(Person, erasure_case["worker_id"]) is None


def test_an_admin_erases_a_person_after_typing_the_word_and_sees_what_still_mentions_them(app, erasure_case):
    client, worker_id = app.test_client(), erasure_case["worker_id"]
    login(client, erasure_case["admin"].email)
    page = f"/admin/persons/{worker_id}/erase"
    assert "ERASE" in client.get(page).get_data(as_text=True)
    wrong = post_form(client, page, page, {"confirmation": "erase it"})
    assert wrong.status_code == 422 and db.session.get(Person, worker_id) is not None
    done = post_form(client, page, page, {"confirmation": "ERASE"})
    assert done.status_code == 200
    html = done.get_data(as_text=True)
    assert f"Person {worker_id} is erased" in html and "Ri Chol-ho" not in html
    assert '<a href="/sources/' in html and f'<a href="/cases/{erasure_case["case"].id}">' in html
    listed = {(table, int(number)) for table, number in
              re.findall(r'data-record="(cases|source_texts|excerpts|findings|audit_entries|sources):(\d+)"', html)}
    entry = _assert_no_trace_but_the_listed_mentions(app, erasure_case, listed)
    assert entry.actor_label == erasure_case["admin"].email
    assert client.get(f"/admin/persons/{worker_id}").status_code == 404


def test_erasure_waits_for_a_dossier_being_built_with_the_case(app, erasure_case):
    db.session.add(ReportExport(organisation_id=erasure_case["org"].id, kind="dossier", profile="internal",
                                case_ids=[erasure_case["case"].id], actor_label="cli", state="running",
                                started_at=utcnow()))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["persons", "erase", str(erasure_case["worker_id"]), "--yes"])
    assert result.exit_code == 1 and "being built" in result.output
    assert db.session.get(Person, erasure_case["worker_id"]) is not None
    assert db.session.scalars(select(AuditEntry).where(AuditEntry.action == "person.erase")).all() == []


def test_an_admin_of_another_organisation_cannot_erase(app, erasure_case):
    client = app.test_client()
    login(client, make_user(make_org(), "admin").email)
    assert client.post(f"/admin/persons/{erasure_case['worker_id']}/erase", data={"confirmation": "ERASE"}).status_code in (
        400, 404)
    page_status = client.get(f"/admin/persons/{erasure_case['worker_id']}/erase").status_code
    assert page_status == 404 and db.session.get(Person, erasure_case["worker_id"]) is not None
