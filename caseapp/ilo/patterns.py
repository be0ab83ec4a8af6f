r"""Compile the engine's regular expressions so that a search skips quickly where no match can start. Plain Python.

A cue list is a long alternation, and Python's `re` tries every alternative at
every position of the text. Most positions cannot start a match at all: the
characters a match may start with are known from the pattern itself. `compile`
puts that set in front of the pattern as a lookahead, which is one cheap test
per position, so the alternatives are tried only where one could match. It
changes no match: the lookahead only asks what the pattern would ask first.

It also bounds every open-ended run of letters or digits (`\w*`, `\w+`, `\d+`):
`pag\w* (?:on time)` on one endless word "pagpagpag..." would otherwise read to the
end of the word from every "pag" in it, which takes time in the square of its
length. No real word is longer than the bound.
"""
from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]  # the parser's own names
from re import _parser as parser  # type: ignore[attr-defined]

_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
}


class _Unknown(Exception):
    """The first character of a match cannot be told from the pattern: compile it as it is."""


def _class_item(op, av) -> str:
    if op is sre.LITERAL:
        return re.escape(chr(av))
    if op is sre.RANGE:
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    if op is sre.CATEGORY and av in _CATEGORIES:
        return _CATEGORIES[av]
    raise _Unknown


def _class(items) -> str:
    negate = bool(items) and items[0][0] is sre.NEGATE
    body = "".join(_class_item(op, av) for op, av in (items[1:] if negate else items))
    return f"[{'^' if negate else ''}{body}]"


def _first(sequence) -> tuple[set[str], bool]:
    """The classes a match of `sequence` may start with, and whether it may match nothing at all."""
    firsts: set[str] = set()
    for op, av in sequence:
        if op is sre.AT:
            continue  # a boundary consumes nothing: the next item starts the match
        if op is sre.LITERAL:
            return firsts | {_class([(op, av)])}, False
        if op is sre.IN:
            return firsts | {_class(av)}, False
        if op is sre.SUBPATTERN:
            if av[1] or av[2]:
                raise _Unknown  # flags set inside the group would also apply to its first character
            found, empty = _first(av[-1])
        elif op is sre.BRANCH:
            found, empty = set(), False
            for alternative in av[1]:
                more, may_be_empty = _first(alternative)
                found |= more
                empty = empty or may_be_empty
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            found, empty = _first(av[2])
            empty = empty or av[0] == 0
        else:
            raise _Unknown  # any character, lookarounds, backreferences...
        firsts |= found
        if not empty:
            return firsts, False
    return firsts, True


WORD_BOUND = 40  # the longest run of letters or digits one repetition reads
_OPEN_RUN = re.compile(r"(?<!\\)\\([wd])([*+])")


def bounded(pattern: str) -> str:
    """The pattern with each \\w*, \\w+, \\d* and \\d+ read at most WORD_BOUND characters at a time."""
    return _OPEN_RUN.sub(lambda m: f"\\{m.group(1)}{{{0 if m.group(2) == '*' else 1},{WORD_BOUND}}}", pattern)


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001  (reads as re.compile)
    """re.compile(pattern, flags), open-ended runs bounded, with a lookahead for the characters a match can start
    with when they are known."""
    pattern = bounded(pattern)
    try:
        firsts, may_be_empty = _first(parser.parse(pattern, flags))
    except _Unknown:
        return re.compile(pattern, flags)
    if may_be_empty or not firsts:
        return re.compile(pattern, flags)
    return re.compile(f"(?={'|'.join(sorted(firsts))})(?:{pattern})", flags)


def _cased_literals(sequence) -> list[str]:
    """Upper-case letters the pattern would look for literally (they could never match folded text)."""
    found = []
    for op, av in sequence:
        if op is sre.LITERAL and chr(av) != chr(av).lower():
            found.append(chr(av))
        elif op is sre.IN:
            found += [chr(a) for o, a in av if o is sre.LITERAL and chr(a) != chr(a).lower()]
        elif op is sre.SUBPATTERN:
            found += _cased_literals(av[-1])
        elif op is sre.BRANCH:
            for alternative in av[1]:
                found += _cased_literals(alternative)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            found += _cased_literals(av[2])
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            found += _cased_literals(av[1])
    return found


def folded(pattern: str) -> re.Pattern:
    """A pattern for text folded to lower case (text.fold): matching it is quicker than ignoring case.

    A pattern that names an upper-case letter would never match folded text: that is a mistake in the
    pattern, refused at once.
    """
    cased = _cased_literals(parser.parse(pattern))
    if cased:
        raise ValueError(f"a pattern for folded text names upper-case letters: {''.join(cased)}")
    return compile(pattern)
