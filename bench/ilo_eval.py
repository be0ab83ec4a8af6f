"""Measure the ILO suggestion engine on a labelled corpus (the JSON-lines format of shared/corpus).

    python bench/ilo_eval.py --corpus ../shared/corpus/dev.jsonl

Prints precision, recall and F1 per indicator and overall (document level), how many true
positives quote the labelled evidence, whether every quote is verbatim, the accuracy of
daily_hours and rest_days_per_month, and articles per second.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from caseapp.ilo.catalogue import IDS  # noqa: E402
from caseapp.ilo.suggest import suggest  # noqa: E402


def overlaps(start: int, end: int, text: str, evidence: list[str]) -> bool:
    for span in evidence:
        at = text.find(span)
        while at >= 0:
            if at < end and start < at + len(span):
                return True
            at = text.find(span, at + 1)
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True)
    args = parser.parse_args()
    documents = [json.loads(line) for line in Path(args.corpus).read_text(encoding="utf-8").splitlines() if line]
    counts = {i: {"tp": 0, "fp": 0, "fn": 0} for i in IDS}
    overlapping = true_positives = 0
    verbatim = True
    hours_ok = hours_n = rest_ok = rest_n = 0
    for doc in documents:
        result = suggest(doc["text"], doc.get("language"))
        verbatim &= all(doc["text"][s.start:s.end] == s.quote for s in result.suggestions)
        named = {s.indicator for s in result.suggestions}
        for indicator in IDS:
            label = doc["labels"][indicator]
            if indicator in named and label["present"]:
                counts[indicator]["tp"] += 1
                true_positives += 1
                if any(overlaps(s.start, s.end, doc["text"], label["evidence"])
                       for s in result.suggestions if s.indicator == indicator):
                    overlapping += 1
            elif indicator in named:
                counts[indicator]["fp"] += 1
            elif label["present"]:
                counts[indicator]["fn"] += 1
        for key, ok_n in (("daily_hours", "hours"), ("rest_days_per_month", "rest")):
            expected = doc["facts"].get(key)
            got = result.facts.get(key, {}).get("value")
            if ok_n == "hours":
                hours_n += 1
                hours_ok += (expected is None and got is None) or (expected is not None and got is not None
                                                                   and abs(expected - got) <= 0.5)
            else:
                rest_n += 1
                rest_ok += expected == got
    print(f"{'indicator':<36}{'P':>6}{'R':>6}{'F1':>6}")
    total = {"tp": 0, "fp": 0, "fn": 0}
    for indicator, c in counts.items():
        for k in total:
            total[k] += c[k]
        print(f"{indicator:<36}" + "".join(f"{v:>6.2f}" for v in scores(c)))
    print(f"{'overall':<36}" + "".join(f"{v:>6.2f}" for v in scores(total)))
    print(f"true positives quoting the labelled evidence: {overlapping}/{true_positives}")
    print(f"every quote verbatim: {'yes' if verbatim else 'NO'}")
    print(f"daily_hours accuracy: {hours_ok}/{hours_n}; rest_days_per_month accuracy: {rest_ok}/{rest_n}")
    article = " ".join(documents[0]["text"].split()[:500])
    article = (article + " ") * max(1, 500 // max(1, len(article.split())))
    article = " ".join(article.split()[:500])
    started, runs = time.perf_counter(), 0
    while time.perf_counter() - started < 2.0:
        suggest(article, "en")
        runs += 1
    print(f"speed: {runs / (time.perf_counter() - started):.1f} articles of 500 words per second (one core)")
    return 0


def scores(c: dict[str, int]) -> tuple[float, float, float]:
    precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


if __name__ == "__main__":
    sys.exit(main())
