"""Findings, four-eyes sign-off and the determination, through the API, the page and the CLI."""
import json

import pytest

from caseapp.assessment.models import Assessment
from caseapp.extensions import db
from tests.factories import bearer, login, make_case, make_org, make_token, make_user, post_form


def _put(client, user, case, indicator, **body):
    return client.put(f"/api/v1/cases/{case.id}/findings/{indicator}", headers=bearer(make_token(user)),
                      json={"status": "present", "stages": ["employment"]} | body)


def _assessment(client, user, case):
    return client.get(f"/api/v1/cases/{case.id}/assessment", headers=bearer(make_token(user))).get_json()


def test_findings_signed_off_by_a_second_person_establish_forced_labour(client, team):
    case = make_case(team["caseworker"], worker_groups=[{"origin": "KP"}], period_start="2018", period_end="2018")
    assert _put(client, team["caseworker"], case, "excessive_overtime").status_code == 200
    assert _put(client, team["caseworker"], case, "intimidation_threats", stages=["employment", "exit"]).status_code \
        == 200
    assert _assessment(client, team["caseworker"], case)["forced_labour"] == "possible"
    for indicator in ("excessive_overtime", "intimidation_threats"):
        signed = client.post(f"/api/v1/cases/{case.id}/findings/{indicator}/signoff",
                             headers=bearer(make_token(team["coordinator"])))
        assert signed.status_code == 200 and signed.get_json()["signed_off"] is True
    result = _assessment(client, team["caseworker"], case)
    assert result["forced_labour"] == "established" and result["stages"]["employment"]["met"] == "established"
    assert [s["instrument"] for s in result["sanctions"]] == ["UNSCR 2375 (2017)"]
    assert {f["indicator"] for f in result["findings"]} == {"excessive_overtime", "intimidation_threats"}
    saved = db.session.scalars(db.select(Assessment).order_by(Assessment.id.desc())).first()
    assert saved.result["forced_labour"] == "established" and saved.rules_version == result["rules_version"]


def test_nobody_signs_off_a_finding_they_recorded_or_last_changed(client, team):
    case = make_case(team["coordinator"])
    _put(client, team["coordinator"], case, "isolation")
    own = client.post(f"/api/v1/cases/{case.id}/findings/isolation/signoff",
                      headers=bearer(make_token(team["coordinator"])))
    assert own.status_code == 403
    assert client.post(f"/api/v1/cases/{case.id}/findings/isolation/signoff",
                       headers=bearer(make_token(team["second_coordinator"]))).status_code == 200
    assert client.post(f"/api/v1/cases/{case.id}/findings/isolation/signoff",
                       headers=bearer(make_token(team["caseworker"]))).status_code == 403


def test_any_change_voids_the_sign_off(client, team):
    case = make_case(team["caseworker"])
    _put(client, team["caseworker"], case, "debt_bondage", stages=["recruitment"])
    client.post(f"/api/v1/cases/{case.id}/findings/debt_bondage/signoff",
                headers=bearer(make_token(team["coordinator"])))
    assert _assessment(client, team["caseworker"], case)["forced_labour"] == "established"
    same = _put(client, team["caseworker"], case, "debt_bondage", stages=["recruitment"])
    assert same.get_json()["signed_off"] is True  # nothing changed, nothing voided
    changed = _put(client, team["caseworker"], case, "debt_bondage", stages=["recruitment"], note="Loan of 1,200")
    assert changed.get_json()["signed_off"] is False
    assert _assessment(client, team["caseworker"], case)["forced_labour"] == "possible"


@pytest.mark.parametrize("body, field", [({"stages": []}, "stages"), ({"status": "likely"}, "status"),
                                         ({"stages": ["training"]}, "stages"), ({"excerpt_ids": [99999]},
                                                                                "excerpt_ids")])
def test_invalid_findings_are_422(client, team, body, field):
    case = make_case(team["caseworker"])
    response = _put(client, team["caseworker"], case, "isolation", **body)
    assert response.status_code == 422
    assert any(key.startswith(field) for key in response.get_json()["error"]["fields"])
    assert _put(client, team["caseworker"], case, "laziness").status_code == 422


def test_who_may_read_and_record_findings(client, team):
    case = make_case(team["caseworker"])
    assert _put(client, team["advocate"], case, "isolation").status_code == 403
    assert client.get(f"/api/v1/cases/{case.id}/assessment",
                      headers=bearer(make_token(team["advocate"]))).status_code == 404
    stranger = make_user(make_org(), "coordinator")
    assert _put(client, stranger, case, "isolation").status_code == 404


def test_the_assessment_page_shows_the_indicators_the_determination_and_the_disclaimer(client, team):
    case = make_case(team["caseworker"])
    _put(client, team["caseworker"], case, "withholding_of_wages", stages=["employment"], note="Paid to minders")
    login(client, team["coordinator"].email)
    page = client.get(f"/cases/{case.id}/assessment").get_data(as_text=True)
    assert "not a legal finding" in page and "forced labour possible" in page
    assert page.count('class="card indicator"') == 11 and "Paid to minders" in page
    assert "Sign off this finding" in page
    post_form(client, f"/cases/{case.id}/assessment", f"/cases/{case.id}/findings/withholding_of_wages/signoff", {})
    assert "forced labour established" in client.get(f"/cases/{case.id}/assessment").get_data(as_text=True)


def test_a_quote_from_the_source_page_starts_a_suspected_finding(client, team):
    case = make_case(team["caseworker"])
    headers = bearer(make_token(team["caseworker"]))
    source = client.post("/api/v1/sources", json={"text": "The agency kept every passport."},
                         headers=headers).get_json()
    login(client, team["caseworker"].email)
    post_form(client, f"/sources/{source['id']}", f"/sources/{source['id']}/excerpts",
              {"case_id": str(case.id), "quote": "kept every passport", "credibility": "2", "revision": "1",
               "indicator": "retention_of_identity_documents", "stage": "employment"})
    finding = next(f for f in _assessment(client, team["caseworker"], case)["findings"]
                   if f["indicator"] == "retention_of_identity_documents")
    assert finding["status"] == "suspected" and finding["stages"] == ["employment"] and finding["excerpt_ids"]


def test_flask_ilo_determine(app, tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"findings": [{"indicator": "isolation", "status": "present", "stages": ["exit"],
                                              "signed_off": True}],
                                "context": {"worker_origin": "KP", "state_involved": True, "period_start": "2020-01", "period_end": None}}))
    result = app.test_cli_runner().invoke(args=["ilo", "determine", str(good)])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["forced_labour"] == "established" and out["state_imposed"]["applies"] is True
    assert [s["provision"] for s in out["sanctions"]] == ["para 17", "para 8"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"findings": [{"indicator": "isolation", "status": "present"}]}))
    refused = app.test_cli_runner().invoke(args=["ilo", "determine", str(bad)])
    assert refused.exit_code == 2 and "at least one stage" in refused.output


def test_a_case_is_verified_only_once_its_present_findings_are_signed_off(client, team):
    from tests.factories import advance

    case = make_case(team["caseworker"], title="Findings waiting for four eyes")
    assert _put(client, team["caseworker"], case, "withholding_of_wages").status_code == 200
    assert _put(client, team["caseworker"], case, "isolation", status="suspected").status_code == 200
    advance(case, "submitted", "in_review", coordinator=team["coordinator"])
    refused = client.post(f"/api/v1/cases/{case.id}/transitions", headers=bearer(make_token(team["coordinator"])),
                          json={"to": "verified"})
    assert refused.status_code == 422
    message = refused.get_json()["error"]["message"]
    assert "Withholding of wages" in message and "Isolation" not in message  # suspected findings do not block
    login(client, team["coordinator"].email)
    page = post_form(client, f"/cases/{case.id}", f"/cases/{case.id}/transitions", {"to": "verified"})
    assert page.status_code == 302
    shown = client.get(page.location).get_data(as_text=True)
    assert "Not yet signed off: Withholding of wages" in shown and "In review" in shown
    db.session.refresh(case)
    assert case.status == "in_review"
    signed = client.post(f"/api/v1/cases/{case.id}/findings/withholding_of_wages/signoff",
                         headers=bearer(make_token(team["second_coordinator"])))
    assert signed.status_code == 200
    verified = client.post(f"/api/v1/cases/{case.id}/transitions", headers=bearer(make_token(team["coordinator"])),
                           json={"to": "verified"})
    assert verified.status_code == 200 and verified.get_json()["status"] == "verified"


def test_quoting_stays_on_the_source_and_warns_when_the_case_quotes_the_passage_already(client, team):
    case = make_case(team["caseworker"])
    headers = bearer(make_token(team["caseworker"]))
    source = client.post("/api/v1/sources", json={"text": "The agency kept every passport."},
                         headers=headers).get_json()
    login(client, team["caseworker"].email)
    page, action = f"/sources/{source['id']}", f"/sources/{source['id']}/excerpts"
    body = {"case_id": str(case.id), "quote": "kept every passport", "start": "11", "end": "30",
            "credibility": "2", "revision": "1"}
    first = post_form(client, page, action, body)
    assert first.status_code == 302
    assert first.location == f"/sources/{source['id']}?case_id={case.id}#quotes"
    shown = client.get(first.location).get_data(as_text=True)
    assert "The quote is saved in" in shown and "already quoted" not in shown
    assert f'data-quoted=\'[{{"case": {case.id}, "end": 30, "start": 11}}]\'' in shown
    again = post_form(client, page, action, {**body, "quote": "every", "start": "16", "end": "21"})
    shown = client.get(again.location).get_data(as_text=True)
    assert "already quoted this passage (characters 11–30): both quotes are kept." in shown
    assert 'class="flash flash-warning"' in shown


def test_the_reasons_read_in_the_readers_language_and_travel_as_codes(client, team):
    case = make_case(team["caseworker"], worker_groups=[{"origin": "KP", "children_involved": True}],
                     period_start="2018", period_end="2018")
    _put(client, team["caseworker"], case, "excessive_overtime")
    _put(client, team["caseworker"], case, "intimidation_threats")
    result = _assessment(client, team["caseworker"], case)
    assert result["reasons"][-1].startswith("Forced labour is possible")  # the API's words stay English
    assert [r["code"] for r in result["reason_codes"]] == ["stage_met", "possible"]
    assert result["reason_codes"][0]["params"] == {"stage": "employment", "involuntariness": ["excessive_overtime"],
                                                    "penalty": ["intimidation_threats"], "how": "counting"}
    assert result["sanctions"][0]["reason_code"] == {"code": "unscr_2375_until", "params": {"until": "2018-12-31"}}
    assert result["children"]["reason_codes"] == [{"code": "children_possible",
                                                   "params": {"indicators": ["intimidation_threats"]}}]
    saved = db.session.scalars(db.select(Assessment).order_by(Assessment.id.desc())).first()
    assert saved.result["reason_codes"] == result["reason_codes"]  # a saved assessment keeps the codes

    login(client, team["coordinator"].email)
    post_form(client, "/cases", "/language", {"lang": "nl", "next": "/cases"})
    page = client.get(f"/cases/{case.id}/assessment").get_data(as_text=True)
    assert "Dwangarbeid is mogelijk: aan een fase is alleen voldaan" in page
    assert "In de fase tewerkstelling zijn zowel onvrijwilligheid" in page
    assert "werkvergunningen" in page and "dwangarbeid van kinderen is mogelijk" in page
    assert "Dwangarbeid van kinderen: mogelijk" in page
    for english in ("Forced labour is possible", "At employment", "Children are involved", ": possible<",
                    "DPRK nationals working abroad"):
        assert english not in page
