"""Admins answer a person's requests: find them, see what is held, export it (JSON, PDF), erase them.

Every page asks for a recent sign-in, like the other administration pages: a session left
open must not be enough to read everything about a person, or to erase them.
"""
from __future__ import annotations

from flask import Blueprint, Response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from caseapp.auth.roles import ADMIN
from caseapp.errors import ServiceError
from caseapp.i18n import locale_now
from caseapp.privacy import erasure, lookup, mentions, permissions, subject
from caseapp.persons.services import record_viewed
from caseapp.privacy.forms import EraseForm, FindPersonForm
from caseapp.security import recent_login, records_reading, require, roles
from caseapp.loading import load
from caseapp.persons.models import Person

blueprint = Blueprint("privacy", __name__, url_prefix="/admin/persons")


def load_person(person_id: int) -> Person:
    """A person of the admin's organisation, for subject access and erasure; another's does not exist (404)."""
    return load(Person, person_id, permissions.can_handle_person)


@blueprint.route("", methods=["GET", "POST"])
@roles(ADMIN)
@recent_login
def find():
    require(permissions.can_handle_personal_data)
    form = FindPersonForm()
    found = None
    if form.validate_on_submit():
        if form.person_id.data:
            person = lookup.person_of(current_user.organisation_id, form.person_id.data)
            if person is not None:
                return redirect(url_for("privacy.summary", person_id=person.id))
            found = []
        elif (form.name.data or "").strip():
            found = lookup.find_by_exact_name(current_user.organisation_id, form.name.data)
        else:
            form.name.errors.append(_("Give the person's name or number."))
    return render_template("privacy/find.html", form=form, found=found), 422 if form.errors else 200


@blueprint.get("/<int:person_id>")
@roles(ADMIN)
@recent_login
@records_reading
def summary(person_id: int):
    person = load_person(person_id)
    record_viewed([person], current_user)  # the page shows the whole record
    return render_template("privacy/subject.html", person=person, case=person.case,
                           history=subject.history_of(person),
                           exports=subject.exports_of_case(person.organisation_id, person.case_id),
                           mentions=mentions.find_mentions(person), kinds=mentions.KINDS)


def _download(person_id: int, file_format: str) -> Response:
    person = load_person(person_id)
    made = subject.export(person, file_format, current_user, locale_now())
    response = Response(made.content, mimetype=made.mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{made.filename}"'
    return response


@blueprint.get("/<int:person_id>/subject-access.json")
@roles(ADMIN)
@recent_login
@records_reading
def export_json(person_id: int):
    return _download(person_id, "json")


@blueprint.get("/<int:person_id>/subject-access.pdf")
@roles(ADMIN)
@recent_login
@records_reading
def export_pdf(person_id: int):
    return _download(person_id, "pdf")


@blueprint.route("/<int:person_id>/erase", methods=["GET", "POST"])
@roles(ADMIN)
@recent_login
def erase(person_id: int):
    person = load_person(person_id)
    form = EraseForm()
    if form.validate_on_submit():
        if form.confirmation.data.strip() != erasure.CONFIRMATION:
            form.confirmation.errors.append(_("Type %(word)s to confirm.", word=erasure.CONFIRMATION))
        else:
            try:
                erased = erasure.erase_person(person, current_user)
            except ServiceError as error:
                form.form_errors.append(error.translated(_))
            else:
                # Rendered, not redirected: where the person is still mentioned cannot be found again
                # once their name is gone.
                return render_template("privacy/erased.html", erased=erased, kinds=mentions.KINDS)
    return render_template("privacy/erase.html", person=person, case=person.case, form=form,
                           word=erasure.CONFIRMATION), 422 if form.errors else 200
