"""Finding the person a subject-access or erasure request is about, within one organisation."""
from __future__ import annotations

from caseapp.extensions import db
from caseapp.persons import services
from caseapp.persons.models import Person


def find_by_exact_name(organisation_id: int, name: str) -> list[Person]:
    """The organisation's people recorded under this name (an alias is not enough): by its keyed hash."""
    return services.find_by_exact_name(organisation_id, name)


def person_of(organisation_id: int, person_id: int) -> Person | None:
    """The person with this id if they belong to the organisation; None otherwise, whatever the reason."""
    person = db.session.get(Person, person_id)
    return person if person is not None and person.organisation_id == organisation_id else None
