"""Case pages of the cases area: my cases and the case form (new and edit, with the conflict screen).

The case list and the case page gather several areas: they are in caseapp.pages, on this blueprint.
"""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from caseapp.auth.roles import CASE_CREATORS, CASEWORKER, COORDINATOR
from caseapp.cases import permissions, queries, services
from caseapp.conflicts import conflict_page, snapshot
from caseapp.protection import disclosure
from caseapp.cases.forms import CaseForm, case_to_formdata, form_to_data
from caseapp.cases.models import Case
from caseapp.cases.workflow import VERIFIED
from caseapp.errors import Conflict, ServiceError
from caseapp.loading import load
from caseapp.forms import version_of
from caseapp.security import require, roles
from caseapp.validation import is_whole_number

blueprint = Blueprint("cases", __name__, url_prefix="/cases")


def load_case(case_id: int) -> Case:
    """The case, if this user may see it; to anyone else it does not exist (404). The web's and the API's."""
    return load(Case, case_id, permissions.can_view_case)


@blueprint.get("/mine")
@roles(CASEWORKER, COORDINATOR)
def mine():
    require(permissions.can_list_own_cases)
    return render_template("cases/mine.html", cases=queries.my_cases(current_user))


def _case_form(**kwargs) -> CaseForm:
    assignees = services.assignable_users(current_user.organisation_id) if permissions.can_assign(current_user) \
        else None
    return CaseForm(assignees=assignees, **kwargs)


def _grow_form(form: CaseForm) -> bool:
    """Handle the 'add a row' buttons: True when the form is to be shown again, one row longer."""
    for button, rows in ((form.add_group, form.worker_groups), (form.add_action, form.actions)):
        if button.data:
            rows.append_entry()
            if rows.overflowed:
                form.form_errors.append(_("%(label)s: at most %(max)s.", label=rows.label.text, max=rows.max_entries))
            return True
    return False


def _attach_error(form: CaseForm, error: ServiceError) -> None:
    """Show a service's refusal next to the field it names (nested names like conditions.daily_hours)."""
    field = form
    for part in (error.field or "title").split("."):
        try:
            field = field[int(part)] if is_whole_number(part) else field[part]
        except (KeyError, IndexError, TypeError):
            break
        field = getattr(field, "form", field)
    target = field if hasattr(field, "errors") and isinstance(field.errors, list) else form.title
    target.errors.append(error.translated(_))
    form._errors = None  # WTForms caches form.errors; the summary at the top must see this one too


@blueprint.route("/new", methods=["GET", "POST"])
@roles(*CASE_CREATORS)
def new():
    require(permissions.can_create_case)
    form = _case_form()
    if request.method == "POST" and not _grow_form(form) and form.validate():
        try:
            case = services.create_case(form_to_data(form), current_user)
        except ServiceError as error:
            _attach_error(form, error)
        else:
            flash(_("Case %(reference)s is created.", reference=case.reference), "success")
            return redirect(url_for("cases.show", case_id=case.id))
    return render_template("cases/form.html", form=form, case=None), 422 if form.errors else 200


@blueprint.route("/<int:case_id>/edit", methods=["GET", "POST"])
@roles(*CASE_CREATORS)
def edit(case_id: int):
    case = load_case(case_id)
    if permissions.edit_waits_on_status(current_user, case):
        return _not_now(case)
    require(permissions.can_edit_case, case)
    if request.method == "GET" and case.status == VERIFIED and request.args.get("confirmed") != "1":
        return render_template("cases/edit_verified.html", case=case)
    if request.method == "GET":
        form = _case_form(data=case_to_formdata(case))
        disclosure.protect_form(form, _texts(case))
        form.base.data = snapshot(form)
        return render_template("cases/form.html", form=form, case=case)
    form = _case_form()
    if _grow_form(form) or not form.validate() or not disclosure.keep_hidden_text(form, _texts(case)):
        disclosure.protect_fields(form)
        return render_template("cases/form.html", form=form, case=case), 422 if form.errors else 200
    was_verified = case.status == VERIFIED
    try:
        services.update_case(case, form_to_data(form), current_user, version_of(form))
    except Conflict as conflict:
        return _conflict(form, conflict.current)
    except ServiceError as error:
        _attach_error(form, error)
        return render_template("cases/form.html", form=form, case=case), 422
    if was_verified and case.status != VERIFIED:
        flash(_("Case %(reference)s is saved and back in review: verify it again when the change is checked.",
                reference=case.reference), "success")
    else:
        flash(_("Case %(reference)s is saved.", reference=case.reference), "success")
    return redirect(url_for("cases.show", case_id=case.id))


def _not_now(case):
    """A 403 that names the case's status as the reason, and when it can be edited again."""
    require(permissions.can_view_case, case)
    return render_template("cases/not_editable.html", case=case), 403


def _texts(case) -> dict[str, str]:
    """The case's own text fields: what may name people of other cases, hidden from this reader."""
    return {key: getattr(case, key) for key in ("title", "summary", "region", "worksite")}


def _conflict(form: CaseForm, current):
    """Someone saved first: show both versions, keep everything this user typed."""
    return conflict_page(
        form, current, _case_form(formdata=None, data=case_to_formdata(current)),
        heading=_("Someone saved this case while you were editing it"),
        crumbs=[(_("Cases"), url_for("cases.index")), (current.reference, url_for("cases.show", case_id=current.id))],
        fields="cases/_form_fields.html", action=url_for("cases.edit", case_id=current.id),
        keep_theirs=url_for("cases.show", case_id=current.id), case=current)
