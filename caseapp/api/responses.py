"""What the API answers: one pydantic model per kind of answer, built from the records.

Every JSON answer of /api/v1 is one of these models, validated when it is built and serialised
from it, and the OpenAPI document's schemas are generated from the same classes: what the
document promises is what the endpoints send. Each model's `of()` builds it from the record
(or the domain result) it describes.

Timestamps are ISO 8601 strings in UTC with a `Z`; absent values are null, never missing.
"""
from __future__ import annotations

from typing import Annotated, Any, Literal

from flask_login import current_user
from pydantic import BaseModel, ConfigDict, Field, RootModel, WithJsonSchema, create_model

from caseapp.auth.roles import ROLES
from caseapp.cases.conditions import FACTS, NOTE_SUFFIX, empty
from caseapp.cases.inputs import _literal
from caseapp.cases.vocab import ACTION_KINDS, CONFIDENTIALITY, COUNT_QUALIFIERS, SECTORS, STATUSES
from caseapp.ilo import rules
from caseapp.ilo.catalogue import IDS, STAGES
from caseapp.ilo.catalogue import STATUSES as FINDING_STATUSES
from caseapp.parties.vocab import PARTY_KINDS
from caseapp.protection import disclosure
from caseapp.search.everything import FACETS
from caseapp.persons.vocab import CONSENT, PERSON_ROLES, RISK
from caseapp.sources import permissions, services, transcripts
from caseapp.sources.vocab import RELIABILITY, SOURCE_KINDS

Timestamp = Annotated[str, WithJsonSchema({"type": "string", "format": "date-time"})]
OptionalTimestamp = Annotated[str | None, WithJsonSchema({"type": ["string", "null"], "format": "date-time"})]
# Any JSON value: a fact's value is a number, a yes/no, a text or {min, max, qualifier}.
JsonValue = Annotated[Any, WithJsonSchema({})]


def isoformat(value) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


class Answer(BaseModel):
    """An answer of the API: every field is always present, and nothing else is."""

    model_config = ConfigDict(extra="forbid")

    def json(self) -> dict[str, Any]:  # type: ignore[override]
        return self.model_dump(mode="json")


# --- who ---------------------------------------------------------------------------------------

class Organisation(Answer):
    id: int
    name: str
    code: str


class Meta(Answer):
    version: str = Field(description="caseapp's release (caseapp.__version__), as in CHANGELOG.md")
    api_version: str = Field(description="The version of this API (the OpenAPI document's info.version)")


class Me(Answer):
    id: int
    email: str
    full_name: str
    role: _literal(ROLES)
    organisation: Organisation

    @classmethod
    def of(cls, user) -> Me:
        org = user.organisation
        return cls(id=user.id, email=user.email, full_name=user.full_name, role=user.role,
                   organisation=Organisation(id=org.id, name=org.name, code=org.code))


# --- cases -------------------------------------------------------------------------------------

class WorkerGroup(Answer):
    id: int
    origin: str | None
    count_min: int | None
    count_max: int | None
    count_qualifier: _literal(COUNT_QUALIFIERS)
    gender_note: str
    age_note: str
    children_involved: bool | None
    note: str

    @classmethod
    def of(cls, group) -> WorkerGroup:
        return cls.model_validate({name: getattr(group, name) for name in cls.model_fields})


# A number stays as stored (16, not 16.0): int before float.
_FACT_TYPES = {"number": int | float, "integer": int, "boolean": bool}

Conditions = create_model(
    "Conditions",
    __base__=Answer,
    __doc__="Every key present; null means unknown, which is not 'no'.",
    **{fact.key: (_FACT_TYPES.get(fact.kind, str) | None, ...) for fact in FACTS},
    **{fact.key + NOTE_SUFFIX: (str | None, ...) for fact in FACTS},
)


class CasePartyLink(Answer):
    id: int
    party_id: int
    name: str
    kind: _literal(PARTY_KINDS)
    role: _literal(PARTY_KINDS)
    note: str

    @classmethod
    def of(cls, link) -> CasePartyLink:
        return cls(id=link.id, party_id=link.party_id, name=link.party.name, kind=link.party.kind,
                   role=link.role, note=link.note)


class Action(Answer):
    id: int
    kind: _literal(ACTION_KINDS)
    date: str | None
    outcome: str


PARTIAL_DATE = "YYYY, YYYY-MM or YYYY-MM-DD as given"


class Case(Answer):
    id: int
    reference: str = Field(examples=["DEMO-2026-0007"])
    title: str
    summary: str
    status: _literal(STATUSES)
    assignee_id: int | None
    confidentiality: _literal(CONFIDENTIALITY)
    country: str | None = Field(description="ISO 3166-1 alpha-2")
    region: str
    worksite: str
    sector: _literal(SECTORS)
    period_start: str | None = Field(description=PARTIAL_DATE)
    period_end: str | None = Field(description=PARTIAL_DATE)
    worker_groups: list[WorkerGroup]
    conditions: Conditions  # type: ignore[valid-type]
    parties: list[CasePartyLink]
    actions: list[Action]
    version: int
    status_changed_at: Timestamp
    created_by_id: int
    created_at: Timestamp
    updated_at: Timestamp

    @classmethod
    def of(cls, case, links=()) -> Case:
        return cls(
            id=case.id, reference=case.reference, title=case.title, summary=case.summary, status=case.status,
            assignee_id=case.assignee_id, confidentiality=case.confidentiality, country=case.country,
            region=case.region, worksite=case.worksite, sector=case.sector, period_start=case.period_start,
            period_end=case.period_end, worker_groups=[WorkerGroup.of(g) for g in case.worker_groups],
            conditions=Conditions.model_validate(empty() | (case.conditions or {})),
            parties=[CasePartyLink.of(link) for link in links],
            actions=[Action(id=a.id, kind=a.kind, date=a.date, outcome=a.outcome) for a in case.actions],
            version=case.version, status_changed_at=isoformat(case.status_changed_at),
            created_by_id=case.created_by_id, created_at=isoformat(case.created_at),
            updated_at=isoformat(case.updated_at))


class Comment(Answer):
    id: int
    case_id: int
    author_id: int
    author: str
    body: str
    transition: str | None
    created_at: Timestamp

    @classmethod
    def of(cls, comment) -> Comment:
        return cls(id=comment.id, case_id=comment.case_id, author_id=comment.author_id,
                   author=comment.author.display_name, body=comment.body, transition=comment.transition,
                   created_at=isoformat(comment.created_at))


# --- parties -----------------------------------------------------------------------------------

class Party(Answer):
    id: int
    name: str
    kind: _literal(PARTY_KINDS)
    country: str | None
    registration_number: str
    aliases: list[str]
    note: str
    version: int
    created_at: Timestamp
    updated_at: Timestamp

    @classmethod
    def fields_of(cls, party) -> dict[str, Any]:
        return {"id": party.id, "name": party.name, "kind": party.kind, "country": party.country,
                "registration_number": party.registration_number, "aliases": list(party.aliases or []),
                "note": party.note, "version": party.version, "created_at": isoformat(party.created_at),
                "updated_at": isoformat(party.updated_at)}

    @classmethod
    def of(cls, party) -> Party:
        return cls(**cls.fields_of(party))


class SimilarParty(Answer):
    id: int
    name: str
    score: float
    matched: str


class PartyCreated(Party):
    """The new party and the existing ones whose names are close (possible duplicates)."""

    similar: list[SimilarParty]

    @classmethod
    def of(cls, created) -> PartyCreated:  # type: ignore[override]
        similar = [SimilarParty(id=m.id, name=m.name, score=m.score, matched=m.matched) for m in created.similar]
        return cls(**Party.fields_of(created.party), similar=similar)


class PartyCase(Answer):
    id: int
    reference: str
    title: str
    role: str


class PartyWithCases(Party):
    """A party and the cases it appears in that the reader may see."""

    cases: list[PartyCase]

    @classmethod
    def of(cls, party, cases=()) -> PartyWithCases:  # type: ignore[override]
        return cls(**Party.fields_of(party), cases=[
            PartyCase(id=case.id, reference=case.reference, title=case.title, role=link.role)
            for case, link in cases])


# --- people ------------------------------------------------------------------------------------

class Person(Answer):
    id: int
    case_id: int
    name: str
    aliases: list[str]
    contact: str
    document_numbers: str
    notes: str
    role: _literal(PERSON_ROLES)
    consent: _literal(CONSENT)
    consent_date: str | None = Field(json_schema_extra={"format": "date"})
    risk: _literal(RISK)
    version: int
    created_at: Timestamp
    updated_at: Timestamp

    @classmethod
    def of(cls, person) -> Person:
        return cls(id=person.id, case_id=person.case_id, name=person.name, aliases=list(person.aliases or []),
                   contact=person.contact, document_numbers=person.document_numbers, notes=person.notes,
                   role=person.role, consent=person.consent,
                   consent_date=person.consent_date.isoformat() if person.consent_date else None,
                   risk=person.risk, version=person.version, created_at=isoformat(person.created_at),
                   updated_at=isoformat(person.updated_at))


# --- sources and evidence ----------------------------------------------------------------------

class SourceMediaInfo(Answer):
    kind: Literal["image", "audio", "video"]
    width: int | None = Field(description="Pixels, of an image or a video's picture")
    height: int | None
    duration: float | None = Field(description="Seconds, of a recording")
    pages: int | None = Field(description="Pages of a multi-page TIFF")
    details: dict[str, Any] | None = Field(
        description="What the file says of itself: captured_at, device, gps {latitude, longitude}, codecs, format. "
                    "null for readers without need-to-know for the cases citing it (it can locate whoever took it)")
    preview: bool = Field(description="Whether GET /api/v1/sources/<id>/preview has an image")

    @classmethod
    def of(cls, found, shows_content: bool) -> SourceMediaInfo:
        return cls(kind=found.kind, width=found.width, height=found.height, duration=found.duration,
                   pages=found.pages, details=dict(found.details or {}) if shows_content else None,
                   preview=bool(found.preview_sha256))


class Source(Answer):
    id: int
    origin: _literal(("url", "upload", "paste"))
    kind: _literal(SOURCE_KINDS)
    language: str
    reliability: _literal(RELIABILITY)
    reliability_note: str
    title: str
    publisher: str
    author: str
    published_on: str | None
    url: str | None
    final_url: str | None
    http_status: int | None
    http_headers: dict[str, Any]
    content_type: str
    filename: str
    size: int
    sha256: str = Field(description="SHA-256 of the preserved bytes")
    revision: int
    text_sha256: str = Field(description="SHA-256 of the current text")
    retrieved_at: Timestamp
    created_at: Timestamp
    media: SourceMediaInfo | None = Field(None, description="A photo, scan or recording: what it is (null for "
                                                             "documents)")

    @classmethod
    def of(cls, source) -> Source:
        text = source.current_text
        media = None
        if source.media is not None:
            shows = permissions.can_view_media(current_user, source, services.citations(source))
            media = SourceMediaInfo.of(source.media, shows)
        return cls(
            id=source.id, origin=source.origin, kind=source.kind, language=source.language,
            reliability=source.reliability, reliability_note=source.reliability_note, title=source.title,
            publisher=source.publisher, author=source.author, published_on=source.published_on, url=source.url,
            final_url=source.final_url, http_status=source.http_status, http_headers=source.http_headers or {},
            content_type=source.content_type, filename=source.filename, size=source.size, sha256=source.sha256,
            revision=text.revision, text_sha256=text.text_sha256, retrieved_at=isoformat(source.retrieved_at),
            created_at=isoformat(source.created_at), media=media)


REDACTED = ("The text is shown with the people you have no need-to-know for replaced by their codes ([W-1]...); "
            "offsets and hashes still refer to the stored text")


class SourceText(Answer):
    revision: int
    text: str
    text_sha256: str = Field(description="SHA-256 of the stored text (not of a redacted one)")
    redacted: bool = Field(description=REDACTED)

    @classmethod
    def of(cls, text) -> SourceText:
        shown = disclosure.redact(text.text)
        return cls(revision=text.revision, text=shown, text_sha256=text.text_sha256, redacted=shown != text.text)


class Revision(Answer):
    revision: int
    text_sha256: str
    reason: str

    @classmethod
    def of(cls, text) -> Revision:
        return cls(revision=text.revision, text_sha256=text.text_sha256, reason=text.reason)


class Excerpt(Answer):
    id: int
    case_id: int
    source_id: int
    revision: int
    start: int = Field(description="Unicode code points into the revision's text, as Python indexes a string")
    end: int
    quote: str = Field(description="text[start:end] of that revision, exactly (unless `redacted`)")
    credibility: int = Field(ge=1, le=6)
    translation: str | None
    translation_by: str | None
    translation_by_kind: str | None
    translated_at: OptionalTimestamp
    created_at: Timestamp
    redacted: bool = Field(description=REDACTED)
    time_range: list[int] | None = Field(
        None, description="[start_ms, end_ms] of the recording the quote comes from, for a quote of a transcript")

    @classmethod
    def of(cls, excerpt) -> Excerpt:
        shown = disclosure.redact(excerpt.quote)
        heard = transcripts.time_range(excerpt.text.segments, excerpt.start, excerpt.end)
        return cls(id=excerpt.id, case_id=excerpt.case_id, source_id=excerpt.source_id,
                   revision=excerpt.text.revision, start=excerpt.start, end=excerpt.end, quote=shown,
                   redacted=shown != excerpt.quote,
                   credibility=excerpt.credibility, translation=excerpt.translation or None,
                   translation_by=excerpt.translation_by or None, translation_by_kind=excerpt.translation_by_kind,
                   translated_at=isoformat(excerpt.translated_at), created_at=isoformat(excerpt.created_at),
                   time_range=list(heard) if heard else None)


class Evidence(Answer):
    id: int
    case_id: int
    fact: str
    worker_group_id: int | None
    value: JsonValue
    excerpt_id: int
    created_at: Timestamp

    @classmethod
    def of(cls, item) -> Evidence:
        return cls(id=item.id, case_id=item.case_id, fact=item.fact, worker_group_id=item.worker_group_id,
                   value=item.value, excerpt_id=item.excerpt_id, created_at=isoformat(item.created_at))


class FactValue(Answer):
    value: JsonValue
    excerpt_ids: list[int]


class Retained(Answer):
    value: JsonValue
    note: str
    decided_by_id: int | None
    decided_at: Timestamp


class Fact(Answer):
    fact: str
    worker_group_id: int | None
    contradiction: bool = Field(description="Sources disagree, or the record holds a value no quote gives")
    values: list[FactValue]
    retained: Retained | None
    recorded: JsonValue = Field(description="The value the record holds now (typed, or retained)")

    @classmethod
    def of(cls, view) -> Fact:
        decision = view.decision
        return cls(
            fact=view.fact, worker_group_id=view.worker_group.id if view.worker_group else None,
            contradiction=view.contradiction, recorded=view.recorded,
            values=[FactValue(value=value, excerpt_ids=[item.excerpt_id for item in items])
                    for value, items in view.values],
            retained=None if decision is None else Retained(
                value=decision.value, note=decision.note, decided_by_id=decision.decided_by_id,
                decided_at=isoformat(decision.decided_at)))


# --- the ILO assessment ------------------------------------------------------------------------

class Finding(Answer):
    indicator: _literal(IDS)
    status: _literal(FINDING_STATUSES)
    stages: list[_literal(STAGES)]
    excerpt_ids: list[int]
    note: str
    signed_off: bool
    signed_off_by_id: int | None
    signed_off_at: OptionalTimestamp
    changed_by_id: int
    changed_at: Timestamp
    contributor_ids: list[int] = Field(description="Who recorded or changed it since its last sign-off: "
                                                   "none of them may sign it off")
    version: int = Field(description="Send it back when signing off: a finding changed since is refused")

    @classmethod
    def of(cls, finding) -> Finding:
        return cls(indicator=finding.indicator, status=finding.status, stages=list(finding.stages or []),
                   excerpt_ids=[e.id for e in finding.excerpts], note=finding.note,
                   signed_off=finding.signed_off, signed_off_by_id=finding.signed_off_by_id,
                   signed_off_at=isoformat(finding.signed_off_at), changed_by_id=finding.changed_by_id,
                   changed_at=isoformat(finding.changed_at), contributor_ids=list(finding.contributor_ids or []),
                   version=finding.version)


class Accepted(RootModel[Finding | Evidence]):
    """What accepting a proposal made: the finding (for an indicator) or the evidence (for a fact)."""


class Stage(Answer):
    involuntariness: list[str]
    penalty: list[str]
    met: _literal(("established", "possible", "no"))


Stages = create_model("Stages", __base__=Answer, **{stage: (Stage, ...) for stage in STAGES})


class ReasonCode(Answer):
    """A reason as its code and parameters (indicator ids, a stage, "firm" or "counting", an outcome, ISO dates):
    `reasons` holds the same in English, and an app writes it in its reader's language from these."""

    code: _literal(tuple(rules.ENGLISH)) | None = Field(description="null for a reason saved before codes")
    params: dict[str, Any]


class Track(Answer):
    applies: bool
    reasons: list[str] = Field(description="in English")
    reason_codes: list[ReasonCode]


class ChildrenTrack(Track):
    forced_labour: str | None


class Sanction(Answer):
    instrument: str
    provision: str
    reason: str = Field(description="in English")
    reason_code: ReasonCode


class Assessment(Answer):
    """The determination under the ILO rules, with its reasons, the separate tracks and the findings it used."""

    forced_labour: _literal(("established", "possible", "not_established"))
    stages: Stages  # type: ignore[valid-type]
    state_imposed: Track
    children: ChildrenTrack
    sanctions: list[Sanction]
    reasons: list[str] = Field(description="in English, one per line of the reasoning")
    reason_codes: list[ReasonCode] = Field(description="the same reasons as codes with parameters, in order")
    rules_version: str
    findings: list[Finding]

    @classmethod
    def of(cls, determination, findings) -> Assessment:
        return cls.model_validate(determination.as_dict() | {"findings": [Finding.of(f) for f in findings]})


class Suggestion(Answer):
    indicator: _literal(IDS)
    start: int
    end: int
    quote: str = Field(description="text[start:end], exactly")
    cue: str
    confidence: float = Field(ge=0, le=1)


class SuggestedFact(Answer):
    value: JsonValue
    start: int
    end: int
    quote: str


class Suggestions(Answer):
    language: str
    suggestions: list[Suggestion]
    facts: dict[str, SuggestedFact] = Field(description="conditions keys and workers_count")

    @classmethod
    def of(cls, analysis) -> Suggestions:
        return cls.model_validate(analysis.as_dict())


class ProposedFact(SuggestedFact):
    fact: str


class Proposals(Answer):
    """Open proposals for a source and a case: the ones dismissed or accepted before are left out."""

    language: str
    suggestions: list[Suggestion]
    facts: list[ProposedFact]
    truncated: bool = Field(description="The source is longer than SUGGEST_MAX_CHARS: only its first "
                                        "read_chars characters were read.")
    read_chars: int
    text_chars: int

    @classmethod
    def of(cls, found) -> Proposals:
        return cls(
            language=found.language,
            suggestions=[Suggestion(indicator=p.name, start=p.start, end=p.end, quote=p.quote, cue=p.cue,
                                    confidence=p.confidence) for p in found.items if p.kind == "indicator"],
            facts=[ProposedFact(fact=p.name, value=p.value, start=p.start, end=p.end, quote=p.quote)
                   for p in found.items if p.kind == "fact"],
            truncated=found.truncated, read_chars=found.read_chars, text_chars=found.text_chars)


# --- reports -----------------------------------------------------------------------------------

class ExportDecision(Answer):
    """A second person's decision, where the organisation asks for approval of advocates' exports."""

    decision: _literal(("approved", "refused"))
    decided_by: str
    decided_at: OptionalTimestamp
    reason: str


class Export(Answer):
    """An export (a case report or dossier kept for download, a portfolio): its job and, where asked for,
    its approval. The export history shows the state `done` as "ready"."""

    id: int
    kind: str
    profile: str
    case_ids: list[int]
    state: _literal(("awaiting_approval", "refused", "queued", "running", "done", "failed"))
    progress: int = Field(ge=0, le=100)
    message: str
    requested_by: str
    created_at: OptionalTimestamp
    finished_at: OptionalTimestamp
    pages: int | None
    pdf_sha256: str | None
    manifest_sha256: str | None
    download_url: str | None = Field(description="Set when done, for the person who asked for it")
    manifest_url: str | None
    approval: ExportDecision | None = Field(description="Set once a coordinator or admin approved or refused it")


DossierJob = Export  # the dossier endpoints answer an Export of kind "dossier"


class WorkerTotals(Answer):
    min: int
    max: int
    groups_without_count: int


class IndicatorCount(Answer):
    indicator: _literal(IDS)
    present: int
    suspected: int


class Determinations(Answer):
    established: int
    possible: int
    not_established: int


class CountryCount(Answer):
    country: str | None
    cases: int


class SectorCount(Answer):
    sector: str
    cases: int


class StatusCount(Answer):
    status: str
    cases: int


class YearCount(Answer):
    year: int
    cases: int


class Portfolio(Answer):
    """Figures over the cases visible to the reader, narrowed by the case-list filters."""

    generated_at: Timestamp
    filters: dict[str, Any]
    published_only: bool
    cases: int
    workers: WorkerTotals
    indicators: list[IndicatorCount]
    determinations: Determinations
    state_imposed: int
    sanctions: dict[str, int]
    by_country: list[CountryCount]
    by_sector: list[SectorCount]
    by_status: list[StatusCount]
    timeline: list[YearCount]
    undated: int


# --- lists -------------------------------------------------------------------------------------

class Page(Answer):
    """A page of a list: `next_cursor` is given back as `cursor` for the next page; null on the last."""

    next_cursor: str | None


class CaseList(Page):
    items: list[Case]


class CommentList(Page):
    items: list[Comment]


class PartyList(Page):
    items: list[Party]


class PersonList(Page):
    items: list[Person]


class SourceList(Page):
    items: list[Source]


class ExcerptList(Page):
    items: list[Excerpt]


class FactList(Page):
    items: list[Fact]


class SearchResult(Answer):
    """One thing a search found. Person records are never results."""

    kind: Annotated[str, WithJsonSchema({"type": "string", "enum": ["case", "source", "excerpt", "party",
                                                                    "comment"]})]
    id: int = Field(description="The id of the case, source, excerpt (quote), party or comment")
    case_id: int | None = Field(description="The case it is in: a case's own id, a quote's or a comment's case; "
                                            "null for a source or a party")
    title: str = Field(description="A case's title, a source's title (or address), a quote's source, a party's "
                                   "name, a comment's case")
    snippet: str = Field(description="The piece of its text that holds the words (line breaks as spaces, "
                                     "… where text is left out)")
    highlights: list[tuple[int, int]] = Field(description="[start, end) of each word found, as offsets into "
                                                          "snippet (Unicode code points)")

    @classmethod
    def of(cls, result) -> "SearchResult":
        return cls(kind=result.kind, id=result.id, case_id=result.case_id, title=result.title,
                   snippet=result.snippet, highlights=[list(pair) for pair in result.highlights])


class FacetValue(Answer):
    value: str = Field(description="The value to filter by (a party's id for `party`)")
    label: str = Field(description="A party's name; empty for the other facets, whose values are codes")
    count: int = Field(description="How many results have it")


SEARCH_FACETS = FACETS  # the search's own list: a facet it counts is a field of the answer
Facets = create_model("Facets", __base__=Answer, **{name: (list[FacetValue], ...) for name in SEARCH_FACETS})


class SearchAnswer(Answer):
    items: list[SearchResult]
    facets: Facets = Field(description="Counts of all the results (not only this page) by each facet, largest "
                                       "first (years newest first); a facet's `value` is the filter that narrows "
                                       "to it. A result counts under every case it belongs to (a source under "
                                       "the cases citing it)")
    facets_complete: bool = Field(description="false when there are more results than the facets count: the "
                                              "newest 2,000 (when people are hidden from you, those of the newest "
                                              "500 found that hold the words as you see them)")
    next_cursor: str | None

    @classmethod
    def of(cls, found) -> "SearchAnswer":
        return cls(items=[SearchResult.of(result) for result in found.items],
                   facets=Facets(**{name: [FacetValue(value=v.value, label=v.label, count=v.count)
                                           for v in found.facets.get(name, [])] for name in SEARCH_FACETS}),
                   facets_complete=found.facets_complete, next_cursor=found.next_cursor)


class ExportList(Page):
    items: list[Export]


# --- errors ------------------------------------------------------------------------------------

class ErrorDetail(Answer):
    code: str
    message: str
    fields: dict[str, str] = Field(description="Per-field messages for 'invalid'; nested fields as 'a.0.b'.")


class Error(Answer):
    """Every error answer: {"error": {code, message, fields}}, and with some codes one more key."""

    model_config = ConfigDict(extra="allow")

    error: ErrorDetail
    current: dict[str, Any] | None = Field(None, description="With 'conflict': the record as it is now (a case, "
                                                             "a party, a person or a finding).")


class TransitionState(Answer):
    status: _literal(STATUSES)


class InvalidTransition(Error):
    """error.code is 'invalid_transition'; current.status is the case's status now."""

    current: TransitionState  # type: ignore[assignment]


ANSWERS: tuple[type[Answer], ...] = (
    Me, Meta, Case, CaseList, Comment, CommentList, CasePartyLink, Party, PartyCreated, PartyWithCases, PartyList,
    Person, PersonList, Source, SourceList, SourceText, Revision, Excerpt, ExcerptList, Evidence, Fact,
    FactList, Finding, Accepted, Assessment, Suggestions, Proposals, Export, ExportList, Portfolio, SearchAnswer, Error,
    InvalidTransition)
