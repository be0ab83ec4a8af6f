"""Operations on organisations, users and API tokens.

Each one changes the session, flushes and writes its audit entry; the caller
commits once.
"""
from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from caseapp.audit.changes import created_fields, field_changes
from caseapp.audit.models import AuditEntry
from caseapp.audit.services import ANONYMOUS_ACTOR, record
from caseapp.auth import events, passwords, second_factor, sessions
from caseapp.auth.models import ApiToken, Organisation, User
from caseapp.auth.roles import ROLES
from caseapp.db import utcnow
from caseapp.errors import N_, ServiceError
from caseapp.extensions import db

# bandit B105: a marker that starts every token, not a secret.
TOKEN_PREFIX = "ca_"  # nosec B105
CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9]{1,11}$")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def code_from_name(name: str) -> str:
    """A short code from a name: 'Field NGO' -> 'FIELDN'; always a valid code."""
    letters = "".join(ch for ch in name.upper() if "A" <= ch <= "Z" or "0" <= ch <= "9")
    if not letters[:1].isalpha():
        letters = "O" + letters
    return (letters + "ORG")[:6] if len(letters) < 2 else letters[:6]


def _free_code(base: str) -> str:
    code, n = base, 1
    while db.session.scalar(select(Organisation.id).where(Organisation.code == code)) is not None:
        n += 1
        code = f"{base[:10]}{n}"
    return code


def find_organisation(name: str) -> Organisation | None:
    return db.session.scalar(select(Organisation).where(func.lower(Organisation.name) == name.strip().lower()))


def create_organisation(name: str, code: str | None, actor: User | None) -> Organisation:
    name = name.strip()
    code = code.strip().upper() if code else _free_code(code_from_name(name))
    if not name:
        raise ServiceError(N_("An organisation needs a name."), "org")
    if not CODE_PATTERN.match(code):
        raise ServiceError(N_("A code is 2 to 12 capital letters or digits, starting with a letter."), "code")
    if db.session.scalar(select(Organisation).where(Organisation.code == code)):
        raise ServiceError(N_("The code %(code)s is taken by another organisation."), "code", code=code)
    org = Organisation(name=name, code=code, case_counter=0, case_counter_year=0)
    db.session.add(org)
    record("organisation.create", org, actor, created_fields({"name": name, "code": code}))
    return org


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def _check_new_password(password: str) -> None:
    problems = passwords.password_problems(password)
    if problems:
        raise ServiceError(problems[0], "password")


def create_user(
    organisation: Organisation, email: str, role: str, password: str, full_name: str, actor: User | None
) -> User:
    email = normalise_email(email)
    if role not in ROLES:
        raise ServiceError(N_("Choose one of the roles: %(roles)s."), "role", roles=", ".join(ROLES))
    # Everything else is checked before the address, so that the address is the last thing said to be
    # wrong: an answer about the password must not tell a free address from a taken one.
    _check_new_password(password)
    _check_new_address(email, organisation)
    user = User(
        organisation=organisation,
        email=email,
        role=role,
        full_name=full_name.strip(),
        password_hash=passwords.hash_password(password),
        active=True,
        # An admin gave this password to someone else; the command line's operator sets their own.
        password_change_required=actor is not None,
    )
    db.session.add(user)
    record("user.create", user, actor, created_fields(_public_fields(user)))
    return user


def _check_new_address(email: str, organisation: Organisation) -> None:
    """Addresses are unique on the server, across organisations.

    One taken in another organisation is refused with the same words as a malformed one, naming no
    organisation: an admin must not learn, by trying, who has an account elsewhere. One taken in the
    admin's own organisation is said plainly: they see its users anyway.
    """
    taken = find_user_by_email(email) if EMAIL_PATTERN.match(email) else None
    if taken is not None and taken.organisation_id == organisation.id:
        raise ServiceError(N_("A user of your organisation has this e-mail address already."), "email")
    if taken is not None or not EMAIL_PATTERN.match(email):
        raise ServiceError(N_("This e-mail address cannot be used for a new account. Check it, or use another one."),
                           "email")


def _public_fields(user: User) -> dict:
    # Never the password hash: the audit log is read by people.
    return {"email": user.email, "full_name": user.full_name, "role": user.role, "active": user.active}


@dataclass(frozen=True)
class PasswordStep:
    """The first step of a sign-in: the user when the password is right, and the account it was aimed at."""
    user: User | None
    account: User | None  # the account with that e-mail address, whether or not the password was right


def authenticate(email: str, password: str) -> PasswordStep:
    """Check an e-mail address and password (the same cost whether or not the account exists).

    This is the first step only: `signed_in` records the sign-in once every
    required step (the second factor among them) is done.
    """
    account = find_user_by_email(email)
    if account is None or not account.active:
        passwords.burn_verification_time(password)
        return PasswordStep(None, account)
    if not passwords.verify_password(account.password_hash, password):
        return PasswordStep(None, account)
    return PasswordStep(account, account)


def sign_in_failed(account: User, step: str, address: str, signed_in_as: User | None = None) -> None:
    """Audit a failed step (password, second factor, re-authentication), in the account's organisation."""
    record("user.sign_in_failed", account, signed_in_as, {"step": {"old": None, "new": step},
                                                          "address": {"old": None, "new": address}},
           actor_label=ANONYMOUS_ACTOR)


def sign_in_resumed(account: User, admin: User) -> None:
    record("user.unlock", account, admin)


def failed_steps_since_last_sign_in(user: User) -> tuple[int, datetime | None]:
    """How many failed sign-in steps were aimed at this account since it last signed in, and when the last was."""
    conditions = [AuditEntry.action == "user.sign_in_failed", AuditEntry.object_type == "users",
                  AuditEntry.object_id == user.id, AuditEntry.organisation_id == user.organisation_id,
                  AuditEntry.actor_id.is_(None)]
    if user.last_login_at is not None:
        conditions.append(AuditEntry.created_at > user.last_login_at)
    count, latest = db.session.execute(select(func.count(), func.max(AuditEntry.created_at)).where(*conditions)).one()
    return count, latest


def locked_out(account: User, limit: str, address: str) -> None:
    """Audit the start of a lock-out (once, however many attempts it then refuses) and tell the admins."""
    record("user.lockout", account, None, {"limit": {"old": None, "new": limit},
                                           "address": {"old": None, "new": address}}, actor_label=ANONYMOUS_ACTOR)
    events.account_locked.send(account)


def check_password(user: User, password: str) -> bool:
    return user.active and passwords.verify_password(user.password_hash, password)


def confirm_identity(user: User, password: str, code: str) -> bool:
    """Re-authentication: the password, and the second factor where the user has one."""
    if not check_password(user, password):
        return False
    return not user.has_two_factor or second_factor.check(user, code)


def signed_in(user: User, with_recovery_code: bool = False) -> None:
    user.last_login_at = utcnow()
    record("user.login", user, user, {"second_factor": {"old": None, "new": "recovery code"}}
           if with_recovery_code else None)


def choose_language(user: User, language: str) -> None:
    """Keep the interface language the person chose, for their next sign-in on any device (the request's
    own transaction commits it, as every change)."""
    user.language = language


def sign_in_language(user: User, chosen_before: str | None) -> str | None:
    """The language of a new session: one chosen on the sign-in page is an explicit choice and is kept in
    the profile; otherwise the profile's (None: the browser's Accept-Language decides)."""
    if chosen_before:
        user.language = chosen_before
        return chosen_before
    return user.language


def change_password(user: User, current: str, new: str) -> None:
    if not passwords.verify_password(user.password_hash, current):
        raise ServiceError(N_("The current password is not right."), "current_password")
    _check_new_password(new)
    _set_password(user, new, user, "user.password_change")
    user.password_change_required = False


def reset_password(user: User, new: str, actor: User | None) -> None:
    """An admin sets a new password, usually because the account may be in other hands:
    its sessions end and its API tokens are revoked."""
    _check_new_password(new)
    _set_password(user, new, actor, "user.password_reset")
    user.password_change_required = actor is not None and actor.id != user.id
    for token in user.tokens:
        token.revoke()


def _set_password(user: User, new: str, actor: User | None, action: str) -> None:
    user.password_hash = passwords.hash_password(new)
    # Every session signed in with the old password stops working, on the server.
    sessions.end_all(user, sessions.PASSWORD_CHANGED)
    record(action, user, actor, {"password": {"old": "(hidden)", "new": "(changed)"}})


def update_user(user: User, actor: User | None, *, role: str | None = None, active: bool | None = None,
                full_name: str | None = None) -> None:
    before = _public_fields(user)
    if role is not None:
        if role not in ROLES:
            raise ServiceError(N_("Choose one of the roles: %(roles)s."), "role", roles=", ".join(ROLES))
        if actor is not None and actor.id == user.id and role != user.role:
            # Otherwise the last admin could leave the organisation with no one to manage it.
            raise ServiceError(N_("You cannot change your own role; ask another administrator."), "role")
        user.role = role
    if full_name is not None:
        user.full_name = full_name.strip()
    if active is not None:
        if actor is not None and actor.id == user.id and not active:
            raise ServiceError(N_("You cannot deactivate your own account."), "active")
        user.active = active
        if not active:
            sessions.end_all(user, sessions.DEACTIVATED)
            for token in user.tokens:
                token.revoke()
    changes = field_changes(before, _public_fields(user))
    if changes:
        record("user.update", user, actor, changes)


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user: User, label: str, actor: User | None, two_factor_roles: tuple[str, ...] = ()) -> NewToken:
    """A new API token; `two_factor_roles` are the server's TWO_FACTOR_REQUIRED_ROLES."""
    if second_factor.needs_enrolment(user, two_factor_roles):
        raise ServiceError(N_("Turn on two-factor sign-in before creating an API token."), "label")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, label=label.strip()[:100], token_hash=hash_token(secret), prefix=secret[:10])
    db.session.add(token)
    record("api_token.create", token, actor, created_fields({"label": token.label, "prefix": token.prefix}),
           organisation_id=user.organisation_id)
    return NewToken(token, secret)


def revoke_token(token: ApiToken, actor: User | None) -> None:
    if token.revoked_at is None:
        token.revoke()
        record("api_token.revoke", token, actor, {"label": {"old": token.label, "new": token.label}},
               organisation_id=token.user.organisation_id)


def user_for_token(secret: str, two_factor_roles: tuple[str, ...] = ()) -> User | None:
    """Return the active user an active token belongs to, and note its use.

    A user whose role must use a second factor but who has none (it was reset,
    or the organisation now requires it) cannot use their tokens until enrolled.
    """
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(secret)))
    if token is None or token.revoked_at is not None or not token.user.active:
        return None
    if second_factor.needs_enrolment(token.user, two_factor_roles):
        return None
    token.last_used_at = utcnow()
    return token.user
