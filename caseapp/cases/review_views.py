"""Review on the case page and the review queue: status changes, assignment, comments, deleting drafts."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from caseapp.auth.roles import ADMIN, CASE_CREATORS, COORDINATOR
from caseapp.cases import permissions, queries, review, workflow
from caseapp.cases.models import Case
from caseapp.cases.views import blueprint, load_case
from caseapp.loading import load
from caseapp.errors import ServiceError
from caseapp.security import require, roles
from caseapp.validation import optional_whole_number


def _back(case_id: int, anchor: str = ""):
    return redirect(url_for("cases.show", case_id=case_id) + anchor)


@blueprint.post("/<int:case_id>/transitions")
@roles(*CASE_CREATORS)
def move(case_id: int):
    case = load_case(case_id)
    target = request.form.get("to", "")
    if target not in workflow.MOVES:
        flash(_("Choose one of: %(choices)s.", choices=", ".join(workflow.MOVES)), "error")
        return _back(case.id, "#review")
    require(permissions.can_move_case, case, target)
    try:
        review.transition(case, target, request.form.get("comment"), current_user)
    except review.InvalidTransition as refused:
        flash(_("This case is now %(status)s and cannot make that move; the page shows what it can do.",
                status=_(workflow.STATUSES[refused.current])), "error")
        return _back(case.id), 409
    except ServiceError as error:
        flash(error.translated(_), "error")
        return _back(case.id, "#review")
    flash(_("The case is now: %(status)s.", status=_(workflow.STATUSES[case.status])), "success")
    return _back(case.id)


@blueprint.post("/<int:case_id>/assign")
@roles(COORDINATOR)
def assign(case_id: int):
    case = load_case(case_id)
    require(permissions.can_assign, case)
    raw = request.form.get("assignee_id", "")
    try:
        review.assign(case, optional_whole_number(raw, "assignee_id"), current_user)
    except ServiceError as error:
        flash(error.translated(_), "error")
        return _back(case.id, "#review")
    flash(_("The case is assigned to %(name)s.", name=case.assignee.display_name), "success")
    return _back(case.id)


@blueprint.post("/<int:case_id>/comments")
@roles(*CASE_CREATORS)
def comment(case_id: int):
    case = load_case(case_id)
    require(permissions.can_comment, case)
    try:
        review.add_comment(case, request.form.get("body"), current_user)
    except ServiceError as error:
        flash(error.translated(_), "error")
        return _back(case.id, "#comments")
    return _back(case.id, "#comments")


@blueprint.route("/<int:case_id>/delete", methods=["GET", "POST"])
@roles(*CASE_CREATORS)
def delete(case_id: int):
    """Asks first (a page, so it works without JavaScript); its form posts the deletion to the bin."""
    case = load_case(case_id)
    require(permissions.can_delete_case, case)
    if request.method == "GET":
        return render_template("cases/delete.html", case=case, bin_days=current_app.config["BIN_DAYS"])
    review.delete_draft(case, current_user)
    flash(_("The draft %(reference)s is in the bin. A coordinator can restore it within %(days)s days.",
            reference=case.reference, days=current_app.config["BIN_DAYS"]), "success")
    return redirect(url_for("cases.index"))


@blueprint.get("/bin", endpoint="bin")
@roles(COORDINATOR, ADMIN)
def bin_page():
    require(permissions.can_open_bin)
    days = current_app.config["BIN_DAYS"]
    return render_template("cases/bin.html", cases=queries.binned_cases(current_user), bin_days=days,
                           purge_after=timedelta(days=days))


@blueprint.post("/<int:case_id>/restore")
@roles(COORDINATOR, ADMIN)
def restore(case_id: int):
    case = load(Case, case_id, permissions.can_restore_case)
    review.restore(case, current_user)
    flash(_("%(reference)s is restored from the bin.", reference=case.reference), "success")
    return redirect(url_for("cases.show", case_id=case.id))


@blueprint.get("/review")
@roles(COORDINATOR)
def queue():
    require(permissions.can_review_cases)
    return render_template("cases/review.html", cases=queries.review_queue(current_user))
