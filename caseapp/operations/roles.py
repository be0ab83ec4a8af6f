"""PostgreSQL roles that protect the audit log: the statements that let the app's runtime role read and
write rows, and nothing more.

The owner role (DATABASE_OWNER_URL) owns the tables and the triggers that keep `audit_entries`
append-only; migrations and restores run as it. The runtime role (DATABASE_URL) gets SELECT, INSERT,
UPDATE and DELETE on the tables and the use of their sequences: it cannot ALTER or DROP a table, drop
a trigger, or TRUNCATE (which no row trigger sees). Plain SQL; `flask database grant` runs it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

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
        # nextval() needs USAGE only; UPDATE would let the role setval() a sequence back and break every insert.
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {r}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA {s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {r}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA {s} GRANT USAGE, SELECT ON SEQUENCES TO {r}",
        # Nobody but the owner creates objects in caseapp's schema (PostgreSQL 15 already says so for public).
        f"REVOKE CREATE ON SCHEMA {s} FROM PUBLIC",
        f"REVOKE CREATE ON SCHEMA {s} FROM {r}",
    ]


@dataclass(frozen=True)
class Roles:
    """What the database says about the two roles (read by `flask database grant` before it grants)."""

    owner: str
    runtime: str
    owner_is_superuser: bool
    runtime_is_superuser: bool
    runtime_is_owner_member: bool
    runtime_may_create_roles: bool  # CREATEROLE: on PostgreSQL 15 and older it can grant itself the owner role
    runtime_bypasses: bool  # REPLICATION or BYPASSRLS
    objects_not_owned: tuple[str, ...]  # tables, sequences, functions, the schema: anything the owner does not own
    runtime_owns: tuple[str, ...]  # anything in the schema, the schema or the database the runtime role owns


def refusal(roles: Roles) -> str | None:
    """Why granting would protect nothing, if it would not."""
    if roles.runtime == roles.owner:
        return "The runtime role is the owner role: give DATABASE_URL a role of its own."
    if roles.owner_is_superuser:
        return ("DATABASE_OWNER_URL's role is a superuser: the tables must belong to a plain owner role "
                "(CREATE ROLE caseapp_owner; REASSIGN OWNED BY ... TO caseapp_owner).")
    if roles.runtime_is_superuser:
        return "The runtime role is a superuser: it may drop any trigger. Give DATABASE_URL a plain role."
    if roles.runtime_is_owner_member:
        return "The runtime role is a member of the owner role and has its rights: give DATABASE_URL a plain role."
    if roles.runtime_may_create_roles or roles.runtime_bypasses:
        return ("The runtime role may create roles, replicate or bypass row security: "
                "ALTER ROLE ... NOCREATEROLE NOREPLICATION NOBYPASSRLS first.")
    if roles.runtime_owns:
        return (f"The runtime role owns {', '.join(roles.runtime_owns[:5])}: an owner may alter it and drop its "
                f"triggers. Give it to the owner first (REASSIGN OWNED BY {roles.runtime} TO {roles.owner}, run by "
                "a superuser).")
    if roles.objects_not_owned:
        return (f"{', '.join(roles.objects_not_owned[:5])} do not belong to {roles.owner}: run `flask db upgrade` "
                f"as the owner role, or REASSIGN OWNED to it first.")
    return None


# What the checks read, for the owner and runtime roles of one schema (an extension's own objects, such as
# pg_trgm's functions, belong to whoever installed it and are left out).
OWNERSHIP_QUERY = """
SELECT kind, name, owner FROM (
  SELECT 'table' AS kind, c.relname AS name, pg_get_userbyid(c.relowner) AS owner
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = :schema AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
  UNION ALL
  SELECT 'function', p.proname, pg_get_userbyid(p.proowner)
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = :schema
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
  UNION ALL
  SELECT 'schema', nspname, pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = :schema
  UNION ALL
  SELECT 'database', datname, pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()
) AS objects
"""


def ownership(rows, owner: str, runtime: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """From OWNERSHIP_QUERY's rows: what the owner does not own (the database aside: a superuser may own it),
    and what the runtime role owns."""
    rows = list(rows)
    database_owner = next((who for kind, _, who in rows if kind == "database"), None)
    # PostgreSQL 15's public schema belongs to "pg_database_owner": whoever owns the database.
    rows = [(kind, name, database_owner if who == "pg_database_owner" else who) for kind, name, who in rows]
    not_owned = tuple(f"{kind} {name}" for kind, name, who in rows if who != owner and kind != "database")
    runtime_owns = tuple(f"{kind} {name}" for kind, name, who in rows if who == runtime)
    return not_owned, runtime_owns


ROLE_QUERY = """
SELECT rolsuper, pg_has_role(rolname, :owner, 'MEMBER'), rolcreaterole, rolreplication OR rolbypassrls,
       (SELECT rolsuper FROM pg_roles WHERE rolname = :owner)
  FROM pg_roles WHERE rolname = :runtime
"""


def inspect(connection, owner: str, runtime: str, schema: str) -> Roles | None:
    """What the database says about the owner (the connection's role) and the runtime role of `schema`;
    None when there is no such runtime role. `connection`: a SQLAlchemy connection as the owner."""
    from sqlalchemy import text

    found = connection.execute(text(ROLE_QUERY), {"owner": owner, "runtime": runtime}).first()
    if found is None:
        return None
    not_owned, runtime_owns = ownership(connection.execute(text(OWNERSHIP_QUERY), {"schema": schema}).all(),
                                        owner, runtime)
    runtime_super, member, create_roles, bypasses, owner_super = found
    return Roles(owner, runtime, bool(owner_super), runtime_super, member, create_roles, bypasses, not_owned,
                 runtime_owns)
