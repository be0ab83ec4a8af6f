"""Two-factor sign-in: required roles, enrolment, codes used once, recovery codes, resets, API tokens."""
import re

import pytest

from caseapp.audit.models import AuditEntry
from caseapp.auth import second_factor, two_factor
from caseapp.auth import services as auth
from caseapp.auth.models import User
from caseapp.extensions import db
from tests.factories import (PASSWORD, code_for_step, TOTP_SECRET, bearer, csrf_token, enrol, login, make_org, make_token,
                             make_user, totp_code)


@pytest.fixture
def no_csrf(make_config):
    make_config.WTF_CSRF_ENABLED = False


def password_step(client, email, password=PASSWORD):
    return client.post("/login", data={"email": email, "password": password})


def actions(user):
    return [e.action for e in db.session.scalars(db.select(AuditEntry).filter_by(object_type="users",
                                                                                 object_id=user.id))]


def test_a_coordinator_needs_the_code_after_the_password(no_csrf, app, client):
    coordinator = make_user(make_org(), "coordinator")
    response = password_step(client, coordinator.email)
    assert response.status_code == 302 and response.location == "/login/two-factor"
    # The password alone signs nobody in.
    assert client.get("/cases").location.startswith("/login?next=")
    wrong = client.post("/login/two-factor", data={"code": "000000"})
    assert wrong.status_code == 422 and "That code is not right" in wrong.get_data(as_text=True)
    assert client.get("/cases").location.startswith("/login?next=")
    right = client.post("/login/two-factor", data={"code": totp_code(coordinator)})
    assert right.status_code == 302 and client.get("/cases").status_code == 200
    assert "user.login" in actions(coordinator)


def test_a_code_used_once_is_refused_the_second_time(no_csrf, app):
    coordinator = make_user(make_org(), "coordinator")
    code = totp_code(coordinator)
    first, second = app.test_client(), app.test_client()
    password_step(first, coordinator.email)
    assert first.post("/login/two-factor", data={"code": code}).status_code == 302
    password_step(second, coordinator.email)
    replay = second.post("/login/two-factor", data={"code": code})
    assert replay.status_code == 422 and "used already" in replay.get_data(as_text=True)


def test_the_second_step_expires_and_cannot_be_reached_without_the_first(no_csrf, app, client):
    response = client.get("/login/two-factor")
    assert response.status_code == 302 and response.location == "/login"
    coordinator = make_user(make_org(), "coordinator")
    password_step(client, coordinator.email)
    with client.session_transaction() as session:
        session["pending_sign_in"] = session["pending_sign_in"] | {"at": session["pending_sign_in"]["at"] - 6 * 60}
    assert client.post("/login/two-factor", data={"code": totp_code(coordinator)}).location == "/login"


def test_a_recovery_code_signs_in_once(no_csrf, app):
    user = make_user(make_org(), "caseworker", two_factor=False)
    codes = enrol(user)
    client = app.test_client()
    password_step(client, user.email)
    response = client.post("/login/two-factor", data={"code": codes[3].upper()})
    assert response.status_code == 302
    assert client.get("/cases").status_code == 200
    assert "user.recovery_code_use" in actions(user)
    again = app.test_client()
    password_step(again, user.email)
    assert again.post("/login/two-factor", data={"code": codes[3]}).status_code == 422
    assert second_factor.unused_recovery_codes(db.session.get(User, user.id)) == 9


def test_a_required_role_without_a_second_factor_is_held_at_enrolment(no_csrf, app, client):
    coordinator = make_user(make_org(), "coordinator", two_factor=False)
    response = password_step(client, coordinator.email)
    assert response.location == "/profile/two-factor"
    for page in ("/cases", "/profile", "/reports/portfolio", "/sources", "/notifications"):
        assert client.get(page).location == "/profile/two-factor", page
    setup = client.get("/profile/two-factor")
    page = setup.get_data(as_text=True)
    assert setup.status_code == 200 and 'src="data:image/svg+xml' in page
    assert 'href="/cases"' not in page, "no navigation to pages that are closed until enrolment is done"
    secret = re.search(r'<code class="secret-key">([A-Z2-7]+)</code>', page).group(1)
    assert client.post("/profile/two-factor", data={"code": "123456"}).status_code == 422
    done = client.post("/profile/two-factor",
                       data={"code": code_for_step(secret, two_factor.current_step())})
    codes_page = done.get_data(as_text=True)
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{2})</code></li>", codes_page)
    assert len(codes) == 10
    # Shown once, and kept nowhere: not in the session cookie, only their hashes in the database.
    with client.session_transaction() as session:
        assert not any(code in str(dict(session)) for code in codes) and secret not in str(dict(session))
    assert client.get("/profile/two-factor").location == "/profile"
    assert client.get("/cases").status_code == 200
    stored = db.session.get(User, coordinator.id)
    assert stored.totp_secret == secret and "user.two_factor_enable" in actions(stored)
    assert secret not in str([e.changes for e in db.session.scalars(db.select(AuditEntry))])


def test_the_enrolment_secret_survives_a_wrong_code(no_csrf, app, client):
    user = make_user(make_org(), "caseworker")
    login(client, user.email)
    first = re.search(r'secret-key">([A-Z2-7]+)<', client.get("/profile/two-factor").get_data(as_text=True))
    retry = client.post("/profile/two-factor", data={"code": "999999"}).get_data(as_text=True)
    assert first.group(1) in retry  # the app the user already set up stays valid


def test_an_organisation_can_require_a_second_factor_of_more_roles(no_csrf, app):
    org = make_org()
    admin = make_user(org, "admin")
    caseworker = make_user(org, "caseworker")
    admin_client, caseworker_client = app.test_client(), app.test_client()
    login(caseworker_client, caseworker.email)
    assert caseworker_client.get("/cases").status_code == 200
    login(admin_client, admin.email)
    saved = admin_client.post("/admin/organisation", data={"two_factor_roles": ["caseworker"],
                                                           "idle_timeout_minutes": "30",
                                                           "absolute_timeout_minutes": "720"})
    assert saved.status_code == 302
    # At once, even inside a session that was already open.
    assert caseworker_client.get("/cases").location == "/profile/two-factor"


def test_a_caseworker_may_turn_an_optional_second_factor_off_but_a_coordinator_may_not(no_csrf, app):
    org = make_org()
    caseworker = make_user(org, "caseworker", two_factor=True)
    coordinator = make_user(org, "coordinator")
    client = app.test_client()
    login(client, caseworker.email)
    assert client.post("/profile/two-factor/disable").status_code == 302
    assert not db.session.get(User, caseworker.id).has_two_factor
    other = app.test_client()
    login(other, coordinator.email)
    response = other.post("/profile/two-factor/disable", follow_redirects=True)
    assert "cannot be turned off" in response.get_data(as_text=True)
    assert db.session.get(User, coordinator.id).has_two_factor


def test_new_recovery_codes_cancel_the_old_ones(no_csrf, app, client):
    user = make_user(make_org(), "caseworker", two_factor=False)
    old = enrol(user)
    login(client, user.email)
    page = client.post("/profile/recovery-codes").get_data(as_text=True)
    assert "Your recovery codes" in page and old[0] not in page
    stranger = app.test_client()
    password_step(stranger, user.email)
    assert stranger.post("/login/two-factor", data={"code": old[0]}).status_code == 422


def test_an_admin_resets_a_lost_second_factor_and_the_users_sessions_end(no_csrf, app):
    org = make_org()
    admin, coordinator = make_user(org, "admin"), make_user(org, "coordinator")
    coordinator_client, admin_client = app.test_client(), app.test_client()
    login(coordinator_client, coordinator.email)
    assert coordinator_client.get("/cases").status_code == 200
    login(admin_client, admin.email)
    assert admin_client.post(f"/admin/users/{coordinator.id}/two-factor/reset").status_code == 302
    entry = db.session.scalars(db.select(AuditEntry).filter_by(action="user.two_factor_reset")).one()
    assert entry.actor_id == admin.id and entry.object_id == coordinator.id
    assert coordinator_client.get("/cases").location.startswith("/login?next=")
    # The next sign-in goes through enrolment again.
    fresh = app.test_client()
    assert password_step(fresh, coordinator.email).location == "/profile/two-factor"


def test_an_admin_cannot_reset_the_second_factor_of_another_organisations_user(no_csrf, app, client):
    admin = make_user(make_org(), "admin")
    stranger = make_user(make_org(), "coordinator")
    login(client, admin.email)
    assert client.post(f"/admin/users/{stranger.id}/two-factor/reset").status_code == 404
    assert db.session.get(User, stranger.id).has_two_factor


def test_api_tokens_need_the_second_factor_where_the_role_requires_it(no_csrf, app, client):
    org = make_org()
    coordinator = make_user(org, "coordinator", two_factor=False)
    with pytest.raises(Exception, match="two-factor"):
        auth.create_token(coordinator, "script", coordinator, ("coordinator", "admin"))
    db.session.rollback()
    enrolled = make_user(org, "coordinator")
    token = make_token(enrolled)
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 200
    # Reset the second factor (a lost phone): the token is revoked for good.
    second_factor.reset(db.session.get(User, enrolled.id), None)
    db.session.commit()
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401
    enrol(db.session.get(User, enrolled.id), TOTP_SECRET)
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401
    # A token of a user whose organisation newly requires a second factor pauses until they enrol.
    caseworker = make_user(org, "caseworker")
    paused = make_token(caseworker)
    db.session.get(User, caseworker.id).organisation.two_factor_roles = "caseworker"
    db.session.commit()
    assert client.get("/api/v1/me", headers=bearer(paused)).status_code == 401
    enrol(db.session.get(User, caseworker.id))
    assert client.get("/api/v1/me", headers=bearer(paused)).status_code == 200


def test_making_a_token_asks_for_the_password(no_csrf, app, client):
    user = make_user(make_org(), "caseworker")
    login(client, user.email)
    wrong = client.post("/profile/tokens", data={"label": "script", "password": "not my password at all"})
    assert wrong.status_code == 422 and "The password is not right." in wrong.get_data(as_text=True)
    assert db.session.get(User, user.id).tokens == []
    right = client.post("/profile/tokens", data={"label": "script", "password": PASSWORD})
    assert right.status_code == 200 and "ca_" in right.get_data(as_text=True)


def test_an_admin_password_reset_revokes_the_users_tokens(no_csrf, app, client):
    org = make_org()
    admin, caseworker = make_user(org, "admin"), make_user(org, "caseworker")
    token = make_token(caseworker)
    login(client, admin.email)
    client.post(f"/admin/users/{caseworker.id}/password", data={"password": "another long passphrase"})
    assert app.test_client().get("/api/v1/me", headers=bearer(token)).status_code == 401


def test_deactivation_revokes_api_tokens(no_csrf, app, client):
    org = make_org()
    admin, caseworker = make_user(org, "admin"), make_user(org, "caseworker")
    token = make_token(caseworker)
    login(client, admin.email)
    client.post(f"/admin/users/{caseworker.id}/active")
    assert app.test_client().get("/api/v1/me", headers=bearer(token)).status_code == 401


def test_the_sign_in_forms_carry_csrf_protection(app, client):
    user = make_user(make_org(), "coordinator")
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 400
    token = csrf_token(client, "/login")
    client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert client.post("/login/two-factor", data={"code": totp_code(user)}).status_code == 400


def test_two_requests_racing_with_one_code_cannot_both_use_it(app):
    """Each request read the user before the other wrote: only the database can tell them apart."""
    user = make_user(make_org(), "caseworker", two_factor=False)
    recovery = enrol(user)[0]
    code = totp_code(user)
    other = db.session.session_factory()
    try:
        seen_first = db.session.get(User, user.id)
        seen_second = other.get(User, user.id)
        list(seen_second.recovery_codes)  # loaded while still unused
        assert second_factor.check(seen_first, code)
        assert second_factor.check(seen_first, recovery)
        db.session.commit()
        assert seen_second.totp_last_step is None and all(r.used_at is None for r in seen_second.recovery_codes)
        assert not second_factor.check(seen_second, code)
        assert not second_factor.check(seen_second, recovery)
    finally:
        other.close()


def test_a_password_reset_voids_a_half_done_sign_in(no_csrf, app, client):
    org = make_org()
    coordinator = make_user(org, "coordinator")
    password_step(client, coordinator.email)
    auth.reset_password(db.session.get(User, coordinator.id), "a brand new passphrase here", None)
    db.session.commit()
    response = client.post("/login/two-factor", data={"code": totp_code(coordinator)})
    assert response.location == "/login"
    assert client.get("/cases").location.startswith("/login?next=")


def test_re_authenticating_without_the_code_asks_for_it_and_costs_no_attempt(no_csrf, app, client):
    coordinator = make_user(make_org(), "coordinator")
    login(client, coordinator.email)
    response = client.post("/reauthenticate", data={"password": PASSWORD, "code": ""})
    assert response.status_code == 422
    assert "Enter the code your authenticator app shows" in response.get_data(as_text=True)
