"""Who may search the archive: pure predicates (what each finds is each area's own rule)."""
from __future__ import annotations

from caseapp.cases import permissions as cases
from caseapp.parties import permissions as parties
from caseapp.sources import permissions as sources


def can_search(user) -> bool:
    """Whoever may list cases, sources or parties may search them."""
    return cases.can_list_cases(user) or sources.can_list_sources(user) or parties.can_view_parties(user)
