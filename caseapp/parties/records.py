"""A whole case from one JSON object, parties by name included: what the API and imports create."""
from __future__ import annotations

from typing import Any

from caseapp.auth.models import User
from caseapp.cases import services as cases
from caseapp.cases.models import Case
from caseapp.parties import services as parties
from caseapp.parties.models import Party


def create_case_record(data: dict[str, Any], actor: User, known: dict[str, Party] | None = None,
                       reference: str | None = None) -> Case:
    """Create the case, then link its parties by name (matched in the organisation, or created). A caller
    creating many passes the organisation's parties by name (`known`) and a reserved reference."""
    data = dict(data)
    named_parties = data.pop("parties", None) or []
    case = cases.create_case(data, actor, reference)
    parties.link_by_name(case, named_parties, actor, known, new_case=True)
    return case
