"""Case pages: the list, the case form (new and edit, with the conflict screen) and the case page."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from caseapp.audit.services import case_history
from caseapp.auth.roles import CASE_CREATORS, CASE_READERS, CASEWORKER, COORDINATOR
from caseapp.cases import permissions, review, search, services
from caseapp.cases.filters import CaseFilters, parse_filters
from caseapp.cases.compare import compare_cases
from caseapp.cases.forms import CaseForm, case_to_formdata, form_to_data
from caseapp.errors import Conflict, NotFound, ServiceError
from caseapp.extensions import db
from caseapp.pagination import parse_limit
from caseapp.parties import services as parties
from caseapp.parties.forms import LinkPartyForm
from caseapp.persons import services as persons
from caseapp.reports import permissions as report_permissions
from caseapp.security import records_reading, require, roles
from caseapp.sources import evidence
from caseapp.sources import permissions as source_permissions
from caseapp.sources import services as source_services
from caseapp.validation import is_whole_number

blueprint = Blueprint("cases", __name__, url_prefix="/cases")


def load_case(case_id: int):
    """The case, if this user may see it; to anyone else it does not exist (404)."""
    try:
        case = services.find_case(case_id)
    except NotFound:
        abort(404)
    require(permissions.can_view_case, case, hide=True)
    return case


@blueprint.get("")
@roles(*CASE_READERS)
def index():
    require(permissions.can_list_cases)
    try:
        filters = parse_filters(request.args)
        page = search.list_cases(current_user, filters, request.args.get("cursor"),
                                 parse_limit(request.args.get("limit")))
    except ServiceError as error:
        label = _filter_labels().get(error.field or "")
        flash(f"{label}: {error.translated(_)}" if label else error.translated(_), "error")
        return render_template("cases/index.html", page=None, filters=CaseFilters(), form_values=request.args,
                               **_list_choices()), 422
    return render_template("cases/index.html", page=page, filters=filters, form_values=request.args,
                           **_list_choices())


def _filter_labels() -> dict[str, str]:
    """The case list's filters as its form names them, so a refused value's message says which one."""
    return {"q": _("Words in the title, summary or party names"), "status": _("Status"), "country": _("Country"),
            "sector": _("Sector"), "party_id": _("Party"), "assignee_id": _("Assigned to"),
            "period_from": _("Period from"), "period_to": _("Period to"), "sort": _("Order"),
            "limit": _("Cases per page"), "cursor": _("Page")}


def _list_choices() -> dict:
    return {
        "can_create": permissions.can_create_case(current_user),
        "assignees": services.assignable_users(current_user.organisation_id),
        "parties": parties.parties_for_linking(current_user),
    }


@blueprint.get("/mine")
@roles(CASEWORKER, COORDINATOR)
def mine():
    require(permissions.can_list_own_cases)
    return render_template("cases/mine.html", cases=search.my_cases(current_user))


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
            db.session.commit()
            flash(_("Case %(reference)s is created.", reference=case.reference), "success")
            return redirect(url_for("cases.show", case_id=case.id))
    return render_template("cases/form.html", form=form, case=None), 422 if form.errors else 200


@blueprint.route("/<int:case_id>/edit", methods=["GET", "POST"])
@roles(*CASE_CREATORS)
def edit(case_id: int):
    case = load_case(case_id)
    require(permissions.can_edit_case, case)
    if request.method == "GET":
        form = _case_form(data=case_to_formdata(case))
        return render_template("cases/form.html", form=form, case=case)
    form = _case_form()
    if _grow_form(form) or not form.validate():
        return render_template("cases/form.html", form=form, case=case), 422 if form.errors else 200
    if not is_whole_number(form.version.data or ""):
        abort(400)
    try:
        services.update_case(case, form_to_data(form), current_user, int(form.version.data))
    except Conflict as conflict:
        return _conflict(form, conflict.current)
    except ServiceError as error:
        _attach_error(form, error)
        return render_template("cases/form.html", form=form, case=case), 422
    db.session.commit()
    flash(_("Case %(reference)s is saved.", reference=case.reference), "success")
    return redirect(url_for("cases.show", case_id=case.id))


def _conflict(form: CaseForm, current):
    """Someone saved first: show both versions, keep everything this user typed."""
    differences = compare_cases(form_to_data(form), current)
    form.version.data = str(current.version)  # saving again now deliberately replaces theirs
    return render_template("cases/conflict.html", form=form, case=current, differences=differences), 409


@blueprint.get("/<int:case_id>")
@roles(*CASE_READERS)
@records_reading
def show(case_id: int):
    case = load_case(case_id)
    can_edit = permissions.can_edit_case(current_user, case)
    people = persons.persons_of_case(case, current_user) if permissions.can_view_persons(current_user, case) else None
    if people:
        persons.record_viewed(people, current_user)  # the page shows their names
        db.session.commit()
    link_form = LinkPartyForm(parties.parties_for_linking(current_user), party_id=request.args.get("party_id")) \
        if can_edit else None
    return render_template(
        "cases/show.html", case=case, history=case_history(case), links=parties.links_of_case(case),
        persons=people, can_edit=can_edit, can_edit_persons=permissions.can_edit_persons(current_user, case),
        link_form=link_form, comments=review.comments_of(case), moves=permissions.moves_for(current_user, case),
        can_comment=permissions.can_comment(current_user, case),
        can_delete=permissions.can_delete_case(current_user, case),
        assignees=services.assignable_users(case.organisation_id)
        if permissions.can_assign(current_user, case) else None,
        sources=source_services.sources_of_case(case), excerpts=evidence.excerpts_of_case(case),
        facts=evidence.facts_of_case(case), can_retain=source_permissions.can_retain_values(current_user) and can_edit,
        can_report=report_permissions.can_export_case(current_user, case, report_permissions.ADVOCATE_PROFILE),
    )
