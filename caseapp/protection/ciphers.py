"""Authenticated encryption of one value, and the keyed hash that finds a name. Plain Python.

A stored value reads `<key id>$<base64 of nonce + ciphertext + tag>` (AES-256-GCM).
The column it belongs to ("persons.name") is bound in as associated data, so a
value copied into another column, or another table, no longer decrypts.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import unicodedata

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from caseapp.protection.keys import KeyRing

NONCE_BYTES = 12
SEPARATOR = "$"


class DecryptionError(ValueError):
    """A stored value cannot be decrypted: its key is missing, or it was altered."""


def encrypt(ring: KeyRing, plaintext: str, context: str) -> str:
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(ring.current_key).encrypt(nonce, plaintext.encode("utf-8"), context.encode("utf-8"))
    return ring.current_id + SEPARATOR + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def decrypt(ring: KeyRing, token: str, context: str) -> str:
    key_id = key_id_of(token)
    key = ring.key(key_id) if key_id else None
    if key is None:
        raise DecryptionError(f"no key {key_id!r} in the ring for a value of {context}")
    try:
        raw = base64.urlsafe_b64decode(token[len(key_id) + 1:].encode("ascii"))
        plain = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode("utf-8"))
    except (InvalidTag, ValueError) as error:
        raise DecryptionError(f"a value of {context} does not decrypt under key {key_id!r}") from error
    return plain.decode("utf-8")


def key_id_of(token: str) -> str:
    """The id of the key a stored value was encrypted with ('' if it is not an encrypted value)."""
    key_id, separator, _ = token.partition(SEPARATOR)
    return key_id if separator else ""


def normalise_name(name: str) -> str:
    """The form a name is compared in: Unicode-normalised, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _lookup_key(key: bytes) -> bytes:
    # A key of its own for hashing, derived from the encryption key, so the hash
    # reveals nothing about the key that protects the value itself.
    return hmac.new(key, b"caseapp exact-name lookup v1", hashlib.sha256).digest()


def lookup_hash(ring: KeyRing, name: str, key_id: str | None = None) -> str:
    """`<key id>$<hex>`: the keyed hash that finds this exact name, under the current key (or `key_id`)."""
    key_id = key_id or ring.current_id
    digest = hmac.new(_lookup_key(ring.keys[key_id]), normalise_name(name).encode("utf-8"), hashlib.sha256)
    return key_id + SEPARATOR + digest.hexdigest()


def lookup_candidates(ring: KeyRing, name: str) -> list[str]:
    """The hashes of `name` under every key in the ring: during a rotation, rows carry either."""
    return [lookup_hash(ring, name, key_id) for key_id in ring.ids]
