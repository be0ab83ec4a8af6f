"""The assessment page of a case: the 11 indicators, the findings and their evidence, the determination."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from caseapp.assessment import permissions, proposals, services
from caseapp.auth.roles import CASE_CREATORS, CASE_READERS, COORDINATOR
from caseapp.cases.views import load_case
from caseapp.errors import Conflict, NotAllowed, ServiceError
from caseapp.ilo.catalogue import BY_ID, INDICATORS
from caseapp.security import require, roles
from caseapp.sources import evidence
from caseapp.sources import permissions as source_permissions
from caseapp.sources import services as source_services
from caseapp.sources.facts_input import typed_value
from caseapp.sources.forms import ExcerptForm
from caseapp.sources.views import blueprint as sources_blueprint
from caseapp.sources.views import editable_cases, load_source
from caseapp.validation import is_whole_number
from caseapp.transaction import refused

blueprint = Blueprint("assessment", __name__)


@blueprint.get("/cases/<int:case_id>/assessment")
@roles(*CASE_READERS)
def show(case_id: int):
    case = load_case(case_id)
    require(permissions.can_view_assessment, case)
    findings = services.findings_of(case)
    found = proposals_by_source(case, source_services.sources_of_case(case)) \
        if permissions.can_record_findings(current_user, case) else []
    return render_template(
        "assessment/show.html", case=case, indicators=INDICATORS, findings=findings,
        result=services.determination(case), excerpts=evidence.excerpts_of_case(case),
        can_record=permissions.can_record_findings(current_user, case),
        may_sign={key: permissions.can_sign_off(current_user, case, f) for key, f in findings.items()},
        four_eyes={key for key, f in findings.items() if permissions.can_sign_off_findings(current_user, case)
                   and not f.signed_off and f.status in ("present", "suspected")
                   and permissions.contributed(current_user, f)},
        proposals=found, waiting_proposals=sum(len(open_ones.items) for _, open_ones in found),
    )


@blueprint.post("/cases/<int:case_id>/findings/<indicator>")
@roles(*CASE_CREATORS)
def record(case_id: int, indicator: str):
    case = load_case(case_id)
    require(permissions.can_record_findings, case)
    if indicator not in BY_ID:
        abort(404)
    ids = [int(i) for i in request.form.getlist("excerpt_ids") if is_whole_number(i)]
    data = {"status": request.form.get("status"), "stages": request.form.getlist("stages"),
            "note": request.form.get("note", ""), "excerpt_ids": ids}
    try:
        services.record_finding(case, indicator, data, current_user)
    except ServiceError as error:
        flash(f"{BY_ID[indicator].name}: {refused(error)}", "error")
        return redirect(url_for("assessment.show", case_id=case.id) + f"#{indicator}")
    flash(_("The finding for %(indicator)s is saved.", indicator=_(BY_ID[indicator].name)), "success")
    return redirect(url_for("assessment.show", case_id=case.id) + f"#{indicator}")


@blueprint.post("/cases/<int:case_id>/findings/<indicator>/signoff")
@roles(COORDINATOR)
def sign_off(case_id: int, indicator: str):
    case = load_case(case_id)
    require(permissions.can_sign_off_findings, case)
    read = request.form.get("version", "")
    try:
        services.sign_off(case, indicator, current_user, int(read) if is_whole_number(read) else None)
    except Conflict:
        flash(_("This finding changed since you opened the page: read it again before you sign it off."), "error")
        return redirect(url_for("assessment.show", case_id=case.id) + f"#{indicator}")
    except NotAllowed as refused:
        flash(refused.translated(_), "error")
        return redirect(url_for("assessment.show", case_id=case.id) + f"#{indicator}")
    except PermissionError:
        abort(403)
    except ServiceError as error:
        flash(error.translated(_), "error")
        return redirect(url_for("assessment.show", case_id=case.id))
    flash(_("The finding is signed off."), "success")
    return redirect(url_for("assessment.show", case_id=case.id) + f"#{indicator}")


def proposals_by_source(case, sources):
    """For each source of the case, its open proposals (for the assessment page)."""
    return [(source, proposals.proposals_for(source, case)) for source in sources]


@blueprint.post("/sources/<int:source_id>/proposals/<any(accept, dismiss):decision>")
@roles(*CASE_CREATORS)
def decide(source_id: int, decision: str):
    source = load_source(source_id)
    raw = request.form.get("case_id", "")
    case = load_case(int(raw) if is_whole_number(raw) else 0)
    require(permissions.can_record_findings, case)
    kind, name = request.form.get("kind"), request.form.get("name", "")
    start, end = request.form.get("start", ""), request.form.get("end", "")
    if not (is_whole_number(start) and is_whole_number(end)):
        abort(400)
    data = {("indicator" if kind == "indicator" else "fact"): name, "start": int(start), "end": int(end)}
    try:
        if decision == "accept":
            proposals.accept(source, case, data, current_user, request.form.get("stage", "employment"))
        else:
            proposals.dismiss(source, case, data, current_user)
    except ServiceError as error:
        flash(refused(error), "error")
    else:
        flash(_("The proposal is accepted: the passage is quoted in the case.") if decision == "accept"
              else _("The proposal is dismissed; it will not be proposed again for this case."), "success")
    back = request.form.get("back")
    if back == "assessment":
        return redirect(url_for("assessment.show", case_id=case.id) + "#proposals")
    return redirect(url_for("sources.show", source_id=source.id, case_id=case.id) + "#proposals")


# Quoting a passage of a source for a case, as evidence for a fact or a finding: on the source page's
# blueprint (its address stays /sources/<id>/excerpts), here because it can make a finding.
@sources_blueprint.post("/sources/<int:source_id>/excerpts")
@roles(*CASE_CREATORS)
def quote(source_id: int):
    source = load_source(source_id)
    require(source_permissions.can_add_sources)
    form = ExcerptForm(editable_cases())
    if not form.validate_on_submit():
        flash(_("Select a passage and choose a case."), "error")
        return redirect(url_for("sources.show", source_id=source.id))
    case = load_case(int(form.case_id.data))
    require(source_permissions.can_quote_in_case, case)
    data = {"start": form.start.data, "end": form.end.data, "quote": form.quote.data.replace("\r\n", "\n"),
            "credibility": int(form.credibility.data), "translation": form.translation.data or "",
            "translation_by": form.translation_by.data or "", "translation_by_kind": form.translation_by_kind.data
            or None, "revision": int(form.revision.data) if is_whole_number(form.revision.data) else None}
    earlier = evidence.already_quoted(source, case, data["start"], data["end"])
    try:
        value = typed_value(form.fact.data, form.fact_value.data, form.count_min.data, form.count_max.data,
                            form.count_qualifier.data) if form.fact.data else None
        services.quote_as_evidence(source, case, data, current_user, fact=form.fact.data or None, fact_value=value,
                          indicator=form.indicator.data or None, stage=form.stage.data)
    except ServiceError as error:
        flash(refused(error), "error")
        return redirect(url_for("sources.show", source_id=source.id, case_id=case.id) + "#quote-passage")
    flash(_("The quote is saved in %(reference)s.", reference=case.reference), "success")
    if earlier is not None:
        flash(_("%(reference)s already quoted this passage (characters %(start)s–%(end)s): both quotes are kept.",
                reference=case.reference, start=earlier.start, end=earlier.end), "warning")
    # Back to the source, to quote the next passage; the list of quotes shows the new one.
    return redirect(url_for("sources.show", source_id=source.id, case_id=case.id) + "#quotes")
