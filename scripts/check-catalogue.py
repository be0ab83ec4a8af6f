#!/usr/bin/env python3
"""Check one translation catalogue: every message translated (every plural form), the same placeholders
as the English, no fuzzy entry. Prints what is wrong and exits 1, or says how many messages are done.

    .venv/bin/python scripts/check-catalogue.py caseapp/translations/fr/LC_MESSAGES/messages.po
"""
import re
import sys

from babel.messages.pofile import read_po

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def forms(value):
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


def main(path: str) -> int:
    with open(path, "rb") as handle:
        catalogue = read_po(handle)
    problems, done = [], 0
    for message in catalogue:
        if not message.id:
            continue
        english = forms(message.id)
        translated = forms(message.string)
        if "fuzzy" in message.flags or not all(translated):
            problems.append(f"untranslated: {english[0]!r}")
            continue
        wanted = set(PLACEHOLDER.findall(" ".join(english)))
        for form in translated:
            if set(PLACEHOLDER.findall(form)) != wanted:
                problems.append(f"placeholders differ: {english[0]!r} -> {form!r}")
        if "<" in english[0] and english[0].count("<") != sum(f.count("<") for f in translated) / len(translated):
            problems.append(f"markup differs: {english[0]!r}")
        done += 1
    for problem in problems[:50]:
        print(problem)
    print(f"{done} of {sum(1 for m in catalogue if m.id)} messages translated and checked; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
