"""Sources: fetching safely, uploads by content, pasting, duplicates, revisions, integrity."""
import io
import json

import pytest

from caseapp.audit.models import AuditEntry
from caseapp.extensions import db
from caseapp.sources.models import Source, SourceText
from caseapp.sources.store import sha256_hex
from tests.factories import bearer, login, make_case, make_org, make_token, make_user, post_form
from tests.integration import sites


@pytest.fixture(scope="module")
def site():
    server, port = sites.serve()
    yield f"http://localhost:{port}"
    server.shutdown()


@pytest.fixture
def allow_localhost(make_config):
    # The test site is reached by the name "localhost" only: any other spelling stays refused.
    make_config.SOURCE_FETCH_ALLOWED_HOSTS = "localhost"


@pytest.fixture
def caseworker():
    return make_user(make_org(), "caseworker")


@pytest.fixture
def headers(caseworker):
    return bearer(make_token(caseworker))


def _add(client, headers, **body):
    return client.post("/api/v1/sources", json=body, headers=headers)


def _stored():
    return db.session.scalars(db.select(Source)).all()


def test_a_fetched_page_is_preserved_with_its_bytes_headers_and_main_text(allow_localhost, client, headers, site):
    response = _add(client, headers, url=f"{site}/moved", reliability="B", kind="news_article")
    assert response.status_code == 201, response.get_json()
    source = response.get_json()
    assert source["final_url"] == f"{site}/article" and source["url"] == f"{site}/moved"
    assert source["http_status"] == 200 and source["sha256"] == sha256_hex(sites.ARTICLE.encode())
    assert source["title"] == "Crew held at sea" and source["language"] == "en" and source["reliability"] == "B"
    assert "text/html" in source["http_headers"]["Content-Type"]
    text = client.get(f"/api/v1/sources/{source['id']}/text", headers=headers).get_json()
    assert "never called at port" in text["text"] and "Home | World" not in text["text"]
    assert "scripted" not in text["text"] and text["revision"] == 1
    assert text["text_sha256"] == sha256_hex(text["text"].encode())


def test_the_same_page_or_bytes_again_answers_200_with_the_stored_source(allow_localhost, client, headers, site):
    first = _add(client, headers, url=f"{site}/article").get_json()
    again = _add(client, headers, url=f"{site}/moved")
    assert again.status_code == 200 and again.get_json()["id"] == first["id"]
    upload = client.post("/api/v1/sources", headers=headers, content_type="multipart/form-data",
                         data={"file": (io.BytesIO(sites.ARTICLE.encode()), "saved-page.html")})
    assert upload.status_code == 200 and upload.get_json()["id"] == first["id"]
    assert len(_stored()) == 1


@pytest.mark.parametrize("path, reason", [("/loop", "more than 5 times"), ("/huge", "larger than"),
                                          ("/image", "web pages, PDF"), ("/missing", "404")])
def test_refused_or_failed_fetches_are_422_and_store_nothing(allow_localhost, client, headers, site, path, reason):
    response = _add(client, headers, url=f"{site}{path}")
    assert response.status_code == 422
    assert reason in response.get_json()["error"]["fields"]["url" if path != "/image" else "file"]
    assert _stored() == []


def test_a_redirect_to_a_private_address_is_refused(allow_localhost, client, headers, site):
    port = site.rsplit(":", 1)[1]
    response = _add(client, headers, url=f"{site}/to/http://127.0.0.1:{port}/article")
    assert response.status_code == 422 and "private or reserved" in response.get_json()["error"]["message"]
    assert _stored() == []


@pytest.mark.parametrize("url", ["http://localhost/", "http://127.0.0.1/", "http://[::1]/", "http://2130706433/",
                                 "http://0x7f.0.0.1/", "http://0177.0.0.1/", "http://127.1/", "http://0.0.0.0/",
                                 "http://[::ffff:127.0.0.1]/", "http://169.254.169.254/latest/meta-data/",
                                 "http://10.1.2.3/", "http://192.168.1.1/", "http://[fd00::1]/",
                                 "http://[2002:a9fe:a9fe::]/", "http://[2002:7f00:1::]/", "http://[fec0::1]/",
                                 "http://[64:ff9b::7f00:1]/", "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
                                 "http://localtest.me/", "file:///etc/passwd", "gopher://127.0.0.1/",
                                 "ftp://example.com/", "http://user:pw@127.0.0.1/"])
def test_every_spelling_of_a_private_address_is_refused(client, headers, url):
    response = _add(client, headers, url=url)
    assert response.status_code == 422, url
    assert _stored() == []


def test_uploads_are_read_by_their_content(client, headers, tmp_path):
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    pdf = HTML(string="<p>Inspection report: nine workers without contracts.</p>",
               url_fetcher=URLFetcher(allowed_protocols=("data",))).write_pdf()
    eml = (b"From: field@ngo.example\r\nTo: desk@ngo.example\r\nSubject: Visit to the farm\r\n"
           b"Date: Tue, 5 Mar 2024 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
           b"The pickers said the supervisor holds their passports.\r\n")
    files = {"report.pdf": (pdf, "nine workers without contracts"),
             "mail.eml": (eml, "supervisor holds their passports"),
             "notes.txt": ("Notizen: Die Arbeiter schliefen im Container.".encode(), "im Container"),
             "page.htm": (sites.ARTICLE.encode(), "never called at port")}
    for name, (data, phrase) in files.items():
        response = client.post("/api/v1/sources", headers=headers, content_type="multipart/form-data",
                               data={"file": (io.BytesIO(data), name), "kind": "ngo_report"})
        assert response.status_code == 201, (name, response.get_json())
        text = client.get(f"/api/v1/sources/{response.get_json()['id']}/text", headers=headers).get_json()["text"]
        assert phrase in text, name
    mail = db.session.scalars(db.select(Source).filter_by(filename="mail.eml")).one()
    assert mail.title == "Visit to the farm" and mail.content_type == "message/rfc822"


@pytest.mark.parametrize("name, data", [("photo.txt", sites.PNG), ("empty.html", b""),
                                        ("tool.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100)])
def test_mislabelled_or_empty_uploads_are_refused(client, headers, name, data):
    response = client.post("/api/v1/sources", headers=headers, content_type="multipart/form-data",
                           data={"file": (io.BytesIO(data), name)})
    assert response.status_code == 422 and _stored() == []


def test_pasted_text_is_kept_with_what_was_given(client, headers):
    response = _add(client, headers, text="Правозащитники: рабочих держали в бараках.", title="Звонок",
                    publisher="Phone notes", url="https://example.org/paywalled", published_on="2024-02")
    source = response.get_json()
    assert response.status_code == 201 and source["language"] == "ru" and source["published_on"] == "2024-02"
    assert source["origin"] == "paste" and source["url"] == "https://example.org/paywalled"


@pytest.mark.parametrize("body, field", [({"text": "x", "url": "javascript:alert(1)"}, "url"),
                                         ({"text": "x", "reliability": "Z"}, "reliability"),
                                         ({"text": "x", "kind": "rumour"}, "kind"),
                                         ({"text": "x", "published_on": "2024-13"}, "published_on"),
                                         ({"text": ["x"]}, "text"), ({}, "url")])
def test_source_fields_are_checked(client, headers, body, field):
    response = _add(client, headers, **body)
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]


def test_a_correction_is_a_new_revision_and_old_quotes_keep_theirs(client, caseworker, headers):
    case = make_case(caseworker)
    source = _add(client, headers, text="Wages were pid late.").get_json()
    quote = client.post(f"/api/v1/sources/{source['id']}/excerpts", headers=headers,
                        json={"case_id": case.id, "start": 0, "end": 5, "quote": "Wages"}).get_json()
    revised = client.post(f"/api/v1/sources/{source['id']}/revisions", headers=headers,
                          json={"text": "Wages were paid late.", "reason": "typo in the transcript"})
    assert revised.status_code == 201 and revised.get_json()["revision"] == 2
    assert client.get(f"/api/v1/sources/{source['id']}", headers=headers).get_json()["revision"] == 2
    old = client.get(f"/api/v1/sources/{source['id']}/text?revision=1", headers=headers).get_json()
    assert old["text"] == "Wages were pid late."
    assert client.get(f"/api/v1/cases/{case.id}/excerpts", headers=headers).get_json()["items"][0]["revision"] == 1
    assert quote["revision"] == 1
    assert len(db.session.scalars(db.select(SourceText)).all()) == 2


def test_verify_finds_a_tampered_snapshot_and_a_tampered_text(app, client, headers):
    clean = _add(client, headers, text="Nothing to see.").get_json()
    bad_bytes = _add(client, headers, text="Snapshot to tamper with.").get_json()
    bad_text = _add(client, headers, text="Text to tamper with.").get_json()
    result = app.test_cli_runner().invoke(args=["sources", "verify"])
    assert result.exit_code == 0 and "3 sources checked" in result.output
    from caseapp.sources.store import SnapshotStore

    path = SnapshotStore(app.config["SOURCE_STORE_PATH"]).path_for(bad_bytes["sha256"])
    path.chmod(0o644)
    path.write_bytes(b"Snapshot tampered with.")
    db.session.execute(db.update(SourceText).where(SourceText.source_id == bad_text["id"])
                       .values(text="Text tampered with."))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["sources", "verify"])
    assert result.exit_code != 0
    assert f"source {bad_bytes['id']}: snapshot changed" in result.output
    assert f"source {bad_text['id']}: text changed (revision 1)" in result.output
    assert f"source {clean['id']}:" not in result.output


def test_admins_see_the_check_in_the_web_ui(client):
    org = make_org()
    admin, worker = make_user(org, "admin"), make_user(org, "caseworker")
    _add(client, bearer(make_token(worker)), text="Kept text.")
    login(client, admin.email)
    page = client.get("/admin/sources/verify").get_data(as_text=True)
    assert "All 1 source is intact." in page


def test_sources_belong_to_their_organisation(client, headers):
    theirs = _add(client, bearer(make_token(make_user(make_org(), "coordinator"))), text="Theirs.").get_json()
    assert client.get(f"/api/v1/sources/{theirs['id']}", headers=headers).status_code == 404
    assert client.get(f"/api/v1/sources/{theirs['id']}/text", headers=headers).status_code == 404
    assert theirs["id"] not in [s["id"] for s in client.get("/api/v1/sources", headers=headers).get_json()["items"]]
    same_bytes = _add(client, headers, text="Theirs.")
    assert same_bytes.status_code == 201 and same_bytes.get_json()["id"] != theirs["id"]


def test_stored_html_is_never_rendered_as_html(allow_localhost, client, caseworker, headers):
    hostile = "<script>alert('x')</script><img src=x onerror=alert(1)> Workers kept in <b>barracks</b>."
    source = _add(client, headers, text=hostile, title="<b>bold title</b>").get_json()
    login(client, caseworker.email)
    page = client.get(f"/sources/{source['id']}").get_data(as_text=True)
    assert "<script>alert(" not in page and "<img src=x" not in page and "<b>barracks" not in page
    assert "&lt;script&gt;" in page and "&lt;b&gt;bold title&lt;/b&gt;" in page


def test_adding_a_source_is_audited(client, headers):
    source = _add(client, headers, text="Audited.").get_json()
    entry = db.session.scalars(db.select(AuditEntry).filter_by(action="source.create")).one()
    assert entry.object_id == source["id"] and entry.changes["sha256"]["new"] == source["sha256"]


def test_the_add_page_fetches_uploads_and_pastes(allow_localhost, client, caseworker, site):
    login(client, caseworker.email)
    fetched = post_form(client, "/sources/new", "/sources/new/url", {"byurl-url": f"{site}/article",
                                                                     "byurl-kind": "news_article",
                                                                     "byurl-reliability": "C"})
    assert fetched.status_code == 302
    pasted = post_form(client, "/sources/new", "/sources/new/paste", {"paste-text": "Printed leaflet text.",
                                                                       "paste-kind": "other",
                                                                       "paste-reliability": "F"})
    assert pasted.status_code == 302
    refused = post_form(client, "/sources/new", "/sources/new/url", {"byurl-url": "http://127.0.0.1/",
                                                                     "byurl-kind": "news_article",
                                                                     "byurl-reliability": "C"})
    assert refused.status_code == 422 and "private or reserved" in refused.get_data(as_text=True)
    assert 'value="http://127.0.0.1/"' in refused.get_data(as_text=True)
    assert len(_stored()) == 2
    assert json.loads(json.dumps([s.sha256 for s in _stored()]))
