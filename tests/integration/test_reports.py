"""Case reports and their PDFs: content per profile, redaction, safe rendering, permissions, audit."""
import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from caseapp.audit.models import AuditEntry
from caseapp.extensions import db
from caseapp.reports.models import ReportExport
from tests.factories import bearer, login, make_case, make_org, make_token, make_user
from tests.integration.reporting import SECRETS, case_with_people, embedded_files, font_names, pdf_text


def _signed_in(app, user):
    client = app.test_client()
    login(client, user.email)
    return client


def test_the_internal_report_holds_the_whole_record(app, team):
    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    response = _signed_in(app, team["coordinator"]).get(f"/cases/{case.id}/report.pdf?profile=internal")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{case.reference}-report-internal.pdf"'
    text = pdf_text(response.data)
    for expected in (case.reference, "Brigade held in Saint Petersburg", "Nordstroy LLC", "Ri Chol-ho",
                     "836401122", "Pak Sun-hui", "Retention of identity documents",
                     "Forced labour (ILO indicators, ICLS 2018 rules): established",
                     "His passport is number 836401122 and the guard kept it.", "record version",
                     hashlib.sha256("His passport is number 836401122 and the guard kept it.".encode()).hexdigest()):
        assert expected in " ".join(text.split()), expected


def test_the_advocate_report_names_no_person_anywhere(app, team):
    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    response = _signed_in(app, team["advocate"]).get(f"/cases/{case.id}/report.pdf?profile=advocate")
    assert response.status_code == 200
    text = " ".join(pdf_text(response.data).split())
    for secret in SECRETS:
        assert secret not in text, secret
    # The people are there, as codes; the employer stays named; quotes keep the original's hash.
    assert "[W-1]" in text and "[F-1]" in text and "[I-1]" in text
    assert "His passport is number [W-1] and the guard kept it." in text
    assert "Nordstroy LLC" in text
    original = "His passport is number 836401122 and the guard kept it."
    assert hashlib.sha256(original.encode()).hexdigest() in text


def test_the_pdf_carries_title_author_language_and_tags(app, team):
    from io import BytesIO

    from pypdf import PdfReader

    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    data = _signed_in(app, team["coordinator"]).get(f"/cases/{case.id}/report.pdf?profile=advocate").data
    reader = PdfReader(BytesIO(data))
    assert reader.metadata.title == f"{case.reference} — case report"
    assert reader.metadata.author == "Harbour Rights"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a PDF boolean): tagged, PDF/UA-1
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert len(reader.pages) >= 3
    assert all(f"Page {n + 1} of {len(reader.pages)}" in (page.extract_text() or "")
               for n, page in enumerate(reader.pages))


def test_latin_cyrillic_and_korean_print_with_the_shipped_fonts(app, team):
    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    data = _signed_in(app, team["coordinator"]).get(f"/cases/{case.id}/report.pdf?profile=internal").data
    text = pdf_text(data)
    assert "Санкт-Петербург" in text and "김정은" in text
    fonts = " ".join(font_names(data))
    assert "Caseapp-Sans" in fonts and "Caseapp-Hangul" in fonts  # the fonts shipped in caseapp/static/fonts


class Canary(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        Canary.hits.append(self.path)
        self.send_response(302)
        self.send_header("Location", "file:///etc/passwd")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def canary():
    Canary.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Canary)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_hostile_fields_print_as_text_embed_nothing_and_fetch_nothing(app, team, canary):
    hostile = {
        "title": '<img src="file:///etc/passwd"> <link rel="attachment" href="file:///etc/passwd">',
        "summary": (f'<link rel="attachment" href="{canary}/attach"><img src="{canary}/img">'
                    f'<object data="{canary}/object"></object><style>@import url("{canary}/css");</style>'
                    '<a rel="attachment" href="file:///etc/os-release">x</a>'),
        "region": f"<iframe src='{canary}/frame'></iframe>",
        "worksite": "</style><script>alert(1)</script>",
    }
    case = make_case(team["caseworker"], **hostile)
    from caseapp.persons import services as persons

    persons.create_person(case, {"name": "<b>bold</b>", "role": "worker",
                                 "notes": f'<img src="{canary}/person">'}, team["caseworker"])
    db.session.commit()
    for profile in ("internal", "advocate"):
        response = _signed_in(app, team["coordinator"]).get(f"/cases/{case.id}/report.pdf?profile={profile}")
        assert response.status_code == 200
        assert embedded_files(response.data) == []
        text = "".join(pdf_text(response.data).split())  # lines may break anywhere in a URL
        assert '<imgsrc="file:///etc/passwd">' in text and "<script>alert(1)</script>" in text  # shown, literally
        assert "root:x:0:0" not in text
    assert Canary.hits == []


@pytest.mark.parametrize("role, profile, status", [
    ("coordinator", "internal", 200), ("coordinator", "advocate", 200),
    ("admin", "internal", 200), ("admin", "advocate", 200),
    ("advocate", "advocate", 200), ("advocate", "internal", 403),
    ("caseworker", "advocate", 403), ("caseworker", "internal", 403),
])
def test_who_may_export_which_profile(app, team, role, profile, status):
    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    client = _signed_in(app, team[role])
    assert client.get(f"/cases/{case.id}/report.pdf?profile={profile}").status_code == status
    token = make_token(team[role])
    api = app.test_client().get(f"/api/v1/cases/{case.id}/report.pdf?profile={profile}", headers=bearer(token))
    assert api.status_code == status


def test_advocates_export_only_verified_or_closed_cases(app, team):
    draft = case_with_people(team["caseworker"], coordinator=team["coordinator"], verify=False)
    client = _signed_in(app, team["advocate"])
    assert client.get(f"/cases/{draft.id}/report.pdf?profile=advocate").status_code == 404
    assert client.get(f"/cases/{draft.id}/report").status_code == 404
    # Coordinators may export a draft, pseudonymised or not.
    coordinator = _signed_in(app, team["coordinator"])
    assert coordinator.get(f"/cases/{draft.id}/report.pdf?profile=advocate").status_code == 200


def test_another_organisation_sees_nothing(app, team):
    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    stranger = make_user(make_org(), "coordinator")
    assert _signed_in(app, stranger).get(f"/cases/{case.id}/report.pdf?profile=internal").status_code == 404
    token = make_token(stranger)
    assert app.test_client().get(f"/api/v1/cases/{case.id}/report.pdf",
                                 headers=bearer(token)).status_code == 404


def test_an_unknown_profile_is_refused(app, team):
    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    assert _signed_in(app, team["coordinator"]).get(f"/cases/{case.id}/report.pdf?profile=public").status_code == 400
    token = make_token(team["coordinator"])
    response = app.test_client().get(f"/api/v1/cases/{case.id}/report.pdf?profile=public", headers=bearer(token))
    assert response.status_code == 422 and "profile" in response.get_json()["error"]["fields"]


def test_every_export_is_audited_with_the_pdf_hash(app, team):
    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    token = make_token(team["advocate"])
    response = app.test_client().get(f"/api/v1/cases/{case.id}/report.pdf?profile=advocate", headers=bearer(token))
    digest = hashlib.sha256(response.data).hexdigest()
    assert response.headers["X-Caseapp-Sha256"] == digest
    export = db.session.scalar(select(ReportExport).where(ReportExport.pdf_sha256 == digest))
    assert export.kind == "case" and export.profile == "advocate" and export.requested_by_id == team["advocate"].id
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "report.export",
                                                      AuditEntry.case_id == case.id))
    assert entry.actor_id == team["advocate"].id and entry.changes["pdf_sha256"] == digest
    # The next report of the case lists that export in its history.
    again = pdf_text(_signed_in(app, team["coordinator"]).get(f"/cases/{case.id}/report.pdf?profile=internal").data)
    assert digest in "".join(again.split())


def test_the_report_page_shows_what_the_pdf_holds(app, team):
    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    client = _signed_in(app, team["advocate"])
    page = client.get(f"/cases/{case.id}/report")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and '<span class="redacted">[W-1]</span>' in html
    for secret in SECRETS:
        assert secret not in html, secret
    assert db.session.scalar(select(ReportExport)) is None  # looking is not exporting
    internal = _signed_in(app, team["coordinator"]).get(f"/cases/{case.id}/report?profile=internal")
    assert "Ri Chol-ho" in internal.get_data(as_text=True)


def test_html_in_a_field_is_escaped_on_the_report_page(app, team):
    case = make_case(team["caseworker"], title="<script>alert(1)</script>", summary="<img src=x onerror=alert(1)>")
    html = _signed_in(app, team["coordinator"]).get(f"/cases/{case.id}/report?profile=internal").get_data(
        as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def test_report_pages_run_under_the_strict_content_security_policy(app, team):
    import re

    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    client = _signed_in(app, team["coordinator"])
    from caseapp.reports.services import request_dossier

    export = request_dossier([case.id], "advocate", team["coordinator"], "en")
    db.session.commit()
    for url in (f"/cases/{case.id}/report", f"/cases/{case.id}/report?profile=internal", "/reports/portfolio",
                "/reports/dossier", "/reports/exports", f"/reports/jobs/{export.id}"):
        response = client.get(url)
        page = response.get_data(as_text=True)
        assert response.status_code == 200, url
        assert "<style" not in page and " style=" not in page, url
        assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", page)), url
        assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]


def test_people_of_other_cases_are_hidden_too(app, team):
    from caseapp.persons import services as persons

    other = make_case(team["caseworker"], title="Earlier case")
    persons.create_person(other, {"name": "Dilnoza Karimova", "role": "informant"}, team["caseworker"])
    db.session.commit()
    case = case_with_people(team["caseworker"], coordinator=team["coordinator"])
    case.summary += " Dilnoza Karimova, from an earlier case, confirmed it."
    db.session.commit()
    text = " ".join(pdf_text(_signed_in(app, team["advocate"]).get(
        f"/cases/{case.id}/report.pdf?profile=advocate").data).split())
    assert "Karimova" not in text and "Dilnoza" not in text
    assert "[I-2],fromanearliercase" in "".join(text.split())  # the next informant code after this case's
