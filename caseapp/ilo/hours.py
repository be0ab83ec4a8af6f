"""Working time in what reporters write, in nine languages: daily hours and rest days. Plain Python.

"from 07:00 to 22:00", "6.30 uur tot 22.00 uur", "de siete de la mañana a medianoche",
"с шести утра до одиннадцати вечера", "16-hour days", "douze heures par jour",
"seven days a week", "one day off a month", "sans jour de repos"...
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from caseapp.ilo import worktime
from caseapp.ilo.patterns import folded
from caseapp.ilo.text import fold

# The number words of the nine languages are worktime.py's; the fixed phrases here also count "a day off"
# and the Portuguese "um" (worktime leaves "um" to its day counts, since German writes "um 6 Uhr").
NUMBER_WORDS: dict[str, float] = {**worktime.NUMBERS, "a": 1.0, "an": 1.0, "um": 1.0}

# A number is digits or a single word; number() tells which words are numbers (a long alternation
# of every number word would make each search crawl). Its length is bounded, and it starts a word,
# so that a hostile text (one endless word, a million digits) costs no more than prose to search.
_NUM = r"\b(\d{1,2}(?:[.,]\d{1,2})?|[^\W\d_][^\W\d_-]{0,24}(?:-[^\W\d_]{1,24})?)"


def number(token: str) -> float | None:
    token = token.lower().strip()
    if token in NUMBER_WORDS:
        return float(NUMBER_WORDS[token])
    try:
        return float(token.replace(",", "."))
    except ValueError:
        return None


@dataclass(frozen=True)
class Found:
    value: float
    start: int
    end: int


# Times of day: 07:00, 7.30, 7h30, 7 a.m., 22 uur, 22h, 7 Uhr.
_CLOCK = r"(\d{1,2})(?:[:.h](\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?|uur|u\b|h\b|uhr|horas|hrs|heures|ore)?"
_RANGE = folded(
    r"(?:from|van|de|des|dalle|od|с|vom|von|das|desde|tussen|between|entre)\s+" + _CLOCK +
    r"\s*(?:to|until|till|tot|à|a|alle|do|до|bis|às|as|hasta|y|and|en|et|e)\s+" + _CLOCK)
# "od 6 do 22", "dalle 6 alle 22": a range without "h" or minutes, read as hours only when it ends after
# noon and nothing but punctuation or a small word follows (not "from 5 to 20 workers").
_BARE_RANGE = folded(
    r"(?:from|van|de|des|dalle|od|z|с|vom|von|das|desde)\s+(?:las\s+)?(\d{1,2})\s*"
    r"(?:to|until|tot|à|a|alle|do|до|bis|às|hasta)\s+(?:las\s+)?(\d{1,2})"
    r"(?=\s*(?:[,.;:!?)]|$|(?:and|en|et|y|und|e|i|и|with|met|avec|con|mit|com|or|of|ou|oder|o)\b))")
_DASH_RANGE = folded(r"\b(\d{1,2})[:.h](\d{2})\s*(?:-|–|—)\s*(\d{1,2})[:.h](\d{2})\b")

_MIDNIGHT = ("midnight", "middernacht", "minuit", "medianoche", "mitternacht", "meia-noite", "mezzanotte", "północy",
             "полуночи")
_MORNING = ("morning", "ochtend", "morgens", "matin", "mañana", "manhã", "mattina", "rano", "утра", "dawn")
_EVENING = ("evening", "night", "avond", "soir", "noche", "abends", "nachts", "noite", "sera", "wieczorem",
            "wieczora", "вечера", "ночи", "tarde")
# "between 6 in the morning and 9 at night": a range that names its day parts.
_BETWEEN = folded(
    r"(?:between|tussen|entre|zwischen|tra le|między|между)\s+" + _NUM + r"\s+(?:[\w']+\s+){0,3}?(?:" +
    "|".join(_MORNING) + r")\b(?:\s+[\w']+){0,2}?\s+(?:and|en|et|y|und|e|a|i|и)\s+" + _NUM +
    r"(?:\s+[\w']+){0,3}?\s+(?:" + "|".join(_EVENING) + r")\b")

# "10 or 11": either of two numbers, read as their midpoint.
_OR = r"(?:or|of|ou|o|oder|albo|lub|или|e)"
_WORD_RANGE = folded(
    r"(?:from|van|de|des|dalle|od|с|von|das|desde)\s+(?:las\s+|le\s+|la\s+)?" + _NUM +
    r"\s*(?:o'clock\s+)?(?:[\w']+\s+){0,3}?(?:to|until|till|tot|à|a|alle|do|до|bis|às|hasta|jusqu'à)\s+"
    r"(?:las\s+|la\s+)?(" + "|".join(_MIDNIGHT) + r"|" + _NUM[3:-1] + r")(?:\s+" + _OR + r"\s+" + _NUM + r")?"
    r"(?:\s+([\w']+)(?:\s+([\w']+))?(?:\s+([\w']+))?)?")

_PER_DAY = folded(
    _NUM + r"(?:\s+(?:to|tot|à|a|bis|do|до|até)\s+" + _NUM + r"|\s*[-–]\s*" + _NUM + r")?[\s-]*"
    r"(?:-?hour|hours?|uur|uren|heures?|horas?|stunden?|ore|godzin\w*|час\w*|h)\b[\s-]*"
    r"(?:a|per|each|every|par|por|pro|al|am|im|em|no|na|w|в|на)?\s*"
    r"(?:day|days|daily|dag|dagen|daags|jour|journée|día|dia|diari[ao]s?|diári[ao]s?|tag|täglich|giorno|"
    r"giornalier\w*|dzień|dziennie|dobę|день|сутки|shifts?|diensten|dienst|"
    r"turnos?|schichten?|turni|zmian\w*|смен\w*|working days?|werkdagen)")


# Shift lengths: "shifts of 14 to 16 hours", "diensten van twaalf uur", "shifts that lasted 18 to 20 hours".
_SHIFTS = folded(
    r"(?:shifts?|diensten|dienst|turnos?|schichten|schicht|turni|turno|zmian\w*|смен\w*|postes?|journées?|"
    r"jornadas?|giornate|werkdagen|working days?)\s+(?:\w+\s+){0,3}?(?:of|van|de|von|di|po|по)?\s*"
    r"(?:up to|tot wel|jusqu'à|hasta|bis zu|até|fino a|do|до)?\s*" + _NUM +
    r"\s*(?:(?:to|tot|à|a|bis|do|до|até|-|–)\s*" + _NUM + r")?\s*"
    r"(?:hours?|uur|uren|heures?|horas?|stunden?|ore|godzin\w*|час\w*)\b")


def _scan(pattern: re.Pattern, text: str, groups: tuple[int, ...], regions=None):
    """Matches whose number groups really are numbers; after one that is not, look again a word later.
    Within `regions` only, when given (see _regions)."""
    for region_start, region_end in regions if regions is not None else ((0, len(text)),):
        position = region_start
        while True:
            match = pattern.search(text, position, region_end)
            if match is None:
                break
            if all(match.group(g) is None or number(match.group(g)) is not None for g in groups):
                yield match
                position = match.end()
            else:
                position = match.start() + 1


def _find(pattern: re.Pattern, text: str, regions):
    """pattern.finditer over the regions of the text (see _regions)."""
    for start, end in regions:
        yield from pattern.finditer(text, start, end)


_SENTENCE_END = re.compile(r"[.!?](?!\S)|\n")  # not the point of "1.5" or "7.30"


def _regions(text: str, hint: re.Pattern) -> list[tuple[int, int]]:
    """The stretches of the text made of whole sentences that hold a hint word, neighbours merged.

    Each long pattern needs one of its hint's words, so it is searched there only: in an article most
    sentences say nothing of hours or days, and searching them cost more than the rest of the engine's
    reading of working time. Offsets stay the text's.
    """
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    regions: list[tuple[int, int]] = []
    position = 0
    while True:
        hit = hint.search(text, position)
        if hit is None:
            return regions
        # the sentence around the hit: after the end mark before it, up to and with the end mark after it
        before = bisect_right(ends, hit.start()) - 1
        start = ends[before] if before >= 0 else 0
        after = bisect_left(ends, hit.end())
        end = ends[after] if after < len(ends) else len(text)
        if regions and regions[-1][1] >= start:
            regions[-1] = (regions[-1][0], max(regions[-1][1], end))
        else:
            regions.append((start, end))
        position = max(end, hit.end())


def _hour(h: str, m: str | None, suffix: str | None) -> float:
    value = int(h) + (int(m) / 60 if m else 0)
    suffix = (suffix or "").lower().replace(" ", "").replace(".", "")
    if suffix == "pm" and value < 12:
        value += 12
    if suffix == "am" and value == 12:
        value = 0
    return value


def _span(a: float, b: float) -> float:
    hours = b - a if b > a else b + 24 - a
    return round(hours, 2)


# Cheap first looks: the long patterns run only on texts that name hours or days at all.
_HOURS_HINT = folded(r"hour|uur|heure|hora|stund|\bore\b|godzin|час|\d[:.h]\d\d|\d\s*(?:a\.?m|p\.?m|uhr|h\b)|"
                         r"clock|\buhr\b|24/7|nacht|nuit|noche|noite|notte|dobę|круглосуточ|"
                         r"midnight|middernacht|minuit|medianoche|mitternacht|meia-noite|mezzanotte|północ|полуноч|"
                         r"morning|evening|ochtend|avond|morgens|abends|matin|soir|mañana|noche|manhã|noite|"
                         r"mattina|sera|rano|wieczor|утра|вечера|утром|вечером")
_DAYS_HINT = folded(r"week|semaine|semana|woche|settiman|tygod|недел|month|maand|mois|\bmes\b|monat|mês|mese|"
                        r"sunday|zondag|dimanche|domingo|sonntag|domenic|niedziel|воскресень|quinze|"
                        r"clock|\buhr\b|24/7|nacht|nuit|noche|noite|notte|dobę|круглосуточ|nie\b|never|nooit|"
                        r"days|días|dias|giorni|dni|libre|frei|vrij|wolny|выходн|\bday\b|codziennie|каждый день|"
                        r"miesi|месяц|day off|dag|jour|día|dia\b|tag|giorn|dni|выход|folga|repos|riposo|descanso|"
                        r"ruhe|wolne|sábado|saturday|zaterdag|samedi|samstag|sabato|sobot|суббот|"
                        r"nights|nachten|nuits|noches|nächte|noites|notti|nocy|ночей|через")


class _Taken:
    """The stretches of text already read as a working day, so a later pattern does not read them again.

    One mark per character: asking about a match costs its length, whatever number of matches came before.
    """

    def __init__(self, length: int) -> None:
        self.marks = bytearray(length)

    def overlaps(self, start: int, end: int) -> bool:
        return self.marks.find(1, start, max(end, start + 1)) != -1

    def take(self, start: int, end: int) -> None:
        self.marks[start:end] = b"\x01" * (end - start)


def daily_hours(text: str) -> list[Found]:
    """Every working day length the text states, with where it says so.

    What worktime.py reads around the numbers comes first; the fixed phrases here count when it finds
    nothing, and only among words about work as it is (not a shop's hours, a helpline or the law).
    """
    text = fold(text)
    read = worktime.daily_hours(text)
    if read:
        return [Found(f.value, f.start, f.end) for f in read]
    return [f for f in _fixed_daily_hours(text) if worktime.plausible(text, f.start, f.end)]


# The words an hour is counted in (_SHIFTS and _PER_DAY end with one): those patterns search only the
# sentences that hold one of them.
_HOUR_UNIT = folded(r"hour|uur|uren|heure|hora|stund|\bore\b|godzin|час|\bh\b|\dh\b")


def _fixed_daily_hours(text: str) -> list[Found]:
    found: list[Found] = []
    if not _HOURS_HINT.search(text) and not _BARE_RANGE.search(text):
        return found
    counted = _regions(text, _HOUR_UNIT)
    taken = _Taken(len(text))

    def keep(value: float, match: re.Match) -> None:
        found.append(Found(value, match.start(), match.end()))
        taken.take(match.start(), match.end())

    for m in _scan(_SHIFTS, text, (1, 2), counted):
        low = number(m.group(1))
        high = number(m.group(2)) if m.group(2) else None
        if low is not None and low <= 24 and (high is None or high <= 24):
            keep((low + high) / 2 if high is not None else low, m)
    for m in _RANGE.finditer(text):
        if taken.overlaps(m.start(), m.end()):
            continue
        start = _hour(m.group(1), m.group(2), m.group(3))
        end = _hour(m.group(4), m.group(5), m.group(6))
        if 0 <= start < 24 and 0 <= end <= 24 and (m.group(2) or m.group(3) or m.group(5) or m.group(6)):
            keep(_span(start, end), m)
    for m in _BARE_RANGE.finditer(text):
        first, last = int(m.group(1)), int(m.group(2))
        if not taken.overlaps(m.start(), m.end()) and first < 12 and 13 <= last <= 24:
            keep(_span(first, last), m)
    for m in _DASH_RANGE.finditer(text):
        keep(_span(int(m.group(1)) + int(m.group(2)) / 60, int(m.group(3)) + int(m.group(4)) / 60), m)
    for m in _scan(_WORD_RANGE, text, (1, 3)):
        if taken.overlaps(m.start(), m.end()):
            continue
        first = number(m.group(1))
        last_word = m.group(2)
        last = 24.0 if last_word in _MIDNIGHT else number(last_word)
        if first is None or last is None:
            continue
        if m.group(3):  # "until 10 or 11": the midpoint
            last = (last + number(m.group(3))) / 2
        tail = " ".join(w for w in (m.group(4), m.group(5), m.group(6)) if w)
        if last < 12 and (any(w in tail for w in _EVENING) or last <= first):
            last += 12
        if any(w in tail for w in _MORNING) and first > 12:
            first -= 12
        keep(_span(first, last), m)
    for m in _scan(_BETWEEN, text, (1, 2)):
        first, last = number(m.group(1)), number(m.group(2))
        if not taken.overlaps(m.start(), m.end()) and first is not None and last is not None and last <= 24:
            keep(_span(first, last + 12 if last < 12 else last), m)
    for m in _scan(_PER_DAY, text, (1, 2, 3), counted):
        if taken.overlaps(m.start(), m.end()):
            continue
        second = m.group(2) or m.group(3)
        low, high = number(m.group(1)), number(second) if second else None
        if low is None or low > 24 or (high is not None and high > 24):
            continue
        keep((low + high) / 2 if high is not None else low, m)
    if not found:  # "day and night" only when no number says how long: "almost day and night, in 14-hour shifts"
        found += [Found(24.0, m.start(), m.end()) for m in _AROUND_THE_CLOCK.finditer(text)
                  if _about_work(text, *m.span())]
    return sorted(found, key=lambda f: f.start)


_SEVEN_DAYS = folded(
    r"seven days a week|7 days a week|zeven dagen per week|7 dagen per week|"
    r"sept jours sur sept|7 jours sur 7|siete días a la semana|"
    r"sieben tage die woche|sete dias por semana|sette giorni su sette|"
    r"siedem dni w tygodniu|семь дней в неделю|без выходных|every day of the week|todos os dias da semana|"
    r"todos los días de la semana|tous les jours de la semaine|jeden tag der woche|tutti i giorni della settimana|"
    r"elke dag van de week|każdego dnia tygodnia|каждый день недели|"
    r"(?:no(?!\s+dias?\b)|without|geen|zonder|sans|aucun|sin|ningún|ohne|kein\w*|sem|nenhum|senza|bez|ни одного)\s+"
    r"(?:single\s+|enkele\s+|seul\s+|einzigen\s+)?(?:day off|rest day|days off|rest days|free days?|vrije dag\w*|"
    r"rustdag\w*|jours? de repos|jours? de congé|días? libres?|días? de descanso|ruhetage?|freie[nr]? tage?|"
    r"dias? de folga|folgas?|giorn[oi] di riposo|giorn[oi] liber[oi]|dnia wolnego|dni wolnych|выходного|выходных)")
# A free day a week, named: "Sundays off", "zondag vrij" (about four a month).
_A_MONTH = folded(r"\W+(?:\w+\W+){0,2}?(?:months?|maand(?:en)?|mois|mes(?:es)?|monat(?:e|en)?|mês|mes[ei]|"
                  r"miesi\w*|месяц\w*)\b")
_WEEKDAY_OFF = folded(
    r"(?:sundays?|zondag(?:en)?|dimanches?|domingos?|sonntags?|domenic[ahe]|niedziel[eęa]?|воскресень[ея])\s+"
    r"(?:off|vrij|libres?|frei|liber[oei]|wolne|выходн\w*)")
_SATURDAY_AND = folded(r"(?:saturdays?|zaterdag(?:en)?|samedis?|sábados?|samstags?|sabat[oi]|sobot[ayę]|суббот[ауы])\s+"
                       r"(?:and|en|et|y|und|e|i|и)\s+$")  # before a Sunday off: the whole weekend
_SIX_DAYS = folded(
    r"six days a week|6 days a week|zes dagen per week|6 dagen per week|six jours sur sept|6 jours sur 7|"
    r"seis días (?:a|por) la semana|de lunes a sábado|sechs tage die woche|seis dias por semana|"
    r"sei giorni su sette|sześć dni w tygodniu|шесть дней в неделю")
_REST_DAY = (r"(?:days? off|free days?|rest days?|vrije dag\w*|rustdag\w*|jours? de (?:repos|congé)|"
             r"días? libres?|días? de descanso|freie[nr]? tage?|ruhetage?|dias? de folga|folgas?|giorn[oi] liber[oi]|"
             r"giorn[oi] di riposo|dz(?:ień|ni) woln\w*|выходн\w*|день отдыха|дня отдыха)")
_PER_MONTH = folded(_NUM + r"(?:\s+" + _OR + r"\s+" + _NUM + r")?\s+" + _REST_DAY +
                    r"\s+(?:a|per|each|every|par|al|por|pro|im|w|в|na|em|por|in|nel)\s+(?:the\s+)?"
                    r"(?:month|maand|mois|mes|monat|mês|mese|miesiąc\w*|месяц)")
_PER_WEEK = folded(_NUM + r"(?:\s+" + _OR + r"\s+" + _NUM + r")?\s+" + _REST_DAY +
                   r"\s+(?:a|per|each|every|par|al|por|pro|in der|w|в|na|em|a la|alla)\s+"
                   r"(?:week|semaine|semana|woche|settimana|tydzień|tygodniu|неделю)")
# Working days a week, as a number: "vijf en een halve dag per week" (1.5 free days a week, 6 a month).
_HALF = r"(?:\s+(?:and a half|en een halve|et demi|y medio|und einhalb|e meio|e mezzo|i pół|с половиной))?"
_REST_BEFORE = folded(_REST_DAY + r"[^.!?\n]*$")  # a word of rest earlier in the same sentence
_DAYS_A_WEEK = folded(
    _NUM + _HALF + r"\s+(?:working\s+)?(?:days? (?:a|per|each) week|dag(?:en)? per week|jours? (?:par|sur) semaine|"
    r"días? (?:a|por) (?:la )?semana|tage? (?:die|pro|in der) woche|dias? por semana|giorni (?:a|alla|su) settimana|"
    r"dni w tygodniu|дн\w* в неделю)|\ban\s+" + _NUM + r"\s+tagen\b")
_OFTEN = folded(r"\b(?:often|sometimes|häufig|oft|manchmal|souvent|parfois|a menudo|a veces|spesso|talvolta|"
                r"często|czasem|часто|иногда|vaak|soms|muitas vezes|às vezes)\s+$")
_ALMOST = folded(r"\b(?:almost|nearly|bijna|presque|quasi|casi|fast|quase|prawie|почти)\s+$")
# "Every day" is no rest day only about work: "they worked every day", not "a bus ran every day".
_EVERY_DAY = folded(r"every (?:single )?day|elke dag|tous les jours|todos los días|jeden tag|todos os dias|"
                    r"tutti i giorni|codziennie|каждый день")
_WORK_WORD = folded(r"\b(?:work\w*|labou?r\w*|shifts?|werk\w*|arbeid\w*|travaill\w*|bosser|trabaj\w*|arbeit\w*|"
                    r"schuft\w*|trabalh\w*|lavor\w*|pracow\w*|harow\w*|работа\w*|труди\w*|вкалыва\w*|"
                    # care and duty: "she cared for him around the clock", "on call day and night"
                    r"car(?:e|ed|ing)|on call|on duty|verzorg\w*|zorgde|soign\w*|cuid\w*|pfleg\w*|betreu\w*|"
                    r"bereitschaft\w*|accudi\w*|badant\w*|opiek\w*|ухажива\w*|дежур\w*)")


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding `position` starts, looked for at most ABOUT_WORK_REACH characters back."""
    before = max(0, position - ABOUT_WORK_REACH)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, before, position)]
    return ends[-1] if ends else before


def _sentence_end(text: str, position: int) -> int:
    """Where the sentence holding `position` ends, looked for at most ABOUT_WORK_REACH characters on."""
    after = _SENTENCE_END.search(text, position, min(len(text), position + ABOUT_WORK_REACH))
    return after.end() if after else min(len(text), position + ABOUT_WORK_REACH)


def _about_work(text: str, start: int, end: int) -> bool:
    """A word of work in the same sentence ("Lavoravano nei campi ... dalle sei alle sette, tutti i giorni"),
    looked for at most ABOUT_WORK_REACH characters away."""
    return _WORK_WORD.search(text, _sentence_start(text, start), _sentence_end(text, end)) is not None


def _states_a_working_day(text: str, start: int, end: int) -> bool:
    """The sentence states a working day by its start and end: "conduits dans les vignes à 5 heures du matin et
    ramenés vers 20 heures, tous les jours" is about work without naming it."""
    return bool(worktime.daily_hours(text[_sentence_start(text, start):_sentence_end(text, end)]))


ABOUT_WORK_REACH = 200
WORKING_DAY_LOOKS = 20


# Work that never stops: "around the clock", "rund um die Uhr" (24 hours a day, and no day off).
_AROUND_THE_CLOCK = folded(
    r"around the clock|round the clock|24/7|rund[- ]um[- ]die[- ]uhr|dag en nacht|jour et nuit|día y noche|"
    r"dia e noite|giorno e notte|(?:przez )?całą dobę|круглосуточно")
_WEEKENDS_TOO = folded(
    r"(?:ook|zelfs) in het weekend|(?:also|even) (?:at|on) (?:the )?weekends?|même le week-end|"
    r"incluso los fines de semana|auch am wochenende|inclusive aos fins de semana|anche nel fine settimana|"
    r"także w weekendy|даже в выходные|frei hatte ich nie|never (?:had|got) a day off|nooit een vrije dag|"
    # Sundays worked too, said outright
    r"(?:sundays?|sunday) included|including sundays?|even on sundays?|dimanches? compris|même le dimanche|"
    r"y compris le dimanche|domingos? incluidos?|incluidos los domingos|incluso los domingos|sonntags? inklusive|"
    r"auch sonntags|selbst sonntags|zelfs op zondag|inclusief (?:de )?zondag|domingos? também|"
    r"inclusive (?:aos )?domingos|mesmo aos domingos|domenica compresa|domeniche comprese|compresa la domenica|"
    r"anche la domenica|włącznie z niedziel\w*|nawet w niedziel\w*|даже по воскресеньям|включая воскресень\w*|"
    r"(?:le|les) dimanches? aussi|sundays? too|(?:el|los) domingos? también|sonntags auch|zondags ook|"
    r"в воскресенье тоже|anche di domenica|anche le domeniche|(?:także|również|nawet) w niedziel\w*|"
    r"w niedziel\w* też|(?:также|даже) по воскресеньям|also on sundays?|on sundays? too|aussi le dimanche|"
    r"(?:también|incluso) (?:los|el) domingos?|ook (?:op )?zondags?|auch (?:am sonntag|an sonntagen)|"
    r"também (?:aos|no|nos) domingos?|"
    # the week worked to Saturday, and Sunday morning too
    r"(?:los )?domingos? hasta el mediodía|sonntags (?:\w+ ){0,2}bis mittag|sundays? until (?:noon|midday)|"
    r"(?:le|les) dimanches? jusqu'à midi|la domenica fino a mezzogiorno|zondags tot (?:de )?middag|"
    r"(?:aos )?domingos? até (?:o )?meio-dia|w niedziel\w* do południa|по воскресеньям до обеда")

# Saturdays included, said outright: the week worked runs to Saturday ("de 6 h à 20 h, samedi compris").
_SATURDAYS_TOO = folded(
    r"saturdays? included|including saturdays?|samedis? compris|y compris le samedi|sábados? incluidos?|"
    r"incluidos los sábados|samstags? inklusive|inklusive samstags?|zaterdag(?:en)? inbegrepen|"
    r"inclusief (?:de )?zaterdag|"
    r"sábados? inclusive|inclusive (?:aos )?sábados|sabato compreso|sabati compresi|compreso il sabato|"
    r"włącznie z sobot\w*|включая суббот\w*")

# One free day in two weeks: "every other Sunday off", "om de week zondag vrij", "un dimanche sur deux".
_EVERY_OTHER = folded(
    r"every (?:other|second) (?:sunday|week|weekend)|a day off every (?:two|2) weeks|"
    r"om de (?:week|andere zondag|twee weken)|(?:elke|iedere) andere zondag|(?:een|één) (?:vrije )?dag per twee weken|"
    r"un dimanche sur deux|une semaine sur deux|un jour (?:de repos )?tous les quinze jours|"
    r"cada dos (?:domingos|semanas)|domingo (?:sí|si),? domingo no|un día libre cada (?:dos|quince)|"
    r"jeden zweiten sonntag|alle zwei wochen (?:einen|ein) (?:freien )?tag|"
    r"(?:a cada|de dois em dois) (?:dois )?domingos|um domingo sim,? outro não|"
    r"una domenica (?:sì|si) e una no|ogni due (?:domeniche|settimane)|a domeniche alterne|"
    r"co drug(?:ą|a) niedziel\w*|co dwa tygodnie|раз в две недели|через воскресенье|"
    r"выходной раз в две недели")


def rest_days_per_month(text: str) -> list[Found]:
    """Every number of rest days a month the text states ("seven days a week" is none), with where it says so.

    The fixed phrases here ("seven days a week", "every other Sunday") come first, then what worktime.py
    reads around the numbers; both only among words about work as it is.
    """
    text = fold(text)
    fixed = [f for f in _fixed_rest_days(text) if worktime.plausible(text, f.start, f.end, days=True)]
    return fixed or [Found(f.value, f.start, f.end) for f in worktime.rest_days_per_month(text)]


def _fixed_rest_days(text: str) -> list[Found]:
    regions = _regions(text, _DAYS_HINT)
    if not regions:
        return []
    found: list[Found] = []
    taken = _Taken(len(text))  # a phrase already read is not read again as "days a week" or "Sundays off"

    def keep(value: float, match: re.Match) -> None:
        found.append(Found(value, match.start(), match.end()))
        taken.take(match.start(), match.end())

    for m in _find(_SEVEN_DAYS, text, regions):
        keep(0, m)
    for m in _find(_SIX_DAYS, text, regions):
        keep(4, m)
    for pattern, per_month in ((_PER_MONTH, 1), (_PER_WEEK, 4)):
        for m in _scan(pattern, text, (1, 2), regions):
            value = number(m.group(1))
            if value is None:
                continue
            if m.group(2):  # "one or two rest days a month": the midpoint
                value = (value + number(m.group(2))) / 2
            keep(value * per_month, m)
    for m in _find(_EVERY_OTHER, text, regions):
        keep(2, m)
    for m in _find(_WEEKDAY_OFF, text, regions):
        # "one Sunday off a month" is not every Sunday: worktime.py counts it
        if not taken.overlaps(m.start(), m.start() + 1) and not _A_MONTH.match(text, m.end()):
            keep(8 if _SATURDAY_AND.search(text, max(0, m.start() - 30), m.start()) else 4, m)
    budget = WORKING_DAY_LOOKS  # a text of "every day" repeated does not read a working day around each one
    for pattern in (_EVERY_DAY, _AROUND_THE_CLOCK):
        for m in _find(pattern, text, regions):
            if _ALMOST.search(text, max(0, m.start() - 12), m.start()):
                continue  # "quase todos os dias": not every day
            if _about_work(text, *m.span()):
                keep(0, m)
            elif budget > 0:
                budget -= 1
                if _states_a_working_day(text, *m.span()):
                    keep(0, m)
    for m in _find(_SATURDAYS_TOO, text, regions):
        if not taken.overlaps(m.start(), m.end()) and not _WEEKENDS_TOO.search(text, _sentence_start(text, m.start()),
                                                                               _sentence_end(text, m.end())):
            keep(4, m)
    overridden: list[tuple[int, int]] = []
    for m in _find(_WEEKENDS_TOO, text, regions):
        if _OFTEN.search(text, max(0, m.start() - 16), m.start()):
            continue  # "häufig auch am Sonntag": some Sundays, not every one
        # "de lunes a sábado, y los domingos hasta el mediodía": the Sundays worked say more than the week before
        # in their sentence
        overridden.append((_sentence_start(text, m.start()), m.start()))
        keep(0, m)
    for m in _scan(_DAYS_A_WEEK, text, (1, 2), regions):
        if taken.overlaps(m.start(), m.start() + 1):
            continue
        if _REST_BEFORE.search(text, max(0, m.start() - 60), m.start()):
            continue  # "выходные ... два дня в неделю": days off, which worktime.py counts as such
        days = number(m.group(1) or m.group(2))
        if days is None or not 1 <= days <= 7:
            continue
        half = 0.5 if m.group(1) and re.search(r"half|halve|demi|medio|einhalb|meio|mezzo|pół|половин", m.group()) \
            else 0.0
        keep(round((7 - days - half) * 4, 1), m)
    return sorted(_not_overridden(found, overridden), key=lambda f: f.start)


def _not_overridden(found: list[Found], overridden: list[tuple[int, int]]) -> list[Found]:
    """found without what starts inside one of the (sorted) overridden stretches."""
    if not overridden:
        return found
    starts = [start for start, _ in overridden]
    kept = []
    for fact in found:
        k = bisect_right(starts, fact.start) - 1
        if k < 0 or not fact.start < overridden[k][1]:
            kept.append(fact)
    return kept
