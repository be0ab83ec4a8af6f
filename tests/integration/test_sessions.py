"""Sessions end on the server: logout, password change, deactivation, idle and absolute timeouts; re-authentication."""
from datetime import timedelta

import pytest

from caseapp.auth.models import Organisation, UserSession
from caseapp.db import utcnow
from caseapp.extensions import db
from tests.factories import PASSWORD, login, make_org, make_user, totp_code


@pytest.fixture
def no_csrf(make_config):
    make_config.WTF_CSRF_ENABLED = False


def copy_cookies(source, target):
    """What a thief does with a stolen cookie: the same cookies in another browser."""
    for name in ("session", "remember_token"):
        cookie = source.get_cookie(name)
        if cookie is not None:
            target.set_cookie(name, cookie.value)


def rows(user):
    return db.session.scalars(db.select(UserSession).filter_by(user_id=user.id).order_by(UserSession.id)).all()


def audit_actions(user) -> list[str]:
    from caseapp.audit.models import AuditEntry

    return list(db.session.scalars(db.select(AuditEntry.action).filter_by(object_type="users", object_id=user.id)))


def signed_in(client) -> bool:
    return client.get("/cases").status_code == 200


def test_session_reuse_after_logout_is_refused(no_csrf, app):
    user = make_user(make_org(), "caseworker")
    browser, thief = app.test_client(), app.test_client()
    login(browser, user.email)
    copy_cookies(browser, thief)
    assert signed_in(thief)
    browser.post("/logout")
    assert not signed_in(thief)
    assert rows(user)[-1].end_reason == "logout"
    assert "user.logout" in audit_actions(user)


def test_remember_me_cookie_reuse_after_logout_is_refused(no_csrf, app):
    user = make_user(make_org(), "caseworker")
    browser = app.test_client()
    browser.post("/login", data={"email": user.email, "password": PASSWORD, "remember": "y"})
    remember = browser.get_cookie("remember_token")
    assert remember is not None
    restarted = app.test_client()  # the browser was closed: only the remember-me cookie is left
    restarted.set_cookie("remember_token", remember.value)
    assert signed_in(restarted)
    browser.post("/logout")
    replay = app.test_client()
    replay.set_cookie("remember_token", remember.value)
    assert not signed_in(replay)


def test_session_reuse_after_password_change_is_refused(no_csrf, app):
    user = make_user(make_org(), "caseworker")
    browser, other_device = app.test_client(), app.test_client()
    login(browser, user.email)
    login(other_device, user.email)
    response = browser.post("/profile/password", data={"current_password": PASSWORD,
                                                       "new_password": "a new and long passphrase",
                                                       "confirm": "a new and long passphrase"})
    assert response.status_code == 302
    assert signed_in(browser), "the browser that changed the password goes on"
    assert not signed_in(other_device)
    assert [r.end_reason for r in rows(user)][:2] == ["password_changed", "password_changed"]


def test_an_admin_password_reset_ends_the_users_sessions(no_csrf, app):
    org = make_org()
    admin, caseworker = make_user(org, "admin"), make_user(org, "caseworker")
    browser, admin_browser = app.test_client(), app.test_client()
    login(browser, caseworker.email)
    login(admin_browser, admin.email)
    admin_browser.post(f"/admin/users/{caseworker.id}/password", data={"password": "another long passphrase"})
    assert not signed_in(browser)


def test_deactivation_ends_the_users_sessions_at_once(no_csrf, app):
    org = make_org()
    admin, caseworker = make_user(org, "admin"), make_user(org, "caseworker")
    browser, admin_browser = app.test_client(), app.test_client()
    login(browser, caseworker.email)
    login(admin_browser, admin.email)
    admin_browser.post(f"/admin/users/{caseworker.id}/active")
    assert not signed_in(browser)
    assert rows(caseworker)[-1].end_reason == "deactivated"


def _age(user, **fields):
    for row in rows(user):
        for name, delta in fields.items():
            setattr(row, name, getattr(row, name) - delta)
    db.session.commit()


def test_thirty_minutes_without_activity_end_the_session(no_csrf, app, client):
    user = make_user(make_org(), "caseworker")
    login(client, user.email)
    _age(user, last_seen_at=timedelta(minutes=29))
    assert signed_in(client)
    _age(user, last_seen_at=timedelta(minutes=31))
    response = client.get("/cases", follow_redirects=True)
    assert "signed out after a period without activity" in response.get_data(as_text=True)
    assert rows(user)[-1].end_reason == "idle"


def test_twelve_hours_after_sign_in_the_session_ends_however_busy(no_csrf, app, client):
    user = make_user(make_org(), "caseworker")
    login(client, user.email)
    _age(user, created_at=timedelta(hours=12, minutes=1))
    response = client.get("/cases", follow_redirects=True)
    assert "reached its time limit" in response.get_data(as_text=True)
    assert rows(user)[-1].end_reason == "expired"


def test_an_organisations_shorter_idle_timeout_applies(no_csrf, app, client):
    org = make_org()
    user = make_user(org, "caseworker")
    login(client, user.email)
    db.session.get(Organisation, org.id).idle_timeout_minutes = 10
    db.session.commit()
    _age(user, last_seen_at=timedelta(minutes=11))
    assert not signed_in(client)


def test_requests_keep_a_session_alive(no_csrf, app, client):
    user = make_user(make_org(), "caseworker")
    login(client, user.email)
    _age(user, last_seen_at=timedelta(minutes=20))
    assert signed_in(client)
    assert utcnow() - rows(user)[-1].last_seen_at < timedelta(minutes=1)


SENSITIVE_PAGES = [("admin", "/admin/users"), ("admin", "/admin/organisation"), ("admin", "/admin/audit"),
                   ("admin", "/profile"),
                   ("coordinator", "/cases/export.csv"), ("coordinator", "/cases/export.json"),
                   ("coordinator", "/reports/dossier")]


@pytest.mark.parametrize("role, page", SENSITIVE_PAGES)
def test_security_pages_and_bulk_exports_ask_for_the_password_again_after_ten_minutes(no_csrf, app, client,
                                                                                      role, page):
    user = make_user(make_org(), role)
    login(client, user.email)
    assert client.get(page).status_code == 200
    _age(user, authenticated_at=timedelta(minutes=11))
    response = client.get(page)
    assert response.status_code == 302 and response.location == f"/reauthenticate?next={page}"
    wrong = client.post("/reauthenticate", data={"password": "not the password", "code": totp_code(user),
                                                 "next": page})
    assert wrong.status_code == 422
    assert client.post("/reauthenticate", data={"password": PASSWORD, "code": "000000", "next": page}
                       ).status_code == 422
    right = client.post("/reauthenticate", data={"password": PASSWORD, "code": totp_code(user), "next": page})
    assert right.location == page
    assert "user.reauthenticate" in audit_actions(user)
    assert client.get(page).status_code == 200


def test_a_form_posted_after_the_window_is_not_applied(no_csrf, app, client):
    org = make_org()
    admin = make_user(org, "admin")
    login(client, admin.email)
    _age(admin, authenticated_at=timedelta(minutes=11))
    response = client.post("/admin/users", data={"email": "new@ngo.test", "role": "caseworker",
                                                 "password": "a long enough passphrase"},
                           headers={"Referer": "http://localhost/admin/users"})
    assert response.location == "/reauthenticate?next=/admin/users"
    from caseapp.auth.services import find_user_by_email

    assert find_user_by_email("new@ngo.test") is None


def test_a_user_can_sign_out_every_other_session(no_csrf, app):
    user = make_user(make_org(), "caseworker")
    here, elsewhere = app.test_client(), app.test_client()
    login(here, user.email)
    login(elsewhere, user.email)
    assert "Sign out everywhere else" in here.get("/profile").get_data(as_text=True)
    here.post("/profile/sessions/end-others")
    assert signed_in(here) and not signed_in(elsewhere)


def test_signing_in_starts_a_new_session_cookie(no_csrf, app, client):
    """Session fixation: whatever the browser held before sign-in is not the signed-in session."""
    user = make_user(make_org(), "caseworker")
    client.get("/login")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    login(client, user.email)
    with client.session_transaction() as session:
        assert "planted" not in session


def test_the_profile_lists_only_sessions_that_still_work_and_old_ones_are_dropped(no_csrf, app):
    user = make_user(make_org(), "caseworker")
    first, second = app.test_client(), app.test_client()
    login(first, user.email)
    login(second, user.email)
    assert "Sign out everywhere else" in second.get("/profile").get_data(as_text=True)
    oldest = rows(user)[0]
    oldest.last_seen_at -= timedelta(minutes=40)  # timed out, though nobody has noticed yet
    db.session.commit()
    assert "Sign out everywhere else" not in second.get("/profile").get_data(as_text=True)
    oldest = rows(user)[0]
    oldest.last_seen_at -= timedelta(days=31)
    oldest_id = oldest.id
    db.session.commit()
    login(app.test_client(), user.email)
    assert oldest_id not in [row.id for row in rows(user)]


def test_signing_out_deletes_the_remember_me_cookie(no_csrf, app, client):
    user = make_user(make_org(), "caseworker")
    client.post("/login", data={"email": user.email, "password": PASSWORD, "remember": "y"})
    assert client.get_cookie("remember_token") is not None
    client.post("/logout")
    assert client.get_cookie("remember_token") is None
    page = client.get("/login").get_data(as_text=True)
    assert "This session has ended" not in page


def test_a_password_an_admin_chose_is_replaced_before_anything_else(no_csrf, app):
    org = make_org()
    admin = make_user(org, "admin")
    admin_browser, colleague = app.test_client(), app.test_client()
    login(admin_browser, admin.email)
    admin_browser.post("/admin/users", data={"email": "new@ngo.test", "role": "caseworker", "full_name": "",
                                             "password": "given by the admin 2026"})
    response = login(colleague, "new@ngo.test", "given by the admin 2026")
    assert response.location == "/profile/new-password"
    for page in ("/cases", "/profile", "/profile/two-factor"):
        assert colleague.get(page).location == "/profile/new-password", page
    page = colleague.get("/profile/new-password").get_data(as_text=True)
    assert "Choose your own password" in page and 'href="/cases"' not in page
    wrong = colleague.post("/profile/new-password", data={"current_password": "not it at all!!",
                                                          "new_password": "only i know this one",
                                                          "confirm": "only i know this one"})
    assert wrong.status_code == 422
    done = colleague.post("/profile/new-password", data={"current_password": "given by the admin 2026",
                                                         "new_password": "only i know this one",
                                                         "confirm": "only i know this one"})
    assert done.location == "/"
    assert signed_in(colleague)
    # The admin resets it: the same again at the next sign-in.
    from caseapp.auth.services import find_user_by_email

    colleague_id = find_user_by_email("new@ngo.test").id
    admin_browser.post(f"/admin/users/{colleague_id}/password", data={"password": "another one from the admin"})
    assert login(app.test_client(), "new@ngo.test", "another one from the admin").location == "/profile/new-password"


def test_users_made_on_the_command_line_keep_their_password(no_csrf, app, client):
    user = make_user(make_org(), "caseworker")  # created by a service with no actor, as the CLI does
    assert login(client, user.email).location == "/"
