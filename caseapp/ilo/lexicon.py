"""Cues written from what each ILO indicator means, matched on lemmas, clause by clause. Plain Python.

The cue lists in cues.py are regular expressions over word forms. These are families of words
from the indicators' own descriptions (the ILO's, REFERENCE.md §2 and §5) and how each is reported in
practice, per language (data/lexicon/<lang>.json, written by people who never read this engine; see
bench/corpus/lexicon/README.md). A sentence is read as the lemmas of its words (simplemma, through
text.lemma), so inflection and word order do not hide a cue:

- a cue is one to three groups of alternatives; it matches a clause when every group has an
  alternative in it, in any order ("paspoort" + "inhouden" in "hun paspoorten worden ingehouden");
  an alternative is a lemma, a sequence of lemmas, or a prefix ending in "*" (German compounds);
- a negation word of the language up to four words before the cue, or among its words (verb last:
  "paspoorten niet ingehouden"), in its clause, turns it around;
- a refuter ("they kept their own passports", "wages paid on time") anywhere in the sentence
  cancels its indicator for that sentence.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product
from pathlib import Path

from caseapp.ilo.text import lemma

LEXICON_DIR = Path(__file__).with_name("data") / "lexicon"
NEGATION_REACH = 4
CHOICES = 8  # positions of a group's words looked at in one clause
# Words are read up to 40 letters (longer runs are cut into pieces): a hostile endless word costs no more
# than prose, and no cue is longer.
_TOKEN = re.compile(r"[^\W\d_]{1,40}(?:['’][^\W\d_]{1,40})?|\d{1,12}|[,;:–—()]", re.UNICODE)
PREFIX_MAX = 24  # prefix cues ("verblijfsvergunning*") are matched on a lemma's first 4 to 24 letters
_CLAUSE_MARKS = frozenset(",;:–—()")
_CONJUNCTIONS = frozenset({"but", "however", "maar", "mais", "pero", "aber", "mas", "ma", "ale", "но"})


@dataclass(frozen=True)
class Alternative:
    kind: str  # "lemma", "sequence" or "prefix"
    value: str | tuple[str, ...]


Cue = tuple[tuple[Alternative, ...], ...]  # groups of alternatives


def _key(alternative: Alternative) -> str:
    """What a clause must hold for the alternative to be there: looked up in a set before anything else.
    A sequence is keyed by its longest word ("sea" for "at sea"): "at" would open it in every clause."""
    if alternative.kind == "prefix":
        return "*" + alternative.value
    return alternative.value if alternative.kind == "lemma" else alternative.value[_anchor(alternative.value)]


@lru_cache(maxsize=None)
def _anchor(sequence: tuple[str, ...]) -> int:
    return max(range(len(sequence)), key=lambda i: (len(sequence[i]) if sequence[i] != "<num>" else 0, -i))


@dataclass(frozen=True)
class Lexicon:
    negations: frozenset[str]
    cues: dict[str, tuple[_Compiled, ...]]
    refuters: dict[str, tuple[_Compiled, ...]]


@dataclass(frozen=True, eq=False)
class _Compiled:
    """A cue with, per group, the keys one of which a clause must hold (compiled once, when loaded)."""

    groups: Cue
    keys: tuple[frozenset[str], ...]
    by_key: tuple[dict[str, tuple[Alternative, ...]], ...]  # per group: key -> its alternatives


def _compile(cue: Cue) -> _Compiled:
    by_key = []
    for group in cue:
        table: dict[str, list[Alternative]] = {}
        for alternative in group:
            table.setdefault(_key(alternative), []).append(alternative)
        by_key.append({key: tuple(values) for key, values in table.items()})
    return _Compiled(cue, tuple(frozenset(table) for table in by_key), tuple(by_key))


def _alternative(text: str) -> Alternative:
    text = text.strip().lower()
    if text.endswith("*") and len(text) > 4:
        return Alternative("prefix", text[:-1])
    if " " in text:
        return Alternative("sequence", tuple(text.split()))
    return Alternative("lemma", text)


def _cues(raw) -> tuple[_Compiled, ...]:
    cues = []
    for cue in raw or ():
        groups = tuple(tuple(_alternative(a) for a in group if isinstance(a, str) and a.strip())
                       for group in cue if isinstance(group, list))
        if groups and all(groups):
            cues.append(_compile(groups))
    return tuple(cues)


def parse(data: dict) -> Lexicon:
    indicators = data.get("indicators") or {}
    return Lexicon(frozenset(w.lower() for w in data.get("negations") or ()),
                   {key: _cues(value.get("cues")) for key, value in indicators.items()},
                   {key: _cues(value.get("refuters")) for key, value in indicators.items()})


@lru_cache(maxsize=16)
def load(language: str) -> Lexicon | None:
    path = LEXICON_DIR / f"{language}.json"
    if not path.exists():
        return None
    return parse(json.loads(path.read_text(encoding="utf-8")))


@dataclass
class _Clause:
    lemmas: list[str]
    words: list[str]
    spans: list[tuple[int, int]]  # each word's offsets in the sentence
    # the language's prefix cues by their first four letters (from _index): which prefixes a lemma may open
    prefixes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    index: dict[str, list[int]] | None = None  # lemma -> its positions, built once per clause
    present: set[str] | None = None  # its lemmas and the prefix cues they start with ("*" + the prefix)

    def holds(self, keys: tuple[frozenset[str], ...]) -> bool:
        """Every group may be here: a set lookup per group, before positions are looked for."""
        if self.present is None:
            # Only the prefixes some cue names can matter: one lookup per lemma, not one set entry per length.
            self.present = set(self.lemmas)
            table = self.prefixes
            for value in self.lemmas:
                for prefix in table.get(value[:4], ()):
                    if value.startswith(prefix):
                        self.present.add("*" + prefix)
        present = self.present
        for group in keys:
            if group.isdisjoint(present):
                return False
        return True

    def positions(self, alternative: Alternative) -> list[int]:
        if self.index is None:
            self.index = {}
            for i, value in enumerate(self.lemmas):
                self.index.setdefault(value, []).append(i)
        if alternative.kind == "lemma":
            return self.index.get(alternative.value, [])
        if alternative.kind == "prefix":
            return [i for i, value in enumerate(self.lemmas) if value.startswith(alternative.value)]
        size, anchor = len(alternative.value), _anchor(alternative.value)
        return [i - anchor for i in self.index.get(alternative.value[anchor], [])
                if i >= anchor and tuple(self.lemmas[i - anchor:i - anchor + size]) == alternative.value]


def clauses(sentence: str, language: str, prefixes: dict[str, tuple[str, ...]] | None = None) -> list[_Clause]:
    prefixes = prefixes if prefixes is not None else _index(language)[1]
    found, current = [], _Clause([], [], [], prefixes)
    for match in _TOKEN.finditer(sentence):
        word = match.group().lower()
        if word in _CLAUSE_MARKS or word in _CONJUNCTIONS:
            if current.words:
                found.append(current)
            current = _Clause([], [], [], prefixes)
            continue
        current.words.append(word)
        current.lemmas.append("<num>" if word.isdigit() else lemma(word, language))
        current.spans.append(match.span())
    if current.words:
        found.append(current)
    return found


def _match(cue: _Compiled, clause: _Clause) -> list[int] | None:
    """A different word for each group, the closest such choice (its quote is then the shortest), or None.
    One word may not stand for two groups: "cerca" ("about") is not both "fence" and "fenced"."""
    if not clause.holds(cue.keys):
        return None
    groups = []
    present = clause.present
    for keys, table in zip(cue.keys, cue.by_key, strict=True):
        # Only the alternatives whose key the clause holds are looked for (a group may list dozens).
        positions = sorted({p for key in keys & present for alternative in table[key]
                            for p in clause.positions(alternative)})
        if not positions:
            return None
        groups.append(positions[:CHOICES])  # a clause repeating a word a thousand times is read as eight
    if len(groups) == 1:
        return [groups[0][0]]
    best = None
    for choice in product(*groups):
        if len(set(choice)) < len(choice):
            continue
        width = max(choice) - min(choice)
        if best is None or width < best[0]:
            best = (width, list(choice))
    return best[1] if best else None


def _negated(clause: _Clause, positions: list[int], negations: frozenset[str]) -> bool:
    """A negation shortly before the cue or among its words: "did not take the passports", and, with the
    verb last, "hun paspoorten niet ingehouden"."""
    first, last = min(positions), max(positions)
    return any((word in negations or word.endswith("n't")) and index not in positions  # a cue may hold one
               for index, word in enumerate(clause.words[:last]) if index >= first - NEGATION_REACH)


@lru_cache(maxsize=16)
def _index(language: str) -> tuple[dict[str, list[tuple[str, bool, int, _Compiled]]], dict[str, tuple[str, ...]]]:
    """Each key of a cue's first group -> the cues it may start (indicator, refuter?, order, cue): a clause
    is then tried only against the cues one of its lemmas can open, not against every cue of the language.
    And the language's prefix cues by their first four letters (a clause looks up only those)."""
    lexicon = load(language)
    index: dict[str, list[tuple[str, bool, int, _Compiled]]] = {}
    prefixes: dict[str, set[str]] = {}
    if lexicon is None:
        return index, {}
    for refuter, table in ((True, lexicon.refuters), (False, lexicon.cues)):
        for indicator, cues in table.items():
            for order, cue in enumerate(cues):
                for key in cue.keys[0]:
                    index.setdefault(key, []).append((indicator, refuter, order, cue))
                for group in cue.groups:
                    for alternative in group:
                        if alternative.kind == "prefix" and 4 <= len(alternative.value) <= PREFIX_MAX:
                            prefixes.setdefault(alternative.value[:4], set()).add(alternative.value)
    return index, {first: tuple(sorted(values)) for first, values in prefixes.items()}


def _candidates(clause: _Clause, index) -> list[tuple[str, bool, int, _Compiled]]:
    clause.holds(())  # builds the clause's lemmas and prefixes
    seen: dict[int, tuple[str, bool, int, _Compiled]] = {}
    for key in clause.present:
        for entry in index.get(key, ()):
            seen.setdefault(id(entry[3]), entry)
    return sorted(seen.values(), key=lambda entry: entry[2])  # a language's own order of cues


def matches(sentence: str, language: str) -> tuple[dict[str, tuple[int, int]], set[str]]:
    """({indicator: (start, end) of the cue's words in the sentence}, {indicators refuted in it})."""
    lexicon = load(language)
    if lexicon is None:
        return {}, set()
    index, prefixes = _index(language)
    parts = [(clause, _candidates(clause, index)) for clause in clauses(sentence, language, prefixes)]
    refuted = {indicator for clause, candidates in parts for indicator, refuter, _, cue in candidates
               if refuter and _match(cue, clause) is not None}
    found: dict[str, tuple[int, int]] = {}
    for clause, candidates in parts:
        for indicator, refuter, _, cue in candidates:
            if refuter or indicator in refuted or indicator in found:
                continue
            positions = _match(cue, clause)
            if positions is not None and not _negated(clause, positions, lexicon.negations):
                found[indicator] = (clause.spans[min(positions)][0], clause.spans[max(positions)][1])
    return found, refuted
