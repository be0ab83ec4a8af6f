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
    # A name the reader recorded on their own case is no secret to them when another case names it too; but
    # only a record made before the other case's (a name added now cannot unlock what others recorded: that
    # would be an oracle), and only the name: the other person's aliases, phone and numbers stay hidden.
    known: dict[str, int] = {}
    for person, assignee_id in rows:
        if user.role == CASEWORKER and assignee_id == user.id:
            identity = _identity(person.name)
            known[identity] = min(known.get(identity, person.id), person.id)
    people, counts = [], {}
    for person, assignee_id in rows:
        # Numbered over all of the case's people, so a code is the same for every reader.
        prefix = PREFIXES.get(person.role, "P")
        counts[(person.case_id, prefix)] = number = counts.get((person.case_id, prefix), 0) + 1
        if user.role == CASEWORKER and assignee_id == user.id:
            continue
        name_known = known.get(_identity(person.name), person.id) < person.id
        people.append(PersonTerms(person.id, person.role, "" if name_known else person.name,
                                  tuple(person.aliases or ()), person.contact, person.document_numbers,
                                  code=f"{prefix}-{number}"))
    return people


def _identity(name: str) -> str:
    return folded(" ".join((name or "").split()))


def install(app: Flask) -> None:
    """Hide, in every output, the people each reader has no need-to-know for."""
    disclosure.install(app, hidden_people)
