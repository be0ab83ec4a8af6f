"""PostgreSQL roles that protect the audit log: the statements that let the app's runtime role read and
write rows, and nothing more.

The owner role (DATABASE_OWNER_URL) owns the tables and the triggers that keep `audit_entries`
append-only; migrations and restores run as it. The runtime role (DATABASE_URL) gets SELECT, INSERT,
UPDATE and DELETE on the tables and the use of their sequences: it cannot ALTER or DROP a table, drop
a trigger, or TRUNCATE (which no row trigger sees). Plain SQL; `flask database grant` runs it.
"""
from __future__ import annotations

import re

_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


class RoleError(ValueError):
    """A role or schema name caseapp will not write into SQL, or a role that would protect nothing."""


def identifier(name: str) -> str:
    """A role or schema name, quoted; only plain lower-case names are accepted (no injection, no surprises)."""
    if not _NAME.fullmatch(name):
        raise RoleError(f"{name!r} is not a plain PostgreSQL name (lower-case letters, digits, underscores).")
    return f'"{name}"'


def grant_statements(schema: str, owner: str, runtime: str) -> list[str]:
    """What the owner runs once (and again after adding a schema): rights on every table now, and on every
    table a later migration makes (default privileges)."""
    s, o, r = identifier(schema), identifier(owner), identifier(runtime)
    return [
        f"GRANT USAGE ON SCHEMA {s} TO {r}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {r}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {s} TO {r}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA {s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {r}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA {s} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {r}",
        # Nobody but the owner creates objects in caseapp's schema (PostgreSQL 15 already says so for public).
        f"REVOKE CREATE ON SCHEMA {s} FROM PUBLIC",
    ]


def refusal(runtime_is_superuser: bool, runtime_is_owner_member: bool, same_role: bool) -> str | None:
    """Why granting would protect nothing, if it would not."""
    if same_role:
        return "The runtime role is the owner role: give DATABASE_URL a role of its own."
    if runtime_is_superuser:
        return "The runtime role is a superuser: it may drop any trigger. Give DATABASE_URL a plain role."
    if runtime_is_owner_member:
        return "The runtime role is a member of the owner role and has its rights: give DATABASE_URL a plain role."
    return None
