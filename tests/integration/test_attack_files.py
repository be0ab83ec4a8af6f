"""Files: path traversal, oversized and mislabelled uploads, and how files are kept and served.

Uploads: a source document (sources), a case import (transfer) and the copy check of the export
history (reports). Each is judged by its bytes, never by the name or Content-Type the browser
sends; a refusal is a clear message, never a 500. What is kept lives outside the web root under
names the app chooses; what is served is an attachment with a plain file name and nosniff.
"""
import io
import re
import secrets
import zipfile
import zlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from caseapp.cases.models import Case
from caseapp.extensions import db
from caseapp.reports.models import ReportExport
from caseapp.sources.models import Source
from tests.factories import bearer, login, make_org, make_token, make_user, post_form, verified_case
from tests.integration.crafted import pdf_sharing_one_stream

SAFE_NAME = re.compile(r'^attachment; filename=("?)[A-Za-z0-9][A-Za-z0-9._-]*\1$')


def _client(app, user):
    client = app.test_client()
    login(client, user.email)
    return client


def _files(root) -> list[Path]:
    return sorted(path for path in Path(root).rglob("*") if path.is_file())


# --- hostile files ----------------------------------------------------------------------------------

def _pdf(content: bytes) -> bytes:
    """A one-page PDF whose page content is `content`, deflated."""
    stream = zlib.compress(content, 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("cases.csv", b"title,sector\n" + b"0" * (30 * 1024 * 1024))
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 200
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56 + b"\xc3\x90\xff\xfe" * 16
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 50 + b"This program cannot be run in DOS mode.\xff\xfe"
# Built when a test asks, not when the suite is collected: the bombs take a moment to make.
HOSTILE_SOURCES = {
    "a PNG image": lambda: PNG,
    "a Linux executable": lambda: ELF,
    "a Windows executable": lambda: EXE,
    "a zip bomb": _zip_bomb,
    "a PDF whose page inflates past any real page": lambda: _pdf(b"0" * (120 * 1024 * 1024)),
    "a PDF whose text inflates to millions of characters": lambda: _pdf(
        b"BT /F1 12 Tf 72 700 Td (" + b"Workers held. " * 400_000 + b") Tj ET"),
    "a PDF header on an HTML page": lambda: b"%PDF-1.7\n<html><body><script>alert(1)</script></body></html>",
    "text with NUL bytes": lambda: b"Workers held\x00 in barracks\x00",
}


@pytest.mark.parametrize("kind", sorted(HOSTILE_SOURCES))
def test_mislabelled_upload_of_a_source_is_refused_by_its_content(app, team, kind):
    client = _client(app, team["caseworker"])
    response = post_form(client, "/sources/new", "/sources/new/upload", {
        "upload-file": (io.BytesIO(HOSTILE_SOURCES[kind]()), "report.pdf", "application/pdf"),
        "upload-title": "Report"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422, kind
    assert re.search(r"caseapp keeps web pages, PDF, plain text and e-mail|The PDF could not be read|more text than|"
                     r"This image could not be read",
                     page), kind
    assert db.session.scalar(select(func.count(Source.id))) == 0
    assert _files(app.config["SOURCE_STORE_PATH"]) == []  # a refused file never reaches the disk


def test_mislabelled_upload_of_a_pdf_that_takes_too_long_to_read_is_refused(app, team):
    app.config["SOURCE_EXTRACT_SECONDS"] = 1  # the real budget is 20 seconds
    client = _client(app, team["caseworker"])
    response = post_form(client, "/sources/new", "/sources/new/upload", {
        "upload-file": (io.BytesIO(pdf_sharing_one_stream(100)), "report.pdf", "application/pdf")})
    assert response.status_code == 422
    assert "took longer than 1 seconds" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Source.id))) == 0


def test_mislabelled_upload_of_an_html_page_named_report_pdf_is_kept_as_the_web_page_it_is(app, team):
    """Saved web pages are sources caseapp keeps; what one is comes from its bytes, not its name."""
    html = (b"<!doctype html><html><head><title>Crew held</title><script>alert(1)</script></head><body>"
            b"<article><p>The captain kept their passports in a locked drawer.</p><img src=x onerror=alert(2)>"
            b"</article></body></html>")
    client = _client(app, team["caseworker"])
    response = post_form(client, "/sources/new", "/sources/new/upload", {
        "upload-file": (io.BytesIO(html), "report.pdf", "application/pdf")})
    assert response.status_code == 302
    source = db.session.scalars(select(Source)).one()
    assert source.content_type == "text/html" and source.filename == "report.pdf"
    assert "alert(" not in source.current_text.text and "locked drawer" in source.current_text.text
    page = client.get(f"/sources/{source.id}").get_data(as_text=True)
    assert "<script>alert" not in page and "onerror=alert" not in page


HOSTILE_IMPORTS = {
    "a PNG image named cases.csv": (lambda: PNG, "cases.csv"),
    "a Linux executable": (lambda: ELF, "cases.csv"),
    "a Windows executable": (lambda: EXE, "cases.json"),
    "a zip bomb named cases.csv": (_zip_bomb, "cases.csv"),
    "a PDF named cases.csv": (lambda: _pdf(b"BT (title,sector) Tj ET"), "cases.csv"),
    "an HTML page named cases.csv": (lambda: b"<!doctype html><script>alert(1)</script>", "cases.csv"),
    "JSON nested past the parser's depth": (lambda: b"[" * 100_000, "cases.json"),
    "a CSV cell longer than the CSV reader takes": (
        lambda: b'title,sector\n"' + b"x" * 300_000 + b'",fishing\n', "cases.csv"),
    "a CSV quote that never closes": (lambda: b'title,sector\n"Crew held,fishing\n' + b"x" * 200_000, "cases.csv"),
    "a CSV line with NUL bytes": (lambda: b"title,sector\nCrew\x00held,fishing\n", "cases.csv"),
    "UTF-16 text": (lambda: "title,sector\nCrew held,fishing\n".encode("utf-16"), "cases.csv"),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE_IMPORTS))
def test_mislabelled_import_file_is_refused_with_a_clear_message(app, team, kind):
    make, name = HOSTILE_IMPORTS[kind]
    data = make()
    client = _client(app, team["caseworker"])
    response = post_form(client, "/cases/import", "/cases/import", {"file": (io.BytesIO(data), name, "text/csv")})
    page = response.get_data(as_text=True)
    assert response.status_code == 422, kind
    assert "Nothing was imported" in page, kind
    assert db.session.scalar(select(func.count(Case.id))) == 0


@pytest.mark.parametrize("kind", sorted(HOSTILE_SOURCES))
def test_mislabelled_upload_to_the_copy_check_is_hashed_never_read_or_kept(app, team, kind):
    client = _client(app, team["coordinator"])
    response = post_form(client, "/reports/exports", "/reports/exports", {
        "file": (io.BytesIO(HOSTILE_SOURCES[kind]()), "dossier.pdf", "application/pdf")})
    page = response.get_data(as_text=True)
    assert response.status_code == 200, kind
    assert "alert(" not in page and "Workers held" not in page  # the content is never shown back
    assert _files(app.config["REPORTS_PATH"]) == []


def test_the_copy_check_recognises_an_export_by_its_bytes_whatever_its_name(app, team):
    case = verified_case(team["caseworker"])
    client = _client(app, team["coordinator"])
    pdf = client.get(f"/cases/{case.id}/report.pdf?profile=advocate").data
    response = post_form(client, "/reports/exports", "/reports/exports", {
        "file": (io.BytesIO(pdf), "holiday-photo.png", "image/png")})
    export = db.session.scalars(select(ReportExport)).one()
    assert response.status_code == 200
    assert f"#{export.id} (case report" in response.get_data(as_text=True)


# --- oversized -------------------------------------------------------------------------------------

@pytest.fixture
def small_requests(make_config):
    make_config.MAX_CONTENT_LENGTH = 256 * 1024


UPLOADS = [("caseworker", "/sources/new", "/sources/new/upload", "upload-file"),
           ("caseworker", "/cases/import", "/cases/import", "file"),
           ("coordinator", "/reports/exports", "/reports/exports", "file")]


@pytest.mark.parametrize("role, page_url, action, field", UPLOADS)
def test_oversized_upload_is_refused_with_413_and_a_clear_page(small_requests, app, team, role, page_url, action,
                                                               field):
    client = _client(app, team[role])
    big = b"Workers held in barracks. " * 20_000  # 520 KB, over the 256 KB the app takes
    response = post_form(client, page_url, action, {field: (io.BytesIO(big), "notes.txt", "text/plain")})
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "The file is too large" in page and "256 KB" in page
    assert 'class="topbar"' in page  # the app's own page, with its navigation
    assert db.session.scalar(select(func.count(Source.id))) == 0
    assert db.session.scalar(select(func.count(Case.id))) == 0


def test_oversized_api_body_is_refused_with_413_in_json(small_requests, app, team):
    token = make_token(team["caseworker"])
    response = app.test_client().post("/api/v1/sources", headers=bearer(token),
                                      json={"text": "x" * 300_000, "title": "Big"})
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "too_large"


def test_an_import_over_its_own_limit_is_refused_with_a_clear_message(make_config, app, team):
    from caseapp.transfer.views import MAX_UPLOAD

    make_config.MAX_CONTENT_LENGTH = MAX_UPLOAD * 2  # the request passes; the import's own limit answers
    app.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD * 2
    client = _client(app, team["caseworker"])
    big = b"title,sector\n" + b"Crew held at sea,fishing\n" * (MAX_UPLOAD // 24)
    response = post_form(client, "/cases/import", "/cases/import", {"file": (io.BytesIO(big), "cases.csv",
                                                                             "text/csv")})
    assert response.status_code == 422
    assert "larger than 10 MB" in response.get_data(as_text=True)


# --- path traversal -------------------------------------------------------------------------------

TRAVERSALS = ["../config.py", "../../config.py", "../../../config.py", "..%2f..%2fconfig.py", "%2e%2e/%2e%2e/config.py",
              "%2e%2e%2f%2e%2e%2fconfig.py", "..%5c..%5cconfig.py", "..\\..\\config.py", "....//....//config.py",
              "css/../../../config.py", "css/..%2f..%2f..%2fconfig.py", "%252e%252e%252f%252e%252e%252fconfig.py",
              "/etc/passwd", "%2fetc%2fpasswd", "//etc/passwd", "css/app.css%00.html", "..%00/config.py",
              "%c0%ae%c0%ae/%c0%ae%c0%ae/config.py", "..;/..;/config.py", "../../instance/secret_key"]


def test_path_traversal_in_static_file_names_is_refused(client):
    assert client.get("/static/css/app.css").status_code == 200
    for path in TRAVERSALS:
        response = client.get("/static/" + path, follow_redirects=True)  # //x is merged to /x first
        body = response.get_data(as_text=True)
        assert response.status_code in (400, 404), (path, response.status_code)
        assert all(r.location.startswith(("/static/", "http://localhost/static/")) for r in response.history), path
        assert "SECRET_KEY" not in body and "root:" not in body, path


def test_path_traversal_in_download_formats_and_ids_is_refused(app, team):
    client = _client(app, team["coordinator"])
    for url in ["/cases/export.../../config.py", "/cases/export.csv%00.html", "/cases/export.%2e%2e%2fconfig",
                "/cases/export.csv/../../config.py", "/reports/portfolio.csv%00", "/reports/portfolio.../config",
                "/reports/jobs/..%2f..%2fconfig/dossier.pdf", "/reports/jobs/1%00/dossier.pdf",
                "/reports/jobs/-1/dossier.pdf", "/cases/import/template.csv/../../../config.py"]:
        response = client.get(url)
        assert response.status_code in (400, 404), (url, response.status_code)
        assert "SECRET_KEY" not in response.get_data(as_text=True), url


NAMES = ["../../../../../tmp/caseapp-evil.txt", "/etc/passwd", "..\\..\\..\\caseapp-evil.txt", "%2e%2e%2fevil.txt",
         "evil\x00.txt", "C:\\Windows\\caseapp-evil.txt", "\u202etxt.exe", "....//....//caseapp-evil.txt"]


@pytest.mark.parametrize("name", NAMES)
def test_path_traversal_in_an_uploaded_file_name_never_reaches_the_disk(app, team, name):
    client = _client(app, team["caseworker"])
    text = f"Notes on the crew, kept as {name!r}.".encode()
    response = post_form(client, "/sources/new", "/sources/new/upload", {
        "upload-file": (io.BytesIO(text), name, "text/plain")})
    assert response.status_code == 302
    source = db.session.scalars(select(Source)).one()
    # Kept under its SHA-256, in the store, outside the web root; the name is a label only.
    assert [p.name for p in _files(app.config["SOURCE_STORE_PATH"])] == [source.sha256]
    assert not any(ch in source.filename for ch in "/\\\x00\u202e") and source.filename not in ("", ".", "..")
    assert not Path("/tmp/caseapp-evil.txt").exists()


def test_path_traversal_in_an_import_file_name_is_only_a_label(app, team):
    client = _client(app, team["caseworker"])
    csv = b"title,sector\nCrew held at sea,fishing\n"
    response = post_form(client, "/cases/import", "/cases/import", {
        "file": (io.BytesIO(csv), "../../../../tmp/caseapp-evil.csv", "text/csv")})
    assert response.status_code == 302
    assert not Path("/tmp/caseapp-evil.csv").exists()


def test_path_traversal_through_a_tampered_dossier_file_key_is_refused(app, team):
    """Should a file key ever hold a path, the download still serves only files of the reports folder."""
    from caseapp.reports import services as reports

    case = verified_case(team["caseworker"])
    export = reports.request_dossier([case.id], "advocate", team["coordinator"], "en")
    db.session.commit()
    reports.build_dossier(export)
    db.session.commit()
    outside = Path(app.config["REPORTS_PATH"]).parent / f"caseapp-outside-{secrets.token_hex(4)}"
    outside.with_suffix(".pdf").write_bytes(b"%PDF-1.4 not a dossier: a file outside the reports folder")
    try:
        export.file_key = f"../{outside.name}"
        db.session.commit()
        client = _client(app, team["coordinator"])
        response = client.get(f"/reports/jobs/{export.id}/dossier.pdf")
        assert response.status_code == 404
        assert b"not a dossier" not in response.data
    finally:
        outside.with_suffix(".pdf").unlink()


def test_path_traversal_in_command_line_case_ids_is_refused(app, tmp_path):
    result = app.test_cli_runner().invoke(args=["report", "dossier", "--cases", "1,../2", "--profile", "internal",
                                                "-o", str(tmp_path / "d.pdf")])
    assert result.exit_code != 0 and "numbers separated by commas" in result.output
    assert not (tmp_path / "d.pdf").exists()


# --- how files are kept and served ------------------------------------------------------------------

def test_kept_files_live_outside_the_web_root_under_names_the_app_chooses(app, team):
    from caseapp.reports import services as reports
    from caseapp.sources import services as sources

    static = Path(app.static_folder).resolve()
    for setting in ("SOURCE_STORE_PATH", "REPORTS_PATH"):
        assert not Path(app.config[setting]).resolve().is_relative_to(static), setting
    source = sources.add_from_upload(b"Crew held at sea.", "crew.txt", {}, team["caseworker"]).source
    case = verified_case(team["caseworker"])
    export = reports.request_dossier([case.id], "advocate", team["coordinator"], "en")
    db.session.commit()
    reports.build_dossier(export)
    db.session.commit()
    assert [p.name for p in _files(app.config["SOURCE_STORE_PATH"])] == [source.sha256]
    assert re.fullmatch(r"[0-9a-f]{32,}", export.file_key)
    assert {p.name for p in _files(app.config["REPORTS_PATH"])} == {f"{export.file_key}.pdf",
                                                                     f"{export.file_key}.manifest.json"}


def test_every_download_is_an_attachment_with_a_safe_name_and_nosniff(app, team):
    from caseapp.reports import services as reports

    case = verified_case(team["caseworker"])
    export = reports.request_dossier([case.id], "advocate", team["coordinator"], "en")
    db.session.commit()
    reports.build_dossier(export)
    db.session.commit()
    client = _client(app, team["coordinator"])
    urls = [f"/cases/{case.id}/report.pdf?profile=advocate", "/reports/portfolio.pdf", "/reports/portfolio.csv",
            "/reports/portfolio.json", "/cases/export.csv", "/cases/export.json", "/cases/import/template.csv",
            f"/reports/jobs/{export.id}/dossier.pdf", f"/reports/jobs/{export.id}/dossier.manifest.json"]
    token = make_token(team["coordinator"])
    api = [f"/api/v1/cases/{case.id}/report.pdf?profile=advocate", f"/api/v1/reports/dossiers/{export.id}/dossier.pdf",
           f"/api/v1/reports/dossiers/{export.id}/dossier.manifest.json"]
    responses = [(url, client.get(url)) for url in urls] + [
        (url, app.test_client().get(url, headers=bearer(token))) for url in api]
    for url, response in responses:
        assert response.status_code == 200, url
        assert SAFE_NAME.match(response.headers.get("Content-Disposition", "")), (url, response.headers)
        assert response.headers["X-Content-Type-Options"] == "nosniff", url
        assert response.mimetype in {"application/pdf", "text/csv", "application/json"}, url


def test_a_hostile_organisation_code_cannot_reach_a_download_s_file_name(app):
    """Case references, which name report files, are built from a code of capitals and digits only."""
    from caseapp.auth import services as auth
    from caseapp.errors import ServiceError

    for code in ['A"; filename=evil.html', "A\r\nX-Evil: 1", "../ETC", "a/b"]:
        with pytest.raises(ServiceError):
            auth.create_organisation(f"Org {code}", code, None)
    db.session.rollback()
    org = make_org()
    case = verified_case(make_user(org))
    assert re.fullmatch(r"[A-Z][A-Z0-9]{1,11}-\d{4}-\d{4}", case.reference)
