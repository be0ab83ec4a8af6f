"""Regressions from an independent review: out-of-range input, NULs, odd addresses, source rights."""
import io

import pytest

from caseapp.extensions import db
from caseapp.sources.models import Source
from tests.factories import advance, bearer, login, make_case, make_token, make_user


@pytest.mark.parametrize("url", ["/cases/99999999999999999999", "/cases/9999999999", "/parties/9999999999",
                                 "/sources/9999999999", "/persons/9999999999", "/cases/9999999999/assessment"])
def test_ids_beyond_any_column_are_not_found_on_the_web(client, team, url):
    login(client, team["coordinator"].email)
    assert client.get(url).status_code == 404


def test_ids_beyond_any_column_are_refused_in_the_api_and_filters(client, team):
    headers = bearer(make_token(team["coordinator"]))
    assert client.get("/api/v1/cases/99999999999999999999", headers=headers).status_code == 404
    case = make_case(team["caseworker"])
    response = client.post(f"/api/v1/cases/{case.id}/parties", json={"party_id": 99999999999, "role": "buyer"},
                           headers=headers)
    assert response.status_code == 422
    for query in ("party_id=99999999999", "assignee_id=99999999999999999999"):
        assert client.get(f"/api/v1/cases?{query}", headers=headers).status_code in (200, 422)


@pytest.mark.parametrize("value", [1e308, 1e13, float("nan"), float("inf")])
def test_numbers_out_of_range_are_refused(client, team, value):
    headers = bearer(make_token(team["caseworker"]))
    import json

    raw = json.dumps({"title": "x", "conditions": {"wage_promised": value}})
    response = client.post("/api/v1/cases", data=raw, headers=headers | {"Content-Type": "application/json"})
    assert response.status_code == 422


def test_nul_characters_never_reach_the_database(client, team):
    headers = bearer(make_token(team["caseworker"]))
    response = client.post("/api/v1/cases", json={"title": "nul \u0000 title", "summary": "a\u0000b"},
                           headers=headers)
    assert response.status_code == 201 and "\u0000" not in response.get_json()["title"]


@pytest.mark.parametrize("url", ["http://example.com:abc/", "http://example.com:99999/", "http://[::1/",
                                 "http://[zz]/"])
def test_malformed_addresses_are_422(client, team, url):
    response = client.post("/api/v1/sources", json={"url": url}, headers=bearer(make_token(team["caseworker"])))
    assert response.status_code == 422


def test_a_multipart_email_is_read_as_an_email(client, team):
    eml = (b"From: field@ngo.example\r\nTo: desk@ngo.example\r\nSubject: =?utf-8?q?Caf=C3=A9_visit?=\r\n"
           b"MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=XX\r\n\r\n--XX\r\n"
           b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
           b"The caf=C3=A9 staff sleep in the cellar.\r\n--XX\r\nContent-Type: text/html\r\n\r\n"
           b"<p>The caf\xc3\xa9 staff sleep in the cellar.</p>\r\n--XX--\r\n")
    headers = bearer(make_token(team["caseworker"]))
    response = client.post("/api/v1/sources", headers=headers, content_type="multipart/form-data",
                           data={"file": (io.BytesIO(eml), "visit.eml")})
    source = response.get_json()
    assert source["content_type"] == "message/rfc822" and source["title"] == "Café visit"
    text = client.get(f"/api/v1/sources/{source['id']}/text", headers=headers).get_json()["text"]
    assert text == "The café staff sleep in the cellar."


def test_only_those_working_a_citing_case_change_a_source(client, team):
    case = make_case(team["caseworker"])
    mine = bearer(make_token(team["caseworker"]))
    source = client.post("/api/v1/sources", json={"text": "Guards kept the wages."}, headers=mine).get_json()
    client.post(f"/api/v1/cases/{case.id}/sources", json={"source_id": source["id"]}, headers=mine)
    other = bearer(make_token(team["other"]))
    assert client.patch(f"/api/v1/sources/{source['id']}", json={"reliability": "A"}, headers=other).status_code \
        == 403
    assert client.post(f"/api/v1/sources/{source['id']}/revisions", json={"text": "x", "reason": "y"},
                       headers=other).status_code == 403
    assert client.patch(f"/api/v1/sources/{source['id']}", json={"reliability": "B"}, headers=mine).status_code \
        == 200
    login(client, team["caseworker"].email)
    assert "source.update" in client.get(f"/cases/{case.id}").get_data(as_text=True) or \
        "reliability" in client.get(f"/cases/{case.id}").get_data(as_text=True).lower()


def test_a_source_cited_only_by_a_restricted_case_is_out_of_sight(client, team):
    restricted = make_case(team["caseworker"], confidentiality="restricted")
    mine = bearer(make_token(team["caseworker"]))
    source = client.post("/api/v1/sources", json={"text": "Informant's account."}, headers=mine).get_json()
    client.post(f"/api/v1/cases/{restricted.id}/sources", json={"source_id": source["id"]}, headers=mine)
    other = bearer(make_token(team["other"]))
    assert client.get(f"/api/v1/sources/{source['id']}", headers=other).status_code == 404
    assert client.get(f"/api/v1/sources/{source['id']}/text", headers=other).status_code == 404
    assert db.session.get(Source, source["id"]) is not None


def test_a_second_sign_off_says_so(client, team):
    case = make_case(team["caseworker"])
    client.put(f"/api/v1/cases/{case.id}/findings/isolation", json={"status": "present", "stages": ["exit"]},
               headers=bearer(make_token(team["caseworker"])))
    url = f"/api/v1/cases/{case.id}/findings/isolation/signoff"
    headers = bearer(make_token(team["coordinator"]))
    assert client.post(url, headers=headers).status_code == 200
    again = client.post(url, headers=headers)
    assert again.status_code == 422 and "already signed off" in again.get_json()["error"]["message"]


def test_a_filter_given_twice_is_refused(client, team):
    response = client.get("/api/v1/cases?status=draft&status=verified",
                          headers=bearer(make_token(team["coordinator"])))
    assert response.status_code == 422 and "status" in response.get_json()["error"]["fields"]


def test_an_advocate_still_sees_verified_cases_sources(client, team):
    case = make_case(team["caseworker"])
    mine = bearer(make_token(team["caseworker"]))
    source = client.post("/api/v1/sources", json={"text": "Verified account."}, headers=mine).get_json()
    client.post(f"/api/v1/cases/{case.id}/sources", json={"source_id": source["id"]}, headers=mine)
    advance(case, "submitted", "in_review", "verified", coordinator=team["coordinator"])
    advocate = bearer(make_token(make_user(case.organisation, "advocate")))
    assert client.get(f"/api/v1/sources/{source['id']}", headers=advocate).status_code == 200
