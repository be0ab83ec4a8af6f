"""Administration: an organisation's admin manages colleagues' access and the security settings.

Every page here asks for a recent sign-in: a session left open must not be
enough to add a user or weaken anyone's protection.
"""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from caseapp.admin import permissions
from caseapp.admin.forms import ExportApprovalForm, NewUserForm, ResetPasswordForm, RetentionSettingsForm, RoleForm, SecuritySettingsForm
from caseapp.admin.settings import (MIN_ABSOLUTE_MINUTES, MIN_IDLE_MINUTES, update_retention_settings,
                                   update_security_settings)
from caseapp.auth import second_factor, services, two_factor
from caseapp.auth.models import User
from caseapp.auth.roles import ADMIN, ROLE_LABELS
from caseapp.auth.views import resume_sign_in, sign_in_paused_until
from caseapp.errors import ServiceError
from caseapp.extensions import db
from caseapp.privacy.due import MAX_DAYS, MIN_DAYS
from caseapp.reports import approval
from caseapp.security import recent_login, require, roles
from caseapp.loading import load

blueprint = Blueprint("admin", __name__, url_prefix="/admin")
_UNSET = object()


def load_user(user_id: int) -> User:
    """A user of the admin's organisation; another organisation's does not exist (404)."""
    return load(User, user_id, permissions.can_manage_user)


def _render_users(form=None, status=200):
    users = db.session.scalars(
        select(User).where(User.organisation_id == current_user.organisation_id).order_by(User.email)
    ).all()
    server_roles = current_app.config["TWO_FACTOR_REQUIRED_ROLES"]
    return render_template(
        "admin/users.html",
        users=users,
        form=form or NewUserForm(formdata=None),
        role_forms={u.id: RoleForm(formdata=None, role=u.role, prefix=f"u{u.id}") for u in users},
        two_factor_required={u.id: second_factor.required_for(u, server_roles) for u in users},
        paused={u.id: sign_in_paused_until(u) for u in users},
    ), status


@blueprint.get("/users")
@roles(ADMIN)
@recent_login
def users():
    require(permissions.can_manage_users)
    return _render_users()


@blueprint.post("/users")
@roles(ADMIN)
@recent_login
def create_user():
    require(permissions.can_manage_users)
    form = NewUserForm()
    if form.validate_on_submit():
        try:
            user = services.create_user(current_user.organisation, form.email.data, form.role.data,
                                        form.password.data, form.full_name.data or "", current_user)
        except ServiceError as error:
            getattr(form, error.field or "email", form.email).errors.append(error.translated(_))
        else:
            flash(_("%(email)s can now sign in.", email=user.email), "success")
            return redirect(url_for("admin.users"))
    return _render_users(form=form, status=422)


@blueprint.post("/users/<int:user_id>/role")
@roles(ADMIN)
@recent_login
def change_role(user_id: int):
    user = load_user(user_id)
    form = RoleForm(prefix=f"u{user.id}")
    if not form.validate_on_submit():
        flash(_("Choose one of the listed roles."), "error")
        return redirect(url_for("admin.users"))
    try:
        services.update_user(user, current_user, role=form.role.data)
    except ServiceError as error:
        flash(error.translated(_), "error")
        return redirect(url_for("admin.users"))
    flash(_("%(email)s is now: %(role)s.", email=user.email, role=_(ROLE_LABELS[user.role])), "success")
    return redirect(url_for("admin.users"))


@blueprint.post("/users/<int:user_id>/active")
@roles(ADMIN)
@recent_login
def toggle_active(user_id: int):
    user = load_user(user_id)
    try:
        services.update_user(user, current_user, active=not user.active)
    except ServiceError as error:
        flash(error.translated(_), "error")
        return redirect(url_for("admin.users"))
    if user.active:
        flash(_("%(email)s can sign in again.", email=user.email), "success")
    else:
        flash(_("%(email)s is deactivated; their sessions and API tokens no longer work.", email=user.email),
              "success")
    return redirect(url_for("admin.users"))


@blueprint.post("/users/<int:user_id>/unlock")
@roles(ADMIN)
@recent_login
def unlock(user_id: int):
    """Let an account whose sign-in is paused after too many failures sign in again at once."""
    user = load_user(user_id)
    resume_sign_in(user, current_user)
    flash(_("%(email)s can sign in again now.", email=user.email), "success")
    return redirect(url_for("admin.users"))


@blueprint.post("/users/<int:user_id>/two-factor/reset")
@roles(ADMIN)
@recent_login
def reset_two_factor(user_id: int):
    user = load_user(user_id)
    if not user.has_two_factor:
        flash(_("%(email)s has no second factor to reset.", email=user.email), "info")
        return redirect(url_for("admin.users"))
    second_factor.reset(user, current_user)
    flash(_("The second factor of %(email)s is reset; their sessions are signed out. They set up a new one at "
            "their next sign-in.", email=user.email), "success")
    return redirect(url_for("admin.users"))


@blueprint.route("/users/<int:user_id>/password", methods=["GET", "POST"])
@roles(ADMIN)
@recent_login
def reset_password(user_id: int):
    user = load_user(user_id)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(user, form.password.data, current_user)
        except ServiceError as error:
            form.password.errors.append(error.translated(_))
        else:
            flash(_("The password of %(email)s is reset; their sessions are signed out.", email=user.email),
                  "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/reset_password.html", user=user, form=form), 422 if form.errors else 200


@blueprint.route("/organisation", methods=["GET", "POST"])
@roles(ADMIN)
@recent_login
def organisation():
    org = current_user.organisation
    require(permissions.can_change_security_settings, org)
    config = current_app.config
    form = _security_form(org)
    if form.validate_on_submit():
        try:
            update_security_settings(org, two_factor_roles=form.two_factor_roles.data,
                                     idle_minutes=form.idle_timeout_minutes.data,
                                     absolute_minutes=form.absolute_timeout_minutes.data,
                                     server=config, actor=current_user)
        except ServiceError as error:
            getattr(form, error.field, form.idle_timeout_minutes).errors.append(error.translated(_))
        else:
            flash(_("The security settings are saved. New limits apply to every session from now on."),
                  "success")
            return redirect(url_for("admin.organisation"))
    return _render_organisation(org, form, _retention_form(org), 422 if form.errors else 200)


@blueprint.post("/organisation/retention")
@roles(ADMIN)
@recent_login
def retention():
    org = current_user.organisation
    require(permissions.can_change_security_settings, org)
    form = RetentionSettingsForm()
    if form.validate_on_submit():
        try:
            update_retention_settings(org, closed_case_days=form.closed_case_retention_days.data,
                                      person_days=form.person_retention_days.data, actor=current_user)
        except ServiceError as error:
            getattr(form, error.field).errors.append(error.translated(_))
        else:
            flash(_("The retention periods are saved. They apply at the next retention run."), "success")
            return redirect(url_for("admin.organisation") + "#retention")
    return _render_organisation(org, _security_form(org, formdata=None), form, 422)


@blueprint.post("/organisation/exports")
@roles(ADMIN)
@recent_login
def export_approval():
    org = current_user.organisation
    require(permissions.can_change_security_settings, org)
    form = ExportApprovalForm()
    if not form.validate_on_submit():
        return _render_organisation(org, _security_form(org, formdata=None), _retention_form(org), 422,
                                    approval_form=form)
    approval.set_required(org, form.export_approval_required.data, current_user)
    if org.export_approval_required:
        flash(_("Advocates' case reports and dossiers now wait for a coordinator's or admin's approval."),
              "success")
    else:
        flash(_("Advocates export at once again. Exports already waiting still need a decision."), "success")
    return redirect(url_for("admin.organisation") + "#exports")


def _security_form(org, formdata=_UNSET):
    config = current_app.config
    data = {
        "two_factor_roles": list(two_factor.required_roles(config["TWO_FACTOR_REQUIRED_ROLES"], org.two_factor_roles)),
        "idle_timeout_minutes": org.idle_timeout_minutes or config["SESSION_IDLE_TIMEOUT_MINUTES"],
        "absolute_timeout_minutes": org.absolute_timeout_minutes or config["SESSION_ABSOLUTE_TIMEOUT_MINUTES"],
    }
    form = SecuritySettingsForm(data=data) if formdata is _UNSET else SecuritySettingsForm(formdata=None, data=data)
    form.idle_timeout_minutes.description = _("At least %(low)d; the server allows at most %(high)d minutes.",
                                              low=MIN_IDLE_MINUTES, high=config["SESSION_IDLE_TIMEOUT_MINUTES"])
    form.absolute_timeout_minutes.description = _(
        "At least %(low)d; the server allows at most %(high)d minutes.",
        low=MIN_ABSOLUTE_MINUTES, high=config["SESSION_ABSOLUTE_TIMEOUT_MINUTES"])
    return form


def _retention_form(org):
    return RetentionSettingsForm(formdata=None, data={"closed_case_retention_days": org.closed_case_retention_days,
                                                      "person_retention_days": org.person_retention_days})


def _render_organisation(org, form, retention_form, status, approval_form=None):
    retention_form.closed_case_retention_days.description = _(
        "Blank keeps them; else %(low)d to %(high)d days. The case goes with everything recorded in it: its "
        "people, findings and quotes. The sources it cites stay.", low=MIN_DAYS, high=MAX_DAYS)
    retention_form.person_retention_days.description = _(
        "Blank keeps them until their case goes; else %(low)d to %(high)d days. A shorter period than the "
        "cases' removes who the workers, family members, informants and witnesses were, and keeps the case.",
        low=MIN_DAYS, high=MAX_DAYS)
    approval_form = approval_form or ExportApprovalForm(
        formdata=None, data={"export_approval_required": org.export_approval_required})
    return render_template("admin/organisation.html", form=form, org=org, retention_form=retention_form,
                           approval_form=approval_form,
                           server_roles=current_app.config["TWO_FACTOR_REQUIRED_ROLES"]), status
