"""Validators shared by every form that sets a password."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms.validators import Length

from caseapp.auth.passwords import MAX_LENGTH, MIN_LENGTH


def new_password_length() -> list[Length]:
    return [
        Length(min=MIN_LENGTH, message=_l("Use at least 12 characters.")),
        Length(max=MAX_LENGTH, message=_l("Use at most 1024 characters.")),
    ]
