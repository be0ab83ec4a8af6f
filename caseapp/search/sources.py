"""Finding sources: the ones a user may see, by the words of their text (every revision), title, publisher,
author and address, through the search index; paged by id, newest first not implied (the library's order).

Above sources: what a user may see is the sources area's rule (services.visible_sources); the words are the
index's. A reader from whom people are hidden is answered from what they can read, as in the case list.
"""
from __future__ import annotations

from sqlalchemy import select

from caseapp.auth.models import User
from caseapp.extensions import db
from caseapp.pagination import Page, SortKey, checked_keyset_page, keyset_page
from caseapp.protection import disclosure
from caseapp.search import index, syntax
from caseapp.search.models import SearchDocument
from caseapp.sources import permissions
from caseapp.sources.models import Source
from caseapp.sources.services import visible_sources

ORDER = SortKey([Source.id])
CHECKED_AT_ONCE = 100  # candidates read per round for a reader whose words are checked against what they see


def _seen_by(redactor, query: syntax.Query, source_ids: list[int]) -> set[int]:
    shown = set()
    for source_id, title, body in db.session.execute(
            select(SearchDocument.object_id, SearchDocument.title, SearchDocument.body)
            .where(SearchDocument.kind == "source", SearchDocument.object_id.in_(source_ids))):
        if syntax.Shown([disclosure.words_seen(redactor, title)],
                         [disclosure.words_seen(redactor, body)]).matches(query):
            shown.add(source_id)
    return shown


def list_sources(user: User, q: str | None, cursor: str | None, limit: int) -> Page[Source]:
    if not permissions.can_list_sources(user):
        raise PermissionError("list sources")
    with index.index_scans(db.session):
        return _list_sources(user, q, cursor, limit)


def _list_sources(user: User, q: str | None, cursor: str | None, limit: int) -> Page[Source]:
    query = syntax.parse(q or "")
    stmt = visible_sources(user)
    if not query.terms:
        return keyset_page(db.session, stmt, ORDER, cursor, limit)
    dialect = db.session.get_bind().dialect.name
    redactor = disclosure.redactor_for(user)
    # A reader from whom people are hidden: the index finds the candidates by the wanted words, their -words
    # and the words themselves are then asked of what they can read.
    asked = query if redactor is None else syntax.Query(query.wanted)
    stmt = stmt.where(Source.id.in_(index.objects_with(dialect, asked, "source")))
    if redactor is None:
        return keyset_page(db.session, stmt, ORDER, cursor, limit)
    return checked_keyset_page(db.session, stmt, ORDER, cursor, limit,
                               lambda rows: _seen_by(redactor, query, [source.id for source in rows]),
                               CHECKED_AT_ONCE)
