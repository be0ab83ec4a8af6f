"""Party pages: the list, a party with every case it appears in, the party form; links to cases."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from caseapp.auth.roles import CASE_CREATORS, CASE_READERS
from caseapp.cases.views import load_case
from caseapp.conflicts import conflict_page, snapshot
from caseapp.protection import disclosure
from caseapp.errors import Conflict, NotFound, ServiceError
from caseapp.pagination import parse_limit
from caseapp.parties import permissions, services
from caseapp.parties.forms import LinkPartyForm, PartyForm, party_to_formdata
from caseapp.forms import version_of
from caseapp.security import require, roles
from caseapp.validation import is_whole_number
from caseapp.loading import load
from caseapp.parties.models import Party

blueprint = Blueprint("parties", __name__)


def load_party(party_id: int) -> Party:
    """The party, if it is this user's organisation's; to anyone else it does not exist (404)."""
    return load(Party, party_id, permissions.can_view_party)


@blueprint.get("/parties")
@roles(*CASE_READERS)
def index():
    require(permissions.can_view_parties)
    q = request.args.get("q", "").strip()
    try:
        page = services.list_parties(current_user, q, request.args.get("cursor"),
                                     parse_limit(request.args.get("limit")))
    except ServiceError as error:
        flash(error.translated(_), "error")
        return redirect(url_for("parties.index"))
    return render_template("parties/index.html", page=page, q=q,
                           can_edit=permissions.can_edit_parties(current_user))


@blueprint.get("/parties/<int:party_id>")
@roles(*CASE_READERS)
def show(party_id: int):
    party = load_party(party_id)
    return render_template("parties/show.html", party=party, cases=services.cases_of_party(party, current_user),
                           can_edit=permissions.can_edit_party(current_user, party))


@blueprint.route("/parties/new", methods=["GET", "POST"])
@roles(*CASE_CREATORS)
def new():
    require(permissions.can_edit_parties)
    form = PartyForm(case_id=request.args.get("case_id", ""))
    similar = []
    if form.validate_on_submit():
        similar = [] if form.confirm_new.data else services.find_similar(current_user.organisation_id,
                                                                         form.name.data)
        if not similar:
            try:
                created = services.create_party(form.to_data(), current_user)
            except ServiceError as error:
                getattr(form, error.field or "name").errors.append(error.translated(_))
            else:
                flash(_("%(name)s is added.", name=created.party.name), "success")
                return _after_choosing(form, created.party.id)
        form.confirm_new.data = "1"  # shown the look-alikes once; the next submit creates the party
    status = 200 if request.method == "GET" else (422 if form.errors else 200)
    return render_template("parties/form.html", form=form, party=None, similar=similar), status


def _after_choosing(form: PartyForm, party_id: int):
    """Back to the case the user came from, with the party chosen for linking; else to the party."""
    if is_whole_number(form.case_id.data):
        return redirect(url_for("cases.show", case_id=int(form.case_id.data), party_id=party_id) + "#parties")
    return redirect(url_for("parties.show", party_id=party_id))


@blueprint.route("/parties/<int:party_id>/edit", methods=["GET", "POST"])
@roles(*CASE_CREATORS)
def edit(party_id: int):
    party = load_party(party_id)
    require(permissions.can_edit_party, party)
    stored = _texts(party)
    if request.method == "GET":
        form = PartyForm(data=party_to_formdata(party))
        disclosure.protect_form(form, stored)
        form.base.data = snapshot(form)
    else:
        form = PartyForm()
    if form.validate_on_submit() and disclosure.keep_hidden_text(form, stored):
        try:
            services.update_party(party, form.to_data(), current_user, version_of(form))
        except Conflict as conflict:
            current = conflict.current
            return conflict_page(
                form, current, PartyForm(formdata=None, data=party_to_formdata(current)),
                heading=_("Someone saved this party while you were editing it"),
                crumbs=[(_("Parties"), url_for("parties.index")),
                        (current.name, url_for("parties.show", party_id=current.id))],
                fields="parties/_form_fields.html", action=url_for("parties.edit", party_id=current.id),
                keep_theirs=url_for("parties.show", party_id=current.id), party=current)
        except ServiceError as error:
            getattr(form, error.field or "name").errors.append(error.translated(_))
        else:
            flash(_("%(name)s is saved.", name=party.name), "success")
            return redirect(url_for("parties.show", party_id=party.id))
    disclosure.protect_fields(form)
    return render_template("parties/form.html", form=form, party=party, similar=[]), 422 if form.errors else 200


@blueprint.post("/cases/<int:case_id>/parties")
@roles(*CASE_CREATORS)
def link(case_id: int):
    case = load_case(case_id)
    require(permissions.can_link_parties, case)
    form = LinkPartyForm(services.party_choice(current_user, request.form.get("party_id")))
    if form.validate_on_submit():
        try:
            services.link_party(case, int(form.party_id.data), form.role.data, form.note.data, current_user)
        except ServiceError as error:
            flash(error.translated(_), "error")
        else:
            flash(_("The party is linked to the case."), "success")
    else:
        flash(_("Choose a party and its role."), "error")
    return redirect(url_for("cases.show", case_id=case.id) + "#parties")


@blueprint.post("/cases/<int:case_id>/parties/<int:link_id>/delete")
@roles(*CASE_CREATORS)
def unlink(case_id: int, link_id: int):
    case = load_case(case_id)
    require(permissions.can_link_parties, case)
    try:
        link = services.get_link(case, link_id)
    except NotFound:
        abort(404)
    services.unlink_party(link, current_user)
    flash(_("The party is no longer linked to the case."), "success")
    return redirect(url_for("cases.show", case_id=case.id) + "#parties")


def _texts(party) -> dict[str, str]:
    """The party's free text as its form holds it: what may name people a reader may not see."""
    data = party_to_formdata(party)
    return {key: data[key] for key in ("name", "registration_number", "aliases", "note")}
