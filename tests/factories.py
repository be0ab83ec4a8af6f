"""Build organisations, users, cases and tokens through the real services."""
from __future__ import annotations

import itertools
import re

from caseapp.auth import services as auth
from caseapp.cases import services as cases
from caseapp.extensions import db

PASSWORD = "correct horse battery staple"
# Every test user with a second factor shares this TOTP secret, so tests can make its codes.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
SERVER_TWO_FACTOR_ROLES = ("coordinator", "admin")
_numbers = itertools.count(1)


def make_org(name: str | None = None, code: str | None = None):
    n = next(_numbers)
    org = auth.create_organisation(name or f"Organisation {n}", code or f"ORG{n}", None)
    db.session.commit()
    return org


def make_user(org, role: str = "caseworker", email: str | None = None, password: str = PASSWORD,
              two_factor: bool | None = None):
    """A user; coordinators and admins (who must use a second factor) are enrolled with TOTP_SECRET."""
    email = email or f"{role}{next(_numbers)}@{org.code.lower()}.test"
    user = auth.create_user(org, email, role, password, f"Test {role}", None)
    if two_factor if two_factor is not None else role in SERVER_TWO_FACTOR_ROLES:
        enrol(user)
    db.session.commit()
    return user


def enrol(user, secret: str = TOTP_SECRET) -> list[str]:
    """Turn on the user's second factor through the real service; return the recovery codes."""
    from caseapp.auth import second_factor

    codes = second_factor.enrol_known_secret(user, secret, None)
    db.session.commit()
    return codes


def totp_code(user, secret: str | None = None) -> str:
    """A code the app will accept now: the next time step not used yet by this user.

    Tests sign the same user in several times within 30 seconds; the server refuses a
    code twice, so a second sign-in takes the next step (inside the drift window), and
    when the window is used up the test (only the test) forgets the last step.
    """
    from caseapp.auth import two_factor
    from caseapp.auth.models import User

    db.session.expire_all()
    user = db.session.get(User, user.id)
    secret = secret or user.totp_secret
    now = two_factor.current_step()
    # Never the step before now: the clock may move on before the server checks the code.
    step = max(now, (user.totp_last_step or 0) + 1)
    if step > now + two_factor.DRIFT_STEPS:
        user.totp_last_step = None
        db.session.commit()
        step = now
    return code_for_step(secret, step)


def code_for_step(secret: str, step: int) -> str:
    """The code an authenticator app shows for this secret during this time step."""
    import pyotp

    from caseapp.auth.two_factor import STEP_SECONDS

    return pyotp.TOTP(secret).at(step * STEP_SECONDS)


def make_case(user, title: str = "Fishing crew kept at sea", **fields):
    case = cases.create_case({"title": title, "sector": "fishing"} | fields, user)
    db.session.commit()
    return case


def make_token(user, label: str = "test") -> str:
    new = auth.create_token(user, label, user)
    db.session.commit()
    return new.secret


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


CSRF_PATTERN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token(client, url: str) -> str:
    """Read the CSRF token from the form a page really serves."""
    if not client.application.config.get("WTF_CSRF_ENABLED", True):
        return ""
    page = client.get(url)
    match = CSRF_PATTERN.search(page.get_data(as_text=True))
    assert match, f"no CSRF token in {url}"
    return match.group(1)


def login(client, email: str, password: str = PASSWORD, next_url: str = ""):
    """Sign in by posting the real login form, and the second-factor form when one is asked for."""
    token = csrf_token(client, "/login")
    response = client.post("/login", data={"email": email, "password": password, "csrf_token": token,
                                           "next": next_url})
    if response.status_code == 302 and response.location.startswith("/login/two-factor"):
        user = auth.find_user_by_email(email)
        response = client.post("/login/two-factor", data={"code": totp_code(user),
                                                          "csrf_token": csrf_token(client, "/login/two-factor")})
    return response


def post_form(client, page_url: str, action: str, data: dict):
    """Post a form the way a browser does: with the CSRF token of the page it is on."""
    return client.post(action, data={"csrf_token": csrf_token(client, page_url), **data})


def advance(case, *targets, caseworker=None, coordinator=None):
    """Move a case through the workflow: submitted by its assignee, the rest by a coordinator."""
    from caseapp.auth.models import User
    from caseapp.cases import review

    caseworker = caseworker or db.session.get(User, case.assignee_id)
    coordinator = coordinator or make_user(case.organisation, "coordinator")
    for target in targets:
        actor = caseworker if target == "submitted" else coordinator
        review.transition(case, target, "Noted." if target == "returned" else None, actor)
    db.session.commit()
    return case


def verified_case(user, **fields):
    """A case as advocates see them: submitted, reviewed and verified."""
    return advance(make_case(user, **fields), "submitted", "in_review", "verified")
