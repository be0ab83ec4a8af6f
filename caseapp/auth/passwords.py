"""Password hashing (argon2id) and the password rules, in plain Python."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from caseapp.errors import N_

MIN_LENGTH = 12
MAX_LENGTH = 1024  # bounds the hashing work one request can cause

# argon2-cffi's defaults (argon2id, t=3, m=64 MiB, p=4) meet OWASP ASVS.
_hasher = PasswordHasher()


def use_fast_hashing() -> None:
    """Switch to cheap parameters; for the test suite only."""
    global _hasher
    _hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


TOO_SHORT = N_("Use at least 12 characters.")
TOO_LONG = N_("Use at most 1024 characters.")
ONLY_SPACES = N_("A password cannot be only spaces.")
TOO_COMMON = N_("This password is one of the most common ones; choose another.")

_COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")


@cache
def common_passwords() -> frozenset[str]:
    """The 1,000 most common passwords, case-folded; read on first use."""
    with _COMMON_PASSWORDS_FILE.open(encoding="utf-8") as lines:
        return frozenset(
            line.strip().casefold() for line in lines if line.strip() and not line.startswith("#")
        )


def is_common(password: str) -> bool:
    return password.strip().casefold() in common_passwords()


def password_problems(password: str) -> list[str]:
    """Return why a new password is not acceptable (empty when it is)."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(TOO_SHORT)
    if len(password) > MAX_LENGTH:
        problems.append(TOO_LONG)
    if password and not password.strip():
        problems.append(ONLY_SPACES)
    elif is_common(password):
        problems.append(TOO_COMMON)
    return problems


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    if len(password) > MAX_LENGTH:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# A hash of a random password, checked when an e-mail is unknown so that a
# wrong e-mail and a wrong password take the same time.
_DUMMY_HASH: str | None = None


def burn_verification_time(password: str) -> None:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = _hasher.hash("not-a-real-password-at-all")
    verify_password(_DUMMY_HASH, password)
