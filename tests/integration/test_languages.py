"""The language follows the person (kept in the profile), dates follow the browser's region, and a report or
a dossier is written in the language chosen when exporting, whatever the interface's."""
from __future__ import annotations

import time

from caseapp.auth.models import User
from caseapp.extensions import db
from caseapp.reports.models import ReportExport
from tests.factories import bearer, csrf_token, login, make_token, verified_case
from tests.integration.reporting import pdf_text


def _choose(client, language: str, page: str = "/"):
    return client.post("/language", data={"lang": language, "next": page, "csrf_token": csrf_token(client, page)})


def test_a_signed_in_persons_choice_is_kept_for_their_next_sign_in_anywhere(app, team):
    first = app.test_client()
    login(first, team["caseworker"].email)
    _choose(first, "fr")
    assert db.session.get(User, team["caseworker"].id).language == "fr"
    elsewhere = app.test_client()  # another browser, which asks for English
    login(elsewhere, team["caseworker"].email)
    page = elsewhere.get("/cases", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="fr" dir="ltr">' in page


def test_a_choice_made_on_the_sign_in_page_is_kept_too(app, team):
    client = app.test_client()
    _choose(client, "ru", "/login")
    login(client, team["advocate"].email)
    assert db.session.get(User, team["advocate"].id).language == "ru"
    assert '<html lang="ru" dir="ltr">' in client.get("/").get_data(as_text=True)


def test_without_a_choice_the_browser_decides_and_arabic_runs_right_to_left(app, team):
    client = app.test_client()
    login(client, team["coordinator"].email)
    page = client.get("/cases", headers={"Accept-Language": "ar,en;q=0.5"}).get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page and "الحالات" in page


def test_dates_follow_the_region_of_the_browser(app, team):
    from datetime import datetime, timezone

    from babel.dates import format_date

    verified_case(team["caseworker"], title="Dates case")  # the coordinator is told of it, with its date
    client = app.test_client()
    login(client, team["coordinator"].email)
    today = datetime.now(timezone.utc).date()
    assert format_date(today, "medium", locale="en_GB") != format_date(today, "medium", locale="en_US")
    notes = client.get("/notifications", headers={"Accept-Language": "en-GB"}).get_data(as_text=True)
    us_notes = client.get("/notifications", headers={"Accept-Language": "en-US"}).get_data(as_text=True)
    assert format_date(today, "medium", locale="en_GB") in notes
    assert format_date(today, "medium", locale="en_US") in us_notes
    assert '<html lang="en" dir="ltr">' in notes  # the same English catalogue


def test_a_report_is_written_in_the_language_chosen_when_exporting(app, team):
    case = verified_case(team["caseworker"], title="Export language case")
    client = app.test_client()
    login(client, team["coordinator"].email)  # the interface stays English
    page = client.get(f"/cases/{case.id}/report?language=es").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in page and "Case report" in page  # the page is the reader's
    assert 'lang="es"' in page and "Determinación" in page or "determinación" in page.lower()
    assert "report.pdf?" in page and "language=es" in page.split("report.pdf?", 1)[1].split('"', 1)[0]
    pdf = client.get(f"/cases/{case.id}/report.pdf?profile=internal&language=es")
    assert pdf.status_code == 200
    text = pdf_text(pdf.data)
    assert "Resumen" in text or "Estado" in text
    assert client.get(f"/cases/{case.id}/report.pdf?profile=internal&language=xx").status_code == 400
    saved = db.session.scalars(db.select(ReportExport).order_by(ReportExport.id.desc())).first()
    assert saved.language == "es"


def test_an_arabic_report_runs_right_to_left_with_arabic_text(app, team):
    case = verified_case(team["caseworker"], title="Arabic export case")
    client = app.test_client()
    login(client, team["coordinator"].email)
    page = client.get(f"/cases/{case.id}/report?language=ar").get_data(as_text=True)
    assert 'lang="ar" dir="rtl"' in page
    text = pdf_text(client.get(f"/cases/{case.id}/report.pdf?profile=internal&language=ar").data)
    assert "الحالة" in text or "التقدير" in text


def test_the_api_takes_the_export_language(client, team):
    case = verified_case(team["caseworker"], title="API language case")
    headers = bearer(make_token(team["coordinator"]))
    answer = client.get(f"/api/v1/cases/{case.id}/report.pdf?profile=internal&language=fr", headers=headers)
    assert answer.status_code == 200 and "Résumé" in pdf_text(answer.data) or "Statut" in pdf_text(answer.data)
    refused = client.get(f"/api/v1/cases/{case.id}/report.pdf?language=xx", headers=headers)
    assert refused.status_code == 422 and "language" in refused.get_json()["error"]["fields"]
    job = client.post("/api/v1/reports/dossiers", json={"case_ids": [case.id], "profile": "internal",
                                                        "language": "ru"}, headers=headers)
    assert job.status_code == 202
    assert db.session.get(ReportExport, job.get_json()["id"]).language == "ru"
    state, deadline = job.get_json(), time.monotonic() + 90
    while state["state"] not in ("done", "failed") and time.monotonic() < deadline:  # built in the background
        time.sleep(0.2)
        state = client.get(f"/api/v1/reports/dossiers/{state['id']}", headers=headers).get_json()
    assert state["state"] == "done", state
    dossier = pdf_text(client.get(state["download_url"], headers=headers).data)
    assert "Содержание" in dossier or "Статус" in dossier  # written in Russian by the worker
    wrong = client.post("/api/v1/reports/dossiers", json={"case_ids": [case.id], "profile": "internal",
                                                          "language": "xx"}, headers=headers)
    assert wrong.status_code == 422


def test_a_dutch_report_and_dossier_leave_no_english(app, team):
    from tests.integration.test_assessment import _put
    from tests.integration.test_dossiers import _wait
    from tests.language_check import english_left

    case = verified_case(team["caseworker"], title="Dutch export case", worker_groups=[{"origin": "KP"}],
                         period_start="2018", period_end="2019")
    _put(client := app.test_client(), team["caseworker"], case, "excessive_overtime")
    login(client, team["coordinator"].email)
    english = english_left("nl")
    report = pdf_text(client.get(f"/cases/{case.id}/report.pdf?profile=internal&language=nl").data)
    assert "Vaststelling" in report
    page = csrf_token(client, "/reports/dossier?profile=internal")
    answer = client.post("/reports/dossier", data={"csrf_token": page, "profile": "internal", "language": "nl",
                                                   "case_ids": [str(case.id)]})
    export_id = int(answer.location.rstrip("/").split("/")[-1])
    status = _wait(client, export_id)
    assert status["state"] == "done", status
    dossier = pdf_text(client.get(status["download_url"]).data)
    for name, text in (("report", report), ("dossier", dossier)):
        flat = " ".join(text.split())
        left = sorted({match.group() for match in english.finditer(flat)})
        assert not left, f"{name}: {left}"


def test_an_arabic_report_keeps_quotes_verbatim_and_isolates_the_other_values(app, team):
    from caseapp.reports import services
    from tests.factories import make_case

    case = make_case(team["caseworker"], title="Andaman Blue Fishing Co.", summary="Crew kept at sea.")
    with app.test_request_context():
        page = services.case_report_html(case, "internal", team["coordinator"], "en", "ar")
    assert "\u2068Andaman Blue Fishing Co.\u2069" in page  # a Latin title inside an Arabic report reads as written
    assert 'dir="ltr"' in page  # the English summary's block keeps its own direction
    with app.test_request_context():
        english = services.case_report_html(case, "internal", team["coordinator"], "en", "en")
    assert "\u2068" not in english  # left to right: nothing added
