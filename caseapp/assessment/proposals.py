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


# A page shows this many open proposals of one indicator or fact per source; the rest wait their turn.
SHOWN_PER_NAME = 3


@dataclass(frozen=True)
class OpenProposals:
    """What the engine proposes for a source and a case that nobody has accepted, dismissed or covered yet."""
    language: str
    items: list[Proposal]
    read_chars: int  # a long source is read up to SUGGEST_MAX_CHARS: its pages say so
    text_chars: int
    signed_off: frozenset[str] = frozenset()  # indicators whose finding is signed off: accepting voids that

    @property
    def truncated(self) -> bool:
        return self.read_chars < self.text_chars

    def shown(self, per_name: int = SHOWN_PER_NAME) -> tuple[list[Proposal], int]:
        """What a page lists: per indicator or fact the first few different passages; and how many wait.

        A long source can give a thousand proposals, many of them the same sentence repeated: a page
        that lists them all is too long to read and slow to send.
        """
        shown, seen, counts, waiting = [], set(), {}, 0
        for proposal in self.items:
            if (proposal.name, proposal.quote) in seen or counts.get(proposal.name, 0) >= per_name:
                waiting += 1
                continue
            seen.add((proposal.name, proposal.quote))
            counts[proposal.name] = counts.get(proposal.name, 0) + 1
            shown.append(proposal)
        return shown, waiting


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


def _dismissed(source: Source, case: Case) -> set[tuple[str, int, int]]:
    return {(d.name, d.start, d.end) for d in db.session.scalars(select(DismissedProposal).where(
        DismissedProposal.source_id == source.id, DismissedProposal.case_id == case.id))}


def _evidence(source: Source, case: Case, findings) -> dict[str, list[tuple[int, int]]]:
    """Per indicator or fact, the passages of this source's current text the case already uses for it."""
    quoted = {e.id: (e.start, e.end) for e in db.session.scalars(select(Excerpt).where(
        Excerpt.source_id == source.id, Excerpt.case_id == case.id, Excerpt.text_id == source.current_text.id))}
    used: dict[str, list[tuple[int, int]]] = {}
    for finding in findings.values():
        used.setdefault(finding.indicator, []).extend(quoted[e.id] for e in finding.excerpts if e.id in quoted)
    for item in db.session.scalars(select(FactEvidence).where(FactEvidence.case_id == case.id)):
        if item.excerpt_id in quoted:
            used.setdefault(item.fact, []).append(quoted[item.excerpt_id])
    return used


def _covered(proposal: Proposal, used: dict[str, list[tuple[int, int]]]) -> bool:
    """Accepted already, or its passage overlaps one the case already quotes for the same indicator or fact."""
    return any(start < proposal.end and proposal.start < end for start, end in used.get(proposal.name, ()))


def proposals_for(source: Source, case: Case) -> OpenProposals:
    """The open proposals for this source and case, in text order: not dismissed, accepted or covered."""
    analysis, found = _all(source)
    findings = findings_of(case)
    dismissed, used = _dismissed(source, case), _evidence(source, case, findings)
    open_ones = [p for p in found if (p.name, p.start, p.end) not in dismissed and not _covered(p, used)]
    signed_off = frozenset(indicator for indicator, finding in findings.items() if finding.signed_off)
    return OpenProposals(analysis.language, open_ones, analysis.read_chars, analysis.text_chars, signed_off)


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

