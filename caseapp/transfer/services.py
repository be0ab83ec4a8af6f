"""Import (all or nothing) and export of cases, both audited. The caller commits or rolls back."""
from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Any, Callable

from pydantic import ValidationError
from sqlalchemy import bindparam, update
from sqlalchemy.orm.attributes import set_committed_value

from caseapp.audit.services import batch as audit_batch
from caseapp.audit.services import record
from caseapp.auth.models import User
from caseapp.cases import permissions
from caseapp.cases.filters import CaseFilters
from caseapp.cases.inputs import given
from caseapp.cases.models import Case
from caseapp.cases.services import reserve_references
from caseapp.search.cases import all_cases
from caseapp.errors import N_, ServiceError
from caseapp.transfer import csv_format
from caseapp.parties.inputs import CaseCreate
from caseapp.protection import disclosure
from caseapp.parties.records import create_case_record
from caseapp.parties.services import parties_by_name
from caseapp.search import index
from caseapp.extensions import db

# What an export holds that the app itself decides: left out on import, so an export imports as it is.
EXPORT_ONLY = ("id", "reference", "status", "version", "status_changed_at", "created_by_id", "created_at",
               "updated_at", "assignee_id")
EXPORT_ONLY_IN_LISTS = {"worker_groups": ("id",), "actions": ("id",), "parties": ("id", "party_id", "kind")}


def importable(record: dict[str, Any]) -> dict[str, Any]:
    """A case object without the fields the app sets itself (as found in an export)."""
    clean = {key: value for key, value in record.items() if key not in EXPORT_ONLY}
    for key, dropped in EXPORT_ONLY_IN_LISTS.items():
        if isinstance(clean.get(key), list):
            clean[key] = [{k: v for k, v in item.items() if k not in dropped} if isinstance(item, dict) else item
                          for item in clean[key]]
    return clean


@dataclass(frozen=True)
class Problem:
    row: int  # 1-based; 0 for the file as a whole
    field: str
    message: str


class ImportRefused(Exception):
    """Nothing was imported; `problems` names each bad row and field."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def too_many(max_rows: int, translate) -> ImportRefused:
    return ImportRefused([Problem(0, "file", translate(N_("Import at most %(max)s cases at a time."),
                                                       max=max_rows))])


def parse_file(content: bytes, filename: str, translate, max_rows: int | None = None) -> list[dict[str, Any]]:
    """The cases in an uploaded JSON or CSV file (by its content, whatever its name), refused as a whole
    past max_rows cases."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused([Problem(0, "file", translate(N_("The file is not UTF-8 text.")))]) from None
    if "\x00" in text:  # no text file holds NUL bytes, and no database column takes them
        raise ImportRefused([Problem(0, "file", translate(N_("The file is not UTF-8 text.")))])
    stripped = text.lstrip()
    if stripped.startswith("[") or filename.lower().endswith(".json"):
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as error:
            raise ImportRefused([Problem(0, "file", f"JSON: {error.msg} (line {error.lineno})")]) from None
        except RecursionError:
            raise ImportRefused([Problem(0, "file", translate(N_("A JSON import is a list of case objects.")))]) \
                from None
        if not isinstance(records, list):
            raise ImportRefused([Problem(0, "file", translate(N_("A JSON import is a list of case objects.")))])
        if max_rows is not None and len(records) > max_rows:
            raise too_many(max_rows, translate)
        return records
    try:
        return csv_format.read_csv(stripped, max_rows)
    except csv_format.TooManyRows:
        raise too_many(max_rows or 0, translate) from None
    except csv_format.RowError as error:
        raise ImportRefused([Problem(error.row, error.field or "", error.translated(translate))]) from None


ProgressCallback = Callable[[int, int], None]
PROGRESS_EVERY = 100  # rows between two calls of `progress`


def import_cases(records: list[Any], actor: User, translate, source: str,
                 progress: ProgressCallback | None = None, max_rows: int | None = None) -> list[Case]:
    """Check every record, then create them all; if any is invalid, raise ImportRefused and create none.

    At most max_rows (IMPORT_MAX_ROWS: the file is held in memory, and on SQLite every other writer waits
    for it): the cases, their parties and audit entries are written in the caller's one transaction, the search index brought in step once at the end of it, and `progress(done, total)` told
    every PROGRESS_EVERY rows."""
    if not permissions.can_create_case(actor):
        raise PermissionError("import cases")
    if max_rows is not None and len(records) > max_rows:
        raise too_many(max_rows, translate)
    problems: list[Problem] = []
    created: list[Case] = []
    known = parties_by_name(actor.organisation_id)
    # Each case is made with a stand-in reference and given its real one at the end, in one block: the
    # organisation's counter is a row that every new case of the organisation waits for until this
    # transaction ends, so it is taken last, as the audit chain's head is.
    stand_in = secrets.token_hex(6)
    # Every row is created in the one transaction, whatever happens to the others, so that every
    # problem is found in one pass; when there is any, the caller rolls the whole transaction back.
    with index.deferred(db.session), audit_batch() as pending:
        for number, raw in enumerate(records, start=1):
            try:
                if not isinstance(raw, dict):
                    raise ServiceError(N_("Each case is a JSON object."), "row")
                data = given(CaseCreate.model_validate(importable(raw)))
                created.append(create_case_record(data, actor, known, f"~{stand_in}-{number}"))
            except ValidationError as error:
                problems += [Problem(number, ".".join(str(p) for p in e["loc"]) or "row", e["msg"])
                             for e in error.errors()]
            except ServiceError as error:
                problems.append(Problem(number, error.field or "row", error.translated(translate)))
            if progress is not None and (number % PROGRESS_EVERY == 0 or number == len(records)):
                progress(number, len(records))
        if problems:
            raise ImportRefused(problems)
        _give_references(created, actor, pending.entries)
        if created:
            record("cases.import", actor.organisation, actor,
                   {"cases": {"old": None, "new": len(created)}, "source": {"old": None, "new": source}})
    return created


def _give_references(created: list[Case], actor: User, entries: list) -> None:
    """The imported cases' real references, reserved in one block, written in one statement (the cases'
    versions untouched) and into their creation's audit entries, which are not sealed yet."""
    if not created:
        return
    reserved = reserve_references(actor.organisation, len(created))
    references = dict(zip((case.id for case in created), reserved, strict=True))
    table = Case.__table__
    db.session.execute(update(table).where(table.c.id == bindparam("case_id")).values(reference=bindparam("ref")),
                       [{"case_id": case_id, "ref": reference} for case_id, reference in references.items()])
    for case in created:
        set_committed_value(case, "reference", references[case.id])
    for entry in entries:
        if entry.action == "case.create" and entry.object_id in references and "reference" in entry.changes:
            entry.changes["reference"]["new"] = references[entry.object_id]


def export_cases(actor: User, filters: CaseFilters, file_format: str, case_json) -> str:
    """The cases this user may see that the filters find, as CSV or JSON text; audited."""
    if file_format not in ("csv", "json"):
        raise ServiceError(N_("Choose csv or json."), "format")
    cases = all_cases(actor, filters)
    redactor = disclosure.redactor_for(actor)  # people hidden from an exporter without need-to-know
    documents = [case_json(case) if redactor is None else redactor.redact_all(case_json(case)) for case in cases]
    record("cases.export", actor.organisation, actor,
           {"cases": {"old": None, "new": len(cases)}, "case_ids": {"old": None, "new": [c.id for c in cases]},
            "format": {"old": None, "new": file_format},
            "filters": {"old": None, "new": filters.as_query()}})
    if file_format == "json":
        return json.dumps(documents, ensure_ascii=False, indent=2)
    assignees = {case.id: case.assignee.email if case.assignee else "" for case in cases}
    rows = (csv_format.case_to_row(doc, {"reference": doc["reference"], "status": doc["status"],
                                         "assignee": assignees[doc["id"]], "updated_at": doc["updated_at"]})
            for doc in documents)
    return csv_format.write_csv(rows)
