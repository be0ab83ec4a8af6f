"""One conflict screen for every kind of record: a party or a person's record saved by someone else while a
user was editing it gets the same screen as a case (both versions side by side, nothing typed lost)."""
from caseapp.extensions import db
from caseapp.parties import services as parties
from caseapp.parties.models import Party
from caseapp.persons import services as persons
from caseapp.persons.models import Person
from tests.factories import csrf_token, login, make_case, make_org, make_user

PARTY = {"name": "Baltic Builders", "kind": "employer", "country": "RU", "registration_number": "",
         "aliases": "", "note": ""}
PERSON = {"name": "Worker A", "role": "worker", "aliases": "", "contact": "", "document_numbers": "",
          "notes": "", "consent": "unknown", "risk": "medium", "consent_date": ""}


def _two_editors(app, role="coordinator"):
    org = make_org()
    me, them = make_user(org, role), make_user(org, "coordinator")
    mine, theirs = app.test_client(), app.test_client()
    login(mine, me.email)
    login(theirs, them.email)
    return org, me, mine, theirs


def _post(client, url, data, version):
    return client.post(url, data={**data, "version": str(version), "csrf_token": csrf_token(client, url)})


def test_a_party_saved_meanwhile_gets_the_conflict_screen_and_saving_again_keeps_mine(app):
    org, me, mine, theirs = _two_editors(app)
    party = parties.create_party({"name": "Baltic Builders", "kind": "employer", "country": "RU"}, me).party
    db.session.commit()
    url = f"/parties/{party.id}/edit"
    assert _post(theirs, url, {**PARTY, "note": "Their <b>note</b>"}, 1).status_code == 302

    conflict = _post(mine, url, {**PARTY, "registration_number": "RU-77", "note": "My note"}, 1)
    page = conflict.get_data(as_text=True)
    assert conflict.status_code == 409
    assert "Someone saved this party while you were editing it" in page
    assert "Where the two versions differ" in page and "My note" in page
    assert "Their &lt;b&gt;note&lt;/b&gt;" in page and "<b>note</b>" not in page  # escaped, as everywhere
    assert 'value="RU-77"' in page  # what I typed is still in the form
    assert 'name="version" type="hidden" value="2"' in page
    db.session.expire_all()
    assert db.session.get(Party, party.id).note == "Their <b>note</b>"

    assert _post(mine, url, {**PARTY, "registration_number": "RU-77", "note": "My note"}, 2).status_code == 302
    db.session.expire_all()
    assert db.session.get(Party, party.id).note == "My note"


def test_a_person_saved_meanwhile_gets_the_same_screen_and_nothing_is_saved_until_i_confirm(app):
    org, me, mine, theirs = _two_editors(app)
    case = make_case(make_user(org, "caseworker"))
    person = persons.create_person(case, {"name": "Worker A", "role": "worker"}, me)
    db.session.commit()
    url = f"/persons/{person.id}/edit"
    assert _post(theirs, url, {**PERSON, "risk": "high"}, 1).status_code == 302

    conflict = _post(mine, url, {**PERSON, "contact": "via the shelter"}, 1)
    page = conflict.get_data(as_text=True)
    assert conflict.status_code == 409
    assert "Someone saved this person&#39;s record while you were editing it" in page
    assert "Where the two versions differ" in page and "via the shelter" in page
    db.session.expire_all()
    assert db.session.get(Person, person.id).contact == "" and db.session.get(Person, person.id).risk == "high"

    assert _post(mine, url, {**PERSON, "contact": "via the shelter"}, 2).status_code == 302
    db.session.expire_all()
    assert db.session.get(Person, person.id).contact == "via the shelter"


def test_the_unchanged_fields_are_not_listed_as_differences(app):
    org, me, mine, theirs = _two_editors(app)
    party = parties.create_party({"name": "Baltic Builders", "kind": "employer", "country": "RU"}, me).party
    db.session.commit()
    url = f"/parties/{party.id}/edit"
    assert _post(theirs, url, {**PARTY, "note": "Theirs"}, 1).status_code == 302
    page = _post(mine, url, {**PARTY, "note": "Mine"}, 1).get_data(as_text=True)
    table = page.split("Where the two versions differ")[1].split("</table>")[0]
    assert "Note" in table and "Registration number" not in table and "Name" not in table
