"""`flask retention run`. Thin: parse, call, commit, print.

The command line is the operator's: it reaches every organisation, and its audit entries
name the actor `cli`. It prints ids, counts and places, never a person's name.
"""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from caseapp.db import utcnow
from caseapp.extensions import db

retention = AppGroup("retention", help="Delete what the organisations' retention periods make due.")


def _ids(ids: list[int]) -> str:
    return ", ".join(map(str, ids)) if ids else "none"


@retention.command("run")
@click.option("--dry-run", is_flag=True, help="Print what is due; delete nothing.")
def retention_run(dry_run: bool) -> None:
    """Delete closed cases and person records whose retention period has passed."""
    from caseapp.privacy import retention as service

    plans = service.plan(utcnow())
    if not plans:
        click.echo("No organisation has set a retention period: nothing is due.")
        return
    for plan in plans:
        click.echo(f"{plan.code} ({plan.name}): {len(plan.case_ids)} closed case(s) [{_ids(plan.case_ids)}], "
                   f"{len(plan.people_with_cases) + len(plan.people_alone)} person record(s) "
                   f"[{_ids(plan.people_with_cases + plan.people_alone)}], "
                   f"{plan.dossiers} kept dossier(s)")
    if dry_run:
        click.echo("Dry run: nothing was deleted.")
        return
    outcome = service.apply(plans)
    db.session.commit()
    click.echo(f"Deleted {outcome.cases} case(s), {outcome.people} person record(s) and the files of "
               f"{outcome.dossiers} dossier(s); each deletion is in the audit log.")
    if outcome.uncited_source_ids:
        click.echo(f"Sources no case cites any more (kept; deleting one is a separate decision): "
                   f"{_ids(outcome.uncited_source_ids)}")


def init_app(app: Flask) -> None:
    app.cli.add_command(retention)
