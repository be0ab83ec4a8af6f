"""`flask retention run`, `flask persons export ID -o FILE` and `flask persons erase ID`. Thin: parse, call, commit, print.

The command line is the operator's: it reaches every organisation, and its audit entries
name the actor `cli`. It prints ids, counts and places, never a person's name.
"""
from __future__ import annotations

from pathlib import Path

import click
from flask import Flask

from caseapp.db import utcnow
from caseapp.errors import ServiceError
from caseapp.extensions import db
from caseapp.protection.files import write_private
from caseapp.transaction import CommandGroup

retention = CommandGroup("retention", help="Delete what the organisations' retention periods make due.")
persons = CommandGroup("persons", help="One person's data: subject-access export and erasure.")


def _ids(ids: list[int]) -> str:
    return ", ".join(map(str, ids)) if ids else "none"


@retention.command("run")
@click.option("--dry-run", is_flag=True, help="Print what is due; delete nothing.")
def retention_run(dry_run: bool) -> None:
    """Delete closed cases and person records whose retention period has passed, and deleted drafts whose
    BIN_DAYS in the bin are over."""
    from flask import current_app

    from caseapp.privacy import retention as service

    plans = service.plan(utcnow(), current_app.config["BIN_DAYS"])
    if not plans:
        click.echo("No organisation has set a retention period or has cases in the bin: nothing is due.")
        return
    for plan in plans:
        people = plan.people_with_cases + plan.people_in_bin + plan.people_alone
        click.echo(f"{plan.code} ({plan.name}): {len(plan.case_ids)} closed case(s) [{_ids(plan.case_ids)}], "
                   f"{len(people)} person record(s) [{_ids(people)}], "
                   f"{plan.dossiers} kept dossier(s), "
                   f"{len(plan.binned_case_ids)} deleted case(s) out of the bin [{_ids(plan.binned_case_ids)}]")
    if dry_run:
        click.echo("Dry run: nothing was deleted.")
        return
    outcome = service.apply(plans)
    click.echo(f"Deleted {outcome.cases} case(s), {outcome.people} person record(s) and the files of "
               f"{outcome.dossiers} dossier(s); each deletion is in the audit log.")
    if outcome.uncited_source_ids:
        click.echo(f"Sources no case cites any more (kept; deleting one is a separate decision): "
                   f"{_ids(outcome.uncited_source_ids)}")


def _person(person_id: int):
    from caseapp.persons.models import Person

    person = db.session.get(Person, person_id)
    if person is None:
        raise click.ClickException(f"No person {person_id}.")
    return person


@persons.command("export")
@click.argument("person_id", metavar="ID", type=click.IntRange(1, 2**31 - 1))
@click.option("-o", "--output", required=True, help="The file to write: .json or .pdf.")
@click.option("--format", "file_format", type=click.Choice(["json", "pdf"]), default=None,
              help="Instead of the output file's extension.")
def persons_export(person_id: int, output: str, file_format: str | None) -> None:
    """Write everything held about person ID (subject access) as JSON or PDF."""
    from caseapp.privacy import subject

    path = Path(output)
    if not path.parent.is_dir():
        raise click.ClickException(f"The folder {path.parent} does not exist.")
    file_format = file_format or path.suffix.lower().lstrip(".")
    if file_format not in subject.FORMATS:
        raise click.BadParameter("name a .json or .pdf file, or give --format", param_hint="-o")
    made = subject.export(_person(person_id), file_format, None)
    write_private(path, made.content)
    click.echo(f"Wrote {path} ({file_format}, {len(made.content)} bytes); the export is in the audit log.")


@persons.command("erase")
@click.argument("person_id", metavar="ID", type=click.IntRange(1, 2**31 - 1))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def persons_erase(person_id: int, yes: bool) -> None:
    """Erase person ID and every copy the app made; list where they are still mentioned."""
    from caseapp.privacy import erasure

    person = _person(person_id)
    if not yes:
        click.confirm(f"Erase person {person.id} ({person.role}) of case {person.case.reference}? "
                      "This cannot be undone.", abort=True)
    try:
        erased = erasure.erase_person(person, None)
    except ServiceError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Erased person {erased.person_id} of case {erased.case_reference}; "
               f"deleted the files of {erased.dossiers} dossier(s).")
    if not erased.mentions:
        click.echo("Nothing else mentions them.")
        return
    click.echo(f"Still mentioned in {len(erased.mentions)} place(s); decide on each (sources are never changed "
               "by the app):")
    for m in erased.mentions:
        where = f" case {m.case_reference}" if m.case_reference else ""
        click.echo(f"  {m.kind} {m.id} field {m.field}{where}  {m.path or ''}".rstrip())


def init_app(app: Flask) -> None:
    app.cli.add_command(retention)
    app.cli.add_command(persons)
