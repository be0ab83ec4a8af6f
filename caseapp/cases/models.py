"""The case record."""
from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseapp.auth.models import Organisation, User
from caseapp.cases.vocab import SECTORS, STATUSES
from caseapp.db import Base, TimestampMixin


def _one_of(column: str, values) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


class Case(TimestampMixin, Base):
    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("organisation_id", "reference"),
        CheckConstraint(_one_of("sector", SECTORS), name="sector_known"),
        CheckConstraint(_one_of("status", STATUSES), name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    reference: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    sector: Mapped[str] = mapped_column(String(30), default="other")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # Optimistic locking: every write must start from the current version.
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    organisation: Mapped[Organisation] = relationship()
    created_by: Mapped[User] = relationship()

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Case {self.reference}>"
