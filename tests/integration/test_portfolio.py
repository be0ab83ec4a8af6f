"""The portfolio report: its figures, who sees which cases, and the same figures as PDF, CSV and JSON."""
import csv
import io

import pytest

from caseapp.assessment import services as assessment
from caseapp.extensions import db
from caseapp.parties import services as parties
from tests.factories import advance, bearer, login, make_case, make_org, make_token, make_user
from tests.integration.reporting import case_with_people, pdf_text


@pytest.fixture
def portfolio_cases():
    org = make_org("Harbour Rights")
    team = {role: make_user(org, role) for role in ("caseworker", "coordinator", "advocate", "admin")}
    established = case_with_people(team["caseworker"], coordinator=team["coordinator"])  # RU, 2018, verified
    draft = make_case(team["caseworker"], title="Tomato pickers", sector="agriculture", country="IT",
                      period_start="2021-07", worker_groups=[{"count_min": 30, "count_max": 40,
                                                             "count_qualifier": "about", "origin": "IN"}])
    assessment.record_finding(draft, "excessive_overtime", {"status": "suspected", "stages": ["employment"]},
                              team["caseworker"])
    state = parties.create_party({"name": "Ministry of Labour", "kind": "state_body"}, team["caseworker"]).party
    db.session.flush()
    parties.link_party(draft, state.id, "state_body", "", team["caseworker"])
    db.session.commit()
    make_case(make_user(make_org(), "caseworker"), title="Another organisation's case", country="QA")
    return team, established, draft


def _client(app, user):
    client = app.test_client()
    login(client, user.email)
    return client


def test_the_figures_count_what_the_coordinator_may_see(app, portfolio_cases):
    team, established, draft = portfolio_cases
    token = make_token(team["coordinator"])
    figures = app.test_client().get("/api/v1/reports/portfolio", headers=bearer(token)).get_json()
    assert figures["cases"] == 2 and figures["published_only"] is False
    assert figures["workers"] == {"min": 30, "max": 40, "groups_without_count": 0}
    by_indicator = {row["indicator"]: row for row in figures["indicators"]}
    assert by_indicator["retention_of_identity_documents"] == {"indicator": "retention_of_identity_documents",
                                                               "present": 1, "suspected": 0}
    assert by_indicator["excessive_overtime"]["suspected"] == 1
    assert figures["determinations"] == {"established": 1, "possible": 0, "not_established": 1}
    assert sorted((row["country"], row["cases"]) for row in figures["by_country"]) == [("IT", 1), ("RU", 1)]
    assert figures["timeline"] == [{"year": 2018, "cases": 1}, {"year": 2019, "cases": 0},
                                   {"year": 2020, "cases": 0}, {"year": 2021, "cases": 1}]
    filtered = app.test_client().get("/api/v1/reports/portfolio?country=IT", headers=bearer(token)).get_json()
    assert filtered["cases"] == 1 and filtered["filters"] == {"country": "IT"}
    bad = app.test_client().get("/api/v1/reports/portfolio?status=lost", headers=bearer(token))
    assert bad.status_code == 422


def test_advocates_count_verified_and_closed_cases_only(app, portfolio_cases):
    team, established, draft = portfolio_cases
    token = make_token(team["advocate"])
    figures = app.test_client().get("/api/v1/reports/portfolio", headers=bearer(token)).get_json()
    assert figures["cases"] == 1 and figures["published_only"] is True
    advance(draft, "submitted", "in_review", "verified", caseworker=team["caseworker"],
            coordinator=team["coordinator"])
    assert app.test_client().get("/api/v1/reports/portfolio", headers=bearer(token)).get_json()["cases"] == 2


def test_the_page_pdf_csv_and_json_agree(app, portfolio_cases):
    team, *_ = portfolio_cases
    client = _client(app, team["coordinator"])
    page = client.get("/reports/portfolio")
    assert page.status_code == 200 and b"<svg class=\"chart\"" in page.data
    rows = list(csv.DictReader(io.StringIO(client.get("/reports/portfolio.csv").get_data(as_text=True))))
    assert {"section": "total", "key": "", "measure": "cases", "value": "2"} in rows
    assert {"section": "determination", "key": "established", "measure": "cases", "value": "1"} in rows
    as_json = client.get("/reports/portfolio.json")
    assert as_json.headers["Content-Disposition"].startswith('attachment; filename="portfolio-')
    assert as_json.get_json()["cases"] == 2
    pdf = client.get("/reports/portfolio.pdf?sector=agriculture")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = " ".join(pdf_text(pdf.data).split())
    assert "Portfolio of cases" in text and "sector = agriculture" in text and "Excessive overtime" in text
    from caseapp.reports.models import ReportExport

    export = db.session.scalar(db.select(ReportExport))
    assert export.kind == "portfolio" and export.filters == {"sector": "agriculture"}


def test_caseworkers_have_no_portfolio(app, portfolio_cases):
    team, *_ = portfolio_cases
    assert _client(app, team["caseworker"]).get("/reports/portfolio").status_code == 403


def test_a_wrong_filter_is_refused_for_downloads_and_shown_on_the_page(app, portfolio_cases):
    team, *_ = portfolio_cases
    client = _client(app, team["coordinator"])
    for url in ("/reports/portfolio.csv?country=XX", "/reports/portfolio.json?status=lost",
                "/reports/portfolio.pdf?period_from=2020-13"):
        response = client.get(url)
        assert response.status_code == 422, url
    page = client.get("/reports/portfolio?country=XX")
    assert page.status_code == 200 and b"XX is not an ISO 3166 country code." in page.data
    from caseapp.reports.models import ReportExport

    assert db.session.scalar(db.select(ReportExport)) is None  # nothing was exported


def test_a_period_typed_as_year_1_or_9999_does_not_make_ten_thousand_bars(app, portfolio_cases):
    team, _, _ = portfolio_cases
    for year in ("0001", "9999"):
        make_case(team["caseworker"], title=f"Typed {year}", period_start=year)
    token = make_token(team["coordinator"])
    timeline = app.test_client().get("/api/v1/reports/portfolio", headers=bearer(token)).get_json()["timeline"]
    assert [row["year"] for row in timeline] == [1, 2018, 2021, 9999]
