"""Sources, their preserved text revisions, excerpts, and the evidence excerpts give for facts."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseapp.auth.models import User
from caseapp.cases.models import Case, WorkerGroup, one_of
from caseapp.db import Base, UTCDateTime, utcnow
from caseapp.sources.vocab import MEDIA_KINDS, ORIGINS, RELIABILITY, SOURCE_KINDS, TRANSLATORS
from caseapp.sources import limits


class Source(Base):
    """A preserved document: the exact bytes received (a snapshot) and its extracted text."""

    __tablename__ = "sources"
    __table_args__ = (
        CheckConstraint(one_of("kind", SOURCE_KINDS), name="kind_known"),
        CheckConstraint(one_of("reliability", RELIABILITY), name="reliability_known"),
        CheckConstraint(one_of("origin", ORIGINS), name="origin_known"),
        Index("ix_sources_org_sha256", "organisation_id", "sha256"),
        Index("ix_sources_org_final_url", "organisation_id", "final_url"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    origin: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(30), default="news_article")
    language: Mapped[str] = mapped_column(String(12), default="")
    reliability: Mapped[str] = mapped_column(String(1), default="F")
    reliability_note: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(String(limits.TITLE_MAX), default="")
    publisher: Mapped[str] = mapped_column(String(limits.PUBLISHER_MAX), default="")
    author: Mapped[str] = mapped_column(String(limits.AUTHOR_MAX), default="")
    published_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    final_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    http_status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    http_headers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    content_type: Mapped[str] = mapped_column(String(100), default="")
    filename: Mapped[str] = mapped_column(String(255), default="")
    size: Mapped[int] = mapped_column(Integer, default=0)
    # SHA-256 of the snapshot bytes, which are kept in the file store under this name.
    sha256: Mapped[str] = mapped_column(String(64))
    retrieved_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    texts: Mapped[list[SourceText]] = relationship(back_populates="source", order_by="SourceText.revision")
    created_by: Mapped[User] = relationship()

    media: Mapped[SourceMedia | None] = relationship(back_populates="source", uselist=False)

    @property
    def current_text(self) -> SourceText:
        return self.texts[-1]


class SourceMedia(Base):
    """What a photo, scan or recording is: measured from its bytes when it was added (media.probe).

    The previews are new images the server made from the original (without its metadata), kept in the
    derived store by their SHA-256; the original stays as it was received, in the snapshot store.
    """

    __tablename__ = "source_media"
    __table_args__ = (CheckConstraint(one_of("kind", MEDIA_KINDS), name="kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    width: Mapped[int | None] = mapped_column(Integer, nullable=True)
    height: Mapped[int | None] = mapped_column(Integer, nullable=True)
    duration: Mapped[float | None] = mapped_column(Float, nullable=True)  # seconds
    pages: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # What the file says of itself: captured_at, device, gps {latitude, longitude}, codecs, format.
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    preview_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    preview_type: Mapped[str] = mapped_column(String(20), default="")
    thumbnail_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    source: Mapped[Source] = relationship(back_populates="media")


class SourceText(Base):
    """One revision of a source's text. Never changed once stored; a correction is a new revision."""

    __tablename__ = "source_texts"
    __table_args__ = (UniqueConstraint("source_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    text_sha256: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text, default="")
    # A recording's transcript: each line's [start, end, start_ms, end_ms] (sources.transcripts); else None.
    segments: Mapped[list[list[int]] | None] = mapped_column(JSON, nullable=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    source: Mapped[Source] = relationship(back_populates="texts")
    created_by: Mapped[User] = relationship()


class CaseSource(Base):
    """A source cited by a case."""

    __tablename__ = "case_sources"
    __table_args__ = (UniqueConstraint("case_id", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    case: Mapped[Case] = relationship()
    source: Mapped[Source] = relationship()


class Excerpt(Base):
    """An exact passage of one text revision of a source, quoted for a case."""

    __tablename__ = "excerpts"
    __table_args__ = (
        CheckConstraint("credibility BETWEEN 1 AND 6", name="credibility_range"),
        CheckConstraint('"start" >= 0 AND "end" > "start"', name="offsets_ordered"),
        CheckConstraint("translation_by_kind IS NULL OR " + one_of("translation_by_kind", TRANSLATORS),
                        name="translator_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    text_id: Mapped[int] = mapped_column(ForeignKey("source_texts.id"))
    # Offsets in Unicode code points, as Python indexes a string: text[start:end] == quote.
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    credibility: Mapped[int] = mapped_column(Integer, default=3)
    translation: Mapped[str] = mapped_column(Text, default="")
    translation_by: Mapped[str] = mapped_column(String(limits.TRANSLATOR_MAX), default="")
    translation_by_kind: Mapped[str | None] = mapped_column(String(10), nullable=True)
    translated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    source: Mapped[Source] = relationship()
    text: Mapped[SourceText] = relationship()
    created_by: Mapped[User] = relationship()


class FactEvidence(Base):
    """An excerpt given as evidence that a fact of the case has a value ("daily_hours: 16")."""

    __tablename__ = "fact_evidence"
    __table_args__ = (UniqueConstraint("case_id", "fact", "worker_group_id", "excerpt_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    fact: Mapped[str] = mapped_column(String(40))
    # For workers_count: the worker group counted.
    worker_group_id: Mapped[int | None] = mapped_column(ForeignKey("worker_groups.id", ondelete="CASCADE"),
                                                        nullable=True)
    value: Mapped[Any] = mapped_column(JSON)
    excerpt_id: Mapped[int] = mapped_column(ForeignKey("excerpts.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    excerpt: Mapped[Excerpt] = relationship()
    worker_group: Mapped[WorkerGroup | None] = relationship()


class FactDecision(Base):
    """A coordinator's choice of the value to retain where sources disagree."""

    __tablename__ = "fact_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    fact: Mapped[str] = mapped_column(String(40))
    worker_group_id: Mapped[int | None] = mapped_column(ForeignKey("worker_groups.id", ondelete="CASCADE"),
                                                        nullable=True)
    value: Mapped[Any] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    decided_by: Mapped[User] = relationship()
    worker_group: Mapped[WorkerGroup | None] = relationship()
