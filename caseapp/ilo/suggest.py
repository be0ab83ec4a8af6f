"""Read a text and propose ILO indicators and case facts, each with its exact passage and its cue.

Nothing is decided here: these are proposals for a person to accept or dismiss.
Every quote is text[start:end] of the text given. Plain Python.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from caseapp.ilo import hours
from caseapp.ilo.catalogue import IDS
from caseapp.ilo.cues import CUES, NEGATIONS, NEGATIVES, REPORTED
from caseapp.ilo.text import LANGUAGES, detect_language, sentence_spans

OVERTIME_HOURS = 11  # a working day longer than this, or no rest day, is excessive overtime
_WORD = re.compile(r"[\w'’]+")


@dataclass(frozen=True)
class Suggestion:
    indicator: str
    start: int
    end: int
    quote: str
    cue: str
    confidence: float


@dataclass(frozen=True)
class Analysis:
    language: str
    suggestions: tuple[Suggestion, ...]
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"language": self.language,
                "suggestions": [{"indicator": s.indicator, "start": s.start, "end": s.end, "quote": s.quote,
                                 "cue": s.cue, "confidence": s.confidence} for s in self.suggestions],
                "facts": self.facts}


@lru_cache(maxsize=1)
def _compiled():
    # One alternation per indicator: a single search per sentence finds its first cue.
    # Patterns and text are both lower-cased (see suggest): a case-sensitive search is much quicker.
    cues = {key: re.compile("|".join(f"(?:{p.lower()})" for p in patterns)) for key, patterns in CUES.items()}
    negatives = {key: re.compile("|".join(patterns), re.I) for key, patterns in NEGATIVES.items()}
    return cues, negatives, re.compile(REPORTED, re.I)


def _negated(sentence: str, cue_start: int) -> bool:
    """A negation word among the few words before the cue, in the same clause."""
    before = re.split(r"[,;:–—]| but | maar | mais | pero | aber | mas | ma | ale | но ", sentence[:cue_start])[-1]
    words = [w.lower() for w in _WORD.findall(before)][-5:]
    return any(w in NEGATIONS or w.endswith("n't") for w in words)


def _confidence(sentence: str, reported) -> float:
    return 0.6 if reported.search(sentence) else 0.8


def suggest(text: str, language: str | None = None) -> Analysis:
    """Proposals for the indicators and facts this text gives evidence for."""
    language = language if language in LANGUAGES else detect_language(text)
    cues, negatives, reported = _compiled()
    spans = sentence_spans(text)
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters grow when lower-cased; keep offsets exact
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    found: list[Suggestion] = []
    for start, end in spans:
        sentence, folded = text[start:end], lowered[start:end]
        confidence = _confidence(sentence, reported)
        for indicator in IDS:
            if indicator in negatives and negatives[indicator].search(sentence):
                continue
            for match in cues[indicator].finditer(folded):
                if not _negated(sentence, match.start()):
                    cue = sentence[match.start():match.end()]
                    found.append(Suggestion(indicator, start, end, sentence, cue, confidence))
                    break
    day, rest = hours.daily_hours(text), hours.rest_days_per_month(text)
    found += _overtime(text, spans, day, rest, reported)
    unique = {(s.indicator, s.start): s for s in found}
    ordered = sorted(unique.values(), key=lambda s: (s.start, IDS.index(s.indicator)))
    return Analysis(language, tuple(ordered), facts(text, spans, day, rest))


def _overtime(text: str, spans, day, rest, reported) -> list[Suggestion]:
    """Working days longer than OVERTIME_HOURS, or no rest day: excessive overtime, from the numbers."""
    long_days = [f for f in day if f.value >= OVERTIME_HOURS]
    no_rest = [f for f in rest if f.value == 0]
    found = []
    for proof in long_days + no_rest:
        start, end = _sentence_of(spans, proof.start, len(text))
        sentence = text[start:end]
        found.append(Suggestion("excessive_overtime", start, end, sentence, text[proof.start:proof.end],
                                min(0.9, _confidence(sentence, reported) + 0.1)))
    return found


# --- facts -------------------------------------------------------------------------------------

_HOLDERS = [
    ("guard", r"\b(?:guards?|minders?|bewakers?|gardes?|guardias?|wachleute|vigias?|guardie|strażnik\w*|охранник\w*|"
              r"бригадир\w*)\b"),
    ("agent", r"\b(?:agen\w*|recruit\w*|broker|bureau|bemiddel\w*|intermédiaire|vermittl\w*|pośrednik\w*|агент\w*)"),
    ("state", r"\b(?:state|staat|état|estado|stato|państw\w*|государств\w*)\b"),
    ("employer", r"\b(?:employer|company|captain|madam|boss|manager|supervisor|foreman|werkgever|chef|baas|patron|"
                 r"contremaître|empleador|encargado|capataz|arbeitgeber|vorarbeiter|chef|patrão|fazendeiro|datore|"
                 r"caporale|pracodawc\w*|brygadzist\w*|szef\w*|работодател\w*|капитан\w*)\b"),
]
_WAGE_TO = re.compile(r"(?:wages?|salar\w*|lonen|loon|pay|salaires?|sueldos?|lohn|löhne|pensj\w*|зарплат\w*)"
                      r"[^.]{0,80}", re.I)
_DOCS = re.compile(r"(?:passports?|paspoort\w*|passeports?|pasaportes?|pässe|pass\b|passaport\w*|paszport\w*|"
                   r"паспорт\w*|seaman books)[^.]{0,80}", re.I)
_HOUSING = [("barracks", r"\bbarrack\w*|\bbarak\w*|\bbaraque\w*|\bbarrac\w*|\bbaracch\w*|\bbarak\w*|\bбарак\w*"),
            ("dormitory", r"\bdormitor\w*|\bslaapzaal|\bwohnheim\w*|\bdormitór\w*|\bобщежити\w*"),
            ("on_site", r"\bon (?:the )?site\b|\bon board\b|\bangar\w*|\bангар\w*|\bcontainer\w*|\bconteneur\w*|"
                        r"\bentre las máquinas|\bgrow house"),
            ("employer_house", r"\blive-in\b|\bin (?:the|her|his) (?:employer'?s? )?(?:home|house)\b|\bgastgezin|"
                               r"\bbuanderie")]
_COUNT = re.compile(r"\b(at least|about|some|around|nearly|more than|minstens|ongeveer|au moins|environ|al menos|"
                    r"unos|mindestens|etwa|pelo menos|cerca de|almeno|circa|co najmniej|około|не менее|около)?\s*"
                    r"(\d{1,3}(?:[.,\s]\d{3})+|\d+)\s+(?:\w+\s+){0,2}?(?:workers?|migrants?|men|women|deckhands|"
                    r"fishers|labourers|crew|arbeiders|werknemers|arbeidsmigranten|travailleurs|ouvriers|saisonniers|"
                    r"trabajadores|costureros|obreros|arbeiter\w*|trabalhadores|lavoratori|braccianti|pracownik\w*|"
                    r"robotnik\w*|рабочи\w*|мигрант\w*)", re.I)
_QUALIFIERS = {"at least": "at_least", "minstens": "at_least", "au moins": "at_least", "al menos": "at_least",
               "mindestens": "at_least", "pelo menos": "at_least", "almeno": "at_least", "co najmniej": "at_least",
               "не менее": "at_least", "more than": "at_least"}


def _sentence_of(spans, position: int, length: int) -> tuple[int, int]:
    for start, end in spans:
        if start <= position < end:
            return start, end
    return 0, length


def facts(text: str, spans=None, day=None, rest=None) -> dict[str, dict[str, Any]]:
    """The case facts the text states: daily hours, rest days, who gets the wages and the documents..."""
    spans = spans if spans is not None else sentence_spans(text)
    day = day if day is not None else hours.daily_hours(text)
    rest = rest if rest is not None else hours.rest_days_per_month(text)

    def _fact(text: str, value: Any, position: int) -> dict[str, Any]:
        start, end = _sentence_of(spans, position, len(text))
        return {"value": value, "start": start, "end": end, "quote": text[start:end]}

    found: dict[str, dict[str, Any]] = {}
    if day:
        found["daily_hours"] = _fact(text, max(day, key=lambda f: f.value).value, day[0].start)
    if rest:
        found["rest_days_per_month"] = _fact(text, rest[0].value, rest[0].start)
    for key, pattern in (("wage_recipient", _WAGE_TO), ("document_holder", _DOCS)):
        for match in pattern.finditer(text):
            # Who holds them is named in the same sentence, before or after the word.
            start, end = _sentence_of(spans, match.start(), len(text))
            holder = next((name for name, rx in _HOLDERS if re.search(rx, text[start:end], re.I)), None)
            if holder:
                found[key] = _fact(text, holder, match.start())
                break
    for value, rx in _HOUSING:
        match = re.search(rx, text, re.I)
        if match:
            found["housing_type"] = _fact(text, value, match.start())
            break
    count = _COUNT.search(text)
    if count:
        number = int(re.sub(r"[.,\s]", "", count.group(2)))
        qualifier = _QUALIFIERS.get((count.group(1) or "").lower(), "about" if count.group(1) else "exact")
        found["workers_count"] = _fact(text, {"min": number, "max": None if qualifier != "exact" else number,
                                              "qualifier": qualifier}, count.start())
    return found
