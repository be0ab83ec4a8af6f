"""The encryption key ring: which keys exist, and which one encrypts new values. Plain Python.

A ring is written as comma-separated `id:key` pairs, the current key first,
e.g. `k2:<44 characters>,k1:<44 characters>`. Each key is 32 random bytes in
URL-safe base64. The id travels with every encrypted value, so a value
written under an older key stays readable as long as its key is in the ring.
"""
from __future__ import annotations

import base64
import binascii
import re
import secrets
from dataclasses import dataclass

KEY_BYTES = 32
_KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,16}$")


class KeyRingError(ValueError):
    """The key ring setting cannot be used; the message says why, never a key."""


@dataclass(frozen=True)
class KeyRing:
    current_id: str
    keys: dict[str, bytes]

    @property
    def current_key(self) -> bytes:
        return self.keys[self.current_id]

    def key(self, key_id: str) -> bytes | None:
        return self.keys.get(key_id)

    @property
    def ids(self) -> tuple[str, ...]:
        """Every key id, the current one first."""
        return (self.current_id, *(k for k in self.keys if k != self.current_id))


def parse_ring(text: str) -> KeyRing:
    """Read `id:key,id:key`; the first pair is the current key."""
    pairs = [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]
    if not pairs:
        raise KeyRingError("The key ring is empty: give at least one id:key pair.")
    keys: dict[str, bytes] = {}
    for number, pair in enumerate(pairs, start=1):
        key_id, separator, encoded = pair.partition(":")
        if not separator or not _KEY_ID.match(key_id):
            raise KeyRingError(f"Key {number} must be written id:key, the id of 1 to 16 letters, digits, - or _.")
        if key_id in keys:
            raise KeyRingError(f"The key id {key_id} appears twice.")
        keys[key_id] = _decode_key(encoded.strip(), key_id)
    return KeyRing(current_id=next(iter(keys)), keys=keys)


def _decode_key(encoded: str, key_id: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(encoded.encode("ascii"))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raw = b""
    if len(raw) != KEY_BYTES:
        raise KeyRingError(f"The key {key_id} is not {KEY_BYTES} bytes in URL-safe base64 "
                           "(make one with `flask keys generate`).")
    return raw


def format_ring(ring: KeyRing) -> str:
    return ",".join(f"{key_id}:{encode_key(ring.keys[key_id])}" for key_id in ring.ids)


def encode_key(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii")


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def next_key_id(ring: KeyRing | None) -> str:
    """`k1`, `k2`, ...: the first such id the ring does not use yet."""
    number = 1
    while ring is not None and f"k{number}" in ring.keys:
        number += 1
    return f"k{number}"


def with_new_current_key(ring: KeyRing | None, key_id: str | None = None) -> KeyRing:
    """A ring whose current key is a fresh one; the older keys stay, to read older values."""
    key_id = key_id or next_key_id(ring)
    if not _KEY_ID.match(key_id):
        raise KeyRingError("A key id is 1 to 16 letters, digits, - or _.")
    if ring is not None and key_id in ring.keys:
        raise KeyRingError(f"The key id {key_id} is taken.")
    keys = {key_id: new_key()}
    if ring is not None:
        keys.update({k: ring.keys[k] for k in ring.ids})
    return KeyRing(current_id=key_id, keys=keys)
