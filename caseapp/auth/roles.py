"""The roles a user can hold, with what each is for."""
from __future__ import annotations

from caseapp.errors import N_

CASEWORKER = "caseworker"
COORDINATOR = "coordinator"
ADVOCATE = "advocate"
ADMIN = "admin"

ROLES: tuple[str, ...] = (CASEWORKER, COORDINATOR, ADVOCATE, ADMIN)

# Who may touch case work at all; admins manage people, not cases.
CASE_READERS = frozenset({CASEWORKER, COORDINATOR, ADVOCATE, ADMIN})
CASE_CREATORS = frozenset({CASEWORKER, COORDINATOR})

ROLE_LABELS: dict[str, str] = {
    CASEWORKER: N_("Caseworker"),
    COORDINATOR: N_("Coordinator"),
    ADVOCATE: N_("Advocate"),
    ADMIN: N_("Administrator"),
}
