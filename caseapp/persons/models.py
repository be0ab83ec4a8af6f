"""A person concerned by a case. Identifying fields are listed in vocab.IDENTIFYING_FIELDS."""
from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseapp.cases.models import Case, one_of
from caseapp.db import Base, TimestampMixin
from caseapp.persons.vocab import CONSENT, PERSON_ROLES, RISK


class Person(TimestampMixin, Base):
    __tablename__ = "persons"
    __table_args__ = (
        CheckConstraint(one_of("role", PERSON_ROLES), name="role_known"),
        CheckConstraint(one_of("consent", CONSENT), name="consent_known"),
        CheckConstraint(one_of("risk", RISK), name="risk_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    consent: Mapped[str] = mapped_column(String(10), default="unknown")
    consent_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    risk: Mapped[str] = mapped_column(String(10), default="medium")
    # Identifying fields.
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    contact: Mapped[str] = mapped_column(Text, default="")
    document_numbers: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    case: Mapped[Case] = relationship()

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Person {self.id} ({self.role})>"
