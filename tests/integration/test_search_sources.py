"""The sources list finds sources by the words of their text through the search index, for what each reader
may see and as they see it."""
import pytest

from caseapp.extensions import db
from caseapp.search.sources import list_sources
from caseapp.sources import evidence
from caseapp.sources import services as sources

from tests.factories import bearer, login, make_case, make_org, make_token, make_user


@pytest.fixture
def library(app):
    from caseapp.persons.services import create_person

    org = make_org()
    alice, bob = make_user(org, "caseworker"), make_user(org, "caseworker")
    case = make_case(alice, title="Shipyard welders")
    create_person(case, {"name": "Goran Babić", "role": "worker"}, alice)
    named = sources.add_from_paste("Goran Babić said the foreman locked the dormitory every night. The welders "
                                   "were paid in vouchers.", {"title": "Interview notes", "publisher": "Radnik"},
                                   None, alice).source
    plain = sources.add_from_paste("The welders slept in a dormitory by the dry dock.",
                                   {"title": "Inspection report"}, None, alice).source
    for source in (named, plain):
        sources.link_case(case, source, alice)
    evidence.create_excerpt(named, case, {"quote": "the foreman locked the dormitory"}, alice)
    stranger = make_user(make_org(), "coordinator")
    sources.add_from_paste("The welders of another organisation.", {"title": "Elsewhere"}, None, stranger)
    db.session.commit()
    return {"alice": alice, "bob": bob, "named": named, "plain": plain, "stranger": stranger}


def _titles(user, q):
    return sorted(source.title for source in list_sources(user, q, None, 50).items)


@pytest.mark.parametrize("q, titles", [
    ("vouchers", ["Interview notes"]),  # a word of the text, not of the title
    ("dormitory", ["Inspection report", "Interview notes"]),
    ("dormitory -vouchers", ["Inspection report"]),
    ('"dry dock"', ["Inspection report"]),
    ("vouch*", ["Interview notes"]),
    ("radnik", ["Interview notes"]),  # the publisher
    ("nspect", ["Inspection report"]),  # a part of a title
    ("welders", ["Inspection report", "Interview notes"]),  # never another organisation's
])
def test_sources_are_found_by_the_words_of_their_text(library, q, titles):
    assert _titles(library["alice"], q) == titles


def test_a_reader_cannot_find_a_source_through_a_person_hidden_from_them(library):
    # Bob's case list hides the people of Alice's case; the source is his to see, not the name in it.
    assert _titles(library["alice"], "Babić") == ["Interview notes"]
    assert _titles(library["bob"], "Babić") == [] and _titles(library["bob"], "goran") == []
    assert _titles(library["bob"], "dormitory -Babić") == ["Inspection report", "Interview notes"]
    assert _titles(library["bob"], "vouchers") == ["Interview notes"]


def test_the_api_and_the_page_take_the_same_syntax_and_refuse_what_they_cannot_read(client, library):
    headers = bearer(make_token(library["alice"]))
    response = client.get("/api/v1/sources", query_string={"q": "vouchers"}, headers=headers)
    assert [item["title"] for item in response.get_json()["items"]] == ["Interview notes"]
    refused = client.get("/api/v1/sources", query_string={"q": '"dry dock'}, headers=headers)
    assert refused.status_code == 422 and "closing quote" in str(refused.get_json())
    login(client, library["bob"].email)
    page = client.get("/sources", query_string={"q": '"dry dock'})
    text = page.get_data(as_text=True)
    assert page.status_code == 422 and "closing quote" in text and 'value="&#34;dry dock"' in text
    page = client.get("/sources", query_string={"q": "Babić vouchers"}).get_data(as_text=True)
    assert 'value="Babić vouchers"' in page and "[W-" not in page
