"""The case list (with its filters) and the case page (its parties, people, sources, quotes and history)."""
from __future__ import annotations


from flask import flash, render_template, request
from markupsafe import Markup, escape
from flask_babel import gettext as _
from flask_login import current_user

from caseapp.assessment.labels import DETERMINATIONS, DETERMINATIONS_SHORT, translated
from caseapp.audit.services import case_history
from caseapp.pages import history
from caseapp.auth.roles import CASE_READERS
from caseapp.cases import permissions, review, saved_searches, services
from caseapp.cases.filters import CaseFilters, parse_filters
from caseapp.cases.views import blueprint, load_case
from caseapp.errors import ServiceError
from caseapp.ilo.catalogue import IDS
from caseapp.pagination import parse_limit
from caseapp.protection import disclosure
from caseapp.parties import services as parties
from caseapp.parties.forms import LinkPartyForm
from caseapp.persons import services as persons
from caseapp.reports import permissions as report_permissions
from caseapp.search import cases as search
from caseapp.security import records_reading, require, roles
from caseapp.sources import evidence
from caseapp.sources import permissions as source_permissions
from caseapp.sources import services as source_services


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
                           total=search.count_cases(current_user, filters),
                           saved=saved_searches.saved_by(current_user),
                           assessed=search.assessment_of([case.id for case in page.items]), **_list_choices())


def _filter_labels() -> dict[str, str]:
    """The case list's filters as its form names them, so a refused value's message says which one."""
    return {"q": _("Words in the case or its parties' names"), "status": _("Status"), "country": _("Country"),
            "sector": _("Sector"), "party_id": _("Party"), "assignee_id": _("Assigned to"),
            "period_from": _("Period from"), "period_to": _("Period to"), "sort": _("Order"),
            "determination": _("Determination"), "indicator": _("Indicator present or suspected"),
            "limit": _("Cases per page"), "cursor": _("Page")}


def _list_choices() -> dict:
    return {
        "verdicts": translated(DETERMINATIONS, _),
        "verdict_short": translated(DETERMINATIONS_SHORT, _),
        "indicator_ids": IDS,
        "can_create": permissions.can_create_case(current_user),
        "can_open_bin": permissions.can_open_bin(current_user),
        "assignees": services.assignable_users(current_user.organisation_id),
        **_party_filter(),
    }


def _party_filter() -> dict:
    """The party filter's options: every party of the organisation, or when there are too many to list,
    only the one chosen (a party's page links to its cases; the words box finds parties by name)."""
    chosen = request.args.get("party_id")
    choices = parties.party_choices(current_user, None, chosen)
    return {"party_options": _party_options(choices.rows, chosen), "parties_listed": choices.complete}


def _party_options(rows, chosen: str | None) -> Markup:
    """The party filter's options, written here: an archive has thousands of parties, and a template loop
    over them was most of the case list's time. Each name is redacted for the reader, then escaped, as
    the template would have done it."""
    redactor = disclosure.redactor_for(current_user)
    return Markup("".join(  # nosec B704 - every value is escaped here
        f'<option value="{row.id}"{" selected" if str(row.id) == chosen else ""}>'
        f"{escape(row.name if redactor is None else redactor.redact(row.name))}</option>" for row in rows))


@blueprint.get("/<int:case_id>")
@roles(*CASE_READERS)
@records_reading
def show(case_id: int):
    case = load_case(case_id)
    can_edit = permissions.can_edit_case(current_user, case)
    people = persons.persons_of_case(case, current_user) if permissions.can_view_persons(current_user, case) else None
    if people:
        persons.record_viewed(people, current_user)  # the page shows their names
    link_form, party_q, parties_found = None, request.args.get("party_q", "")[:200], True
    if can_edit:
        choices = parties.party_choices(current_user, party_q, request.args.get("party_id"))
        link_form, parties_found = LinkPartyForm(choices.rows, party_id=request.args.get("party_id")), choices.complete
    return render_template(
        "cases/show.html", case=case, history=history.readable(case_history(case)),
        history_shown_first=history.SHOWN_FIRST, history_lines_first=history.LINES_FIRST, links=parties.links_of_case(case),
        history_value_shown=(lambda value: True) if people is not None else history.coded_value,
        persons=people, can_edit=can_edit, can_edit_persons=permissions.can_edit_persons(current_user, case),
        link_form=link_form, party_q=party_q, parties_found=parties_found,
        party_choices_max=parties.PARTY_CHOICES_MAX, comments=review.comments_of(case),
        moves=permissions.moves_for(current_user, case),
        can_comment=permissions.can_comment(current_user, case),
        can_delete=permissions.can_delete_case(current_user, case),
        assignees=services.assignable_users(case.organisation_id)
        if permissions.can_assign(current_user, case) else None,
        sources=source_services.sources_of_case(case), excerpts=evidence.excerpts_of_case(case),
        facts=evidence.facts_of_case(case), can_retain=source_permissions.can_retain_values(current_user) and can_edit,
        can_report=report_permissions.can_export_case(current_user, case, report_permissions.ADVOCATE_PROFILE),
    )
