"""A whole case from one JSON object, parties by name included: what the API and imports create."""
from __future__ import annotations

from typing import Any

from pydantic import Field

from caseapp.auth.models import User
from caseapp.cases import services as cases
from caseapp.cases.inputs import TITLE_MAX, CaseFields, StrictInput, _literal
from caseapp.cases.models import Case
from caseapp.parties import services as parties
from caseapp.parties.vocab import PARTY_KINDS


class PartyByName(StrictInput):
    name: str = Field(min_length=1, max_length=300, description="Matched with the organisation's parties by name "
                                                                 "or alias (case, accents, legal form ignored), "
                                                                 "else created.")
    role: _literal(PARTY_KINDS)
    kind: _literal(PARTY_KINDS) | None = Field(None, description="For a party that is created; the role by default.")
    note: str = Field("", max_length=4000)


class CaseCreate(CaseFields):
    title: str = Field(min_length=1, max_length=TITLE_MAX)
    parties: list[PartyByName] | None = Field(None, description="Parties by name, linked with their role.")


def create_case_record(data: dict[str, Any], actor: User) -> Case:
    """Create the case, then link its parties by name (matched in the organisation, or created)."""
    data = dict(data)
    named_parties = data.pop("parties", None) or []
    case = cases.create_case(data, actor)
    parties.link_by_name(case, named_parties, actor)
    return case
