"""Cases as CSV rows and back: one column per field, one worker group per row. Plain Python.

A cell that a spreadsheet would read as a formula (=, +, -, @, tab, carriage
return) is written with a leading apostrophe, and read back without it.
"""
from __future__ import annotations

import csv
import io
import re
from typing import Any, Iterable

from caseapp.cases.conditions import FACTS, NOTE_SUFFIX
from caseapp.errors import N_, ServiceError

CASE_COLUMNS = ("title", "summary", "confidentiality", "country", "region", "worksite", "sector", "period_start",
                "period_end")
GROUP_COLUMNS = {"worker_origin": "origin", "worker_count_min": "count_min", "worker_count_max": "count_max",
                 "worker_count_qualifier": "count_qualifier", "worker_gender_note": "gender_note",
                 "worker_age_note": "age_note", "worker_children_involved": "children_involved",
                 "worker_note": "note"}
CONDITION_COLUMNS = tuple(f"conditions.{fact.key}{suffix}" for fact in FACTS for suffix in ("", NOTE_SUFFIX))
PARTIES_COLUMN = "parties"
# Written on export for the reader, ignored on import: the app sets them.
READ_ONLY_COLUMNS = ("reference", "status", "assignee", "updated_at")
IMPORT_COLUMNS = (*CASE_COLUMNS, *GROUP_COLUMNS, *CONDITION_COLUMNS, PARTIES_COLUMN)
EXPORT_COLUMNS = (*READ_ONLY_COLUMNS, *IMPORT_COLUMNS)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
KINDS = {fact.key: fact.kind for fact in FACTS}


def neutralise(cell: str) -> str:
    """Make a cell inert in a spreadsheet."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def restore(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def _text(value: Any) -> str:
    if value is None:
        return ""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)


def case_to_row(case: dict[str, Any], extra: dict[str, Any]) -> dict[str, str]:
    """One CSV row from a case in its JSON shape (only its first worker group fits a row)."""
    row = {column: _text(case.get(column)) for column in CASE_COLUMNS}
    group = (case.get("worker_groups") or [{}])[0]
    row.update({column: _text(group.get(key)) for column, key in GROUP_COLUMNS.items()})
    conditions = case.get("conditions") or {}
    row.update({column: _text(conditions.get(column.split(".", 1)[1])) for column in CONDITION_COLUMNS})
    row[PARTIES_COLUMN] = "; ".join(f"{p['role']}: {p['name']}" for p in case.get("parties") or [])
    row.update({key: _text(value) for key, value in extra.items()})
    return {column: neutralise(value) for column, value in row.items()}


def write_csv(rows: Iterable[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def template_csv() -> str:
    """The empty import template: the header alone."""
    out = io.StringIO()
    csv.writer(out).writerow(IMPORT_COLUMNS)
    return out.getvalue()


class RowError(ServiceError):
    """A problem with one row of an import; `row` counts cases from 1, the header not included."""

    def __init__(self, row: int, message: str, field: str | None = None, **params: Any) -> None:
        super().__init__(message, field, **params)
        self.row = row


# Numbers as spreadsheets write them, in ASCII digits only ("٣" or "３" is not 3): 1200, 1,200, 1200.50.
_WHOLE = re.compile(r"[0-9]{1,15}|[0-9]{1,3}(?:,[0-9]{3}){1,4}")
_DECIMAL = re.compile(r"(?:[0-9]{1,15}|[0-9]{1,3}(?:,[0-9]{3}){1,4})(?:\.[0-9]{1,6})?")


def _number(raw: str, column: str, row: int, whole: bool) -> int | float:
    raw = raw.strip()
    if not (_WHOLE if whole else _DECIMAL).fullmatch(raw):
        raise RowError(row, N_("Give a number written with the digits 0 to 9."), column)
    value = float(raw.replace(",", ""))
    return int(value) if value.is_integer() else value


def _boolean(raw: str, column: str, row: int) -> bool:
    answer = raw.strip().lower()
    if answer in ("yes", "true", "1", "ja"):
        return True
    if answer in ("no", "false", "0", "nee"):
        return False
    raise RowError(row, N_("Answer yes or no, or leave it empty for unknown."), column)


def _typed(kind: str, raw: str, column: str, row: int) -> Any:
    if kind in ("number", "integer"):
        return _number(raw, column, row, whole=kind == "integer")
    if kind == "boolean":
        return _boolean(raw, column, row)
    return raw


def _parties(raw: str, row: int) -> list[dict[str, str]]:
    parties = []
    for item in filter(None, (part.strip() for part in raw.split(";"))):
        role, separator, name = item.partition(":")
        if not separator or not name.strip():
            raise RowError(row, N_("Write parties as 'role: name; role: name'."), PARTIES_COLUMN)
        parties.append({"role": role.strip(), "name": name.strip()})
    return parties


def row_to_case(cells: dict[str, str], row: int) -> dict[str, Any]:
    """A case in its JSON shape from one CSV row; empty cells are left out."""
    cells = {key: restore(value or "").strip() for key, value in cells.items() if key is not None}
    case: dict[str, Any] = {key: cells[key] for key in CASE_COLUMNS if cells.get(key)}
    group = {}
    for column, key in GROUP_COLUMNS.items():
        if cells.get(column):
            kind = {"count_min": "integer", "count_max": "integer", "children_involved": "boolean"}.get(key, "text")
            group[key] = _typed(kind, cells[column], column, row)
    if group:
        case["worker_groups"] = [group]
    conditions = {}
    for column in CONDITION_COLUMNS:
        if cells.get(column):
            key = column.split(".", 1)[1]
            conditions[key] = _typed(KINDS.get(key, "text"), cells[column], column, row)
    if conditions:
        case["conditions"] = conditions
    if cells.get(PARTIES_COLUMN):
        case["parties"] = _parties(cells[PARTIES_COLUMN], row)
    return case


class TooManyRows(Exception):
    """The file holds more cases than may be imported at once (found while reading, not after)."""


def read_csv(text: str, max_rows: int | None = None) -> list[dict[str, Any]]:
    """Cases from CSV text; raise RowError for an unknown column or a cell of the wrong kind, TooManyRows
    at the first row past max_rows (a 10 MB file of one-letter lines holds five million)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        unknown = [c for c in reader.fieldnames or [] if c not in IMPORT_COLUMNS and c not in READ_ONLY_COLUMNS]
        if not reader.fieldnames or "title" not in reader.fieldnames:
            raise RowError(0, N_("The first line must name the columns, 'title' among them."), "header")
        if unknown:
            raise RowError(0, N_("Unknown column: %(columns)s."), "header", columns=", ".join(unknown))
        cases = []
        for number, cells in enumerate(reader, start=1):
            if max_rows is not None and number > max_rows:
                raise TooManyRows()
            cases.append(row_to_case(cells, number))
        return cases
    except csv.Error:  # a cell past the reader's limit, or a quotation mark never closed
        raise RowError(0, N_("The file could not be read as CSV from line %(line)s on: a cell is too long, or a "
                             "quotation mark is not closed."), "file", line=reader.line_num) from None
