"""Pseudonyms for the people of a case, and their removal from any text. Plain Python.

The `advocate` profile must never print who a worker, a family member, an
informant or a witness is. Every person gets a stable code ("W-3") the first
time a document meets them, and every occurrence of their name, an alias, a
part of their name, a contact detail or a document number is replaced by that
code, marked as a redaction.

Matching errs on the side of hiding, because a leaked name can get someone
hurt and an extra black box cannot: it ignores case, accents, soft hyphens and
zero-width characters ("PETROV", "Jose Alvarez", "Pe\u00adtrov"); it takes a
surname alone, a name with an ending added or changed ("Петрова",
"Смирновой", "Анну"), a Korean name with a particle or without its family
name ("김정은은", "철수씨"), and a phone or document number however it is
spaced ("+7 (900) 123-45-67", "836 401 122").
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Role prefixes of the codes; a witness is T (testimony) so it never reads as W (worker).
PREFIXES: dict[str, str] = {"worker": "W", "family_member": "F", "informant": "I", "witness": "T"}
# Words that are never hidden on their own: name particles ("van", "bin") and the words people use
# for someone they cannot name ("Worker A", "Unnamed witness"), which are the report's own words too.
COMMON_WORDS = frozenset({
    "al", "ap", "bin", "binti", "da", "das", "de", "del", "della", "den", "der", "di", "do", "dos", "du", "el",
    "la", "le", "mac", "mc", "ten", "ter", "van", "von", "y", "zu", "the", "and", "of", "in",
    "worker", "workers", "family", "member", "informant", "witness", "person", "unnamed", "unknown",
    "anonymous", "mr", "mrs", "ms", "dr", "werknemer", "getuige", "familielid", "onbekend",
})
MIN_TERM = 2  # a one-letter "name" would black out every "a"
MIN_PART = 3  # a shorter part of a name is too common a string to hide everywhere
MIN_DETAIL = 4  # contact details and document numbers shorter than this are not identifying
MIN_DIGITS = 6  # a number with this many digits is matched however it is spaced
INFLECTION = 3  # letters a language may add to a name ("Петров" -> "Петрова")
VOWELS = frozenset("aeiouyаеёиоуыэюяьй")
DETAIL_SPLIT = re.compile(r"[,;\n]+")
WORD = re.compile(r"\w+")
# Characters that change nothing a reader sees: soft hyphen, zero-width spaces and joiners, the combining
# grapheme joiner, BOM.
INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff\u034f")
# Letters with a stroke or ligatures, which are letters of their own rather than a letter and an accent,
# as people write them without the stroke ("Lukasz" for Łukasz, "Soren Orsted" for Søren Ørsted).
PLAIN_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŀ": "l", "ŧ": "t", "æ": "ae", "œ": "oe",
                               "þ": "th", "ð": "d", "_": " "})  # and an underscore as the space it stands for


@dataclass(frozen=True)
class PersonTerms:
    """What identifies one person: the only input redaction needs."""

    id: int
    role: str
    name: str
    aliases: tuple[str, ...] = ()
    contact: str = ""
    document_numbers: str = ""
    code: str | None = None  # given when codes are numbered per case (pages), else numbered in the order met


@dataclass(frozen=True)
class Segment:
    """A piece of text: shown as is when `code` is None, else replaced by the code."""

    text: str
    code: str | None = None


# Scripts that write words without spaces between them, or glue particles on: a name is found anywhere.
CLOSED_SCRIPTS = ("HANGUL", "CJK", "HIRAGANA", "KATAKANA", "THAI", "KHMER", "LAO", "MYANMAR")
# One-letter words that Arabic and Hebrew write joined to the next word ("and", "to", "with", "the"...):
# a name may follow them inside one written word (لأحمد, وأحمد, ולמשה).
JOINED_PREFIXES = "وفبلكس" + "והבכלמש"


def _is_closed_script(char: str) -> bool:
    """Scripts without spaces between words (CJK, Thai, Khmer, Lao, Burmese) or with glued particles (Hangul)."""
    name = unicodedata.name(char, "")
    return name.startswith(CLOSED_SCRIPTS)


def _is_hangul(char: str) -> bool:
    return unicodedata.name(char, "").startswith("HANGUL")


def _takes_endings(char: str) -> bool:
    """Armenian and Georgian: even a short name takes an article or a case ending (Անին, ნინოს)."""
    return unicodedata.name(char, "").startswith(("ARMENIAN", "GEORGIAN"))


def _takes_prefixes(char: str) -> bool:
    """Arabic and Hebrew letters: a name may come with a one-letter word joined before it."""
    return unicodedata.name(char, "").startswith(("ARABIC", "HEBREW"))


def fold(text: str) -> tuple[str, list[int] | None]:
    """The text as matching sees it — lower case, no accents, no invisible characters — and, for each
    of its characters, the index of the character of `text` it comes from (None: the same index)."""
    if text.isascii():
        return text.lower().replace("_", " "), None
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in INVISIBLE or unicodedata.combining(char):
            continue
        if ord(char) > 127:
            if char.isdigit():
                char = str(unicodedata.digit(char, 0))  # "٨٣٦" (Arabic-Indic) and "８３６" are 836
            elif not _is_hangul(char):
                # Compatibility forms as the letters they stand for ("Ｋｉｍ" -> "Kim", "ﬁ" -> "fi"), accents
                # dropped ("é" -> "e"); a Hangul syllable stays whole (its jamo are letters, not marks).
                base = "".join(p for p in unicodedata.normalize("NFKD", char) if not unicodedata.combining(p))
                char = base or char
        for piece in char.casefold().replace("ı", "i").translate(PLAIN_LETTERS):  # Turkish: YILMAZ is Yılmaz
            out.append(piece)
            origin.append(index)
    return "".join(out), origin


def folded(text: str) -> str:
    return fold(text)[0]


def _words(term: str) -> list[str]:
    return [w for w in re.split(r"[\s,()]+", term) if w]


def _name_terms(person: PersonTerms) -> tuple[list[str], list[str]]:
    """Whole names and aliases, and the parts of them that are names ("Petrov", "Chol-ho", "Chol")."""
    terms = [t.strip() for t in (person.name, *person.aliases) if t and len(folded(t.strip())) >= MIN_TERM]
    parts = []
    for term in terms:
        # A part is a name when written as one ("Petrov", "김정은"), or when the whole entry was typed in
        # lower case ("maria lopez"); the lower-case words of a descriptive entry ("Contractor quoted
        # in the report") are not hidden one by one.
        lower_case_entry = not any(c.isupper() for c in term)
        pieces = _words(term)  # "Sun-hui" whole ...
        pieces += [p for piece in pieces for p in re.split(r"[\-‐'’.]+", piece)]  # ... and "Sun" alone
        for part in pieces:
            key = folded(part)
            if not key or key in COMMON_WORDS:
                continue
            written_as_name = lower_case_entry or part[0].isupper() or _is_closed_script(part[0])
            if written_as_name and (len(key) >= MIN_PART or _is_closed_script(part[0])):
                parts.append(part)
            if _is_hangul(part[0]) and len(part) >= 3:
                parts.append(part[1:])  # a Korean given name without the family name: 김철수 -> 철수
    return terms, parts


def _detail_terms(person: PersonTerms) -> list[str]:
    details = []
    for field in (person.contact, person.document_numbers):
        for piece in DETAIL_SPLIT.split(field or ""):
            piece = piece.strip()
            # "Phone: +7 900 123" -> also "+7 900 123", the part a document would quote
            value = piece.split(":", 1)[1].strip() if ":" in piece else piece
            details.extend(p for p in {piece, value} if len(p) >= MIN_DETAIL)
            # "Passport AB836401" -> also "AB836401", which a text may give without the word
            details.extend(token for token in piece.split()
                           if len(token) >= MIN_DETAIL + 1 and sum(c.isdigit() for c in token) >= MIN_DETAIL)
    return details


def _digits(term: str) -> str:
    return "".join(c for c in term if c.isdigit())


def _stem(word: str) -> str | None:
    """A name that declines by changing its last vowel: Смирнова -> Смирнов(ой), Анна -> Анн(у)."""
    cyrillic = "CYRILLIC" in unicodedata.name(word[0], "")
    long_enough = len(word) >= 4 or (cyrillic and len(word) == 3)  # Оля -> Оли, Олей
    if long_enough and word[-1] in VOWELS and word[-2].isalpha() and not _is_closed_script(word[0]):
        return word[:-1]
    return None


def _pattern(term: str, is_name: bool) -> str:
    """A regular expression for a folded term, on folded text."""
    words = [re.escape(w) for w in term.split()]
    last = term[-1]
    if is_name and len(words) == 1 and _stem(term):
        words[-1] = re.escape(_stem(term)) + r"\w{0,4}"  # the changed ending, or none (Wiśniewskiego)
    elif is_name and last.isalpha() and (len(term) >= 4 or _takes_endings(last)) and not _is_closed_script(last):
        words[-1] += rf"\w{{0,{INFLECTION}}}"
    body = r"\s+".join(words)
    if term[0].isalnum() and _takes_prefixes(term[0]):
        body = rf"(?:(?<!\w)|(?<=[{JOINED_PREFIXES}]))" + body  # ولأحمد: "and to Ahmad"
    elif term[0].isalnum() and not _is_closed_script(term[0]):
        body = r"(?<!\w)" + body
    if last.isalnum() and not _is_closed_script(last):
        body += r"(?!\w)"
    return body  # Hangul and CJK: particles attach directly (김정은은), so no boundaries


def _other_spellings(digits: str) -> set[str]:
    """The digits of a phone number as it is also written: recorded with its country code, without it
    ("8 914 555 12 34") or with the trunk prefix instead, run together ("0812345678" for +66 81 234 5678);
    recorded with a trunk 0, without it (as after a country code)."""
    if len(digits) > 10:
        nationals = {digits[-10:], digits[-9:]}
        return nationals | {trunk + national for national in nationals for trunk in "08"}
    if len(digits) >= MIN_DIGITS + 3 and digits.startswith("0"):
        return {digits[1:]}
    return set()


NUMBER_GAP = r"[\s().,\-/‐‑‒–—]*"


def _digit_pattern(digits: str) -> str:
    # Up to four digits before it are a prefix written with the number (a trunk 0 or 8, 00 and a country
    # code, a mobile's first digits), hidden with it; more are another number that merely contains it.
    return r"(?<!\d)(?:\d" + NUMBER_GAP + r"){0,4}" + NUMBER_GAP.join(digits) + r"(?!\d)"


def _first_word(term: str) -> str:
    match = WORD.search(term)
    return match.group(0) if match else term


class Redactor:
    """Codes people and hides them in text. One Redactor serves a whole dossier, so codes stay stable."""

    def __init__(self, people: Iterable[PersonTerms] = ()) -> None:
        self._codes: dict[int, str] = {}
        self._roles: dict[int, str] = {}
        self._counts: dict[str, int] = {}
        # (folded term, code, is a name); numbers apart, by their digits
        self._terms: list[tuple[str, str, bool]] = []
        self._numbers: dict[str, str] = {}
        self._numbers_by_head: dict[str, list[str]] | None = None
        self._compiled = False
        self._groups: dict[str, list[tuple[str, bool]]] = {}
        self._patterns: dict[str, re.Pattern[str]] = {}
        self._offsets: dict[str, set[int]] = {}
        self._anywhere: set[str] = set()
        self._by_term: dict[str, str] = {}
        self._by_name: dict[tuple[str, str], str] = {}
        self._listed: set[int] = set()
        self.add(people)

    def add(self, people: Iterable[PersonTerms], listed: bool = True) -> None:
        """Give new people their codes, in the order met; people already coded keep theirs.

        `listed=False`: people hidden wherever they turn up but left out of the legend (the organisation's
        people of other cases, in a dossier: the legend names only the dossier's own)."""
        for person in people:
            if person.id in self._codes:
                continue
            if listed:
                self._listed.add(person.id)
            names, parts = _name_terms(person)
            # The same real name in another case of a dossier is the same person, with the same code;
            # "Worker A" in two cases is not.
            identity = (" ".join(folded(person.name).split()), person.role)
            same = self._by_name.get(identity) if parts and person.code is None else None
            if same is not None:
                self._codes[person.id] = same
                self._roles[person.id] = person.role
                continue
            if person.code is not None:
                code = person.code
            else:
                prefix = PREFIXES.get(person.role, "P")
                self._counts[prefix] = self._counts.get(prefix, 0) + 1
                code = f"{prefix}-{self._counts[prefix]}"
            self._codes[person.id] = code
            self._roles[person.id] = person.role
            if parts:
                self._by_name[identity] = code
            self._terms.extend((folded(term), code, True) for term in names + parts)
            for detail in _detail_terms(person):
                self._terms.append((folded(detail), code, False))
                digits = _digits(detail)
                if len(digits) >= MIN_DIGITS:
                    self._numbers.setdefault(digits, code)
                for national in _other_spellings(digits):
                    self._numbers.setdefault(national, code)
                    self._numbers_by_head = None
            self._compiled = False

    def _compile(self) -> None:
        """Index the terms by their first word; patterns are built per word, from the terms it starts.

        One alternation of every term of a 200-case dossier is thousands of branches, tried at
        every position of every printed value. Most values hold no term at all, and the rest
        one or two people: a set lookup of their words picks the few patterns worth trying.
        """
        self._by_term, self._groups, self._patterns, self._offsets = {}, {}, {}, {}
        for term, code, is_name in self._terms:
            term = " ".join(term.split())
            if not term or term in self._by_term:
                continue
            self._by_term[term] = code
            first = _first_word(term)
            self._groups.setdefault(first, []).append((term, is_name))
            self._offsets.setdefault(first, set()).add(term.find(first))  # "+7 914": the term starts before "7"
            stem = _stem(first) if is_name and " " not in term else None
            if stem:
                self._groups.setdefault(stem, []).append((term, is_name))
                self._offsets.setdefault(stem, set()).add(term.find(first))
        # Hangul and CJK names match inside longer runs of letters ("김정은으로부터"): look for them anywhere.
        self._anywhere = {w for w in self._groups if w and _is_closed_script(w[0])}
        self._compiled = True

    def code_of(self, person_id: int) -> str:
        return self._codes[person_id]

    @property
    def legend(self) -> list[tuple[str, str]]:
        """(code, role) for every listed person coded so far, once each, in the order met."""
        return list(dict.fromkeys((code, self._roles[pid]) for pid, code in self._codes.items()
                                  if pid in self._listed))

    def _candidates(self, text: str) -> set[str]:
        found = {word for word in self._anywhere if word in text}
        words = WORD.findall(text)
        # Arabic and Hebrew: a name behind one to three joined one-letter words (ولأحمد, ולמשה).
        words += [word[cut:] for word in words if word and _takes_prefixes(word[0])
                  for cut in range(1, min(3, len(word) - 2) + 1) if all(c in JOINED_PREFIXES for c in word[:cut])]
        for word in words:
            # A term's first word, possibly inflected or followed by a particle: "петрова", "김정은은".
            for cut in range(min(INFLECTION, len(word) - 1) + 1):
                if word[:len(word) - cut] in self._groups:
                    found.add(word[:len(word) - cut])
        return found

    def _pattern_for(self, word: str) -> re.Pattern[str]:
        """The terms that start with this word, longest first ("kim chol-su" before "kim")."""
        pattern = self._patterns.get(word)
        if pattern is None:
            terms = sorted(self._groups[word], key=lambda t: len(t[0]), reverse=True)
            pattern = re.compile("|".join(f"(?:{_pattern(term, is_name)})" for term, is_name in terms))
            self._patterns[word] = pattern
        return pattern

    def _spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, code) of every term found in the folded text; the longest where two overlap."""
        found = []
        for word in self._candidates(text):
            pattern, offsets = self._pattern_for(word), self._offsets[word]
            # Try the word's terms only where the word occurs (a scan of the whole text per word would
            # grow with the number of people who share it).
            index = text.find(word)
            while index != -1:
                for offset in offsets:
                    match = pattern.match(text, index - offset) if index >= offset else None
                    if match and match.end() > match.start():
                        found.append((match.start(), match.end(), self._code_for(match.group(0))))
                index = text.find(word, index + 1)
        if self._numbers and any(c.isdigit() for c in text):
            only_digits = "".join(c for c in text if c.isdigit())
            for digits in self._numbers_in(only_digits):
                for match in re.finditer(_digit_pattern(digits), text):
                    found.append((match.start(), match.end(), self._numbers[digits]))
        found.sort(key=lambda span: (span[0], span[0] - span[1]))
        chosen: list[tuple[int, int, str]] = []
        for start, end, code in found:
            if chosen and start < chosen[-1][1]:
                if end > chosen[-1][1]:
                    chosen[-1] = (chosen[-1][0], end, chosen[-1][2])  # overlapping terms: hide the union
                continue
            chosen.append((start, end, code))
        return chosen

    def _numbers_in(self, only_digits: str) -> set[str]:
        """The known numbers among the text's digits: looked up by their first digits at each position,
        so the time grows with the text, not with the number of people."""
        if self._numbers_by_head is None:
            self._numbers_by_head = {}
            for digits in self._numbers:
                self._numbers_by_head.setdefault(digits[:MIN_DIGITS], []).append(digits)
        found = set()
        for index in range(len(only_digits) - MIN_DIGITS + 1):
            for digits in self._numbers_by_head.get(only_digits[index:index + MIN_DIGITS], ()):
                if only_digits.startswith(digits, index):
                    found.add(digits)
        return found

    def _code_for(self, matched: str) -> str:
        key = " ".join(matched.split())
        if key in self._by_term:
            return self._by_term[key]
        # An inflected or respaced form: the longest term whose stem it starts with.
        best = max((t for t in self._by_term if key.startswith(t) or key.startswith(_stem(t) or t)), key=len,
                   default=None)
        return self._by_term[best] if best else "?"

    def segments(self, text: str) -> list[Segment]:
        """The text cut into plain pieces and redactions; the pieces are the original characters."""
        if not text:
            return []
        if not self._compiled:
            self._compile()
        if not self._groups and not self._numbers:
            return [Segment(text)]
        matchable, origin = fold(text)
        spans = self._spans(matchable)
        if not spans:
            return [Segment(text)]
        pieces: list[Segment] = []
        last = 0
        for start, end, code in spans:
            if origin is not None:
                start, end = origin[start], origin[end - 1] + 1
                # Marks and invisible characters after the last letter belong to the name too.
                while end < len(text) and (text[end] in INVISIBLE or unicodedata.combining(text[end])):
                    end += 1
            if start < last:
                start = last
            if start > last:
                pieces.append(Segment(text[last:start]))
            if end > start:
                pieces.append(Segment(text[start:end], code))
                last = end
        if last < len(text):
            pieces.append(Segment(text[last:]))
        return pieces

    def hidden_spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, code) in the text of everything hidden: for a text shown cut into pieces (quotes
        marked in a source), so a name cut across two pieces is still hidden whole."""
        spans, position = [], 0
        for segment in self.segments(text):
            if segment.code:
                spans.append((position, position + len(segment.text), segment.code))
            position += len(segment.text)
        return spans

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


class NoRedaction(Redactor):
    """The `internal` profile: everything is shown."""

    def segments(self, text: str) -> list[Segment]:
        return [Segment(text)] if text else []

    def redact(self, text: str) -> str:
        return text
