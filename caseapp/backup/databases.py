"""Dumping and restoring the database: SQLite's online backup API, or pg_dump and pg_restore. Plain Python.

PostgreSQL is reached through libpq's environment (PGHOST, PGUSER, PGPASSWORD...), never
with the password on a command line that `ps` would show. A URL whose connections set a
search_path (`options=-csearch_path=NAME`) is dumped and restored as that schema only.
"""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
# pg_dump, pg_restore and psql only, each run with a list of arguments, never through a shell.
import subprocess  # nosec B404
from pathlib import Path
from urllib.parse import unquote

from sqlalchemy.engine import URL, make_url

from caseapp.backup.crypto import BackupError

DUMP_NAMES = {"sqlite": "caseapp.sqlite3", "postgresql": "caseapp.pgdump"}
PLAIN_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
# URL query parameters that have a libpq environment variable.
_LIBPQ_QUERY = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT",
                "sslkey": "PGSSLKEY", "connect_timeout": "PGCONNECT_TIMEOUT", "options": "PGOPTIONS"}


def dialect(url: str) -> str:
    name = make_url(url).get_backend_name()
    if name not in DUMP_NAMES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {name}.")
    return name


def dump(url: str, target: Path, snapshot: str | None = None) -> None:
    """Write a consistent copy of the database at `url` to `target` (a new file).

    On PostgreSQL, `snapshot` (from pg_export_snapshot() in a transaction still open)
    makes pg_dump read exactly what that transaction sees.
    """
    if dialect(url) == "sqlite":
        _sqlite_copy(sqlite_path(url), target)
    else:
        at = [f"--snapshot={snapshot}"] if snapshot else []
        _run_pg(["pg_dump", "--format=custom", "--no-password", f"--file={target}", *at, *_schema_args(url),
                 make_url(url).database or ""], url, "pg_dump")


def restore(url: str, dumped: Path) -> None:
    """Replace the database at `url` by the dump: all of it, in one transaction.

    On PostgreSQL the tables the dump does not hold are dropped in that transaction too: a backup of an
    older caseapp restored into a newer schema leaves no newer table behind (its foreign keys would stop
    the restore), and is then migrated. So are the foreign keys of the live schema: a newer one on a table
    the dump holds (cases.deleted_by_id) would stop the dump's own drops; the dump brings back its own.
    """
    if dialect(url) == "sqlite":
        _check_sqlite(dumped)
        _sqlite_copy(dumped, sqlite_path(url))
        return
    script, drops = dumped.with_name(dumped.name + ".sql"), dumped.with_name(dumped.name + ".drop.sql")
    _run_pg(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-password", f"--file={script}",
             str(dumped)], url, "pg_restore")
    schema = search_path_schema(make_url(url)) or "public"
    extra = sorted(_live_tables(url, schema) - _dumped_tables(url, dumped, schema))
    keys = [(table, name) for table, name in _live_foreign_keys(url, schema) if table not in extra]
    # The names go into a file psql runs, where a backslash is a command: only plain names are written.
    for name in [schema, *extra, *(part for key in keys for part in key)]:
        if not PLAIN_NAME.fullmatch(name):
            raise BackupError(f"The database holds an object with an unexpected name ({name!r}); caseapp restores "
                              "only over a schema whose tables have plain names. Nothing was changed.")
    drops.write_text("".join(f'ALTER TABLE "{schema}"."{table}" DROP CONSTRAINT IF EXISTS "{name}";\n'
                             for table, name in keys)
                     + "".join(f'DROP TABLE IF EXISTS "{schema}"."{name}" CASCADE;\n' for name in extra))
    try:
        _run_pg(["psql", "--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1", "--no-password",
                 f"--dbname={make_url(url).database or ''}", f"--file={drops}", f"--file={script}"], url, "psql")
    finally:
        script.unlink(missing_ok=True)
        drops.unlink(missing_ok=True)


def _dumped_tables(url: str, dumped: Path, schema: str) -> set[str]:
    """The tables of `schema` a custom-format dump holds (its table of contents, `pg_restore --list`)."""
    listing = _run_pg(["pg_restore", "--list", str(dumped)], url, "pg_restore")
    tables = set()
    for line in listing.splitlines():
        if line.startswith(";") or ";" not in line:
            continue
        parts = line.split(";", 1)[1].split()  # "0 16390 TABLE public users owner"
        if len(parts) >= 5 and parts[2] == "TABLE" and parts[3] == schema:
            tables.add(parts[4])
    return tables


def _live_tables(url: str, schema: str) -> set[str]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return set(connection.execute(text(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = :schema "
                "AND table_type = 'BASE TABLE'"), {"schema": schema}).scalars())
    finally:
        engine.dispose()


def _live_foreign_keys(url: str, schema: str) -> list[tuple[str, str]]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(
                "SELECT c.relname, k.conname FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
                "JOIN pg_namespace n ON n.oid = k.connamespace WHERE k.contype = 'f' AND n.nspname = :schema "
                "ORDER BY c.relname, k.conname"), {"schema": schema})]
    finally:
        engine.dispose()


def sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise BackupError("An in-memory SQLite database has no file to back up or restore.")
    return Path(database)


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy page by page with SQLite's backup API: consistent while the app writes, atomic for readers."""
    if not Path(source).exists():
        raise BackupError(f"The database file {source} does not exist.")
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    reading = sqlite3.connect(source)
    writing = sqlite3.connect(target)
    try:
        writing.execute("PRAGMA busy_timeout=30000")
        reading.backup(writing)
    except sqlite3.Error as error:
        raise BackupError(f"SQLite could not copy the database: {error}.") from None
    finally:
        writing.close()
        reading.close()


def _check_sqlite(path: Path) -> None:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.Error as error:
        raise BackupError(f"The database in the backup is not a usable SQLite file: {error}.") from None
    finally:
        connection.close()
    if result != "ok":
        raise BackupError(f"The database in the backup fails SQLite's integrity check: {result}.")


def _schema_args(url: str) -> list[str]:
    schema = search_path_schema(make_url(url))
    return [f"--schema={schema}"] if schema else []


def search_path_schema(url: URL) -> str | None:
    """The first schema of a `-csearch_path=...` connection option, if the URL sets one."""
    options = url.query.get("options")
    options = options[-1] if isinstance(options, tuple) else options
    for part in unquote(options or "").split():
        if part.startswith("-csearch_path="):
            return part.split("=", 1)[1].split(",")[0].strip().strip('"') or None
    return None


def libpq_environment(url: str) -> dict[str, str]:
    """The environment that points libpq at the database of `url`, password included."""
    parsed = make_url(url)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    given = {"PGHOST": parsed.host, "PGPORT": parsed.port, "PGUSER": parsed.username,
             "PGPASSWORD": parsed.password, "PGDATABASE": parsed.database}
    for name, parameter in _LIBPQ_QUERY.items():
        value = parsed.query.get(name)
        given[parameter] = value[-1] if isinstance(value, tuple) else value
    env.update({key: str(value) for key, value in given.items() if value not in (None, "")})
    return env


def _run_pg(args: list[str], url: str, tool: str) -> str:
    program = shutil.which(args[0])
    if program is None:
        raise BackupError(f"{tool} is not installed (Debian: postgresql-client, of the server's major version).")
    result = subprocess.run([program, *args[1:]], env=libpq_environment(url), capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()[-2000:]}")
    return result.stdout
