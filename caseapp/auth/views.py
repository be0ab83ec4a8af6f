"""Sign in, sign out, and the profile page (password and API tokens)."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from caseapp.auth import services
from caseapp.auth.forms import ChangePasswordForm, LoginForm, TokenForm
from caseapp.auth.models import ApiToken
from caseapp.auth.redirects import safe_next
from caseapp.auth.roles import ROLES
from caseapp.errors import ServiceError
from caseapp.extensions import db, limiter
from caseapp.security import public, roles

blueprint = Blueprint("auth", __name__)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@blueprint.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(_login_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user, remember=form.remember.data)
            db.session.commit()
            return redirect(safe_next(form.next.data) or url_for("main.index"))
        # One message for an unknown e-mail and a wrong password alike.
        form.password.errors.append(_("The e-mail address or the password is not right."))
    return render_template("auth/login.html", form=form)


@blueprint.post("/logout")
@roles(*ROLES)
def logout():
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))


@blueprint.get("/profile")
@roles(*ROLES)
def profile():
    return _render_profile()


def _render_profile(password_form=None, token_form=None, new_token=None, status=200):
    return render_template(
        "auth/profile.html",
        password_form=password_form or ChangePasswordForm(formdata=None),
        token_form=token_form or TokenForm(formdata=None),
        new_token=new_token,
        tokens=current_user.tokens,
    ), status


@blueprint.post("/profile/password")
@roles(*ROLES)
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current_password.data, form.new_password.data)
        except ServiceError as error:
            getattr(form, error.field or "new_password", form.new_password).errors.append(error.translated(_))
        else:
            db.session.commit()
            login_user(current_user._get_current_object())  # the new session version
            flash(_("Your password has been changed. Other sessions are signed out."), "success")
            return redirect(url_for("auth.profile"))
    return _render_profile(password_form=form, status=422)


@blueprint.post("/profile/tokens")
@roles(*ROLES)
def create_token():
    form = TokenForm()
    if not form.validate_on_submit():
        return _render_profile(token_form=form, status=422)
    new = services.create_token(current_user, form.label.data, current_user)
    db.session.commit()
    return _render_profile(new_token=new.secret)


@blueprint.post("/profile/tokens/<int:token_id>/revoke")
@roles(*ROLES)
def revoke_token(token_id: int):
    # CSRFProtect has checked the token; another user's API token is simply not found.
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != current_user.id:
        abort(404)
    services.revoke_token(token, current_user)
    db.session.commit()
    flash(_("The token %(label)s is revoked.", label=token.label), "success")
    return redirect(url_for("auth.profile"))
