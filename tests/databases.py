"""The databases the suite runs against: SQLite always, PostgreSQL when given.

PostgreSQL runs when CASEAPP_TEST_POSTGRES_URL is set and reachable. Under CI
(CI=true) it is required: an unreachable server fails the run instead of
skipping it.
"""
from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import pytest
import sqlalchemy as sa

POSTGRES_URL = os.environ.get("CASEAPP_TEST_POSTGRES_URL", "")
UNDER_CI = os.environ.get("CI", "").lower() == "true"


def postgres_available() -> str | None:
    """Return why PostgreSQL cannot be used, or None when it can."""
    if not POSTGRES_URL:
        return "CASEAPP_TEST_POSTGRES_URL is not set"
    try:
        engine = sa.create_engine(POSTGRES_URL)
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
        engine.dispose()
    except Exception as error:  # any failure to connect means: not available
        return f"PostgreSQL at {POSTGRES_URL} is unreachable: {error.__class__.__name__}"
    return None


def require_postgres() -> None:
    reason = postgres_available()
    if reason is None:
        return
    if UNDER_CI:
        pytest.fail(f"PostgreSQL is required under CI: {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


def new_schema(prefix: str) -> tuple[str, str]:
    """Create a private schema; return its name and a URL whose connections use it."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{name}"'))
    engine.dispose()
    separator = "&" if "?" in POSTGRES_URL else "?"
    return name, f"{POSTGRES_URL}{separator}options={quote(f'-csearch_path={name}')}"


def drop_schema(name: str) -> None:
    engine = sa.create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
    engine.dispose()
