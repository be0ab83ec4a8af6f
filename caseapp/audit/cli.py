"""`flask audit ...`: check the tamper-evident audit log, and anchor its head outside the database."""
from __future__ import annotations

import click

from caseapp.audit import chain, verification
from caseapp.transaction import CommandGroup

audit = CommandGroup("audit", help="The tamper-evident audit log.")

BROKEN = 1
ANCHOR_UNREADABLE = 2


def _entries(count: int) -> str:
    return f"{count} entry" if count == 1 else f"{count} entries"


def describe_break(check: verification.ChainCheck) -> str:
    broken = check.broken
    what = f"entry {broken.entry_id}"
    if broken.action:
        when = f", {broken.created_at.isoformat()}" if broken.created_at else ""
        what += f" ({broken.action}{when})"
    line = f"The audit log is broken at {what}: {check.reason}."
    if check.count == 0 and broken.reason == chain.CONTENT_CHANGED:
        # Every entry failing from the very first one is more often a lost or replaced key than a forgery.
        line += (" If the log was never touched, check that AUDIT_HMAC_KEY (or instance/audit_hmac_key) is the "
                 "key it was written with: a backup made with its keys carries it (`flask backup keys`).")
    if broken.checkpoint is not None:
        line += (f" The {broken.checkpoint.label} names entry {broken.checkpoint.entry_id} as entry number "
                 f"{broken.checkpoint.count} of the log, HMAC {broken.checkpoint.hmac}.")
    return line


def _anchor_or_exit():
    try:
        return verification.verify_and_anchor()
    except verification.AnchorUnreadable as error:
        click.echo(str(error), err=True)
        click.echo("Move it away to start a new anchor (after checking how it was damaged).", err=True)
        raise click.exceptions.Exit(ANCHOR_UNREADABLE) from None


@audit.command("verify")
def verify() -> None:
    """Check every audit entry and the anchor; exit 1 naming the first broken entry, else re-anchor."""
    check = _anchor_or_exit()
    if not check.intact:
        click.echo(describe_break(check), err=True)
        click.echo(f"The {_entries(check.count)} before it are intact (the last of them: entry {check.head_id}). "
                   "The anchor was not moved.", err=True)
        raise click.exceptions.Exit(BROKEN)
    click.echo(f"The audit log is intact: {_entries(check.count)}; head entry {check.head_id}, HMAC {check.head_hmac}.")
    click.echo(f"Anchored that head in {verification.anchor_path()}.")


@audit.command("anchor")
def anchor() -> None:
    """Anchor the chain as the database holds it now (after restoring a backup); exit 1 if it is broken."""
    try:
        made = verification.anchor_current_head()
    except verification.ChainBroken as broken:
        click.echo(describe_break(broken.check), err=True)
        click.echo("Nothing was anchored.", err=True)
        raise click.exceptions.Exit(BROKEN) from None
    click.echo(f"Anchored entry {made.entry_id} ({_entries(made.count)}), HMAC {made.hmac}, "
               f"in {verification.anchor_path()}.")
