"""A person's record is what hides their name from readers without need-to-know. Removing it while a
text still names them would show the name: refused, saying where, until the texts are changed."""
from caseapp.extensions import db
from caseapp.persons import services as persons
from caseapp.persons.models import Person
from tests.factories import bearer, csrf_token, login, make_case, make_token


def _named_case(team, summary):
    case = make_case(team["caseworker"], title="Brigade at the port", summary=summary)
    person = persons.create_person(case, {"name": "Ri Chol-ho", "role": "worker", "aliases": ["Comrade Ri"],
                                          "consent": "unknown"}, team["caseworker"])
    db.session.commit()
    return case, person


def test_removal_is_refused_while_the_case_summary_names_the_person(app, team):
    case, person = _named_case(team, "Ri Chol-ho said the guards kept his pay.")
    client = app.test_client()
    login(client, team["caseworker"].email)
    token = csrf_token(client, f"/persons/{person.id}")
    response = client.post(f"/persons/{person.id}/delete", data={"csrf_token": token}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Texts that still name this person: 1" in page and case.reference in page
    assert db.session.get(Person, person.id) is not None
    # Over the API: 422, nothing removed; the advocate still sees a code, never the name.
    api = app.test_client()
    answer = api.delete(f"/api/v1/persons/{person.id}", headers=bearer(make_token(team["caseworker"])))
    db.session.commit()
    assert answer.status_code == 422 and case.reference in answer.get_json()["error"]["message"]
    advocate = app.test_client()
    login(advocate, team["advocate"].email)
    case.status = "verified"
    db.session.commit()
    shown = advocate.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Ri Chol-ho" not in shown and "[W-1]" in shown


def test_removal_goes_ahead_once_the_texts_no_longer_name_them_or_another_record_does(app, team):
    case, person = _named_case(team, "A worker said the guards kept his pay.")
    persons.delete_person(person, team["caseworker"])  # nothing names them: removed
    db.session.commit()
    assert db.session.get(Person, person.id) is None

    case, first = _named_case(team, "Ri Chol-ho said the guards kept his pay.")
    duplicate = persons.create_person(case, {"name": "Ri  Chol-ho", "role": "worker", "consent": "unknown"},
                                      team["caseworker"])
    db.session.commit()
    persons.delete_person(duplicate, team["caseworker"])  # the first record still hides the name
    db.session.commit()
    assert db.session.get(Person, duplicate.id) is None and db.session.get(Person, first.id) is not None
