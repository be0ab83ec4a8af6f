"""What clients send about parties (the API, imports): strict pydantic models, limits from parties.limits."""
from __future__ import annotations

from pydantic import Field

from caseapp.cases.inputs import TITLE_MAX, CaseFields, StrictInput, _literal
from caseapp.parties.limits import ALIASES_COUNT_MAX, NAME_MAX, NAMED_PARTIES_MAX, NOTE_MAX, REGISTRATION_MAX
from caseapp.parties.vocab import PARTY_KINDS


class PartyCreate(StrictInput):
    name: str = Field(min_length=1, max_length=NAME_MAX)
    kind: _literal(PARTY_KINDS)
    country: str | None = None
    registration_number: str = Field("", max_length=REGISTRATION_MAX)
    aliases: list[str] = Field(default_factory=list, max_length=ALIASES_COUNT_MAX)
    note: str = Field("", max_length=NOTE_MAX)


class PartyPatch(StrictInput):
    version: int
    name: str | None = Field(None, min_length=1, max_length=NAME_MAX)
    kind: _literal(PARTY_KINDS) | None = None
    country: str | None = None
    registration_number: str | None = Field(None, max_length=REGISTRATION_MAX)
    aliases: list[str] | None = Field(None, max_length=ALIASES_COUNT_MAX)
    note: str | None = Field(None, max_length=NOTE_MAX)


class CasePartyLinkCreate(StrictInput):
    party_id: int
    role: _literal(PARTY_KINDS)
    note: str = Field("", max_length=NOTE_MAX)


class PartyByName(StrictInput):
    name: str = Field(min_length=1, max_length=NAME_MAX, description="Matched with the organisation's parties by name "
                                                                 "or alias (case, accents, legal form ignored), "
                                                                 "else created.")
    role: _literal(PARTY_KINDS)
    kind: _literal(PARTY_KINDS) | None = Field(None, description="For a party that is created; the role by default.")
    note: str = Field("", max_length=NOTE_MAX)


class CaseCreate(CaseFields):
    title: str = Field(min_length=1, max_length=TITLE_MAX)
    parties: list[PartyByName] | None = Field(None, max_length=NAMED_PARTIES_MAX,
                                              description="Parties by name, linked with their role.")
