"""Searches of the case list a user keeps under a name (their own: no one else sees or changes them)."""
from __future__ import annotations

from urllib.parse import urlencode

from sqlalchemy import func, select

from caseapp.auth.models import User
from caseapp.cases import limits, permissions
from caseapp.cases.filters import CaseFilters
from caseapp.cases.models import SavedSearch
from caseapp.errors import N_, NotFound, ServiceError
from caseapp.extensions import db


def saved_by(user: User) -> list[SavedSearch]:
    return list(db.session.scalars(select(SavedSearch).where(SavedSearch.user_id == user.id)
                                   .order_by(func.lower(SavedSearch.name), SavedSearch.id)))


def save(user: User, name, filters: CaseFilters) -> SavedSearch:
    """Keep these filters under this name (a name already used is given the new filters)."""
    if not permissions.can_save_searches(user):
        raise PermissionError("save searches")
    name = " ".join(name.split()) if isinstance(name, str) else ""
    if not name:
        raise ServiceError(N_("Give the search a name."), "name")
    if len(name) > limits.SAVED_SEARCH_NAME_MAX:
        raise ServiceError(N_("Use at most %(max)d characters."), "name", max=limits.SAVED_SEARCH_NAME_MAX)
    if not filters.active:
        raise ServiceError(N_("Choose words or a filter first: this is the whole list."), "name")
    query = urlencode(filters.as_query())
    saved = db.session.scalar(select(SavedSearch).where(SavedSearch.user_id == user.id, SavedSearch.name == name))
    if saved is None:
        count = db.session.scalar(select(func.count()).select_from(SavedSearch).where(SavedSearch.user_id == user.id))
        if count >= limits.SAVED_SEARCHES_MAX:
            raise ServiceError(N_("You keep %(max)d searches already; delete one first."), "name",
                               max=limits.SAVED_SEARCHES_MAX)
        saved = SavedSearch(user_id=user.id, name=name, query=query)
        db.session.add(saved)
    else:
        saved.query = query
    db.session.flush()
    return saved


def remove(user: User, saved_id: int) -> None:
    saved = db.session.get(SavedSearch, saved_id)
    if saved is None or saved.user_id != user.id:
        raise NotFound("saved search")
    db.session.delete(saved)
    db.session.flush()
