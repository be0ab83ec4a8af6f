"""Filters, sorting and the cursor on the case list, in the API and on the page."""
import pytest

from caseapp.extensions import db

from tests.factories import advance, bearer, login, make_case, make_org, make_token, make_user


@pytest.fixture
def searchable(app):
    org = make_org()
    alice, bob = make_user(org, "caseworker"), make_user(org, "caseworker")
    coordinator = make_user(org, "coordinator")
    from caseapp.parties.services import create_party, link_party

    kiln = make_case(alice, title="Brick kiln families", country="IN", sector="manufacturing",
                     period_start="2019", period_end="2020-06")
    boat = make_case(alice, title="Trawler crew", country="TH", sector="fishing", period_start="2023-02",
                     period_end="2024-01")
    farm = make_case(bob, title="Greenhouse pickers", country="ES", sector="agriculture", period_start="2021-05")
    care = make_case(bob, title="Care home staff", country="GB", sector="care")
    agency = create_party({"name": "Golden Road Manpower", "kind": "recruiter"}, alice).party
    db.session.flush()
    link_party(boat, agency.id, "recruiter", "", alice)
    link_party(kiln, agency.id, "recruiter", "", alice)
    db.session.commit()
    advance(boat, "submitted", coordinator=coordinator)
    return {"headers": bearer(make_token(coordinator)), "coordinator": coordinator, "alice": alice, "bob": bob,
            "kiln": kiln, "boat": boat, "farm": farm, "care": care, "agency": agency}


def titles(client, searchable, query):
    response = client.get(f"/api/v1/cases?{query}", headers=searchable["headers"])
    assert response.status_code == 200, response.get_json()
    return sorted(c["title"] for c in response.get_json()["items"])


def test_each_filter(client, searchable):
    assert titles(client, searchable, "status=submitted") == ["Trawler crew"]
    assert titles(client, searchable, "country=th") == ["Trawler crew"]
    assert titles(client, searchable, "sector=agriculture") == ["Greenhouse pickers"]
    assert titles(client, searchable, f"assignee_id={searchable['bob'].id}") == ["Care home staff", "Greenhouse pickers"]
    assert titles(client, searchable, f"party_id={searchable['agency'].id}") == ["Brick kiln families", "Trawler crew"]
    assert titles(client, searchable, "q=golden+road") == ["Brick kiln families", "Trawler crew"]
    assert titles(client, searchable, "q=pickers&country=ES") == ["Greenhouse pickers"]
    assert titles(client, searchable, "q=pickers&country=TH") == []


@pytest.mark.parametrize("query, expected", [
    ("period_from=2020&period_to=2020", ["Brick kiln families", "Care home staff"]),
    ("period_from=2020-07", ["Care home staff", "Greenhouse pickers", "Trawler crew"]),
    ("period_to=2019-12-31", ["Brick kiln families", "Care home staff"]),
    ("period_from=2024-01-31&period_to=2024-02", ["Care home staff", "Greenhouse pickers", "Trawler crew"]),
    ("period_from=2024-02", ["Care home staff", "Greenhouse pickers"]),
])
def test_partial_dates_count_as_their_whole_range_and_periods_match_when_they_overlap(client, searchable, query,
                                                                                        expected):
    # The care case has no period: unknown, it is never ruled out by a period filter.
    assert titles(client, searchable, query) == expected


@pytest.mark.parametrize("query, field", [("status=lost", "status"), ("country=XX", "country"),
                                          ("sector=space", "sector"), ("party_id=abc", "party_id"),
                                          ("period_from=2020-13", "period_from"),
                                          ("period_from=2021&period_to=2020", "period_to"), ("sort=title", "sort")])
def test_a_bad_filter_is_422_naming_it(client, searchable, query, field):
    response = client.get(f"/api/v1/cases?{query}", headers=searchable["headers"])
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]


def test_sorting_and_the_cursor_across_pages(client, searchable):
    for n in range(7):
        make_case(searchable["alice"], title=f"Extra {n}")
    seen, cursor = [], None
    while True:
        url = "/api/v1/cases?sort=reference&limit=3" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(url, headers=searchable["headers"]).get_json()
        seen += [c["reference"] for c in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == 11
    newest = client.get("/api/v1/cases?limit=2", headers=searchable["headers"]).get_json()
    oldest_first = client.get("/api/v1/cases?sort=updated_at&limit=2", headers=searchable["headers"]).get_json()
    assert newest["items"][0]["title"] == "Extra 6"
    assert oldest_first["items"][0]["title"] == "Brick kiln families"
    following = client.get(f"/api/v1/cases?limit=2&cursor={newest['next_cursor']}", headers=searchable["headers"])
    assert [c["title"] for c in following.get_json()["items"]] == ["Extra 4", "Extra 3"]


def test_the_page_keeps_filters_in_the_url_and_in_the_form(client, searchable):
    login(client, searchable["coordinator"].email)
    page = client.get("/cases?country=TH&status=submitted").get_data(as_text=True)
    assert "Trawler crew" in page and "Greenhouse pickers" not in page
    assert '<option value="TH" selected>' in page and '<option value="submitted" selected>' in page
    assert "/cases/export.csv?" in page and "country=TH" in page.split("/cases/export.csv?")[1].split('"')[0]
    bad = client.get("/cases?period_from=soon")
    assert bad.status_code == 422 and 'value="soon"' in bad.get_data(as_text=True)
