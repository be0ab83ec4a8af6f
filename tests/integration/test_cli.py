"""The `flask` commands: users, tokens and the demo."""
import json

from caseapp.audit.models import AuditEntry
from caseapp.auth.models import Organisation, User
from caseapp.cases.models import Case
from caseapp.extensions import db
from caseapp.persons.models import Person
from tests.factories import bearer, login


def _run(app, *args, env=None, input=None):
    return app.test_cli_runner().invoke(args=list(args), env=env or {}, input=input)


def test_users_create_makes_the_organisation_and_the_user(app):
    result = _run(app, "users", "create", "ana@ngo.test", "--role", "coordinator", "--org", "Field NGO",
                  "--code", "FNGO", "--name", "Ana Lima", env={"CASEAPP_PASSWORD": "a long enough secret"})
    assert result.exit_code == 0, result.output
    user = db.session.scalars(db.select(User).filter_by(email="ana@ngo.test")).one()
    assert (user.role, user.full_name, user.organisation.code) == ("coordinator", "Ana Lima", "FNGO")
    entry = db.session.scalars(db.select(AuditEntry).filter_by(action="user.create")).one()
    assert entry.actor_id is None and entry.actor_label == "cli"
    assert login(app.test_client(), "ana@ngo.test", "a long enough secret").status_code == 302


def test_users_create_asks_twice_for_the_password_when_not_given(app):
    result = _run(app, "users", "create", "bo@ngo.test", "--role", "advocate", "--org", "Field NGO",
                  input="a long enough secret\na long enough secret\n")
    assert result.exit_code == 0, result.output
    assert db.session.scalars(db.select(Organisation).filter_by(name="Field NGO")).one()


def test_users_create_refuses_a_short_password_and_an_unknown_role(app):
    short = _run(app, "users", "create", "c@ngo.test", "--role", "advocate", "--org", "X",
                 env={"CASEAPP_PASSWORD": "short"})
    assert short.exit_code != 0 and "12 characters" in short.output
    unknown = _run(app, "users", "create", "c@ngo.test", "--role", "boss", "--org", "X",
                   env={"CASEAPP_PASSWORD": "a long enough secret"})
    assert unknown.exit_code != 0
    assert db.session.scalars(db.select(User)).first() is None


def test_users_token_prints_a_working_token_alone_on_the_last_line(app):
    _run(app, "users", "create", "d@ngo.test", "--role", "caseworker", "--org", "X",
         env={"CASEAPP_PASSWORD": "a long enough secret"})
    result = _run(app, "users", "token", "d@ngo.test", "--label", "sync")
    assert result.exit_code == 0
    token = result.output.strip().splitlines()[-1]
    assert " " not in token
    me = app.test_client().get("/api/v1/me", headers=bearer(token))
    assert me.get_json()["email"] == "d@ngo.test"
    assert _run(app, "users", "token", "nobody@ngo.test").exit_code != 0


def test_demo_load_is_idempotent_and_keeps_the_passwords(app, tmp_path):
    app.config["INSTANCE_PATH"] = str(tmp_path)
    first = _run(app, "demo", "load")
    second = _run(app, "demo", "load")
    assert first.exit_code == 0 and second.exit_code == 0, first.output
    assert first.output == second.output
    stored = json.loads((tmp_path / "demo-accounts.json").read_text())
    assert set(stored) == {f"{r}@demo.test" for r in ("caseworker", "coordinator", "advocate", "admin")}
    assert (tmp_path / "demo-accounts.json").stat().st_mode & 0o777 == 0o600
    for email, account in stored.items():
        assert account["password"] in first.output
        assert login(app.test_client(), email, account["password"]).status_code == 302
    # The roles that must use a second factor are enrolled, and their secrets printed with the accounts.
    enrolled = {email for email, account in stored.items() if account["totp_secret"]}
    assert enrolled == {"coordinator@demo.test", "admin@demo.test"}
    for email in enrolled:
        assert stored[email]["totp_secret"] in first.output
        assert db.session.scalar(db.select(User.totp_secret).filter_by(email=email)) == stored[email]["totp_secret"]
    cases = db.session.scalars(db.select(Case).order_by(Case.id)).all()
    assert cases[0].reference.startswith("DEMO-") and cases[0].country == "RU"
    assert {c.status for c in cases} == {"draft", "submitted", "in_review", "returned", "verified", "closed"}
    founding = cases[0]
    assert "North Korean" in founding.title and founding.period_start == "2017-09"
    assert founding.worker_groups[0].origin == "KP" and founding.worker_groups[0].count_min == 10000
    assert founding.conditions["daily_hours"] == 16 and founding.conditions["wage_recipient"] == "guard"
    from caseapp.parties.services import links_of_case

    assert {link.role for link in links_of_case(founding)} >= {"state_body", "joint_venture", "employer", "guard"}
    assert db.session.scalars(db.select(Person).filter_by(case_id=founding.id)).first() is not None


def test_demo_load_uses_demo_password_when_set(app, tmp_path):
    app.config["INSTANCE_PATH"] = str(tmp_path)
    result = _run(app, "demo", "load", env={"DEMO_PASSWORD": "the demo passphrase"})
    assert result.exit_code == 0
    assert login(app.test_client(), "advocate@demo.test", "the demo passphrase").status_code == 302


def test_demo_load_refuses_production(app):
    app.config["PRODUCTION"] = True
    result = _run(app, "demo", "load")
    assert result.exit_code != 0 and "production" in result.output
    assert db.session.scalars(db.select(User)).first() is None


def test_an_operator_resets_a_second_factor_from_the_command_line(app):
    from tests.factories import make_org, make_user

    admin = make_user(make_org(), "admin")
    result = _run(app, "users", "reset-two-factor", admin.email)
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert not db.session.get(User, admin.id).has_two_factor
    entry = db.session.scalars(db.select(AuditEntry).filter_by(action="user.two_factor_reset")).one()
    assert entry.actor_label == "cli"
    again = _run(app, "users", "reset-two-factor", admin.email)
    assert again.exit_code != 0 and "has no second factor" in again.output
