"""The Dutch catalogue is complete and keeps every placeholder."""
import re
from pathlib import Path

from babel.messages.pofile import read_po

CATALOGUE = Path(__file__).parents[2] / "caseapp" / "translations" / "nl" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def _messages():
    with CATALOGUE.open("rb") as handle:
        return [m for m in read_po(handle) if m.id]


def test_every_message_is_translated():
    untranslated = [m.id for m in _messages() if not m.string or "fuzzy" in m.flags]
    assert untranslated == []


def test_translations_keep_the_placeholders():
    for message in _messages():
        assert sorted(PLACEHOLDER.findall(message.id)) == sorted(PLACEHOLDER.findall(message.string)), message.id
