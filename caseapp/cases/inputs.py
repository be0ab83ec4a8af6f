"""The shape of a case as clients send it (API and imports): strict pydantic models."""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, create_model

from caseapp.cases import workflow
from caseapp.cases.conditions import FACTS, NOTE_SUFFIX
from caseapp.cases.vocab import ACTION_KINDS, CONFIDENTIALITY, COUNT_QUALIFIERS, SECTORS
from caseapp.cases.limits import (ACTIONS_MAX, COMMENT_MAX, GROUP_NOTE_MAX, GROUPS_MAX, NOTE_MAX,  # noqa: F401
                                  REGION_MAX, SUMMARY_MAX, TITLE_MAX, WORKSITE_MAX)



class StrictInput(BaseModel):
    # Unknown fields are refused, never ignored: nothing can be set by surprise.
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


def _literal(values) -> Any:
    return Literal[tuple(values)]  # type: ignore[valid-type]


_FACT_TYPES = {"number": float, "integer": int, "boolean": bool}

ConditionsIn = create_model(
    "ConditionsIn",
    __base__=StrictInput,
    **{fact.key: (Optional[_FACT_TYPES.get(fact.kind, str)], None) for fact in FACTS},
    **{fact.key + NOTE_SUFFIX: (Optional[str], None) for fact in FACTS},
)


class WorkerGroupIn(StrictInput):
    id: int | None = Field(None, description="Give the id to change an existing group; omit it for a new one.")
    origin: str | None = Field(None, description="ISO 3166-1 alpha-2 country of origin")
    count_min: int | None = Field(None, ge=0)
    count_max: int | None = Field(None, ge=0)
    count_qualifier: _literal(COUNT_QUALIFIERS) = "unknown"
    gender_note: str = Field("", max_length=GROUP_NOTE_MAX)
    age_note: str = Field("", max_length=GROUP_NOTE_MAX)
    children_involved: bool | None = None
    note: str = Field("", max_length=NOTE_MAX)


class ActionIn(StrictInput):
    id: int | None = None
    kind: _literal(ACTION_KINDS)
    date: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD")
    outcome: str = Field("", max_length=NOTE_MAX)


class CaseFields(StrictInput):
    summary: str | None = Field(None, max_length=SUMMARY_MAX)
    confidentiality: _literal(CONFIDENTIALITY) | None = None
    assignee_id: int | None = Field(None, description="Coordinators only; caseworkers get 422.")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 country of work, e.g. RU")
    region: str | None = Field(None, max_length=REGION_MAX)
    worksite: str | None = Field(None, max_length=WORKSITE_MAX)
    sector: _literal(SECTORS) | None = None
    period_start: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD, kept as given")
    period_end: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD, kept as given")
    conditions: ConditionsIn | None = None  # type: ignore[valid-type]
    worker_groups: list[WorkerGroupIn] | None = Field(None, max_length=GROUPS_MAX,
                                                      description="The whole list: on a change, groups left out "
                                                                  "are removed.")
    actions: list[ActionIn] | None = Field(None, max_length=ACTIONS_MAX,
                                           description="The whole list: on a change, actions left out are removed.")


class CasePatch(CaseFields):
    version: int = Field(description="The version the change starts from; a stale one gets 409.")
    title: str | None = Field(None, min_length=1, max_length=TITLE_MAX)


def given(model: BaseModel) -> dict[str, Any]:
    """The fields the client actually sent (nested too), without `version`."""
    data = model.model_dump(exclude_unset=True)
    data.pop("version", None)
    return data


# The review: moving a case, assigning it, commenting on it.

class Transition(StrictInput):
    to: _literal(workflow.MOVES) = Field(description="The status to move to: submitted, in_review, returned, verified or closed.")
    comment: str | None = Field(None, max_length=COMMENT_MAX, description="Required when returning a case.")


class Assignment(StrictInput):
    assignee_id: int


class CommentCreate(StrictInput):
    body: str = Field(min_length=1, max_length=COMMENT_MAX)
