"""The notifications page; the unread count is in the navigation of every page."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from caseapp.auth.roles import ROLES
from caseapp.loading import load
from caseapp.notifications.models import Notification
from caseapp.notifications import permissions, services
from caseapp.cases.permissions import can_view_case
from caseapp.reports.documents import labels
from caseapp.reports.services import references_of
from caseapp.security import require, roles

blueprint = Blueprint("notifications", __name__, url_prefix="/notifications")


@blueprint.get("")
@roles(*ROLES)
def index():
    require(permissions.can_read_notifications)
    notifications = services.recent(current_user)
    return render_template("notifications/index.html", **listing(notifications))


def listing(notifications: list[Notification]) -> dict:
    """What notifications/_item.html needs to show these notifications to the signed-in user."""
    # A case the reader can no longer open (moved out of reach, made restricted) is not described: its
    # current title could name what they may no longer see.
    hidden = {n.id for n in notifications if n.case is not None and not can_view_case(current_user, n.case)}
    return {"notifications": notifications, "hidden": hidden, "labels": labels(),
            "references": references_of([n.export for n in notifications])}


@blueprint.post("/<int:notification_id>/open")
@roles(*ROLES)
def open_one(notification_id: int):
    notification = load(Notification, notification_id, permissions.can_open_notification)
    services.mark_read(notification)
    if notification.kind == "export_waiting":
        return redirect(url_for("reports.approvals") + f"#export-{notification.export_id}")
    if notification.export_id is not None:
        return redirect(url_for("reports.job", export_id=notification.export_id))
    if notification.case_id is None:  # a lock-out: its entries on the audit log
        return redirect(url_for("admin.audit_log", action="user.lockout"))
    return redirect(url_for("cases.show", case_id=notification.case_id))


@blueprint.post("/read")
@roles(*ROLES)
def read_all():
    require(permissions.can_read_notifications)
    services.mark_all_read(current_user)
    return redirect(url_for("notifications.index"))
