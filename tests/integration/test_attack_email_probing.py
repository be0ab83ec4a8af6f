"""Attack review, item 10: one organisation's admin cannot learn that an address has an account elsewhere.

E-mail addresses are unique on the server. Adding a colleague whose address another organisation uses
is refused with the same words as a malformed address, naming no organisation, through the page and
the command line alike.
"""
import re

import pytest

from caseapp.auth.models import User
from caseapp.extensions import db
from tests.factories import login, make_org, make_user, post_form

NEW_PASSWORD = "a new colleague's long password"
UNUSABLE = "This e-mail address cannot be used for a new account. Check it, or use another one."


def _without_tokens(page: str) -> str:
    return re.sub(r'name="csrf_token" type="hidden" value="[^"]*"', 'name="csrf_token"', page)


def _add(client, email):
    return post_form(client, "/admin/users", "/admin/users",
                     {"email": email, "full_name": "New Colleague", "role": "caseworker", "password": NEW_PASSWORD})


@pytest.fixture
def admin_elsewhere():
    return make_user(make_org("Field Rights"), "admin")


def test_an_address_taken_in_another_organisation_reads_like_a_malformed_one(client, admin_elsewhere):
    other = make_org("Harbour Watch")
    taken = make_user(other, "caseworker", email="ae-ri@harbour.test")
    login(client, admin_elsewhere.email)
    answers = {email: _add(client, email) for email in (taken.email, "not an address", "ae-ri@@harbour")}
    pages = {email: answer.get_data(as_text=True) for email, answer in answers.items()}
    for email, answer in answers.items():
        assert answer.status_code == 422 and UNUSABLE in pages[email], email
        assert "Harbour Watch" not in pages[email] and "exists" not in pages[email]
    # Apart from the address typed back into the form, the pages are the same.
    # (The CSRF tokens differ when the two pages straddle a second: they carry the time they were made.)
    assert _without_tokens(pages[taken.email].replace(taken.email, "X")) == \
        _without_tokens(pages["not an address"].replace("not an address", "X"))
    assert db.session.query(User).filter_by(email=taken.email).one().organisation_id == other.id


def test_the_case_of_the_letters_does_not_make_a_taken_address_new(client, admin_elsewhere):
    make_user(make_org(), "caseworker", email="worker@ngo.test")
    login(client, admin_elsewhere.email)
    assert UNUSABLE in _add(client, "  Worker@NGO.test ").get_data(as_text=True)


def test_a_free_address_is_added(client, admin_elsewhere):
    login(client, admin_elsewhere.email)
    assert _add(client, "new@field.test").status_code == 302


def test_a_weak_password_cannot_tell_a_free_address_from_a_taken_one(client, admin_elsewhere):
    """The attack: a password the service refuses, so nothing is created; the answer must not depend on the address."""
    taken = make_user(make_org("Harbour Watch"), "caseworker", email="handler@harbour.test")
    login(client, admin_elsewhere.email)
    pages = {}
    for email in (taken.email, "nobody.here@harbour.test"):
        pages[email] = post_form(client, "/admin/users", "/admin/users", {
            "email": email, "role": "caseworker", "password": "password1234"}).get_data(as_text=True)
        assert "most common" in pages[email] and UNUSABLE not in pages[email], email
    assert _without_tokens(pages[taken.email].replace(taken.email, "X")) == _without_tokens(
        pages["nobody.here@harbour.test"].replace("nobody.here@harbour.test", "X"))


def test_an_address_taken_in_the_admin_s_own_organisation_is_said_plainly(client, admin_elsewhere):
    colleague = make_user(admin_elsewhere.organisation, "caseworker")
    login(client, admin_elsewhere.email)
    assert "A user of your organisation has this e-mail address already." in _add(client, colleague.email).get_data(
        as_text=True)
