"""Parties, reusable across an organisation's cases, and their role in each case."""
from __future__ import annotations

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseapp.cases.models import Case, one_of
from caseapp.db import Base, TimestampMixin
from caseapp.parties.vocab import PARTY_KINDS
from caseapp.parties import limits


class Party(TimestampMixin, Base):
    __tablename__ = "parties"
    __table_args__ = (CheckConstraint(one_of("kind", PARTY_KINDS), name="kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(limits.NAME_MAX))
    kind: Mapped[str] = mapped_column(String(20))
    country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    registration_number: Mapped[str] = mapped_column(String(limits.REGISTRATION_MAX), default="")
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    links: Mapped[list[CaseParty]] = relationship(back_populates="party", cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Party {self.name}>"


class CaseParty(Base):
    """A party's part in one case: 'NordStroy, employer'."""

    __tablename__ = "case_parties"
    __table_args__ = (
        UniqueConstraint("case_id", "party_id", "role"),
        CheckConstraint(one_of("role", PARTY_KINDS), name="role_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship()
    party: Mapped[Party] = relationship(back_populates="links")
