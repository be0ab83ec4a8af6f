"""The default-deny gate, role declarations and the response headers.

Every endpoint is refused unless its view declares who may reach it, with
`@public` (anyone) or `@roles(...)` (signed-in users holding one of these
roles). Per-object rules live in each area's permissions.py and are applied
by the views through `require`.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, abort, current_app, redirect, request, url_for
from flask_login import current_user

from caseapp.auth.roles import ROLES

ACCESS_ATTR = "_caseapp_access"
PUBLIC = "public"

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


def access_of(view: Callable) -> Any:
    return getattr(view, ACCESS_ATTR, None)


def require(allowed: bool) -> None:
    """Stop the request with 403 unless a permission predicate allowed it."""
    if not allowed:
        abort(403)


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
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if not isinstance(access, frozenset) or current_user.role not in access:
        abort(403)
    return None


def set_security_headers(response):
    """after_request: headers that make a strict browser policy possible."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.endpoint != "static":
        # Pages and API answers may hold case data: never keep them in a cache.
        headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    app.before_request(gate)
    app.after_request(set_security_headers)

