"""The profile: password, second factor and recovery codes, open sessions, API tokens.

Everything here changes how the account is protected, so it asks for a
recent sign-in (`recent_login`).
"""
from __future__ import annotations

from flask import current_app, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from caseapp.auth import permissions, second_factor, services, sessions, two_factor
from caseapp.auth.forms import ChangePasswordForm, EnrolForm, TokenForm
from caseapp.auth.models import ApiToken
from caseapp.auth.qr import qr_data_uri
from caseapp.auth.roles import ROLES
from caseapp.auth.views import blueprint, step_failed, throttled
from caseapp.errors import ServiceError
from caseapp.loading import load
from caseapp.security import recent_login, require, roles



def _server_roles() -> tuple[str, ...]:
    return current_app.config["TWO_FACTOR_REQUIRED_ROLES"]


@blueprint.get("/profile")
@roles(*ROLES)
@recent_login
def profile():
    require(permissions.can_manage_own_account)
    return _render_profile()


def _render_profile(password_form=None, token_form=None, new_token=None, status=200):
    user = current_user._get_current_object()
    return render_template(
        "auth/profile.html",
        password_form=password_form or ChangePasswordForm(formdata=None),
        token_form=token_form or TokenForm(formdata=None),
        new_token=new_token,
        tokens=user.tokens,
        two_factor_required=second_factor.required_for(user, _server_roles()),
        recovery_codes_left=second_factor.unused_recovery_codes(user),
        open_sessions=sessions.open_sessions(user, current_app.config),
        this_session=g.get("user_session"),
    ), status


@blueprint.post("/profile/password")
@roles(*ROLES)
@recent_login
@throttled  # a wrong current password counts like a failed sign-in
def change_password():
    require(permissions.can_manage_own_account)
    form = ChangePasswordForm()
    if _changed_password(form):
        flash(_("Your password has been changed. Other sessions are signed out."), "success")
        return redirect(url_for("auth.profile"))
    return _render_profile(password_form=form, status=422)


@blueprint.route("/profile/new-password", methods=["GET", "POST"])
@roles(*ROLES)
@throttled
def new_password():
    """The first thing after signing in with a password an admin chose: replace it."""
    require(permissions.can_manage_own_account)
    if not current_user.password_change_required:
        return redirect(url_for("auth.profile"))
    form = ChangePasswordForm()
    if _changed_password(form):
        flash(_("Your new password is saved. Only you know it now."), "success")
        return redirect(url_for("home.index"))
    return render_template("auth/new_password.html", form=form), 422 if form.errors else 200


def _changed_password(form: ChangePasswordForm) -> bool:
    if not form.validate_on_submit():
        return False
    user = current_user._get_current_object()
    try:
        services.change_password(user, form.current_password.data, form.new_password.data)
    except ServiceError as error:
        if error.field == "current_password":
            step_failed("password change", user, signed_in_as=user)
        getattr(form, error.field or "new_password", form.new_password).errors.append(error.translated(_))
        return False
    # Every session has ended, this one too; this browser continues in a new one.
    sessions.start(user, g.user_session.user_agent)
    login_user(user)
    return True


@blueprint.post("/profile/sessions/end-others")
@roles(*ROLES)
@recent_login
def end_other_sessions():
    require(permissions.can_manage_own_account)
    sessions.end_others(current_user._get_current_object(), g.user_session)
    flash(_("Your other sessions are signed out."), "success")
    return redirect(url_for("auth.profile"))


@blueprint.route("/profile/two-factor", methods=["GET", "POST"])
@roles(*ROLES)
@recent_login
def two_factor_setup():
    require(permissions.can_manage_own_account)
    user = current_user._get_current_object()
    if user.has_two_factor:
        return redirect(url_for("auth.profile"))
    secret = second_factor.pending_secret(user)
    form = EnrolForm()
    if form.validate_on_submit():
        try:
            codes = second_factor.enrol(user, form.code.data)
        except ServiceError as error:
            form.code.errors.append(error.translated(_))
        else:
            return _show_recovery_codes(codes)
    uri = two_factor.provisioning_uri(secret, user.email)
    return render_template(
        "auth/two_factor_setup.html", form=form, secret=secret, qr=qr_data_uri(uri),
        required=second_factor.required_for(user, _server_roles()),
    ), 422 if form.errors else 200


def _show_recovery_codes(codes: list[str]):
    # Shown once, in the answer to the post that made them: never stored, not even in the cookie.
    return render_template("auth/recovery_codes.html", codes=codes)


@blueprint.post("/profile/recovery-codes")
@roles(*ROLES)
@recent_login
def renew_recovery_codes():
    require(permissions.can_manage_own_account)
    user = current_user._get_current_object()
    if not user.has_two_factor:
        return redirect(url_for("auth.two_factor_setup"))
    codes = second_factor.regenerate_recovery_codes(user)
    return _show_recovery_codes(codes)


@blueprint.post("/profile/two-factor/disable")
@roles(*ROLES)
@recent_login
def disable_two_factor():
    require(permissions.can_manage_own_account)
    try:
        second_factor.disable(current_user._get_current_object(), _server_roles())
    except ServiceError as error:
        flash(error.translated(_), "error")
        return redirect(url_for("auth.profile"))
    flash(_("Two-factor sign-in is off."), "success")
    return redirect(url_for("auth.profile"))


@blueprint.post("/profile/tokens")
@roles(*ROLES)
@recent_login
@throttled  # it checks the password: wrong ones count like failed sign-ins
def create_token():
    require(permissions.can_manage_own_account)
    form = TokenForm()
    if not form.validate_on_submit():
        return _render_profile(token_form=form, status=422)
    if not services.check_password(current_user._get_current_object(), form.password.data):
        step_failed("API token", current_user._get_current_object(), signed_in_as=current_user._get_current_object())
        form.password.errors.append(_("The password is not right."))
        return _render_profile(token_form=form, status=422)
    try:
        new = services.create_token(current_user, form.label.data, current_user, _server_roles())
    except ServiceError as error:
        form.label.errors.append(error.translated(_))
        return _render_profile(token_form=form, status=422)
    return _render_profile(new_token=new.secret)


@blueprint.post("/profile/tokens/<int:token_id>/revoke")
@roles(*ROLES)
@recent_login
def revoke_token(token_id: int):
    token = load(ApiToken, token_id, permissions.can_revoke_token)  # another user's token is simply not found
    services.revoke_token(token, current_user)
    flash(_("The token %(label)s is revoked.", label=token.label), "success")
    return redirect(url_for("auth.profile"))
