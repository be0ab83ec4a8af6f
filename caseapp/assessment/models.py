"""Findings per case and indicator, the excerpts behind them, and saved determinations."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseapp.auth.models import User
from caseapp.cases.models import one_of
from caseapp.db import Base, UTCDateTime, utcnow
from caseapp.ilo.catalogue import IDS, STATUSES
from caseapp.sources.models import Excerpt

finding_excerpts = Table(
    "finding_excerpts",
    Base.metadata,
    Column("finding_id", ForeignKey("findings.id", ondelete="CASCADE"), primary_key=True),
    Column("excerpt_id", ForeignKey("excerpts.id", ondelete="CASCADE"), primary_key=True),
)


class Finding(Base):
    """What a case shows for one ILO indicator, and at which stages."""

    __tablename__ = "findings"
    __table_args__ = (
        UniqueConstraint("case_id", "indicator"),
        CheckConstraint(one_of("indicator", IDS), name="indicator_known"),
        CheckConstraint(one_of("status", STATUSES), name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    indicator: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(12), default="unknown")
    stages: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    # Who last recorded or changed it, and everyone who did since its last sign-off: none of them may
    # sign it off (four eyes), however many others changed it after them.
    changed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    contributor_ids: Mapped[list[int]] = mapped_column(JSON, default=list, server_default="[]")
    # Optimistic locking: a sign-off (or a change) decided on what it read fails if someone changed the
    # finding in between, so four eyes cannot be raced.
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")
    signed_off_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    signed_off_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    excerpts: Mapped[list[Excerpt]] = relationship(secondary=finding_excerpts, order_by="Excerpt.id")
    changed_by: Mapped[User] = relationship(foreign_keys=[changed_by_id])
    signed_off_by: Mapped[User | None] = relationship(foreign_keys=[signed_off_by_id])

    __mapper_args__ = {"version_id_col": version}

    @property
    def signed_off(self) -> bool:
        return self.signed_off_by_id is not None


class Assessment(Base):
    """A determination as it was computed, with the rules version, so an old report can be reproduced."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    rules_version: Mapped[str] = mapped_column(String(20))
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    inputs: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class DismissedProposal(Base):
    """A proposal a person turned down for one source and case: it is not proposed there again."""

    __tablename__ = "dismissed_proposals"
    __table_args__ = (UniqueConstraint("source_id", "case_id", "name", "start", "end"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(40))  # an indicator id or a fact key
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    dismissed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    dismissed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CaseOutcome(Base):
    """A case's determination (forced labour established, possible or not established) as its current findings
    give it, kept beside the case so that lists and searches filter and count by it without working it out for
    every case on every request. Kept in step by caseapp.assessment.outcomes in the transaction that changes a
    finding; a case without findings has no row (not established)."""

    __tablename__ = "case_outcomes"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    forced_labour: Mapped[str] = mapped_column(String(20), index=True)
    rules_version: Mapped[str] = mapped_column(String(20))
