"""A trained reader of sentences: how likely a sentence gives evidence for each ILO indicator. Plain Python.

The cue lists (cues.py) say what the texts they were written against say; people write the same
thing in many other ways. This model was trained on a few thousand labelled sentences in the nine
languages, written by people who never read this engine (bench/corpus/train/, bench/ilo_train.py),
and generalises over words: each sentence is read as the lemmas of its words (simplemma, so that
"ingehouden", "retenus" and "удерживают" meet their dictionary forms), pairs of neighbouring lemmas,
and the ends of words (so that unseen inflections and German compounds still count). Words in the
reach of a negation ("not", "niet", "ne ... pas", "не") are read as negated words, so "they kept
their own passports" and "the guard kept their passports" are told apart by what surrounds them.

One logistic regression per indicator over hashed features; the weights ship in data/model.json.gz
(no network, no numpy at run time). `probabilities(sentence, language)` is all the engine asks.
"""
from __future__ import annotations

import gzip
import json
import math
import re
import zlib
from functools import lru_cache
from pathlib import Path

MODEL_FILE = Path(__file__).with_name("data") / "model.json.gz"
BUCKETS = 1 << 20  # hashed feature space; a collision only blurs two rare features together
NEGATION_REACH = 4  # this many words after a negation word are read as negated
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+|[,;:–—()]", re.UNICODE)
_CLAUSE_MARKS = frozenset(",;:–—()")  # a negation does not reach past the end of its clause
# Words that turn what follows around, per language (lower case): "no" is a negation in English and
# Spanish, but "in the" in Portuguese.
NEGATORS = {
    "en": frozenset("not no never nor without none nobody nothing cannot".split()),
    "nl": frozenset("niet geen nooit zonder niemand niets noch".split()),
    "fr": frozenset("ne n pas jamais sans aucun aucune rien ni".split()),
    "es": frozenset("no nunca sin ningún ninguna ninguno nadie nada ni tampoco".split()),
    "de": frozenset("nicht kein keine keinen keinem keiner nie niemals ohne niemand nichts weder".split()),
    "pt": frozenset("não nunca sem nenhum nenhuma ninguém nada nem".split()),
    "it": frozenset("non mai senza nessun nessuno nessuna niente nulla né".split()),
    "pl": frozenset("nie bez żaden żadna żadne nikt nic nigdy ani".split()),
    "ru": frozenset("не нет никогда без никто ничего ни".split()),
}


@lru_cache(maxsize=1)
def _lemmatizer():
    try:
        import simplemma
    except ImportError:  # the engine still runs on its cue lists alone
        return None
    return simplemma


@lru_cache(maxsize=200_000)
def lemma(word: str, language: str) -> str:
    tool = _lemmatizer()
    if tool is None or language not in LEMMA_LANGUAGES:
        return word
    try:
        return tool.lemmatize(word, lang=language).lower()
    except ValueError:
        return word


LEMMA_LANGUAGES = frozenset({"en", "nl", "fr", "es", "de", "pt", "it", "pl", "ru"})


def features(sentence: str, language: str) -> list[str]:
    """The sentence as the model reads it: lemmas, neighbouring pairs, word endings, negated lemmas."""
    words = [w.lower() for w in _WORD.findall(sentence)]
    lemmas = [w if w in _CLAUSE_MARKS else "<num>" if w.isdigit() else lemma(w, language) for w in words]
    found: list[str] = []
    negators = NEGATORS.get(language, NEGATORS["en"])
    negated_until = -1
    for index, (word, base) in enumerate(zip(words, lemmas, strict=True)):
        if word in _CLAUSE_MARKS:
            negated_until = -1
            continue
        if word in negators or word.endswith("n't"):
            negated_until = index + NEGATION_REACH
            found.append("neg")
            continue
        mark = "~" if index <= negated_until else ""
        found.append(f"l:{mark}{base}")
        if len(word) > 4:
            found.append(f"e:{word[-4:]}")  # an ending: inflections the lemmatiser does not know
            found.append(f"s:{word[:5]}")  # a stem: compounds and derived forms
        if index and lemmas[index - 1] not in _CLAUSE_MARKS:
            found.append(f"b:{lemmas[index - 1]}_{base}")
    return found


def bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % BUCKETS


@lru_cache(maxsize=1)
def _weights() -> dict[str, tuple[float, dict[int, float]]] | None:
    if not MODEL_FILE.exists():
        return None
    with gzip.open(MODEL_FILE, "rt", encoding="utf-8") as stream:
        data = json.load(stream)
    return {indicator: (model["intercept"], {int(k): v for k, v in model["weights"].items()})
            for indicator, model in data["indicators"].items()}


def available() -> bool:
    return _weights() is not None


def probabilities(sentence: str, language: str) -> dict[str, float]:
    """For each indicator, the probability that this sentence gives evidence for it ({} without a model)."""
    weights = _weights()
    if weights is None:
        return {}
    counts: dict[int, int] = {}
    for feature in features(sentence, language):
        key = bucket(feature)
        counts[key] = counts.get(key, 0) + 1
    # The same scaling as in training: each feature counted once (binary), the vector of unit length.
    norm = math.sqrt(len(counts)) or 1.0
    result = {}
    for indicator, (intercept, table) in weights.items():
        score = intercept + sum(table.get(key, 0.0) for key in counts) / norm
        result[indicator] = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))
    return result


def strongest_word(sentence: str, language: str, indicator: str) -> str:
    """The word of the sentence that counts most for the indicator: shown as the proposal's cue."""
    weights = _weights()
    if weights is None:
        return ""
    table = weights[indicator][1]
    best, best_weight = "", 0.0
    for match in _WORD.finditer(sentence):
        word = match.group()
        if word in _CLAUSE_MARKS or word.isdigit():
            continue
        weight = table.get(bucket(f"l:{lemma(word.lower(), language)}"), 0.0)
        if weight > best_weight:
            best, best_weight = word, weight
    return best
