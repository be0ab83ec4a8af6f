"""Build organisations, users, cases and tokens through the real services."""
from __future__ import annotations

import itertools
import re

from caseapp.auth import services as auth
from caseapp.cases import services as cases
from caseapp.extensions import db

PASSWORD = "correct horse battery staple"
_numbers = itertools.count(1)


def make_org(name: str | None = None, code: str | None = None):
    n = next(_numbers)
    org = auth.create_organisation(name or f"Organisation {n}", code or f"ORG{n}", None)
    db.session.commit()
    return org


def make_user(org, role: str = "caseworker", email: str | None = None, password: str = PASSWORD):
    email = email or f"{role}{next(_numbers)}@{org.code.lower()}.test"
    user = auth.create_user(org, email, role, password, f"Test {role}", None)
    db.session.commit()
    return user


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
    """Sign in by posting the real login form."""
    token = csrf_token(client, "/login")
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token, "next": next_url})


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
