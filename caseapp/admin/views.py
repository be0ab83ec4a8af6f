"""The users page: an organisation's admin adds colleagues and manages their access."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from caseapp.admin import permissions
from caseapp.admin.forms import NewUserForm, ResetPasswordForm, RoleForm
from caseapp.auth import services
from caseapp.auth.models import User
from caseapp.auth.roles import ADMIN
from caseapp.errors import ServiceError
from caseapp.extensions import db
from caseapp.security import require, roles

blueprint = Blueprint("admin", __name__, url_prefix="/admin")


def _load_user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None or not permissions.can_manage_user(current_user, user):
        abort(404)
    return user


def _render_users(form=None, status=200):
    users = db.session.scalars(
        select(User).where(User.organisation_id == current_user.organisation_id).order_by(User.email)
    ).all()
    return render_template(
        "admin/users.html",
        users=users,
        form=form or NewUserForm(formdata=None),
        role_forms={u.id: RoleForm(formdata=None, role=u.role, prefix=f"u{u.id}") for u in users},
    ), status


@blueprint.get("/users")
@roles(ADMIN)
def users():
    require(permissions.can_manage_users(current_user))
    return _render_users()


@blueprint.post("/users")
@roles(ADMIN)
def create_user():
    require(permissions.can_manage_users(current_user))
    form = NewUserForm()
    if form.validate_on_submit():
        try:
            user = services.create_user(current_user.organisation, form.email.data, form.role.data,
                                        form.password.data, form.full_name.data or "", current_user)
        except ServiceError as error:
            getattr(form, error.field or "email", form.email).errors.append(error.translated(_))
        else:
            db.session.commit()
            flash(_("%(email)s can now sign in.", email=user.email), "success")
            return redirect(url_for("admin.users"))
    return _render_users(form=form, status=422)


@blueprint.post("/users/<int:user_id>/role")
@roles(ADMIN)
def change_role(user_id: int):
    user = _load_user(user_id)
    form = RoleForm(prefix=f"u{user.id}")
    if form.validate_on_submit():
        services.update_user(user, current_user, role=form.role.data)
        db.session.commit()
        flash(_("%(email)s is now: %(role)s.", email=user.email, role=form.role.data), "success")
    else:
        flash(_("Choose one of the listed roles."), "error")
    return redirect(url_for("admin.users"))


@blueprint.post("/users/<int:user_id>/active")
@roles(ADMIN)
def toggle_active(user_id: int):
    user = _load_user(user_id)
    try:
        services.update_user(user, current_user, active=not user.active)
    except ServiceError as error:
        flash(error.translated(_), "error")
        return redirect(url_for("admin.users"))
    db.session.commit()
    if user.active:
        flash(_("%(email)s can sign in again.", email=user.email), "success")
    else:
        flash(_("%(email)s is deactivated; their sessions and API tokens no longer work.", email=user.email),
              "success")
    return redirect(url_for("admin.users"))


@blueprint.route("/users/<int:user_id>/password", methods=["GET", "POST"])
@roles(ADMIN)
def reset_password(user_id: int):
    user = _load_user(user_id)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(user, form.password.data, current_user)
        except ServiceError as error:
            form.password.errors.append(error.translated(_))
        else:
            db.session.commit()
            flash(_("The password of %(email)s is reset; their sessions are signed out.", email=user.email),
                  "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/reset_password.html", user=user, form=form), 422 if form.errors else 200
