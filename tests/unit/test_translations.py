"""The Dutch catalogue is complete and keeps every placeholder, plural forms included."""
import re
from pathlib import Path

from babel.messages.pofile import read_po

CATALOGUE = Path(__file__).parents[2] / "caseapp" / "translations" / "nl" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _forms(value) -> tuple[str, ...]:
    """A message's text forms: one for a plain message, one per plural form for a plural one."""
    return tuple(value) if isinstance(value, tuple | list) else (value,)


def _messages():
    with CATALOGUE.open("rb") as handle:
        return [m for m in read_po(handle) if m.id]


def test_every_message_is_translated():
    untranslated = [m.id for m in _messages() if "fuzzy" in m.flags or not all(_forms(m.string))]
    assert untranslated == []


def test_translations_keep_the_placeholders():
    for message in _messages():
        wanted = set(PLACEHOLDER.findall(" ".join(_forms(message.id))))
        for form in _forms(message.string):
            assert set(PLACEHOLDER.findall(form)) == wanted, message.id
