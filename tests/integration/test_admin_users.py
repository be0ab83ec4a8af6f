"""An organisation's admin manages its users on the users page."""
from caseapp.audit.models import AuditEntry
from caseapp.auth.models import User
from caseapp.extensions import db
from tests.factories import PASSWORD, bearer, login, make_org, make_token, make_user, post_form

NEW_PASSWORD = "welcome to the team 2026"


def _audit_actions(object_id):
    rows = db.session.scalars(db.select(AuditEntry).filter_by(object_type="users", object_id=object_id))
    return [row.action for row in rows]


def test_an_admin_adds_a_colleague_who_can_then_sign_in(client, app):
    org = make_org()
    admin = make_user(org, "admin")
    login(client, admin.email)
    response = post_form(client, "/admin/users", "/admin/users",
                         {"email": "New.Colleague@ngo.test", "full_name": "New Colleague", "role": "coordinator",
                          "password": NEW_PASSWORD})
    assert response.status_code == 302
    colleague = db.session.scalars(db.select(User).filter_by(email="new.colleague@ngo.test")).one()
    assert colleague.role == "coordinator" and colleague.organisation_id == org.id
    assert "new.colleague@ngo.test" in client.get("/admin/users").get_data(as_text=True)
    assert login(app.test_client(), "new.colleague@ngo.test", NEW_PASSWORD).status_code == 302
    entry = db.session.scalars(db.select(AuditEntry).filter_by(action="user.create", object_id=colleague.id)).one()
    assert entry.actor_id == admin.id and entry.changes["role"]["new"] == "coordinator"
    assert "password" not in str(entry.changes).lower() or "hash" not in str(entry.changes)


def test_a_bad_new_user_keeps_what_was_typed_and_says_why(client):
    admin = make_user(make_org(), "admin")
    login(client, admin.email)
    response = post_form(client, "/admin/users", "/admin/users",
                         {"email": "someone@ngo.test", "full_name": "Some One", "role": "advocate", "password": "short"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Use at least 12 characters." in page
    assert 'value="someone@ngo.test"' in page and 'value="Some One"' in page


def test_a_taken_email_is_refused(client):
    org = make_org()
    admin = make_user(org, "admin")
    existing = make_user(org)
    login(client, admin.email)
    response = post_form(client, "/admin/users", "/admin/users",
                         {"email": existing.email, "role": "advocate", "password": NEW_PASSWORD})
    assert response.status_code == 422 and "has this e-mail address already" in response.get_data(as_text=True)


def test_an_admin_changes_a_role_and_the_history_records_it(client):
    org = make_org()
    admin, user = make_user(org, "admin"), make_user(org)
    login(client, admin.email)
    post_form(client, "/admin/users", f"/admin/users/{user.id}/role", {f"u{user.id}-role": "advocate"})
    assert db.session.get(User, user.id).role == "advocate"
    entry = db.session.scalars(db.select(AuditEntry).filter_by(action="user.update", object_id=user.id)).one()
    assert entry.changes == {"role": {"old": "caseworker", "new": "advocate"}}


def test_deactivation_ends_sessions_and_tokens_at_once(client, app):
    org = make_org()
    admin, user = make_user(org, "admin"), make_user(org)
    token = make_token(user)
    their_browser = app.test_client()
    login(their_browser, user.email)
    login(client, admin.email)
    post_form(client, "/admin/users", f"/admin/users/{user.id}/active", {})
    assert not db.session.get(User, user.id).active
    assert their_browser.get("/cases").location.startswith("/login")
    assert app.test_client().get("/api/v1/me", headers=bearer(token)).status_code == 401
    post_form(client, "/admin/users", f"/admin/users/{user.id}/active", {})
    assert db.session.get(User, user.id).active
    assert login(app.test_client(), user.email).status_code == 302


def test_an_admin_cannot_deactivate_themselves(client):
    admin = make_user(make_org(), "admin")
    login(client, admin.email)
    post_form(client, "/admin/users", f"/admin/users/{admin.id}/active", {})
    assert db.session.get(User, admin.id).active


def test_a_password_reset_replaces_the_password_and_ends_sessions(client, app):
    org = make_org()
    admin, user = make_user(org, "admin"), make_user(org)
    their_browser = app.test_client()
    login(their_browser, user.email)
    login(client, admin.email)
    url = f"/admin/users/{user.id}/password"
    assert post_form(client, url, url, {"password": NEW_PASSWORD}).status_code == 302
    assert their_browser.get("/cases").location.startswith("/login")
    assert login(app.test_client(), user.email, PASSWORD).status_code == 200
    assert login(app.test_client(), user.email, NEW_PASSWORD).status_code == 302
    assert "user.password_reset" in _audit_actions(user.id)


def test_admins_never_reach_another_organisation_s_users(client):
    admin = make_user(make_org(), "admin")
    stranger = make_user(make_org())
    login(client, admin.email)
    assert stranger.email not in client.get("/admin/users").get_data(as_text=True)
    assert client.get(f"/admin/users/{stranger.id}/password").status_code == 404
    assert post_form(client, "/admin/users", f"/admin/users/{stranger.id}/active", {}).status_code == 404
    assert post_form(client, "/admin/users", f"/admin/users/{stranger.id}/role",
                     {f"u{stranger.id}-role": "admin"}).status_code == 404
    assert db.session.get(User, stranger.id).active and db.session.get(User, stranger.id).role == "caseworker"


def test_only_admins_see_the_users_page(client):
    org = make_org()
    for role in ("caseworker", "coordinator", "advocate"):
        user = make_user(org, role)
        login(client, user.email)
        assert client.get("/admin/users").status_code == 403, role
        post_form(client, "/profile", "/logout", {})



def test_an_admin_cannot_change_their_own_role(client, app):
    admin = make_user(make_org(), "admin")
    login(client, admin.email)
    page = client.get("/admin/users").get_data(as_text=True)
    assert f'action="/admin/users/{admin.id}/role"' not in page
    response = post_form(client, "/admin/users", f"/admin/users/{admin.id}/role", {f"u{admin.id}-role": "caseworker"})
    assert "You cannot change your own role" in client.get(response.location).get_data(as_text=True)
    assert db.session.get(User, admin.id).role == "admin"
