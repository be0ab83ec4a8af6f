"""The reader's language, for what is shown or written in it: pages, reports, ILO indicator names."""
from __future__ import annotations

import unicodedata

from flask_babel import get_locale

from caseapp.ilo.catalogue import BY_ID


RIGHT_TO_LEFT = frozenset({"ar"})
# Each language by its own name, as the language menu offers it.
LANGUAGE_NAMES = {"en": "English", "nl": "Nederlands", "fr": "Français", "es": "Español", "ru": "Русский",
                  "ar": "العربية"}
INTERFACE_LANGUAGES = tuple(LANGUAGE_NAMES)  # config.LANGUAGES, the languages the app is written in


def locale_now() -> str:
    """The language of this request (English on the command line): "en" for a reader whose dates follow en_GB."""
    locale = get_locale()
    return locale.language if locale else "en"


def text_direction(text: str | None) -> str:
    """The direction a piece of user text is written in, by its first letter that has one (the Unicode
    rule for dir="auto"): an English note in an Arabic report reads left to right, an Arabic one in an
    English report right to left; "" when it has no such letter (numbers, dates)."""
    for char in text or "":
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return ""


def list_separator(language: str) -> str:
    """What joins the items of a list inside a sentence: the Arabic comma in Arabic."""
    return "، " if language == "ar" else ", "


def direction(language: str) -> str:
    """The text direction of a language, for <html dir>: Arabic is written right to left."""
    return "rtl" if language in RIGHT_TO_LEFT else "ltr"


def indicator_name(key: str) -> str:
    """The ILO's English name of an indicator, or caseapp's working translation of it (REFERENCE §7)."""
    return BY_ID[key].name_in(locale_now()).text if key in BY_ID else key
