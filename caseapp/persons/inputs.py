"""What clients send about people (the API): strict pydantic models, limits from persons.limits."""
from __future__ import annotations

from pydantic import Field

from caseapp.cases.inputs import StrictInput, _literal
from caseapp.persons.limits import ALIASES_COUNT_MAX, CONTACT_MAX, DOCUMENTS_MAX, NAME_MAX, NOTES_MAX
from caseapp.persons.vocab import CONSENT, PERSON_ROLES, RISK


class PersonFields(StrictInput):
    consent: _literal(CONSENT) | None = None
    consent_date: str | None = Field(None, description="YYYY-MM-DD")
    risk: _literal(RISK) | None = Field(None, description="Informants are 'high' unless given.")
    aliases: list[str] | None = Field(None, max_length=ALIASES_COUNT_MAX)
    contact: str | None = Field(None, max_length=CONTACT_MAX)
    document_numbers: str | None = Field(None, max_length=DOCUMENTS_MAX)
    notes: str | None = Field(None, max_length=NOTES_MAX)


class PersonCreate(PersonFields):
    name: str = Field(min_length=1, max_length=NAME_MAX)
    role: _literal(PERSON_ROLES)


class PersonPatch(PersonFields):
    version: int
    name: str | None = Field(None, min_length=1, max_length=NAME_MAX)
    role: _literal(PERSON_ROLES) | None = None
