"""Import (all or nothing) and export of cases, both audited. The caller commits or rolls back."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable

from pydantic import ValidationError

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


def parse_file(content: bytes, filename: str, translate) -> list[dict[str, Any]]:
    """The cases in an uploaded JSON or CSV file (by its content, whatever its name)."""
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
        return records
    try:
        return csv_format.read_csv(stripped)
    except csv_format.RowError as error:
        raise ImportRefused([Problem(error.row, error.field or "", error.translated(translate))]) from None


ProgressCallback = Callable[[int, int], None]
PROGRESS_EVERY = 100  # rows between two calls of `progress`


def import_cases(records: list[Any], actor: User, translate, source: str,
                 progress: ProgressCallback | None = None) -> list[Case]:
    """Check every record, then create them all; if any is invalid, raise ImportRefused and create none.

    However many there are: the cases, their parties and audit entries are written in the caller's one
    transaction, the search index brought in step once at the end of it, and `progress(done, total)` told
    every PROGRESS_EVERY rows."""
    if not permissions.can_create_case(actor):
        raise PermissionError("import cases")
    problems: list[Problem] = []
    created: list[Case] = []
    known = parties_by_name(actor.organisation_id)
    references = iter(reserve_references(actor.organisation, len(records))) if records else iter(())
    # Every row is created in the one transaction, whatever happens to the others, so that every
    # problem is found in one pass; when there is any, the caller rolls the whole transaction back.
    with index.deferred(db.session), audit_batch():
        for number, raw in enumerate(records, start=1):
            try:
                if not isinstance(raw, dict):
                    raise ServiceError(N_("Each case is a JSON object."), "row")
                data = given(CaseCreate.model_validate(importable(raw)))
                created.append(create_case_record(data, actor, known, next(references)))
            except ValidationError as error:
                problems += [Problem(number, ".".join(str(p) for p in e["loc"]) or "row", e["msg"])
                             for e in error.errors()]
            except ServiceError as error:
                problems.append(Problem(number, error.field or "row", error.translated(translate)))
            if progress is not None and (number % PROGRESS_EVERY == 0 or number == len(records)):
                progress(number, len(records))
        if problems:
            raise ImportRefused(problems)
        if created:
            record("cases.import", actor.organisation, actor,
                   {"cases": {"old": None, "new": len(created)}, "source": {"old": None, "new": source}})
    return created


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
