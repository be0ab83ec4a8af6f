"""Read a text and propose ILO indicators and case facts, each with its exact passage and its cue.

Nothing is decided here: these are proposals for a person to accept or dismiss.
Every quote is text[start:end] of the text given. Plain Python.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from caseapp.ilo import assertion, frames, hours, lexicon, model
from caseapp.ilo.catalogue import IDS
from caseapp.ilo.cues import CUES, NEGATIONS, NEGATIVES, REPORTED
from caseapp.ilo.patterns import folded
from caseapp.ilo.text import LANGUAGES, detect_language, fold, sentence_spans

OVERTIME_HOURS = 11  # a working day longer than this, or no rest day, is excessive overtime
DECENT_HOURS = 9.5  # a sentence stating a working day this long or shorter is not read as excessive overtime
# The sentence model (model.py): a cue in a sentence it scores below KEEP for the cue's indicator is dropped;
# a sentence it scores at PROPOSE or above is proposed without a cue. Chosen by four-fold cross-validation
# over the training and tuning articles (bench/ilo_train.py), never on the evaluation sets.
KEEP = 0.08
PROPOSE = 0.8
# Working days told without numbers ("from dawn to dark") are short sentences the model reads poorly;
# keeping their cues costs no precision in the cross-validation.
UNVETOED = frozenset({"excessive_overtime"})
MODEL_CONFIDENCE = 0.5  # a proposal from the model alone: below a cue's 0.6 and 0.8
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
    read_chars: int = 0  # how much of the text was read: all of it, or the first max_chars
    text_chars: int = 0

    @property
    def truncated(self) -> bool:
        return self.read_chars < self.text_chars

    def as_dict(self) -> dict[str, Any]:
        return {"language": self.language,
                "suggestions": [{"indicator": s.indicator, "start": s.start, "end": s.end, "quote": s.quote,
                                 "cue": s.cue, "confidence": s.confidence} for s in self.suggestions],
                "facts": self.facts}


@lru_cache(maxsize=1)
def _compiled():
    # One alternation per indicator: a single search per sentence finds its first cue. Every pattern
    # is matched against the text folded to lower case: much quicker than ignoring case.
    cues = {key: folded("|".join(f"(?:{p.lower()})" for p in patterns)) for key, patterns in CUES.items()}
    negatives = {key: folded("|".join(patterns)) for key, patterns in NEGATIVES.items()}
    return cues, negatives, folded(REPORTED)


# Where a clause ends: a negation before it no longer reaches the cue after it.
_CLAUSE_BREAK = re.compile(r"[,;:–—]| but | maar | mais | pero | aber | mas | ma | ale | но ")
NEGATION_REACH = 5  # a negation word among this many words before a cue turns it around
PRIVATIVE = frozenset({"without", "zonder", "sans", "sin", "ohne", "sem", "senza", "bez", "без"})


class _Clauses:
    """One sentence's clause breaks and negation words, found once, asked about every cue in it.

    Asking "is the cue at this position negated?" is then a binary search, so a
    sentence with thousands of cues (a hostile text repeating one) stays linear.
    """

    def __init__(self, sentence: str) -> None:
        self.breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence)]
        words = [(m.start(), m.group().lower()) for m in _WORD.finditer(sentence)]
        self.word_starts = [start for start, _ in words]
        self.negating = [word in NEGATIONS or word.endswith("n't") for _, word in words]
        # Inside a cue, "without" is part of what it says ("at sea for months without entering port"):
        # only a verb's negation there turns the cue around.
        self.denying = [negating and word not in PRIVATIVE for negating, (_, word) in zip(self.negating, words,
                                                                                          strict=True)]

    def negated(self, cue_start: int, cue_end: int | None = None) -> bool:
        """A negation shortly before the cue in its clause, or inside the cue's own words: with the verb
        last, "die Pässe wurden nicht einbehalten" negates a cue that runs from "Pässe" to "einbehalten"."""
        clause_start = self.breaks[bisect_right(self.breaks, cue_start) - 1] if self.breaks and \
            self.breaks[0] <= cue_start else 0
        last = bisect_left(self.word_starts, cue_start)  # words that start before the cue
        first = max(bisect_left(self.word_starts, clause_start), last - NEGATION_REACH)
        inside = bisect_left(self.word_starts, cue_end) if cue_end is not None else last
        # A cue that begins with its own negation ("not paid", "kein Lohn") means it: only a negation after
        # the cue's first word and before its end turns it around.
        return any(self.negating[first:last]) or any(self.denying[last + 1:inside])


# What is held, for verbs that hold anything ("ingehouden", "withheld", "retenus", "einbehalten", "удерживают"):
# in a sentence about papers and not about money, they are about the papers.
_PAPERS = folded(r"passport|paspoort|passeport|pasaporte|\bpäss|reisepass|ausweis|passaport|paszport|паспорт|"
                 r"identity (?:card|document)|id cards?|documents|documenten|papieren|papiers|documentos|papeles|"
                 r"dokumente|papiere|documenti|dokument|документ|residence (?:card|permit)|work permit|"
                 r"verblijfs|titre de séjour|permiso de|aufenthalt|permesso di soggiorno|karta pobytu|\bвнж\b")
_MONEY = folded(r"wage|salar|pay|paid|loon|lonen|betaal|salaire|pay[ée]|sueldo|pago|pagad|lohn|gehalt|bezahl|"
                r"salário|pagament|stipend|paga\b|pagat|pensj|wypłat|wynagrodz|зарплат|заработ|плат|"
                r"money|geld|argent|dinero|dinheiro|soldi|pieniąd|деньг|euro|dollar|\$|€|£|rub|złot|peso|real")


def _about_papers_not_money(sentence: str) -> bool:
    return bool(_PAPERS.search(sentence)) and not _MONEY.search(sentence)


def _confidence(sentence: str, reported) -> float:
    return 0.6 if reported.search(sentence) else 0.8


def suggest(text: str, language: str | None = None, max_chars: int | None = None, use_model: bool = True
            ) -> Analysis:
    """Proposals for the indicators and facts this text gives evidence for (in its first max_chars, if given).

    use_model=False leaves the sentence model out: the cue lists alone (for measuring what the model adds).

    The time this takes grows with the length of the text read, never faster.
    """
    text_chars = len(text)
    if max_chars is not None and text_chars > max_chars:
        text = text[:max_chars]  # offsets into the start of a text are offsets into the whole text
    language = language if language in LANGUAGES else detect_language(text)
    reported = _compiled()[2]
    spans = sentence_spans(text)
    lowered = fold(text)  # the same length: every offset in it is an offset in the text
    found: list[Suggestion] = []
    allegations_refuted = assertion.refutes_allegations(lowered)
    day, rest = hours.daily_hours(lowered), hours.rest_days_per_month(lowered)
    # Working time stated by a law, a helpline's hours or a report on the sector is not these workers'.
    kinds: dict[tuple[int, int], str] = {}  # each sentence's kind, asked once

    def kind_of(start: int, end: int) -> str:
        if (start, end) not in kinds:
            kinds[(start, end)] = assertion.kind(text[start:end], lowered[start:end], allegations_refuted)
        return kinds[(start, end)]

    day = _asserted_facts(text, lowered, spans, day, kind_of)
    rest = _asserted_facts(text, lowered, spans, rest, kind_of)
    decent = _decent_sentences(spans, day, rest, len(text))
    question = None  # a question put to the workers, waiting for its answer: (start, its proposals)
    promised = frames.broken_promises([lowered[start:end] for start, end in spans])
    sentence_model = model.load() if use_model else None
    for index, (start, end) in enumerate(spans):
        sentence, lower = text[start:end], lowered[start:end]
        # A question's cues wait for its answer, which the model weighs instead (it learnt from statements)
        asks = "?" in sentence[-3:]
        here = _proposals(text, lowered, start, end, language, decent, None if asks else sentence_model,
                          promised.get(index))
        waiting, question = question, None
        if not here and not waiting and index not in promised and not asks:
            continue  # most sentences: no cue, no question, no answer awaited
        kind = kind_of(start, end)
        if kind == "question":
            question = (start, here)
            continue
        if kind != "statement":
            continue  # a heading, the field in general, a report that found nothing
        # "I: Did you keep your passport? M: The madam took it at the airport.": the answer gives the
        # question's proposals, quoted together, unless it says no.
        if waiting and not assertion.denies(lower):
            asked_at = waiting[0]
            taken_away = assertion.refuted(lower, waiting[1].keys())
            for indicator, proposal in waiting[1].items():
                current = here.get(indicator)
                if indicator in taken_away or (current is not None and current.confidence >= proposal.confidence):
                    continue  # the answer's own cue stands; a guess of the model alone gives way to the question's
                here[indicator] = Suggestion(indicator, asked_at, end, text[asked_at:end], proposal.cue,
                                             proposal.confidence)
        found.extend(here.values())
    found += _overtime(text, lowered, spans, day, rest, reported)
    unique = {(s.indicator, s.start): s for s in found}
    ordered = sorted(unique.values(), key=lambda s: (s.start, IDS.index(s.indicator)))
    return Analysis(language, tuple(ordered), facts(text, spans, day, rest, lowered), len(text), text_chars)


def _proposals(text: str, lowered: str, start: int, end: int, language: str, decent,
               sentence_model: model.SentenceModel | None = None, promise: tuple[int, int] | None = None
               ) -> dict[str, Suggestion]:
    """One sentence's proposals, one per indicator, with the cue that found each.

    sentence_model: weighs the cues and proposes what none names (None: the cue lists alone);
    promise: where the sentence makes a promise a later one says was not kept.
    """
    cues, negatives, reported = _compiled()
    sentence, lower = text[start:end], lowered[start:end]
    confidence = _confidence(lower, reported)
    clauses = None  # built on the first cue only: most sentences have none
    here: dict[str, Suggestion] = {}
    for indicator in IDS:
        for match in cues[indicator].finditer(lower):
            clauses = clauses or _Clauses(lower)
            if not clauses.negated(match.start(), match.end()):
                here[indicator] = Suggestion(indicator, start, end, sentence,
                                             sentence[match.start():match.end()], confidence)
                break
    # A threat told as a condition and a punishment, without the word (frames.py)
    if "intimidation_threats" not in here:
        threat = frames.threat(lower)
        if threat is not None:
            here["intimidation_threats"] = Suggestion("intimidation_threats", start, end, sentence,
                                                      sentence[threat[0]:threat[1]], confidence)
    # A promise of pay, work or housing that a later sentence says was not kept (frames.py)
    if promise is not None and "deception" not in here:
        here["deception"] = Suggestion("deception", start, end, sentence, sentence[promise[0]:promise[1]],
                                       confidence)
    # The lemma cues (lexicon.py): more ways of saying each indicator, and refuters ("they kept their
    # own passports") that cancel a cue of either kind in this sentence.
    lexical, refuted = lexicon.matches(sentence, language)
    for indicator, (cue_start, cue_end) in lexical.items():
        if indicator not in here:
            here[indicator] = Suggestion(indicator, start, end, sentence, sentence[cue_start:cue_end], confidence)
    if sentence_model is not None:
        scores = sentence_model.scores(sentence)
        here = {indicator: s for indicator, s in here.items() if scores[indicator] >= KEEP or indicator in UNVETOED}
        for indicator in IDS:
            if indicator not in here and scores[indicator] >= PROPOSE:
                cue_start, cue_end = sentence_model.strongest_word(sentence, indicator)
                here[indicator] = Suggestion(indicator, start, end, sentence, sentence[cue_start:cue_end],
                                             MODEL_CONFIDENCE)
    if not here:
        return here  # the refuters below are asked only of the few sentences with a cue
    refuted |= assertion.refuted(lower, here.keys())
    if (start, end) in decent:
        refuted.add("excessive_overtime")  # its own numbers say the hours are not excessive
    refuted |= {indicator for indicator in here if indicator in negatives and negatives[indicator].search(lower)}
    if "withholding_of_wages" in here and _about_papers_not_money(lower):
        refuted.add("withholding_of_wages")  # "hun paspoorten worden ingehouden": the papers are held, not the pay
    return {indicator: s for indicator, s in here.items() if indicator not in refuted}


def _asserted_facts(text: str, lowered: str, spans, found, kind_of) -> list:
    """The numbers found in sentences that state what happened (not in a heading, a law, the field in general),
    or in the short answer to a question ("How long were your days? — Fourteen, fifteen.")."""
    kept = []
    for fact in found:
        start, end = _sentence_of(spans, fact.start, len(text))
        if kind_of(start, end) != "other" or _answers_a_question(text, lowered, spans, start, end):
            kept.append(fact)
    return kept


def _answers_a_question(text: str, lowered: str, spans, start: int, end: int) -> bool:
    index = bisect_left(spans, (start, end))
    if not 0 < index < len(spans) or spans[index] != (start, end):
        return False
    asked_at, asked_end = spans[index - 1]
    before = lowered[asked_at:asked_end].rstrip().rstrip("»”’\"')").rstrip()
    return before.endswith("?") and _ASKS_TIME.search(before) is not None and \
        assertion.short_answer(text[start:end], lowered[start:end])


# A question about working time: its short answer ("Fourteen, fifteen.") states the facts
_ASKS_TIME = folded(r"hour|uur|uren|heure|hora|stund|\bore\b|godzin|час|\bday|\bdag|jour|día|\bdia|\btag|giorn|"
                    r"dzie|\bdni|день|дн[яеи]|long|lang|combien|cuánt|quant|\bile\b|сколько|wie viel|hoeveel|"
                    r"horari|horaire|schedule|rooster|dienstplan|orari|график|grafik|free|off|libre|frei|vrij|folga|"
                    r"riposo|wolne|выходн|repos|descanso|rust")


def _decent_sentences(spans, day, rest, length: int) -> set[tuple[int, int]]:
    """The sentences whose own numbers say the working day is an ordinary one ("diensten van acht uur, vijf
    dagen per week"): a day of DECENT_HOURS or fewer, and no longer day and no week without rest in them.
    (A shorter number may be one part of a longer day: "after ten hours in the field they loaded trucks".)"""
    good: set[tuple[int, int]] = set()
    bad: set[tuple[int, int]] = set()
    for fact in day:
        where = _sentence_of(spans, fact.start, length)
        (good if 6 <= fact.value <= DECENT_HOURS else bad).add(where)
    for fact in rest:
        if fact.value == 0:
            bad.add(_sentence_of(spans, fact.start, length))
    return good - bad


def _overtime(text: str, lowered: str, spans, day, rest, reported) -> list[Suggestion]:
    """Working days longer than OVERTIME_HOURS, or no rest day: excessive overtime, from the numbers."""
    long_days = [f for f in day if f.value >= OVERTIME_HOURS]
    no_rest = [f for f in rest if f.value == 0]
    # One proposal per sentence, naming its last proof: a sentence that states a thousand long days
    # is quoted once, not a thousand times.
    proofs = {_sentence_of(spans, proof.start, len(text)): proof for proof in long_days + no_rest}
    return [Suggestion("excessive_overtime", start, end, text[start:end], text[proof.start:proof.end],
                       min(0.9, _confidence(lowered[start:end], reported) + 0.1))
            for (start, end), proof in proofs.items()]


# --- facts -------------------------------------------------------------------------------------

_HOLDERS = [(name, folded(pattern)) for name, pattern in [
    ("guard", r"\b(?:guards?|minders?|bewakers?|gardes?|guardias?|wachleute|vigias?|guardie|strażnik\w*|охранник\w*|"
              r"бригадир\w*)\b"),
    ("agent", r"\b(?:agen\w*|recruit\w*|broker|bureau|bemiddel\w*|intermédiaire|vermittl\w*|pośrednik\w*|агент\w*)"),
    ("state", r"\b(?:state|staat|état|estado|stato|państw\w*|государств\w*)\b"),
    ("employer", r"\b(?:employer|company|captain|madam|boss|manager|supervisor|foreman|werkgever|chef|baas|patron|"
                 r"contremaître|empleador|encargado|capataz|arbeitgeber|vorarbeiter|chef|patrão|fazendeiro|datore|"
                 r"caporale|pracodawc\w*|brygadzist\w*|szef\w*|работодател\w*|капитан\w*)\b"),
]]
_WAGE_TO = folded(r"(?:wages?|salar\w*|lonen|loon|pay|salaires?|sueldos?|lohn|löhne|pensj\w*|зарплат\w*)"
                      r"[^.]{0,80}")
_DOCS = folded(r"(?:passports?|paspoort\w*|passeports?|pasaportes?|pässe|pass\b|passaport\w*|paszport\w*|"
                   r"паспорт\w*|seaman books)[^.]{0,80}")
_HOUSING = [(name, folded(pattern)) for name, pattern in [("barracks", r"\bbarrack\w*|\bbarak\w*|\bbaraque\w*|\bbarrac\w*|\bbaracch\w*|\bbarak\w*|\bбарак\w*"),
            ("dormitory", r"\bdormitor\w*|\bslaapzaal|\bwohnheim\w*|\bdormitór\w*|\bобщежити\w*"),
            ("on_site", r"\bon (?:the )?site\b|\bon board\b|\bangar\w*|\bангар\w*|\bcontainer\w*|\bconteneur\w*|"
                        r"\bentre las máquinas|\bgrow house"),
            ("employer_house", r"\blive-in\b|\bin (?:the|her|his) (?:employer'?s? )?(?:home|house)\b|\bgastgezin|"
                               r"\bbuanderie")]]
# A count of workers: "at least 300 workers", "about 1,500 migrant workers". The number is bounded
# in length so that a text of nothing but digits is searched as quickly as prose.
_COUNT = folded(r"\b(?:(at least|about|some|around|nearly|more than|minstens|ongeveer|au moins|environ|al menos|"
                r"unos|mindestens|etwa|pelo menos|cerca de|almeno|circa|co najmniej|około|не менее|около)\s+)?"
                r"\b(\d{1,3}(?:[.,\s]\d{3}){1,3}|\d{1,7})\s+(?:\w+\s+){0,2}?(?:workers?|migrants?|men|women|deckhands|"
                r"fishers|labourers|crew|arbeiders|werknemers|arbeidsmigranten|travailleurs|ouvriers|saisonniers|"
                r"trabajadores|costureros|obreros|arbeiter\w*|trabalhadores|lavoratori|braccianti|pracownik\w*|"
                r"robotnik\w*|рабочи\w*|мигрант\w*)")
_QUALIFIERS = {"at least": "at_least", "minstens": "at_least", "au moins": "at_least", "al menos": "at_least",
               "mindestens": "at_least", "pelo menos": "at_least", "almeno": "at_least", "co najmniej": "at_least",
               "не менее": "at_least", "more than": "at_least"}


def _sentence_of(spans, position: int, length: int) -> tuple[int, int]:
    """The span of the sentence holding `position` (spans are sorted and do not overlap)."""
    index = bisect_right(spans, (position, length + 1)) - 1
    if index >= 0 and spans[index][0] <= position < spans[index][1]:
        return spans[index]
    return 0, length


def facts(text: str, spans=None, day=None, rest=None, lowered: str | None = None) -> dict[str, dict[str, Any]]:
    """The case facts the text states: daily hours, rest days, who gets the wages and the documents..."""
    lowered = lowered if lowered is not None else fold(text)
    spans = spans if spans is not None else sentence_spans(text)
    day = day if day is not None else hours.daily_hours(lowered)
    rest = rest if rest is not None else hours.rest_days_per_month(lowered)

    def _fact(value: Any, position: int) -> dict[str, Any]:
        start, end = _sentence_of(spans, position, len(text))
        return {"value": value, "start": start, "end": end, "quote": text[start:end]}

    found: dict[str, dict[str, Any]] = {}
    if day:
        found["daily_hours"] = _fact(max(day, key=lambda f: f.value).value, day[0].start)
    if rest:
        found["rest_days_per_month"] = _fact(rest[0].value, rest[0].start)
    holders: dict[tuple[int, int], str | None] = {}  # each sentence is searched for a holder once
    for key, pattern in (("wage_recipient", _WAGE_TO), ("document_holder", _DOCS)):
        for match in pattern.finditer(lowered):
            # Who holds them is named in the same sentence, before or after the word.
            sentence = _sentence_of(spans, match.start(), len(text))
            if sentence not in holders:
                holders[sentence] = next((name for name, rx in _HOLDERS if rx.search(lowered, *sentence)), None)
            if holders[sentence]:
                found[key] = _fact(holders[sentence], match.start())
                break
    for value, rx in _HOUSING:
        match = rx.search(lowered)
        if match:
            found["housing_type"] = _fact(value, match.start())
            break
    count = _COUNT.search(lowered)
    if count:
        number = int(re.sub(r"[.,\s]", "", count.group(2)))
        qualifier = _QUALIFIERS.get(count.group(1) or "", "about" if count.group(1) else "exact")
        found["workers_count"] = _fact({"min": number, "max": None if qualifier != "exact" else number,
                                        "qualifier": qualifier}, count.start())
    return found
