"""Text basics for the suggestion engine: the language among nine, and sentence spans. Plain Python.

Spans are (start, end) offsets in code points, so text[start:end] is always
the exact passage: the engine never quotes anything it did not find verbatim.
"""
from __future__ import annotations

import re
from functools import lru_cache

LANGUAGES: tuple[str, ...] = ("en", "nl", "fr", "es", "de", "pt", "it", "pl", "ru")

# A sentence ends at . ! ? … (optionally followed by closing quotes or brackets) before
# whitespace, or at a blank line. Abbreviations such as "a.m." and numbers such as "1.500"
# do not end it, because the next character is not whitespace or is a lower-case letter.
_BOUNDARY = re.compile(r"""(?<=[.!?…])["'»”’)\]]*\s+(?=[^\sa-zà-ÿа-я0-9])|\n\s*\n""")


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect_language(text: str) -> str:
    """The most likely of the nine languages caseapp reads ('en' when there is too little to tell)."""
    if len(re.findall(r"\w+", text[:4000])) < 3:
        return "en"
    language, _ = _identifier().classify(text[:4000])
    return language


def fold(text: str) -> str:
    """The text in lower case, every character at the same offset (the few that grow when lowered stay as they are)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, surrounding whitespace left out."""
    spans, start = [], 0
    for match in _BOUNDARY.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in (_trim(text, s, e) for s, e in spans) if e > s]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


LEMMA_LANGUAGES = frozenset(LANGUAGES)


@lru_cache(maxsize=1)
def _lemmatizer():
    try:
        import simplemma
        from simplemma.strategies import DefaultStrategy
    except ImportError:  # the engine still runs on its regular-expression cues alone
        return None
    from caseapp.ilo.lemmas import Dictionaries

    # The cache is this module's (lemma() below); simplemma's own would keep every word a second time.
    return simplemma.Lemmatizer(cache_max_size=0,
                                lemmatization_strategy=DefaultStrategy(dictionary_factory=Dictionaries()))


@lru_cache(maxsize=200_000)
def lemma(word: str, language: str) -> str:
    """A word's dictionary form, lower case (simplemma): "ingehouden" -> "inhouden", "удерживают" -> "удерживать".

    Each language's dictionary is mapped on its first word (lemmas.py); words are then looked up.
    """
    tool = _lemmatizer()
    if tool is None or language not in LEMMA_LANGUAGES:
        return word
    try:
        return tool.lemmatize(word, lang=language).lower()
    except ValueError:
        return word
