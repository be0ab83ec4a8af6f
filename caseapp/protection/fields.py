"""Column types that encrypt on the way into the database and decrypt on the way out."""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import JSON, Text, TypeDecorator

from caseapp.protection import ciphers
from caseapp.protection.setup import current_ring, ring_knowing


class EncryptedType:
    """Marks a column whose stored value is a ciphertext (rotation and status find them by this)."""

    context: str


class EncryptedText(EncryptedType, TypeDecorator[str]):
    """Text stored encrypted. `context` ("table.column") is bound into the ciphertext."""

    impl = Text
    cache_ok = True

    def __init__(self, context: str) -> None:
        super().__init__()
        self.context = context

    def process_bind_param(self, value: str | None, dialect) -> str | None:  # type: ignore[override]
        if value is None:
            return None
        return ciphers.encrypt(current_ring(), value, self.context)

    def process_result_value(self, value: str | None, dialect) -> str | None:  # type: ignore[override]
        if value is None:
            return None
        return ciphers.decrypt(ring_knowing(ciphers.key_id_of(value)), value, self.context)


class EncryptedJSON(EncryptedType, TypeDecorator[Any]):
    """A JSON value (a list of aliases, say) stored as one encrypted JSON string."""

    impl = JSON
    cache_ok = True

    def __init__(self, context: str) -> None:
        super().__init__()
        self.context = context

    def process_bind_param(self, value: Any, dialect) -> str | None:  # type: ignore[override]
        if value is None:
            return None
        return ciphers.encrypt(current_ring(), json.dumps(value, ensure_ascii=False), self.context)

    def process_result_value(self, value: Any, dialect) -> Any:  # type: ignore[override]
        if value is None:
            return None
        plain = ciphers.decrypt(ring_knowing(ciphers.key_id_of(value)), value, self.context)
        return json.loads(plain)
