"""The notifications page; the unread count is in the navigation of every page."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_login import current_user

from caseapp.auth.roles import ROLES
from caseapp.extensions import db
from caseapp.notifications import services
from caseapp.security import roles

blueprint = Blueprint("notifications", __name__, url_prefix="/notifications")


@blueprint.get("")
@roles(*ROLES)
def index():
    return render_template("notifications/index.html", notifications=services.recent(current_user))


@blueprint.post("/<int:notification_id>/open")
@roles(*ROLES)
def open_one(notification_id: int):
    notification = services.get_own(notification_id, current_user)
    if notification is None:
        abort(404)
    services.mark_read(notification)
    db.session.commit()
    return redirect(url_for("cases.show", case_id=notification.case_id))


@blueprint.post("/read")
@roles(*ROLES)
def read_all():
    services.mark_all_read(current_user)
    db.session.commit()
    return redirect(url_for("notifications.index"))
