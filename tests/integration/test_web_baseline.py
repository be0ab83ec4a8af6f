"""Headers, cookies, CSRF, error pages and the language switch."""
import re

import pytest

from caseapp.security import CONTENT_SECURITY_POLICY
from tests.factories import csrf_token, login, make_case, make_org, make_user, post_form


def test_pages_carry_a_strict_policy_and_no_cache(client):
    login(client, make_user(make_org()).email)
    response = client.get("/cases")
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "script-src 'self'"):
        assert directive in CONTENT_SECURITY_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"


def test_static_files_may_be_cached(client):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200 and response.headers.get("Cache-Control") != "no-store"


def test_pages_have_no_inline_script_or_style(client):
    user = make_user(make_org())
    case = make_case(user)
    login(client, user.email)
    for url in ["/login", "/cases", "/cases/new", f"/cases/{case.id}", "/profile"]:
        page = client.get(url).get_data(as_text=True)
        # Scripts only as files the app serves itself (script-src 'self'), never inline.
        scripts = re.findall(r"<script\b[^>]*>", page)
        assert all(re.fullmatch(r'<script src="/static/js/[a-z]+\.js" defer>', tag) for tag in scripts), url
        assert "<style" not in page and " style=" not in page, url


def test_the_session_cookie_is_httponly_and_samesite_lax(client):
    response = login(client, make_user(make_org()).email)
    [cookie] = [value for value in response.headers.getlist("Set-Cookie") if value.startswith("session=")]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize("url, data", [("/cases/new", {"title": "x", "sector": "other"}), ("/profile/tokens", {"label": "x"}),
                                       ("/language", {"lang": "nl"})])
def test_forms_without_a_csrf_token_are_refused(client, url, data):
    login(client, make_user(make_org()).email)
    response = client.post(url, data=data)
    assert response.status_code == 400
    assert "The form has expired" in response.get_data(as_text=True)


def test_a_login_post_without_csrf_is_refused(client):
    user = make_user(make_org())
    response = client.post("/login", data={"email": user.email, "password": "correct horse battery staple"})
    assert response.status_code == 400


def test_error_pages_are_in_the_app_s_style(client):
    login(client, make_user(make_org()).email)
    missing = client.get("/cases/424242")
    assert missing.status_code == 404 and "Not found" in missing.get_data(as_text=True)
    assert 'class="topbar"' in missing.get_data(as_text=True)
    forbidden = client.get("/admin/users")
    assert forbidden.status_code == 403 and "Not allowed" in forbidden.get_data(as_text=True)
    assert client.get("/no/such/page").status_code == 404


def test_the_language_switch_turns_the_interface_dutch(client):
    login(client, make_user(make_org()).email)
    response = post_form(client, "/cases", "/language", {"lang": "nl", "next": "/cases"})
    assert response.location == "/cases"
    page = client.get("/cases").get_data(as_text=True)
    assert '<html lang="nl" dir="ltr">' in page and "Nieuwe zaak" in page and "Zaken" in page


def test_the_browser_s_language_is_used_until_one_is_chosen(client):
    page = client.get("/login", headers={"Accept-Language": "nl-NL,nl;q=0.9"}).get_data(as_text=True)
    assert "Inloggen" in page


def test_the_language_switch_ignores_unknown_languages_and_foreign_next(client):
    token = csrf_token(client, "/login")
    response = client.post("/language", data={"lang": "xx", "next": "https://evil.example", "csrf_token": token})
    assert response.location == "/"


def test_health_answers_without_login(client):
    assert client.get("/health").get_json() == {"status": "ok"}


def test_no_attribute_is_ever_rendered_as_the_text_none(client):
    user = make_user(make_org())
    case = make_case(user)
    login(client, user.email)
    for url in ["/login", "/cases/new", f"/cases/{case.id}", f"/cases/{case.id}/edit", "/profile", "/parties/new"]:
        page = client.get(url).get_data(as_text=True)
        assert '="None"' not in page, url
        assert page.count("autofocus") <= 1, url
