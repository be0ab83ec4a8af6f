"""How long the ILO suggestion engine takes on 1 MB of any text, hostile texts included, and how that grows.

    python bench/ilo_speed.py [--size 1000000] [--corpus ../shared/corpus/dev.jsonl]

For each kind of text it prints the seconds for the full size and for half of it
(their ratio is about 2 when the time grows linearly, 4 when it grows with the
square), and the seconds for a plain `re` scan of the same text with one short
word, the floor any engine that reads the text pays on this machine. The kinds are
prose (the development corpus repeated, when given, and a few sentences written for
this script) and texts made to be slow: one cue repeated under a negation, the
words the fact patterns look for, numbers, times, one endless word, whitespace,
punctuation, random letters of several scripts, and letters that grow when lowered.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from caseapp.ilo.suggest import suggest  # noqa: E402

PROSE = (
    "The recruiter promised the men work on a building site and a monthly wage. On arrival the foreman took "
    "their passports and kept them in the office safe. They worked from 7 a.m. until 11 p.m., with one day off "
    "a month, and the guards collected the wages. Nobody was allowed to leave the barracks without an escort. "
    "Those who complained were threatened with deportation and their families at home were told to pay back "
    "the journey. Some said they had not been paid for months.\n\n"
)


def repeated(piece: str):
    return lambda size: (piece * (size // len(piece) + 1))[:size]


def random_letters(alphabet: str, seed: int):
    def make(size: int) -> str:
        chooser = random.Random(seed)
        return "".join(chooser.choice(alphabet) for _ in range(size))
    return make


def kinds(corpus: str | None):
    if corpus:
        texts = [json.loads(line)["text"] for line in Path(corpus).read_text(encoding="utf-8").splitlines() if line]
        yield "corpus articles", repeated("\n\n".join(texts))
    yield "prose written for this script", repeated(PROSE)
    yield "one negated cue, no full stop", repeated("not promised ")
    yield "negated cues in Russian", repeated("не обещали ")
    yield "wages and passports, no holder", repeated("wages passports ")
    yield "numbers", repeated("1 ")
    yield "times of day", repeated("from 7 to ")
    yield "hours a day", repeated("twelve hours a day ")
    yield "worker counts", repeated("at least 1,500 ")
    yield "one endless word", repeated("a")
    yield "digits only", repeated("7")
    yield "whitespace", repeated(" \n")
    yield "punctuation", repeated(".,;:!?")
    yield "random letters", random_letters("abcdefghij .,\n1:h", 1)
    yield "random Cyrillic and Latin", random_letters("абвгдежзabcdefg 0123.,", 2)
    yield "letters that grow when lowered", repeated("İ ")
    # A pattern's first letters run together, with the words that wake the patterns for hours and days.
    for start in ("pag", "kein", "zmian", "смен", "promis"):
        yield f"'{start}' run together", lambda size, start=start: "hour week " + repeated(start)(size - 10)


def seconds(text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        suggest(text, "en")
        best = min(best, time.perf_counter() - started)
    return best


def floor(text: str) -> float:
    started = time.perf_counter()
    sum(1 for _ in re.finditer(r"\bwage", text))
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters per text (default 1,000,000)")
    parser.add_argument("--corpus", help="a JSON-lines corpus whose articles make one more kind of text")
    args = parser.parse_args()
    suggest(PROSE, "en")  # compile the patterns and load the language model before timing
    print(f"{'text':34} {'full':>8} {'half':>8} {'ratio':>6} {'re scan':>8}")
    slowest = 0.0
    for name, make in kinds(args.corpus):
        full, half = make(args.size), make(args.size // 2)
        whole, part = seconds(full), seconds(half)
        slowest = max(slowest, whole)
        print(f"{name:34} {whole:7.2f}s {part:7.2f}s {whole / part:6.2f} {floor(full):7.3f}s", flush=True)
    print(f"slowest: {slowest:.2f} s for {args.size:,} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
