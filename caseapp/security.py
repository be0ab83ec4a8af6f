"""The default-deny gate, role declarations, the one `require` check and the response headers.

Every endpoint is refused unless its view declares who may reach it, with
`@public` (anyone) or `@roles(...)` (signed-in users holding one of these
roles). Per-object rules are pure predicates in each area's permissions.py,
applied by every view through `require`. The gate also sends a user who must
enrol a second factor to enrolment, and asks for the password again before
views marked `@recent_login`.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, abort, current_app, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from caseapp.auth.roles import ROLES

ACCESS_ATTR = "_caseapp_access"
RECENT_ATTR = "_caseapp_recent_login"
RECORDS_ATTR = "_caseapp_records_reading"
PUBLIC = "public"

# What a user whose password an admin chose, and who has not replaced it yet, may reach.
NEW_PASSWORD_ENDPOINTS = frozenset({"auth.new_password", "auth.logout", "main.set_language", "main.health"})
# What a user who must enrol a second factor, and has not yet, may reach.
ENROLMENT_ENDPOINTS = frozenset({"auth.two_factor_setup", "auth.reauthenticate", "auth.new_password",
                                 "auth.logout", "main.set_language", "main.health"})

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def public(view: Callable) -> Callable:
    """Let anyone, signed in or not, reach this view."""
    setattr(view, ACCESS_ATTR, PUBLIC)
    return view


def roles(*allowed: str) -> Callable[[Callable], Callable]:
    """Let signed-in users with one of these roles reach this view."""
    unknown = set(allowed) - set(ROLES)
    if unknown or not allowed:
        raise ValueError(f"unknown roles: {sorted(unknown)}")

    def mark(view: Callable) -> Callable:
        setattr(view, ACCESS_ATTR, frozenset(allowed))
        return view

    return mark


def recent_login(view: Callable) -> Callable:
    """Ask for the password (and second factor) again unless given in the last REAUTHENTICATION_MINUTES.

    For security settings, user administration and bulk exports: a session
    left open on a shared computer must not be enough for them.
    """
    setattr(view, RECENT_ATTR, True)
    return view


def records_reading(view: Callable) -> Callable:
    """Mark a GET that records a read or builds an export (person.view, report.export...).

    Such a request must come from this site, or be typed or bookmarked: a link or image on another
    site must not make a signed-in browser write audit entries or start exports. Otherwise the gate
    shows a page with a button that does it (`cross_site_answer`). API requests with a token are not
    concerned: no browser sends the token by itself.
    """
    setattr(view, RECORDS_ATTR, True)
    return view


def records_reads(endpoint: str) -> bool:
    view = current_app.view_functions.get(endpoint)
    return bool(view is not None and getattr(view, RECORDS_ATTR, False))


# A cookie that holds nothing but is sent only by navigations from this site or typed ones (SameSite=Strict),
# never by a link followed from another site. Browsers send Sec-Fetch-Site to HTTPS sites only; on plain
# HTTP (an intranet), and from a page that sends no Referer, this cookie is what tells the two apart.
SITE_COOKIE = "caseapp_site"


def from_this_site() -> bool:
    """Whether a navigation comes from this site, or from nowhere (typed, bookmarked).

    Sec-Fetch-Site says so when the browser sends it. Otherwise an Origin or Referer must be this site's,
    and the SameSite=Strict cookie must have come along: a browser leaves it out of cross-site navigations.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    here = request.host_url.rstrip("/")
    for header in ("Origin", "Referer"):
        value = request.headers.get(header)
        if value is not None and not (value == here or value.startswith(here + "/")):
            return False
    return request.cookies.get(SITE_COOKIE) is not None


def keep_site_cookie(response):
    """after_request: a signed-in browser holds the SameSite=Strict cookie `from_this_site` looks for."""
    if (current_user.is_authenticated and not g.get("api_token_used") and not is_api_request()
            and request.cookies.get(SITE_COOKIE) is None):
        response.set_cookie(SITE_COOKIE, "1", max_age=365 * 24 * 3600, path="/", httponly=True, samesite="Strict",
                            secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")))
    return response


def access_of(view: Callable) -> Any:
    return getattr(view, ACCESS_ATTR, None)


def require(predicate: Callable[..., bool], *objects: Any, hide: bool = False) -> None:
    """The one authorisation check every view and API endpoint goes through.

    `predicate` is a pure function from an area's permissions.py, asked about
    the signed-in user and `objects`. Refused: 404 with `hide=True` (the user
    must not learn that the object exists, e.g. another organisation's case),
    403 otherwise. A view that answers without ever calling `require` is caught
    by `check_authorised` below.
    """
    module = getattr(predicate, "__module__", "") or ""
    if not module.endswith(".permissions"):
        raise TypeError(f"require() takes a predicate from a permissions module, not {predicate!r}")
    g.caseapp_authorised = True
    if not predicate(current_user, *objects):
        abort(404 if hide else 403)


def is_api_request() -> bool:
    return request.blueprint == "api" or request.path.startswith("/api/")


def gate() -> Any:
    """before_request: refuse any endpoint whose view does not let this user in."""
    if request.endpoint is None:
        return None  # no such route: the 404 handler answers
    if request.endpoint == "static":
        return None
    view = current_app.view_functions[request.endpoint]
    access = access_of(view)
    if access == PUBLIC:
        return None
    if not current_user.is_authenticated:
        if is_api_request():
            abort(401)
        _explain_ended_session()
        g.caseapp_gate_answered = True
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if not isinstance(access, frozenset) or current_user.role not in access:
        abort(403)
    if g.get("api_token_used"):
        return None  # tokens are their own credential: no enrolment or re-authentication pages
    if request.endpoint not in NEW_PASSWORD_ENDPOINTS and current_user.password_change_required:
        g.caseapp_gate_answered = True
        return redirect(url_for("auth.new_password"))
    if request.endpoint not in ENROLMENT_ENDPOINTS and _must_enrol():
        g.caseapp_gate_answered = True
        return redirect(url_for("auth.two_factor_setup"))
    if getattr(view, RECENT_ATTR, False) and not _recently_authenticated():
        g.caseapp_gate_answered = True
        return redirect(url_for("auth.reauthenticate", next=_return_path()))
    if getattr(view, RECORDS_ATTR, False) and request.method in ("GET", "HEAD") and not from_this_site():
        g.caseapp_gate_answered = True
        return cross_site_answer()
    return None


def cross_site_answer():
    """A page that asks for a click (a POST with CSRF) before doing what a link from elsewhere asked."""
    from flask import render_template

    return render_template("main/confirm_visit.html", target=request.full_path.rstrip("?"))


def _must_enrol() -> bool:
    from caseapp.auth.second_factor import needs_enrolment

    return needs_enrolment(current_user, current_app.config["TWO_FACTOR_REQUIRED_ROLES"])


def _recently_authenticated() -> bool:
    from caseapp.auth.sessions import is_recent

    row = g.get("user_session")
    return row is not None and is_recent(row, current_app.config)


def _return_path() -> str:
    # After re-authenticating, a form post cannot be replayed: go back to the page it came from.
    if request.method == "GET":
        return request.full_path.rstrip("?")
    referrer = request.referrer or ""
    return "/" + referrer[len(request.host_url):] if referrer.startswith(request.host_url) else "/"


def _explain_ended_session() -> None:
    ended = g.get("session_ended")
    if ended == "idle":
        flash(_("You were signed out after a period without activity. Sign in again to go on."), "info")
    elif ended == "expired":
        flash(_("Your session reached its time limit. Sign in again to go on."), "info")
    elif ended:
        flash(_("This session has ended. Sign in again to go on."), "info")


def check_authorised(response):
    """after_request: a non-public view that answered without `require` is a bug.

    Under test it fails loudly; in production the answer is replaced by 403
    and the mistake logged, so no data leaves through a forgotten check.
    """
    if request.endpoint in (None, "static") or response.status_code >= 400:
        return response
    view = current_app.view_functions.get(request.endpoint)
    if view is None or access_of(view) == PUBLIC or g.get("caseapp_authorised"):
        return response
    if g.get("caseapp_gate_answered"):
        return response  # the gate sent the user elsewhere; the view never ran
    message = f"{request.endpoint} answered without calling require()"
    if current_app.testing:
        raise RuntimeError(message)
    current_app.logger.error(message)
    return current_app.response_class("Forbidden", status=403)


def set_security_headers(response):
    """after_request: headers that make a strict browser policy possible."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.is_secure or current_app.config.get("SESSION_COOKIE_SECURE"):
        # Once a browser has seen the site over HTTPS, it never tries plain HTTP again (a year).
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if request.endpoint != "static":
        # Pages and API answers may hold case data: never keep them in a cache.
        headers["Cache-Control"] = "no-store"
    return response


def enrolment_pending() -> dict[str, bool]:
    """context processor: while a password or a second factor must be set up, pages show no navigation."""
    return {"enrolment_pending": bool(current_user.is_authenticated and not g.get("api_token_used")
                                      and (current_user.password_change_required or _must_enrol()))}


def init_app(app: Flask) -> None:
    app.context_processor(enrolment_pending)
    app.before_request(gate)
    # after_request functions run last-registered first: check_authorised may replace the
    # response, and the headers must be set on whatever response finally leaves.
    app.after_request(set_security_headers)
    app.after_request(check_authorised)
    app.after_request(keep_site_cookie)


def without_user() -> None:
    """Answer this request as nobody: when the database is busy, reading the signed-in user (whose session
    notes its last request) would meet the same lock while the answer is written."""
    g._login_user = current_app.login_manager.anonymous_user()  # where flask-login keeps the request's user
