"""What clients send about sources and evidence (the API): strict pydantic models, limits from sources.limits."""
from __future__ import annotations

from typing import Any

from pydantic import Field

from caseapp.cases.inputs import StrictInput, _literal
from caseapp.sources.limits import (AUTHOR_MAX, DECISION_NOTE_MAX, PUBLISHER_MAX, RELIABILITY_NOTE_MAX,
                                    REVISION_REASON_MAX, TITLE_MAX, TRANSLATION_MAX, TRANSLATOR_MAX, URL_MAX)
from caseapp.sources.vocab import RELIABILITY, SOURCE_KINDS, TRANSLATORS


class SourceDescription(StrictInput):
    kind: _literal(SOURCE_KINDS) | None = None
    language: str | None = Field(None, max_length=3, description="ISO 639-1; detected when not given")
    reliability: _literal(RELIABILITY) | None = None
    reliability_note: str | None = Field(None, max_length=RELIABILITY_NOTE_MAX)
    title: str | None = Field(None, max_length=TITLE_MAX)
    publisher: str | None = Field(None, max_length=PUBLISHER_MAX)
    author: str | None = Field(None, max_length=AUTHOR_MAX)
    published_on: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD")


class SourceCreate(SourceDescription):
    url: str | None = Field(None, max_length=URL_MAX, description="Fetched and preserved, unless text is given")
    text: str | None = Field(None, description="Pasted text (paywalled or printed articles); url is then "
                                               "only recorded")


class RevisionCreate(StrictInput):
    text: str = Field(min_length=1)
    reason: str = Field(min_length=1, max_length=REVISION_REASON_MAX)


class TranscriptCreate(StrictInput):
    transcript: str = Field(min_length=1, description="A WebVTT or SubRip (SRT) transcript of the recording")
    reason: str | None = Field(None, max_length=REVISION_REASON_MAX,
                               description="Why it is added; 'transcript imported' when not given")


class CaseSourceLink(StrictInput):
    source_id: int


class ExcerptCreate(StrictInput):
    case_id: int
    start: int | None = Field(None, ge=0, description="Unicode code points, as Python indexes a string")
    end: int | None = Field(None, ge=1)
    quote: str = Field(min_length=1)
    credibility: int = Field(3, ge=1, le=6)
    revision: int | None = Field(None, description="The text revision; the current one when not given")
    translation: str | None = Field(None, max_length=TRANSLATION_MAX)
    translation_by: str | None = Field(None, max_length=TRANSLATOR_MAX)
    translation_by_kind: _literal(TRANSLATORS) | None = None


class EvidenceCreate(StrictInput):
    excerpt_id: int
    value: Any = Field(description="The value the excerpt supports; for workers_count {min, max, qualifier}")
    worker_group_id: int | None = Field(None, description="For workers_count: the group counted")


class RetainCreate(StrictInput):
    value: Any
    note: str = Field(min_length=1, max_length=DECISION_NOTE_MAX)
    worker_group_id: int | None = None
