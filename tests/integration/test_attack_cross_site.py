"""Attack review, item 7: a link on another site cannot make a signed-in browser write audit entries.

A page elsewhere linking (or embedding an image of) /persons/5 or /cases/5/report.pdf made the browser
record `person.view` or start `report.export`. GETs that record a read or build an export now go ahead
only from this site, or typed or bookmarked (Sec-Fetch-Site `same-origin` or `none`; without it, an
Origin or Referer of this site, or none); otherwise a page asks for a click, a POST with CSRF.
"""
import pytest
from sqlalchemy import func, select

from caseapp.audit.models import AuditEntry
from caseapp.extensions import db
from caseapp.persons import services as persons
from tests.factories import csrf_token, login, make_case, make_org, make_user

HERE = "http://localhost"


@pytest.fixture
def informant_case():
    org = make_org()
    coordinator, admin = make_user(org, "coordinator"), make_user(org, "admin")
    case = make_case(coordinator)
    person = persons.create_person(case, {"name": "Kim Ae-ri", "role": "informant"}, coordinator)
    db.session.commit()
    return {"coordinator": coordinator, "admin": admin, "case": case, "person": person}


PAGES = [
    ("coordinator", "/cases/{case}"),
    ("coordinator", "/persons/{person}"),
    ("coordinator", "/persons/{person}/edit"),
    ("coordinator", "/cases/{case}/report?profile=internal"),
    ("admin", "/admin/persons/{person}"),
    ("coordinator", "/cases/{case}/report.pdf?profile=internal"),
    ("coordinator", "/reports/portfolio.pdf"),
    ("coordinator", "/reports/portfolio.csv"),
    ("coordinator", "/cases/export.csv"),
    ("admin", "/admin/persons/{person}/subject-access.json"),
]


def _url(template, informant_case):
    return template.format(case=informant_case["case"].id, person=informant_case["person"].id)


def _entries():
    return db.session.scalar(select(func.count()).select_from(AuditEntry))


@pytest.mark.parametrize("role, address", PAGES)
@pytest.mark.parametrize("headers", [{"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
                                     {"Referer": "https://evil.example/page"}, {"Origin": "https://evil.example"}],
                         ids=["sec-fetch cross-site", "sec-fetch same-site", "referer", "origin"])
def test_a_link_from_another_site_records_nothing_and_asks_first(app, client, informant_case, role, address, headers):
    login(client, informant_case[role].email)
    before = _entries()
    answer = client.get(_url(address, informant_case), headers=headers)
    assert answer.status_code == 200 and b"Open this page?" in answer.data
    assert answer.mimetype == "text/html" and b"Kim Ae-ri" not in answer.data
    assert _entries() == before


@pytest.mark.parametrize("role, address", PAGES)
@pytest.mark.parametrize("headers", [{"Sec-Fetch-Site": "same-origin"}, {"Sec-Fetch-Site": "none"},
                                     {"Referer": f"{HERE}/cases"}, {}],
                         ids=["sec-fetch same-origin", "sec-fetch none (typed)", "referer here", "no header"])
def test_from_this_site_or_typed_it_goes_ahead_and_is_recorded(app, client, informant_case, role, address, headers):
    login(client, informant_case[role].email)
    before = _entries()
    answer = client.get(_url(address, informant_case), headers=headers)
    assert answer.status_code == 200 and b"Open this page?" not in answer.data
    assert _entries() > before


@pytest.mark.parametrize("role, address", PAGES)
def test_the_button_goes_on_to_the_page_asked_for(app, client, informant_case, role, address):
    login(client, informant_case[role].email)
    target = _url(address, informant_case)
    asked = client.get(target, headers={"Sec-Fetch-Site": "cross-site"})
    assert f'name="target" value="{target}"'.replace("&", "&amp;").encode() in asked.data
    before = _entries()
    confirmed = client.post("/visit", data={"csrf_token": csrf_token(client, "/cases"), "target": target})
    assert confirmed.status_code == 303 and confirmed.location == target
    assert client.get(confirmed.location, headers={"Sec-Fetch-Site": "same-origin"}).status_code == 200
    assert _entries() > before


@pytest.mark.parametrize("role, address", PAGES)
def test_without_any_header_the_strict_cookie_decides(app, client, informant_case, role, address):
    """Plain HTTP (no Sec-Fetch-*), and a page that sends no Referer: only the SameSite=Strict cookie tells."""
    login(client, informant_case[role].email)
    assert client.get_cookie("caseapp_site") is not None  # set once signed in
    client.delete_cookie("caseapp_site")  # what a browser leaves out of a navigation from another site
    before = _entries()
    answer = client.get(_url(address, informant_case))
    assert answer.status_code == 200 and b"Open this page?" in answer.data and _entries() == before


def test_the_strict_cookie_is_strict_and_holds_nothing(app, client, informant_case):
    assert client.get("/login").status_code == 200 and client.get_cookie("caseapp_site") is None
    login(client, informant_case["coordinator"].email)
    cookie = client.get_cookie("caseapp_site")
    assert cookie.value == "1" and cookie.same_site == "Strict" and cookie.http_only


@pytest.mark.parametrize("target", ["/cases", "//evil.example/persons/1", "https://evil.example/", "/nowhere",
                                    "javascript:alert(1)", ""])
def test_the_button_leads_only_to_pages_that_record_a_read(app, client, informant_case, target):
    login(client, informant_case["coordinator"].email)
    answer = client.post("/visit", data={"csrf_token": csrf_token(client, "/cases"), "target": target})
    assert answer.status_code == 400


def test_the_button_needs_its_csrf_token(app, client, informant_case):
    login(client, informant_case["coordinator"].email)
    answer = client.post("/visit", data={"target": f"/persons/{informant_case['person'].id}"})
    assert answer.status_code == 400 and answer.location is None


def test_pages_that_record_nothing_open_from_anywhere(app, client, informant_case):
    login(client, informant_case["coordinator"].email)
    for page in ("/cases", f"/cases/{informant_case['case'].id}/assessment", "/sources"):
        answer = client.get(page, headers={"Sec-Fetch-Site": "cross-site"})
        assert answer.status_code == 200 and b"Open this page?" not in answer.data, page
