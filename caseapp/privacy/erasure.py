"""Erasing one person: their record and every copy caseapp made of it, then what still mentions them.

What goes: the person's record (with its protected fields and their lookup hash) and the kept
files of every dossier that held their case or a case whose text mentions them. The history
of the record stays: it names the fields that changed and who changed them, never a value, and
the audit log is append-only. No other copy exists: people never enter search indexes, job
payloads (a job carries an export id) or the export history rows (kinds, ids and hashes).

What stays, for a person to decide on: the sources, quotes and free-text fields of the
organisation that mention the name, an alias, a contact detail or a document number
(caseapp.privacy.mentions). Preserved sources are evidence and are never altered here;
deleting one is a separate, audited decision.

Changes the session and writes the audit entry; the caller commits.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from caseapp.audit.services import record
from caseapp.auth.models import User
from caseapp.errors import N_, ServiceError
from caseapp.extensions import db
from caseapp.persons.models import Person
from caseapp.privacy import dossiers, mentions, permissions
from caseapp.search import index

CONFIRMATION = "ERASE"


@dataclass(frozen=True)
class Erasure:
    person_id: int
    case_id: int
    case_reference: str
    dossiers: int
    mentions: list[mentions.Mention] = field(default_factory=list)


def erase_person(person: Person, actor: User | None) -> Erasure:
    """Delete the person and the app's copies of them; return where they are still mentioned."""
    if actor is not None and not permissions.can_handle_person(actor, person):
        raise PermissionError("erase a person")
    if dossiers.being_built(person.organisation_id, [person.case_id]):
        raise ServiceError(N_("A dossier with this person's case is being built. Erase the person once it is "
                              "done: its files are then deleted with the record."))
    remaining = mentions.find_mentions(person)
    cases = {person.case_id} | {m.case_id for m in remaining if m.case_id is not None}
    discarded = dossiers.discard(dossiers.holding(person.organisation_id, cases))
    erased = Erasure(person.id, person.case_id, person.case.reference, discarded, remaining)
    record("person.erase", person, actor, {})
    forget_in_search(person)
    db.session.delete(person)
    db.session.flush()
    return erased


def forget_in_search(person: Person) -> None:
    """Index again every document that may name the person, without their name, aliases, contact and numbers:
    the texts that are kept (a source is never altered) no longer find them once the record is gone."""
    connection = db.session.connection()
    index.refresh(connection, index.naming_person(connection, person), hidden=[mentions.terms_of(person)])
