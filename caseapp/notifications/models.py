"""A notification for one user: about a case, or (to an organisation's admins) about an account."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseapp.auth.models import User
from caseapp.cases.models import Case, one_of
from caseapp.db import Base, UTCDateTime, utcnow
from caseapp.reports.models import ReportExport

KINDS = ("returned", "submitted", "assigned", "comment", "lockout", "export_waiting", "export_approved",
         "export_refused", "reopened", "restored")
CASE_KINDS = ("returned", "submitted", "assigned", "comment", "reopened", "restored")
# About an export (caseapp.reports.approval): waiting for a coordinator, approved or refused for its requester.
EXPORT_KINDS = ("export_waiting", "export_approved", "export_refused")


class Notification(Base):
    __tablename__ = "notifications"
    __table_args__ = (
        CheckConstraint(one_of("kind", KINDS), name="kind_known"),
        # A case notification names its case; a lock-out names the account, an export notice the export.
        CheckConstraint("(case_id IS NOT NULL) OR (subject_user_id IS NOT NULL) OR (export_id IS NOT NULL)",
                        name="about_something"),
        Index("ix_notifications_unread", "user_id", "read_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True, nullable=True)
    # The account a lock-out notification is about.
    subject_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    export_id: Mapped[int | None] = mapped_column(ForeignKey("report_exports.id", ondelete="CASCADE"), index=True,
                                                  nullable=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    case: Mapped[Case | None] = relationship()
    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    subject_user: Mapped[User | None] = relationship(foreign_keys=[subject_user_id])
    export: Mapped[ReportExport | None] = relationship()
