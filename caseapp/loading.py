"""Loading a record for the signed-in user: one way for every page and every API endpoint.

`load(Model, id, may_see)` finds the record and asks the area's predicate (from its permissions.py)
whether this user may see it. A record that does not exist and one the user may not see get the same
answer, 404 (another organisation's case, a person without need-to-know): nobody learns that it exists.
What the user may then do with it is asked of the next predicate, with `require`, which answers 403.
Each area names its loaders once (cases.views.load_case, sources.views.load_source...), and the web and
the API use the same ones.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort

from caseapp.extensions import db
from caseapp.security import require

Record = TypeVar("Record")


def load(model: type[Record], object_id: int, may_see: Callable[..., bool],
         context: Callable[[Record], tuple[Any, ...]] | None = None) -> Record:
    """The record of `model` with this id if this user may see it (may_see(user, record, *context(record)))."""
    found = db.session.get(model, object_id)
    if found is None:
        abort(404)
    require(may_see, found, *(context(found) if context is not None else ()), hide=True)
    return found
