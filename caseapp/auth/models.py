"""Organisations, the users who belong to them, their sign-in sessions, second factors and API tokens."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseapp.auth.roles import ROLES
from caseapp.db import Base, TimestampMixin, UTCDateTime, utcnow
from caseapp.protection.fields import EncryptedText

_ROLE_LIST = ", ".join(f"'{role}'" for role in ROLES)


class Organisation(TimestampMixin, Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    # The running number behind case references (CODE-YEAR-NNNN), per year.
    case_counter: Mapped[int] = mapped_column(Integer, default=0)
    case_counter_year: Mapped[int] = mapped_column(Integer, default=0)
    # Security settings an admin may tighten beyond the server's (never loosen):
    # roles that must use a second factor on top of TWO_FACTOR_REQUIRED_ROLES (comma-separated),
    # and shorter session timeouts in minutes (None: the server's).
    two_factor_roles: Mapped[str] = mapped_column(String(100), default="", server_default="")
    idle_timeout_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    absolute_timeout_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Retention, in days (None: kept until someone deletes them): how long after a case is closed
    # the case is deleted, and how long after it is closed its people's records are. See
    # caseapp.privacy.due for when the periods count.
    closed_case_retention_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    person_retention_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # When set, an advocate's case report or dossier waits until a coordinator or admin approves it
    # (caseapp.reports.approval); off by default.
    export_approval_required: Mapped[bool] = mapped_column(default=False, server_default=false())

    users: Mapped[list[User]] = relationship(back_populates="organisation")

    def __repr__(self) -> str:
        return f"<Organisation {self.code}>"


class User(TimestampMixin, Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint(f"role IN ({_ROLE_LIST})", name="role_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    # Set when an admin chose the password (new account, reset): the user replaces it at the next
    # sign-in, before anything else, so that no one else knows the password of their account.
    password_change_required: Mapped[bool] = mapped_column(default=False, server_default=false())
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # The interface language the person chose (POST /language), kept for their next sign-in on any device;
    # None: the browser's Accept-Language decides.
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)
    # The TOTP second factor: the shared secret (base32) once confirmed, and the last
    # time step a code was accepted for, so that one code never works twice.
    # Stored encrypted like people's details: a stolen database file must not hand over second factors.
    totp_secret: Mapped[str | None] = mapped_column("totp_key", EncryptedText("users.totp_key"), nullable=True)
    totp_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    totp_last_step: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # The secret shown on the enrolment page until a code proves the user's app holds it
    # (kept here, not in the session cookie, which is signed but readable).
    totp_pending_secret: Mapped[str | None] = mapped_column(
        "totp_pending_key", EncryptedText("users.totp_pending_key"), nullable=True)

    organisation: Mapped[Organisation] = relationship(back_populates="users")
    tokens: Mapped[list[ApiToken]] = relationship(back_populates="user", order_by="ApiToken.id")
    recovery_codes: Mapped[list[RecoveryCode]] = relationship(back_populates="user", order_by="RecoveryCode.id",
                                                              cascade="all, delete-orphan")

    # The server-side session this request runs in (set by the session loader); Flask-Login
    # keeps get_id() in the session and remember-me cookies, so ending the row ends both.
    session_key = None  # not a column: plain attribute, no annotation

    # Flask-Login's interface, kept here so the model needs no Flask import.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_key}"

    @property
    def has_two_factor(self) -> bool:
        return self.totp_enabled_at is not None and bool(self.totp_secret)

    @property
    def display_name(self) -> str:
        return self.full_name or self.email

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    # Only a SHA-256 of the token is kept; the token itself is shown once.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    user: Mapped[User] = relationship(back_populates="tokens")

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def revoke(self) -> None:
        """Stop the token for good; revoking twice keeps the first time."""
        self.revoked_at = self.revoked_at or utcnow()


class RecoveryCode(Base):
    """A one-time code that replaces the TOTP code when the phone is lost."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # Codes are random (50 bits), so a plain SHA-256 is enough to keep them unreadable.
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    user: Mapped[User] = relationship(back_populates="recovery_codes")


class UserSession(Base):
    """One signed-in browser. The cookie holds a random key; only its hash is kept here.

    Ending the row (logout, password change, second-factor reset, deactivation)
    ends the session at once, whatever cookie a browser still holds.
    """

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # When the user last proved who they are (sign-in or re-authentication).
    authenticated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    end_reason: Mapped[str] = mapped_column(String(30), default="")
    user_agent: Mapped[str] = mapped_column(String(200), default="")

    user: Mapped[User] = relationship()


class RateLimitEntry(Base):
    """One counted event of a moving-window limit (a failed sign-in step), kept where every worker sees it.

    The sign-in limits count here unless Redis is configured: a restart forgets nothing, and every
    gunicorn worker counts the same failures. Times are seconds since the epoch, as the `limits`
    library counts them.
    """

    __tablename__ = "rate_limit_entries"
    __table_args__ = (Index("ix_rate_limit_entries_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    at: Mapped[float] = mapped_column(Float)
    expires_at: Mapped[float] = mapped_column(Float, index=True)
