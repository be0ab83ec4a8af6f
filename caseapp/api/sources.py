"""/api/v1/sources and the evidence endpoints: preserved sources, texts, excerpts, facts."""
from __future__ import annotations

from typing import Any

from flask import jsonify, request
from flask_login import current_user
from pydantic import Field

from caseapp.api import blueprint
from caseapp.cases.views import load_case
from caseapp.sources.views import load_source
from caseapp.api.schemas import StrictInput, _literal, isoformat, json_body
from caseapp.auth.roles import CASE_CREATORS, CASE_READERS, COORDINATOR
from caseapp.errors import N_, ServiceError
from caseapp.pagination import parse_limit
from caseapp.security import require, roles
from caseapp.sources import evidence, permissions, services
from caseapp.sources.models import Excerpt, FactEvidence, Source
from caseapp.sources.vocab import RELIABILITY, SOURCE_KINDS, TRANSLATORS
from caseapp.validation import optional_whole_number


class SourceDescription(StrictInput):
    kind: _literal(SOURCE_KINDS) | None = None
    language: str | None = Field(None, max_length=3, description="ISO 639-1; detected when not given")
    reliability: _literal(RELIABILITY) | None = None
    reliability_note: str | None = Field(None, max_length=4000)
    title: str | None = Field(None, max_length=500)
    publisher: str | None = Field(None, max_length=300)
    author: str | None = Field(None, max_length=300)
    published_on: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD")


class SourceCreate(SourceDescription):
    url: str | None = Field(None, max_length=4000, description="Fetched and preserved, unless text is given")
    text: str | None = Field(None, description="Pasted text (paywalled or printed articles); url is then "
                                               "only recorded")


class RevisionCreate(StrictInput):
    text: str = Field(min_length=1)
    reason: str = Field(min_length=1, max_length=2000)


class CaseSourceLink(StrictInput):
    source_id: int


class ExcerptCreate(StrictInput):
    case_id: int
    start: int | None = Field(None, ge=0, description="Unicode code points, as Python indexes a string")
    end: int | None = Field(None, ge=1)
    quote: str = Field(min_length=1)
    credibility: int = Field(3, ge=1, le=6)
    revision: int | None = Field(None, description="The text revision; the current one when not given")
    translation: str | None = None
    translation_by: str | None = None
    translation_by_kind: _literal(TRANSLATORS) | None = None


class EvidenceCreate(StrictInput):
    excerpt_id: int
    value: Any = Field(description="The value the excerpt supports; for workers_count {min, max, qualifier}")
    worker_group_id: int | None = Field(None, description="For workers_count: the group counted")


class RetainCreate(StrictInput):
    value: Any
    note: str = Field(min_length=1, max_length=4000)
    worker_group_id: int | None = None


def source_json(source: Source) -> dict[str, Any]:
    text = source.current_text
    return {
        "id": source.id, "origin": source.origin, "kind": source.kind, "language": source.language,
        "reliability": source.reliability, "reliability_note": source.reliability_note, "title": source.title,
        "publisher": source.publisher, "author": source.author, "published_on": source.published_on,
        "url": source.url, "final_url": source.final_url, "http_status": source.http_status,
        "http_headers": source.http_headers or {}, "content_type": source.content_type,
        "filename": source.filename, "size": source.size, "sha256": source.sha256, "revision": text.revision,
        "text_sha256": text.text_sha256, "retrieved_at": isoformat(source.retrieved_at),
        "created_at": isoformat(source.created_at),
    }


def excerpt_json(excerpt: Excerpt) -> dict[str, Any]:
    return {
        "id": excerpt.id, "case_id": excerpt.case_id, "source_id": excerpt.source_id,
        "revision": excerpt.text.revision, "start": excerpt.start, "end": excerpt.end, "quote": excerpt.quote,
        "credibility": excerpt.credibility, "translation": excerpt.translation or None,
        "translation_by": excerpt.translation_by or None, "translation_by_kind": excerpt.translation_by_kind,
        "translated_at": isoformat(excerpt.translated_at), "created_at": isoformat(excerpt.created_at),
    }


def evidence_json(item: FactEvidence) -> dict[str, Any]:
    return {"id": item.id, "case_id": item.case_id, "fact": item.fact, "worker_group_id": item.worker_group_id,
            "value": item.value, "excerpt_id": item.excerpt_id, "created_at": isoformat(item.created_at)}


def _description(model: SourceDescription) -> dict[str, Any]:
    return model.model_dump(exclude_unset=True, exclude={"url", "text"})


@blueprint.get("/sources")
@roles(*CASE_READERS)
def list_sources():
    require(permissions.can_list_sources)
    page = services.list_sources(current_user, request.args.get("q"), request.args.get("cursor"),
                                 parse_limit(request.args.get("limit")))
    return jsonify(items=[source_json(s) for s in page.items], next_cursor=page.next_cursor)


@blueprint.post("/sources")
@roles(*CASE_CREATORS)
def create_source():
    require(permissions.can_add_sources)
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            raise ServiceError(N_("Send the document in the field 'file'."), "file")
        fields = {key: value for key, value in request.form.items()}
        meta = _description(SourceDescription.model_validate(fields))
        added = services.add_from_upload(upload.read(services.MAX_UPLOAD + 1), upload.filename or "", meta,
                                         current_user)
    else:
        data = SourceCreate.model_validate(json_body())
        if data.text is not None:
            added = services.add_from_paste(data.text, _description(data), data.url, current_user)
        elif data.url:
            added = services.add_from_url(data.url, _description(data), current_user)
        else:
            raise ServiceError(N_("Give a url to fetch, text to keep, or upload a file."), "url")
    return jsonify(source_json(added.source)), 201 if added.created else 200


@blueprint.get("/sources/<int:source_id>")
@roles(*CASE_READERS)
def get_source(source_id: int):
    return jsonify(source_json(load_source(source_id)))


@blueprint.patch("/sources/<int:source_id>")
@roles(*CASE_CREATORS)
def patch_source(source_id: int):
    source = load_source(source_id)
    require(permissions.can_change_source, source, services.citations(source))
    services.update_metadata(source, _description(SourceDescription.model_validate(json_body())), current_user)
    return jsonify(source_json(source))


@blueprint.get("/sources/<int:source_id>/text")
@roles(*CASE_READERS)
def get_source_text(source_id: int):
    source = load_source(source_id)
    text = services.text_revision(source, optional_whole_number(request.args.get("revision"), "revision"))
    return jsonify(revision=text.revision, text=text.text, text_sha256=text.text_sha256)


@blueprint.post("/sources/<int:source_id>/revisions")
@roles(*CASE_CREATORS)
def revise_source(source_id: int):
    source = load_source(source_id)
    require(permissions.can_change_source, source, services.citations(source))
    data = RevisionCreate.model_validate(json_body())
    text = services.revise_text(source, data.text, data.reason, current_user)
    return jsonify(revision=text.revision, text_sha256=text.text_sha256, reason=text.reason), 201


@blueprint.post("/sources/<int:source_id>/excerpts")
@roles(*CASE_CREATORS)
def create_excerpt(source_id: int):
    source = load_source(source_id)
    data = ExcerptCreate.model_validate(json_body())
    case = load_case(data.case_id)
    require(permissions.can_quote_in_case, case)
    excerpt = evidence.create_excerpt(source, case, data.model_dump(exclude_unset=True), current_user)
    return jsonify(excerpt_json(excerpt)), 201


@blueprint.get("/cases/<int:case_id>/sources")
@roles(*CASE_READERS)
def list_case_sources(case_id: int):
    case = load_case(case_id)
    return jsonify(items=[source_json(s) for s in services.sources_of_case(case)], next_cursor=None)


@blueprint.post("/cases/<int:case_id>/sources")
@roles(*CASE_CREATORS)
def link_case_source(case_id: int):
    case = load_case(case_id)
    require(permissions.can_quote_in_case, case)
    data = CaseSourceLink.model_validate(json_body())
    source = load_source(data.source_id)
    services.link_case(case, source, current_user)
    return jsonify(source_json(source)), 201


@blueprint.get("/cases/<int:case_id>/excerpts")
@roles(*CASE_READERS)
def list_case_excerpts(case_id: int):
    case = load_case(case_id)
    return jsonify(items=[excerpt_json(e) for e in evidence.excerpts_of_case(case)], next_cursor=None)


@blueprint.post("/cases/<int:case_id>/facts/<fact>/evidence")
@roles(*CASE_CREATORS)
def add_fact_evidence(case_id: int, fact: str):
    case = load_case(case_id)
    require(permissions.can_quote_in_case, case)
    data = EvidenceCreate.model_validate(json_body())
    item = evidence.attach_evidence(case, fact, data.excerpt_id, data.value, current_user, data.worker_group_id)
    return jsonify(evidence_json(item)), 201


@blueprint.get("/cases/<int:case_id>/facts")
@roles(*CASE_READERS)
def list_facts(case_id: int):
    case = load_case(case_id)
    return jsonify(items=[fact_json(view) for view in evidence.facts_of_case(case)], next_cursor=None)


@blueprint.post("/cases/<int:case_id>/facts/<fact>/retain")
@roles(COORDINATOR)
def retain_fact(case_id: int, fact: str):
    case = load_case(case_id)
    require(permissions.can_retain_value, case)
    data = RetainCreate.model_validate(json_body())
    decision = evidence.retain_value(case, fact, data.value, data.note, current_user, data.worker_group_id)
    return jsonify(fact_json(evidence.fact_view(case, fact, decision.worker_group)))


def fact_json(view: evidence.FactView) -> dict[str, Any]:
    decision = view.decision
    return {
        "fact": view.fact,
        "worker_group_id": view.worker_group.id if view.worker_group else None,
        "contradiction": view.contradiction,
        "values": [{"value": value, "excerpt_ids": [item.excerpt_id for item in items]}
                   for value, items in view.values],
        "retained": None if decision is None else {"value": decision.value, "note": decision.note,
                                                   "decided_by_id": decision.decided_by_id,
                                                   "decided_at": isoformat(decision.decided_at)},
    }
