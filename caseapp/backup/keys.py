"""The keys a backup carries, and whether the keys at hand open a restored database. Plain Python.

The encryption key ring is one line, "id:key,id:key" (the first is the current key);
the audit HMAC key is one string. A backup made without keys still records their
fingerprints (a hash of each key, never the key), so a restore can tell before it
replaces anything whether the keys configured here are the ones the data needs.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from caseapp.backup.crypto import BackupError

ENCRYPTION_ENV = "CASEAPP_ENCRYPTION_KEYS"


def parse_ring(ring: str | None) -> dict[str, str]:
    """{"id": "key"} in ring order; an empty or missing ring is {}."""
    keys: dict[str, str] = {}
    for part in (ring or "").split(","):
        if part.strip():
            key_id, _, key = part.strip().partition(":")
            keys[key_id.strip()] = key.strip()
    return keys


def fingerprint(secret: str) -> str:
    return hashlib.sha256(b"caseapp key fingerprint\n" + secret.encode("utf-8")).hexdigest()[:32]


def fingerprints(ring: str | None, audit_key: str | None) -> dict[str, Any]:
    return {"encryption_keys": {key_id: fingerprint(key) for key_id, key in parse_ring(ring).items()},
            "audit_hmac_key": fingerprint(audit_key) if audit_key else None}


def as_text(secret: Any) -> str | None:
    if secret is None or secret == "":
        return None
    return secret.decode("utf-8") if isinstance(secret, bytes) else str(secret)


@dataclass(frozen=True)
class Current:
    """The keys configured here, and where each comes from: "environment" or "instance"."""

    encryption_ring: str | None
    encryption_source: str
    audit_key: str | None
    audit_source: str


@dataclass(frozen=True)
class Plan:
    """What a restore writes: the ring and the audit key to put in the instance files (None: leave as is)."""

    encryption_ring: str | None = None
    audit_key: str | None = None


def plan(manifest_fingerprints: dict[str, Any], carried: dict[str, Any] | None, current: Current) -> Plan:
    """Decide what to write, or raise BackupError telling the operator what to set first."""
    wanted = fingerprints((carried or {}).get("encryption_keys"), (carried or {}).get("audit_hmac_key"))
    if carried is None:
        wanted = manifest_fingerprints or {"encryption_keys": {}, "audit_hmac_key": None}
    have = fingerprints(current.encryption_ring, current.audit_key)
    ring_ok = all(have["encryption_keys"].get(i) == f for i, f in wanted["encryption_keys"].items())
    audit_ok = wanted["audit_hmac_key"] in (None, have["audit_hmac_key"])
    if carried is None:
        _require_present(ring_ok, audit_ok, wanted)
        return Plan()
    if not ring_ok and current.encryption_source == "environment":
        raise BackupError(
            f"{ENCRYPTION_ENV} does not hold the encryption keys of this backup (key ids: "
            f"{', '.join(wanted['encryption_keys'])}). Set it to the key ring the backup was made with "
            "(`flask backup keys` prints it), or unset it to use the instance file, and restore again. "
            "Nothing was changed.")
    if not audit_ok and current.audit_source == "environment":
        raise BackupError("The audit HMAC key set in the environment is not the one this backup was made with. "
                          "Set it to the backup's key (`flask backup keys` prints it), or unset it to use the "
                          "instance file, and restore again. Nothing was changed.")
    return Plan(encryption_ring=None if ring_ok else carried.get("encryption_keys"),
                audit_key=None if audit_ok else carried.get("audit_hmac_key"))


def _require_present(ring_ok: bool, audit_ok: bool, wanted: dict[str, Any]) -> None:
    missing = []
    if not ring_ok:
        missing.append(f"the encryption keys (ids {', '.join(wanted['encryption_keys'])})")
    if not audit_ok:
        missing.append("the audit HMAC key")
    if missing:
        raise BackupError(f"This backup was made without keys, and {' and '.join(missing)} it was made with "
                          "are not configured here. Put them in place (environment or instance files) "
                          "and restore again. Nothing was changed.")
