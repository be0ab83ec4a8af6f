"""What the API takes (pydantic models, strict) and what it gives (plain dicts)."""
from __future__ import annotations

from typing import Any

from flask import request
from pydantic import BaseModel, ConfigDict, Field

from caseapp.cases.models import Case
from caseapp.cases.services import SUMMARY_MAX, TITLE_MAX
from caseapp.cases.vocab import SECTORS
from caseapp.errors import N_, ServiceError


class StrictInput(BaseModel):
    # Unknown fields are refused, never ignored: nothing can be set by surprise.
    model_config = ConfigDict(extra="forbid", strict=True)


class CaseCreate(StrictInput):
    title: str = Field(min_length=1, max_length=TITLE_MAX)
    summary: str = Field("", max_length=SUMMARY_MAX)
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 code, e.g. RU", max_length=2)
    sector: str = Field("other", json_schema_extra={"enum": list(SECTORS)})


def json_body() -> dict[str, Any]:
    """The request's JSON object, or a 422 explaining what is wrong with it."""
    body = request.get_json(silent=True, force=True)
    if not isinstance(body, dict):
        raise ServiceError(N_("Send a JSON object as the request body."), "body")
    return body


def isoformat(value) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


def case_json(case: Case) -> dict[str, Any]:
    return {
        "id": case.id,
        "reference": case.reference,
        "title": case.title,
        "summary": case.summary,
        "country": case.country,
        "sector": case.sector,
        "status": case.status,
        "version": case.version,
        "created_by_id": case.created_by_id,
        "created_at": isoformat(case.created_at),
        "updated_at": isoformat(case.updated_at),
    }


def user_json(user) -> dict[str, Any]:
    return {
        "id": user.id,
        "email": user.email,
        "full_name": user.full_name,
        "role": user.role,
        "organisation": {"id": user.organisation.id, "name": user.organisation.name, "code": user.organisation.code},
    }
