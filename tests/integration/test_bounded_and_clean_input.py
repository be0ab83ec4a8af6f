"""Input that once made the server fail or stall (an attack pass of the architecture step) is refused with
a clear answer: lists bounded so that no one request holds the database, text a database cannot store,
a worker count's qualifier of the wrong type, a hand-made edit form without a numeric version, and a
sign-off of a finding that changed since the coordinator read it."""
from caseapp.assessment import services as assessment
from caseapp.assessment.models import Finding
from caseapp.extensions import db
from caseapp.parties import services as parties
from caseapp.parties.limits import NAMED_PARTIES_MAX
from caseapp.parties.models import Party
from caseapp.persons import services as persons
from caseapp.sources import evidence
from caseapp.sources import services as sources
from tests.factories import bearer, csrf_token, login, make_case, make_token


def test_a_case_naming_more_parties_than_the_limit_is_refused_before_any_is_matched(client, team):
    headers = bearer(make_token(team["caseworker"]))
    named = [{"name": f"Firm {n}", "role": "employer"} for n in range(NAMED_PARTIES_MAX + 1)]
    answer = client.post("/api/v1/cases", json={"title": "Many firms", "parties": named}, headers=headers)
    assert answer.status_code == 422 and "parties" in answer.get_json()["error"]["fields"]
    assert db.session.scalar(db.select(db.func.count(Party.id))) == 0
    exactly = client.post("/api/v1/cases", json={"title": "Enough firms", "parties": named[:3]}, headers=headers)
    assert exactly.status_code == 201 and len(exactly.get_json()["parties"]) == 3


def test_the_parties_service_bounds_named_parties_for_imports_too(app, team):
    case = make_case(team["caseworker"])
    named = [{"name": f"Firm {n}", "role": "employer"} for n in range(NAMED_PARTIES_MAX + 1)]
    try:
        parties.link_by_name(case, named, team["caseworker"])
    except Exception as error:  # noqa: BLE001 - the kind is what is checked
        assert type(error).__name__ == "ServiceError" and error.field == "parties"
    else:
        raise AssertionError("more named parties than the limit were linked")


def test_too_many_worker_groups_or_aliases_are_refused(client, team):
    headers = bearer(make_token(team["caseworker"]))
    groups = [{"count_qualifier": "unknown"}] * 51
    assert client.post("/api/v1/cases", json={"title": "t", "worker_groups": groups},
                       headers=headers).status_code == 422
    aliases = [f"alias {n}" for n in range(51)]
    assert client.post("/api/v1/parties", json={"name": "p", "kind": "employer", "aliases": aliases},
                       headers=headers).status_code == 422


def test_a_lone_surrogate_in_any_text_is_a_422_not_a_server_error(client, team):
    headers = {**bearer(make_token(team["caseworker"])), "Content-Type": "application/json"}
    bodies = [("/api/v1/sources", '{"text": "a \\ud800 b"}'),
              ("/api/v1/cases", '{"title": "t", "conditions": {"housing_conditions": "a\\ud800"}}'),
              ("/api/v1/parties", '{"name": "p", "kind": "employer", "aliases": ["a\\udfff"]}')]
    for url, raw in bodies:
        answer = client.post(url, data=raw, headers=headers)
        assert answer.status_code == 422, (url, answer.status_code)
        assert "cannot be stored" in answer.get_json()["error"]["message"]


def test_a_worker_count_qualifier_that_is_not_a_word_is_a_422(client, team):
    case = make_case(team["caseworker"])
    source = sources.add_from_paste("About thirty workers were kept there.", {"title": "Notes"}, None,
                                    team["caseworker"]).source
    db.session.flush()
    excerpt = evidence.create_excerpt(source, case, {"quote": "About thirty workers"}, team["caseworker"])
    db.session.commit()
    headers = bearer(make_token(team["caseworker"]))
    for qualifier in (["about"], {"a": 1}, 3):
        answer = client.post(f"/api/v1/cases/{case.id}/facts/workers_count/evidence", headers=headers,
                             json={"excerpt_id": excerpt.id, "value": {"min": 30, "qualifier": qualifier}})
        assert answer.status_code == 422, qualifier


def test_a_hand_made_edit_form_without_a_numeric_version_is_a_bad_request(app, team):
    client = app.test_client()
    login(client, team["coordinator"].email)
    party = parties.create_party({"name": "Baltic Builders", "kind": "employer"}, team["coordinator"]).party
    person = persons.create_person(make_case(team["caseworker"]), {"name": "Worker A", "role": "worker"},
                                   team["coordinator"])
    db.session.commit()
    for url, data in ((f"/parties/{party.id}/edit", {"name": "B", "kind": "employer"}),
                      (f"/persons/{person.id}/edit", {"name": "W", "role": "worker", "consent": "unknown",
                                                      "risk": "medium"})):
        for version in ("abc", "٣", ""):
            answer = client.post(url, data={**data, "version": version, "csrf_token": csrf_token(client, url)})
            assert answer.status_code == 400, (url, version)


def _finding(team):
    case = make_case(team["caseworker"])
    finding = assessment.record_finding(case, "isolation", {"status": "suspected", "stages": ["employment"],
                                                            "note": "First reading.", "excerpt_ids": []},
                                        team["caseworker"])
    db.session.commit()
    return case, finding


def test_a_sign_off_of_a_finding_changed_since_it_was_read_is_refused(client, team):
    case, finding = _finding(team)
    read = finding.version
    assessment.record_finding(case, "isolation", {"status": "present", "stages": ["employment"],
                                                  "note": "Changed after the coordinator read it.",
                                                  "excerpt_ids": []}, team["caseworker"])
    db.session.commit()
    url = f"/api/v1/cases/{case.id}/findings/isolation/signoff"
    stale = client.post(url, json={"version": read}, headers=bearer(make_token(team["coordinator"])))
    assert stale.status_code == 409 and stale.get_json()["current"]["note"] == "Changed after the coordinator read it."
    db.session.expire_all()
    assert not db.session.get(Finding, finding.id).signed_off
    fresh = client.post(url, json={"version": stale.get_json()["current"]["version"]},
                        headers=bearer(make_token(team["coordinator"])))
    assert fresh.status_code == 200 and fresh.get_json()["signed_off"]


def test_the_sign_off_button_carries_the_version_shown_and_a_stale_one_is_refused(app, team):
    case, finding = _finding(team)
    client = app.test_client()
    login(client, team["coordinator"].email)
    read = finding.version
    page = client.get(f"/cases/{case.id}/assessment").get_data(as_text=True)
    assert f'name="version" value="{read}"' in page
    assessment.record_finding(case, "isolation", {"status": "present", "stages": ["employment"], "note": "New.",
                                                  "excerpt_ids": []}, team["caseworker"])
    db.session.commit()
    answer = client.post(f"/cases/{case.id}/findings/isolation/signoff", follow_redirects=True,
                         data={"version": str(read),
                               "csrf_token": csrf_token(client, f"/cases/{case.id}/assessment")})
    assert "changed since you opened the page" in answer.get_data(as_text=True)
    db.session.expire_all()
    assert not db.session.get(Finding, finding.id).signed_off
