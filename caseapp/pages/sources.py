"""The source page: the preserved text with the quotes made on it, the cases citing it, and the engine's proposals."""
from __future__ import annotations

from flask import flash, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from caseapp.assessment import proposals
from caseapp.auth.roles import CASE_READERS
from caseapp.protection import disclosure
from caseapp.errors import ServiceError
from caseapp.pagination import parse_limit
from caseapp.search.sources import list_sources
from caseapp.security import require, roles
from caseapp.sources import evidence, permissions, services
from caseapp.sources.forms import ExcerptForm, TranscriptForm
from caseapp.sources.highlight import marked_segments
from caseapp.sources.views import blueprint, editable_cases, load_source


@blueprint.get("/sources")
@roles(*CASE_READERS)
def index():
    require(permissions.can_list_sources)
    q = request.args.get("q", "").strip()
    try:
        page = list_sources(current_user, q, request.args.get("cursor"), parse_limit(request.args.get("limit")))
    except ServiceError as error:
        flash(error.translated(_), "error")
        return render_template("sources/index.html", page=None, q=q,
                               can_add=permissions.can_add_sources(current_user)), 422
    return render_template("sources/index.html", page=page, q=q, can_add=permissions.can_add_sources(current_user))


def _hidden_spans(text: str) -> list[tuple[int, int, str]]:
    redactor = disclosure.redactor_for(current_user)
    return redactor.hidden_spans(text) if redactor is not None else []


@blueprint.get("/sources/<int:source_id>")
@roles(*CASE_READERS)
def show(source_id: int):
    source = load_source(source_id)
    citing = services.cases_citing(source, current_user)
    excerpts = evidence.excerpts_of_source(source, {case.id for case in citing})
    current = source.current_text
    citing_ids = {case.id for case in citing}
    editable = sorted(editable_cases() if permissions.can_add_sources(current_user) else [],
                      key=lambda case: case.id not in citing_ids)  # the cases citing it first
    form = ExcerptForm(editable, formdata=None, case_id=request.args.get("case_id"), revision=current.revision)
    chosen = next((c for c in editable if str(c.id) == request.args.get("case_id", "")), None)
    every_citing = services.citations(source)
    sees_media = source.media is not None and permissions.can_view_media(current_user, source, every_citing)
    # a photo or recording starts without text (nothing to quote or read); one the reader may not look at is
    # not theirs to quote either
    has_text = bool(current.text)
    quotable = has_text and (source.media is None or sees_media)
    return render_template(
        "sources/show.html", source=source, text=current, cases=citing, excerpts=excerpts, has_text=has_text,
        can_view_media=sees_media, case_id=request.args.get("case_id", ""),
        transcript_form=TranscriptForm(formdata=None),
        segments=marked_segments(current.text, [e for e in excerpts if e.text_id == current.id],
                                 _hidden_spans(current.text)),
        form=form if editable and quotable else None,
        can_change=permissions.can_change_source(current_user, source, every_citing),
        proposal_case=chosen if quotable else None,
        proposals=proposals.proposals_for(source, chosen) if chosen and quotable else None,
        quoted_spans=[{"case": e.case_id, "start": e.start, "end": e.end} for e in excerpts
                      if e.text_id == current.id],
    )
