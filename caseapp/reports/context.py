"""What a report says, read from the stored record: the case, its evidence, its assessment, its history.

Everything a report prints comes from here, never retyped, so a report can be
traced back to the record it was made from. These are plain values; the
templates lay them out and the redaction of the `advocate` profile is applied
when they are rendered (caseapp.reports.rendering).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select

from caseapp.assessment.models import Assessment
from caseapp.assessment.services import determination, findings_of
from caseapp.audit.models import AuditEntry
from caseapp.audit.services import case_history
from caseapp.auth.models import User
from caseapp.cases import conditions
from caseapp.cases.models import Case
from caseapp.extensions import db
from caseapp.ilo import rules
from caseapp.ilo.catalogue import INDICATORS
from caseapp.parties.services import links_of_case
from caseapp.persons.models import Person
from caseapp.protection.redaction import PersonTerms
from caseapp.sources.evidence import excerpts_of_case, facts_of_case
from caseapp.sources.models import CaseSource, Excerpt, Source
from caseapp.sources import transcripts

INTERNAL, ADVOCATE = "internal", "advocate"
PROFILES = (INTERNAL, ADVOCATE)
# History entries a reader of a report wants one by one; the rest are counted.
KEY_ACTIONS = frozenset({"case.create", "case.transition", "case.assign", "finding.signoff", "fact.retain",
                         "report.export", "report.approve", "case_source.create"})


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class QuoteView:
    excerpt_id: int
    source_id: int
    source_title: str
    source_publisher: str
    published_on: str | None
    reliability: str
    credibility: int
    quote: str
    quote_sha256: str
    start: int
    end: int
    text_revision: int
    text_sha256: str
    translation: str
    translation_by: str
    case_reference: str
    time_range: str = ""  # "0:01:02–0:01:10" for a quote of a recording's transcript


@dataclass(frozen=True)
class IndicatorView:
    id: str
    name: str
    status: str | None  # None: not assessed
    stages: tuple[str, ...]
    note: str
    changed_by: str
    changed_at: datetime | None
    signed_off_by: str
    signed_off_at: datetime | None
    quotes: tuple[QuoteView, ...]


@dataclass(frozen=True)
class FactValueView:
    value: Any
    quotes: tuple[QuoteView, ...]


@dataclass(frozen=True)
class FactView:
    key: str
    label_key: str  # a condition key, or "workers_count"
    group_label: str
    values: tuple[FactValueView, ...]
    retained: Any
    retained_note: str
    retained_by: str
    contradiction: bool
    recorded_differs: Any = None  # the record's value, where no quote gives it


@dataclass(frozen=True)
class SourceView:
    id: int
    title: str
    publisher: str
    author: str
    kind: str
    language: str
    reliability: str
    published_on: str | None
    url: str | None
    final_url: str | None
    retrieved_at: datetime
    sha256: str
    size: int
    text_revision: int
    text_sha256: str
    origin: str


@dataclass(frozen=True)
class PersonView:
    id: int
    role: str
    consent: str
    risk: str
    name: str
    aliases: tuple[str, ...]
    contact: str
    document_numbers: str
    notes: str


@dataclass(frozen=True)
class HistoryItem:
    at: datetime
    actor: str
    action: str
    old_status: str | None = None  # status changes
    new_status: str | None = None
    indicators: tuple[str, ...] = ()  # findings signed off
    facts: tuple[str, ...] = ()  # values retained
    export_kind: str | None = None  # exports
    export_profile: str | None = None
    export_sha256: str | None = None


@dataclass(frozen=True)
class CaseReport:
    id: int
    reference: str
    title: str
    summary: str
    status: str
    confidentiality: str
    country: str | None
    region: str
    worksite: str
    sector: str
    period_start: str | None
    period_end: str | None
    version: int
    updated_at: datetime
    created_at: datetime
    created_by: str
    assignee: str
    worker_groups: tuple[dict[str, Any], ...]
    conditions: tuple[tuple[str, Any, str], ...]  # (key, value, note) of the known conditions
    actions: tuple[dict[str, Any], ...]
    parties: tuple[dict[str, Any], ...]
    persons: tuple[PersonView, ...]
    facts: tuple[FactView, ...]
    determination: rules.Determination
    assessed_at: datetime | None
    assessed_rules_version: str | None
    indicators: tuple[IndicatorView, ...]
    sources: tuple[SourceView, ...]
    quotes: tuple[QuoteView, ...]
    history: tuple[HistoryItem, ...]
    history_other: int
    person_terms: tuple[PersonTerms, ...] = field(default=(), repr=False)


def _user_label(user: User | None) -> str:
    if user is None:
        return ""
    return user.full_name or user.email


def _quote(excerpt: Excerpt, reference: str) -> QuoteView:
    source = excerpt.source
    return QuoteView(
        excerpt_id=excerpt.id, source_id=source.id, source_title=source.title or source.filename or source.url or "",
        source_publisher=source.publisher, published_on=source.published_on, reliability=source.reliability,
        credibility=excerpt.credibility, quote=excerpt.quote, quote_sha256=sha256_text(excerpt.quote),
        start=excerpt.start, end=excerpt.end, text_revision=excerpt.text.revision,
        text_sha256=excerpt.text.text_sha256, translation=excerpt.translation,
        translation_by=excerpt.translation_by, case_reference=reference, time_range=_heard(excerpt),
    )


def _heard(excerpt: Excerpt) -> str:
    heard = transcripts.time_range(excerpt.text.segments, excerpt.start, excerpt.end)
    return transcripts.span_label(heard) if heard else ""


def _source(source: Source) -> SourceView:
    text = source.current_text
    return SourceView(
        id=source.id, title=source.title or source.filename or source.url or "", publisher=source.publisher,
        author=source.author, kind=source.kind, language=source.language, reliability=source.reliability,
        published_on=source.published_on, url=source.url, final_url=source.final_url,
        retrieved_at=source.retrieved_at, sha256=source.sha256, size=source.size, text_revision=text.revision,
        text_sha256=text.text_sha256, origin=source.origin,
    )


def _persons(case: Case) -> list[Person]:
    return list(db.session.scalars(select(Person).where(Person.case_id == case.id).order_by(Person.id)))


def _terms(person: Person) -> PersonTerms:
    """What redaction needs to know of a person."""
    return PersonTerms(person.id, person.role, person.name, tuple(person.aliases or ()), person.contact,
                       person.document_numbers)


def other_people(organisation_id: int, case_ids: list[int]) -> list[PersonTerms]:
    """Everyone the organisation has recorded outside these cases, for redaction only."""
    rows = db.session.scalars(select(Person).where(Person.organisation_id == organisation_id,
                                                   Person.case_id.not_in(case_ids))
                              .order_by(Person.case_id, Person.id))
    return [_terms(p) for p in rows]


def _history(case: Case) -> tuple[list[HistoryItem], int]:
    items, other = [], 0
    for entry in case_history(case):
        if entry.action not in KEY_ACTIONS:
            other += 1
            continue
        changes = entry.changes or {}
        status = changes.get("status") if isinstance(changes.get("status"), dict) else {}
        keys = [key for key in changes if isinstance(changes.get(key), dict)]
        items.append(HistoryItem(
            entry.created_at, entry.actor_label, entry.action,
            old_status=status.get("old"), new_status=status.get("new"),
            indicators=tuple(key.split(".")[0] for key in keys) if entry.action == "finding.signoff" else (),
            facts=tuple(key for key in keys) if entry.action == "fact.retain" else (),
            export_kind=changes.get("kind") if entry.action == "report.export" else None,
            export_profile=changes.get("profile") if entry.action == "report.export" else None,
            export_sha256=changes.get("pdf_sha256") if entry.action == "report.export" else None,
        ))
    return items, other


def _fact_views(case: Case, quotes: dict[int, QuoteView]) -> list[FactView]:
    views = []
    for view in facts_of_case(case):
        group = view.worker_group
        group_label = ""
        if group is not None:
            group_label = f"#{case.worker_groups.index(group) + 1}" if group in case.worker_groups else ""
        values = tuple(FactValueView(value, tuple(quotes[e.excerpt_id] for e in items if e.excerpt_id in quotes))
                       for value, items in view.values)
        decision = view.decision
        views.append(FactView(
            key=view.fact, label_key=view.fact, group_label=group_label, values=values,
            retained=decision.value if decision else None, retained_note=decision.note if decision else "",
            retained_by=_user_label(decision.decided_by) if decision else "", contradiction=view.contradiction,
            recorded_differs=view.recorded if view.typed_disagrees else None,
        ))
    return views


def case_report(case: Case) -> CaseReport:
    """Everything the report of one case shows, whatever the profile; redaction comes later."""
    excerpts = excerpts_of_case(case)
    quotes = {e.id: _quote(e, case.reference) for e in excerpts}
    findings = findings_of(case)
    indicators = []
    for indicator in INDICATORS:
        finding = findings.get(indicator.id)
        indicators.append(IndicatorView(
            id=indicator.id, name=indicator.name,
            status=finding.status if finding else None,
            stages=tuple(finding.stages or ()) if finding else (),
            note=finding.note if finding else "",
            changed_by=_user_label(finding.changed_by) if finding else "",
            changed_at=finding.changed_at if finding else None,
            signed_off_by=_user_label(finding.signed_off_by) if finding else "",
            signed_off_at=finding.signed_off_at if finding else None,
            quotes=tuple(quotes[e.id] for e in finding.excerpts if e.id in quotes) if finding else (),
        ))
    latest = db.session.scalar(select(Assessment).where(Assessment.case_id == case.id)
                               .order_by(Assessment.id.desc()).limit(1))
    links = links_of_case(case)
    sources = db.session.scalars(select(Source).join(CaseSource, CaseSource.source_id == Source.id)
                                 .where(CaseSource.case_id == case.id).order_by(CaseSource.id))
    persons = _persons(case)
    history, other = _history(case)
    known = case.conditions or {}
    condition_rows = tuple(
        (fact.key, known.get(fact.key), known.get(fact.key + conditions.NOTE_SUFFIX) or "")
        for fact in conditions.FACTS
        if known.get(fact.key) is not None or known.get(fact.key + conditions.NOTE_SUFFIX)
    )
    return CaseReport(
        id=case.id, reference=case.reference, title=case.title, summary=case.summary, status=case.status,
        confidentiality=case.confidentiality, country=case.country, region=case.region, worksite=case.worksite,
        sector=case.sector, period_start=case.period_start, period_end=case.period_end, version=case.version,
        updated_at=case.updated_at, created_at=case.created_at, created_by=_user_label(case.created_by),
        assignee=_user_label(case.assignee),
        worker_groups=tuple({"number": i + 1, "origin": g.origin, "count_min": g.count_min,
                             "count_max": g.count_max, "count_qualifier": g.count_qualifier,
                             "gender_note": g.gender_note, "age_note": g.age_note,
                             "children_involved": g.children_involved, "note": g.note}
                            for i, g in enumerate(case.worker_groups)),
        conditions=condition_rows,
        actions=tuple({"kind": a.kind, "date": a.date, "outcome": a.outcome} for a in case.actions),
        parties=tuple({"name": link.party.name, "kind": link.party.kind, "role": link.role,
                       "country": link.party.country, "registration_number": link.party.registration_number,
                       "note": link.note} for link in links),
        persons=tuple(PersonView(p.id, p.role, p.consent, p.risk, p.name, tuple(p.aliases or ()), p.contact,
                                 p.document_numbers, p.notes) for p in persons),
        facts=tuple(_fact_views(case, quotes)),
        determination=determination(case),
        assessed_at=latest.created_at if latest else None,
        assessed_rules_version=latest.rules_version if latest else None,
        indicators=tuple(indicators),
        sources=tuple(_source(s) for s in sources),
        quotes=tuple(quotes.values()),
        history=tuple(history), history_other=other,
        person_terms=tuple(_terms(p) for p in persons),
    )


@dataclass(frozen=True)
class CustodyItem:
    at: datetime
    actor: str
    action: str
    case_reference: str
    object_type: str


CUSTODY_ACTIONS = frozenset({
    "case.create", "case.update", "case.transition", "case.assign", "finding.record", "finding.signoff",
    "source.create", "source.update", "source.revise", "case_source.create", "excerpt.create",
    "fact_evidence.create", "fact.retain", "report.request", "report.approve", "report.refuse", "report.export", "cases.export",
})


def custody_log(cases: list[Case], references: dict[int, str]) -> list[CustodyItem]:
    """Who created, changed, reviewed and exported what, and when, for these cases: oldest first."""
    items = []
    born = {case.id: case.created_at for case in cases}
    organisation_ids = {case.organisation_id for case in cases}
    case_ids = list(born)
    for start in range(0, len(case_ids), 500):
        chunk = case_ids[start:start + 500]
        rows = db.session.scalars(select(AuditEntry).where(
            AuditEntry.case_id.in_(chunk), AuditEntry.action.in_(CUSTODY_ACTIONS),
            or_(AuditEntry.organisation_id.in_(organisation_ids), AuditEntry.organisation_id.is_(None))))
        # Only entries written since each case was made: SQLite may have given its id to an older one.
        items.extend(CustodyItem(e.created_at, e.actor_label, e.action, references.get(e.case_id, ""),
                                 e.object_type) for e in rows if e.created_at >= born[e.case_id])
    return sorted(items, key=lambda item: item.at)
