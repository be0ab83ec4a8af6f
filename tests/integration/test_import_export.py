"""Import (JSON, CSV; all or nothing) and export (CSV, JSON; only what the user may see), by CLI and page."""
import csv
import io
import json

import pytest

from caseapp.audit.models import AuditEntry
from caseapp.cases.models import Case
from caseapp.extensions import db
from caseapp.parties.models import Party
from caseapp.transfer import csv_format
from tests.factories import login, make_case, make_org, make_user, post_form

GOOD = [
    {"title": "Fishing crew", "country": "TH", "sector": "fishing", "period_start": "2023",
     "worker_groups": [{"origin": "MM", "count_min": 20, "count_qualifier": "at_least"}],
     "conditions": {"daily_hours": 20, "phones_taken": True},
     "parties": [{"name": "Andaman Blue Fishing Co.", "role": "employer"}]},
    {"title": "Kiln families", "country": "IN", "sector": "manufacturing",
     "parties": [{"name": "andaman blue fishing co", "role": "buyer"}]},
]


def _run(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


@pytest.fixture
def caseworker():
    return make_user(make_org(), "caseworker")


def test_a_json_import_creates_every_case_with_its_parties(app, caseworker, tmp_path):
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(GOOD))
    result = _run(app, "cases", "import", str(path), "--as", caseworker.email)
    assert result.exit_code == 0, result.output
    assert "Imported 2 cases." in result.output
    cases = db.session.scalars(db.select(Case).order_by(Case.id)).all()
    assert [c.title for c in cases] == ["Fishing crew", "Kiln families"]
    assert cases[0].worker_groups[0].count_min == 20 and cases[0].conditions["phones_taken"] is True
    assert len(db.session.scalars(db.select(Party)).all()) == 1  # matched by name the second time
    entry = db.session.scalars(db.select(AuditEntry).filter_by(action="cases.import")).one()
    assert entry.changes["cases"]["new"] == 2 and entry.actor_id == caseworker.id


def test_one_bad_row_imports_nothing_and_each_problem_is_named(app, caseworker, tmp_path):
    rows = [GOOD[0], {"title": "", "country": "XX"}, {"title": "Ok"},
            {"title": "Dates", "period_start": "2020", "period_end": "2019"}]
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(rows))
    result = _run(app, "cases", "import", str(path), "--as", caseworker.email)
    assert result.exit_code != 0
    assert "row 2, title" in result.output and "row 4, period_end" in result.output
    assert "row 1" not in result.output and "row 3" not in result.output
    assert db.session.scalars(db.select(Case)).first() is None
    assert db.session.scalars(db.select(Party)).first() is None


def test_csv_import_checks_cells_and_rows(app, caseworker, tmp_path):
    header = "title,country,sector,conditions.daily_hours,parties\n"
    path = tmp_path / "cases.csv"
    path.write_text(header + "Good one,TH,fishing,20,employer: Andaman Blue\nBad one,XX,fishing,,\n")
    result = _run(app, "cases", "import", str(path), "--as", caseworker.email)
    assert result.exit_code != 0 and "row 2, country" in result.output
    path.write_text(header + "Good one,TH,fishing,twenty,\n")
    assert "row 1, conditions.daily_hours" in _run(app, "cases", "import", str(path), "--as",
                                                    caseworker.email).output
    path.write_text(header + "Good one,TH,fishing,20,employer: Andaman Blue\n")
    assert _run(app, "cases", "import", str(path), "--as", caseworker.email).exit_code == 0


def test_people_are_never_imported(app, caseworker, tmp_path):
    path = tmp_path / "cases.json"
    path.write_text(json.dumps([{"title": "With people", "persons": [{"name": "Informant", "role": "informant"}]}]))
    result = _run(app, "cases", "import", str(path), "--as", caseworker.email)
    assert result.exit_code != 0 and "row 1, persons" in result.output


def test_export_and_import_round_trip_through_csv_and_json(app, caseworker, tmp_path):
    path = tmp_path / "in.json"
    path.write_text(json.dumps(GOOD))
    _run(app, "cases", "import", str(path), "--as", caseworker.email)
    for fmt in ("csv", "json"):
        out = tmp_path / f"out.{fmt}"
        result = _run(app, "cases", "export", "--as", caseworker.email, "--format", fmt, "-o", str(out))
        assert result.exit_code == 0, result.output
        other = make_user(make_org(), "caseworker")
        back = _run(app, "cases", "import", str(out), "--as", other.email)
        assert back.exit_code == 0, back.output
        copies = db.session.scalars(db.select(Case).filter_by(organisation_id=other.organisation_id)
                                    .order_by(Case.title)).all()
        assert [c.title for c in copies] == ["Fishing crew", "Kiln families"]
        assert copies[0].conditions["daily_hours"] == 20 and copies[0].worker_groups[0].origin == "MM"
        assert copies[0].period_start == "2023"


def test_csv_export_neutralises_formulas(app, caseworker):
    make_case(caseworker, title="=HYPERLINK(\"http://evil.example\",\"click\")", summary="+44 20 7946 0000")
    result = _run(app, "cases", "export", "--as", caseworker.email, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows[0]["title"].startswith("'=") and rows[0]["summary"].startswith("'+")
    assert set(rows[0]) == set(csv_format.EXPORT_COLUMNS)


def test_export_holds_only_what_the_user_may_see_and_is_audited(app):
    org = make_org()
    alice, advocate = make_user(org, "caseworker"), make_user(org, "advocate")
    make_case(alice, title="Still a draft")
    make_case(make_user(make_org()), title="Another organisation's")
    listed = json.loads(_run(app, "cases", "export", "--as", alice.email).output)
    assert [c["title"] for c in listed] == ["Still a draft"]
    assert json.loads(_run(app, "cases", "export", "--as", advocate.email).output) == []
    assert len(db.session.scalars(db.select(AuditEntry).filter_by(action="cases.export")).all()) == 2


def test_the_upload_page_imports_or_lists_the_problems(client, caseworker):
    login(client, caseworker.email)
    assert "caseapp-import-template.csv" not in client.get("/cases/import").headers.get("Content-Disposition", "")
    template = client.get("/cases/import/template.csv")
    assert template.headers["Content-Disposition"].startswith("attachment") and b"title" in template.data
    bad = post_form(client, "/cases/import", "/cases/import",
                    {"file": (io.BytesIO(b"title,country\nA,XX\n"), "cases.csv")})
    assert bad.status_code == 422 and "country" in bad.get_data(as_text=True)
    good = post_form(client, "/cases/import", "/cases/import",
                     {"file": (io.BytesIO(json.dumps(GOOD).encode()), "anything.txt")})
    assert good.status_code == 302
    assert len(db.session.scalars(db.select(Case)).all()) == 2


def test_the_web_export_follows_the_filters(client, caseworker):
    make_case(caseworker, title="Thai boat", country="TH")
    make_case(caseworker, title="Indian kiln", country="IN")
    login(client, caseworker.email)
    response = client.get("/cases/export.json?country=TH")
    assert response.headers["Content-Disposition"] == 'attachment; filename="caseapp-cases.json"'
    assert [c["title"] for c in json.loads(response.data)] == ["Thai boat"]
