"""Whose people a reader may not see: the persons area's answer to the redaction layer
(caseapp.protection.disclosure), which every page, API answer and export passes through."""
from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from caseapp.auth.roles import ADMIN, CASEWORKER, COORDINATOR
from caseapp.cases.models import Case
from caseapp.extensions import db
from caseapp.persons.models import Person
from caseapp.protection import disclosure
from caseapp.protection.redaction import PREFIXES, PersonTerms, folded


def hidden_people(user) -> list[PersonTerms] | None:
    """The people of the user's organisation whose case the user has no need-to-know for, coded per case;
    None for coordinators and admins, who see everyone (cases.permissions.can_view_persons)."""
    if user.role in (COORDINATOR, ADMIN):
        return None
    query = select(Person, Case.assignee_id).join(Case, Case.id == Person.case_id).where(
        Person.organisation_id == user.organisation_id).order_by(Person.case_id, Person.id)
    rows = db.session.execute(query).all()
    # What the reader recorded on their own case is no secret to them when another case names the same
    # person: they must be able to read and quote their own sources. Only what they recorded: the other
    # record's other aliases, phone and numbers stay hidden, so recording a guess reveals no more than it.
    known: set[str] = set()
    for person, assignee_id in rows:
        if user.role == CASEWORKER and assignee_id == user.id:
            known |= _identities(person)
    people, counts = [], {}
    for person, assignee_id in rows:
        # Numbered over all of the case's people, so a code is the same for every reader.
        prefix = PREFIXES.get(person.role, "P")
        counts[(person.case_id, prefix)] = number = counts.get((person.case_id, prefix), 0) + 1
        if user.role == CASEWORKER and assignee_id == user.id:
            continue
        def unknown(value):
            return "" if _identity(value) in known or _digits(value) in known else value

        people.append(PersonTerms(person.id, person.role, unknown(person.name),
                                  tuple(a for a in (person.aliases or ()) if unknown(a)),
                                  unknown(person.contact), unknown(person.document_numbers),
                                  code=f"{prefix}-{number}"))
    return people


def _identity(name: str | None) -> str:
    return folded(" ".join((name or "").split()))


def _digits(value: str | None) -> str:
    digits = "".join(c for c in value or "" if c.isdigit())
    return f"#{digits}" if len(digits) >= 6 else f"#-{value}"  # never equal to a name's identity


def _identities(person) -> set[str]:
    values = [person.name, *(person.aliases or ()), person.contact, person.document_numbers]
    return {_identity(v) for v in values if v} | {_digits(v) for v in values if v}


def install(app: Flask) -> None:
    """Hide, in every output, the people each reader has no need-to-know for."""
    disclosure.install(app, hidden_people)
