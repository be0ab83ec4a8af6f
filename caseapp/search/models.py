"""The search index: one row of text per thing that can be found, and each database's full-text index over it.

`search_documents` holds the words (a case's title and notes, a source's text, a quote and its translation,
a party's names, a comment). Over it, each database keeps its own index, in step inside the same transaction:

- SQLite: the FTS5 table `search_fts` (unicode61, accents removed), an external-content index of
  `search_documents` kept by triggers; a second one, `search_names` (trigram), finds parts of names;
- PostgreSQL: the column `search_vector` (each document's words, accents taken off, stemmed by the
  text-search configuration of its language, `simple` where none fits), written with the document, and
  its GIN index; parts of names are found through a trigram index (`pg_trgm`) on the titles.

The statements are here once: the migration that made the table runs the same ones (create_all, in tests
and on a first start without migrations, runs them through the events below).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DDL, ForeignKey, Index, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from caseapp.db import Base, UTCDateTime, utcnow

KINDS = ("case", "source", "excerpt", "party", "comment")

# PostgreSQL's text-search configuration for each language caseapp reads; Polish has none built in.
PG_CONFIGS = {"en": "english", "nl": "dutch", "fr": "french", "es": "spanish", "de": "german",
              "pt": "portuguese", "it": "italian", "ru": "russian"}


class SearchDocument(Base):
    __tablename__ = "search_documents"
    __table_args__ = (
        UniqueConstraint("kind", "object_id"),
        Index("ix_search_documents_org_kind", "organisation_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    kind: Mapped[str] = mapped_column(String(10))
    object_id: Mapped[int] = mapped_column(Integer)
    # The case a case, an excerpt or a comment belongs to (a source or a party may be cited by many).
    case_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    language: Mapped[str] = mapped_column(String(12), default="")
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


# What the statements below make besides the table: the engines' tables (FTS5 makes a few more, named after
# these), the generated column and the indexes. Migrations and checks leave them to these statements.
ENGINE_OBJECTS = ("search_fts", "search_names", "search_vector", "ix_search_documents_vector",
                  "ix_search_documents_title_trgm")


def _pg_config_expression() -> str:
    cases = " ".join(f"WHEN '{code}' THEN '{name}'::regconfig" for code, name in PG_CONFIGS.items())
    return f"CASE language {cases} ELSE 'simple'::regconfig END"


# The name of the configuration each document's words were read with, as SQL: the first column of the GIN
# index, so that "read in english AND holding the words as english reads them" is one index lookup.
PG_CONFIG_NAME = ("(CASE language " + " ".join(f"WHEN '{code}' THEN '{name}'" for code, name in PG_CONFIGS.items())
                  + " ELSE 'simple' END)")
PG_CONFIG_NAMES = tuple(sorted({*PG_CONFIGS.values(), "simple"}))


SQLITE_STATEMENTS = (
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_documents', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE search_names USING fts5(title, content='search_documents', content_rowid='id', "
    "tokenize='trigram')",
    "CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN "
    "INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); "
    "INSERT INTO search_names(rowid, title) VALUES (new.id, new.title); END",
    "CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); "
    "INSERT INTO search_names(search_names, rowid, title) VALUES ('delete', old.id, old.title); END",
    "CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); "
    "INSERT INTO search_names(search_names, rowid, title) VALUES ('delete', old.id, old.title); "
    "INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); "
    "INSERT INTO search_names(rowid, title) VALUES (new.id, new.title); END",
)
SQLITE_DROPS = ("DROP TABLE IF EXISTS search_fts", "DROP TABLE IF EXISTS search_names")

POSTGRES_STATEMENTS = (
    "ALTER TABLE search_documents ADD COLUMN search_vector tsvector",
    # btree_gin (trusted, like pg_trgm below) lets the GIN index hold the configuration beside the words.
    "DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS btree_gin WITH SCHEMA public; "
    "EXCEPTION WHEN unique_violation OR duplicate_object THEN NULL; END $$",
    f"CREATE INDEX ix_search_documents_vector ON search_documents USING gin ({PG_CONFIG_NAME} public.text_ops, "
    "search_vector)",
    # pg_trgm (a trusted extension: the database's owner may add it) finds a part of a name through an
    # index. It lives in public, once per database, whatever schema caseapp's tables are in; two schemas
    # made at once (the tests) may both try to add it: the second finds it there.
    "DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public; "
    "EXCEPTION WHEN unique_violation OR duplicate_object THEN NULL; END $$",
    "CREATE INDEX ix_search_documents_title_trgm ON search_documents USING gin (lower(title) public.gin_trgm_ops)",
)
# How the index writes a document's vector on PostgreSQL: its title and words, their accents already taken
# off by the app (the same as a query's), in its language's configuration.
POSTGRES_VECTOR = (f"setweight(to_tsvector({_pg_config_expression()}, :title), 'A') || "
                   f"setweight(to_tsvector({_pg_config_expression()}, :body), 'B')")

for _statement in SQLITE_STATEMENTS:
    event.listen(SearchDocument.__table__, "after_create", DDL(_statement).execute_if(dialect="sqlite"))
for _statement in SQLITE_DROPS:
    event.listen(SearchDocument.__table__, "before_drop", DDL(_statement).execute_if(dialect="sqlite"))
for _statement in POSTGRES_STATEMENTS:
    event.listen(SearchDocument.__table__, "after_create", DDL(_statement).execute_if(dialect="postgresql"))
