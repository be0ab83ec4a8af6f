"""The TOTP second factor and its recovery codes, in plain Python (RFC 6238 via pyotp)."""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Iterable

import pyotp

ISSUER = "caseapp"
STEP_SECONDS = 30
# A code from the step before or after the current one is accepted too: phones drift.
DRIFT_STEPS = 1
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud, typed from paper


def required_roles(server_roles: Iterable[str], organisation_roles: str | Iterable[str]) -> frozenset[str]:
    """The roles that must use a second factor: the server's, plus the organisation's own."""
    if isinstance(organisation_roles, str):
        organisation_roles = organisation_roles.split(",")
    return frozenset(r.strip() for r in [*server_roles, *organisation_roles] if r.strip())


def new_secret() -> str:
    return pyotp.random_base32()  # 160 bits, as RFC 4226 recommends


def provisioning_uri(secret: str, account: str, issuer: str = ISSUER) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=issuer)


def current_step(now: float | None = None) -> int:
    return int((time.time() if now is None else now) // STEP_SECONDS)


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code if not ch.isspace() and ch != "-").lower()


def accepted_step(secret: str, code: str, last_step: int | None, now: float | None = None) -> int | None:
    """Return the time step `code` belongs to, or None if it is wrong or was used already.

    Steps at or before `last_step` are refused, so a code seen over a shoulder
    or replayed from a log cannot be used a second time.
    """
    code = normalise_code(code)
    if not (len(code) == 6 and code.isdigit()):
        return None
    totp = pyotp.TOTP(secret)
    step = current_step(now)
    for candidate in range(step - DRIFT_STEPS, step + DRIFT_STEPS + 1):
        if last_step is not None and candidate <= last_step:
            continue
        if hmac.compare_digest(totp.at(candidate * STEP_SECONDS), code):
            return candidate
    return None


def new_recovery_codes(count: int = RECOVERY_CODE_COUNT) -> list[str]:
    """Codes like `k7rm-x2pq-9d`: 10 characters from 31 (about 50 bits) each."""
    codes = []
    for _ in range(count):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:4]}-{raw[4:8]}-{raw[8:]}")
    return codes


def looks_like_recovery_code(code: str) -> bool:
    code = normalise_code(code)
    return len(code) == 10 and all(ch in _RECOVERY_ALPHABET for ch in code)


def hash_recovery_code(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()
