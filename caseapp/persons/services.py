"""Operations on the people of a case. Need-to-know, and no value ever enters the history."""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from caseapp.audit.services import record
from caseapp.auth.models import User
from caseapp.cases import permissions
from caseapp.cases.models import Case
from caseapp.cases.services import reopen_if_verified
from caseapp.errors import N_, NotFound, ServiceError
from caseapp.extensions import db
from caseapp.validation import clean_choice, clean_names, clean_text
from caseapp.locking import locked_update
from caseapp.persons import events
from caseapp.persons.models import Person
from caseapp.persons.vocab import CONSENT, DEFAULT_RISK, PERSON_ROLES, RISK
from caseapp.protection.ciphers import lookup_candidates
from caseapp.protection.setup import current_ring
from caseapp.persons.limits import CONTACT_MAX, DOCUMENTS_MAX, NAME_MAX, NOTES_MAX

FIELDS = ("role", "consent", "consent_date", "risk", "name", "aliases", "contact", "document_numbers", "notes")
TEXT_LIMITS = {"name": NAME_MAX, "contact": CONTACT_MAX, "document_numbers": DOCUMENTS_MAX, "notes": NOTES_MAX}


def _clean(data: dict[str, Any], partial: bool) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    if "name" in data or not partial:
        if not isinstance(data.get("name"), str) or not data["name"].strip():
            raise ServiceError(N_("A person needs a name, or a description such as 'worker A'."), "name")
    if "role" in data or not partial:
        clean["role"] = clean_choice(data.get("role"), PERSON_ROLES, "role")
    for key, allowed in (("consent", CONSENT), ("risk", RISK)):
        if key in data and data[key] is not None:
            clean[key] = clean_choice(data[key], allowed, key)
    for key, maximum in TEXT_LIMITS.items():
        if key in data:
            clean[key] = clean_text(data, key, maximum)
    if "aliases" in data:
        clean["aliases"] = clean_names(data)
    if "consent_date" in data:
        clean["consent_date"] = _date(data["consent_date"])
    return clean


def _date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    try:
        parsed = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise ServiceError(N_("Write the date as YYYY-MM-DD."), "consent_date")
    return parsed


def _changed_fields(before: dict, after: dict) -> dict[str, dict[str, bool]]:
    # Which fields changed, never their values: the history is read more widely than the record.
    return {key: {"changed": True} for key in FIELDS if before.get(key) != after.get(key)}


def person_fields(person: Person) -> dict[str, Any]:
    return {key: getattr(person, key) for key in FIELDS}


def create_person(case: Case, data: dict[str, Any], actor: User) -> Person:
    if not permissions.can_edit_persons(actor, case):
        raise PermissionError("edit persons")
    clean = _clean(data, partial=False)
    clean.setdefault("risk", DEFAULT_RISK.get(clean["role"], "medium"))
    person = Person(case_id=case.id, organisation_id=case.organisation_id, **clean)
    db.session.add(person)
    record("person.create", person, actor, _changed_fields({}, person_fields(person)))
    reopen_if_verified(case, actor)
    return person


def update_person(person: Person, data: dict[str, Any], actor: User, expected_version: int) -> Person:
    if not permissions.can_edit_persons(actor, person.case):
        raise PermissionError("edit persons")
    changes = locked_update(person, expected_version, lambda: _clean(data, partial=True), person_fields,
                            _changed_fields)
    if changes:
        record("person.update", person, actor, changes)
        reopen_if_verified(person.case, actor)
    else:
        record_viewed([person], actor)  # nothing changed, but the answer shows the record: a read
    return person


def delete_person(person: Person, actor: User) -> None:
    if not permissions.can_edit_persons(actor, person.case):
        raise PermissionError("edit persons")
    events.person_removing.send(person, actor=actor)  # privacy refuses while texts still name them
    record("person.delete", person, actor, {"role": {"changed": True}})
    reopen_if_verified(person.case, actor)
    db.session.delete(person)


def record_viewed(people: list[Person], actor: User) -> None:
    """Put on the record that `actor` saw these people's details: who read whom is itself evidence."""
    for person in people:
        record("person.view", person, actor)


def persons_of_case(case: Case, user: User) -> list[Person]:
    if not permissions.can_view_persons(user, case):
        raise NotFound("persons")
    return list(db.session.scalars(select(Person).where(Person.case_id == case.id).order_by(Person.id)))


def find_by_exact_name(organisation_id: int, name: str) -> list[Person]:
    """The organisation's people with exactly this name (case and spacing aside).

    Names are stored encrypted, so the database compares keyed hashes: under
    every key of the ring, as a rotation may be half-way through.
    """
    if not name.strip():
        return []
    candidates = lookup_candidates(current_ring(), name)
    return list(db.session.scalars(
        select(Person).where(Person.organisation_id == organisation_id, Person.name_lookup.in_(candidates))
        .order_by(Person.case_id, Person.id)
    ))
