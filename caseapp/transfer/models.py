"""An import of many cases run in the background: its file until it runs, then how it went."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from caseapp.cases.models import one_of
from caseapp.db import Base, UTCDateTime, utcnow

# queued, then running, then done (every case created), refused (a row was wrong: nothing created) or failed.
IMPORT_STATES = ("queued", "running", "done", "refused", "failed")
PROBLEMS_KEPT = 500  # a file wrong on every row names the first 500 problems; the count says how many


class CaseImport(Base):
    """A file of cases too large to import while its uploader waits: the job carries only this row's id.

    The file is kept here (not on a disk a worker on another machine would not see) until the job ends,
    then dropped; the row stays as the record of how the import went."""

    __tablename__ = "case_imports"
    __table_args__ = (CheckConstraint(one_of("state", IMPORT_STATES), name="state_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    # The interface language of the uploader: the problems found are written in it.
    language: Mapped[str] = mapped_column(String(12), default="en")
    content: Mapped[bytes | None] = deferred(mapped_column(LargeBinary, nullable=True))
    state: Mapped[str] = mapped_column(String(12), default="queued")
    total: Mapped[int] = mapped_column(Integer, default=0)  # rows in the file
    created: Mapped[int] = mapped_column(Integer, default=0)  # cases created (all of them, or none)
    problem_count: Mapped[int] = mapped_column(Integer, default=0)
    problems: Mapped[list] = mapped_column(JSON, default=list)  # [[row, field, message], ...], the first 500
    message: Mapped[str] = mapped_column(Text, default="")  # why it failed, when it did
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
