"""The audit log page: an admin reads the organisation's log and sees whether the whole chain holds."""
from __future__ import annotations

from flask import flash, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select

from caseapp.admin import permissions
from caseapp.admin.audit_filters import AuditFilters, parse_audit_filters
from caseapp.admin.views import blueprint
from caseapp.audit import log, verification
from caseapp.audit.labels import ACTIONS, SHOWN_VALUES
from caseapp.auth.roles import ADMIN
from caseapp.auth.models import User
from caseapp.cases.models import Case
from caseapp.errors import N_, ServiceError
from caseapp.extensions import db
from caseapp.pagination import parse_limit
from caseapp.security import recent_login, require, roles
from caseapp.validation import is_whole_number
from caseapp.transaction import undo


@blueprint.get("/audit")
@roles(ADMIN)
@recent_login
def audit_log():
    require(permissions.can_view_audit_log)
    organisation_id = current_user.organisation_id
    try:
        filters = parse_audit_filters(request.args)
        query = log.LogQuery(filters.action, filters.actor, filters.object_type,
                             _case_id(organisation_id, filters.case), filters.since, filters.before)
        page = log.organisation_log(organisation_id, query, request.args.get("cursor"),
                                    parse_limit(request.args.get("limit")))
        status = 200
    except ServiceError as error:
        flash(error.translated(_), "error")
        filters, page, status = AuditFilters(), None, 422
    except (ValueError, TypeError):
        # A stored date or JSON overwritten with something unreadable: the check below names the entry. The
        # failed read left the transaction unusable for the rest of the page.
        undo()
        flash(_("Some entries cannot be read: they were overwritten outside caseapp."), "error")
        page, status = None, 200
    return render_template(
        "admin/audit_log.html", page=page, filters=filters, form_values=request.args,
        references=_references(organisation_id, page.items if page else []),
        accounts=_accounts(organisation_id, page.items if page else []),
        check=_check(full=request.args.get("check") == "full"),
        actions=sorted(ACTIONS.items(), key=lambda item: _(item[1])), actors=log.actors_of(organisation_id),
        object_types=log.object_types_of(organisation_id), shown_values=SHOWN_VALUES), status


def _case_id(organisation_id: int, given: str | None) -> int | None:
    """The id of the organisation's case with this reference (or number); never another organisation's."""
    if not given:
        return None
    match = or_(Case.reference == given.upper(), Case.id == int(given)) if is_whole_number(given) \
        else Case.reference == given.upper()
    found = db.session.scalar(select(Case.id).where(Case.organisation_id == organisation_id, match).limit(1))
    if found is None:
        raise ServiceError(N_("There is no case %(case)s in your organisation."), "case", case=given)
    return found


def _references(organisation_id: int, entries) -> dict[int, str]:
    ids = {entry.case_id for entry in entries if entry.case_id is not None}
    if not ids:
        return {}
    rows = db.session.execute(select(Case.id, Case.reference).where(Case.organisation_id == organisation_id,
                                                                     Case.id.in_(ids)))
    return {row.id: row.reference for row in rows}


def _accounts(organisation_id: int, entries) -> dict[int, str]:
    """The e-mail addresses of the organisation's users the entries are about (a failed sign-in, a lock-out)."""
    ids = {entry.object_id for entry in entries if entry.object_type == "users" and entry.object_id is not None}
    if not ids:
        return {}
    rows = db.session.execute(select(User.id, User.email).where(User.organisation_id == organisation_id,
                                                                User.id.in_(ids)))
    return {row.id: row.email for row in rows}


def _check(full: bool) -> dict:
    """The whole chain's state, told without anything of another organisation: intact, or where it breaks.

    By default only the entries since the anchor are read, so the page stays quick however long the
    log; `?check=full` re-reads every entry.
    """
    try:
        check = verification.verify_chain() if full else verification.verify_since_anchor()
    except verification.AnchorUnreadable:
        return {"state": "unreadable"}
    if check.intact:
        return {"state": "intact", "count": check.count, "head_id": check.head_id, "head_hmac": check.head_hmac,
                "anchor": check.anchor, "full": check.full}
    return {"state": "broken", "entry_id": check.broken.entry_id, "reason": check.reason}
