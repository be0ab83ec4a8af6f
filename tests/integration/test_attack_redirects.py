"""Open redirects: no `next=` or other return target sends a user to another site.

Routes that take a target: sign-in (and its second step), re-authentication, the language
switch, the sign-in redirect of the gate, the proposals' `back`, and the party form's `case_id`.
Each is fed the usual tricks; the answer must be a redirect to a path on this site, as a
browser reads it (browsers drop tabs and newlines and read `\\` as `/`).
"""
import re
from datetime import timedelta
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from caseapp.auth.models import UserSession
from caseapp.db import utcnow
from caseapp.extensions import db
from tests.factories import PASSWORD, csrf_token, login, make_org, make_user, post_form, totp_code

EVIL = [
    "https://evil.example", "http://evil.example/cases", "HTTPS://evil.example", "//evil.example",
    "///evil.example", "////evil.example/", "/\\evil.example", "\\\\evil.example", "\\/evil.example",
    "/\\/evil.example", "//\\evil.example", "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
    "java\tscript:alert(1)", "javascript://%0aalert(1)", "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)", "/%5Cevil.example", "/%5C%5Cevil.example", "%2F%2Fevil.example", "%5C%5Cevil.example",
    "/%2F%2Fevil.example", "/%252F%252Fevil.example", "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example",
    "\t//evil.example", " //evil.example", "\x00//evil.example", "/\x00/evil.example", "https:evil.example",
    "http:/evil.example", "https:/\\evil.example", "evil.example", "@evil.example", "//evil.example@localhost/",
    "//localhost@evil.example", "/cases\r\nLocation: https://evil.example", "／／evil.example", "/\u2215evil.example",
    "\u3002/evil.example", "//evil。example", "/" + "a" * 5000,
]


def lands_on_this_site(location: str | None) -> bool:
    """Whether a browser following this Location stays on this site (https://localhost)."""
    if location is None:
        return False
    for origin in ("http://localhost/", "https://localhost/"):
        if location.startswith(origin):
            location = location[len(origin) - 1:]
    # What a browser does before resolving: drop tabs and newlines, strip C0 and spaces, read \ as /.
    normal = re.sub(r"[\t\n\r]", "", location).strip("".join(map(chr, range(33)))).replace("\\", "/")
    return normal == location and normal.startswith("/") and not normal.startswith("//")


def test_the_check_itself_tells_a_path_from_another_site():
    assert lands_on_this_site("/cases") and lands_on_this_site("http://localhost/cases?x=//y")
    for location in ("//evil.example", "/\\evil.example", "https://evil.example", "javascript:x", "/\t/evil",
                     " /cases", None):
        assert not lands_on_this_site(location), location


@pytest.fixture
def caseworker():
    return make_user(make_org(), "caseworker")


def test_open_redirect_through_login_next_is_refused(app, caseworker):
    wrong = []
    for target in EVIL:
        client = app.test_client()
        assert client.get("/login?next=" + quote(target, safe="")).status_code == 200
        response = client.post("/login", data={"email": caseworker.email, "password": PASSWORD, "next": target,
                                               "csrf_token": csrf_token(client, "/login")})
        if response.status_code != 302 or not lands_on_this_site(response.location):
            wrong.append((target, response.status_code, response.location))
    assert wrong == []


def test_open_redirect_through_the_second_sign_in_step_is_refused(app):
    coordinator = make_user(make_org(), "coordinator", two_factor=True)
    wrong = []
    for target in EVIL:
        client = app.test_client()
        first = client.post("/login", data={"email": coordinator.email, "password": PASSWORD, "next": target,
                                            "csrf_token": csrf_token(client, "/login")})
        assert first.location == "/login/two-factor"
        response = client.post("/login/two-factor", data={"code": totp_code(coordinator),
                                                          "csrf_token": csrf_token(client, "/login/two-factor")})
        if response.status_code != 302 or not lands_on_this_site(response.location):
            wrong.append((target, response.status_code, response.location))
    assert wrong == []


def _stale(user):
    """Make the user's sign-in old enough that sensitive pages ask for the password again."""
    for row in db.session.query(UserSession).filter_by(user_id=user.id):
        row.authenticated_at = utcnow() - timedelta(days=1)
    db.session.commit()


def test_open_redirect_through_reauthentication_next_is_refused(app, caseworker):
    client = app.test_client()
    login(client, caseworker.email)
    wrong = []
    for target in EVIL:
        _stale(caseworker)
        assert client.get("/reauthenticate?next=" + quote(target, safe="")).status_code == 200
        response = post_form(client, "/reauthenticate", "/reauthenticate", {"password": PASSWORD, "next": target})
        if response.status_code != 302 or not lands_on_this_site(response.location):
            wrong.append((target, response.status_code, response.location))
    assert wrong == []


@pytest.mark.parametrize("referer", ["http://localhost//evil.example", "http://localhost/\\evil.example",
                                     "http://localhost/%2F%2Fevil.example", "https://evil.example/admin/users",
                                     "http://localhost.evil.example/x"])
def test_open_redirect_through_the_referer_of_a_refused_post_is_refused(app, referer):
    admin = make_user(make_org(), "admin", two_factor=True)
    client = app.test_client()
    login(client, admin.email)
    _stale(admin)
    gate = client.post(f"/admin/users/{admin.id}/active", headers={"Referer": referer},
                       data={"csrf_token": csrf_token(client, "/cases")})
    assert gate.status_code == 302 and gate.location.startswith("/reauthenticate?next=")
    page = client.get(gate.location)
    target = re.search(r'name="next" type="hidden" value="([^"]*)"', page.get_data(as_text=True)).group(1)
    response = post_form(client, "/reauthenticate", "/reauthenticate",
                         {"password": PASSWORD, "code": totp_code(admin), "next": target.replace("&amp;", "&")})
    assert response.status_code == 302
    assert lands_on_this_site(response.location), response.location


def test_open_redirect_through_the_language_switch_is_refused(app):
    client = app.test_client()
    token = csrf_token(client, "/login")
    wrong = []
    for target in EVIL:
        response = client.post("/language", data={"lang": "nl", "next": target, "csrf_token": token})
        if response.status_code != 302 or not lands_on_this_site(response.location):
            wrong.append((target, response.status_code, response.location))
    assert wrong == []


@pytest.mark.parametrize("target", ["https://evil.example", "//evil.example", "/\\evil.example", "assessment//x"])
def test_open_redirect_through_a_proposal_s_back_is_refused(app, caseworker, target):
    from caseapp.cases.models import Case
    from caseapp.sources import services as sources
    from tests.factories import make_case

    case = make_case(caseworker)
    source = sources.add_from_paste("The guard kept their passports.", {"title": "Notes"}, None, caseworker).source
    db.session.commit()
    client = app.test_client()
    login(client, caseworker.email)
    response = post_form(client, f"/sources/{source.id}", f"/sources/{source.id}/proposals/dismiss",
                         {"case_id": str(case.id), "kind": "indicator", "name": "retention_of_identity_documents",
                          "start": "0", "end": "5", "back": target})
    assert response.status_code == 302 and db.session.get(Case, case.id) is not None
    assert lands_on_this_site(response.location), response.location


@pytest.mark.parametrize("target", ["//evil.example", "https://evil.example", "1/../../evil", "1#//evil.example"])
def test_open_redirect_through_the_party_form_s_case_is_refused(app, caseworker, target):
    client = app.test_client()
    login(client, caseworker.email)
    response = post_form(client, "/parties/new", "/parties/new?case_id=" + quote(target, safe=""),
                         {"name": "Gulf Agency", "kind": "recruiter", "case_id": target, "confirm_new": "1"})
    assert response.status_code == 302
    assert lands_on_this_site(response.location), response.location


@pytest.mark.parametrize("path", ["/cases?x=//evil.example", "/cases?next=https://evil.example",
                                  "/parties?q=%5Cevil.example", "/cases/mine?a=%0d%0aLocation:%20https://evil.example"])
def test_the_sign_in_redirect_of_the_gate_keeps_a_path_on_this_site(app, caseworker, path):
    client = app.test_client()
    gate = client.get(path)
    assert gate.status_code == 302 and gate.location.startswith("/login?next=")
    target = parse_qs(urlsplit(gate.location).query)["next"][0]
    response = login(client, caseworker.email, next_url=target)
    assert response.location == target and lands_on_this_site(response.location), response.location
