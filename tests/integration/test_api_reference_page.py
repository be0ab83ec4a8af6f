"""/docs/api: the API reference page, for signed-in users, from the same document the API serves."""
import re

from caseapp.api.openapi import document
from tests.factories import login, make_org, make_user


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get("/docs/api")
    assert response.status_code == 302 and "/login" in response.location


def test_the_page_shows_every_operation_its_example_and_every_schema(app, client):
    user = make_user(make_org(), "advocate")
    login(client, user.email)
    page = client.get("/docs/api")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    doc = document()
    for item in doc["paths"].values():
        for spec in item.values():
            assert f'id="{spec["operationId"]}"' in html
    for name in doc["components"]["schemas"]:
        assert f'id="schema-{name}"' in html
    assert "curl -X POST &#39;https://caseapp.example.org/api/v1/cases&#39;" in html
    assert "DEMO-2026-0007" in html or "&#34;reference&#34;" in html  # a recorded answer is shown
    assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", html) and "style=" not in html  # nothing inline


def test_the_footer_links_to_the_reference_for_signed_in_users(app, client):
    login(client, make_user(make_org(), "caseworker").email)
    assert 'href="/docs/api"' in client.get("/cases/").get_data(as_text=True)


def test_a_signed_in_browser_can_download_the_document_the_api_serves(app, client):
    assert client.get("/docs/api/openapi.json").status_code == 302
    login(client, make_user(make_org(), "advocate").email)
    answer = client.get("/docs/api/openapi.json")
    assert answer.status_code == 200 and "attachment" in answer.headers["Content-Disposition"]
    assert answer.get_json() == document()


def test_backticks_in_the_document_are_shown_as_code_and_constraints_in_words(app, client):
    login(client, make_user(make_org(), "caseworker").email)
    html = client.get("/docs/api").get_data(as_text=True)
    assert "<code>flask users token</code>" in html and "`" not in html.split("<main")[1].split("<pre")[0]
    assert "in the query; from 1; up to 100; default 25" in html  # the list's limit parameter
    assert "at least 1 characters" not in html and "not empty" in html
