"""One conflict screen for every kind of record (caseapp.conflicts): a case, a party or a person's record
saved by someone else while a user was editing it. The user's form comes back merged: what they left
alone takes the colleague's change, what only they changed stays theirs, and what both changed is
shown side by side with theirs in the form. Nothing typed is lost, nothing saved is undone unasked."""
import html
import re

from caseapp.extensions import db
from caseapp.parties import services as parties
from caseapp.parties.models import Party
from caseapp.persons import services as persons
from caseapp.persons.models import Person
from tests.factories import login, make_case, make_org, make_user

PARTY = {"name": "Baltic Builders", "kind": "employer", "country": "RU", "registration_number": "",
         "aliases": "", "note": ""}
PERSON = {"name": "Worker A", "role": "worker", "aliases": "", "contact": "", "document_numbers": "",
          "notes": "", "consent": "unknown", "risk": "medium", "consent_date": ""}


def _opened(client, url) -> dict[str, str]:
    """What a browser would post back from the edit page, untouched: the hidden fields it was given."""
    return _opened_from(client.get(url).get_data(as_text=True))


def _two_editors(app):
    """Two coordinators of one organisation, each signed in on their own browser."""
    org = make_org()
    me, them = make_user(org, "coordinator"), make_user(org, "coordinator")
    mine, theirs = app.test_client(), app.test_client()
    login(mine, me.email)
    login(theirs, them.email)
    return org, me, mine, theirs


def _party(me):
    party = parties.create_party({"name": "Baltic Builders", "kind": "employer", "country": "RU"}, me).party
    db.session.commit()
    return party


def _party_saved_meanwhile(app, their_change: dict):
    """A party both coordinators opened; the other one saved `their_change` first."""
    org, me, mine, theirs = _two_editors(app)
    party = _party(me)
    url = f"/parties/{party.id}/edit"
    my_page, their_page = _opened(mine, url), _opened(theirs, url)
    assert theirs.post(url, data={**PARTY, **their_page, **their_change}).status_code == 302
    return party, url, mine, my_page


def test_a_party_changed_meanwhile_keeps_both_changes_when_they_touch_different_fields(app):
    party, url, mine, my_page = _party_saved_meanwhile(app, {"registration_number": "RU-77"})

    conflict = mine.post(url, data={**PARTY, **my_page, "note": "My note"})
    page = conflict.get_data(as_text=True)
    assert conflict.status_code == 409
    assert "Someone saved this party while you were editing it" in page
    assert "Kept from the version saved now, because you had not changed them: Registration number" in page
    assert 'value="RU-77"' in page and "My note" in page  # the form holds both changes
    assert "Nothing you changed was changed by them" in page
    db.session.expire_all()
    assert db.session.get(Party, party.id).note == ""  # nothing saved by the 409

    again = _opened_from(page)
    assert mine.post(url, data={**PARTY, **again, "registration_number": "RU-77", "note": "My note"}).status_code == 302
    db.session.expire_all()
    saved = db.session.get(Party, party.id)
    assert (saved.registration_number, saved.note) == ("RU-77", "My note")


def _opened_from(page: str) -> dict[str, str]:
    """The hidden fields of a page's form: the CSRF token, the version and the base it was given."""
    hidden = dict(re.findall(r'<input id="(csrf_token|version|base)" name="\1" type="hidden" value="([^"]*)"', page))
    return {key: html.unescape(value) for key, value in hidden.items()}


def test_a_field_both_changed_is_shown_side_by_side_escaped_with_mine_in_the_form(app):
    party, url, mine, my_page = _party_saved_meanwhile(app, {"note": "Their <b>note</b>"})

    page = mine.post(url, data={**PARTY, **my_page, "note": "My note"}).get_data(as_text=True)
    table = page.split("Changed by both of you, differently")[1].split("</table>")[0]
    assert "Note" in table and "My note" in table and "Their &lt;b&gt;note&lt;/b&gt;" in table
    assert "Registration number" not in table and "<b>note</b>" not in page
    assert 'name="version" type="hidden" value="2"' in page
    # Saving the page as it is keeps my note: the user saw theirs and chose.
    assert mine.post(url, data={**PARTY, **_opened_from(page), "note": "My note"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Party, party.id).note == "My note"


def test_a_person_saved_meanwhile_gets_the_same_screen_and_the_save_button_works(app):
    org, me, mine, theirs = _two_editors(app)
    case = make_case(make_user(org, "caseworker"))
    person = persons.create_person(case, {"name": "Worker A", "role": "worker"}, me)
    db.session.commit()
    url = f"/persons/{person.id}/edit"
    my_page, their_page = _opened(mine, url), _opened(theirs, url)
    assert theirs.post(url, data={**PERSON, **their_page, "risk": "high"}).status_code == 302

    conflict = mine.post(url, data={**PERSON, **my_page, "contact": "via the shelter"})
    page = conflict.get_data(as_text=True)
    assert conflict.status_code == 409
    assert "Someone saved this person&#39;s record while you were editing it" in page
    assert "via the shelter" in page and 'name="save"' not in page
    db.session.expire_all()
    assert db.session.get(Person, person.id).contact == ""

    # The form as the screen shows it: risk taken from theirs (high), my contact kept.
    form = {**PERSON, **_opened_from(page), "risk": "high", "contact": "via the shelter"}
    assert mine.post(url, data=form).status_code == 302
    db.session.expire_all()
    assert (db.session.get(Person, person.id).contact, db.session.get(Person, person.id).risk) == \
        ("via the shelter", "high")


def test_a_case_keeps_a_colleagues_region_when_i_only_changed_the_worksite(app):
    org, me, mine, theirs = _two_editors(app)
    case = make_case(make_user(org, "caseworker"), region="Primorye", worksite="Site 1")
    url = f"/cases/{case.id}/edit"
    page = mine.get(url).get_data(as_text=True)
    assert 'id="base"' in page
    their_form = _case_form_data(theirs, url)
    their_form["region"] = "Khabarovsk"
    assert theirs.post(url, data=their_form).status_code == 302

    my_form = _case_form_data(mine, url, page)
    my_form["worksite"] = "Site 2"
    conflict = mine.post(url, data=my_form)
    page = conflict.get_data(as_text=True)
    assert conflict.status_code == 409
    assert 'value="Khabarovsk"' in page and 'value="Site 2"' in page
    assert "Kept from the version saved now, because you had not changed them: Region" in page


def _case_form_data(client, url, page: str | None = None) -> dict[str, str]:
    """Every input and selected option of the case form, as a browser posts it."""
    page = page or client.get(url).get_data(as_text=True)
    form = page.split('class="case-form"')[1].split("</form>")[0]
    data = {}
    for tag in re.findall(r"<input [^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or 'type="submit"' in tag or (('type="checkbox"' in tag) and "checked" not in tag):
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data[name.group(1)] = html.unescape(value.group(1)) if value else ""
    for name, body in re.findall(r'<select [^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', body)
        value = next((group for group in chosen.groups() if group is not None), "") if chosen else ""
        data[name] = html.unescape(value)
    for name, body in re.findall(r'<textarea [^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        data[name] = html.unescape(body.lstrip("\r\n"))
    return data


def test_without_a_base_every_difference_is_shown(app):
    """A form from before the merge existed (no `base`): nothing is taken silently, everything is shown."""
    party, url, mine, my_page = _party_saved_meanwhile(app, {"registration_number": "RU-77"})
    page = mine.post(url, data={**PARTY, "csrf_token": my_page["csrf_token"], "version": "1", "note": "Mine"})
    table = page.get_data(as_text=True).split("Changed by both of you, differently")[1].split("</table>")[0]
    assert "Registration number" in table and "Note" in table
