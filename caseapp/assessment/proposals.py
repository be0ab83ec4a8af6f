"""The engine's proposals for a source and a case: shown, accepted (as evidence) or dismissed. The caller commits.

Nothing is accepted automatically. Accepting an indicator proposal quotes the
passage and starts (or extends) a suspected finding; accepting a fact proposal
quotes it and records it as evidence for the fact.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from flask import current_app
from sqlalchemy import select

from caseapp.assessment.models import DismissedProposal
from caseapp.assessment.services import add_excerpt_to_finding, findings_of
from caseapp.audit.services import record
from caseapp.auth.models import User
from caseapp.cases import permissions as case_permissions
from caseapp.cases.models import Case
from caseapp.errors import N_, ServiceError
from caseapp.extensions import db
from caseapp.ilo.catalogue import STAGES
from caseapp.ilo.suggest import Analysis, suggest
from caseapp.sources import evidence
from caseapp.sources.models import Excerpt, FactEvidence, Source, SourceText


@dataclass(frozen=True)
class Proposal:
    kind: str  # "indicator" or "fact"
    name: str
    start: int
    end: int
    quote: str
    cue: str
    confidence: float | None
    value: Any = None


@dataclass(frozen=True)
class OpenProposals:
    """What the engine proposes for a source and a case that nobody has accepted or dismissed yet."""
    language: str
    items: list[Proposal]
    read_chars: int  # a long source is read up to SUGGEST_MAX_CHARS: its pages say so
    text_chars: int

    @property
    def truncated(self) -> bool:
        return self.read_chars < self.text_chars


@lru_cache(maxsize=64)
def _analysis(text_id: int, text_sha256: str, language: str | None, max_chars: int) -> Analysis:
    # A text revision never changes, so its analysis is kept: the assessment page reads every source
    # of the case on each visit. The hash is in the key so that a reused id (SQLite) is never mistaken.
    text = db.session.get(SourceText, text_id).text
    return suggest(text, language, max_chars)


def _all(source: Source) -> tuple[Analysis, list[Proposal]]:
    current = source.current_text
    analysis = _analysis(current.id, current.text_sha256, source.language or None,
                         current_app.config["SUGGEST_MAX_CHARS"])
    found = [Proposal("indicator", s.indicator, s.start, s.end, s.quote, s.cue, s.confidence)
             for s in analysis.suggestions]
    found += [Proposal("fact", key, fact["start"], fact["end"], fact["quote"], fact["quote"], None, fact["value"])
              for key, fact in analysis.facts.items()]
    return analysis, found


def _settled(source: Source, case: Case) -> set[tuple[str, int, int]]:
    """Proposals already dismissed or accepted for this source and case."""
    dismissed = {(d.name, d.start, d.end) for d in db.session.scalars(select(DismissedProposal).where(
        DismissedProposal.source_id == source.id, DismissedProposal.case_id == case.id))}
    quoted = {(e.start, e.end, e.id) for e in db.session.scalars(select(Excerpt).where(
        Excerpt.source_id == source.id, Excerpt.case_id == case.id, Excerpt.text_id == source.current_text.id))}
    by_excerpt = {eid: (start, end) for start, end, eid in quoted}
    accepted = set()
    for finding in findings_of(case).values():
        accepted |= {(finding.indicator, *by_excerpt[e.id]) for e in finding.excerpts if e.id in by_excerpt}
    for item in db.session.scalars(select(FactEvidence).where(FactEvidence.case_id == case.id)):
        if item.excerpt_id in by_excerpt:
            accepted.add((item.fact, *by_excerpt[item.excerpt_id]))
    return dismissed | accepted


def proposals_for(source: Source, case: Case) -> OpenProposals:
    """The open proposals for this source and case, in text order."""
    analysis, found = _all(source)
    settled = _settled(source, case)
    return OpenProposals(analysis.language, [p for p in found if (p.name, p.start, p.end) not in settled],
                         analysis.read_chars, analysis.text_chars)


def _find(source: Source, case: Case, data: dict[str, Any]) -> Proposal:
    name = data.get("indicator") or data.get("fact")
    kind = "indicator" if data.get("indicator") else "fact"
    if not isinstance(name, str) or (data.get("indicator") and data.get("fact")):
        raise ServiceError(N_("Name either an indicator or a fact."), "indicator")
    for proposal in proposals_for(source, case).items:
        if (proposal.kind, proposal.name, proposal.start, proposal.end) == (kind, name, data.get("start"),
                                                                           data.get("end")):
            return proposal
    raise ServiceError(N_("There is no such open proposal for this source and case."), "start")


def accept(source: Source, case: Case, data: dict[str, Any], actor: User, stage: str = "employment"):
    """Quote the proposal's passage and use it: a suspected finding, or evidence for the fact."""
    if not case_permissions.can_edit_case(actor, case):
        raise PermissionError("edit case")
    if stage not in STAGES:
        raise ServiceError(N_("Stages are among: %(choices)s."), "stage", choices=", ".join(STAGES))
    proposal = _find(source, case, data)
    excerpt = evidence.create_excerpt(source, case, {"start": proposal.start, "end": proposal.end,
                                                     "quote": proposal.quote, "credibility": 3}, actor)
    if proposal.kind == "indicator":
        return add_excerpt_to_finding(case, proposal.name, excerpt, stage, actor)
    return evidence.attach_evidence(case, proposal.name, excerpt.id, proposal.value, actor)


def dismiss(source: Source, case: Case, data: dict[str, Any], actor: User) -> DismissedProposal:
    if not case_permissions.can_edit_case(actor, case):
        raise PermissionError("edit case")
    proposal = _find(source, case, data)
    dismissal = DismissedProposal(source_id=source.id, case_id=case.id, name=proposal.name, start=proposal.start,
                                  end=proposal.end, dismissed_by_id=actor.id)
    db.session.add(dismissal)
    db.session.flush()
    record("proposal.dismiss", dismissal, actor, {proposal.name: {"old": None, "new": proposal.quote}},
           organisation_id=case.organisation_id)
    return dismissal

