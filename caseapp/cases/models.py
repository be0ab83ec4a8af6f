"""The case record: the case itself, its worker groups and its follow-up actions."""
from __future__ import annotations

from typing import Any

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseapp.auth.models import Organisation, User
from caseapp.cases.vocab import ACTION_KINDS, CONFIDENTIALITY, COUNT_QUALIFIERS, SECTORS, STATUSES
from caseapp.db import Base, TimestampMixin, UTCDateTime, utcnow
from caseapp.cases import limits


def one_of(column: str, values) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


class Case(TimestampMixin, Base):
    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("organisation_id", "reference"),
        CheckConstraint(one_of("sector", SECTORS), name="sector_known"),
        CheckConstraint(one_of("status", STATUSES), name="status_known"),
        CheckConstraint(one_of("confidentiality", CONFIDENTIALITY), name="confidentiality_known"),
        # The case list's order (most recently changed first, then by id): a page is read from the index,
        # not sorted out of all of the organisation's cases (100,000 cases: 76 ms a page without it, 1.4 with).
        Index("ix_cases_org_updated", "organisation_id", "updated_at", "id"),
        # The list filtered by country and sector, and its total: found in the index, not by reading every
        # case of the organisation (0.13 s at 100,000 cases on SQLite).
        Index("ix_cases_org_country_sector", "organisation_id", "country", "sector"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    reference: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(limits.TITLE_MAX))
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True, nullable=True)
    confidentiality: Mapped[str] = mapped_column(String(12), default="normal")
    country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    region: Mapped[str] = mapped_column(String(limits.REGION_MAX), default="")
    worksite: Mapped[str] = mapped_column(String(limits.WORKSITE_MAX), default="")
    sector: Mapped[str] = mapped_column(String(30), default="other")
    # Partial ISO dates (YYYY, YYYY-MM or YYYY-MM-DD), kept exactly as given.
    period_start: Mapped[str | None] = mapped_column(String(10), nullable=True)
    period_end: Mapped[str | None] = mapped_column(String(10), nullable=True)
    # The working conditions: see caseapp.cases.conditions for the keys.
    conditions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The whole days a partial period covers, kept beside it so period filters are SQL.
    period_first: Mapped[date | None] = mapped_column(Date, nullable=True)
    period_last: Mapped[date | None] = mapped_column(Date, nullable=True)
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # A deleted draft is in the bin: gone from every list and page but the bin's, restorable until
    # BIN_DAYS after deleted_at, when `flask retention run` purges it.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    # Optimistic locking: every write must start from the current version.
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    organisation: Mapped[Organisation] = relationship()
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    deleted_by: Mapped[User | None] = relationship(foreign_keys=[deleted_by_id])
    worker_groups: Mapped[list[WorkerGroup]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="WorkerGroup.id"
    )
    actions: Mapped[list[CaseAction]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseAction.id"
    )

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Case {self.reference}>"


class WorkerGroup(Base):
    """A group of workers concerned by a case, e.g. 'about 200 men from North Korea'."""

    __tablename__ = "worker_groups"
    __table_args__ = (CheckConstraint(one_of("count_qualifier", COUNT_QUALIFIERS), name="qualifier_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    origin: Mapped[str | None] = mapped_column(String(2), nullable=True)
    count_min: Mapped[int | None] = mapped_column(nullable=True)
    count_max: Mapped[int | None] = mapped_column(nullable=True)
    count_qualifier: Mapped[str] = mapped_column(String(10), default="unknown")
    gender_note: Mapped[str] = mapped_column(String(limits.GROUP_NOTE_MAX), default="")
    age_note: Mapped[str] = mapped_column(String(limits.GROUP_NOTE_MAX), default="")
    children_involved: Mapped[bool | None] = mapped_column(nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="worker_groups")


class CaseAction(Base):
    """A follow-up action: a referral, a complaint, contact with the employer or a buyer."""

    __tablename__ = "case_actions"
    __table_args__ = (CheckConstraint(one_of("kind", ACTION_KINDS), name="kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    outcome: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="actions")


class CaseComment(Base):
    """A message in a case's thread; return-for-changes comments are kept here too."""

    __tablename__ = "case_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    # The status change the comment came with, if any (e.g. "returned").
    transition: Mapped[str | None] = mapped_column(String(20), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author: Mapped[User] = relationship()


class SavedSearch(Base):
    """A case-list search a user keeps under a name: its filters, as the list's URL parameters."""

    __tablename__ = "saved_searches"
    __table_args__ = (UniqueConstraint("user_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(limits.SAVED_SEARCH_NAME_MAX))
    query: Mapped[str] = mapped_column(Text)  # e.g. "status=verified&determination=established"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
