"""Password hashing (argon2id) and the password rules, in plain Python."""
from __future__ import annotations

import string
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


# Digits, symbols and spaces people put around a common password to pass a length rule.
_PADDING = string.digits + string.punctuation + " "


def _variants(password: str) -> set[str]:
    """The password as typed, without spaces, without padding, and the unit it repeats."""
    folded = password.strip().casefold()
    squeezed = "".join(folded.split())  # "i love you" -> "iloveyou"
    core = squeezed.strip(_PADDING)  # "Password2026!" -> "password"
    found = {folded, squeezed, core}
    for text in (squeezed, core):
        for size in range(1, len(text) // 2 + 1):
            if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
                found.add(text[:size])  # "qwertyqwerty" -> "qwerty"
                break
    return {variant for variant in found if variant}


def is_common(password: str) -> bool:
    """Is the password a common one, or one padded or repeated up to the minimum length?

    No entry of the list is 12 characters long, so the list alone would never
    refuse a password of the required length: "password1234" and
    "monkeymonkey" are what people type to pass the length rule.
    """
    return bool(_variants(password) & common_passwords())


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
