"""Enrolling, using, resetting a user's TOTP second factor and recovery codes.

Each operation changes the session, flushes and writes its audit entry; the
caller commits once. The secrets themselves never reach the audit log.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_, update
from sqlalchemy.orm.attributes import set_committed_value

from caseapp.audit.services import record
from caseapp.auth import sessions, two_factor
from caseapp.auth.models import RecoveryCode, User
from caseapp.db import utcnow
from caseapp.errors import N_, ServiceError
from caseapp.extensions import db


def required_for(user: User, server_roles: Iterable[str]) -> bool:
    """Must this user sign in with a second factor (server setting plus the organisation's)?"""
    return user.role in two_factor.required_roles(server_roles, user.organisation.two_factor_roles)


def needs_enrolment(user: User, server_roles: Iterable[str]) -> bool:
    return required_for(user, server_roles) and not user.has_two_factor


def pending_secret(user: User) -> str:
    """The secret the enrolment page shows: the same one until enrolment is done, so a retry still works."""
    if not user.totp_pending_secret:
        user.totp_pending_secret = two_factor.new_secret()
    return user.totp_pending_secret


def enrol(user: User, code: str) -> list[str]:
    """Turn the second factor on once the user proves their app shows `code`; return recovery codes."""
    secret = user.totp_pending_secret
    step = two_factor.accepted_step(secret, code, None) if secret else None
    if step is None:
        raise ServiceError(N_("That code does not match. Check the time on your phone and enter the code "
                              "your app shows now."), "code")
    return _switch_on(user, secret, step, user)


def enrol_known_secret(user: User, secret: str, actor: User | None) -> list[str]:
    """Turn the second factor on with a secret the operator already holds (demo data, tests, CLI).

    No code is asked for, and no time step is used up: the first code the app
    shows works at the next sign-in.
    """
    return _switch_on(user, secret, None, actor)


def _switch_on(user: User, secret: str, last_step: int | None, actor: User | None) -> list[str]:
    user.totp_secret = secret
    user.totp_pending_secret = None
    user.totp_enabled_at = utcnow()
    user.totp_last_step = last_step
    codes = _replace_recovery_codes(user)
    record("user.two_factor_enable", user, actor, {"two_factor": {"old": "off", "new": "on"}})
    return codes


def check(user: User, code: str) -> bool:
    """Accept a current TOTP code or an unused recovery code (which is then used up).

    Each is claimed with one conditional UPDATE, so two requests racing with the
    same code cannot both win: the database lets exactly one row change.
    """
    if not user.has_two_factor:
        return False
    step = two_factor.accepted_step(user.totp_secret, code, user.totp_last_step)
    if step is not None:
        return _claim_step(user, step)
    if two_factor.looks_like_recovery_code(code):
        wanted = two_factor.hash_recovery_code(code)
        for recovery in user.recovery_codes:
            if recovery.used_at is None and recovery.code_hash == wanted:
                return _claim_recovery_code(user, recovery)
    return False


def _claim_step(user: User, step: int) -> bool:
    claimed = db.session.execute(
        update(User).where(User.id == user.id, or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step).execution_options(synchronize_session=False)
    ).rowcount == 1
    if claimed:
        set_committed_value(user, "totp_last_step", step)
    return claimed


def _claim_recovery_code(user: User, recovery: RecoveryCode) -> bool:
    now = utcnow()
    claimed = db.session.execute(
        update(RecoveryCode).where(RecoveryCode.id == recovery.id, RecoveryCode.used_at.is_(None))
        .values(used_at=now).execution_options(synchronize_session=False)
    ).rowcount == 1
    if claimed:
        set_committed_value(recovery, "used_at", now)
        left = unused_recovery_codes(user)
        record("user.recovery_code_use", user, user, {"recovery_codes_left": {"old": left + 1, "new": left}})
    return claimed


def unused_recovery_codes(user: User) -> int:
    return sum(1 for r in user.recovery_codes if r.used_at is None)


def regenerate_recovery_codes(user: User) -> list[str]:
    codes = _replace_recovery_codes(user)
    record("user.recovery_codes_renew", user, user)
    return codes


def _replace_recovery_codes(user: User) -> list[str]:
    codes = two_factor.new_recovery_codes()
    user.recovery_codes.clear()
    user.recovery_codes.extend(RecoveryCode(code_hash=two_factor.hash_recovery_code(c)) for c in codes)
    return codes


def disable(user: User, server_roles: Iterable[str]) -> None:
    """The user turns their own second factor off, where their role does not require it."""
    if required_for(user, server_roles):
        raise ServiceError(N_("Your role must sign in with a second factor; it cannot be turned off."), "code")
    _clear(user)
    record("user.two_factor_disable", user, user, {"two_factor": {"old": "on", "new": "off"}})


def reset(user: User, actor: User | None) -> None:
    """An admin clears a user's second factor (lost phone): sessions end, tokens are revoked, enrolment starts again."""
    _clear(user)
    sessions.end_all(user, sessions.TWO_FACTOR_RESET)
    # A lost phone may be in other hands: tokens made with it stop for good.
    for token in user.tokens:
        token.revoke()
    record("user.two_factor_reset", user, actor, {"two_factor": {"old": "on", "new": "off"}})


def _clear(user: User) -> None:
    user.totp_secret = None
    user.totp_pending_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    user.recovery_codes.clear()
