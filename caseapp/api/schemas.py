"""What the API takes (pydantic models, strict) and what it gives (plain dicts)."""
from __future__ import annotations

from typing import Any

from flask import request
from pydantic import Field

from caseapp.cases.inputs import (ActionIn, CaseFields, CasePatch, ConditionsIn, StrictInput,  # noqa: F401
                                  WorkerGroupIn, _literal, given)
from caseapp.parties.records import CaseCreate, PartyByName  # noqa: F401
from caseapp.cases import workflow
from caseapp.cases.models import Case
from caseapp.errors import N_, ServiceError
from caseapp.parties.vocab import PARTY_KINDS
from caseapp.persons.vocab import CONSENT, PERSON_ROLES, RISK


class Transition(StrictInput):
    to: _literal(workflow.MOVES) = Field(description="The status to move to: submitted, in_review, returned, verified or closed.")
    comment: str | None = Field(None, max_length=10_000, description="Required when returning a case.")


class Assignment(StrictInput):
    assignee_id: int


class CommentCreate(StrictInput):
    body: str = Field(min_length=1, max_length=10_000)


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


MAX_ID = 2**31 - 1


def _clean_json(value: Any) -> Any:
    """NUL characters removed (no database keeps them); integers beyond any id refused."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and abs(value) > MAX_ID:
        raise ServiceError(N_("This number is too large."), "body")
    if isinstance(value, list):
        return [_clean_json(item) for item in value]
    if isinstance(value, dict):
        return {key: _clean_json(item) for key, item in value.items()}
    return value


MAX_DEPTH = 32  # no input nests deeper than a few levels


def _too_deep(value: Any) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        stack += [(child, depth + 1) for child in children if isinstance(child, dict | list)]
    return False


def json_body() -> dict[str, Any]:
    """The request's JSON object, or a 422 explaining what is wrong with it."""
    try:
        body = request.get_json(silent=True, force=True)
    except RecursionError:
        body = None  # nested deeper than the parser goes: not an input of ours
    if not isinstance(body, dict) or _too_deep(body):
        raise ServiceError(N_("Send a JSON object as the request body."), "body")
    return _clean_json(body)


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
        "status_changed_at": isoformat(case.status_changed_at),
        "created_by_id": case.created_by_id,
        "created_at": isoformat(case.created_at),
        "updated_at": isoformat(case.updated_at),
    }


def comment_json(comment) -> dict[str, Any]:
    return {"id": comment.id, "case_id": comment.case_id, "author_id": comment.author_id,
            "author": comment.author.display_name, "body": comment.body, "transition": comment.transition,
            "created_at": isoformat(comment.created_at)}


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
