"""People of a case: add, view, edit, remove. Only for those with need-to-know."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from caseapp.auth.roles import ROLES
from caseapp.cases.views import load_case
from caseapp.conflicts import conflict_page, snapshot
from caseapp.errors import Conflict, ServiceError
from caseapp.persons import permissions, services
from caseapp.persons.forms import PersonForm, person_to_formdata
from caseapp.forms import version_of
from caseapp.security import records_reading, require, roles
from caseapp.loading import load
from caseapp.transaction import keep_now, refused
from caseapp.persons.models import Person

blueprint = Blueprint("persons", __name__)


def load_person(person_id: int) -> Person:
    """The person, for whoever has need-to-know; to anyone else (advocates included) there is no such person."""
    return load(Person, person_id, permissions.can_view_person)


@blueprint.route("/cases/<int:case_id>/persons/new", methods=["GET", "POST"])
@roles(*ROLES)
def new(case_id: int):
    case = load_case(case_id)
    require(permissions.can_view_persons, case, hide=True)
    require(permissions.can_edit_persons, case)
    form = PersonForm()
    if form.validate_on_submit():
        try:
            person = services.create_person(case, form.to_data(), current_user)
        except ServiceError as error:
            getattr(form, error.field or "name").errors.append(error.translated(_))
        else:
            flash(_("The person is added to the case."), "success")
            return redirect(url_for("persons.show", person_id=person.id))
    return render_template("persons/form.html", form=form, case=case, person=None), 422 if form.errors else 200


@blueprint.get("/persons/<int:person_id>")
@roles(*ROLES)
@records_reading
def show(person_id: int):
    person = load_person(person_id)
    services.record_viewed([person], current_user)
    return render_template("persons/show.html", person=person, case=person.case,
                           can_edit=permissions.can_edit_persons(current_user, person.case))


@blueprint.route("/persons/<int:person_id>/edit", methods=["GET", "POST"])
@roles(*ROLES)
@records_reading
def edit(person_id: int):
    person = load_person(person_id)
    require(permissions.can_edit_person, person)
    if request.method == "GET":  # the form shows the record
        services.record_viewed([person], current_user)
    if request.method == "GET":
        form = PersonForm(data=person_to_formdata(person))
        form.base.data = snapshot(form)
    else:
        form = PersonForm()
    if form.validate_on_submit():
        try:
            services.update_person(person, form.to_data(), current_user, version_of(form))
        except Conflict as conflict:
            services.record_viewed([conflict.current], current_user)  # their version is shown beside yours
            keep_now()  # the 409 keeps no change, but this read stays on the log
            current = conflict.current
            return conflict_page(
                form, current, PersonForm(formdata=None, data=person_to_formdata(current)),
                heading=_("Someone saved this person's record while you were editing it"),
                crumbs=[(_("Cases"), url_for("cases.index")),
                        (person.case.reference, url_for("cases.show", case_id=person.case_id) + "#persons")],
                fields="persons/_form_fields.html", action=url_for("persons.edit", person_id=current.id),
                keep_theirs=url_for("persons.show", person_id=current.id), person=current, case=person.case)
        except ServiceError as error:
            getattr(form, error.field or "name").errors.append(error.translated(_))
        else:
            flash(_("The person's record is saved."), "success")
            return redirect(url_for("persons.show", person_id=person.id))
    return render_template("persons/form.html", form=form, case=person.case, person=person), \
        422 if form.errors else 200


@blueprint.post("/persons/<int:person_id>/delete")
@roles(*ROLES)
def delete(person_id: int):
    person = load_person(person_id)
    require(permissions.can_edit_person, person)
    case_id = person.case_id
    try:
        services.delete_person(person, current_user)
    except ServiceError as error:
        flash(refused(error), "error")
        return redirect(url_for("persons.show", person_id=person.id))
    flash(_("The person is removed from the case."), "success")
    return redirect(url_for("cases.show", case_id=case_id) + "#persons")
