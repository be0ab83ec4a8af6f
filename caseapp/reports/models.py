"""Every report that left caseapp (the export history), and the background jobs that build dossiers."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseapp.auth.models import User
from caseapp.cases.models import one_of
from caseapp.db import Base, UTCDateTime, utcnow

KINDS = ("case", "dossier", "portfolio")
PROFILES = ("internal", "advocate")
JOB_STATES = ("queued", "running", "done", "failed")


class ReportExport(Base):
    """One report: what it holds, who asked for it, and the SHA-256 a recipient's copy can be checked against.

    A dossier is built in the background, so its row is also the job: its
    state, progress and, when done, the random name of the files kept for
    download. The job carries only this row's id.
    """

    __tablename__ = "report_exports"
    __table_args__ = (
        CheckConstraint(one_of("kind", KINDS), name="kind_known"),
        CheckConstraint(one_of("profile", PROFILES), name="profile_known"),
        CheckConstraint(one_of("state", JOB_STATES), name="state_known"),
        CheckConstraint("progress BETWEEN 0 AND 100", name="progress_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    profile: Mapped[str] = mapped_column(String(10))
    case_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    # The case-list filters of a portfolio report, as given.
    filters: Mapped[dict] = mapped_column(JSON, default=dict)
    language: Mapped[str] = mapped_column(String(12), default="en")
    # None for the command line; actor_label says who ("cli") either way.
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True, index=True)
    actor_label: Mapped[str] = mapped_column(String(254))
    state: Mapped[str] = mapped_column(String(10), default="queued")
    progress: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    # Random name of the kept files under REPORTS_PATH (dossiers only).
    file_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    manifest_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    pages: Mapped[int | None] = mapped_column(Integer, nullable=True)
    size: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    requested_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<ReportExport {self.id} {self.kind} {self.state}>"
