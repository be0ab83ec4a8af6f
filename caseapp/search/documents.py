"""What each kind of record gives the search index: its title and its words, read from the database.

A document is rebuilt from the rows as they are (never from objects in memory), so the same code serves
the changes of one transaction and a full rebuild. Person records are encrypted and never enter the index;
free text that names people (a summary, a source) does, and an erasure reindexes it without them.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.engine import Connection

from caseapp.cases.conditions import BY_KEY, CHOICE_LABELS, NOTE_SUFFIX
from caseapp.cases.models import Case, CaseAction, CaseComment, WorkerGroup
from caseapp.parties.models import CaseParty, Party
from caseapp.sources.models import Excerpt, Source, SourceText


@dataclass(frozen=True)
class Document:
    kind: str
    object_id: int
    organisation_id: int
    case_id: int | None
    language: str
    title: str
    body: str


def _join(*parts) -> str:
    return "\n".join(part for part in parts if part)


def _cases(connection: Connection, ids: list[int]) -> Iterable[Document]:
    groups: dict[int, list[str]] = defaultdict(list)
    for case_id, gender, age, note in connection.execute(
            select(WorkerGroup.case_id, WorkerGroup.gender_note, WorkerGroup.age_note, WorkerGroup.note)
            .where(WorkerGroup.case_id.in_(ids)).order_by(WorkerGroup.id)):
        groups[case_id] += [gender, age, note]
    links: dict[int, list[str]] = defaultdict(list)  # what a party's part in the case says ("pays the guards")
    for case_id, note in connection.execute(select(CaseParty.case_id, CaseParty.note)
                                            .where(CaseParty.case_id.in_(ids)).order_by(CaseParty.id)):
        links[case_id].append(note)
    outcomes: dict[int, list[str]] = defaultdict(list)
    for case_id, outcome in connection.execute(select(CaseAction.case_id, CaseAction.outcome)
                                               .where(CaseAction.case_id.in_(ids)).order_by(CaseAction.id)):
        outcomes[case_id].append(outcome)
    rows = connection.execute(select(Case.id, Case.organisation_id, Case.reference, Case.title, Case.summary,
                                     Case.region, Case.worksite, Case.conditions)
                              .where(Case.id.in_(ids), Case.deleted_at.is_(None)))
    for case_id, organisation_id, reference, title, summary, region, worksite, conditions in rows:
        notes = list(_condition_words(conditions or {}))
        yield Document("case", case_id, organisation_id, case_id, "", title,
                       _join(reference, summary, region, worksite, *notes, *groups[case_id], *links[case_id],
                             *outcomes[case_id]))


def _condition_words(conditions: dict) -> Iterable[str]:
    """The conditions as words: their notes, what is told in words (housing conditions), and a choice by its
    label ("housing provided by the employer"), never a stored code, a time or a currency."""
    for key, value in sorted(conditions.items()):
        if not isinstance(value, str) or not value:
            continue
        fact = BY_KEY.get(key)
        if key.endswith(NOTE_SUFFIX) or (fact is not None and fact.kind == "text"):
            yield value
        elif fact is not None and fact.kind == "choice":
            label = CHOICE_LABELS.get(key, {}).get(value)
            if label:
                yield str(label)


def _sources(connection: Connection, ids: list[int]) -> Iterable[Document]:
    texts: dict[int, list[str]] = defaultdict(list)
    for source_id, text in connection.execute(select(SourceText.source_id, SourceText.text)
                                              .where(SourceText.source_id.in_(ids)).order_by(SourceText.revision)):
        if text not in texts[source_id]:  # a revision that changed nothing adds no words
            texts[source_id].append(text)
    rows = connection.execute(select(Source.id, Source.organisation_id, Source.language, Source.title,
                                     Source.publisher, Source.author, Source.url).where(Source.id.in_(ids)))
    for source_id, organisation_id, language, title, publisher, author, url in rows:
        yield Document("source", source_id, organisation_id, None, (language or "")[:2].lower(), title,
                       _join(publisher, author, url, *texts[source_id]))


def _excerpts(connection: Connection, ids: list[int]) -> Iterable[Document]:
    rows = connection.execute(select(Excerpt.id, Source.organisation_id, Excerpt.case_id, Source.language,
                                     Excerpt.quote, Excerpt.translation)
                              .join(Source, Source.id == Excerpt.source_id).where(Excerpt.id.in_(ids)))
    for excerpt_id, organisation_id, case_id, language, quote, translation in rows:
        yield Document("excerpt", excerpt_id, organisation_id, case_id, (language or "")[:2].lower(), "",
                       _join(quote, translation))


def _parties(connection: Connection, ids: list[int]) -> Iterable[Document]:
    rows = connection.execute(select(Party.id, Party.organisation_id, Party.name, Party.aliases,
                                     Party.registration_number, Party.note).where(Party.id.in_(ids)))
    for party_id, organisation_id, name, aliases, registration, note in rows:
        yield Document("party", party_id, organisation_id, None, "", _join(name, *(aliases or [])),
                       _join(registration, note))


def _comments(connection: Connection, ids: list[int]) -> Iterable[Document]:
    rows = connection.execute(select(CaseComment.id, Case.organisation_id, CaseComment.case_id, CaseComment.body)
                              .join(Case, Case.id == CaseComment.case_id).where(CaseComment.id.in_(ids)))
    for comment_id, organisation_id, case_id, body in rows:
        yield Document("comment", comment_id, organisation_id, case_id, "", "", body)


READERS = {"case": _cases, "source": _sources, "excerpt": _excerpts, "party": _parties, "comment": _comments}
# Where each kind's records are, for a full rebuild.
TABLES = {"case": Case, "source": Source, "excerpt": Excerpt, "party": Party, "comment": CaseComment}


def read(connection: Connection, kind: str, ids: list[int]) -> list[Document]:
    return list(READERS[kind](connection, ids))
