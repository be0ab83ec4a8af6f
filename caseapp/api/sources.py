"""/api/v1/sources and the evidence endpoints: preserved sources, texts, excerpts, facts."""
from __future__ import annotations

from typing import Any

from flask import request
from flask_login import current_user

from caseapp.api import blueprint, responses
from caseapp.api.openapi import LIST_PARAMETERS, search
from caseapp.api.operations import LIST, WRITE, Reply, answer, described
from caseapp.api.bodies import json_body
from caseapp.sources.inputs import (CaseSourceLink, TranscriptCreate, EvidenceCreate, ExcerptCreate, RetainCreate, RevisionCreate,
                                    SourceCreate, SourceDescription)
from caseapp.cases.views import load_case
from caseapp.sources.views import load_source, media_response
from caseapp.auth.roles import CASE_CREATORS, CASE_READERS, COORDINATOR
from caseapp.errors import N_, NotAllowed, ServiceError
from caseapp.pagination import parse_limit
from caseapp.protection import disclosure
from caseapp.security import require, roles
from caseapp.search import sources as source_search
from caseapp.sources import evidence, permissions, services
from caseapp.validation import optional_whole_number


SOURCE_WORDS = search("Words of the source: its text (every revision), title, publisher, author, address; a part "
                      "of its title is enough. Syntax: words, \"exact phrases\", -exclusion, prefix*. A query that "
                      "cannot be read is 422 naming `q`.")
TAG = "Sources"
REVISION_HIDDEN = N_("This source names people you may not see, so you cannot correct its text; the case's "
                     "assignee or a coordinator can.")
EVIDENCE = "Evidence"
SOURCE_UPLOAD = {
    "type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "format": "binary",
                 "description": "HTML, PDF, plain text or e-mail (.eml); JPEG, PNG, WebP, TIFF or HEIC; MP3, "
                                "M4A, Ogg, WAV, MP4 or WebM: checked by content"},
        **SourceDescription.model_json_schema()["properties"]}}


def _description(model: SourceDescription) -> dict[str, Any]:
    return model.model_dump(exclude_unset=True, exclude={"url", "text"})


@blueprint.get("/sources")
@roles(*CASE_READERS)
@described("List the sources you may see", tag=TAG, model=responses.SourceList, reply="A page of sources",
           parameters=[SOURCE_WORDS, *LIST_PARAMETERS], errors=LIST,
           query_example={"q": "vladivostok"})
def list_sources():
    require(permissions.can_list_sources)
    page = source_search.list_sources(current_user, request.args.get("q"), request.args.get("cursor"),
                                      parse_limit(request.args.get("limit")))
    return answer(responses.SourceList(items=[responses.Source.of(s) for s in page.items],
                                       next_cursor=page.next_cursor))


@blueprint.post("/sources")
@roles(*CASE_CREATORS)
@described("Add a source: fetch a url, keep pasted text, or upload a file (multipart, field `file`: a document of up "
           "to 20 MB, or a photo, scan or recording of up to MEDIA_MAX_BYTES, 413 beyond). 201 when "
           "new; 200 with the existing source when the same bytes or final url are stored and you may see it (its text "
           "naming nobody hidden from you, unless you stored it); otherwise 201 with a separate source", tag=TAG,
           replies={201: Reply("The new source", responses.Source),
                    200: Reply("The source already stored", responses.Source)},
           body=SourceCreate, upload={"SourceUpload": SOURCE_UPLOAD}, errors=(*WRITE, 413, 503))
def create_source():
    require(permissions.can_add_sources)
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            raise ServiceError(N_("Send the document in the field 'file'."), "file")
        fields = {key: value for key, value in request.form.items()}
        meta = _description(SourceDescription.model_validate(fields))
        added = services.add_file(upload.stream, upload.filename or "", meta, current_user)
    else:
        data = SourceCreate.model_validate(json_body())
        if data.text is not None:
            added = services.add_from_paste(data.text, _description(data), data.url, current_user)
        elif data.url:
            added = services.add_from_url(data.url, _description(data), current_user)
        else:
            raise ServiceError(N_("Give a url to fetch, text to keep, or upload a file."), "url")
    return answer(responses.Source.of(added.source), 201 if added.created else 200)


@blueprint.get("/sources/<int:source_id>")
@roles(*CASE_READERS)
@described("A source: metadata and hashes", tag=TAG, model=responses.Source, reply="The source")
def get_source(source_id: int):
    return answer(responses.Source.of(load_source(source_id)))


MEDIA_READERS = ("coordinators, admins, the caseworker who added it or is assigned a case citing it; 403 for other "
                 "readers of the source, 404 for a source that is no photo or recording")


@blueprint.get("/sources/<int:source_id>/file")
@roles(*CASE_READERS)
@described("A photo's or recording's file as it was received (byte ranges answered): for " + MEDIA_READERS, tag=TAG,
           replies={200: Reply("The file, with the type its bytes are (image/*, audio/*, video/*)", media="*/*")}, errors=(401, 403, 404, 429))
def get_source_file(source_id: int):
    return media_response(source_id, "file")


@blueprint.get("/sources/<int:source_id>/preview")
@roles(*CASE_READERS)
@described("An image the server made of a photo or a video's still, at most 2000 pixels a side, without the "
           "original's metadata: for " + MEDIA_READERS, tag=TAG,
           replies={200: Reply("The image (JPEG, or PNG where it has transparency)", media="image/*")},
           errors=(401, 403, 404, 429))
def get_source_preview(source_id: int):
    return media_response(source_id, "preview")


@blueprint.get("/sources/<int:source_id>/thumbnail")
@roles(*CASE_READERS)
@described("The same, at most 320 pixels a side: for " + MEDIA_READERS, tag=TAG,
           replies={200: Reply("The image (JPEG, or PNG where it has transparency)", media="image/*")},
           errors=(401, 403, 404, 429))
def get_source_thumbnail(source_id: int):
    return media_response(source_id, "thumbnail")


@blueprint.patch("/sources/<int:source_id>")
@roles(*CASE_CREATORS)
@described("Correct how the source is described (never its bytes or text)", tag=TAG, model=responses.Source,
           reply="The source", body=SourceDescription, errors=WRITE)
def patch_source(source_id: int):
    source = load_source(source_id)
    require(permissions.can_change_source, source, services.citations(source))
    services.update_metadata(source, _description(SourceDescription.model_validate(json_body())), current_user)
    return answer(responses.Source.of(source))


@blueprint.get("/sources/<int:source_id>/text")
@roles(*CASE_READERS)
@described("The preserved text (current revision, or ?revision=N)", tag=TAG, model=responses.SourceText,
           reply="The text", parameters=[{"name": "revision", "in": "query", "schema": {"type": "integer"}}],
           errors=(401, 404, 422, 429))
def get_source_text(source_id: int):
    source = load_source(source_id)
    text = services.text_revision(source, optional_whole_number(request.args.get("revision"), "revision"))
    return answer(responses.SourceText.of(text))


@blueprint.post("/sources/<int:source_id>/revisions")
@roles(*CASE_CREATORS)
@described("A corrected text, kept as a new revision", tag=TAG, model=responses.Revision, status=201,
           reply="The revision", body=RevisionCreate, errors=WRITE)
def revise_source(source_id: int):
    source = load_source(source_id)
    require(permissions.can_change_source, source, services.citations(source))
    data = RevisionCreate.model_validate(json_body())
    if disclosure.names_hidden_people(source.current_text.text):
        raise NotAllowed(REVISION_HIDDEN)  # the reader has only the redacted text: a revision would destroy names
    text = services.revise_text(source, data.text, data.reason, current_user)
    return answer(responses.Revision.of(text), 201)


@blueprint.post("/sources/<int:source_id>/transcript")
@roles(*CASE_CREATORS)
@described("A recording's transcript (WebVTT or SRT) kept as a new text revision with the time range of each line; "
           "quotes made on it give `time_range`", tag=TAG, model=responses.Revision, status=201,
           reply="The revision", body=TranscriptCreate, errors=WRITE)
def add_transcript(source_id: int):
    source = load_source(source_id)
    require(permissions.can_change_source, source, services.citations(source))
    data = TranscriptCreate.model_validate(json_body())
    if disclosure.names_hidden_people(source.current_text.text):
        raise NotAllowed(REVISION_HIDDEN)
    text = services.add_transcript(source, data.transcript, data.reason, current_user)
    return answer(responses.Revision.of(text), 201)


@blueprint.post("/sources/<int:source_id>/excerpts")
@roles(*CASE_CREATORS)
@described("Quote text[start:end] of a revision for a case (422 unless exact); cites the source in the case",
           tag=EVIDENCE, model=responses.Excerpt, status=201, reply="The excerpt", body=ExcerptCreate, errors=WRITE)
def create_excerpt(source_id: int):
    source = load_source(source_id)
    data = ExcerptCreate.model_validate(json_body())
    case = load_case(data.case_id)
    require(permissions.can_quote_in_case, case)
    excerpt = evidence.create_excerpt(source, case, data.model_dump(exclude_unset=True), current_user)
    return answer(responses.Excerpt.of(excerpt), 201)


@blueprint.get("/cases/<int:case_id>/sources")
@roles(*CASE_READERS)
@described("The sources a case cites", tag=TAG, model=responses.SourceList, reply="The sources")
def list_case_sources(case_id: int):
    case = load_case(case_id)
    return answer(responses.SourceList(items=[responses.Source.of(s) for s in services.sources_of_case(case)],
                                       next_cursor=None))


@blueprint.post("/cases/<int:case_id>/sources")
@roles(*CASE_CREATORS)
@described("Cite a source in the case", tag=TAG, model=responses.Source, status=201, reply="The source",
           body=CaseSourceLink, errors=WRITE)
def link_case_source(case_id: int):
    case = load_case(case_id)
    require(permissions.can_quote_in_case, case)
    data = CaseSourceLink.model_validate(json_body())
    source = load_source(data.source_id)
    services.link_case(case, source, current_user)
    return answer(responses.Source.of(source), 201)


@blueprint.get("/cases/<int:case_id>/excerpts")
@roles(*CASE_READERS)
@described("The case's quotes", tag=EVIDENCE, model=responses.ExcerptList, reply="The excerpts")
def list_case_excerpts(case_id: int):
    case = load_case(case_id)
    return answer(responses.ExcerptList(
        items=[responses.Excerpt.of(e) for e in evidence.excerpts_of_case(case)], next_cursor=None))


@blueprint.post("/cases/<int:case_id>/facts/<fact>/evidence")
@roles(*CASE_CREATORS)
@described("An excerpt as evidence that a fact (a conditions key, or workers_count) has a value", tag=EVIDENCE,
           model=responses.Evidence, status=201, reply="The evidence", body=EvidenceCreate, errors=WRITE)
def add_fact_evidence(case_id: int, fact: str):
    case = load_case(case_id)
    require(permissions.can_quote_in_case, case)
    data = EvidenceCreate.model_validate(json_body())
    item = evidence.attach_evidence(case, fact, data.excerpt_id, data.value, current_user, data.worker_group_id)
    return answer(responses.Evidence.of(item), 201)


@blueprint.get("/cases/<int:case_id>/facts")
@roles(*CASE_READERS)
@described("Facts with evidence, values side by side, contradictions and retained values", tag=EVIDENCE,
           model=responses.FactList, reply="The facts")
def list_facts(case_id: int):
    case = load_case(case_id)
    return answer(responses.FactList(items=[responses.Fact.of(view) for view in evidence.facts_of_case(case)],
                                     next_cursor=None))


@blueprint.post("/cases/<int:case_id>/facts/<fact>/retain")
@roles(COORDINATOR)
@described("Coordinators: the value the case keeps where sources disagree, with a note", tag=EVIDENCE,
           model=responses.Fact, reply="The fact", body=RetainCreate, errors=WRITE)
def retain_fact(case_id: int, fact: str):
    case = load_case(case_id)
    require(permissions.can_retain_value, case)
    data = RetainCreate.model_validate(json_body())
    decision = evidence.retain_value(case, fact, data.value, data.note, current_user, data.worker_group_id)
    return answer(responses.Fact.of(evidence.fact_view(case, fact, decision.worker_group)))
