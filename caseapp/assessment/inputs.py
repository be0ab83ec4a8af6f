"""What clients send about findings and proposals (the API): strict pydantic models."""
from __future__ import annotations

from pydantic import Field

from caseapp.assessment.limits import NOTE_MAX
from caseapp.cases.inputs import StrictInput, _literal
from caseapp.ilo.catalogue import STAGES, STATUSES


class FindingPut(StrictInput):
    status: _literal(STATUSES)
    stages: list[_literal(STAGES)] = Field(default_factory=list,
                                           description="Required (at least one) for present and suspected")
    excerpt_ids: list[int] = Field(default_factory=list, description="Excerpts of this case supporting it")
    note: str = Field("", max_length=NOTE_MAX)


class SignOff(StrictInput):
    version: int | None = Field(None, description="The finding's version you read: a finding changed since is "
                                                  "refused with 409, so no one signs off a text they did not see.")


class ProposalChoice(StrictInput):
    case_id: int
    indicator: str | None = None
    fact: str | None = None
    start: int
    end: int
    stage: _literal(STAGES) = Field("employment", description="For an indicator: the stage of the new finding")
