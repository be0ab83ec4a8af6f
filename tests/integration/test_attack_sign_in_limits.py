"""Attack review, items 4 and 5: sign-in limits every worker shares, and failed sign-ins that leave a trace.

Flask-Limiter kept the sign-in counts in each process's memory: `make run`'s two workers let 12 to 20
failures through instead of 10, and a restart forgot them. Now they live in the database (or Redis),
written on a connection of their own. Failed steps on an existing account are audited in its
organisation with the client's address; each lock-out once, with a notification to the admins; steps
on addresses that belong to no account go to the server log.
"""
from __future__ import annotations

import http.cookiejar
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from sqlalchemy import func, select

from caseapp.audit.models import AuditEntry
from caseapp.auth import throttle
from caseapp.auth.models import RateLimitEntry
from caseapp.extensions import db
from caseapp.notifications.models import Notification
from tests import databases
from tests.factories import PASSWORD, login, make_org, make_user
from tests.integration.served import Served


@pytest.fixture
def limits_on(make_config):
    make_config.RATELIMIT_ENABLED = True
    make_config.WTF_CSRF_ENABLED = False
    return make_config


def attempt(client, email, password="wrong password, long enough", address="192.0.2.1"):
    return client.post("/login", data={"email": email, "password": password}, environ_base={"REMOTE_ADDR": address})


def entries(action):
    return db.session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)).all()


# --- the storage ------------------------------------------------------------------------------------

def test_the_database_storage_counts_in_a_moving_window(app, monkeypatch):
    storage = throttle.DatabaseStorage(lambda: db.engine)
    now = [1_000_000.0]
    monkeypatch.setattr(throttle.time, "time", lambda: now[0])
    assert all(storage.acquire_entry("k", 3, 60) for _ in range(3))
    assert not storage.acquire_entry("k", 3, 60)
    assert storage.get_moving_window("k", 3, 60) == (1_000_000.0, 3)
    now[0] += 61  # the first three have left the window
    assert storage.acquire_entry("k", 3, 60) and storage.get_moving_window("k", 3, 60)[1] == 1
    assert storage.acquire_entry("other", 1, 60), "each key counts on its own"


def test_the_count_survives_a_request_that_rolls_back(app):
    storage = throttle.DatabaseStorage(lambda: db.engine)
    storage.acquire_entry("k", 5, 60)
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(RateLimitEntry)) == 1


def test_workers_hitting_at_once_never_take_more_than_the_limit(app):
    if db.engine.dialect.name == "sqlite" and db.engine.url.database in (None, "", ":memory:"):
        pytest.skip("needs a database file shared by threads")
    storage = throttle.DatabaseStorage(lambda: engine)
    engine = db.engine
    taken = []

    def hit():
        for _ in range(5):
            taken.append(storage.acquire_entry("race", 10, 60))

    threads = [threading.Thread(target=hit) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert taken.count(True) == 10 and storage.get_moving_window("race", 10, 60)[1] == 10


# --- what a failed step leaves --------------------------------------------------------------------

def test_a_wrong_password_is_audited_in_the_account_s_organisation_with_the_address(limits_on, app, client):
    user = make_user(make_org(), "caseworker")
    attempt(client, user.email, address="198.51.100.23")
    [entry] = entries("user.sign_in_failed")
    assert entry.organisation_id == user.organisation_id and entry.object_id == user.id
    assert entry.actor_id is None and entry.actor_label == "anonymous"
    assert entry.changes == {"step": {"old": None, "new": "password"}, "address": {"old": None, "new": "198.51.100.23"}}


def test_an_address_of_no_account_goes_to_the_server_log_only(limits_on, app, client, caplog):
    attempt(client, "nobody@nowhere.test", address="198.51.100.24")
    assert entries("user.sign_in_failed") == []
    assert any("for no account" in r.getMessage() and "198.51.100.24" in r.getMessage() for r in caplog.records)
    assert not any("nobody@nowhere.test" in r.getMessage() for r in caplog.records)


def test_a_wrong_code_is_audited_as_the_second_factor_step(limits_on, app, client):
    coordinator = make_user(make_org(), "coordinator")
    attempt(client, coordinator.email, PASSWORD)
    client.post("/login/two-factor", data={"code": "000000"})
    [entry] = entries("user.sign_in_failed")
    assert entry.changes["step"]["new"] == "second factor" and entry.object_id == coordinator.id


def test_a_failed_step_takes_as_long_whether_or_not_the_account_exists(limits_on, app, client):
    app.config["SIGN_IN_FAILURE_SECONDS"] = 0.3
    user = make_user(make_org(), "caseworker")
    for email in (user.email, "nobody@nowhere.test"):
        started = time.monotonic()
        attempt(client, email)
        assert time.monotonic() - started >= 0.3, email


def test_a_lock_out_is_audited_once_and_its_admins_are_told(limits_on, app, client):
    org = make_org()
    user, admin = make_user(org, "caseworker"), make_user(org, "admin")
    outsider_admin = make_user(make_org(), "admin")
    for n in range(10):
        attempt(client, user.email, address=f"203.0.113.{n + 1}")
    for n in range(5):  # more attempts while locked out: 429 each, no new lock-out
        assert attempt(client, user.email, address=f"203.0.113.{n + 50}").status_code == 429
    [lockout] = entries("user.lockout")
    assert lockout.object_id == user.id and lockout.organisation_id == org.id
    assert lockout.changes["limit"]["new"] == "account" and lockout.changes["address"]["new"] == "203.0.113.10"
    assert len(entries("user.sign_in_failed")) == 10  # the refused attempts were never looked at
    told = db.session.scalars(select(Notification).where(Notification.kind == "lockout")).all()
    assert [(n.user_id, n.subject_user_id) for n in told] == [(admin.id, user.id)]
    assert outsider_admin.id not in {n.user_id for n in told}


def test_the_admin_reads_the_lock_out_and_the_attempts_on_the_audit_log(limits_on, app, client):
    org = make_org()
    user, admin = make_user(org, "caseworker"), make_user(org, "admin")
    for _ in range(10):
        attempt(client, user.email, address="203.0.113.77")
    reader = app.test_client()
    login(reader, admin.email)
    notifications = reader.get("/notifications").get_data(as_text=True)
    assert f"{user.email} was locked out after too many failed sign-in attempts" in notifications
    notification = db.session.scalar(select(Notification).where(Notification.user_id == admin.id))
    opened = reader.post(f"/notifications/{notification.id}/open")
    assert opened.location.endswith("/admin/audit?action=user.lockout")
    page = reader.get("/admin/audit?action=user.sign_in_failed").get_data(as_text=True)
    assert page.count("Client address: 203.0.113.77") == 10 and "someone not signed in" in page
    lockouts = reader.get("/admin/audit?action=user.lockout").get_data(as_text=True)
    assert "Limit reached: failures for this account" in lockouts


def test_the_paused_sign_in_says_what_happened_and_what_to_do(limits_on, app, client):
    user = make_user(make_org(), "caseworker")
    for _ in range(10):
        attempt(client, user.email)
    paused = attempt(client, user.email, PASSWORD)
    page = paused.get_data(as_text=True)
    assert paused.status_code == 429 and "Sign-in is paused" in page
    assert "up to 15 minutes" in page and "even the right password is refused" in page and "admin" in page


def test_an_admin_sees_the_pause_and_lets_the_account_in_again(limits_on, app, client):
    org = make_org()
    user, admin = make_user(org, "caseworker"), make_user(org, "admin")
    for _ in range(10):
        attempt(client, user.email)
    reader = app.test_client()
    login(reader, admin.email)
    users = reader.get("/admin/users").get_data(as_text=True)
    assert "Sign-in paused after too many failed attempts, until" in users
    assert reader.post(f"/admin/users/{user.id}/unlock").status_code == 302
    assert [entry.object_id for entry in entries("user.unlock")] == [user.id]
    assert attempt(app.test_client(), user.email, PASSWORD, address="192.0.2.99").status_code == 302
    assert "Sign-in paused" not in reader.get("/admin/users").get_data(as_text=True)


def test_the_next_sign_in_tells_of_the_failed_attempts_since_the_last(limits_on, app, client):
    user = make_user(make_org(), "caseworker")
    for _ in range(3):
        attempt(client, user.email)
    signed_in = app.test_client()
    attempt(signed_in, user.email, PASSWORD)
    page = signed_in.get("/cases").get_data(as_text=True)
    assert "3 attempts to sign in to your account failed since you last signed in" in page
    again = app.test_client()
    attempt(again, user.email, PASSWORD)
    assert "failed since you last signed in" not in again.get("/cases").get_data(as_text=True)


# --- real workers ---------------------------------------------------------------------------------

class Browser:
    """A client of the served app that fetches the sign-in form (its CSRF token and cookie) for each attempt."""

    def __init__(self, base: str) -> None:
        self.base = base

    def sign_in(self, email: str, password: str, address: str) -> int:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                             _NoRedirect)
        headers = {"X-Forwarded-For": address}
        form = opener.open(urllib.request.Request(f"{self.base}/login", headers=headers)).read().decode()
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
        body = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": password}).encode()
        try:
            return opener.open(urllib.request.Request(f"{self.base}/login", data=body, headers=headers)).status
        except urllib.error.HTTPError as error:
            return error.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(params=["sqlite", "postgresql"])
def served(request, tmp_path):
    if request.param == "sqlite":
        yield Served(tmp_path)
        return
    databases.require_postgres()
    name, url = databases.new_schema("served")
    yield Served(tmp_path, url)
    databases.drop_schema(name)


def test_three_workers_share_the_limits_and_a_restart_keeps_them(served):
    with served.prepared():
        org = make_org()
        target, other = make_user(org, "caseworker").email, make_user(org, "caseworker").email
        emails = [make_user(org, "caseworker").email for _ in range(3)]
    settings = {"TRUSTED_PROXIES": "1", "LOGIN_FAILURES_PER_ADDRESS": "50 per 15 minutes"}
    with served.running(workers=3, **settings) as base:
        browser = Browser(base)
        # One account, ten addresses: the eleventh attempt is refused, from any address, right password too.
        for n in range(10):
            assert browser.sign_in(target, "not the password!", f"198.51.100.{n + 1}") == 200
        assert browser.sign_in(target, PASSWORD, "198.51.100.99") == 429
        # One address, many accounts: fifty failures, then the fifty-first is refused.
        for n in range(50):
            assert browser.sign_in(emails[n % 3] if n % 2 else f"guess{n}@ngo.test", "not it!!", "203.0.113.5") \
                == 200, n
        assert browser.sign_in(other, PASSWORD, "203.0.113.5") == 429
        assert browser.sign_in(other, PASSWORD, "203.0.113.6") == 302
    with served.running(workers=3, **settings) as base:  # a restart forgets nothing
        assert Browser(base).sign_in(target, PASSWORD, "198.51.100.200") == 429


@pytest.fixture
def short_window(limits_on):
    limits_on.LOGIN_FAILURES_PER_ACCOUNT = "3 per 1 minute"
    return limits_on


def test_keeping_an_account_locked_does_not_flood_the_log_or_the_admins(short_window, app, client, monkeypatch):
    """Failing again each time the moving window frees a slot starts no new lock-out within the window."""
    from caseapp.auth import throttle as counting

    org = make_org()
    user, admin = make_user(org, "caseworker"), make_user(org, "admin")
    now = [2_000_000.0]
    monkeypatch.setattr(counting.time, "time", lambda: now[0])
    for _ in range(300):  # one attempt a second for five minutes: each slot is refilled as soon as it frees
        attempt(client, user.email)
        now[0] += 1
    lockouts = len(entries("user.lockout"))
    assert 1 <= lockouts <= 6  # at most one a window (a minute here), where it used to be one a refill
    assert db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == admin.id)) == 1  # one unread notice is enough
