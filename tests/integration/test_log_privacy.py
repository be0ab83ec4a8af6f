"""The server log holds no password, token, e-mail address, person's name or case content."""
import logging
import time

import pytest
from sqlalchemy import text

from caseapp.extensions import db
from caseapp.reports import services as report_services
from tests.factories import bearer, csrf_token, login, make_org, make_token, make_user
from tests.integration.reporting import SECRETS, WORKER, case_with_people

EMAIL = "amina.haddad@harbour.test"
WRONG_PASSWORD = "wrong horse battery staple"


def _logged(caplog) -> str:
    """Everything the records say, tracebacks included, as a handler would write it."""
    return caplog.text + "\n".join(str(record.args) for record in caplog.records)


def _assert_absent(logged: str, *secrets: str) -> None:
    for secret in secrets:
        assert secret.casefold() not in logged.casefold(), secret


@pytest.fixture
def quiet_app(make_config):
    """An app with its sign-in limits on and low, to see what a refusal logs too."""
    from caseapp.app import create_app
    from tests.integration.conftest import IsolatedClient, _empty_postgres

    make_config.RATELIMIT_ENABLED = True
    make_config.LOGIN_RATE_LIMIT = "3 per minute"
    make_config.LOGIN_FAILURES_PER_ACCOUNT = "3 per minute"
    app = create_app(make_config)
    app.test_client_class = IsolatedClient
    with app.app_context():
        if not make_config.SQLALCHEMY_DATABASE_URI.startswith("sqlite"):
            _empty_postgres(app)
        yield app
        db.session.remove()
        db.engine.dispose()


def test_failed_and_throttled_sign_ins_log_neither_password_nor_email(quiet_app, caplog):
    make_user(make_org("Harbour Rights"), "caseworker", email=EMAIL)
    caplog.set_level(logging.DEBUG)
    client = quiet_app.test_client()
    statuses = [login(client, EMAIL, WRONG_PASSWORD).status_code for _ in range(6)]
    statuses.append(login(client, "nobody.known@harbour.test", WRONG_PASSWORD).status_code)
    assert 429 in statuses, statuses  # the limiter's refusal was logged too, if it logs at all
    _assert_absent(_logged(caplog), WRONG_PASSWORD, EMAIL, "amina", "haddad", "nobody.known")


def test_an_api_token_is_never_logged_used_or_refused(app, caplog):
    user = make_user(make_org(), "caseworker", email=EMAIL)
    secret = make_token(user)
    caplog.set_level(logging.DEBUG)
    client = app.test_client()
    assert client.get("/api/v1/cases", headers=bearer(secret)).status_code == 200
    forged = secret[:-4] + ("aaaa" if not secret.endswith("aaaa") else "bbbb")
    assert client.get("/api/v1/cases", headers=bearer(forged)).status_code == 401
    _assert_absent(_logged(caplog), secret, forged, secret[-12:], EMAIL)


def _request_dossier(client, case_id) -> int:
    token = csrf_token(client, "/reports/dossier?profile=advocate")
    response = client.post("/reports/dossier", data={"csrf_token": token, "profile": "advocate",
                                                     "case_ids": [str(case_id)]})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return int(response.location.rsplit("/", 1)[1])


def _finished(client, export_id) -> dict:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        status = client.get(f"/reports/jobs/{export_id}/status").get_json()
        if status["state"] in ("done", "failed"):
            return status
        time.sleep(0.2)
    raise AssertionError(f"dossier {export_id} did not finish")


@pytest.fixture
def dossier_team():
    org = make_org("Harbour Rights")
    return make_user(org, "caseworker"), make_user(org, "coordinator")


def test_a_dossier_job_logs_no_name_or_case_content(app, dossier_team, caplog):
    caseworker, coordinator = dossier_team
    case = case_with_people(caseworker, coordinator=coordinator)
    caplog.set_level(logging.DEBUG)
    client = app.test_client()
    login(client, coordinator.email)
    assert _finished(client, _request_dossier(client, case.id))["state"] == "done"
    _assert_absent(_logged(caplog), *SECRETS, coordinator.email)


def test_a_dossier_job_that_breaks_on_the_database_logs_the_error_without_its_values(
        app, dossier_team, caplog, monkeypatch):
    caseworker, coordinator = dossier_team
    case = case_with_people(caseworker, coordinator=coordinator)

    def broken_build(export, **options):
        # A database error whose statement was given a person's name, as a faulty query would be.
        db.session.execute(text("SELECT name FROM no_such_table WHERE name = :name"), {"name": WORKER["name"]})

    monkeypatch.setattr(report_services, "build_dossier", broken_build)
    caplog.set_level(logging.DEBUG)
    client = app.test_client()
    login(client, coordinator.email)
    status = _finished(client, _request_dossier(client, case.id))
    assert status["state"] == "failed"
    logged = _logged(caplog)
    assert "no_such_table" in logged  # the error itself is in the log, for whoever must fix it
    _assert_absent(logged, *SECRETS)
