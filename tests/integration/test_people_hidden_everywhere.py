"""People are hidden in everything a reader without need-to-know receives, not only in the PDFs.

A world where the worker Kim Chol-su — his alias, phone and passport number too — is named in every
free-text field of every kind of record. Every page of the URL map and every API endpoint an advocate or
a caseworker on someone else's case can reach holds none of it; the case's assignee and a coordinator
still see him. Stored data stays as it was: redaction happens at output.
"""
from __future__ import annotations

import re

import pytest

from caseapp.extensions import db
from caseapp.persons.models import Person
from caseapp.sources.models import SourceText
from tests.factories import bearer, login, make_token, make_user
from tests.integration import hostile

PERSON = {"name": "Kim Chol-su", "role": "worker", "aliases": ["Chollie"], "contact": "+7 914 555 0199",
          "document_numbers": "Passport 836401122"}
MENTION = "Kim Chol-su (Chollie, +7 914 555 0199, passport 836401122)"
SHORT = "Chollie 836401122"
# What must never reach a reader without need-to-know, however it is written.
SECRET = re.compile(r"chol-?su|chollie|914\W*555\W*0199|836\W*401\W*122", re.IGNORECASE)


@pytest.fixture
def named(app):
    world = hostile.build(app, text_for=lambda tag: f"{MENTION} {tag}", short_for=lambda tag: f"{SHORT} {tag}",
                          person_fields=PERSON)
    other = make_user(world.people["caseworker"].organisation, "caseworker")
    db.session.commit()
    return world, other


def _found(text: str) -> list[str]:
    return [text[max(0, m.start() - 50):m.end() + 30] for m in SECRET.finditer(text)]


# The document, and the report PDFs, which the reports' own redaction covers (tests/integration/test_reports.py).
API_SKIPPED = {"api.openapi_json", "api.case_report_pdf", "api.dossier_pdf"}
TEXT = ("text/html", "application/json", "text/csv", "text/plain")


def _text(response, url) -> str:
    assert response.mimetype in TEXT, f"{url} gave {response.mimetype}: a file redaction cannot reach"
    return response.get_data(as_text=True)


def _api_urls(app, ids) -> list[str]:
    urls = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api.") and "GET" in rule.methods and rule.endpoint not in API_SKIPPED:
            path = rule.build({arg: ids[arg] for arg in rule.arguments}, append_unknown=False)[1]
            urls.append(path + ("?case_id=%d" % ids["case_id"] if rule.endpoint == "api.list_proposals" else ""))
    return sorted(urls)


@pytest.mark.parametrize("who", ["advocate", "other caseworker"])
def test_no_page_or_answer_names_the_people_to_a_reader_without_need_to_know(app, named, who):
    world, other = named
    reader = world.people["advocate"] if who == "advocate" else other
    client = app.test_client()
    login(client, reader.email)
    leaked, seen = {}, 0
    for url in hostile.page_urls(app, world.ids) + ["/cases?q=Chollie"]:
        response = client.get(url)
        if response.status_code == 200:
            seen += 1
            text = _text(response, url)
            if "?q=" in url:
                # What the reader typed comes back as they typed it, in the search box and the links that carry
                # their query (redacting it would confirm their guess): only there.
                typed = url.split("?q=", 1)[1]
                text = text.replace(f'value="{typed}"', "").replace(f"q={typed}", "")
            found = _found(text)
            if found:
                leaked[url] = found[:2]
    headers = bearer(make_token(reader))
    for url in _api_urls(app, world.ids):
        response = client.get(url, headers=headers)
        if response.status_code == 200:
            seen += 1
            found = _found(_text(response, url))
            if found:
                leaked[url] = found[:2]
    assert seen > 25, "the reader reached too few pages for the test to mean anything"
    assert not leaked, leaked


def test_the_assignee_and_a_coordinator_still_see_the_people(app, named):
    world, _ = named
    for role in ("caseworker", "coordinator"):
        client = app.test_client()
        login(client, world.people[role].email)
        page = client.get(f"/cases/{world.case.id}").get_data(as_text=True)
        assert "Kim Chol-su" in page, role
        answer = client.get(f"/api/v1/cases/{world.case.id}", headers=bearer(make_token(world.people[role])))
        assert "Kim Chol-su" in answer.get_data(as_text=True)


def test_a_quote_is_shown_redacted_with_its_offsets_and_hashes_on_the_stored_text(app, named):
    world, other = named
    headers = bearer(make_token(world.people["advocate"]))
    [excerpt] = [e for e in app.test_client().get(f"/api/v1/cases/{world.case.id}/excerpts",
                                                  headers=headers).get_json()["items"] if e["redacted"]][:1]
    assert "[W-1]" in excerpt["quote"] and not _found(excerpt["quote"])
    stored = db.session.scalars(db.select(SourceText).where(SourceText.source_id == excerpt["source_id"],
                                                            SourceText.revision == excerpt["revision"])).one()
    assert SECRET.search(stored.text[excerpt["start"]:excerpt["end"]])  # the offsets are the stored text's
    text = app.test_client().get(f"/api/v1/sources/{excerpt['source_id']}/text?revision={excerpt['revision']}",
                                 headers=headers).get_json()
    assert text["redacted"] and text["text_sha256"] == stored.text_sha256 and not _found(text["text"])
    assert db.session.get(Person, world.person.id).name == "Kim Chol-su"  # stored as it was


def test_a_search_for_a_hidden_name_finds_nothing_for_that_reader(app, named):
    world, other = named
    for reader, finds in ((world.people["advocate"], False), (world.people["coordinator"], True)):
        answer = app.test_client().get("/api/v1/cases?q=Chollie", headers=bearer(make_token(reader)))
        assert bool(answer.get_json()["items"]) is finds, reader.role


def test_the_export_of_an_advocate_hides_the_people_and_a_coordinators_does_not(app, named):
    world, other = named
    for reader, hidden in ((world.people["advocate"], True), (world.people["coordinator"], False)):
        client = app.test_client()
        login(client, reader.email)
        exported = client.get("/cases/export.json")
        if exported.status_code != 200:
            continue
        assert bool(_found(exported.get_data(as_text=True))) is not hidden, reader.role


def test_a_form_with_text_naming_hidden_people_shows_it_redacted_and_saving_keeps_the_stored_text(app, named):
    world, other = named
    client = app.test_client()
    login(client, other.email)
    url = f"/parties/{world.party.id}/edit"
    page = client.get(url).get_data(as_text=True)
    assert not _found(page) and "names people you may not see" in page and "readonly" in page
    stored_note = world.party.note
    form = {key: value for key, value in re.findall(r'name="(\w+)" type="hidden" value="([^"]*)"', page)}
    data = {**form, "name": "[W-1] renamed", "kind": "employer", "country": "", "registration_number": "[W-1]",
            "aliases": "", "note": "[W-1] x-party-note"}
    refused = client.post(url, data=data)
    assert refused.status_code == 422 and not _found(refused.get_data(as_text=True))
    db.session.expire_all()
    assert db.session.get(type(world.party), world.party.id).note == stored_note  # nothing overwritten


def test_a_source_text_naming_hidden_people_cannot_be_revised_over_its_redaction(app, named):
    world, other = named
    from caseapp.sources import services as sources
    from tests.factories import make_case

    sources.link_case(make_case(other, title="Their own case"), world.source, other)  # so they may change it
    db.session.commit()
    client = app.test_client()
    login(client, other.email)
    answer = client.get(f"/sources/{world.source.id}/revise", follow_redirects=True)
    assert answer.status_code == 200 and "names people you may not see" in answer.get_data(as_text=True)
    before = len(world.source.texts)
    client.post(f"/sources/{world.source.id}/revise", data={"text": "[W-1] typed over", "reason": "x"})
    db.session.expire_all()
    assert len(db.session.get(type(world.source), world.source.id).texts) == before


def test_a_notification_about_a_case_the_reader_can_no_longer_open_does_not_describe_it(app, team):
    from caseapp.cases import review
    from caseapp.cases import services as cases
    from tests.factories import make_case

    case = make_case(team["other"], title="Brigade of Kim Chol-su")
    review.assign(case, team["caseworker"].id, team["coordinator"])  # tells the caseworker
    db.session.commit()
    client = app.test_client()
    login(client, team["caseworker"].email)
    assert "Brigade of Kim Chol-su" in client.get("/notifications").get_data(as_text=True)
    review.assign(case, team["other"].id, team["coordinator"])
    cases.update_case(case, {"confidentiality": "restricted"}, team["coordinator"], case.version)
    db.session.commit()
    page = client.get("/notifications").get_data(as_text=True)
    assert "A case you can no longer open changed" in page
    assert "Kim Chol-su" not in page and case.reference not in page


def _cites_the_source(world, other):
    from caseapp.sources import services as sources
    from tests.factories import make_case

    case = make_case(other, title="Their own case")
    sources.link_case(case, world.source, other)
    db.session.commit()
    return case


def test_a_conflict_answer_shows_the_current_record_redacted(app, named):
    world, other = named
    answer = app.test_client().patch(f"/api/v1/parties/{world.party.id}", json={"version": 0, "country": "RU"},
                                     headers=bearer(make_token(other)))
    assert answer.status_code == 409 and "[W-1]" in answer.get_data(as_text=True)
    assert not _found(answer.get_data(as_text=True))


def test_quoting_or_revising_a_source_naming_hidden_people_is_refused_the_same_whatever_is_guessed(app, named):
    world, other = named
    theirs = _cites_the_source(world, other)
    headers = bearer(make_token(other))
    client = app.test_client()
    answers = [client.post(f"/api/v1/sources/{world.source.id}/excerpts", headers=headers,
                           json={"case_id": theirs.id, "quote": guess, "revision": 1})
               for guess in ("Kim Chol-su", "Ivan Ivanov")]
    assert {a.status_code for a in answers} == {403}
    assert "names people you may not see" in answers[0].get_json()["error"]["message"]
    assert len({a.get_data(as_text=True) for a in answers}) == 1  # the same answer: nothing to learn
    revised = client.post(f"/api/v1/sources/{world.source.id}/revisions", headers=headers,
                          json={"text": "[W-1] typed over", "reason": "tidy"})
    assert revised.status_code == 403


def test_no_search_finds_a_record_through_a_hidden_name_or_a_piece_of_one(app, named):
    world, other = named
    headers = bearer(make_token(world.people["advocate"]))
    client = app.test_client()
    for query in ("Chollie", "Cholli", "Chol-s", "836401"):
        assert client.get(f"/api/v1/cases?q={query}", headers=headers).get_json()["items"] == [], query
        assert client.get(f"/api/v1/sources?q={query}", headers=headers).get_json()["items"] == [], query
    coordinator = bearer(make_token(world.people["coordinator"]))
    assert client.get("/api/v1/sources?q=Chollie", headers=coordinator).get_json()["items"]


def test_a_new_party_is_not_said_to_resemble_one_through_a_hidden_name(app, named):
    world, other = named
    answer = app.test_client().post("/api/v1/parties", json={"name": "Kim Chol-su", "kind": "employer"},
                                    headers=bearer(make_token(other)))
    assert answer.status_code == 201 and answer.get_json()["similar"] == []


def test_a_quote_that_cuts_a_number_in_two_does_not_show_it_whole_beside_the_quote(app, named):
    world, other = named
    from caseapp.sources import evidence

    text = world.source.current_text.text
    start = text.index("passport 836401122")
    end = text.index("836401122") + 4  # the assignee's quote ends inside the number
    evidence.create_excerpt(world.source, world.draft, {"start": start, "end": end, "quote": text[start:end],
                                                        "revision": world.source.current_text.revision},
                            world.people["caseworker"])  # the assignee of both cases quotes in the draft
    db.session.commit()
    client = app.test_client()
    login(client, other.email)  # a caseworker who sees the draft's quotes, not the case's people
    page = client.get(f"/sources/{world.source.id}").get_data(as_text=True)
    assert "<mark" in page and not _found(re.sub(r"<[^>]+>", "", page))  # not even across the quote's </mark>


def test_the_pickers_of_the_readers_own_case_do_not_name_hidden_people(app, named):
    world, other = named
    theirs = _cites_the_source(world, other)
    client = app.test_client()
    login(client, other.email)
    page = client.get(f"/cases/{theirs.id}").get_data(as_text=True)
    assert "<select" in page and "x-party-name" in page  # the party picker lists the world's party...
    assert not _found(page)  # ...by what the reader may see of its name


def test_pasting_the_exact_words_of_a_source_naming_hidden_people_does_not_confirm_them(app, named):
    """Answered with the stored source (200), the exact words would confirm every hidden name guessed in them:
    the reader gets a source of their own (201), as for any other text."""
    world, other = named
    client = app.test_client()
    owner = bearer(make_token(world.people["caseworker"]))  # the assignee, who may see everyone named
    words = f"{MENTION} pasted by the assignee"
    stored = client.post("/api/v1/sources", headers=owner, json={"text": words, "title": "Interview"})
    assert stored.status_code == 201
    headers = bearer(make_token(other))
    assert client.get(f"/api/v1/sources/{stored.get_json()['id']}", headers=headers).status_code == 200
    exact = client.post("/api/v1/sources", headers=headers, json={"text": words, "title": "Pasted"})
    assert exact.status_code == 201 and exact.get_json()["id"] != stored.get_json()["id"]
    assert "Interview" not in exact.get_data(as_text=True)
    guessed = client.post("/api/v1/sources", headers=headers, json={"text": words + " again", "title": "Pasted"})
    assert guessed.status_code == 201  # a wrong guess is answered the same way
    # Their own paste is theirs to find again; the assignee finds the first one, as before
    mine = client.post("/api/v1/sources", headers=headers, json={"text": words})
    assert mine.status_code == 200 and mine.get_json()["id"] == exact.get_json()["id"]
    again = client.post("/api/v1/sources", headers=owner, json={"text": words})
    assert again.status_code == 200 and again.get_json()["id"] == stored.get_json()["id"]
