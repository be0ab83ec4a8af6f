"""English left on a page shown in another language: the sentences of the English catalogue that have a
translation, and the ILO engine's own English (indicator explanations, the rules' reasons), in pieces of
three words or more (a name or a code such as "ILO" or "UNSCR 2375" is the same in every language)."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

from caseapp.ilo.catalogue import INDICATORS
from caseapp.ilo.rules import ENGLISH, HOW_ENGLISH

TRANSLATIONS = Path(__file__).resolve().parents[1] / "caseapp" / "translations"
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def _pieces(text: str, split_sentences: bool = False) -> list[str]:
    parts = _PLACEHOLDER.split(text)
    if split_sentences:
        parts = [piece for part in parts for piece in re.split(r"[.:;]", part)]
    return [piece.strip(" .,:;()—-") for piece in parts if len(piece.split()) >= 3]


@lru_cache(maxsize=None)
def english_left(language: str) -> re.Pattern[str]:
    """A pattern that finds English the reader of `language` should not see."""
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalogue = read_po(po)
    pieces: set[str] = set()
    for message in catalogue:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english, translated in zip(ids, strings, strict=False):
            if english and translated and translated != english:
                pieces.update(_pieces(english))
    engine = [i.explanation for i in INDICATORS] + list(ENGLISH.values()) + list(HOW_ENGLISH.values())
    for text in engine:
        pieces.update(_pieces(text, split_sentences=True))
    return re.compile("|".join(re.escape(piece) for piece in sorted(pieces, key=len, reverse=True)))


def visible_text(html: str) -> str:
    """What a page's HTML shows: no scripts, styles or text areas (the user's own typing), no tags."""
    import html as entities

    text = re.sub(r"<(script|style|textarea)\b[^>]*>.*?</\1>", " ", html, flags=re.S | re.I)
    return re.sub(r"\s+", " ", entities.unescape(re.sub(r"<[^>]+>", " ", text)))
