"""Keeping the search index in step with the records, and asking it.

Every flush of a session that touched a searchable record rebuilds that record's document in the same
transaction (`track`, installed once by the app): a rolled-back change leaves the index as it was, a
committed one is found at once. `rebuild` does the same for every record (`flask search reindex`).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from difflib import SequenceMatcher
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator

from sqlalchemy import and_, column, delete, event, func, intersect, literal_column, or_, select, table, text, union
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from caseapp.cases.models import Case, CaseAction, CaseComment, WorkerGroup
from caseapp.db import contains_pattern, utcnow
from caseapp.parties.models import CaseParty, Party
from caseapp.persons.models import Person
from caseapp.protection.redaction import PersonTerms, Redactor
from caseapp.search import documents, syntax
from caseapp.search.models import PG_CONFIG_NAME, PG_CONFIG_NAMES, POSTGRES_VECTOR, SearchDocument
from caseapp.sources.models import Excerpt, Source, SourceText

Key = tuple[str, int]


def _keys_of(record) -> Iterable[Key]:
    """The documents a changed record is part of."""
    if isinstance(record, Case):
        yield "case", record.id
    elif isinstance(record, (WorkerGroup, CaseAction, CaseParty)):
        yield "case", record.case_id
    elif isinstance(record, Source):
        yield "source", record.id
    elif isinstance(record, SourceText):
        yield "source", record.source_id
    elif isinstance(record, Excerpt):
        yield "excerpt", record.id
    elif isinstance(record, Party):
        yield "party", record.id
    elif isinstance(record, CaseComment):
        yield "comment", record.id


def refresh(connection: Connection, keys: Iterable[Key], hidden: Iterable[PersonTerms] = ()) -> int:
    """Rebuild these documents from their records as they now are (a record gone takes its document, and a
    case gone takes its excerpts' and comments' with it). Returns how many documents were written.

    hidden: people whose names, aliases, contacts and numbers are taken out of the documents (a person being
    erased: the texts that name them stay, the index no longer finds them by it)."""
    by_kind: dict[str, set[int]] = defaultdict(set)
    for kind, object_id in keys:
        if object_id is not None:
            by_kind[kind].add(object_id)
    written = 0
    hidden = list(hidden)
    redactor = Redactor(hidden) if hidden else None
    for kind, ids in by_kind.items():
        for chunk in _chunks(sorted(ids), 500):
            found = documents.read(connection, kind, chunk)
            if redactor is not None:
                found = [_without(redactor, document) for document in found]
            found = _keep_masks(connection, kind, found)
            gone = set(chunk) - {d.object_id for d in found}
            if gone:
                connection.execute(delete(SearchDocument).where(SearchDocument.kind == kind,
                                                                SearchDocument.object_id.in_(gone)))
            if found:
                _upsert(connection, found)
                if connection.dialect.name == "postgresql":
                    _write_vectors(connection, kind, found)
                written += len(found)
            if kind == "case" and gone:
                existing = select(Case.id).where(Case.id.in_(gone))
                connection.execute(delete(SearchDocument).where(
                    SearchDocument.case_id.in_(gone), SearchDocument.kind != "case",
                    SearchDocument.case_id.not_in(existing)))
    return written


def _upsert(connection: Connection, found: list[documents.Document]) -> None:
    """Insert or replace each document: two transactions indexing the same record (two people adding to one
    case at once) wait for each other instead of failing on the unique (kind, object_id)."""
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    now = utcnow()
    statement = insert(SearchDocument)
    statement = statement.on_conflict_do_update(
        index_elements=[SearchDocument.kind, SearchDocument.object_id],
        set_={column: statement.excluded[column] for column in
              ("organisation_id", "case_id", "language", "title", "body", "updated_at")})
    connection.execute(statement, [
        {"kind": d.kind, "object_id": d.object_id, "organisation_id": d.organisation_id, "case_id": d.case_id,
         "language": d.language, "title": d.title, "body": d.body, "updated_at": now} for d in found])


def _without(redactor: Redactor, document: documents.Document) -> documents.Document:
    return replace(document, title=_without_people(redactor, document.title),
                   body=_without_people(redactor, document.body))


# What stands in the index where an erased person was named: no word, so nothing finds it, and a sign no
# article uses, so that it is known again when the document is next rebuilt.
PERSON_GONE = "▯"
NAME_MAX = 120  # a piece of text this short that replaced a PERSON_GONE is still the name taken out


def _keep_masks(connection: Connection, kind: str, found: list[documents.Document]) -> list[documents.Document]:
    """Documents rebuilt from records that still name an erased person (a source is never altered) keep the
    name taken out: the new text is aligned with the one indexed before, and where a short piece of it stands
    in place of a PERSON_GONE, the PERSON_GONE stays. Nothing of the person is kept anywhere to do this."""
    if not found:
        return found
    before = {object_id: (title, body) for object_id, title, body in connection.execute(
        select(SearchDocument.object_id, SearchDocument.title, SearchDocument.body).where(
            SearchDocument.kind == kind, SearchDocument.object_id.in_([d.object_id for d in found]),
            or_(SearchDocument.title.contains(PERSON_GONE), SearchDocument.body.contains(PERSON_GONE))))}
    if not before:
        return found
    kept = []
    for document in found:
        if document.object_id in before:
            title, body = before[document.object_id]
            document = replace(document, title=carry_masks(title, document.title),
                               body=carry_masks(body, document.body))
        kept.append(document)
    return kept


_PIECES = re.compile(r"\w+|\W+")


def carry_masks(previous: str, current: str) -> str:
    """current, with each PERSON_GONE of previous kept where current has a short piece in its place."""
    if PERSON_GONE not in previous:
        return current
    old, new = _PIECES.findall(previous), _PIECES.findall(current)
    kept = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        replaced = "".join(new[j1:j2])
        if tag == "replace" and PERSON_GONE in "".join(old[i1:i2]) and len(replaced) <= NAME_MAX:
            kept.append("".join(old[i1:i2]))
        else:
            kept.append(replaced)
    return "".join(kept)


def _without_people(redactor: Redactor, text: str) -> str:
    if not text:
        return text
    pieces, position = [], 0
    for start, end, _code in redactor.hidden_spans(text):
        pieces += [text[position:start], PERSON_GONE]
        position = end
    return "".join(pieces) + text[position:] if pieces else text


def _write_vectors(connection: Connection, kind: str, found: list[documents.Document]) -> None:
    connection.execute(text(f"UPDATE search_documents SET search_vector = {POSTGRES_VECTOR} "
                            "WHERE kind = :kind AND object_id = :object_id"),
                       [{"kind": kind, "object_id": d.object_id,
                         "title": syntax.without_accents(d.title), "body": syntax.without_accents(d.body)}
                        for d in found])


def _chunks(values: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def rebuild(connection: Connection, progress: Callable[[str, int, int], None] | None = None) -> int:
    """Every document again, from every record, in chunks: (kind, done, total) is told after each. Documents
    are replaced one by one (the names taken out by an erasure stay out), those of records gone are dropped."""
    written = 0
    for kind, model in documents.TABLES.items():
        connection.execute(delete(SearchDocument).where(SearchDocument.kind == kind,
                                                        SearchDocument.object_id.not_in(select(model.id))))
        ids = list(connection.scalars(select(model.id).order_by(model.id)))
        for done in range(0, len(ids), 500):
            written += refresh(connection, ((kind, object_id) for object_id in ids[done:done + 500]))
            if progress is not None:
                progress(kind, min(done + 500, len(ids)), len(ids))
        if progress is not None and not ids:
            progress(kind, 0, 0)
    return written


_DEFERRED = "search_index_deferred"


@contextmanager
def deferred(session: Session) -> Iterator[None]:
    """Within: the documents of the records changed are noted at each flush and rebuilt once at the end, still
    in the same transaction (an import of thousands of cases: one rebuild of 500 documents at a time instead
    of one per flush). If the block fails, nothing is rebuilt: its transaction is to be rolled back."""
    if _DEFERRED in session.info:  # already deferred by an outer block, which rebuilds them all
        yield
        return
    session.info[_DEFERRED] = set()
    try:
        yield
        session.flush()
        refresh(session.connection(), session.info[_DEFERRED])
    finally:
        session.info.pop(_DEFERRED, None)


def _after_flush(session: Session, _context) -> None:
    keys = {key for record in (*session.new, *session.dirty, *session.deleted) for key in _keys_of(record)}
    if _DEFERRED in session.info:
        session.info[_DEFERRED] |= keys
    elif keys:
        refresh(session.connection(), keys)


def naming_person(connection: Connection, person: Person) -> set[Key]:
    """The documents that may name this person: their case's, and every document of the organisation holding
    a word that starts like a word of their name, an alias, their contact or a number (a superset: the
    masking that follows is the reports' redaction matcher)."""
    words: set[str] = set()
    for value in (person.name, *(person.aliases or ()), person.contact, person.document_numbers):
        for word in syntax.WORDS.findall((value or "").lower()):
            if word.isdigit():
                if len(word) >= 3:
                    words.add(word[:3])  # a number however it is spaced: "836401122" is in "836 401 122"
            elif len(word) >= 2:
                words.add(word[:max(4, len(word) - 3)])  # an ending changed: "Ivanov" in "Ivanovoj"
        digits = "".join(ch for ch in (value or "") if ch.isdigit())
        if len(digits) >= 3:
            words.add(digits[:3])
    keys: set[Key] = {("case", person.case_id)}
    keys |= {(kind, object_id) for kind, object_id in connection.execute(
        select(SearchDocument.kind, SearchDocument.object_id).where(SearchDocument.case_id == person.case_id))}
    if words:
        stmt = _any_word(connection.dialect.name, sorted(words)[:50]).where(
            SearchDocument.organisation_id == person.organisation_id)
        keys |= {(kind, object_id) for kind, object_id in connection.execute(
            select(SearchDocument.kind, SearchDocument.object_id).where(SearchDocument.id.in_(stmt)))}
    return keys


def _any_word(dialect: str, words: list[str]):
    """A select of SearchDocument.id for the documents holding a word that starts with one of these."""
    if dialect == "postgresql":
        written = " | ".join(syntax.lexeme(word, prefix=True) for word in words)
        return _postgres_written(written, None)
    match = " OR ".join('"' + word.replace('"', '""') + '"*' for word in words)
    return select(SearchDocument.id).join(_FTS, _FTS.c.rowid == SearchDocument.id).where(
        literal_column("search_fts").op("MATCH")(match))


@contextmanager
def index_scans(session: Session) -> Iterator[None]:
    """Within: PostgreSQL reads the documents a query finds through the full-text index, never by reading every
    document. Its planner reckons a word in a tenth of the archive cheaper to find by scanning the table, not
    counting that each document's vector must then be unpacked and asked (2,000-word sources): 1.3 s instead of
    0.2 s at 200,000 documents. The setting is this transaction's, restored on leaving."""
    if session.get_bind().dialect.name != "postgresql":
        yield
        return
    session.execute(text("SET LOCAL enable_seqscan = off"))
    try:
        yield
    finally:
        try:
            session.execute(text("SET LOCAL enable_seqscan = on"))
        except DBAPIError:  # the transaction failed meanwhile: its rollback restores the setting
            pass


def track() -> None:
    """Rebuild the documents of what every flush changed, in its transaction (installed once)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)


# -- asking ------------------------------------------------------------------------------------------

def matching(dialect: str, query: syntax.Query, kinds: tuple[str, ...] | None = None):
    """A select of SearchDocument.id for the documents the query finds."""
    if dialect == "postgresql":
        return _postgres(query, kinds)
    return _sqlite(query, kinds)


# SQLite's FTS5 tables, for queries (made by the statements in caseapp.search.models)
_FTS = table("search_fts", column("rowid"))
_NAMES = table("search_names", column("rowid"))


def _sqlite(query: syntax.Query, kinds):
    match = literal_column("search_fts").op("MATCH")(syntax.fts5_match(query))
    if not kinds:  # the index's own row ids are the documents' (no lookup of each document)
        return select(_FTS.c.rowid.label("id")).where(match)
    return select(SearchDocument.id).join(_FTS, _FTS.c.rowid == SearchDocument.id).where(
        match, SearchDocument.kind.in_(kinds))


def _postgres(query: syntax.Query, kinds):
    return _postgres_written(syntax.tsquery(query), kinds)


def _postgres_written(written: str, kinds):
    vector = literal_column("search_documents.search_vector")
    config = literal_column(PG_CONFIG_NAME)
    # Each document is asked in the words of the configuration it was read with: one lookup of the GIN index
    # on (configuration, words) per configuration, exact, no document unpacked to check it.
    per_config = [and_(config == literal_column(f"'{name}'"), vector.op("@@")(
        func.to_tsquery(literal_column(f"'{name}'::regconfig"), written))) for name in PG_CONFIG_NAMES]
    stmt = select(SearchDocument.id).where(or_(*per_config))
    if kinds:
        stmt = stmt.where(SearchDocument.kind.in_(kinds))
    return stmt


def naming(dialect: str, query: syntax.Query, kinds: tuple[str, ...] | None = None):
    """A select of SearchDocument.id for the documents whose title holds each wanted term as a part of a word
    ("Nord" in "NordStroy"): for names, which are not words of a language. Terms under three letters find
    nothing here (too many names hold them)."""
    wanted = [" ".join(term.words) for term in query.wanted]
    stmt = select(SearchDocument.id)
    if not wanted or any(len(part) < 3 for part in wanted):
        return stmt.where(literal_column("1") == 0)
    if dialect == "postgresql":
        for part in wanted:
            stmt = stmt.where(func.lower(SearchDocument.title).like(contains_pattern(part), escape="\\"))
    else:
        match = " AND ".join('"' + part.replace('"', '""') + '"' for part in wanted)
        if not kinds:
            return select(_NAMES.c.rowid.label("id")).where(literal_column("search_names").op("MATCH")(match))
        stmt = stmt.join(_NAMES, _NAMES.c.rowid == SearchDocument.id).where(
            literal_column("search_names").op("MATCH")(match))
    if kinds:
        stmt = stmt.where(SearchDocument.kind.in_(kinds))
    return stmt


def documents_with(dialect: str, query: syntax.Query, kinds: tuple[str, ...] | None = None):
    """A select of SearchDocument.id for the documents (of these kinds) that hold every wanted term (as a word,
    a phrase, a prefix, or a part of their title of three letters or more) and no excluded one."""
    def holding(term: syntax.Term):
        alone = syntax.Query((syntax.Term(term.words, term.prefix),))
        matches = [matching(dialect, alone, kinds)]
        if not term.excluded:
            matches.append(naming(dialect, alone, kinds))
        found = union(*matches).subquery()
        return select(found.c.id)  # a plain select: SQLite takes no compound inside a compound

    wanted = [holding(term) for term in query.wanted]
    ids = (wanted[0] if len(wanted) == 1 else intersect(*wanted)).subquery()
    stmt = select(ids.c.id)
    excluded = [holding(term) for term in query.terms if term.excluded]
    if excluded:
        stmt = stmt.where(ids.c.id.not_in(union(*excluded) if len(excluded) > 1 else excluded[0]))
    return stmt


def objects_with(dialect: str, query: syntax.Query, kind: str):
    """A select of the object ids of one kind whose document holds the query (documents_with)."""
    return select(SearchDocument.object_id).where(SearchDocument.id.in_(documents_with(dialect, query, (kind,))))
