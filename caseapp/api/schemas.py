"""What the API takes (pydantic models, strict) and what it gives (plain dicts)."""
from __future__ import annotations

from typing import Any, Literal, Optional

from flask import request
from pydantic import BaseModel, ConfigDict, Field, create_model

from caseapp.cases.conditions import FACTS, NOTE_SUFFIX
from caseapp.cases.models import Case
from caseapp.cases.services import SUMMARY_MAX, TITLE_MAX
from caseapp.cases.vocab import ACTION_KINDS, CONFIDENTIALITY, COUNT_QUALIFIERS, SECTORS
from caseapp.errors import N_, ServiceError
from caseapp.parties.vocab import PARTY_KINDS
from caseapp.persons.vocab import CONSENT, PERSON_ROLES, RISK


class StrictInput(BaseModel):
    # Unknown fields are refused, never ignored: nothing can be set by surprise.
    model_config = ConfigDict(extra="forbid", strict=True)


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
    gender_note: str = Field("", max_length=500)
    age_note: str = Field("", max_length=500)
    children_involved: bool | None = None
    note: str = Field("", max_length=4000)


class ActionIn(StrictInput):
    id: int | None = None
    kind: _literal(ACTION_KINDS)
    date: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD")
    outcome: str = Field("", max_length=4000)


class CaseFields(StrictInput):
    summary: str | None = Field(None, max_length=SUMMARY_MAX)
    confidentiality: _literal(CONFIDENTIALITY) | None = None
    assignee_id: int | None = Field(None, description="Coordinators only; caseworkers get 422.")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 country of work, e.g. RU")
    region: str | None = Field(None, max_length=300)
    worksite: str | None = Field(None, max_length=300)
    sector: _literal(SECTORS) | None = None
    period_start: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD, kept as given")
    period_end: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD, kept as given")
    conditions: ConditionsIn | None = None  # type: ignore[valid-type]
    worker_groups: list[WorkerGroupIn] | None = Field(None, description="The whole list: groups left out are removed.")
    actions: list[ActionIn] | None = Field(None, description="The whole list: actions left out are removed.")


class CaseCreate(CaseFields):
    title: str = Field(min_length=1, max_length=TITLE_MAX)


class CasePatch(CaseFields):
    version: int = Field(description="The version the change starts from; a stale one gets 409.")
    title: str | None = Field(None, min_length=1, max_length=TITLE_MAX)


class PartyCreate(StrictInput):
    name: str = Field(min_length=1, max_length=300)
    kind: _literal(PARTY_KINDS)
    country: str | None = None
    registration_number: str = Field("", max_length=100)
    aliases: list[str] = Field(default_factory=list)
    note: str = Field("", max_length=4000)


class PartyPatch(StrictInput):
    version: int
    name: str | None = Field(None, min_length=1, max_length=300)
    kind: _literal(PARTY_KINDS) | None = None
    country: str | None = None
    registration_number: str | None = Field(None, max_length=100)
    aliases: list[str] | None = None
    note: str | None = Field(None, max_length=4000)


class CasePartyLink(StrictInput):
    party_id: int
    role: _literal(PARTY_KINDS)
    note: str = Field("", max_length=4000)


class PersonFields(StrictInput):
    consent: _literal(CONSENT) | None = None
    consent_date: str | None = Field(None, description="YYYY-MM-DD")
    risk: _literal(RISK) | None = Field(None, description="Informants are 'high' unless given.")
    aliases: list[str] | None = None
    contact: str | None = Field(None, max_length=2000)
    document_numbers: str | None = Field(None, max_length=2000)
    notes: str | None = Field(None, max_length=20_000)


class PersonCreate(PersonFields):
    name: str = Field(min_length=1, max_length=300)
    role: _literal(PERSON_ROLES)


class PersonPatch(PersonFields):
    version: int
    name: str | None = Field(None, min_length=1, max_length=300)
    role: _literal(PERSON_ROLES) | None = None


def given(model: BaseModel) -> dict[str, Any]:
    """The fields the client actually sent (nested too), without `version`."""
    data = model.model_dump(exclude_unset=True)
    data.pop("version", None)
    return data


def json_body() -> dict[str, Any]:
    """The request's JSON object, or a 422 explaining what is wrong with it."""
    body = request.get_json(silent=True, force=True)
    if not isinstance(body, dict):
        raise ServiceError(N_("Send a JSON object as the request body."), "body")
    return body


def isoformat(value) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


def worker_group_json(group) -> dict[str, Any]:
    keys = ("id", "origin", "count_min", "count_max", "count_qualifier", "gender_note", "age_note",
            "children_involved", "note")
    return {key: getattr(group, key) for key in keys}


def case_json(case: Case, links=()) -> dict[str, Any]:
    from caseapp.cases.conditions import empty

    return {
        "id": case.id,
        "reference": case.reference,
        "title": case.title,
        "summary": case.summary,
        "status": case.status,
        "assignee_id": case.assignee_id,
        "confidentiality": case.confidentiality,
        "country": case.country,
        "region": case.region,
        "worksite": case.worksite,
        "sector": case.sector,
        "period_start": case.period_start,
        "period_end": case.period_end,
        "worker_groups": [worker_group_json(g) for g in case.worker_groups],
        "conditions": empty() | (case.conditions or {}),
        "parties": [link_json(link) for link in links],
        "actions": [{"id": a.id, "kind": a.kind, "date": a.date, "outcome": a.outcome} for a in case.actions],
        "version": case.version,
        "created_by_id": case.created_by_id,
        "created_at": isoformat(case.created_at),
        "updated_at": isoformat(case.updated_at),
    }


def link_json(link) -> dict[str, Any]:
    return {"id": link.id, "party_id": link.party_id, "name": link.party.name, "kind": link.party.kind,
            "role": link.role, "note": link.note}


def party_json(party) -> dict[str, Any]:
    return {
        "id": party.id,
        "name": party.name,
        "kind": party.kind,
        "country": party.country,
        "registration_number": party.registration_number,
        "aliases": list(party.aliases or []),
        "note": party.note,
        "version": party.version,
        "created_at": isoformat(party.created_at),
        "updated_at": isoformat(party.updated_at),
    }


def person_json(person) -> dict[str, Any]:
    return {
        "id": person.id,
        "case_id": person.case_id,
        "name": person.name,
        "aliases": list(person.aliases or []),
        "contact": person.contact,
        "document_numbers": person.document_numbers,
        "notes": person.notes,
        "role": person.role,
        "consent": person.consent,
        "consent_date": person.consent_date.isoformat() if person.consent_date else None,
        "risk": person.risk,
        "version": person.version,
        "created_at": isoformat(person.created_at),
        "updated_at": isoformat(person.updated_at),
    }


def user_json(user) -> dict[str, Any]:
    return {
        "id": user.id,
        "email": user.email,
        "full_name": user.full_name,
        "role": user.role,
        "organisation": {"id": user.organisation.id, "name": user.organisation.name, "code": user.organisation.code},
    }
