"""The search over everything (/search and /api/v1/search): results of every kind, snippets with the words
marked, facets with counts, keyset pages, and nothing a reader may not see (counts included)."""
import pytest

from caseapp.assessment import services as assessment
from caseapp.assessment.models import CaseOutcome
from caseapp.cases import review
from caseapp.extensions import db
from caseapp.parties import services as parties
from caseapp.search import everything
from caseapp.sources import evidence
from caseapp.sources import services as sources

from tests.factories import advance, bearer, login, make_case, make_org, make_token, make_user


@pytest.fixture
def archive(app):
    from caseapp.persons.services import create_person

    org = make_org()
    alice, bob = make_user(org, "caseworker"), make_user(org, "caseworker")
    coordinator, advocate = make_user(org, "coordinator"), make_user(org, "advocate")
    # a verified case in Russia, with a party, a source, a quote, a comment and findings
    open_case = make_case(alice, title="Welders in Vladivostok barracks", country="RU", sector="construction",
                          summary="Guards keep the passports of the welders.", period_start="2019-03")
    create_person(open_case, {"name": "Goran Babić", "role": "worker"}, alice)
    employer = parties.create_party({"name": "NordStroy LLC", "kind": "employer", "note": "Holds the passports."},
                                    alice).party
    parties.link_party(open_case, employer.id, "employer", "", alice)
    source = sources.add_from_paste(
        "Goran Babić said the guards keep the passports in a safe. The welders live in closed barracks.",
        {"title": "Interview in the barracks", "language": "en", "published_on": "2020-02-11"}, None, alice).source
    sources.link_case(open_case, source, alice)
    quote = evidence.create_excerpt(source, open_case, {"quote": "the guards keep the passports"}, alice)
    review.add_comment(open_case, "Ask the welders about their passports again.", alice)
    for indicator, stages in (("retention_of_identity_documents", ["employment"]),
                              ("excessive_overtime", ["employment"])):
        assessment.record_finding(open_case, indicator, {"status": "suspected", "stages": stages}, coordinator)
    db.session.commit()
    advance(open_case, "submitted", "in_review", "verified", coordinator=coordinator)
    # a draft in Poland (advocates do not see drafts), a restricted case Bob may not see
    draft = make_case(alice, title="Fruit pickers' passports", country="PL", sector="agriculture")
    restricted = make_case(alice, title="Secret passports case", country="QA", confidentiality="restricted",
                           summary="Passports held by the sponsor.")
    hidden_source = sources.add_from_paste("Only the restricted case cites these passports.",
                                           {"title": "Restricted memo", "language": "fr"}, None, alice).source
    sources.link_case(restricted, hidden_source, alice)
    evidence.create_excerpt(hidden_source, restricted, {"quote": "these passports"}, alice)
    review.add_comment(restricted, "Passports: do not share.", alice)
    # another organisation's
    stranger = make_user(make_org(), "coordinator")
    make_case(stranger, title="Their passports", country="RU")
    db.session.commit()
    return {"alice": alice, "bob": bob, "coordinator": coordinator, "advocate": advocate, "open": open_case,
            "draft": draft, "restricted": restricted, "source": source, "quote": quote, "employer": employer,
            "stranger": stranger}


def _search(user, q, **filters):
    return everything.search(user, q, everything.SearchFilters(**filters), None, 100)


def _found(user, q, **filters):
    return sorted((r.kind, r.title) for r in _search(user, q, **filters).items)


def _facet(found, name):
    return {value.value: value.count for value in found.facets[name]}


def test_every_kind_is_found_with_its_words_marked_in_the_snippet(archive):
    found = _search(archive["alice"], "passports")
    kinds = {(r.kind, r.id) for r in found.items}
    assert {("case", archive["open"].id), ("source", archive["source"].id), ("excerpt", archive["quote"].id),
            ("party", archive["employer"].id)} <= kinds
    assert {r.kind for r in found.items} == {"case", "source", "excerpt", "party", "comment"}
    for result in found.items:  # the word marked where it is: in the snippet, or in the title alone
        assert result.highlights or result.title_highlights, result
        assert all(result.snippet[start:end].lower() == "passports" for start, end in result.highlights)
        assert all(result.title[start:end].lower() == "passports" for start, end in result.title_highlights)
    quote = next(r for r in found.items if r.kind == "excerpt" and r.id == archive["quote"].id)
    assert quote.title == "Interview in the barracks" and quote.case_id == archive["open"].id
    assert quote.case_reference == archive["open"].reference


def test_the_facets_count_every_result_by_its_case_source_and_kind(archive):
    found = _search(archive["coordinator"], "welders")  # case, source, comment: all of the verified case
    assert _facet(found, "kind") == {"case": 1, "source": 1, "comment": 1}
    assert _facet(found, "status") == {"verified": 3}
    assert _facet(found, "country") == {"RU": 3} and _facet(found, "sector") == {"construction": 3}
    assert _facet(found, "indicator") == {"retention_of_identity_documents": 3, "excessive_overtime": 3}
    assert _facet(found, "determination") == {"possible": 3}
    assert _facet(found, "party") == {str(archive["employer"].id): 3}
    assert found.facets["party"][0].label == "NordStroy LLC"
    assert _facet(found, "language") == {"en": 1}
    assert _facet(found, "year") == {"2020": 1, "2019": 2}  # the source's publication; the case's first year
    assert found.total == 3


@pytest.mark.parametrize("filters, expected", [
    ({"kind": "excerpt"}, [("excerpt", "Interview in the barracks"), ("excerpt", "Restricted memo")]),
    ({"country": "PL"}, [("case", "Fruit pickers' passports")]),
    ({"country": "RU", "kind": "source"}, [("source", "Interview in the barracks")]),
    ({"determination": "possible", "kind": "case"}, [("case", "Welders in Vladivostok barracks")]),
    ({"determination": "not_established", "kind": "case"}, [("case", "Fruit pickers' passports"),
                                                             ("case", "Secret passports case")]),
    ({"indicator": "excessive_overtime", "kind": "party"}, [("party", "NordStroy LLC")]),
    ({"language": "fr"}, [("excerpt", "Restricted memo"), ("source", "Restricted memo")]),
    ({"year": 2020}, [("source", "Interview in the barracks")]),
    ({"status": "draft", "sector": "agriculture"}, [("case", "Fruit pickers' passports")]),
])
def test_each_facet_narrows_the_results(archive, filters, expected):
    assert _found(archive["coordinator"], "passports", **filters) == expected


def test_a_party_filter_keeps_what_belongs_to_its_cases(archive):
    found = _found(archive["coordinator"], "passports", party_id=archive["employer"].id)
    assert ("case", "Welders in Vladivostok barracks") in found and ("source", "Interview in the barracks") in found
    assert not any("Secret" in title or "Restricted" in title for _kind, title in found)


def test_a_restricted_case_shows_nowhere_not_even_in_a_count(archive):
    everything_alice_sees = _search(archive["alice"], "passports")  # she is its assignee
    bobs = _search(archive["bob"], "passports")
    assert not any("Secret" in r.title or "Restricted" in r.title or "do not share" in r.snippet
                   for r in bobs.items)
    assert "QA" in _facet(everything_alice_sees, "country") and "QA" not in _facet(bobs, "country")
    assert "fr" in _facet(everything_alice_sees, "language") and "fr" not in _facet(bobs, "language")
    assert _facet(everything_alice_sees, "kind")["comment"] == 2 and _facet(bobs, "kind")["comment"] == 1
    assert bobs.total == len(bobs.items)


def test_an_advocate_finds_only_verified_work_and_no_hidden_person(archive):
    advocate = archive["advocate"]
    found = _search(advocate, "passports")
    assert {r.case_id for r in found.items if r.case_id} == {archive["open"].id}
    assert _facet(found, "status") == {"verified": len([r for r in found.items])}
    assert "PL" not in _facet(found, "country")
    assert _search(advocate, "Babić").items == [] and _search(advocate, "goran").total == 0
    source = next(r for r in found.items if r.kind == "source")
    assert "Babić" not in source.snippet and "[W-1]" in source.snippet
    assert all(source.snippet[s:e] == "passports" for s, e in source.highlights)


def test_another_organisation_is_never_found(archive):
    assert not any("Their" in title for _kind, title in _found(archive["coordinator"], "passports"))
    assert _search(archive["stranger"], "welders").total == 0


def test_pages_follow_one_another_without_repeating_or_missing(archive):
    user = archive["coordinator"]
    every = [(r.kind, r.id) for r in _search(user, "passports").items]
    seen, cursor = [], None
    while True:
        page = everything.search(user, "passports", everything.SearchFilters(), cursor, 2, with_facets=False)
        seen += [(r.kind, r.id) for r in page.items]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == every and len(every) == len(set(every)) > 4


def test_the_determination_kept_beside_the_case_follows_its_findings(archive):
    case, coordinator = archive["open"], archive["coordinator"]
    assert db.session.get(CaseOutcome, case.id).forced_labour == "possible"
    assessment.record_finding(case, "excessive_overtime", {"status": "absent", "stages": []}, coordinator)
    db.session.commit()
    assert db.session.get(CaseOutcome, case.id).forced_labour == "not_established"
    assert _found(coordinator, "welders", determination="possible") == []


def test_the_api_answers_the_documented_shape(client, archive):
    headers = bearer(make_token(archive["alice"]))
    body = client.get("/api/v1/search", query_string={"q": "closed barracks", "limit": 1}, headers=headers).get_json()
    assert set(body) == {"items", "facets", "facets_complete", "next_cursor"}
    assert set(body["items"][0]) == {"kind", "id", "case_id", "title", "snippet", "highlights"}
    assert set(body["facets"]) == {"kind", "status", "country", "sector", "indicator", "determination", "party",
                                   "language", "year"}
    assert body["facets"]["kind"] == [{"value": "source", "label": "", "count": 1}]
    item = body["items"][0]
    assert [item["snippet"][s:e] for s, e in item["highlights"]] == ["closed", "barracks"]
    kind_only = client.get("/api/v1/search", query_string={"q": "passports", "kind": "party"}, headers=headers)
    assert [i["kind"] for i in kind_only.get_json()["items"]] == ["party"]


@pytest.mark.parametrize("query, field", [
    ({"q": '"closed barracks'}, "q"), ({"q": "a*"}, "q"), ({"q": "-passports"}, "q"),
    ({"q": "x", "kind": "person"}, "kind"), ({"q": "x", "year": "twenty"}, "year"),
    ({"q": "x", "determination": "yes"}, "determination"), ({"q": "x", "cursor": "%%%"}, "cursor"),
    ({"q": "x", "limit": "1000"}, "limit"), ({"q": "x", "country": "R'U"}, "country"),
])
def test_what_the_search_cannot_read_is_a_clear_422(client, archive, query, field):
    response = client.get("/api/v1/search", query_string=query, headers=bearer(make_token(archive["alice"])))
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]


def test_a_person_is_never_a_result(client, archive):
    # the person's record is not in the index: only the texts naming them are found, for those who may see them
    headers = bearer(make_token(archive["alice"]))
    kinds = {i["kind"] for i in client.get("/api/v1/search", query_string={"q": "Babić"},
                                           headers=headers).get_json()["items"]}
    assert kinds == {"source"}


def test_the_page_marks_the_words_escapes_everything_and_keeps_what_was_typed(client, archive):
    alice = archive["alice"]
    archive["open"].title = "Welders <script>alert(1)</script> barracks"
    db.session.commit()
    login(client, alice.email)
    html = client.get("/search", query_string={"q": "welders"}).get_data(as_text=True)
    assert "<mark>Welders</mark>" in html and "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'id="group-case"' in html and 'id="group-source"' in html
    refused = client.get("/search", query_string={"q": '"closed barr'})
    text = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "closing quote" in text and 'value="&#34;closed barr"' in text
    narrowed = client.get("/search", query_string={"q": "passports", "kind": "excerpt"}).get_data(as_text=True)
    assert f"#quote-{archive['quote'].id}" in narrowed
    # the box in the top bar is on every page
    assert 'id="topbar-q"' in client.get("/cases").get_data(as_text=True)


def test_the_first_page_with_facets_goes_on_where_the_next_pages_take_over(archive):
    user = archive["coordinator"]
    every = [(r.kind, r.id) for r in _search(user, "passports").items]
    first = everything.search(user, "passports", everything.SearchFilters(), None, 3)
    seen, cursor = [(r.kind, r.id) for r in first.items], first.next_cursor
    while cursor:
        page = everything.search(user, "passports", everything.SearchFilters(), cursor, 3, with_facets=False)
        seen, cursor = seen + [(r.kind, r.id) for r in page.items], page.next_cursor
    assert seen == every


@pytest.mark.parametrize("role, cap", [("coordinator", "FACETS_COUNTED"), ("advocate", "FACETS_CHECKED")])
def test_beyond_the_counted_results_the_facets_say_they_are_not_all(archive, monkeypatch, role, cap):
    user = archive[role]
    whole = _search(user, "passports")
    monkeypatch.setattr(everything, cap, 2)
    counted = _search(user, "passports")
    assert whole.facets_complete and not counted.facets_complete
    assert counted.total <= 2 < whole.total
    assert [(r.kind, r.id) for r in counted.items] == [(r.kind, r.id) for r in whole.items]  # every result still
    groups, overall = everything.grouped(user, "passports", everything.SearchFilters(), 5)
    assert not overall.facets_complete
    assert {kind for kind, group in groups.items() if group.items} == {r.kind for r in whole.items}


def test_the_page_gives_a_hidden_name_back_only_as_typed_in_the_box_the_title_and_the_links(client, archive):
    # Typing a guessed name must not be answered by its code ([W-1]) anywhere: that would confirm the guess.
    login(client, archive["advocate"].email)
    html = client.get("/search", query_string={"q": "passports -Babić"}).get_data(as_text=True)
    assert "[W-" not in html.split("<main")[0]  # the title
    assert "passports -Babić · Search" in html
    links = [part.split('"')[0] for part in html.split('href="')[1:] if part.startswith("/search?")]
    assert links and all("%5BW-" not in link and "[W-" not in link for link in links)
    assert any("Babi%C4%87" in link for link in links)
    nothing = client.get("/search", query_string={"q": "Babić", "status": "verified"}).get_data(as_text=True)
    assert "[W-" not in nothing and "Nothing matches" in nothing and "Filters on:" in nothing


def test_punctuation_alone_asks_for_words_as_an_empty_search_does(client, archive):
    login(client, archive["alice"].email)
    for q in ("", "*", '""', "-"):
        html = client.get("/search", query_string={"q": q}).get_data(as_text=True)
        assert "Type what you are looking for" in html and "Nothing matches" not in html


def test_the_codes_that_stand_for_people_are_not_words_to_leave_out(archive):
    # "-w" must not drop the source whose text, as the advocate reads it, holds "[W-1]"
    advocate = archive["advocate"]
    with_code = {(r.kind, r.id) for r in _search(advocate, "guards").items}
    assert ("source", archive["source"].id) in with_code
    for q in ("guards -w", "guards -1", "guards -w-1"):
        assert {(r.kind, r.id) for r in _search(advocate, q).items} == with_code


def test_the_next_page_link_keeps_the_kind_and_the_cursor(client, archive):
    login(client, archive["coordinator"].email)
    html = client.get("/search", query_string={"q": "passports", "kind": "excerpt", "limit": 1}).get_data(as_text=True)
    pager = html.split('class="pager"><a href="')[1].split('"')[0]
    assert "&amp;kind=excerpt&amp;cursor=" in pager and "&amp;amp;" not in pager
    followed = client.get(pager.replace("&amp;", "&")).get_data(as_text=True)
    assert followed.count('class="result result-excerpt"') == 1
