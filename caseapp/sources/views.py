"""Source pages of the sources area: the list, adding (URL, upload, paste), corrections, checks.

The source page (the preserved text with its quotes and proposals) gathers several areas: it is in
caseapp.pages; quoting a passage, which can make a finding, is in caseapp.assessment.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from caseapp.auth.roles import ADMIN, CASE_CREATORS, CASE_READERS, COORDINATOR
from caseapp.cases import permissions as case_permissions
from caseapp.cases.models import Case
from caseapp.cases.queries import visible_cases
from caseapp.cases.views import load_case
from caseapp.errors import N_, ServiceError
from caseapp.extensions import db
from caseapp.security import records_reading, require, roles
from caseapp.protection import disclosure
from caseapp.sources import evidence, extraction, permissions, services, transcripts
from caseapp.sources.facts_input import typed_value
from caseapp.sources.forms import (PasteSourceForm, RevisionForm, SourceMetadataForm, TranscriptForm,
                                   UploadSourceForm, UrlSourceForm)
from caseapp.validation import is_whole_number
from caseapp.loading import load
from caseapp.sources.models import Source
from caseapp.transaction import discard, refused

blueprint = Blueprint("sources", __name__)


def load_source(source_id: int) -> Source:
    """The source, if this user may see it (that depends on the cases citing it); to anyone else, 404."""
    return load(Source, source_id, permissions.can_view_source, lambda source: (services.citations(source),))


def editable_cases():
    return [case for case in db.session.scalars(visible_cases(current_user).order_by(db.desc("id")))
            if case_permissions.can_edit_case(current_user, case)]


def _add_forms(**filled):
    forms = {"url": UrlSourceForm(formdata=None), "upload": UploadSourceForm(formdata=None),
             "paste": PasteSourceForm(formdata=None)}
    forms.update(filled)
    return forms


@blueprint.get("/sources/new")
@roles(*CASE_CREATORS)
def new():
    require(permissions.can_add_sources)
    case_id = request.args.get("case_id", "")
    return render_template("sources/new.html", forms=_add_forms(), case_id=case_id, case=_case_to_cite(case_id))


@blueprint.post("/sources/new/<any(url, upload, paste):origin>")
@roles(*CASE_CREATORS)
def add(origin: str):
    require(permissions.can_add_sources)
    form = {"url": UrlSourceForm, "upload": UploadSourceForm, "paste": PasteSourceForm}[origin]()
    case_id = request.form.get("case_id", "")
    case = _case_to_cite(case_id)
    status = 422
    if form.validate_on_submit():
        try:
            added = _add(origin, form)
            if case is not None:  # added from a case's page: the case cites it
                services.link_case(case, added.source, current_user)
        except ServiceError as error:
            field = form[error.field] if error.field and error.field in form else (
                form.url if origin != "upload" else form.file)
            field.errors.append(error.translated(_))
            status = getattr(error, "status", 422)  # 503 or 429 when it is not the input's fault
        else:
            if added.created:
                flash(_("The source is preserved. Its SHA-256 is %(sha)s.", sha=added.source.sha256), "success")
            else:
                flash(_("This source was already preserved; here it is."), "info")
            if case is not None:
                flash(_("%(reference)s cites it.", reference=case.reference), "success")
            return redirect(url_for("sources.show", source_id=added.source.id, case_id=case.id if case else None))
    return render_template("sources/new.html", forms=_add_forms(**{origin: form}), case_id=case_id, case=case,
                           active=origin), status


def _case_to_cite(case_id: str):
    """The case a source is being added from, when this user may edit it; None otherwise."""
    if not is_whole_number(case_id):
        return None
    case = db.session.get(Case, int(case_id))
    if case is None or case.deleted_at is not None or not case_permissions.can_edit_case(current_user, case):
        return None
    return case


def _add(origin: str, form) -> services.Added:
    if origin == "url":
        return services.add_from_url(form.url.data.strip(), form.description(), current_user)
    if origin == "paste":
        return services.add_from_paste(form.text.data, form.description(), form.url.data or None, current_user)
    upload = form.file.data
    if upload is None or not getattr(upload, "filename", ""):
        raise ServiceError(N_("Choose a file to upload."), "file")
    return services.add_file(upload.stream, upload.filename, form.description(), current_user)


MEDIA_FILES = ("file", "preview", "thumbnail")


def media_response(source_id: int, which: str):
    """A photo's or recording's file ("file": as received), or an image the server made of it ("preview",
    "thumbnail"), for the web pages and the API alike.

    404 for a source this user may not see, one that is no photo or recording, or one without that image;
    403 when they may see the source but not what it shows (sources.permissions.can_view_media).
    """
    source = load_source(source_id)
    found = source.media
    if found is None:
        abort(404)
    require(permissions.can_view_media, source, services.citations(source))
    if which == "file":
        path, mimetype = services.snapshot_store().path_for(source.sha256), source.content_type
        # named with the ending of what it is (never the sender's: "photo.html" would open as a page on the
        # reader's computer); a photo downloads, a recording plays in the browser's own player (ranges)
        download = services.download_name(source)
    else:
        digest = found.preview_sha256 if which == "preview" else found.thumbnail_sha256
        if not digest:
            abort(404)
        path, mimetype, download = services.derived_store().path_for(digest), found.preview_type, None
    # Who saw or heard it is on the record, as for a person's details; once per look, not per byte range
    # the player asks for, nor for the thumbnail.
    if which != "thumbnail" and request.headers.get("Range", "bytes=0-").startswith("bytes=0-"):
        services.record_media_view(source, which, current_user)
    response = send_file(path, mimetype=mimetype, conditional=True, etag=True, max_age=0,
                         as_attachment=which == "file" and found.kind == "image", download_name=download)
    response.headers["Cache-Control"] = "private, no-cache"  # a picture of people: never in a shared cache
    return response


@blueprint.get("/sources/<int:source_id>/file")
@roles(*CASE_READERS)
@records_reading
def media_original(source_id: int):
    return media_response(source_id, "file")


@blueprint.get("/sources/<int:source_id>/preview")
@roles(*CASE_READERS)
@records_reading
def media_preview(source_id: int):
    return media_response(source_id, "preview")


@blueprint.get("/sources/<int:source_id>/thumbnail")
@roles(*CASE_READERS)
def media_thumbnail(source_id: int):
    return media_response(source_id, "thumbnail")


def _text_not_theirs_to_revise(source: Source):
    """A redirect with the reason when the source's text names people this user may not see, else None.

    A revision typed over the redacted text would replace the names by their codes for good."""
    if not disclosure.names_hidden_people(source.current_text.text):
        return None
    flash(_("This source names people you may not see, so you cannot correct its text; the case's assignee "
            "or a coordinator can."), "error")
    return redirect(url_for("sources.show", source_id=source.id))


@blueprint.post("/sources/<int:source_id>/transcript")
@roles(*CASE_CREATORS)
def transcript(source_id: int):
    """A recording's transcript (WebVTT or SRT), kept as a text revision with the time of each line."""
    source = load_source(source_id)
    require(permissions.can_change_source, source, services.citations(source))
    if (refusal := _text_not_theirs_to_revise(source)) is not None:
        return refusal
    form = TranscriptForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            if upload is None or not getattr(upload, "filename", ""):
                raise ServiceError(N_("Choose a transcript file."), "transcript")
            raw = extraction.decode_text(upload.read(transcripts.MAX_CHARS * 4 + 1))
            revision = services.add_transcript(source, raw, form.reason.data, current_user)
        except ServiceError as error:
            flash(refused(error), "error")
            discard()
        else:
            flash(_("The transcript is kept as revision %(revision)s of the text; quotes from it cite the time of "
                    "the recording they come from.", revision=revision.revision), "success")
    case_id = request.form.get("case_id", "")  # back to the case the person came from, to quote in it
    return redirect(url_for("sources.show", source_id=source.id, case_id=case_id if is_whole_number(case_id) else None)
                    + "#preserved")


@blueprint.route("/sources/<int:source_id>/edit", methods=["GET", "POST"])
@roles(*CASE_CREATORS)
def edit(source_id: int):
    source = load_source(source_id)
    require(permissions.can_change_source, source, services.citations(source))
    stored = {key: getattr(source, key) for key in ("title", "publisher", "author", "reliability_note")}
    if request.method == "GET":
        form = SourceMetadataForm(obj=source)
        disclosure.protect_form(form, stored)
    else:
        form = SourceMetadataForm()
    if form.validate_on_submit() and disclosure.keep_hidden_text(form, stored):
        try:
            services.update_metadata(source, form.description() | {"language": form.language.data or ""},
                                     current_user)
        except ServiceError as error:
            target = form[error.field] if error.field in form else form.title
            target.errors.append(error.translated(_))
        else:
            flash(_("The description of the source is saved."), "success")
            return redirect(url_for("sources.show", source_id=source.id))
    disclosure.protect_fields(form)
    return render_template("sources/edit.html", source=source, form=form), 422 if form.errors else 200


@blueprint.route("/sources/<int:source_id>/revise", methods=["GET", "POST"])
@roles(*CASE_CREATORS)
def revise(source_id: int):
    source = load_source(source_id)
    require(permissions.can_change_source, source, services.citations(source))
    if (refusal := _text_not_theirs_to_revise(source)) is not None:
        return refusal
    if request.method == "GET":
        form = RevisionForm(text=source.current_text.text)
        if source.media is not None and not source.current_text.text:
            form.reason.data = _("typed from the file")  # adding a photo's words, not correcting an extraction
    else:
        form = RevisionForm()
    if form.validate_on_submit():
        try:
            text = services.revise_text(source, form.text.data, form.reason.data, current_user)
        except ServiceError as error:
            getattr(form, error.field or "text").errors.append(error.translated(_))
        else:
            flash(_("Revision %(revision)s of the text is saved; earlier revisions and their quotes are kept.",
                    revision=text.revision), "success")
            return redirect(url_for("sources.show", source_id=source.id))
    return render_template("sources/revise.html", source=source, form=form), 422 if form.errors else 200


@blueprint.get("/admin/sources/verify")
@roles(ADMIN)
def verify():
    require(permissions.can_verify_sources)
    count, problems = services.verify_sources(current_user.organisation_id)
    return render_template("sources/verify.html", count=count, problems=problems)


@blueprint.post("/cases/<int:case_id>/facts/<fact>/retain")
@roles(COORDINATOR)
def retain(case_id: int, fact: str):
    case = load_case(case_id)
    require(permissions.can_retain_value, case)
    view = next((v for v in evidence.facts_of_case(case) if v.fact == fact and
                 str(v.worker_group.id if v.worker_group else "") == request.form.get("worker_group_id", "")), None)
    if view is None:
        abort(404)
    choice = request.form.get("choice", "")
    if not is_whole_number(choice) or int(choice) >= len(view.choices):
        flash(_("Choose the value to retain."), "error")
        return redirect(url_for("cases.show", case_id=case.id) + "#facts")
    try:
        evidence.retain_value(case, fact, view.choices[int(choice)], request.form.get("note", ""), current_user,
                              view.worker_group.id if view.worker_group else None)
    except ServiceError as error:
        flash(refused(error), "error")
        return redirect(url_for("cases.show", case_id=case.id) + "#facts")
    flash(_("The value is retained and the case's facts are updated."), "success")
    return redirect(url_for("cases.show", case_id=case.id) + "#facts")


@blueprint.post("/cases/<int:case_id>/excerpts/<int:excerpt_id>/evidence")
@roles(*CASE_CREATORS)
def add_evidence(case_id: int, excerpt_id: int):
    case = load_case(case_id)
    require(permissions.can_quote_in_case, case)
    fact = request.form.get("fact", "")
    try:
        value = typed_value(fact, request.form.get("fact_value"), _int(request.form.get("count_min")),
                            _int(request.form.get("count_max")), request.form.get("count_qualifier"))
        evidence.attach_evidence(case, fact, excerpt_id, value, current_user)
    except (ServiceError, KeyError) as error:
        flash(refused(error) if isinstance(error, ServiceError) else _("Choose a fact."), "error")
        discard()
        return redirect(url_for("cases.show", case_id=case.id) + "#sources")
    flash(_("The excerpt is recorded as evidence."), "success")
    return redirect(url_for("cases.show", case_id=case.id) + "#facts")


def _int(raw: str | None) -> int | None:
    return int(raw) if is_whole_number(raw) else None
