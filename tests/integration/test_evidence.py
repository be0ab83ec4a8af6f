"""Quotes with exact offsets in any script, evidence for facts, contradictions and the retained value."""
import pytest

from caseapp.cases.models import Case
from caseapp.extensions import db
from tests.factories import advance, bearer, login, make_case, make_org, make_token, make_user, post_form

TEXT = ("Café owners in Zürich said workers slept in the storeroom. 😀 Санкт-Петербург: рабочие трудились "
        "по 16 часов. Later: they worked from 07:00 to 22:00 🇳🇱 every day.")


@pytest.fixture
def setup(client, team):
    case = make_case(team["caseworker"], title="Mixed scripts case")
    headers = bearer(make_token(team["caseworker"]))
    source = client.post("/api/v1/sources", json={"text": TEXT, "title": "Notes"}, headers=headers).get_json()
    return case, source, headers


def _quote(client, headers, source, case, phrase, **extra):
    start = TEXT.index(phrase)
    body = {"case_id": case.id, "start": start, "end": start + len(phrase), "quote": phrase} | extra
    return client.post(f"/api/v1/sources/{source['id']}/excerpts", json=body, headers=headers)


@pytest.mark.parametrize("phrase", ["Café owners in Zürich", "😀 Санкт-Петербург", "по 16 часов",
                                    "22:00 🇳🇱 every day"])
def test_offsets_are_code_points_as_python_counts_them(client, setup, phrase):
    case, source, headers = setup
    response = _quote(client, headers, source, case, phrase, credibility=2)
    assert response.status_code == 201, response.get_json()
    excerpt = response.get_json()
    assert TEXT[excerpt["start"]:excerpt["end"]] == phrase == excerpt["quote"]


@pytest.mark.parametrize("change", [{"start": 1}, {"end": 10_000}, {"quote": "cafe owners in Zurich"},
                                    {"start": 5, "end": 2}, {"credibility": 7}, {"revision": 9}])
def test_a_quote_that_is_not_exactly_the_text_there_is_refused(client, setup, change):
    case, source, headers = setup
    response = _quote(client, headers, source, case, "Café owners in Zürich", **change)
    assert response.status_code == 422, response.get_json()


def test_a_quote_without_offsets_is_placed_where_it_stands_once(client, setup):
    case, source, headers = setup
    url = f"/api/v1/sources/{source['id']}/excerpts"
    found = client.post(url, json={"case_id": case.id, "quote": "slept in the storeroom"}, headers=headers)
    assert found.status_code == 201 and found.get_json()["start"] == TEXT.index("slept in the storeroom")
    ambiguous = client.post(url, json={"case_id": case.id, "quote": "e"}, headers=headers)
    assert ambiguous.status_code == 422


def test_quoting_cites_the_source_in_the_case_and_shows_it_on_both_pages(client, setup, team):
    case, source, headers = setup
    _quote(client, headers, source, case, "slept in the storeroom")
    cited = client.get(f"/api/v1/cases/{case.id}/sources", headers=headers).get_json()["items"]
    assert [s["id"] for s in cited] == [source["id"]]
    login(client, team["caseworker"].email)
    assert "slept in the storeroom" in client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert case.reference in client.get(f"/sources/{source['id']}").get_data(as_text=True)


def test_a_translation_says_who_made_it(client, setup):
    case, source, headers = setup
    response = _quote(client, headers, source, case, "по 16 часов", translation="for 16 hours",
                      translation_by="DeepL", translation_by_kind="tool")
    excerpt = response.get_json()
    assert excerpt["translation_by_kind"] == "tool" and excerpt["translated_at"]
    missing_who = _quote(client, headers, source, case, "по 16 часов", translation="for 16 hours")
    assert missing_who.status_code == 422


def test_evidence_fills_an_unknown_fact_and_disagreement_waits_for_a_coordinator(client, setup, team):
    case, source, headers = setup
    sixteen = _quote(client, headers, source, case, "по 16 часов").get_json()
    times = _quote(client, headers, source, case, "from 07:00 to 22:00").get_json()
    url = f"/api/v1/cases/{case.id}/facts/daily_hours/evidence"
    assert client.post(url, json={"excerpt_id": sixteen["id"], "value": 16}, headers=headers).status_code == 201
    assert db.session.get(Case, case.id).conditions["daily_hours"] == 16
    assert client.post(url, json={"excerpt_id": times["id"], "value": 15}, headers=headers).status_code == 201
    facts = client.get(f"/api/v1/cases/{case.id}/facts", headers=headers).get_json()["items"]
    hours = next(f for f in facts if f["fact"] == "daily_hours")
    assert hours["contradiction"] is True and [v["value"] for v in hours["values"]] == [16, 15]
    login(client, team["caseworker"].email)
    assert "Sources disagree" in client.get(f"/cases/{case.id}").get_data(as_text=True)

    coordinator = bearer(make_token(team["coordinator"]))
    retain = f"/api/v1/cases/{case.id}/facts/daily_hours/retain"
    assert client.post(retain, json={"value": 15, "note": "x"}, headers=headers).status_code == 403
    assert client.post(retain, json={"value": 15}, headers=coordinator).status_code == 422
    kept = client.post(retain, json={"value": 15, "note": "The contractor's own times."}, headers=coordinator)
    assert kept.status_code == 200 and kept.get_json()["retained"]["value"] == 15
    assert db.session.get(Case, case.id).conditions["daily_hours"] == 15


def test_the_coordinator_retains_a_value_on_the_case_page(client, setup, team):
    case, source, headers = setup
    for phrase, value in (("по 16 часов", 16), ("from 07:00 to 22:00", 15)):
        excerpt = _quote(client, headers, source, case, phrase).get_json()
        client.post(f"/api/v1/cases/{case.id}/facts/daily_hours/evidence",
                    json={"excerpt_id": excerpt["id"], "value": value}, headers=headers)
    login(client, team["coordinator"].email)
    response = post_form(client, f"/cases/{case.id}", f"/cases/{case.id}/facts/daily_hours/retain",
                         {"choice": "1", "note": "Times given by the contractor", "worker_group_id": ""})
    assert response.status_code == 302
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Retained: 15" in page and "Times given by the contractor" in page
    assert db.session.get(Case, case.id).conditions["daily_hours"] == 15


def test_workers_count_evidence_goes_to_a_worker_group(client, team):
    case = make_case(team["caseworker"], worker_groups=[{"origin": "KP"}])
    headers = bearer(make_token(team["caseworker"]))
    source = client.post("/api/v1/sources", json={"text": "At least 10,000 workers were registered."},
                         headers=headers).get_json()
    excerpt = client.post(f"/api/v1/sources/{source['id']}/excerpts", headers=headers,
                          json={"case_id": case.id, "quote": "At least 10,000 workers"}).get_json()
    response = client.post(f"/api/v1/cases/{case.id}/facts/workers_count/evidence", headers=headers,
                           json={"excerpt_id": excerpt["id"], "value": {"min": 10000, "qualifier": "at_least"}})
    assert response.status_code == 201
    group = db.session.get(Case, case.id).worker_groups[0]
    assert (group.count_min, group.count_qualifier) == (10000, "at_least")


@pytest.mark.parametrize("fact, value", [("daily_hours", 30), ("daily_hours", "sixteen"), ("mood", "bad"),
                                         ("wage_recipient", "boss"), ("workers_count", {"min": 5, "max": 2}),
                                         ("phones_taken", None)])
def test_evidence_values_are_checked_like_the_facts_themselves(client, setup, fact, value):
    case, source, headers = setup
    excerpt = _quote(client, headers, source, case, "slept in the storeroom").get_json()
    response = client.post(f"/api/v1/cases/{case.id}/facts/{fact}/evidence",
                           json={"excerpt_id": excerpt["id"], "value": value}, headers=headers)
    assert response.status_code == 422


def test_who_may_quote_and_who_sees_what(client, setup, team):
    case, source, headers = setup
    other = bearer(make_token(team["other"]))
    assert _quote(client, other, source, case, "slept in the storeroom").status_code == 403
    advocate = bearer(make_token(team["advocate"]))
    assert client.get(f"/api/v1/sources/{source['id']}", headers=advocate).status_code == 404
    _quote(client, headers, source, case, "slept in the storeroom")
    advance(case, "submitted", "in_review", "verified", coordinator=team["coordinator"])
    assert client.get(f"/api/v1/sources/{source['id']}", headers=advocate).status_code == 200
    assert _quote(client, advocate, source, case, "slept in the storeroom").status_code == 403
    stranger = bearer(make_token(make_user(make_org(), "coordinator")))
    assert client.get(f"/api/v1/cases/{case.id}/excerpts", headers=stranger).status_code == 404


def test_the_source_page_quotes_into_a_case(client, setup, team):
    case, source, headers = setup
    login(client, team["caseworker"].email)
    phrase = "Санкт-Петербург"
    start = TEXT.index(phrase)
    response = post_form(client, f"/sources/{source['id']}", f"/sources/{source['id']}/excerpts",
                         {"case_id": str(case.id), "quote": phrase, "start": str(start),
                          "end": str(start + len(phrase)), "credibility": "2", "revision": "1",
                          "fact": "daily_hours", "fact_value": "16"})
    assert response.status_code == 302
    assert db.session.get(Case, case.id).conditions["daily_hours"] == 16


def test_a_typed_value_no_quote_gives_is_a_contradiction_until_a_coordinator_settles_it(client, setup, team):
    case, source, headers = setup
    case.conditions = {"daily_hours": 14}  # typed on the case form
    db.session.commit()
    sixteen = _quote(client, headers, source, case, "по 16 часов").get_json()
    url = f"/api/v1/cases/{case.id}/facts/daily_hours/evidence"
    assert client.post(url, json={"excerpt_id": sixteen["id"], "value": 16}, headers=headers).status_code == 201
    assert db.session.get(Case, case.id).conditions["daily_hours"] == 14  # a typed value is never overwritten
    facts = client.get(f"/api/v1/cases/{case.id}/facts", headers=headers).get_json()["items"]
    hours = next(f for f in facts if f["fact"] == "daily_hours")
    assert hours["contradiction"] is True and hours["recorded"] == 14 and [v["value"] for v in hours["values"]] == [16]
    login(client, team["caseworker"].email)
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "The record and its sources disagree" in page and "no quote gives this value" in page

    # The coordinator retains the quoted value (or the typed one, offered as a choice too): settled.
    coordinator = client.application.test_client()
    login(coordinator, team["coordinator"].email)
    response = post_form(coordinator, f"/cases/{case.id}", f"/cases/{case.id}/facts/daily_hours/retain",
                         {"choice": "0", "note": "The worker's own account.", "worker_group_id": ""})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Case, case.id).conditions["daily_hours"] == 16
    page = coordinator.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "The record and its sources disagree" not in page and "Retained: 16" in page
