"""The error a service raises for input it refuses, and the translation marker."""
from __future__ import annotations

from typing import Any


def N_(message: str) -> str:
    """Mark a message for translation; it is translated where it is shown."""
    return message


class ServiceError(ValueError):
    """Input that an operation refuses.

    `message` is an untranslated template (marked with N_) filled with
    `params`; `field` names the input at fault, if one is.
    """

    def __init__(self, message: str, field: str | None = None, **params: Any) -> None:
        super().__init__(message % params if params else message)
        self.message = message
        self.field = field
        self.params = params

    def translated(self, gettext) -> str:
        return gettext(self.message, **self.params) if self.params else gettext(self.message)


class NotAllowed(PermissionError):
    """An action this role may take, refused here for a reason the user is told (an untranslated N_ message)."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params

    def translated(self, gettext) -> str:
        return gettext(self.message, **self.params) if self.params else gettext(self.message)


class Busy(ServiceError):
    """The server is doing as much of this as it may at once, or this user did as much as they may for now.

    Answered 503 (or 429 for a user's own limit), with the message, so the user knows to try again later.
    """

    status = 503


class TooMany(Busy):
    status = 429


class FileTooLarge(ServiceError):
    """A file past the size caseapp keeps: answered 413 with the limit named."""

    status = 413


class Forbidden(ServiceError):
    """Refused to this user for a reason they are told (403), where pages show it like any refused input."""

    status = 403


class NotFound(LookupError):
    """The object does not exist or is not visible to this user."""


class Conflict(RuntimeError):
    """The change was made against a version that is no longer current."""

    def __init__(self, current: Any) -> None:
        super().__init__("stale version")
        self.current = current
