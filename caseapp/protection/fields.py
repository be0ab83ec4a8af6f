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


class _Encrypted(EncryptedType, TypeDecorator[Any]):
    """A value stored as one ciphertext; `context` ("table.column") is bound into it.

    Subclasses say which column type holds the ciphertext (`impl`) and how a value
    becomes the text that is encrypted (`_to_text`, `_from_text`).
    """

    cache_ok = True

    def __init__(self, context: str) -> None:
        super().__init__()
        self.context = context

    def _to_text(self, value: Any) -> str:
        return value

    def _from_text(self, text: str) -> Any:
        return text

    def process_bind_param(self, value: Any, dialect) -> str | None:  # type: ignore[override]
        if value is None:
            return None
        return ciphers.encrypt(current_ring(), self._to_text(value), self.context)

    def process_result_value(self, value: str | None, dialect) -> Any:  # type: ignore[override]
        if value is None:
            return None
        return self._from_text(ciphers.decrypt(ring_knowing(ciphers.key_id_of(value)), value, self.context))


class EncryptedText(_Encrypted):
    """Text stored encrypted."""

    impl = Text
    cache_ok = True  # SQLAlchemy asks each class itself


class EncryptedJSON(_Encrypted):
    """A JSON value (a list of aliases, say) stored as one encrypted JSON string."""

    impl = JSON
    cache_ok = True

    def _to_text(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    def _from_text(self, text: str) -> Any:
        return json.loads(text)
