"""A sentence model for the ILO indicators, learnt from labelled sentences and articles. Plain Python.

The cue lists (cues.py, lexicon.py, frames.py) find the passages; this model, a logistic regression per
indicator over a sentence's words, word stems and word pairs, weighs each one. suggest.py uses it twice:
a cue whose sentence the model finds very unlikely for its indicator is dropped (most false proposals
are a keyword in the wrong story: a law, a clean audit, somebody else's violence), and a sentence the
model is nearly sure of is proposed even when no cue matched it (the many ways of telling a story that
no list holds).

The weights are learnt by bench/ilo_train.py (scikit-learn, a development tool only) from
bench/corpus/train/ and bench/corpus/tune/, never from the evaluation sets, and stored in
data/sentence_model.json.gz: the features, one small integer per indicator and feature, a scale and
the biases. Scoring is a sum of a few weights per word: linear in the sentence's length, no library.
"""
from __future__ import annotations

import gzip
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from caseapp.ilo.catalogue import IDS

MODEL_FILE = Path(__file__).with_name("data") / "sentence_model.json.gz"
FORMAT = 1
# Words are read up to 40 letters (longer runs are cut into pieces), so a hostile endless word costs no
# more than prose.
_WORD = re.compile(r"\w{1,40}")
STEM = 5  # a word's first letters: "withheld" and "withholding" share "withh"
ENDING = 4  # and its last: "ingehouden" and "einbehalten" tell a tense or a participle


def _plain(text: str) -> str:
    """Lower case without accents: "Pässe" and "passe", "salário" and "salario" are read alike."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered  # no accents to take off: most English text, every number
    decomposed = unicodedata.normalize("NFD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, plain form) of each word. Accents are dropped word by word, so offsets stay the sentence's."""
    return [(m.start(), m.end(), "0" if m.group().isdecimal() else _plain(m.group()))
            for m in _WORD.finditer(sentence)]


def word_features(word: str) -> tuple[str, ...]:
    return "w:" + word, "s:" + word[:STEM], "e:" + word[-ENDING:]


def pair_feature(first: str, second: str) -> str:
    return "b:" + first[:STEM] + "_" + second[:STEM]


_NUMBER = re.compile(r"\b\d+\b")


def features(sentence: str) -> set[str]:
    """What the model sees of a sentence: each word, its stem and ending, and each pair of neighbouring stems.

    The same words as words() gives, read from the whole sentence made plain at once (quicker than word by word).
    """
    plain = _WORD.findall(_NUMBER.sub("0", _plain(sentence)))
    # word_features and pair_feature, spelt out: this runs on every sentence of every text
    stems = [word[:STEM] for word in plain]
    found = {"w:" + word for word in plain}
    found.update(["s:" + stem for stem in stems])
    found.update(["e:" + word[-ENDING:] for word in plain])
    found.update([f"b:{first}_{second}" for first, second in zip(stems, stems[1:], strict=False)])
    return found


@dataclass(frozen=True)
class SentenceModel:
    indicators: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]  # feature -> one weight per indicator, in the order of `indicators`

    def _sums(self, found) -> list[float]:
        get = self.weights.get
        rows = list(filter(None, map(get, found)))  # the features the model knows (a row is never empty)
        if not rows:
            return list(self.bias)
        # The rows turned into one column per indicator, each summed: the loops run in C
        return [bias + sum(column) for bias, column in zip(self.bias, zip(*rows, strict=True), strict=True)]

    def scores(self, sentence: str) -> dict[str, float]:
        """The probability, per indicator, that the sentence gives evidence for it."""
        return {indicator: _sigmoid(total) for indicator, total in
                zip(self.indicators, self._sums(features(sentence)), strict=True)}

    def strongest_word(self, sentence: str, indicator: str) -> tuple[int, int]:
        """The word that speaks most for the indicator (shown as the proposal's cue): (start, end) in the sentence."""
        column = self.indicators.index(indicator)
        found = words(sentence)
        best, where = -math.inf, (0, len(sentence))
        for index, (start, end, word) in enumerate(found):
            own = list(word_features(word))
            if index:
                own.append(pair_feature(found[index - 1][2], word))
            if index + 1 < len(found):
                own.append(pair_feature(word, found[index + 1][2]))
            weight = sum(self.weights.get(feature, (0.0,) * len(self.indicators))[column] for feature in own)
            if weight > best:
                best, where = weight, (start, end)
        return where


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    small = math.exp(value)
    return small / (1.0 + small)


def encode(indicators, bias, weights: dict[str, list[float]]) -> dict:
    """The stored form: every weight as a whole number of `scale`, features whose weights all round to 0 left out."""
    largest = max((abs(w) for row in weights.values() for w in row), default=1.0) or 1.0
    scale = largest / 127
    rows = {}
    for feature, row in weights.items():
        rounded = [round(w / scale) for w in row]
        if any(rounded):
            rows[feature] = rounded
    return {"format": FORMAT, "indicators": list(indicators), "bias": [float(b) for b in bias], "scale": scale,
            "weights": rows}


def decode(stored: dict) -> SentenceModel:
    if stored.get("format") != FORMAT:
        raise ValueError(f"sentence model format {stored.get('format')!r}, expected {FORMAT}")
    scale = stored["scale"]
    return SentenceModel(tuple(stored["indicators"]), tuple(stored["bias"]),
                         {feature: tuple(w * scale for w in row) for feature, row in stored["weights"].items()})


@lru_cache(maxsize=1)
def load(path: Path = MODEL_FILE) -> SentenceModel | None:
    """The stored model, read once per process; None when there is none (the cue lists then work alone)."""
    if not path.exists():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as stored:
        model = decode(json.load(stored))
    if set(model.indicators) != set(IDS):
        raise ValueError("the sentence model does not score the eleven indicators")
    return model
