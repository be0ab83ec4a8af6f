"""SQLite gives the id of a deleted last row to the next one: a record's history is its own all the same."""
import sqlalchemy as sa

from caseapp.audit.models import AuditEntry
from caseapp.extensions import db
from caseapp.persons import services as persons
from caseapp.persons.models import Person
from caseapp.privacy import retention, subject
from caseapp.privacy.erasure import erase_person
from tests.factories import login, make_case, make_org, make_user


def test_a_case_that_gets_a_deleted_cases_id_shows_none_of_its_history(app, client):
    ours = make_user(make_org("Our NGO", "OUR"), "caseworker")
    old = make_case(ours, title="Brick kiln in the north")
    persons.create_person(old, {"name": "Worker A", "role": "worker"}, ours)
    db.session.commit()
    old_id = old.id
    retention._delete_cases([old.id], "closed_case", 30)  # as a retention run does
    db.session.commit()

    theirs = make_user(make_org("Their NGO", "THR"), "caseworker")
    new = make_case(theirs, title="Fishing boat")
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        assert new.id == old_id  # the id really was handed out again
    login(client, theirs.email)
    page = client.get(f"/cases/{new.id}").get_data(as_text=True)
    assert "Brick kiln" not in page and ours.email not in page and "added a person" not in page
    from caseapp.audit.services import case_history
    from caseapp.reports.context import custody_log
    assert {e.organisation_id for e in case_history(new)} == {theirs.organisation_id}
    assert {item.actor for item in custody_log([new], {new.id: new.reference})} == {theirs.email}


def test_a_person_who_gets_an_erased_persons_id_has_only_their_own_history(app):
    ours = make_user(make_org("Our NGO", "OUR"), "caseworker")
    case = make_case(ours)
    erased = persons.create_person(case, {"name": "Kim Chol-su", "role": "informant"}, ours)
    db.session.commit()
    erased_id = erased.id
    erase_person(erased, None)
    db.session.commit()

    for owner in (ours, make_user(make_org("Their NGO", "THR"), "caseworker")):
        newcomer = persons.create_person(make_case(owner), {"name": "Pak Sun-hui", "role": "worker"}, owner)
        db.session.commit()
        history = subject.history_of(newcomer)
        assert [e.action for e in history] == ["person.create"], (owner.email, [e.action for e in history])
        if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
            assert newcomer.id == erased_id
        erase_person(db.session.get(Person, newcomer.id), None)
        db.session.commit()
    erased_entries = db.session.scalars(sa.select(AuditEntry).filter_by(action="person.erase")).all()
    assert len(erased_entries) == 3
