"""How long the redaction of people takes for a 500-case dossier with 5,000 people, and how it grows.

    python bench/redaction.py [--cases 500] [--people 5000]

It builds a redactor with the people (names in several scripts, aliases, phones, document numbers), as
the advocate dossier and every page of a reader without need-to-know do, then redacts the free text of
the cases: each case's text names a few of its people. It prints the seconds to build the terms, to
redact all the text and to redact half of it (their ratio is about 2 when the time grows linearly), and
the seconds for a plain `str.lower()` and one `re` search over the same text: the floor of reading it.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from caseapp.protection.redaction import PersonTerms, Redactor  # noqa: E402

GIVEN = ["Kim", "Ri", "Pak", "Анна", "Иван", "Maria", "José", "Ayşe", "أحمد", "משה", "สมชาย", "王伟", "Nguyễn"]
FAMILY = ["Chol-su", "Myong-ok", "Смирнова", "Петров", "Lopez", "Álvarez", "Yılmaz", "الزهراء", "לוי", "ใจดี"]
ROLES = ["worker", "worker", "worker", "family_member", "informant", "witness"]
FILLER = ("The brigade worked from seven in the morning until eleven at night, with one rest day a month. "
          "The guards kept the passports and collected the wages at the end of each month. ")


def people(count: int, rng: random.Random) -> list[PersonTerms]:
    return [PersonTerms(n, rng.choice(ROLES), f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} {n}",
                        (f"Alias{n}",), f"+7 914 {n:03d} {n % 100:02d}{n % 97:02d}", f"Passport {836400000 + n}")
            for n in range(count)]


def texts(cases: int, everyone: list[PersonTerms], rng: random.Random) -> list[str]:
    per_case = max(1, len(everyone) // cases)
    out = []
    for index in range(cases):
        own = everyone[index * per_case:(index + 1) * per_case]
        named = " ".join(f"{p.name} ({p.contact}) said so." for p in rng.sample(own, min(3, len(own))))
        out.append((FILLER * 8) + named + FILLER * 4)
    return out


def seconds(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--people", type=int, default=5000)
    args = parser.parse_args()
    rng = random.Random(17)
    everyone = people(args.people, rng)
    documents = texts(args.cases, everyone, rng)
    characters = sum(map(len, documents))
    built = {}
    build = seconds(lambda: built.setdefault("r", Redactor(everyone)))
    redactor = built["r"]
    first = seconds(lambda: [redactor.redact(text) for text in documents])  # compiles patterns as words are met
    full = seconds(lambda: [redactor.redact(text) for text in documents])
    half = seconds(lambda: [redactor.redact(text) for text in documents[: len(documents) // 2]])
    word = re.compile("passport")
    floor = seconds(lambda: [word.search(text.lower()) for text in documents])
    print(f"{args.cases} cases, {args.people} people, {characters:,} characters of case text")
    print(f"build the terms:       {build:8.3f} s")
    print(f"redact all, first time:{first:8.3f} s  (patterns compiled as their words are met)")
    print(f"redact all the text:   {full:8.3f} s  ({characters / full / 1e6:.2f} M characters/s)")
    print(f"redact half of it:     {half:8.3f} s  (all / half = {full / half:.2f}; 2 is linear)")
    print(f"lower() + one search:  {floor:8.3f} s  (redaction costs {full / floor:.0f}x reading the text)")


if __name__ == "__main__":
    main()
