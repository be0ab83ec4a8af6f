"""Two indicators told as a shape rather than a word, in nine languages. Plain Python.

A threat is a condition and a punishment: "anyone who complains will be sent home", "si me iba, me
denunciaba", "wer sich beschwert, macht nur noch Nächte", "откажешься — отправят домой". Deception is a
promise set against what came: "they were offered sixteen euros an hour ... in reality they got nine".
Neither needs the word "threat" or "deceived": the frame is looked for across the whole sentence (and, for
a promise, the text), where the lemma cues read one clause at a time.

The word lists are stems of what each part of the frame is made of, written from the ILO's descriptions
of the two indicators (REFERENCE.md §2): the worker's act that is punished (complaining, leaving,
refusing, speaking out) and the punishment (the police, deportation, dismissal, being sent home, a fine,
harm to the family); the promise (an offer, an advert, a guarantee) and its undoing.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+|[—–:;]", re.UNICODE)
WINDOW = 30  # words from the condition to the punishment

# A condition, or the one who acts: "if", "anyone who", "wer", "chi", "кто"; Russian and Polish also put the
# verb first ("откажешься — отправят домой"), read through the dash or colon that follows it.
_CONDITIONS = frozenset("""
if whoever anyone anybody those unless otherwise else
als wie wanneer anders tenzij
si quiconque ceux celui sinon
si quien quienes cualquiera sino
wenn falls wer sonst andernfalls
se quem caso senão
se chi chiunque altrimenti sennò
jeśli jeżeli jak kto gdyby inaczej
если кто иначе коли
""".split())
_ACTS = (
    "complain", "leav", "left", "quit", "refus", "run away", "ran away", "escap", "talk", "speak", "spoke", "report",
    "strike", "join", "say no", "said no", "stop", "resign", "protest", "ask", "went to",
    "klaag", "klaagt", "klacht", "vertrek", "weg", "weiger", "stopt", "praat", "meld", "zeur", "staak",
    "plain", "part", "quitt", "refus", "parl", "dénon", "fui", "arrêt", "continu", "bronch", "grève",
    "quej", "iba", "irse", "marcha", "dej", "neg", "habl", "denunc", "escap", "fug", "huelga", "reclam", "rechist",
    "beschwer", "klag", "geh", "verlass", "weiger", "sprich", "red", "meld", "flieh", "kündig", "aufhör", "streik",
    "muck",
    "reclam", "queix", "sai", "sair", "fug", "recus", "fal", "denunc", "greve",
    "lament", "protest", "lasci", "rifiut", "parl", "denunc", "scapp", "fugg", "smett", "sciopera", "va via",
    "andar via", "non ti va", "dici di no", "no quier", "non vuol", "ne veut", "nicht will", "niet wil",
    "nie chce", "не хоч", "não quis", "doesn't want", "won't",
    "skarż", "narzek", "odejd", "odejś", "wyjed", "odmów", "odmawi", "powie", "zgłos", "uciek", "rzuc", "wypisz",
    "strajk", "poskarż",
    "жалова", "пожал", "уйд", "уход", "уеха", "откаж", "отказ", "скаж", "сбеж", "убеж", "увол", "заяв", "бастова",
    "возмущ", "пикн",
)
_PUNISHMENTS = (
    "police", "deport", "immigration", "home office", "border", "sent home", "send you home", "sent back",
    "first bus", "first plane", "first flight", "fired", "sack", "dismiss", "prison", "jail", "fine", "blacklist",
    "never work", "no more work", "lose", "family", "beaten", "nights", "sued", "su país", "tu país", "au pays",
    "al paese", "naar huis", "para a terra", "do kraju", "на родину", "back home", "your country",
    "politie", "uitgezet", "uitzet", "vreemdelingen", "naar huis", "ontsla", "gevangenis", "boete",
    "familie", "zwarte lijst", "spullen pakken", "plek willen", "eruit",
    "police", "expuls", "préfecture", "renvo", "licenci", "prison", "amende", "famille", "dehors", "avion",
    "policía", "deport", "expuls", "extranjería", "despid", "cárcel", "familia", "multa", "denunciaba", "calle",
    "fuera", "avión",
    "polizei", "abschieb", "ausländerbehörde", "nach hause", "rauswerf", "rausschmei", "entlass", "gefängnis",
    "familie", "strafe", "nächte", "anzeig",
    "polícia", "deport", "expuls", "casa", "demit", "cadeia", "prisão", "família", "multa", "rua", "avião",
    "polizia", "espuls", "rimpatr", "casa", "licenzi", "carcere", "famiglia", "multa", "questura", "fuori",
    "permesso", "furgone",
    "policj", "deport", "straż graniczn", "wyrzuc", "do domu", "zwoln", "więzien", "rodzin", "kar", "wylecisz",
    "wylecę", "bez grosza", "czarn",
    "полици", "депорт", "миграц", "высл", "домой", "уволи", "тюрьм", "семь", "штраф", "выгон", "выгн", "въед",
)
# "could leave without a fine": the punishment is denied
_WITHOUT = frozenset("no not never without sans sin ohne kein keine keinen sem nem senza bez без не nie niet geen "
                     "zonder ni".split())
_NEGATIVE_CONTEXT = ("grievance", "procedure", "hotline", "helpline", "policy", "right to", "can contact",
                     "klachtenregeling", "procédure", "procedimiento", "verfahren", "procedimento", "procedura",
                     "procedur", "процедур", "free to", "may leave", "kann jederzeit", "mogą odejść")


def _stems_in(words: list[str], stems) -> list[int]:
    found = [i for i, word in enumerate(words) if word.startswith(stems)]
    # stems of two or three words ("sent home", "non ti va"): looked for in the word and the next ones
    several = _PAIRS.get(stems, ())
    if several:
        for i in range(len(words) - 1):
            if (words[i] + " " + " ".join(words[i + 1:i + 3])).startswith(several):
                found.append(i)
    return sorted(set(found))


_ACT_STEMS = tuple(_ACTS)
_PUNISHMENT_STEMS = tuple(_PUNISHMENTS)
_PAIRS = {stems: tuple(s for s in stems if " " in s) for stems in (_ACT_STEMS, _PUNISHMENT_STEMS)}


def threat(lowered_sentence: str) -> tuple[int, int] | None:
    """Where a sentence threatens: a condition, then the worker's act, then a punishment, as (start, end) of
    the words from the condition to the punishment; or None."""
    matches = list(_WORD.finditer(lowered_sentence))
    words = [m.group() for m in matches]
    if any(word.startswith(_NEGATIVE_CONTEXT) for word in words):
        return None
    conditions = [i for i, w in enumerate(words) if w in _CONDITIONS or (
        w == "que" and i and words[i - 1] in ("el", "la", "los", "las"))]  # "el que no quiera doblar"
    # verb first, then a dash or a colon: "откажешься — отправят домой", "wylecisz: ..."
    conditions += [i - 1 for i, w in enumerate(words) if w in ("—", "–", ":") and i >= 1]
    conditions = [c for c in conditions if c >= 0]
    if not conditions:
        return None
    acts = _stems_in(words, _ACT_STEMS)
    if not acts:
        return None
    punishments = _stems_in(words, _PUNISHMENT_STEMS)
    # Binary searches in the sorted positions: a sentence of a thousand conditions stays linear.
    for start in sorted(conditions):
        k = bisect_left(acts, start)
        if k == len(acts) or acts[k] > start + 8:
            continue
        act = acts[k]
        k = bisect_right(punishments, act)
        if k < len(punishments) and punishments[k] <= start + WINDOW and \
                not any(w in _WITHOUT for w in words[max(act, punishments[k] - 2):punishments[k]]):
            return matches[start].start(), matches[punishments[k]].end()
    return None


# -- deception: a promise, then what came instead ----------------------------------------------------

_PROMISES = ("promis", "beloof", "belov", "vooruitzicht", "toegezegd", "promet", "garanti", "ofrec", "offer",
             "aangebod", "angebot", "versproch", "zugesagt", "garantia", "promess", "offert", "obiec", "oferow",
             "gwarant", "обещ", "предлага", "гарантир", "advert", "anuncio", "annonce", "anzeige", "inserat",
             "anúncio", "annuncio", "ogłosz", "объявлени", "vacature", "recruited with", "lured", "gelokt",
             "attiré", "atraíd", "gelockt", "aliciad", "attirat", "zwabi", "заманил")
_TERMS = re.compile(
    r"\d|€|\$|£|euro|dollar|złot|\bzł\b|рубл|\bруб|reais|\breal\b|peso|salar|wage|\bpay|\bloon|salaire|sueldo|"
    r"lohn|gehalt|salário|stipend|\bpaga\b|pensj|wynagrodz|зарплат|заработ|hour|\buur\b|heure|hora|stunde|\bora\b|"
    r"godzin|\bчас|hous|room|kamer|logement|alojamiento|vivienda|unterkunft|wohnung|zimmer|moradia|alloggio|"
    r"mieszkan|zakwaterow|жиль|contract|contrat|contrato|vertrag|contratto|umow|договор|job|werk|travail|trabajo|"
    r"arbeit|trabalho|lavoro|prac|работ")
_UNDONE = re.compile(
    r"in reality|actually|instead|turned out|in practice|but only|never (?:paid|saw|got|received)|not what|"
    r"nothing of|none of|werkelijkheid|bleek|in plaats|in de praktijk|réalité|en fait|au lieu|s'est avéré|"
    r"en pratique|n'était pas|en realidad|en cambio|resultó|en la práctica|no era lo que|nada de eso|tatsächlich|"
    r"stattdessen|stellte sich heraus|in wirklichkeit|in der praxis|nichts davon|war nicht|na realidade|"
    r"na prática|em vez|afinal|acabou|não foi o que|nada disso|in realtà|invece|si è rivelat|in pratica|"
    r"non era quello|nulla di|w rzeczywistości|zamiast|okazało|w praktyce|faktycznie|nic z tego|на деле|"
    r"на самом деле|вместо|оказалось|на практике|ничего из|было не то|не то,")
NEXT_SENTENCES = 3  # a promise is undone in its own sentence or one of the next three


def broken_promises(sentences: list[str]) -> dict[int, tuple[int, int]]:
    """The (lower-cased) sentences that state a promise of pay, work or housing which the same sentence or
    one of the next NEXT_SENTENCES says was not kept: {sentence index: (start, end) of the promise's word}."""
    undone = [i for i, sentence in enumerate(sentences) if _UNDONE.search(sentence)]
    found: dict[int, tuple[int, int]] = {}
    for i, sentence in enumerate(sentences):
        k = bisect_left(undone, i)
        if k == len(undone) or undone[k] > i + NEXT_SENTENCES:
            continue
        promise = next((m for m in _WORD.finditer(sentence) if m.group().startswith(_PROMISES)), None)
        if promise is not None and _TERMS.search(sentence):
            found[i] = promise.span()
    return found
