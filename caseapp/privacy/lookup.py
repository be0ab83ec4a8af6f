"""Finding the person a subject-access or erasure request is about, within one organisation."""
from __future__ import annotations

from sqlalchemy import select

from caseapp.extensions import db
from caseapp.persons import services
from caseapp.persons.models import Person


def find_by_exact_name(organisation_id: int, name: str) -> list[Person]:
    """The organisation's people recorded under this name (an alias is not enough)."""
    found = getattr(services, "find_by_exact_name", None)  # with protected fields, a keyed-hash lookup
    if found is not None:
        return list(found(organisation_id, name))
    return _find_by_exact_name(organisation_id, name)


def _find_by_exact_name(organisation_id: int, name: str) -> list[Person]:
    # Until person fields are stored protected with a lookup hash: compare in Python, through the ORM.
    wanted = _normal(name)
    rows = db.session.scalars(select(Person).where(Person.organisation_id == organisation_id).order_by(Person.id))
    return [person for person in rows if _normal(person.name) == wanted] if wanted else []


def _normal(name: str | None) -> str:
    return " ".join((name or "").split()).casefold()


def person_of(organisation_id: int, person_id: int) -> Person | None:
    """The person with this id if they belong to the organisation; None otherwise, whatever the reason."""
    person = db.session.get(Person, person_id)
    return person if person is not None and person.organisation_id == organisation_id else None
