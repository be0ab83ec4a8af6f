"""`flask keys`: make a key, see which keys protect what, rotate to a new key while the app serves."""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from caseapp.extensions import db
from caseapp.protection import keys as keyring
from caseapp.protection import rotation
from caseapp.protection.setup import RECHECK_SECONDS, current_ring, holder, write_instance_ring
from caseapp.transaction import CommandGroup

keys = CommandGroup("keys", help="Encryption keys of people's identifying fields.")


@keys.command("generate")
@click.option("--id", "key_id", default=None, help="The new key's id (default: the next free k1, k2, ...).")
def generate(key_id: str | None) -> None:
    """Print a new id:key pair, to put first in CASEAPP_ENCRYPTION_KEYS."""
    try:
        ring = keyring.with_new_current_key(current_ring(), key_id)
    except keyring.KeyRingError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{ring.current_id}:{keyring.encode_key(ring.current_key)}")


@keys.command("status")
def status() -> None:
    """How many stored values each key protects."""
    ring = current_ring()
    usage = rotation.key_usage(db.session, db.metadata)
    click.echo(f"Keys from {_source_label()}; current key: {ring.current_id}.")
    for column, counts in usage.by_column.items():
        listed = ", ".join(f"{key_id or '(not encrypted)'}: {n}" for key_id, n in sorted(counts.items())) or "empty"
        click.echo(f"  {column}: {listed}")
    missing = sorted(key_id for key_id in usage.totals if key_id and ring.key(key_id) is None)
    if missing:
        # A lost key file is replaced by a fresh one at start-up: say so before anything is written under it.
        raise click.ClickException(
            f"Stored values are under key(s) not in the ring: {', '.join(missing)}. Put those keys back "
            f"(CASEAPP_ENCRYPTION_KEYS or {current_app.config['ENCRYPTION_KEYS_PATH']}, or `flask backup keys` "
            "on a backup); until then those values cannot be read.")
    _report_unused(ring, usage)


@keys.command("rotate")
@click.option("--new-key", is_flag=True,
              help="Add a fresh current key to instance/encryption_keys first (keys kept in instance/ only).")
@click.option("--drop-old", is_flag=True,
              help="After a complete rotation, remove keys no value uses from instance/encryption_keys.")
def rotate(new_key: bool, drop_old: bool) -> None:
    """Re-encrypt every value under the current key; the app may keep serving meanwhile."""
    app = current_app
    from_instance = app.config["ENCRYPTION_KEYS_SOURCE"] == "instance"
    if (new_key or drop_old) and not from_instance:
        raise click.ClickException(
            "The keys come from CASEAPP_ENCRYPTION_KEYS: make a key with `flask keys generate`, put it first "
            "in CASEAPP_ENCRYPTION_KEYS, restart the app, then run `flask keys rotate`.")
    path = Path(app.config["ENCRYPTION_KEYS_PATH"])
    if new_key:
        ring = keyring.with_new_current_key(current_ring())
        write_instance_ring(path, ring)
        holder().reload(force=True)
        click.echo(f"New current key {ring.current_id} written to {path}; running apps pick it up "
                   f"within {int(RECHECK_SECONDS)} seconds.")
    result = rotation.rotate(db.session, db.metadata, current_ring)
    ring = current_ring()
    click.echo(f"Re-encrypted {result.rewritten} record(s) under key {ring.current_id} in {result.passes} pass(es).")
    if result.remaining:
        raise click.ClickException(
            f"{result.remaining} value(s) are still under an older key (records being edited, or an app "
            "that has not yet loaded the current key): run `flask keys rotate` again.")
    usage = rotation.key_usage(db.session, db.metadata)
    if drop_old:
        used = set(usage.totals)
        kept = {k: v for k, v in ring.keys.items() if k == ring.current_id or k in used}
        dropped = sorted(set(ring.keys) - set(kept))
        write_instance_ring(path, keyring.KeyRing(ring.current_id, kept))
        holder().reload(force=True)
        click.echo(f"Removed unused key(s): {', '.join(dropped) or 'none'}. Backups made before this "
                   "carry their own keys.")
    else:
        _report_unused(ring, usage)


def _source_label() -> str:
    if current_app.config["ENCRYPTION_KEYS_SOURCE"] == "instance":
        return current_app.config["ENCRYPTION_KEYS_PATH"]
    return "CASEAPP_ENCRYPTION_KEYS"


def _report_unused(ring: keyring.KeyRing, usage: rotation.KeyUsage) -> None:
    used = set(usage.totals)
    unused = [k for k in ring.ids if k != ring.current_id and k not in used]
    stale = [k for k in ring.ids if k != ring.current_id and k in used]
    if stale:
        click.echo(f"Still in use: {', '.join(stale)} — run `flask keys rotate` to move everything to "
                   f"{ring.current_id}.")
    if unused:
        click.echo(f"No value uses {', '.join(unused)} any more; it may be removed from the ring "
                   "(keep it while backups made under it may need restoring).")
