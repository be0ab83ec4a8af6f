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
# An export an organisation must approve first waits (awaiting_approval), then is refused or goes on
# as a job (queued, running, done or failed); the history shows "done" as "ready".
JOB_STATES = ("awaiting_approval", "refused", "queued", "running", "done", "failed")


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
    state: Mapped[str] = mapped_column(String(20), default="queued")
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

    # The second person who approved or refused it, when the organisation asks for approval (see
    # Organisation.export_approval_required); their label is kept as the requester's is.
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    decided_by_label: Mapped[str] = mapped_column(String(254), default="", server_default="")
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    decision_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The record version of each case ({"id": version}) when it was asked for, then as approved: the job
    # builds what the approver read, and stops if a case changed since.
    case_versions: Mapped[dict | None] = mapped_column(JSON, nullable=True, default=dict)

    requested_by: Mapped[User | None] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def has_job_page(self) -> bool:
        """Built as a job and followed on a page: dossiers, and case reports that went through approval
        (a portfolio, or a case report given at once, was downloaded then)."""
        return self.kind == "dossier" or (self.kind == "case" and (self.decided_at is not None
                                                                   or self.state == "awaiting_approval"))

    @property
    def approved(self) -> bool:
        """A second person let it leave (only set where the organisation asks for approval)."""
        return self.decided_at is not None and self.state != "refused"

    def __repr__(self) -> str:
        return f"<ReportExport {self.id} {self.kind} {self.state}>"
