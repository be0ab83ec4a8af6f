"""Pseudonyms for the people of a case, and their removal from any text. Plain Python.

The `advocate` profile must never print who a worker, a family member, an
informant or a witness is. Every person gets a stable code ("W-3") the first
time a document meets them, and every occurrence of their name, an alias, a
part of their name, a contact detail or a document number is replaced by that
code, marked as a redaction. Matching errs on the side of hiding: a surname
alone is hidden, and so is a name followed by a short inflection ("Петрова",
"김정은은"), because a leaked name can get someone hurt and an extra black box
cannot.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Role prefixes of the codes; a witness is T (testimony) so it never reads as W (worker).
PREFIXES: dict[str, str] = {"worker": "W", "family_member": "F", "informant": "I", "witness": "T"}
# Name particles that are ordinary words too ("van", "de", "bin"): never hidden on their own.
PARTICLES = frozenset({
    "al", "ap", "bin", "binti", "da", "das", "de", "del", "della", "den", "der", "di", "do", "dos", "du", "el",
    "la", "le", "mac", "mc", "ten", "ter", "van", "von", "y", "zu",
})
MIN_PART = 3  # a shorter part of a name ("Li" aside) is too common a string to hide everywhere
MIN_DETAIL = 4  # contact details and document numbers shorter than this are not identifying
INFLECTION = 3  # letters a language may add to a name ("Петров" -> "Петрова")
DETAIL_SPLIT = re.compile(r"[,;\n]+")


@dataclass(frozen=True)
class PersonTerms:
    """What identifies one person: the only input redaction needs."""

    id: int
    role: str
    name: str
    aliases: tuple[str, ...] = ()
    contact: str = ""
    document_numbers: str = ""


@dataclass(frozen=True)
class Segment:
    """A piece of text: shown as is when `code` is None, else replaced by the code."""

    text: str
    code: str | None = None


def _is_closed_script(char: str) -> bool:
    """Hangul, CJK and kana: scripts that write words without spaces or glue particles on."""
    name = unicodedata.name(char, "")
    return name.startswith(("HANGUL", "CJK", "HIRAGANA", "KATAKANA"))


def _name_terms(person: PersonTerms) -> tuple[list[str], list[str]]:
    """Whole names and aliases (matched in any case), and the parts of them that are names."""
    terms = [t for t in (person.name, *person.aliases) if t and t.strip()]
    parts = []
    pieces = [p for term in terms for p in re.split(r"[\s,()]+", term)]  # "Sun-hui" whole ...
    pieces += [p for piece in pieces for p in re.split(r"[\-‐'’.]+", piece)]  # ... and "Sun" alone
    for part in pieces:
        if not part or part.casefold() in PARTICLES:
            continue
        # A part is a name when written as one: "Petrov", "김정은". Lower-case words of a
        # descriptive entry ("contractor quoted in the article") are not hidden one by one.
        if (len(part) >= MIN_PART and part[0].isupper()) or _is_closed_script(part[0]):
            parts.append(part)
    return terms, parts


def _detail_terms(person: PersonTerms) -> list[str]:
    details = []
    for field in (person.contact, person.document_numbers):
        for piece in DETAIL_SPLIT.split(field or ""):
            piece = piece.strip()
            # "Phone: +7 900 123" -> also "+7 900 123", the part a document would quote
            value = piece.split(":", 1)[1].strip() if ":" in piece else piece
            details.extend(p for p in {piece, value} if len(p) >= MIN_DETAIL)
            # "Passport 836401122" -> also "836401122", which a text may give without the word
            details.extend(token for token in piece.split()
                           if len(token) >= MIN_DETAIL + 1 and sum(c.isdigit() for c in token) >= MIN_DETAIL)
    return details


def _pattern(term: str, inflect: bool) -> str:
    words = [re.escape(w) for w in term.split()]
    body = r"\s+".join(words)
    if term[0].isalnum() and not _is_closed_script(term[0]):
        body = r"(?<!\w)" + body
    last = term[-1]
    if _is_closed_script(last):
        return body  # particles attach directly: 김정은은
    if last.isalnum():
        tail = rf"\w{{0,{INFLECTION}}}" if inflect and last.isalpha() and len(term) >= 4 else ""
        body += tail + r"(?!\w)"
    return body


class Redactor:
    """Codes people and hides them in text. One Redactor serves a whole dossier, so codes stay stable."""

    def __init__(self, people: Iterable[PersonTerms] = ()) -> None:
        self._codes: dict[int, str] = {}
        self._roles: dict[int, str] = {}
        self._counts: dict[str, int] = {}
        self._terms: list[tuple[str, str, bool, bool]] = []  # (term, code, is a name, any case)
        self._compiled = False
        self._groups: dict[str, list[tuple[str, bool, bool]]] = {}
        self._patterns: dict[str, re.Pattern[str]] = {}
        self._first_words: set[str] = set()
        self._anywhere: set[str] = set()
        self._by_term: dict[str, str] = {}
        self._by_name: dict[tuple[str, str], str] = {}
        self.add(people)

    def add(self, people: Iterable[PersonTerms]) -> None:
        """Give new people their codes, in the order met; people already coded keep theirs."""
        changed = False
        for person in people:
            if person.id in self._codes:
                continue
            # The same name in another case of a dossier is the same person, with the same code.
            same = self._by_name.get((_fold(person.name), person.role))
            if same is not None:
                self._codes[person.id] = same
                self._roles[person.id] = person.role
                continue
            prefix = PREFIXES.get(person.role, "P")
            self._counts[prefix] = self._counts.get(prefix, 0) + 1
            code = f"{prefix}-{self._counts[prefix]}"
            self._codes[person.id] = code
            self._roles[person.id] = person.role
            self._by_name[(_fold(person.name), person.role)] = code
            names, parts = _name_terms(person)
            self._terms.extend((term, code, True, True) for term in names)
            self._terms.extend((term, code, True, False) for term in parts)
            self._terms.extend((term, code, False, True) for term in _detail_terms(person))
            changed = True
        if changed:
            self._compiled = False  # indexed again when next needed: a dossier adds people case by case

    def _compile(self) -> None:
        """Index the terms by their first word; patterns are built per text from the terms it may hold.

        One alternation of every term of a 200-case dossier is thousands of branches, tried at
        every position of every printed value. Most values hold no term at all, and the rest
        one or two people: a set lookup of their words picks the few terms worth trying.
        """
        self._by_term = {}
        self._groups = {}
        seen = set()
        for term, code, is_name, any_case in self._terms:
            if (term, any_case) in seen:
                continue
            seen.add((term, any_case))
            self._by_term.setdefault(_fold(term), code)
            self._groups.setdefault(_first_word(term), []).append((term, is_name, any_case))
        self._first_words = set(self._groups)
        # Hangul and CJK names match inside longer runs of letters ("김정은으로부터"): look for them anywhere.
        self._anywhere = {w for w in self._first_words if w and _is_closed_script(w[0])}
        self._patterns = {}
        self._compiled = True

    def _candidates(self, text: str) -> frozenset[str]:
        found = {word for word in self._anywhere if word in text}
        for word in WORD.findall(text):
            word = word.casefold()
            # A term's first word, possibly inflected or followed by a particle: "петрова", "김정은은".
            for cut in range(min(INFLECTION, len(word) - 1) + 1):
                if word[:len(word) - cut] in self._first_words:
                    found.add(word[:len(word) - cut])
        return frozenset(found)

    def _pattern_for(self, word: str) -> re.Pattern[str]:
        """The terms that start with this word, longest first ("Kim Chol-su" before "Kim")."""
        pattern = self._patterns.get(word)
        if pattern is None:
            terms = sorted(self._groups[word], key=lambda t: len(t[0]), reverse=True)
            pattern = re.compile("|".join(f"{'(?i:' if any_case else '(?:'}{_pattern(term, is_name)})"
                                          for term, is_name, any_case in terms))
            self._patterns[word] = pattern
        return pattern

    def _matches(self, text: str, words: frozenset[str]) -> list[tuple[int, int]]:
        """Every term found, the longest where two overlap, left to right."""
        found = sorted(((m.start(), m.end()) for word in words for m in self._pattern_for(word).finditer(text)
                        if m.end() > m.start()), key=lambda span: (span[0], span[0] - span[1]))
        chosen: list[tuple[int, int]] = []
        for start, end in found:
            if chosen and start < chosen[-1][1]:
                if end > chosen[-1][1]:
                    chosen[-1] = (chosen[-1][0], end)  # overlapping terms: hide the union
                continue
            chosen.append((start, end))
        return chosen

    def code_of(self, person_id: int) -> str:
        return self._codes[person_id]

    @property
    def legend(self) -> list[tuple[str, str]]:
        """(code, role) for every person coded so far, once each, in the order met."""
        return list(dict.fromkeys((code, self._roles[pid]) for pid, code in self._codes.items()))

    def _code_for(self, matched: str) -> str:
        folded = _fold(matched)
        if folded in self._by_term:
            return self._by_term[folded]
        # An inflected or respaced form: the longest term it starts with.
        best = max((t for t in self._by_term if folded.startswith(t)), key=len, default=None)
        return self._by_term[best] if best else "?"

    def segments(self, text: str) -> list[Segment]:
        """The text cut into plain pieces and redactions."""
        if not text:
            return []
        if not self._compiled:
            self._compile()
        words = self._candidates(text) if self._first_words else frozenset()
        if not words:
            return [Segment(text)]
        pieces: list[Segment] = []
        last = 0
        for start, end in self._matches(text, words):
            if start > last:
                pieces.append(Segment(text[last:start]))
            pieces.append(Segment(text[start:end], self._code_for(text[start:end])))
            last = end
        if last < len(text):
            pieces.append(Segment(text[last:]))
        return pieces

    def redact(self, text: str) -> str:
        """The text with every identifying string replaced by "[code]"."""
        return "".join(f"[{s.code}]" if s.code else s.text for s in self.segments(text))

    def redact_all(self, value):
        """The same redaction for data leaving as JSON (the manifest): every string in a structure."""
        if isinstance(value, str):
            return self.redact(value)
        if isinstance(value, dict):
            return {key: self.redact_all(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.redact_all(item) for item in value]
        return value


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


WORD = re.compile(r"\w+")


def _first_word(term: str) -> str:
    match = WORD.search(term)
    return match.group(0).casefold() if match else term.casefold()


class NoRedaction(Redactor):
    """The `internal` profile: everything is shown."""

    def segments(self, text: str) -> list[Segment]:
        return [Segment(text)] if text else []

    def redact(self, text: str) -> str:
        return text
