"""The API conventions: tokens, status codes, error bodies, lists."""
import pytest

from caseapp.cases.models import Case
from caseapp.extensions import db
from tests.factories import bearer, login, make_case, make_org, make_token, make_user, verified_case

NEW_CASE = {"title": "Fishing crew held at sea", "summary": "Nine months without port.", "country": "TH",
            "sector": "fishing"}


@pytest.fixture
def caseworker():
    return make_user(make_org(code="NGO"))


@pytest.fixture
def headers(caseworker):
    return bearer(make_token(caseworker))


def test_me_tells_who_the_token_belongs_to(client, caseworker, headers):
    body = client.get("/api/v1/me", headers=headers).get_json()
    assert body["email"] == caseworker.email and body["role"] == "caseworker"
    assert body["organisation"]["code"] == "NGO"


@pytest.mark.parametrize("header", [None, "Bearer ", "Bearer ca_wrong", "Basic dXNlcjpwYXNz", "ca_token"])
def test_a_missing_or_bad_token_is_401_in_json_never_a_redirect(client, header):
    response = client.get("/api/v1/cases", headers={"Authorization": header} if header else {})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_session_cookie_does_not_open_the_api(client, caseworker):
    login(client, caseworker.email)
    assert client.get("/cases").status_code == 200
    assert client.get("/api/v1/me").status_code == 401


def test_a_deactivated_user_s_token_stops_working(client, caseworker, headers):
    caseworker.active = False
    db.session.commit()
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_create_answers_201_with_the_case_and_read_answers_200(client, headers):
    response = client.post("/api/v1/cases", json=NEW_CASE, headers=headers)
    assert response.status_code == 201
    case = response.get_json()
    assert {"id", "reference", "title", "summary", "country", "sector", "status", "version", "created_at",
            "updated_at"} <= set(case)
    assert case["reference"].startswith("NGO-") and case["version"] == 1 and case["status"] == "draft"
    assert case["created_at"].endswith("Z")
    assert client.get(f"/api/v1/cases/{case['id']}", headers=headers).get_json() == case


@pytest.mark.parametrize(
    "body, field",
    [
        ({"summary": "no title"}, "title"),
        ({"title": ""}, "title"),
        ({"title": ["a", "list"]}, "title"),
        ({"title": {"an": "object"}}, "title"),
        ({"title": 42}, "title"),
        ({"title": "x", "country": "XX"}, "country"),
        ({"title": "x", "country": "Russia"}, "country"),
        ({"title": "x", "sector": "space"}, "sector"),
        ({"title": "x", "status": "verified"}, "status"),
        ({"title": "x", "organisation_id": 2}, "organisation_id"),
        ({"title": "x", "reference": "FAKE-1"}, "reference"),
        ({"title": "x" * 301}, "title"),
    ],
)
def test_invalid_input_is_422_naming_the_field(client, headers, body, field):
    response = client.post("/api/v1/cases", json=body, headers=headers)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid" and field in error["fields"], error
    assert db.session.scalars(db.select(Case)).first() is None


@pytest.mark.parametrize("raw", [b"not json", b"[1, 2]", b'"a string"', b"null", b"{", b"\xff\xfe"])
def test_a_body_that_is_not_a_json_object_is_422(client, headers, raw):
    response = client.post("/api/v1/cases", data=raw, headers=headers | {"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "invalid"


def test_advocates_may_read_but_creating_is_403(client):
    org = make_org()
    case = verified_case(make_user(org))
    headers = bearer(make_token(make_user(org, "advocate")))
    assert client.get(f"/api/v1/cases/{case.id}", headers=headers).status_code == 200
    response = client.post("/api/v1/cases", json=NEW_CASE, headers=headers)
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "forbidden"


def test_a_missing_or_foreign_case_is_404_alike(client, headers):
    theirs = make_case(make_user(make_org()))
    for url in [f"/api/v1/cases/{theirs.id}", "/api/v1/cases/999999", "/api/v1/no-such-thing"]:
        response = client.get(url, headers=headers)
        assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found", url


def test_a_wrong_method_is_405_in_json(client, headers):
    response = client.delete("/api/v1/cases", headers=headers)
    assert response.status_code == 405 and response.get_json()["error"]["code"] == "method_not_allowed"


def test_lists_page_by_cursor_newest_first_and_filter_by_words(client, caseworker, headers):
    for n in range(7):
        make_case(caseworker, title=f"Case {n}", summary="brick kiln" if n % 2 else "garment factory")
    first = client.get("/api/v1/cases?limit=3", headers=headers).get_json()
    assert [c["title"] for c in first["items"]] == ["Case 6", "Case 5", "Case 4"]
    second = client.get(f"/api/v1/cases?limit=3&cursor={first['next_cursor']}", headers=headers).get_json()
    third = client.get(f"/api/v1/cases?limit=3&cursor={second['next_cursor']}", headers=headers).get_json()
    assert [c["title"] for c in second["items"] + third["items"]] == ["Case 3", "Case 2", "Case 1", "Case 0"]
    assert third["next_cursor"] is None
    kilns = client.get("/api/v1/cases?q=Brick+KILN", headers=headers).get_json()["items"]
    assert sorted(c["title"] for c in kilns) == ["Case 1", "Case 3", "Case 5"]


def test_list_defaults_to_25_and_caps_at_100(client, caseworker, headers):
    for n in range(27):
        make_case(caseworker, title=f"Case {n}")
    assert len(client.get("/api/v1/cases", headers=headers).get_json()["items"]) == 25
    for bad in ["0", "101", "abc"]:
        response = client.get(f"/api/v1/cases?limit={bad}", headers=headers)
        assert response.status_code == 422 and "limit" in response.get_json()["error"]["fields"]
    response = client.get("/api/v1/cases?cursor=%%%", headers=headers)
    assert response.status_code == 422 and "cursor" in response.get_json()["error"]["fields"]


def test_api_answers_carry_no_cookie_and_no_cache(client, headers):
    response = client.get("/api/v1/me", headers=headers)
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


@pytest.fixture
def with_limits(make_config):
    """Rate limits on, 5 API requests a minute; set before the app is built."""
    make_config.RATELIMIT_ENABLED = True
    make_config.API_RATE_LIMIT = "5 per minute"


def test_too_many_requests_are_429_in_json(with_limits, client):
    from caseapp.extensions import limiter

    limiter.reset()
    user = make_user(make_org())
    headers = bearer(make_token(user))
    statuses = [client.get("/api/v1/me", headers=headers).status_code for _ in range(6)]
    assert statuses[:5] == [200] * 5 and statuses[5] == 429
    assert client.get("/api/v1/me", headers=headers).get_json()["error"]["code"] == "rate_limited"
