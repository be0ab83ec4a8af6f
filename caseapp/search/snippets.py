"""The piece of a found text shown under a search result, and where the words looked for are in it. Plain Python.

A text is read once, folded letter for letter (case and Latin accents off, so offsets in the folded text
are offsets in the text), and the words of the query are found in it by one regular expression. The piece
shown is the window of the text that holds the most different words of the query; the highlights are the
[start, end) offsets of each word found in that piece, so a page wraps them in <mark> and a script can too.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from caseapp.search.syntax import Query, without_accents

WIDTH = 240  # letters shown around the words found
LEAD = 60  # letters kept before the first word found, so it is read in its sentence
ELLIPSIS = "…"
STEM_AFTER = 5  # PostgreSQL finds other forms of a word ("recruiting" for "recruited"): a word longer...
STEM_CUT = 2  # ...is highlighted in any form that keeps all but its last two letters ("work" is not "workers")
MAX_HITS = 500  # words found before the window is chosen (the first ones: a text quoting a word a
#                 thousand times needs no more to show a good piece)


@dataclass(frozen=True)
class Snippet:
    text: str
    highlights: tuple[tuple[int, int], ...]


@lru_cache(maxsize=4096)
def _folded_letter(char: str) -> str:
    """One letter as the index compares it, still one letter (so offsets do not move)."""
    plain = without_accents(char).lower()
    return plain[0] if plain else char


def fold(text: str) -> str:
    """The text with case and Latin accents off, letter for letter: fold(text)[i] stands for text[i]."""
    if text.isascii():
        return text.lower()
    return text.translate({ord(char): _folded_letter(char) for char in set(text)})


def _word_pattern(word: str, prefix: bool) -> str:
    folded = fold(unicodedata.normalize("NFC", word))
    if prefix:
        return re.escape(folded) + r"\w*"
    if len(folded) > STEM_AFTER:
        return re.escape(folded[:max(STEM_AFTER, len(folded) - STEM_CUT)]) + r"\w{0,%d}" % (STEM_CUT + 2)
    return re.escape(folded)


def pattern(query: Query) -> re.Pattern[str] | None:
    """One expression finding every word of the query's wanted terms (each word of a phrase on its own)."""
    pieces = []
    for term in query.wanted:
        last = len(term.words) - 1
        pieces += [_word_pattern(word, term.prefix and index == last) for index, word in enumerate(term.words)]
    if not pieces:
        return None
    # longest first, so "barracks" is taken whole before "barr"
    alternatives = sorted(set(pieces), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def _which(query: Query, found: str) -> int:
    """Which of the query's words a piece of text is (for counting the different words in a window)."""
    for number, word in enumerate(query.words):
        folded = fold(word)
        if found.startswith(folded[:max(STEM_AFTER, len(folded) - STEM_CUT)] if len(folded) > STEM_AFTER else folded):
            return number
    return -1


def snippet(text: str, query: Query, width: int = WIDTH) -> Snippet:
    """The piece of text to show for this query, and the offsets of the query's words in it."""
    text = text or ""
    expression = pattern(query)
    hits: list[tuple[int, int, int]] = []
    if expression is not None:
        folded = fold(text)
        for match in expression.finditer(folded):
            hits.append((match.start(), match.end(), _which(query, match.group())))
            if len(hits) >= MAX_HITS:
                break
    if not hits:
        return Snippet(_cut(text, 0, width), ())
    best, best_count = 0, -1
    end_index = 0
    for index, (start, _end, _word) in enumerate(hits):  # the window starting at each hit, read once
        end_index = max(end_index, index)
        while end_index + 1 < len(hits) and hits[end_index + 1][1] <= start + width - LEAD:
            end_index += 1
        count = len({word for _s, _e, word in hits[index:end_index + 1]})
        if count > best_count:
            best, best_count = index, count
    window_start = _word_start(text, max(0, hits[best][0] - LEAD), hits[best][0])
    piece = _cut(text, window_start, width)
    offset = len(ELLIPSIS) if window_start > 0 else 0
    shown_end = window_start + len(piece) - offset - (len(ELLIPSIS) if piece.endswith(ELLIPSIS) else 0)
    highlights = tuple((start - window_start + offset, end - window_start + offset)
                       for start, end, _word in hits if start >= window_start and end <= shown_end)
    return Snippet(piece, highlights)


def _word_start(text: str, position: int, limit: int) -> int:
    """The start of the first whole word from position on (not past limit, where the word found begins)."""
    while 0 < position < limit and not text[position - 1].isspace():
        position += 1
    return position


def _cut(text: str, start: int, width: int) -> str:
    """text[start:] cut at a space near width letters, with an ellipsis where something is left out; line
    breaks shown as spaces (a result is one paragraph)."""
    end = start + width
    if end < len(text):
        space = text.rfind(" ", start + width // 2, end)
        end = space if space > 0 else end
    piece = re.sub(r"\s", " ", text[start:end])
    return (ELLIPSIS if start > 0 else "") + piece + (ELLIPSIS if end < len(text) else "")


MIN_PART = 3  # a part of a word in a title is found from this many letters (the index's trigrams)


def title_marks(title: str, query: Query) -> tuple[tuple[int, int], ...]:
    """Where the query's words are in a title: whole words, and otherwise the parts of words that found it
    ("Kore" in "Korean": a title is found by three letters of a word or more)."""
    title = title or ""
    marks = snippet(title, query, width=len(title) + 1).highlights
    if marks:
        return marks
    folded = fold(title)
    found = []
    for term in query.wanted:
        part = fold(" ".join(term.words))
        if len(part) < MIN_PART:
            continue
        start = folded.find(part)
        while start >= 0:
            found.append((start, start + len(part)))
            start = folded.find(part, start + len(part))
    return tuple(sorted(found))
