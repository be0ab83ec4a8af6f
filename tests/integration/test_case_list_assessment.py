"""The case list shows each case's determination and indicators, filters by them, and counts what it finds."""
import pytest

from caseapp.assessment import services as assessment
from caseapp.cases.filters import parse_filters
from caseapp.extensions import db
from caseapp.search.cases import count_cases, list_cases

from tests.factories import bearer, login, make_case, make_org, make_token, make_user


@pytest.fixture
def assessed(app):
    org = make_org()
    caseworker, coordinator = make_user(org, "caseworker"), make_user(org, "coordinator")
    second = make_user(org, "coordinator")
    established = make_case(caseworker, title="Brick kiln debt bondage")
    possible = make_case(caseworker, title="Shipyard overtime")
    plain = make_case(caseworker, title="Nothing assessed yet")
    make_case(caseworker, title="Restricted kiln", confidentiality="restricted")
    for indicator in ("debt_bondage", "excessive_overtime"):
        assessment.record_finding(established, indicator, {"status": "present", "stages": ["employment"]},
                                  coordinator)
        db.session.commit()
        assessment.sign_off(established, indicator, second)
    assessment.record_finding(possible, "excessive_overtime", {"status": "suspected", "stages": ["employment"]},
                              coordinator)
    assessment.record_finding(possible, "retention_of_identity_documents",
                              {"status": "suspected", "stages": ["employment"]}, coordinator)
    db.session.commit()
    return {"caseworker": caseworker, "coordinator": coordinator, "other": make_user(org, "caseworker"),
            "established": established, "possible": possible, "plain": plain}


def _titles(user, **args):
    return sorted(case.title for case in list_cases(user, parse_filters(args), None, 50).items)


@pytest.mark.parametrize("args, titles", [
    ({"determination": "established"}, ["Brick kiln debt bondage"]),
    ({"determination": "possible"}, ["Shipyard overtime"]),
    ({"determination": "not_established"}, ["Nothing assessed yet", "Restricted kiln"]),
    ({"indicator": "excessive_overtime"}, ["Brick kiln debt bondage", "Shipyard overtime"]),
    ({"indicator": "debt_bondage", "determination": "possible"}, []),
])
def test_the_list_filters_by_determination_and_indicator(assessed, args, titles):
    assert _titles(assessed["coordinator"], **args) == titles


def test_the_total_counts_what_the_reader_may_see(assessed):
    assert count_cases(assessed["coordinator"], parse_filters({})).count == 4
    other = count_cases(assessed["other"], parse_filters({"q": "kiln"}))  # the restricted case is not theirs
    assert (other.count, other.exact) == (1, True)


def test_a_bad_value_is_refused_by_name(client, assessed):
    response = client.get("/api/v1/cases", query_string={"determination": "proven"},
                          headers=bearer(make_token(assessed["coordinator"])))
    assert response.status_code == 422 and "determination" in response.get_json()["error"]["fields"]


def test_the_page_shows_the_determination_the_indicators_and_the_total(client, assessed):
    login(client, assessed["caseworker"].email)
    html = client.get("/cases").get_data(as_text=True)
    assert "4 cases" in html
    assert "forced labour established" in html and "2 present, 0 suspected" in html
    assert "0 present, 2 suspected" in html
    narrowed = client.get("/cases", query_string={"determination": "possible"}).get_data(as_text=True)
    assert "1 case" in narrowed and "Shipyard overtime" in narrowed and "Brick kiln" not in narrowed
    assert '<option value="possible" selected>' in narrowed


def test_a_user_keeps_a_search_finds_it_again_and_deletes_it(client, assessed):
    from tests.factories import post_form

    login(client, assessed["caseworker"].email)
    page = "/cases?determination=possible&q=shipyard"
    answer = post_form(client, page, "/cases/saved", {"name": "  Possible   shipyards ", "q": "shipyard",
                                                      "determination": "possible"})
    assert answer.status_code == 302 and "determination=possible" in answer.location
    html = client.get("/cases").get_data(as_text=True)
    assert "Possible shipyards" in html and "/cases?q=shipyard&amp;determination=possible" in html
    # the same name again keeps the new filters under it
    post_form(client, "/cases?determination=established", "/cases/saved",
              {"name": "Possible shipyards", "determination": "established"})
    from caseapp.cases.models import SavedSearch

    kept = db.session.query(SavedSearch).all()
    assert [(s.name, s.query) for s in kept] == [("Possible shipyards", "determination=established")]
    # another user cannot delete it (it does not exist for them), its owner can
    other = client.application.test_client()
    login(other, assessed["other"].email)
    assert post_form(other, "/cases", f"/cases/saved/{kept[0].id}/delete", {}).status_code == 404
    assert "Possible shipyards" not in other.get("/cases").get_data(as_text=True)
    assert post_form(client, "/cases", f"/cases/saved/{kept[0].id}/delete", {}).status_code == 302
    assert db.session.query(SavedSearch).count() == 0


def test_a_search_without_a_name_is_refused_and_keeps_what_was_typed(client, assessed):
    from tests.factories import post_form

    login(client, assessed["caseworker"].email)
    answer = post_form(client, "/cases?q=kiln", "/cases/saved", {"name": "   ", "q": "kiln"})
    followed = client.get(answer.location).get_data(as_text=True)
    assert "Give the search a name." in followed and 'value="kiln"' in followed
    unfiltered = post_form(client, "/cases", "/cases/saved", {"name": "Everything"})
    assert "this is the whole list" in client.get(unfiltered.location).get_data(as_text=True)
