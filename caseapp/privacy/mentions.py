"""Where an organisation's records still mention a person: their name, an alias, a contact or a number.

Matching is the reports' redaction matcher (caseapp.protection.redaction): it ignores case,
accents and invisible characters, and takes a surname alone, a name with an ending changed
and a number however it is spaced. It errs on the side of listing: a person decides what
each mention is. Nothing here changes a record; preserved sources are evidence and are
never altered.

The places looked at are listed in PLACES, one line per table and its free-text columns.
`tests/integration/test_privacy_erasure.py` scans every column of every table for a person's
details after an erasure and fails on any row not listed here: a new table of free text needs
its line here, and a record of it in that test's data.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import select

from caseapp.assessment.models import Assessment, Finding
from caseapp.audit.models import AuditEntry
from caseapp.cases.models import Case, CaseAction, CaseComment, WorkerGroup
from caseapp.errors import N_, ServiceError
from caseapp.extensions import db
from caseapp.parties.models import CaseParty, Party
from caseapp.persons.models import Person
from caseapp.reports.models import ReportExport
from caseapp.protection.redaction import PersonTerms, Redactor
from caseapp.sources.models import Excerpt, FactDecision, FactEvidence, Source, SourceText

KINDS: dict[str, str] = {
    "case": N_("Case"),
    "worker_group": N_("Worker group"),
    "case_action": N_("Follow-up action"),
    "case_comment": N_("Comment on a case"),
    "case_party": N_("A party's part in a case"),
    "party": N_("Party"),
    "finding": N_("ILO finding"),
    "fact_decision": N_("Retained value of a fact"),
    "fact_evidence": N_("Evidence for a fact"),
    "assessment": N_("Saved determination"),
    "source": N_("Description of a source"),
    "source_text": N_("Text of a source (preserved evidence)"),
    "excerpt": N_("Quote"),
    "person": N_("Another person's record"),
    "history": N_("History entry (the audit log is never changed)"),
    "report_export": N_("Export history"),
}


@dataclass(frozen=True)
class Place:
    """A table whose free-text columns may name people, and how to reach its organisation's rows."""

    kind: str
    model: Any
    columns: tuple[str, ...]
    via_case: bool = False  # the rows belong to the organisation through their case
    via_source: bool = False  # ... through their source


PLACES: tuple[Place, ...] = (
    Place("case", Case, ("title", "summary", "region", "worksite", "conditions")),
    Place("worker_group", WorkerGroup, ("gender_note", "age_note", "note"), via_case=True),
    Place("case_action", CaseAction, ("outcome",), via_case=True),
    Place("case_comment", CaseComment, ("body",), via_case=True),
    Place("case_party", CaseParty, ("note",), via_case=True),
    Place("party", Party, ("name", "aliases", "registration_number", "note")),
    Place("finding", Finding, ("note",), via_case=True),
    Place("fact_decision", FactDecision, ("note", "value"), via_case=True),
    Place("fact_evidence", FactEvidence, ("value",), via_case=True),
    Place("assessment", Assessment, ("inputs", "result"), via_case=True),
    Place("source", Source, ("title", "publisher", "author", "reliability_note", "url", "final_url", "filename",
                             "http_headers")),
    Place("source_text", SourceText, ("text", "reason"), via_source=True),
    Place("excerpt", Excerpt, ("quote", "translation", "translation_by"), via_case=True),
    Place("history", AuditEntry, ("changes",)),
    Place("report_export", ReportExport, ("filters", "message")),
)
# Person records are read through the ORM (their fields may be stored protected).
PERSON_COLUMNS = ("name", "aliases", "contact", "document_numbers", "notes")


@dataclass(frozen=True)
class Mention:
    """One field of one record that mentions the person. Says where, never what."""

    kind: str
    table: str
    id: int
    field: str
    case_id: int | None = None
    case_reference: str | None = None
    source_id: int | None = None
    path: str | None = None  # the page where a person can see it and decide

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "table": self.table, "id": self.id, "field": self.field,
                "case_id": self.case_id, "case_reference": self.case_reference, "source_id": self.source_id,
                "path": self.path}


def terms_of(person: Person) -> PersonTerms:
    """What identifies the person, for matching."""
    return PersonTerms(person.id, person.role, person.name or "", tuple(person.aliases or ()), person.contact or "",
                       person.document_numbers or "")


def strings_in(value: Any, name: str) -> Iterator[tuple[str, str]]:
    """(field, text) for every string in a column's value; JSON is walked, its keys named ("conditions.debt_note")."""
    if isinstance(value, str):
        yield name, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(item, f"{name}.{key}")
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item, name)


def mentioned_fields(redactor: Redactor, values: Iterable[tuple[str, Any]]) -> list[str]:
    """The fields, among (column, value), whose text the redactor would hide: once each, in order."""
    found: list[str] = []
    for column, value in values:
        for field, text in strings_in(value, column):
            if field not in found and any(segment.code for segment in redactor.segments(text)):
                found.append(field)
    return found


def find_mentions(person: Person) -> list[Mention]:
    """Every field of the organisation's records, the person's own record aside, that mentions them."""
    redactor = Redactor([terms_of(person)])
    found: list[Mention] = []
    for place in PLACES:
        found += _scan(place, person.organisation_id, redactor)
    found += _scan_people(person, redactor)
    return _with_references(found)


def _scan(place: Place, organisation_id: int, redactor: Redactor) -> list[Mention]:
    model = place.model
    case_column = getattr(model, "case_id", None) if place.kind != "case" else model.id
    source_column = getattr(model, "source_id", None) if place.kind != "source" else model.id
    wanted = [model.id, *(getattr(model, c) for c in place.columns)]
    extra = [c for c in (case_column, source_column) if c is not None]
    stmt = select(*wanted, *extra)
    if place.via_case:
        stmt = stmt.join(Case, Case.id == model.case_id).where(Case.organisation_id == organisation_id)
    elif place.via_source:
        stmt = stmt.join(Source, Source.id == model.source_id).where(Source.organisation_id == organisation_id)
    else:
        stmt = stmt.where(model.organisation_id == organisation_id)
    found = []
    for row in db.session.execute(stmt.order_by(model.id).execution_options(yield_per=500)):
        values = zip(place.columns, row[1:1 + len(place.columns)], strict=True)
        rest = list(row[1 + len(place.columns):])
        case_id = rest.pop(0) if case_column is not None else None
        source_id = rest.pop(0) if source_column is not None else None
        for field in mentioned_fields(redactor, values):
            found.append(Mention(place.kind, model.__tablename__, row[0], field, case_id=case_id,
                                 source_id=source_id))
    return found


def _scan_people(person: Person, redactor: Redactor) -> list[Mention]:
    others = db.session.scalars(select(Person).where(Person.organisation_id == person.organisation_id,
                                                     Person.id != person.id).order_by(Person.id))
    found = []
    for other in others:
        values = [(column, getattr(other, column)) for column in PERSON_COLUMNS]
        found += [Mention("person", Person.__tablename__, other.id, field, case_id=other.case_id)
                  for field in mentioned_fields(redactor, values)]
    return found


def _with_references(found: list[Mention]) -> list[Mention]:
    case_ids = {m.case_id for m in found if m.case_id is not None}
    rows = db.session.execute(select(Case.id, Case.reference).where(Case.id.in_(case_ids))) if case_ids else []
    references = {case_id: reference for case_id, reference in rows}
    return [Mention(m.kind, m.table, m.id, m.field, m.case_id, references.get(m.case_id), m.source_id, _path(m))
            for m in found]


def _path(mention: Mention) -> str | None:
    """The page of the app where the mention can be read: the record itself, or the case it belongs to."""
    if mention.kind in ("source", "source_text"):
        return path_for("sources.show", source_id=mention.source_id or mention.id)
    if mention.kind == "party":
        return path_for("parties.show", party_id=mention.id)
    if mention.kind == "person":
        return path_for("persons.show", person_id=mention.id)
    if mention.kind == "report_export":
        return path_for("reports.exports")
    if mention.case_id is not None:
        return path_for("cases.show", case_id=mention.case_id)
    return None


def path_for(endpoint: str, **values: Any) -> str:
    """A path of the app, built without a request (the command line prints them too)."""
    return current_app.url_map.bind("localhost").build(endpoint, values)


# Where a removed person's name would show to readers without need-to-know: the texts of cases and sources.
# (History entries, exports and other person records are not shown to those readers as text.)
SHOWN_TO_READERS = frozenset(KINDS) - {"history", "report_export", "person"}


def refuse_removal_while_mentioned(person: Person, actor=None, **_: Any) -> None:
    """A person's record is what hides their name from readers without need-to-know: removed while a
    text still names them, the name would show. Refused, saying where, unless another record of the
    organisation with the same name keeps hiding it (a duplicate removed)."""
    same = " ".join((person.name or "").split()).casefold()
    others = db.session.scalars(select(Person).where(Person.organisation_id == person.organisation_id,
                                                     Person.id != person.id))
    if same and any(" ".join((o.name or "").split()).casefold() == same for o in others):
        return
    shown = [m for m in find_mentions(person) if m.kind in SHOWN_TO_READERS]
    if shown:
        places = ", ".join(dict.fromkeys(m.case_reference or f"#{m.source_id or m.id}" for m in shown[:20]))
        raise ServiceError(N_("Texts that still name this person: %(count)d (%(places)s). Removing their record "
                              "would show the name to everyone who may not see people: change those texts first. "
                              "Someone named in a source stays recorded, so that the source keeps them hidden; "
                              "to remove everything held about a person, an admin erases them."),
                           "person", count=len(shown), places=places)


def listen() -> None:
    """Connect to what the persons area announces (connecting twice changes nothing)."""
    from caseapp.persons import events

    events.person_removing.connect(refuse_removal_while_mentioned)
