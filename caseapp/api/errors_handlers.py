"""Turn the exceptions services raise into the API's JSON errors."""
from __future__ import annotations

from flask_babel import gettext
from flask_login import current_user
from pydantic import ValidationError

from caseapp.api import blueprint
from caseapp.api.errors import error_response
from caseapp.errors import Busy, Conflict, NotAllowed, NotFound, ServiceError
from caseapp.extensions import db


@blueprint.errorhandler(ValidationError)
def invalid_shape(error: ValidationError):
    fields: dict[str, str] = {}
    for problem in error.errors():
        name = ".".join(str(part) for part in problem["loc"]) or "body"
        fields.setdefault(name, problem["msg"])
    return error_response(422, fields=fields)


@blueprint.errorhandler(ServiceError)
def refused(error: ServiceError):
    db.session.rollback()
    message = error.translated(gettext)
    if isinstance(error, Busy):  # not the input's fault: the same request may succeed later
        response = error_response(error.status, message=message, fields={error.field or "body": message})
        response.headers["Retry-After"] = "60"
        return response
    return error_response(422, message=message, fields={error.field or "body": message})


@blueprint.errorhandler(NotFound)
def not_found(error: NotFound):
    return error_response(404)


@blueprint.errorhandler(PermissionError)
def forbidden(error: PermissionError):
    db.session.rollback()
    if isinstance(error, NotAllowed):  # refused for a reason the user can act on: say it
        return error_response(403, message=error.translated(gettext))
    return error_response(403)


@blueprint.errorhandler(Conflict)
def conflict(error: Conflict):
    from caseapp.persons.models import Person
    from caseapp.persons.services import record_viewed

    if isinstance(error.current, Person):  # the answer shows the person's record as it is now: a read
        record_viewed([error.current], current_user)
        db.session.commit()
    return error_response(409, current=current_json(error.current))


def current_json(obj):
    """The current state of a record that a stale write collided with."""
    from caseapp.api.cases import full_case_json
    from caseapp.api.schemas import party_json, person_json
    from caseapp.cases.models import Case
    from caseapp.parties.models import Party

    if isinstance(obj, Case):
        return full_case_json(obj)
    if isinstance(obj, Party):
        return party_json(obj)
    return person_json(obj)
