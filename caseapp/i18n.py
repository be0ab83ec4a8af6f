"""The reader's language, for what is shown or written in it: pages, reports, ILO indicator names."""
from __future__ import annotations

from flask_babel import get_locale

from caseapp.ilo.catalogue import BY_ID


def locale_now() -> str:
    """The language of this request (English on the command line)."""
    return str(get_locale() or "en")


def indicator_name(key: str) -> str:
    """The ILO's English name of an indicator, or caseapp's working translation of it (REFERENCE §7)."""
    return BY_ID[key].name_in(locale_now()).text if key in BY_ID else key
