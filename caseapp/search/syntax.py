"""What a search box accepts, read into terms, and written for each database's full-text engine. Plain Python.

    passports "closed barracks" -deported recruit*

Words must all be there (in any form the text's language gives them, on PostgreSQL: "recruited" finds
"recruiting"); "an exact phrase" must be there word for word; -word must not be; prefix* finds every word
that starts with it. Case and accents are ignored. Nothing the user types reaches the engine as syntax:
every term is quoted by this module, so a stray quote or a bracket is a clear message, never an error of
the database.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from caseapp.errors import N_, ServiceError

MAX_TERMS = 12  # longer queries are refused: each term is one more index lookup
MIN_PREFIX = 2  # "a*" would open every word of the archive
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
WORDS = re.compile(r"[^\W_]+", re.UNICODE)  # words as both engines cut them (an apostrophe separates)
_PIECE = re.compile(r'\s*(-?)(?:"([^"]*)("?)|([^\s"]+))')


class QuerySyntaxError(ServiceError):
    """A query the search cannot read; the message says why, for the person who typed it (field "q")."""

    def __init__(self, message: str, **params) -> None:
        super().__init__(message, "q", **params)


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or a phrase's words in order
    prefix: bool = False  # the last word is the start of a word
    excluded: bool = False


@dataclass(frozen=True)
class Query:
    terms: tuple[Term, ...]

    @property
    def wanted(self) -> tuple[Term, ...]:
        return tuple(term for term in self.terms if not term.excluded)

    @property
    def words(self) -> tuple[str, ...]:
        """Every word the results must contain, for highlighting them."""
        return tuple(word for term in self.wanted for word in term.words)


def parse(text: str) -> Query:
    """The terms of a query, or QuerySyntaxError with a message a person can act on."""
    terms: list[Term] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _PIECE.match(text, position)
        if match is None:  # only whitespace is left
            break
        position = match.end()
        minus, phrase, closed, bare = match.groups()
        if phrase is not None:
            if not closed:
                raise QuerySyntaxError(N_('A phrase is missing its closing quote (").'))
            words = tuple(w.lower() for w in _WORD.findall(phrase))
            if words:  # "closed barr*": the phrase's last word may be a beginning
                prefix = phrase.rstrip().endswith("*")
                _check_prefix(words, prefix)
                terms.append(Term(words, prefix=prefix, excluded=bool(minus)))
            continue
        prefix = bare.endswith("*")
        words = tuple(w.lower() for w in _WORD.findall(bare.rstrip("*")))
        if not words:
            continue  # punctuation alone ("&", "-", "*"): nothing to look for
        _check_prefix(words, prefix)
        # "e-mail", "l'usine": a bare piece of several words is looked for as those words in a row
        terms.append(Term(words, prefix=prefix, excluded=bool(minus)))
    if len(terms) > MAX_TERMS:
        raise QuerySyntaxError(N_("Use at most %(count)d words or phrases."), count=MAX_TERMS)
    if terms and not any(not term.excluded for term in terms):
        raise QuerySyntaxError(N_("Say what to look for, not only what to leave out (-word)."))
    return Query(tuple(terms))


def without_accents(text: str) -> str:
    """Latin letters without their accents ("fenêtre" -> "fenetre", "Łódź" stays for Ł), other scripts as
    they are (Russian "й" is a letter of its own): what SQLite's remove_diacritics does, for PostgreSQL."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    kept, previous = [], ""
    for char in decomposed:
        if unicodedata.combining(char) and previous and ord(previous) < 0x250:
            continue
        kept.append(char)
        if not unicodedata.combining(char):
            previous = char
    return unicodedata.normalize("NFC", "".join(kept))


def _check_prefix(words: tuple[str, ...], prefix: bool) -> None:
    # the engines' own last word: "ab'c" ends with "c", "İ" is "i" once its dot is off
    pieces = WORDS.findall(words[-1])
    if prefix and (not pieces or len(without_accents(pieces[-1])) < MIN_PREFIX):
        raise QuerySyntaxError(N_("A word ending in * needs at least %(count)d letters before the *."), count=MIN_PREFIX)


def _fts5_term(term: Term) -> str:
    # each word a string of its own ("said" would otherwise be read as syntax), a phrase joined by +
    return " + ".join('"' + word.replace('"', '""') + '"' for word in term.words) + ("*" if term.prefix else "")


def fts5_match(query: Query) -> str:
    """The query for SQLite's FTS5 MATCH: every wanted term AND, then NOT each excluded one."""
    wanted = " AND ".join(_fts5_term(term) for term in query.wanted)
    excluded = "".join(" NOT " + _fts5_term(term) for term in query.terms if term.excluded)
    return wanted + excluded


def lexeme(word: str, prefix: bool) -> str:
    """One word for to_tsquery, quoted (its accents off, as the index has them)."""
    word = without_accents(word)
    return "'" + word.replace("'", "''").replace("\\", "\\\\") + "'" + (":*" if prefix else "")


def _tsquery_term(term: Term) -> str:
    last = len(term.words) - 1
    lexemes = [lexeme(word, term.prefix and index == last) for index, word in enumerate(term.words)]
    joined = lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")"
    return ("!" + joined) if term.excluded else joined


def tsquery(query: Query) -> str:
    """The query for PostgreSQL's to_tsquery: the same terms, each lexeme quoted, joined by &."""
    return " & ".join(_tsquery_term(term) for term in query.terms)


def _folded_words(text: str) -> list[str]:
    return WORDS.findall(without_accents(text).casefold())


def _holds(words: list[str], term: Term) -> bool:
    """The term's words in a row in these words (the last one as a beginning, for a prefix term)."""
    wanted = [without_accents(word).casefold() for word in term.words]
    size = len(wanted)
    for start in range(len(words) - size + 1):
        if words[start:start + size - 1] == wanted[:-1] and (
                words[start + size - 1].startswith(wanted[-1]) if term.prefix else words[start + size - 1] == wanted[-1]):
            return True
    return False


class Shown:
    """A record's texts as one reader sees them (already redacted), asked whether each term is in them: the
    same rules as the index (words, phrases in a row, prefixes, a part of a name in a title), on what the
    reader can read, so a record found through a name hidden from them is not shown to them."""

    def __init__(self, titles: list[str], texts: list[str]) -> None:
        self.words = [_folded_words(text) for text in (*titles, *texts)]
        self.titles = [without_accents(title).casefold() for title in titles]

    def holds(self, term: Term) -> bool:
        if any(_holds(words, term) for words in self.words):
            return True
        part = without_accents(" ".join(term.words)).casefold()
        return not term.excluded and len(part) >= 3 and any(part in title for title in self.titles)

    def matches(self, query: Query) -> bool:
        return all(self.holds(term) != term.excluded for term in query.terms)
