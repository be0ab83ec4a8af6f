"""A person concerned by a case. Identifying fields are listed in vocab.IDENTIFYING_FIELDS."""
from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from caseapp.cases.models import Case, one_of
from caseapp.db import Base, TimestampMixin
from caseapp.persons.vocab import CONSENT, PERSON_ROLES, RISK
from caseapp.protection.ciphers import lookup_hash
from caseapp.protection.fields import EncryptedJSON, EncryptedText
from caseapp.protection.setup import current_ring


class Person(TimestampMixin, Base):
    __tablename__ = "persons"
    __table_args__ = (
        CheckConstraint(one_of("role", PERSON_ROLES), name="role_known"),
        CheckConstraint(one_of("consent", CONSENT), name="consent_known"),
        CheckConstraint(one_of("risk", RISK), name="risk_known"),
        Index("ix_persons_name_lookup", "organisation_id", "name_lookup"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    consent: Mapped[str] = mapped_column(String(10), default="unknown")
    consent_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    risk: Mapped[str] = mapped_column(String(10), default="medium")
    # Identifying fields, stored encrypted (caseapp.protection): the database never holds them in clear.
    name: Mapped[str] = mapped_column(EncryptedText("persons.name"))
    aliases: Mapped[list[str]] = mapped_column(EncryptedJSON("persons.aliases"), default=list)
    contact: Mapped[str] = mapped_column(EncryptedText("persons.contact"), default="")
    document_numbers: Mapped[str] = mapped_column(EncryptedText("persons.document_numbers"), default="")
    notes: Mapped[str] = mapped_column(EncryptedText("persons.notes"), default="")
    # A keyed hash of the name, the only way to find a person by name: exact match, nothing fuzzier.
    name_lookup: Mapped[str | None] = mapped_column(String(90), nullable=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    case: Mapped[Case] = relationship()

    __mapper_args__ = {"version_id_col": version}

    @validates("name")
    def _hash_name(self, key: str, value: str) -> str:
        self.name_lookup = lookup_hash(current_ring(), value) if isinstance(value, str) else None
        return value

    def __repr__(self) -> str:
        return f"<Person {self.id} ({self.role})>"
