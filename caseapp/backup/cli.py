"""`flask backup ...`: make an encrypted backup of this instance, restore one, read its keys."""
from __future__ import annotations

import json
import os
from pathlib import Path

import click

from caseapp.backup.crypto import BackupError
from caseapp.transaction import CommandGroup, DoneWithProblems

backup = CommandGroup("backup", help="Encrypted backups: the database, the stored files and the keys.")

PASSPHRASE_ENV = "BACKUP_PASSPHRASE"
MIN_PASSPHRASE = 12
VERIFICATION_FAILED = 2
PATH = click.Path(dir_okay=False, path_type=Path)


def _passphrase(confirm: bool) -> str:
    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    return click.prompt("Backup passphrase", hide_input=True, confirmation_prompt=confirm)


def _size(count: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if count < 1024 or unit == "GiB":
            return f"{count} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1024
    return str(count)


@backup.command("create")
@click.argument("path", type=PATH)
@click.option("--without-keys", is_flag=True, help="Leave the encryption and audit keys out; keep them elsewhere.")
@click.option("--force", is_flag=True, help="Replace PATH if it exists.")
def create(path: Path, without_keys: bool, force: bool) -> None:
    """Write an encrypted backup to PATH (passphrase from BACKUP_PASSPHRASE, else asked twice)."""
    from caseapp.backup.services import code_revision, create_backup

    if path.exists() and not force:
        raise click.ClickException(f"{path} exists already (use --force to replace it).")
    if not path.parent.is_dir():
        raise click.ClickException(f"The folder {path.parent} does not exist.")
    passphrase = _passphrase(confirm=True)
    if len(passphrase) < MIN_PASSPHRASE:
        raise click.ClickException(f"The passphrase needs at least {MIN_PASSPHRASE} characters.")
    try:
        made = create_backup(path, passphrase, with_keys=not without_keys, force=force)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    rows = sum(made.row_counts.values())
    click.echo(f"Wrote {made.path} ({_size(made.size)}): {rows} rows in {len(made.row_counts)} tables, "
               f"{made.files} stored files.")
    if made.revision != code_revision():
        click.echo(f"Warning: the database is at migration revision {made.revision}, this caseapp at "
                   f"{code_revision()}; run `flask db upgrade`. The backup restores into this version or a later one.",
                   err=True)
    if made.keys_included:
        click.echo("The encryption and audit keys are inside, protected by the passphrase.")
    else:
        click.echo("The keys are NOT inside (--without-keys): a restore needs them configured already.")


@backup.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore(path: Path, yes: bool) -> None:
    """Replace all data of this instance by the backup at PATH, then verify sources and the audit log."""
    from caseapp.backup.services import PartlyRestored, restore_backup

    if not yes:
        click.confirm("This replaces every record, stored file and key of this instance by the backup's. "
                      "Stop the app first. Continue?", abort=True)
    passphrase = _passphrase(confirm=False)
    try:
        result = restore_backup(path, passphrase)
    except PartlyRestored as error:
        click.echo(f"Error: {error}", err=True)
        raise click.exceptions.Exit(VERIFICATION_FAILED) from None
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    manifest = result.manifest
    click.echo(f"Restored the backup of {manifest['created_at']}: {sum(manifest['row_counts'].values())} rows, "
               f"{len(manifest['files'])} stored files.")
    if result.migrated_from:
        click.echo(f"The backup was made by caseapp {manifest.get('caseapp_version') or 'before 0.9.0'} "
                   f"(migration revision {result.migrated_from}): migrated to this version's schema.")
    for written in result.keys_written:
        click.echo(f"Wrote the backup's key to {written}.")
    click.echo(f"Sources: {result.sources_checked} checked. Audit log: {result.audit_entries} entries checked.")
    if result.anchored:
        click.echo(f"Audit chain anchored at {result.anchored}.")
    for problem in result.problems:
        click.echo(f"problem: {problem}", err=True)
    if not result.ok:
        click.echo(f"{len(result.problems)} problem(s) after restoring.", err=True)
        raise DoneWithProblems(VERIFICATION_FAILED)
    click.echo("Every row count, file hash and the audit chain match the backup.")


@backup.command("keys")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def show_keys(path: Path) -> None:
    """Print the keys inside the backup at PATH (to set them in the environment before a restore)."""
    from caseapp.backup.services import read_keys

    try:
        carried = read_keys(path, _passphrase(confirm=False))
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    if carried is None:
        raise click.ClickException("This backup was made with --without-keys: it holds no keys.")
    click.echo("These keys open every record of the backup: do not leave them in a terminal log.", err=True)
    click.echo(json.dumps(carried, indent=2))
