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
from caseapp.protection.redaction import PREFIXES, PersonTerms


def hidden_people(user) -> list[PersonTerms] | None:
    """The people of the user's organisation whose case the user has no need-to-know for, coded per case;
    None for coordinators and admins, who see everyone (cases.permissions.can_view_persons)."""
    if user.role in (COORDINATOR, ADMIN):
        return None
    query = select(Person).join(Case, Case.id == Person.case_id).where(
        Person.organisation_id == user.organisation_id)
    if user.role == CASEWORKER:
        query = query.where((Case.assignee_id != user.id) | Case.assignee_id.is_(None))
    people, counts = [], {}
    for person in db.session.scalars(query.order_by(Person.case_id, Person.id)):
        prefix = PREFIXES.get(person.role, "P")
        counts[(person.case_id, prefix)] = number = counts.get((person.case_id, prefix), 0) + 1
        people.append(PersonTerms(person.id, person.role, person.name, tuple(person.aliases or ()), person.contact,
                                  person.document_numbers, code=f"{prefix}-{number}"))
    return people


def install(app: Flask) -> None:
    """Hide, in every output, the people each reader has no need-to-know for."""
    disclosure.install(app, hidden_people)
