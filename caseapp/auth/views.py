"""Signing in (password, then the second factor), re-authenticating and signing out.

Every failed step counts against two limits, per account and per client
address (LOGIN_FAILURES_PER_ACCOUNT / _PER_ADDRESS); past either, every
attempt is answered 429 until the window passes, whether or not the account
exists and whether or not the password is right. The counts are shared by
every worker (caseapp.auth.throttle). A failed step on an existing account is
audited in its organisation with the client's address, and so is the start of
each lock-out, which the organisation's admins are told of; a failed step on
an address that belongs to no account goes to the server log.
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import time
from datetime import datetime, timezone

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import format_datetime, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from caseapp.auth import permissions, second_factor, services, sessions, two_factor
from caseapp.auth.forms import LoginForm, ReauthenticateForm, TwoFactorForm
from caseapp.auth.models import User
from caseapp.auth.redirects import safe_next
from caseapp.auth.roles import ROLES
from caseapp.auth.throttle import SignInThrottle, account_key, storage_for
from caseapp.extensions import db
from caseapp.operations import metrics
from caseapp.security import public, require, roles
from caseapp.transaction import keep_now

blueprint = Blueprint("auth", __name__)

PENDING = "pending_sign_in"
PENDING_SECONDS = 5 * 60  # the second step must follow the first within five minutes


def _account_key() -> str:
    """The account an attempt is aimed at, known or not.

    Keyed with SECRET_KEY (an HMAC, not a plain hash) so that neither the limiter's
    store nor its log lines let anyone confirm a guessed e-mail address.
    """
    if request.endpoint == "auth.login":
        email = request.form.get("email", "")
    elif request.endpoint == "auth.two_factor_step":
        email = (session.get(PENDING) or {}).get("email", "")
    else:
        email = getattr(current_user, "email", "") or ""
    return account_key(email, current_app.config["SECRET_KEY"])


def sign_in_paused_until(user: User) -> datetime | None:
    """When this user's sign-in, paused after too many failures, is allowed again (None: it is not paused)."""
    until = _throttle().locked_until(account_key(user.email, current_app.config["SECRET_KEY"]))
    return datetime.fromtimestamp(until, timezone.utc) if until is not None else None


def resume_sign_in(user: User, admin: User) -> None:
    """An admin lets a locked-out account sign in again at once (audited)."""
    _throttle().unlock(account_key(user.email, current_app.config["SECRET_KEY"]))
    services.sign_in_resumed(user, admin)


def init_throttle(app) -> None:
    """The sign-in limits of this app, counted in Redis (REDIS_URL) or else in its database."""
    config = app.config
    storage = storage_for(config.get("REDIS_URL"), lambda: db.engine)
    app.extensions["sign_in_throttle"] = SignInThrottle(
        storage, config["LOGIN_FAILURES_PER_ACCOUNT"], config["LOGIN_FAILURES_PER_ADDRESS"],
        enabled=config.get("RATELIMIT_ENABLED", True))



def _throttle() -> SignInThrottle:
    return current_app.extensions["sign_in_throttle"]


def _address() -> str:
    return request.remote_addr or ""  # the client's, through TRUSTED_PROXIES


def throttled(view):
    """Answer 429 to a sign-in step while either limit is used up, before the step is even looked at.

    A failed step takes at least SIGN_IN_FAILURE_SECONDS: auditing one on an existing account writes to
    the database, and its time must not tell which addresses have accounts.
    """
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        started = time.monotonic()
        if request.method == "POST" and not _throttle().allows(_account_key(), _address()):
            return render_template("auth/paused.html", minutes=_throttle().window_minutes), 429
        response = view(*args, **kwargs)
        if g.get("sign_in_step_failed"):
            time.sleep(max(0.0, started + current_app.config["SIGN_IN_FAILURE_SECONDS"] - time.monotonic()))
        return response
    return wrapper


def step_failed(step: str, account: User | None, signed_in_as: User | None = None) -> None:
    """Count a failed step where every worker sees it, and keep its trace: audit, or the server log."""
    g.sign_in_step_failed = True
    metrics.SIGN_IN_FAILURES.inc()
    failure = _throttle().failed(_account_key(), _address())
    if account is None:
        # No account has this address: nothing to audit in any organisation, but an operator may watch.
        current_app.logger.warning("Failed sign-in step (%s) for no account (%s...) from %s", step,
                                   _account_key()[8:24], _address())
        if failure.address_locked:
            current_app.logger.warning("Sign-in from %s locked out after too many failed steps", _address())
        return
    services.sign_in_failed(account, step, _address(), signed_in_as)
    if failure.account_locked or failure.address_locked:
        services.locked_out(account, "account" if failure.account_locked else "address", _address())
    keep_now()  # the failed step stays on the log, whatever the page answers


@blueprint.route("/login", methods=["GET", "POST"])
@public
@throttled
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        attempt = services.authenticate(form.email.data, form.password.data)
        user = attempt.user
        if user is None:
            step_failed("password", attempt.account)
            # One message for an unknown e-mail and a wrong password alike.
            form.password.errors.append(_("The e-mail address or the password is not right."))
        elif user.has_two_factor:
            session[PENDING] = {"user": user.id, "email": user.email, "remember": bool(form.remember.data),
                                "next": safe_next(form.next.data) or "", "at": time.time(),
                                "password": _password_mark(user)}
            return redirect(url_for("auth.two_factor_step"))
        else:
            return _complete_sign_in(user, bool(form.remember.data), form.next.data)
    return render_template("auth/login.html", form=form)


def _password_mark(user: User) -> str:
    """Ties a half-done sign-in to the password it passed: a password reset in between voids it."""
    return hmac.new(current_app.config["SECRET_KEY"].encode(), user.password_hash.encode(), hashlib.sha256).hexdigest()


def _pending_user() -> tuple[dict, User] | None:
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or time.time() - float(pending.get("at", 0)) > PENDING_SECONDS:
        return None
    user = db.session.get(User, int(pending.get("user", 0)))
    if user is None or not user.active or not user.has_two_factor:
        return None
    if not hmac.compare_digest(str(pending.get("password", "")), _password_mark(user)):
        return None
    return pending, user


@blueprint.route("/login/two-factor", methods=["GET", "POST"])
@public
@throttled
def two_factor_step():
    found = _pending_user()
    if found is None:
        session.pop(PENDING, None)
        flash(_("Sign in with your e-mail address and password first."), "info")
        return redirect(url_for("auth.login"))
    pending, user = found
    form = TwoFactorForm()
    if form.validate_on_submit():
        with_recovery_code = two_factor.looks_like_recovery_code(form.code.data)
        if second_factor.check(user, form.code.data):
            return _complete_sign_in(user, pending["remember"], pending["next"], with_recovery_code)
        step_failed("recovery code" if with_recovery_code else "second factor", user)
        form.code.errors.append(_("That code is not right, or it was used already. Enter the code your app "
                                  "shows now, or an unused recovery code."))
    return render_template("auth/two_factor.html", form=form), 422 if form.errors else 200


def _complete_sign_in(user: User, remember: bool, next_url: str, with_recovery_code: bool = False):
    language = services.sign_in_language(user, session.get("lang"))
    session.clear()  # nothing from before sign-in is carried into the signed-in session
    if language:
        session["lang"] = language
    sessions.start(user, request.user_agent.string or "")
    failed, latest = services.failed_steps_since_last_sign_in(user)
    services.signed_in(user, with_recovery_code)
    login_user(user, remember=remember)
    if failed:
        flash(ngettext("%(num)d attempt to sign in to your account failed since you last signed in, the latest on "
                       "%(when)s. If it was not you, tell your organisation's admin.",
                       "%(num)d attempts to sign in to your account failed since you last signed in, the latest on "
                       "%(when)s. If they were not you, tell your organisation's admin.", failed,
                       when=format_datetime(latest, "medium")), "info")
    if with_recovery_code:
        left = second_factor.unused_recovery_codes(user)
        flash(_("You signed in with a recovery code; %(left)d are left. Make new ones on your profile if you "
                "are running short.", left=left), "info")
    if user.password_change_required:
        return redirect(url_for("auth.new_password"))
    if second_factor.needs_enrolment(user, current_app.config["TWO_FACTOR_REQUIRED_ROLES"]):
        flash(_("Your role signs in with a second factor. Set it up now to go on."), "info")
        return redirect(url_for("auth.two_factor_setup"))
    return redirect(safe_next(next_url) or url_for("home.index"))


@blueprint.route("/reauthenticate", methods=["GET", "POST"])
@roles(*ROLES)
@throttled
def reauthenticate():
    require(permissions.can_manage_own_account)
    form = ReauthenticateForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = current_user._get_current_object()
        if user.has_two_factor and not (form.code.data or "").strip():
            form.code.errors.append(_("Enter the code your authenticator app shows, or a recovery code."))
        elif services.confirm_identity(user, form.password.data, form.code.data or ""):
            sessions.reauthenticated(g.user_session)
            return redirect(safe_next(form.next.data) or url_for("auth.profile"))
        else:
            step_failed("re-authentication", user, signed_in_as=user)
            message = (_("The password or the code is not right.") if user.has_two_factor
                       else _("The password is not right."))
            form.password.errors.append(message)
    return render_template("auth/reauthenticate.html", form=form), 422 if form.errors else 200


@blueprint.post("/logout")
@roles(*ROLES)
def logout():
    require(permissions.can_manage_own_account)
    row = g.get("user_session")
    if row is not None:
        sessions.sign_out(row)
    language = session.get("lang")
    session.clear()
    logout_user()  # after clear(): it leaves the note that tells Flask-Login to delete the remember-me cookie
    if language:
        session["lang"] = language
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))
