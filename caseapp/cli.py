"""The `flask` commands. Thin: they parse, call a service, commit, print."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from flask import Flask, current_app

from caseapp.audit.cli import audit
from caseapp.backup.cli import backup
from caseapp.errors import ServiceError
from caseapp.protection.files import write_private
from caseapp.extensions import db
from caseapp.privacy.cli import init_app as privacy_commands
from caseapp.protection.cli import keys
from caseapp.transaction import CommandGroup

users = CommandGroup("users", help="Manage user accounts.")
demo = CommandGroup("demo", help="The demo organisation and data.")
cases = CommandGroup("cases", help="Import and export cases.")


def _fail(message: str) -> None:
    raise click.ClickException(message)


@users.command("create")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(["caseworker", "coordinator", "advocate", "admin"]))
@click.option("--org", "org_name", required=True, help="Organisation name; created if missing.")
@click.option("--code", default=None, help="Short code of a new organisation, used in case references.")
@click.option("--name", "full_name", default="", help="The user's full name.")
def create_user(email: str, role: str, org_name: str, code: str | None, full_name: str) -> None:
    """Create a user (password from CASEAPP_PASSWORD, else asked twice)."""
    from caseapp.auth import services

    password = os.environ.get("CASEAPP_PASSWORD") or click.prompt(
        "Password", hide_input=True, confirmation_prompt=True
    )
    try:
        org = services.find_organisation(org_name)
        if org is None:
            org = services.create_organisation(org_name, code, None)
            click.echo(f"Created organisation {org.name} ({org.code}).")
        elif code and code.upper() != org.code:
            _fail(f"{org.name} exists already, with the code {org.code}.")
        user = services.create_user(org, email, role, password, full_name, None)
    except ServiceError as error:
        _fail(str(error))
    click.echo(f"Created {user.role} {user.email} in {org.name}.")


@users.command("token")
@click.argument("email")
@click.option("--label", default="cli", help="What the token is for.")
def create_token(email: str, label: str) -> None:
    """Create an API token for EMAIL and print it on the last line."""
    from caseapp.auth import services

    user = services.find_user_by_email(email)
    if user is None or not user.active:
        _fail(f"No active user {email}.")
    new = services.create_token(user, label, None)
    click.echo(f"API token for {user.email} ({label}); it is shown only this once:")
    click.echo(new.secret)


@users.command("reset-two-factor")
@click.argument("email")
def reset_two_factor(email: str) -> None:
    """Clear EMAIL's second factor (a lost phone, and no admin left to do it on the users page)."""
    from caseapp.auth import second_factor

    user = _active_user(email)
    if not user.has_two_factor:
        _fail(f"{user.email} has no second factor.")
    second_factor.reset(user, None)
    click.echo(f"The second factor of {user.email} is reset and their sessions ended; "
               "they set up a new one at their next sign-in.")


@demo.command("load")
def load_demo() -> None:
    """Create the demo organisation, its accounts and the founding case (idempotent)."""
    from caseapp.demo.services import load_demo as load

    if current_app.config.get("PRODUCTION"):
        _fail("The demo is never loaded in production (CASEAPP_ENV=production).")
    result = load(Path(current_app.config["INSTANCE_PATH"]), os.environ.get("DEMO_PASSWORD") or None,
                  two_factor_roles=current_app.config["TWO_FACTOR_REQUIRED_ROLES"])
    click.echo(f"Demo NGO is ready; founding case {result.founding_case.reference}.")
    click.echo("Demo accounts (e-mail / password; the roles that sign in with a second factor show its TOTP secret):")
    for account in result.accounts:
        second = f"   TOTP secret: {account.totp_secret}" if account.totp_secret else ""
        click.echo(f"  {account.role:<12} {account.email:<24} {account.password}{second}")
    if any(a.totp_secret for a in result.accounts):
        click.echo("Add a TOTP secret to an authenticator app (time-based, 6 digits), or print a code with:")
        click.echo("  .venv/bin/python -c \"import pyotp; print(pyotp.TOTP('SECRET').now())\"")


def _active_user(email: str):
    from caseapp.auth.services import find_user_by_email

    user = find_user_by_email(email)
    if user is None or not user.active:
        _fail(f"No active user {email}.")
    return user


@cases.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--as", "email", required=True, help="The cases are created by this user, in their organisation.")
def import_cases(path: str, email: str) -> None:
    """Import cases from a JSON or CSV file: all of them, or none if any row is invalid."""
    from flask_babel import gettext

    from caseapp.transfer import services

    user = _active_user(email)
    content = Path(path).read_bytes()
    try:
        max_rows = current_app.config["IMPORT_MAX_ROWS"]
        records = services.parse_file(content, path, gettext, max_rows)
        created = services.import_cases(records, user, gettext, source=f"cli:{Path(path).name}",
                                        progress=_counter(len(records)), max_rows=max_rows)
    except services.ImportRefused as refused:
        for problem in refused.problems:
            where = f"row {problem.row}" if problem.row else "file"
            click.echo(f"{where}, {problem.field}: {problem.message}", err=True)
        raise click.ClickException(f"Nothing was imported: {len(refused.problems)} problem(s).") from None
    except PermissionError:
        _fail(f"{email} may not create cases.")
    click.echo(f"Imported {len(created)} cases.")


def _counter(total: int):
    """Tells on stderr how many of the file's rows are read: one line rewritten in a terminal, else a line
    every 1,000 rows (a log stays short)."""
    terminal = sys.stderr.isatty()

    def tell(done: int, of: int) -> None:
        if terminal:
            click.echo(f"\rRead {done} of {of} rows", err=True, nl=done == of)
        elif done % 1000 == 0 or done == of:
            click.echo(f"Read {done} of {of} rows", err=True)

    return tell if total > 0 else None


@cases.command("export")
@click.option("--as", "email", required=True, help="Export what this user may see.")
@click.option("--format", "file_format", type=click.Choice(["csv", "json"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="File to write; default stdout.")
def export_cases(email: str, file_format: str, output: str | None) -> None:
    """Export the cases a user may see, as CSV or JSON."""
    from caseapp.api.cases import full_case_json
    from caseapp.cases.filters import CaseFilters
    from caseapp.transfer import services

    user = _active_user(email)
    text = services.export_cases(user, CaseFilters(), file_format, full_case_json)
    if output:
        write_private(output, text)
        click.echo(f"Wrote {output}.", err=True)
    else:
        click.echo(text, nl=False)


sources = CommandGroup("sources", help="Preserved sources.")


@sources.command("verify")
def verify_sources() -> None:
    """Recompute every source hash; exit non-zero naming each source that no longer matches."""
    from caseapp.sources.services import verify_sources as verify

    count, problems = verify()
    for problem in problems:
        click.echo(f"source {problem.source_id}: {problem.what}", err=True)
    click.echo(f"{count} sources checked, {len(problems)} problem(s).")
    if problems:
        raise click.exceptions.Exit(1)


search = CommandGroup("search", help="The full-text search index.")


@search.command("reindex")
def reindex_search() -> None:
    """Rebuild the search index from every record, and each case's determination from its findings (after a
    restore, a change of the ILO rules, or if either was ever out of step)."""
    from caseapp.assessment import outcomes
    from caseapp.search.index import rebuild

    def told(kind: str, done: int, total: int) -> None:
        click.echo(f"\r{kind}: {done}/{total}", nl=done >= total)

    written = rebuild(db.session.connection(), told)
    click.echo(f"{written} documents indexed.")
    assessed = outcomes.rebuild(db.session.connection())
    click.echo(f"{assessed} cases with findings: determination worked out again.")


ilo = CommandGroup("ilo", help="The ILO indicators and determination rules.")


@ilo.command("determine")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def ilo_determine(path: str) -> None:
    """Print the determination for FILE.json ({"findings": [...], "context": {...}}); exit 2 if invalid."""
    import json

    from caseapp.ilo.inputs import read_determination_input
    from caseapp.ilo.rules import InvalidFindings, determine

    try:
        findings, context = read_determination_input(json.loads(Path(path).read_text(encoding="utf-8")))
        result = determine(findings, context)
    except (InvalidFindings, json.JSONDecodeError, UnicodeDecodeError) as error:
        problems = getattr(error, "problems", [str(error)])
        for problem in problems:
            click.echo(f"invalid: {problem}", err=True)
        raise click.exceptions.Exit(2) from None
    click.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))


@ilo.command("suggest")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--language", default=None, help="Two-letter code; detected when not given.")
def ilo_suggest(path: str, language: str | None) -> None:
    """Propose ILO indicators and case facts for a UTF-8 text file, as JSON."""
    import json

    from caseapp.ilo.suggest import suggest
    from caseapp.ilo.text import LANGUAGES

    if language is not None and language not in LANGUAGES:
        raise click.BadParameter(f"one of {', '.join(LANGUAGES)}", param_hint="--language")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        _fail(f"{path} is not UTF-8 text.")
    analysis = suggest(text, language, current_app.config["SUGGEST_MAX_CHARS"])
    if analysis.truncated:
        click.echo(f"The text has {analysis.text_chars:,} characters: only the first {analysis.read_chars:,} "
                   "were read (SUGGEST_MAX_CHARS).", err=True)
    click.echo(json.dumps(analysis.as_dict(), indent=2, ensure_ascii=False))


@ilo.command("lemmas")
def ilo_lemmas() -> None:
    """Build the engine's compact lemma dictionaries that are missing (once per machine, half a minute)."""
    from caseapp.ilo import lemmas

    lemmas.main([])
    click.echo(f"Lemma dictionaries in {lemmas.lemma_cache()}.")


report = CommandGroup("report", help="Case reports and evidence dossiers (PDF).")
PROFILE_CHOICE = click.Choice(["internal", "advocate"])


def _output_path(output: str) -> Path:
    path = Path(output)
    if not path.parent.is_dir():
        _fail(f"The folder {path.parent} does not exist.")
    return path


@report.command("case")
@click.argument("case_id", type=click.IntRange(1, 2**31 - 1))
@click.option("--profile", type=PROFILE_CHOICE, default="internal", show_default=True)
@click.option("-o", "--output", required=True, help="The PDF file to write.")
def report_case(case_id: int, profile: str, output: str) -> None:
    """Write the report of case CASE_ID (its numeric id) as a PDF."""
    from caseapp.cases.models import Case
    from caseapp.reports.services import case_report_pdf

    path = _output_path(output)
    case = db.session.get(Case, case_id)
    if case is None or case.deleted_at is not None:
        _fail(f"No case {case_id}.")
    made = case_report_pdf(case, profile, None)
    write_private(path, made.pdf)
    click.echo(f"Wrote {path} ({made.export.pages} pages, SHA-256 {made.export.pdf_sha256}).")


@report.command("dossier")
@click.option("--cases", "case_ids", required=True, help="Numeric case ids, comma-separated: 1,4,9.")
@click.option("--profile", type=PROFILE_CHOICE, required=True)
@click.option("-o", "--output", required=True, help="The PDF file to write; FILE.manifest.json is written beside it.")
def report_dossier(case_ids: str, profile: str, output: str) -> None:
    """Write an evidence dossier of several cases, and its manifest."""
    from caseapp.cases.models import Case
    from caseapp.reports.models import ReportExport
    from caseapp.reports.services import CLI_LABEL, build_dossier, fail

    path = _output_path(output)
    try:
        ids = [int(part) for part in case_ids.split(",") if part.strip()]
    except ValueError:
        raise click.BadParameter("numbers separated by commas", param_hint="--cases") from None
    if not ids or any(i < 1 or i > 2**31 - 1 for i in ids):
        raise click.BadParameter("numbers separated by commas", param_hint="--cases")
    cases_found = {c.id: c for c in db.session.scalars(db.select(Case).where(Case.id.in_(ids)))}
    missing = [i for i in ids if i not in cases_found or cases_found[i].deleted_at is not None]
    if missing:
        _fail(f"No case {', '.join(map(str, missing))}.")
    organisations = {c.organisation_id for c in cases_found.values()}
    if len(organisations) > 1:
        _fail("A dossier holds the cases of one organisation.")
    export = ReportExport(organisation_id=organisations.pop(), kind="dossier", profile=profile,
                          case_ids=list(dict.fromkeys(ids)), requested_by_id=None, actor_label=CLI_LABEL)
    db.session.add(export)
    manifest = path.with_name(path.name + ".manifest.json")
    try:
        result = build_dossier(export, output=path, manifest=manifest)
    except ServiceError as error:
        fail(export.id, str(error))  # the row was kept when it started: it ends as failed
        _fail(str(error))
    click.echo(f"Wrote {path} ({result.pages} pages, SHA-256 {result.pdf_sha256}).")
    click.echo(f"Wrote {manifest} (SHA-256 {result.manifest_sha256}).")


@report.command("worker")
def report_worker() -> None:
    """Run the RQ worker that builds dossiers (when REDIS_URL is set)."""
    from rq import Worker

    from caseapp.reports.jobs import queue, uses_redis

    if not uses_redis(current_app):
        _fail("REDIS_URL is not set: dossiers are built inside the app, no worker is needed.")
    Worker([queue(current_app)], connection=queue(current_app).connection).work()


@click.group("database")
def database() -> None:
    """PostgreSQL roles: an owner that migrates, a runtime role that only reads and writes rows."""


@database.command("grant")
@click.argument("runtime_role")
def database_grant(runtime_role: str) -> None:
    """Let RUNTIME_ROLE (DATABASE_URL's) read and write every table, as DATABASE_OWNER_URL's role grants it.

    Run once after the first `flask db upgrade`; later migrations' tables are granted by default privileges.
    """
    from sqlalchemy import create_engine, text

    from caseapp.backup.databases import search_path_schema
    from caseapp.operations import roles

    owner_url = current_app.config.get("DATABASE_OWNER_URL")
    if not owner_url or not owner_url.startswith("postgresql"):
        _fail("DATABASE_OWNER_URL must name the PostgreSQL role that owns caseapp's tables.")
    engine = create_engine(owner_url)
    try:
        with engine.begin() as connection:
            owner = connection.scalar(text("SELECT current_user"))
            schema = search_path_schema(engine.url) or "public"
            found = roles.inspect(connection, owner, runtime_role, schema)
            if found is None:
                _fail(f"There is no role {runtime_role}: create it first (CREATE ROLE {runtime_role} LOGIN PASSWORD ...).")
            problem = roles.refusal(found)
            if problem:
                _fail(problem)
            try:
                statements = roles.grant_statements(schema, owner, runtime_role)
            except roles.RoleError as error:
                _fail(str(error))
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()
    click.echo(f"{runtime_role} may now read and write the rows of schema {schema}; {owner} keeps the tables, "
               "their triggers and the migrations.")


def init_app(app: Flask) -> None:
    app.cli.add_command(database)
    app.cli.add_command(backup)
    app.cli.add_command(keys)
    app.cli.add_command(audit)
    app.cli.add_command(report)
    app.cli.add_command(ilo)
    app.cli.add_command(users)
    app.cli.add_command(demo)
    app.cli.add_command(cases)
    app.cli.add_command(sources)
    app.cli.add_command(search)
    privacy_commands(app)
