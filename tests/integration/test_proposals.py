"""Proposals for a source and a case: listed, accepted as evidence, dismissed for good."""
import pytest

from tests.factories import bearer, login, make_case, make_org, make_token, make_user, post_form

TEXT = ("The site manager kept their passports in his office. They worked from 6 a.m. to 10 p.m. "
        "Guards collected the wages every month.")


@pytest.fixture
def setup(client):
    org = make_org()
    worker, advocate = make_user(org, "caseworker"), make_user(org, "advocate")
    case = make_case(worker)
    headers = bearer(make_token(worker))
    source = client.post("/api/v1/sources", json={"text": TEXT, "title": "Interview notes"},
                         headers=headers).get_json()
    return case, source, headers, worker, advocate


def _list(client, source, case, headers):
    response = client.get(f"/api/v1/sources/{source['id']}/suggestions?case_id={case.id}", headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_proposals_name_their_passage_and_cue(client, setup):
    case, source, headers, *_ = setup
    listed = _list(client, source, case, headers)
    assert listed["language"] == "en"
    indicators = {s["indicator"] for s in listed["suggestions"]}
    assert {"retention_of_identity_documents", "excessive_overtime", "withholding_of_wages"} <= indicators
    for s in listed["suggestions"]:
        assert TEXT[s["start"]:s["end"]] == s["quote"] and s["cue"] in s["quote"]
    assert {f["fact"] for f in listed["facts"]} >= {"daily_hours", "wage_recipient", "document_holder"}


def test_accepting_an_indicator_quotes_it_and_makes_a_suspected_finding(client, setup):
    case, source, headers, *_ = setup
    proposal = next(s for s in _list(client, source, case, headers)["suggestions"]
                    if s["indicator"] == "retention_of_identity_documents")
    body = {"case_id": case.id, "indicator": proposal["indicator"], "start": proposal["start"],
            "end": proposal["end"]}
    accepted = client.post(f"/api/v1/sources/{source['id']}/suggestions/accept", json=body, headers=headers)
    assert accepted.status_code == 201
    finding = accepted.get_json()
    assert finding["status"] == "suspected" and finding["stages"] == ["employment"] and finding["excerpt_ids"]
    excerpts = client.get(f"/api/v1/cases/{case.id}/excerpts", headers=headers).get_json()["items"]
    assert excerpts[0]["quote"] == proposal["quote"]
    again = client.post(f"/api/v1/sources/{source['id']}/suggestions/accept", json=body, headers=headers)
    assert again.status_code == 422  # no longer open
    assert proposal["start"] not in [s["start"] for s in _list(client, source, case, headers)["suggestions"]
                                     if s["indicator"] == "retention_of_identity_documents"]


def test_accepting_a_fact_records_it_as_evidence(client, setup):
    case, source, headers, *_ = setup
    fact = next(f for f in _list(client, source, case, headers)["facts"] if f["fact"] == "daily_hours")
    response = client.post(f"/api/v1/sources/{source['id']}/suggestions/accept", headers=headers,
                           json={"case_id": case.id, "fact": "daily_hours", "start": fact["start"],
                                 "end": fact["end"]})
    assert response.status_code == 201 and response.get_json()["value"] == 16
    facts = client.get(f"/api/v1/cases/{case.id}/facts", headers=headers).get_json()["items"]
    assert facts[0]["fact"] == "daily_hours"


def test_a_dismissed_proposal_is_not_proposed_again_for_that_case(client, setup):
    case, source, headers, worker, _ = setup
    proposal = _list(client, source, case, headers)["suggestions"][0]
    body = {"case_id": case.id, "indicator": proposal["indicator"], "start": proposal["start"],
            "end": proposal["end"]}
    assert client.post(f"/api/v1/sources/{source['id']}/suggestions/dismiss", json=body,
                       headers=headers).status_code == 204
    left = [(s["indicator"], s["start"]) for s in _list(client, source, case, headers)["suggestions"]]
    assert (proposal["indicator"], proposal["start"]) not in left
    other_case = make_case(worker, title="Another case")
    others = [(s["indicator"], s["start"]) for s in _list(client, source, other_case, headers)["suggestions"]]
    assert (proposal["indicator"], proposal["start"]) in others


def test_who_may_accept(client, setup):
    case, source, _, _, advocate = setup
    body = {"case_id": case.id, "indicator": "excessive_overtime", "start": 0, "end": 5}
    assert client.post(f"/api/v1/sources/{source['id']}/suggestions/accept", json=body,
                       headers=bearer(make_token(advocate))).status_code == 403
    stranger = bearer(make_token(make_user(make_org(), "coordinator")))
    assert client.get(f"/api/v1/sources/{source['id']}/suggestions?case_id={case.id}",
                      headers=stranger).status_code == 404


def test_the_source_page_offers_accept_and_dismiss(client, setup):
    case, source, headers, worker, _ = setup
    login(client, worker.email)
    page = client.get(f"/sources/{source['id']}?case_id={case.id}").get_data(as_text=True)
    assert "Proposals for" in page and "<mark" in page and "Accept" in page
    proposal = next(s for s in _list(client, source, case, headers)["suggestions"]
                    if s["indicator"] == "withholding_of_wages")
    post_form(client, f"/sources/{source['id']}?case_id={case.id}", f"/sources/{source['id']}/proposals/accept",
              {"case_id": str(case.id), "kind": "indicator", "name": "withholding_of_wages",
               "start": str(proposal["start"]), "end": str(proposal["end"]), "stage": "exit"})
    assessment = client.get(f"/api/v1/cases/{case.id}/assessment", headers=headers).get_json()
    finding = next(f for f in assessment["findings"] if f["indicator"] == "withholding_of_wages")
    assert finding["status"] == "suspected" and finding["stages"] == ["exit"]
