"""Cross-site request forgery: every state-changing form refuses a request without its token.

The routes come from the URL map: every non-API POST, PUT, PATCH and DELETE, sent as a signed-in
user the route lets in, with no token, an empty one, a forged one and one from another session.
Each must answer 400 with the expired-form page, and leave every table as it was.
"""
import pytest
from sqlalchemy import select

from caseapp.extensions import csrf, db
from caseapp.security import PUBLIC, access_of
from tests.factories import csrf_token, login, make_case, make_org, make_user, post_form

CHANGES = {"POST", "PUT", "PATCH", "DELETE"}
PREFERRED = ("caseworker", "coordinator", "admin", "advocate")
# Touched by every request of a signed-in browser; not a change a forged form could make.
VOLATILE = {("user_sessions", "last_seen_at")}
# A form body that would do something on any route, were the token not missing.
BODY = {"title": "Forged", "sector": "fishing", "confidentiality": "normal", "body": "Forged comment",
        "comment": "Forged", "to": "submitted", "label": "forged", "lang": "nl", "name": "Forged Ltd",
        "kind": "employer", "role": "worker", "status": "present", "stages": "employment", "note": "Forged",
        "paste-text": "Forged article.", "email": "forged@example.test", "password": "forged password 12345",
        "new_password": "forged password 12345", "confirm": "forged password 12345", "choice": "0", "sha256": "0" * 64, "reason": "Forged",
        "text": "Forged text", "two_factor_roles": "caseworker", "u1-role": "admin"}


def state_changing_routes(app):
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api.") or rule.endpoint == "static":
            continue
        found += [(rule, method) for method in sorted(rule.methods & CHANGES)]
    return sorted(found, key=lambda item: item[0].rule)


def snapshot():
    """Every row of every table, as plain values."""
    db.session.expire_all()
    rows = {}
    for table in db.metadata.sorted_tables:
        columns = [c for c in table.columns if (table.name, c.name) not in VOLATILE]
        rows[table.name] = sorted(repr(tuple(row)) for row in db.session.execute(select(*columns)))
    return rows


def changed(before, after):
    return {name for name in before if before[name] != after[name]}


@pytest.fixture
def world(world):
    """The shared world, with a draft as the case: its caseworker may still change it in every way."""
    world.ids["case_id"] = world.draft.id  # a draft its caseworker may still change in every way
    return world


def _ids_in_body(world):
    return {"party_id": str(world.party.id), "assignee_id": str(world.people["coordinator"].id),
            "case_id": str(world.draft.id)}


def _who(app, endpoint):
    access = access_of(app.view_functions[endpoint])
    if access == PUBLIC:
        return None
    return next(role for role in PREFERRED if role in access)


def _clients(app, world):
    clients = {None: app.test_client()}
    for role in PREFERRED:
        clients[role] = app.test_client()
        login(clients[role], world.people[role].email)
    return clients


def _forged_tokens(app, world):
    """A token that is valid, but for another browser's session."""
    other = app.test_client()
    login(other, make_user(world.people["caseworker"].organisation, "caseworker").email)
    return {"missing": None, "empty": "", "garbage": "not-a-token",
            "another session's": csrf_token(other, "/profile")}


def test_every_state_changing_form_refuses_a_missing_or_forged_csrf_token(app, world):
    routes = state_changing_routes(app)
    assert len(routes) > 40, routes  # the enumeration found the forms
    clients = _clients(app, world)
    forged = _forged_tokens(app, world)
    wrong = []
    for rule, method in routes:
        role = _who(app, rule.endpoint)
        url = rule.build({arg: world.ids[arg] for arg in rule.arguments}, append_unknown=False)[1]
        for name, token in forged.items():
            body = BODY | _ids_in_body(world) | ({} if token is None else {"csrf_token": token})
            before = snapshot()
            response = clients[role].open(url, method=method, data=body)
            after = snapshot()
            if response.status_code != 400 or "The form has expired" not in response.get_data(as_text=True):
                wrong.append((method, url, role, name, response.status_code))
            if changed(before, after):
                wrong.append((method, url, role, name, "changed", changed(before, after)))
    assert wrong == []


def test_a_forged_csrf_token_in_the_header_is_refused_too(app, world):
    client = app.test_client()
    login(client, world.people["caseworker"].email)
    before = snapshot()
    response = client.post(f"/cases/{world.draft.id}/delete", headers={"X-CSRFToken": "forged"})
    assert response.status_code == 400
    assert changed(before, snapshot()) == set()


def test_a_csrf_token_from_before_sign_in_no_longer_works_after_it(app):
    """Signing in starts a new session: a token planted in the signed-out browser is worthless."""
    user = make_user(make_org())
    case = make_case(user)
    client = app.test_client()
    planted = csrf_token(client, "/login")
    login(client, user.email)
    response = client.post(f"/cases/{case.id}/delete", data={"csrf_token": planted})
    assert response.status_code == 400
    assert client.get(f"/cases/{case.id}").status_code == 200


def test_a_csrf_token_stops_working_after_sign_out(app):
    user = make_user(make_org())
    case = make_case(user)
    client = app.test_client()
    login(client, user.email)
    token = csrf_token(client, f"/cases/{case.id}")
    post_form(client, "/profile", "/logout", {})
    login(client, user.email)
    response = client.post(f"/cases/{case.id}/delete", data={"csrf_token": token})
    assert response.status_code == 400


def test_a_cross_site_post_over_https_with_a_foreign_referer_is_refused(app):
    user = make_user(make_org())
    case = make_case(user)
    client = app.test_client()
    login(client, user.email)
    token = csrf_token(client, f"/cases/{case.id}")
    for referer in ("https://evil.example/", None):
        headers = {"Referer": referer} if referer else {}
        response = client.post(f"/cases/{case.id}/delete", data={"csrf_token": token},
                               base_url="https://localhost", headers=headers)
        assert response.status_code == 400, referer
    assert client.get(f"/cases/{case.id}").status_code == 200


def test_only_the_api_is_exempt_from_csrf_and_it_ignores_the_session_cookie(app, world):
    assert app.config.get("WTF_CSRF_ENABLED", True) and app.config.get("WTF_CSRF_CHECK_DEFAULT", True)
    assert csrf._exempt_views == set()
    assert {getattr(bp, "name", bp) for bp in csrf._exempt_blueprints} == {"api"}
    # A page in another tab could post to the API with the browser's cookie; the API does not read it.
    client = app.test_client()
    login(client, world.people["caseworker"].email)
    before = snapshot()
    for method, url, body in [("POST", "/api/v1/cases", {"title": "Forged", "sector": "fishing"}),
                              ("DELETE", f"/api/v1/cases/{world.draft.id}", None),
                              ("PATCH", f"/api/v1/parties/{world.party.id}", {"name": "Forged"}),
                              ("POST", f"/api/v1/cases/{world.draft.id}/comments", {"body": "Forged"})]:
        assert client.open(url, method=method, json=body).status_code == 401, url
        assert client.open(url, method=method, data="x", content_type="text/plain").status_code == 401, url
    assert changed(before, snapshot()) == set()
