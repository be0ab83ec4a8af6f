"""Brute force: failed sign-in steps are counted per account and per address, then answered 429."""

import pytest

from tests.factories import PASSWORD, make_org, make_user, totp_code


@pytest.fixture
def limits_on(make_config):
    """The default limits, switched on (the rest of the suite runs without them)."""
    make_config.RATELIMIT_ENABLED = True
    make_config.WTF_CSRF_ENABLED = False


def attempt(client, email, password="wrong password, long enough"):
    return client.post("/login", data={"email": email, "password": password})


def page(response) -> str:
    return response.get_data(as_text=True)


def test_brute_force_on_one_account_is_answered_429_after_ten_failures(limits_on, app, client):
    user = make_user(make_org(), "caseworker")
    for _ in range(10):
        assert attempt(client, user.email).status_code == 200
    blocked = attempt(client, user.email)
    assert blocked.status_code == 429 and "Sign-in is paused" in page(blocked)
    # Even the right password waits until the window has passed.
    assert attempt(client, user.email, PASSWORD).status_code == 429
    # Other accounts from the same address are not locked by it.
    other = make_user(make_org(), "caseworker")
    assert attempt(client, other.email, PASSWORD).status_code == 302


def test_an_unknown_account_gets_exactly_the_same_answers(limits_on, app):
    user = make_user(make_org(), "caseworker")
    known, unknown = app.test_client(), app.test_client()
    for _ in range(10):
        a, b = attempt(known, user.email), attempt(unknown, "nobody@nowhere.test")
        assert a.status_code == b.status_code == 200
        assert "The e-mail address or the password is not right." in page(a)
        assert page(a).replace(user.email, "X") == page(b).replace("nobody@nowhere.test", "X")
    a, b = attempt(known, user.email), attempt(unknown, "nobody@nowhere.test")
    assert a.status_code == b.status_code == 429 and page(a) == page(b)


def test_the_account_limit_counts_across_addresses(limits_on, app):
    user = make_user(make_org(), "caseworker")
    for n in range(10):
        client = app.test_client()
        assert client.post("/login", data={"email": user.email, "password": "nope, wrong one"},
                           environ_base={"REMOTE_ADDR": f"10.0.0.{n + 1}"}).status_code == 200
    last = app.test_client().post("/login", data={"email": user.email, "password": PASSWORD},
                                  environ_base={"REMOTE_ADDR": "10.0.0.99"})
    assert last.status_code == 429


def test_one_address_is_stopped_after_fifty_failures_on_any_accounts(limits_on, app, client):
    for n in range(50):
        assert attempt(client, f"guess{n}@ngo.test").status_code == 200
    user = make_user(make_org(), "caseworker")
    assert attempt(client, user.email, PASSWORD).status_code == 429
    elsewhere = app.test_client()
    assert elsewhere.post("/login", data={"email": user.email, "password": PASSWORD},
                          environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code == 302


def test_successful_sign_ins_do_not_count(limits_on, app):
    user = make_user(make_org(), "caseworker")
    for _ in range(15):
        client = app.test_client()
        assert attempt(client, user.email, PASSWORD).status_code == 302


def test_wrong_second_factor_codes_count_against_the_account(limits_on, app, client):
    coordinator = make_user(make_org(), "coordinator")
    assert attempt(client, coordinator.email, PASSWORD).location == "/login/two-factor"
    for _ in range(10):
        assert client.post("/login/two-factor", data={"code": "000000"}).status_code == 422
    assert client.post("/login/two-factor", data={"code": totp_code(coordinator)}).status_code == 429
    # The password step of the same account is locked too: the count is per account, whatever the step.
    assert attempt(app.test_client(), coordinator.email, PASSWORD).status_code == 429


def test_wrong_passwords_when_re_authenticating_count_too(limits_on, app, client):
    caseworker = make_user(make_org(), "caseworker")
    attempt(client, caseworker.email, PASSWORD)
    for _ in range(10):
        assert client.post("/reauthenticate", data={"password": "not it at all"}).status_code == 422
    assert client.post("/reauthenticate", data={"password": PASSWORD}).status_code == 429


def test_with_redis_the_counts_live_in_redis_and_hold_no_email(make_config):
    from redis import Redis

    from caseapp.app import create_app
    from tests.integration.conftest import redis_or_skip

    url = redis_or_skip()
    redis = Redis.from_url(url)
    redis.flushdb()
    make_config.RATELIMIT_ENABLED = True
    make_config.REDIS_URL = url
    make_config.WTF_CSRF_ENABLED = False
    app = create_app(make_config)
    with app.app_context():
        from caseapp.extensions import db

        db.create_all()
        for _ in range(10):
            app.test_client().post("/login", data={"email": "target@ngo.test", "password": "wrong guess!!"})
        assert app.test_client().post("/login", data={"email": "target@ngo.test",
                                                      "password": "wrong guess!!"}).status_code == 429
        keys = [key.decode() for key in redis.keys("*")]
        assert any("/account/account:" in key for key in keys)
        assert not any("target" in key or "ngo.test" in key for key in keys)
        db.session.remove()
    redis.flushdb()


def test_behind_a_trusted_proxy_each_client_is_counted_on_its_own(make_config):
    from caseapp.app import create_app

    make_config.RATELIMIT_ENABLED = True
    make_config.WTF_CSRF_ENABLED = False
    make_config.TRUSTED_PROXIES = 1
    make_config.LOGIN_FAILURES_PER_ADDRESS = "3 per 15 minutes"
    app = create_app(make_config)
    with app.app_context():
        from caseapp.extensions import db

        db.create_all()

        def attempt_from(address):
            return app.test_client().post("/login", data={"email": f"x{address}@ngo.test", "password": "wrong!!"},
                                          headers={"X-Forwarded-For": address},
                                          environ_base={"REMOTE_ADDR": "127.0.0.1"})

        assert [attempt_from("198.51.100.1").status_code for _ in range(4)] == [200, 200, 200, 429]
        assert attempt_from("198.51.100.2").status_code == 200
        db.session.remove()
