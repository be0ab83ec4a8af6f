"""Making and restoring backups of this instance: the database, the stored files and the keys.

A restore unpacks and checks the whole backup before it changes anything: a wrong
passphrase, a damaged file, a backup made by a newer caseapp or missing keys leave the
instance as it was. A backup made by this version or an older one restores: its database is
migrated to this version's schema after the restore, and then checked.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask import current_app

from caseapp import __version__
from caseapp.audit import identity
from caseapp.audit.services import record
from caseapp.backup import archive, databases, integrations, keys
from caseapp.backup.crypto import BackupError, Header
from caseapp.db import utcnow
from caseapp.extensions import db
from caseapp.sources.services import verify_sources

FILE_AREAS = {"sources": "SOURCE_STORE_PATH", "reports": "REPORTS_PATH"}


class PartlyRestored(BackupError):
    """The database was replaced, but not everything else: the instance is not as the backup was."""


class BackupEvent:
    """What the audit entries of a backup are about: the instance as a whole, no row of it."""

    __tablename__ = "backup"
    id = None


@dataclass(frozen=True)
class Created:
    path: Path
    size: int
    files: int
    row_counts: dict[str, int]
    keys_included: bool
    revision: str | None


@dataclass
class Restored:
    manifest: dict[str, Any]
    problems: list[str] = field(default_factory=list)
    sources_checked: int = 0
    audit_entries: int = 0
    anchored: str | None = None
    keys_written: list[str] = field(default_factory=list)
    migrated_from: str | None = None  # the backup's migration revision, when it was older than this caseapp's

    @property
    def ok(self) -> bool:
        return not self.problems


def database_url() -> str:
    return db.engine.url.render_as_string(hide_password=False)


def owner_database_url() -> str:
    """The role that owns the tables (DATABASE_OWNER_URL): a restore replaces them, a migration alters them."""
    return current_app.config.get("DATABASE_OWNER_URL") or database_url()


def _alembic_config():
    return current_app.extensions["migrate"].migrate.get_config()


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(_alembic_config())


def code_revision() -> str:
    return ",".join(sorted(_script().get_heads()))


def known_revisions() -> set[str]:
    """Every migration revision this caseapp has: a backup at one of them restores here."""
    return {revision.revision for revision in _script().walk_revisions()}


def snapshot_stats(connection: sa.Connection) -> dict[str, Any]:
    """Row counts of every table, the migration revision and the audit head, as one connection sees them."""
    inspector = sa.inspect(connection)
    counts = {name: connection.execute(sa.select(sa.func.count()).select_from(sa.table(name))).scalar_one()
              for name in sorted(inspector.get_table_names())}
    revision = None
    if "alembic_version" in counts:
        revision = ",".join(sorted(connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalars()))
    return {"row_counts": counts, "revision": revision, "audit": integrations.audit_head(connection)}


@contextmanager
def _private_folder(near: Path, label: str) -> Iterator[Path]:
    Path(near).parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{Path(near).name}.{label}-", dir=Path(near).parent))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def create_backup(target: Path, passphrase: str, *, with_keys: bool = True, force: bool = False,
                  header: Header | None = None) -> Created:
    """Write a backup of this instance to `target` and audit it (the caller commits)."""
    config, url = current_app.config, database_url()
    dialect = databases.dialect(url)
    with _private_folder(Path(config["INSTANCE_PATH"]) / "backup", "dump") as work:
        dumped = work / databases.DUMP_NAMES[dialect]
        stats = _dump(url, dialect, dumped)
        current = integrations.current_keys(config)
        manifest = {"format": archive.FORMAT, "format_version": archive.MANIFEST_VERSION,
                    "created_at": utcnow().isoformat(), "caseapp_version": __version__, "dialect": dialect, **stats,
                    "key_fingerprints": keys.fingerprints(current.encryption_ring, current.audit_key)}
        carried = {"encryption_keys": current.encryption_ring, "audit_hmac_key": current.audit_key}
        contents = archive.Contents(manifest, dumped, dumped.name, _roots(), carried if with_keys else None)
        written = archive.write(Path(target), passphrase, contents, force=force, header=header)
    record("backup.create", BackupEvent(), None, {"keys_included": with_keys, "files": written.files,
                                                  "size": written.size, "revision": stats["revision"]})
    return Created(written.path, written.size, written.files, stats["row_counts"], with_keys, stats["revision"])


def _roots() -> dict[str, Path]:
    return {area: Path(current_app.config[setting]) for area, setting in FILE_AREAS.items()}


def _dump(url: str, dialect: str, target: Path) -> dict[str, Any]:
    """Dump the database; the statistics describe exactly what the dump holds."""
    if dialect == "sqlite":
        databases.dump(url, target)
        engine = sa.create_engine(f"sqlite:///{target}")
        try:
            with engine.connect() as connection:
                return snapshot_stats(connection)
        finally:
            engine.dispose()
    # pg_dump reads the snapshot the counts were taken in, exported from this open transaction.
    with db.engine.connect() as connection:
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            snapshot = connection.execute(sa.text("SELECT pg_export_snapshot()")).scalar_one()
            stats = snapshot_stats(connection)
            databases.dump(url, target, snapshot=snapshot)
    return stats


def read_keys(source: Path, passphrase: str) -> dict[str, Any] | None:
    """The keys a backup carries (None when made without), unpacking nothing else."""
    found: dict[str, Any] = {}

    def stop(manifest: dict[str, Any], carried: dict[str, Any] | None) -> None:
        found["keys"] = carried
        raise _Stop

    try:
        archive.read(source, passphrase, {}, check=stop)
    except _Stop:
        pass
    return found["keys"]


class _Stop(Exception):
    pass


def restore_backup(source: Path, passphrase: str) -> Restored:
    """Replace this instance's database, files and keys by the backup's, then check them all.

    Nothing changes until the whole backup has been unpacked and checked. The caller commits
    the `backup.restore` audit entry this appends to the restored log.
    """
    config, url = current_app.config, owner_database_url()
    dialect = databases.dialect(url)
    current = integrations.current_keys(config)
    decided: dict[str, keys.Plan] = {}

    def check(manifest: dict[str, Any], carried: dict[str, Any] | None) -> None:
        _check_manifest(manifest, dialect)
        decided["keys"] = keys.plan(manifest.get("key_fingerprints") or {}, carried, current)

    with ExitStack() as stack:
        targets = {"database": stack.enter_context(_private_folder(Path(config["INSTANCE_PATH"]) / "backup",
                                                                   "restore"))}
        for area, root in _roots().items():
            targets[area] = stack.enter_context(_private_folder(root, "restore"))
        unpacked = archive.read(Path(source), passphrase, targets, check=check)
        # Everything is here and checked; from now on the instance changes.
        db.session.remove()
        db.engine.dispose()
        databases.restore(url, unpacked.database)
        try:
            for area, root in _roots().items():
                _swap(targets[area], root, 0o440 if area == "sources" else 0o600)
            written = _write_keys(decided["keys"], config)
        except OSError as error:
            raise PartlyRestored(f"The database is restored, but putting the files and keys in place failed "
                                 f"({error}). Fix the cause and restore again.") from None
    integrations.use_keys(current_app, decided["keys"])
    result = _check_restored(unpacked.manifest)
    result.keys_written = written
    return result


def _check_manifest(manifest: dict[str, Any], dialect: str) -> None:
    if manifest.get("dialect") != dialect:
        raise BackupError(f"This backup holds a {manifest.get('dialect')} database and this instance uses "
                          f"{dialect}: restore it on an instance with the same kind of database. Nothing was changed.")
    revisions = set((manifest.get("revision") or "").split(",")) - {""}
    if not revisions or revisions - known_revisions():
        made_by = manifest.get("caseapp_version") or "a version that did not name itself"
        raise BackupError(f"This backup was made by a newer caseapp ({made_by}, migration revision "
                          f"{manifest.get('revision')}); this is caseapp {__version__} (revision {code_revision()}). "
                          "Restore it with that version or a later one. Nothing was changed.")


def _swap(staged: Path, live: Path, mode: int) -> None:
    """Put the unpacked files where the live ones were, then remove the old ones."""
    for path in staged.rglob("*"):
        if path.is_file():
            os.chmod(path, mode)
    if not live.exists():
        os.replace(staged, live)
        return
    os.chmod(staged, live.stat().st_mode & 0o777)
    old = live.with_name(f".{live.name}.replaced-{os.getpid()}")
    try:
        os.replace(live, old)
    except OSError:
        # The store is a mount point (it cannot be renamed): replace what is inside it instead.
        for child in list(live.iterdir()):
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        for child in list(staged.iterdir()):
            shutil.move(child, live / child.name)
        return
    os.replace(staged, live)
    shutil.rmtree(old)


def _write_keys(plan: keys.Plan, config: dict[str, Any]) -> list[str]:
    encryption_path, audit_path = integrations.key_paths(config)
    written = []
    if plan.encryption_ring is not None:
        _keep_old(encryption_path, plan.encryption_ring)
        integrations.write_encryption_ring(encryption_path, plan.encryption_ring)
        written.append(str(encryption_path))
    if plan.audit_key is not None:
        _keep_old(audit_path, plan.audit_key)
        _write_secret(audit_path, plan.audit_key)
        written.append(str(audit_path))
    return written


def _keep_old(path: Path, secret: str) -> None:
    """A different key found where the backup's goes is kept beside it, never lost."""
    if path.exists() and path.read_text().strip() != secret:
        os.replace(path, path.with_name(f"{path.name}.before-restore-{utcnow():%Y%m%dT%H%M%SZ}"))


def _write_secret(path: Path, secret: str) -> None:
    """Write a key file readable by its owner only, whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secret)
    os.replace(temporary, path)


def _check_restored(manifest: dict[str, Any]) -> Restored:
    """Counts against the backup; migrate an older backup to this version; source hashes and the audit chain;
    a new id for the restored database and its anchor; audit the restore."""
    result = Restored(manifest)
    stats = snapshot_stats(db.session.connection())  # as the backup holds it, before any migration
    for table in sorted(set(stats["row_counts"]) | set(manifest["row_counts"])):
        backed_up, restored = manifest["row_counts"].get(table), stats["row_counts"].get(table)
        if backed_up != restored:
            result.problems.append(f"table {table}: {backed_up} rows in the backup, {restored} restored")
    if manifest["revision"] != code_revision():
        db.session.remove()  # the migration alters tables this session has read: it must hold no lock on them
        migrate_to_head()
        result.migrated_from = manifest["revision"]
    result.sources_checked, source_problems = verify_sources()
    result.problems += [f"source {p.source_id}: {p.what}" for p in source_problems]
    chain_ok = _check_chain(manifest["audit"], result)
    # A restored database is a new database, whatever it holds: its own id, and its own anchor at its
    # address (this instance's, or another's for a copy restored elsewhere: never this instance's then).
    identity.renew()
    if chain_ok:
        result.anchored = integrations.anchor_audit_head()
    record("backup.restore", BackupEvent(), None, {
        "backup_created_at": manifest["created_at"], "revision": manifest["revision"],
        "caseapp_version": manifest.get("caseapp_version"), "migrated": result.migrated_from is not None,
        "keys_included": manifest["keys_included"], "problems": len(result.problems)})
    return result


def migrate_to_head() -> None:
    """Bring the database to this caseapp's schema (as DATABASE_OWNER_URL's role, migrations/env.py)."""
    from alembic import command

    command.upgrade(_alembic_config(), "head")


def _check_chain(expected: dict[str, Any], result: Restored) -> bool:
    chain = integrations.verify_audit_chain()
    result.audit_entries = chain.count
    before = len(result.problems)
    if not chain.intact:
        result.problems.append(f"audit log {chain.problem}")
    elif (chain.count, chain.head_id) != (expected["count"], expected["head_id"]) or (
            expected.get("head_hmac") and chain.head_hmac != expected["head_hmac"]):
        result.problems.append(f"audit log: the backup ends at entry {expected['head_id']} ({expected['count']} "
                               f"entries), the restored log at entry {chain.head_id} ({chain.count} entries)")
    return len(result.problems) == before
