"""Every catalogue (Dutch, French, Spanish, Russian, Arabic) is complete and keeps every placeholder, with as
many plural forms as its language has (Russian three, Arabic six)."""
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from config import Config

TRANSLATIONS = Path(__file__).parents[2] / "caseapp" / "translations"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
LANGUAGES = [language for language in Config().LANGUAGES if language != "en"]


def _forms(value) -> tuple[str, ...]:
    """A message's text forms: one for a plain message, one per plural form for a plural one."""
    return tuple(value) if isinstance(value, tuple | list) else (value,)


def _catalogue(language: str):
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle)


def _messages(language: str):
    return [m for m in _catalogue(language) if m.id]


def test_every_language_offered_has_a_catalogue():
    assert set(LANGUAGES) == {"nl", "fr", "es", "ru", "ar"}
    assert {path.name for path in TRANSLATIONS.iterdir() if path.is_dir()} == set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language):
    untranslated = [m.id for m in _messages(language) if "fuzzy" in m.flags or not all(_forms(m.string))]
    assert untranslated == []


@pytest.mark.parametrize("language, forms", [("nl", 2), ("fr", 3), ("es", 3), ("ru", 3), ("ar", 6)])
def test_plural_messages_have_every_form_of_their_language(language, forms):
    catalogue = _catalogue(language)
    assert catalogue.num_plurals == forms
    plurals = [m for m in catalogue if m.id and isinstance(m.id, tuple)]
    assert plurals and all(len(m.string) == forms and all(m.string) for m in plurals)


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language):
    for message in _messages(language):
        wanted = set(PLACEHOLDER.findall(" ".join(_forms(message.id))))
        for form in _forms(message.string):
            assert set(PLACEHOLDER.findall(form)) == wanted, message.id
