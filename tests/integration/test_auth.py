"""Signing in and out, the profile page, passwords and API tokens."""
from caseapp.auth.models import ApiToken, User
from caseapp.extensions import db
from tests.factories import PASSWORD, bearer, csrf_token, login, make_org, make_token, make_user, post_form


def test_a_user_signs_in_and_is_sent_to_the_page_asked_for(client):
    user = make_user(make_org())
    response = login(client, user.email, next_url="/profile")
    assert response.status_code == 302 and response.location == "/profile"
    assert user.email in client.get("/profile").get_data(as_text=True)


def test_an_unknown_email_and_a_wrong_password_get_the_same_answer(client):
    user = make_user(make_org())
    wrong_password = login(client, user.email, "not the password at all").get_data(as_text=True)
    unknown = login(client, "nobody@nowhere.test", PASSWORD).get_data(as_text=True)
    message = "The e-mail address or the password is not right."
    assert message in wrong_password and message in unknown


def test_the_email_typed_stays_in_the_form_after_a_failed_sign_in(client):
    response = login(client, "someone@example.test", "wrong password here")
    assert 'value="someone@example.test"' in response.get_data(as_text=True)


def test_next_pointing_elsewhere_is_ignored(client):
    user = make_user(make_org())
    for target in ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)"]:
        response = login(client, user.email, next_url=target)
        assert response.location == "/", target
        post_form(client, "/profile", "/logout", {})


def test_a_deactivated_user_cannot_sign_in(client):
    user = make_user(make_org())
    user.active = False
    db.session.commit()
    assert "not right" in login(client, user.email).get_data(as_text=True)


def test_sign_out_is_a_post_and_ends_the_session(client):
    user = make_user(make_org())
    login(client, user.email)
    assert client.get("/logout").status_code == 405
    response = post_form(client, "/profile", "/logout", {})
    assert response.status_code == 302
    assert client.get("/profile").location.startswith("/login")


def test_sign_out_without_the_csrf_token_is_refused(client):
    user = make_user(make_org())
    login(client, user.email)
    assert client.post("/logout").status_code == 400
    assert client.get("/profile").status_code == 200


def test_changing_the_password_signs_out_other_sessions(app):
    user = make_user(make_org())
    laptop, phone = app.test_client(), app.test_client()
    login(laptop, user.email)
    login(phone, user.email)
    new = "a brand new passphrase"
    response = post_form(laptop, "/profile", "/profile/password",
                         {"current_password": PASSWORD, "new_password": new, "confirm": new})
    assert response.status_code == 302
    assert laptop.get("/profile").status_code == 200
    assert phone.get("/profile").location.startswith("/login")
    assert login(app.test_client(), user.email, new).status_code == 302


def test_a_too_short_new_password_is_refused_with_a_message(client):
    user = make_user(make_org())
    login(client, user.email)
    response = post_form(client, "/profile", "/profile/password",
                         {"current_password": PASSWORD, "new_password": "short", "confirm": "short"})
    assert response.status_code == 422
    assert "at least 12 characters" in response.get_data(as_text=True)


def test_a_wrong_current_password_is_refused(client):
    user = make_user(make_org())
    login(client, user.email)
    new = "a brand new passphrase"
    response = post_form(client, "/profile", "/profile/password",
                         {"current_password": "not it at all!", "new_password": new, "confirm": new})
    assert response.status_code == 422
    assert "current password is not right" in response.get_data(as_text=True)


def test_a_token_made_on_the_profile_page_works_once_shown_and_stops_when_revoked(client):
    user = make_user(make_org())
    login(client, user.email)
    page = post_form(client, "/profile", "/profile/tokens", {"label": "import script", "password": PASSWORD}).get_data(as_text=True)
    token = db.session.scalars(db.select(ApiToken).filter_by(user_id=user.id)).one()
    secret = page.split('id="new-token-value" class="token-value" type="text" readonly value="')[1].split('"')[0]
    assert secret.startswith(token.prefix)
    assert token.token_hash != secret and secret not in token.token_hash
    api = client.application.test_client()
    assert api.get("/api/v1/me", headers=bearer(secret)).status_code == 200
    post_form(client, "/profile", f"/profile/tokens/{token.id}/revoke", {})
    assert api.get("/api/v1/me", headers=bearer(secret)).status_code == 401


def test_nobody_revokes_another_user_s_token(client):
    org = make_org()
    owner, other = make_user(org), make_user(org)
    secret = make_token(owner)
    token = db.session.scalars(db.select(ApiToken).filter_by(user_id=owner.id)).one()
    login(client, other.email)
    assert post_form(client, "/profile", f"/profile/tokens/{token.id}/revoke", {}).status_code == 404
    assert client.application.test_client().get("/api/v1/me", headers=bearer(secret)).status_code == 200


def test_the_login_page_is_public_and_pages_redirect_to_it(client):
    assert client.get("/login").status_code == 200
    response = client.get("/cases?q=x")
    assert response.status_code == 302 and response.location.startswith("/login?next=")


def test_users_are_not_found_by_another_case_of_email(client):
    user = make_user(make_org(), email="Mixed.Case@Example.test")
    assert db.session.get(User, user.id).email == "mixed.case@example.test"
    assert login(client, "MIXED.case@example.TEST").status_code == 302


def test_csrf_token_is_on_every_form_page(client):
    assert csrf_token(client, "/login")
