"""Measure the ILO suggestion engine on labelled corpora (the JSON-lines format of shared/corpus), side by side.

    python bench/ilo_eval.py                       # dev, tune, blind and blind2 side by side
    python bench/ilo_eval.py --corpus FILE_OR_DIR  # one more set, named after its path (a set that
                                                   # labels only the facts, like the working-time
                                                   # articles, is measured on its facts)
    python bench/ilo_eval.py --no-model            # the cue lists alone, without the sentence model

For each set: micro precision, recall and F1 over (document, indicator) pairs, then F1 per language and
precision/recall/F1 per indicator; how many true positives quote the labelled evidence; whether every
quote is verbatim; daily_hours and rest_days_per_month within 1 of the label (over the articles whose
label states them); and the engine's speed on 500-word articles, with and without the sentence model
(caseapp/ilo/model.py), measured in turns in one run so that the ratio holds on a shared machine.

dev is ../shared/corpus/dev.jsonl; tune (bench/corpus/tune/) holds articles written to find false proposals,
which whoever changes the engine may read. The blind sets (bench/corpus/blind/ and, by other writers,
bench/corpus/blind2/; see their READMEs) were written by people who never read caseapp/ilo/: this script
prints only aggregate figures for them, never a text, a sentence or a document id, so that whoever changes
the engine does not learn their articles. Measure on them at the end of a round of changes. For working
time it also counts, per set, the facts stated but not found and those found where none is stated.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from caseapp.ilo.catalogue import IDS  # noqa: E402
from caseapp.ilo.suggest import suggest  # noqa: E402
from caseapp.ilo.text import lemma  # noqa: E402

DEV = ROOT.parent / "shared" / "corpus" / "dev.jsonl"
TUNE = ROOT / "bench" / "corpus" / "tune"
BLIND = ROOT / "bench" / "corpus" / "blind"
BLIND2 = ROOT / "bench" / "corpus" / "blind2"


def load(path: Path) -> list[dict]:
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    return [json.loads(line) for file in files for line in file.read_text(encoding="utf-8").splitlines() if line]


def overlaps(start: int, end: int, text: str, evidence: list[str]) -> bool:
    for span in evidence:
        at = text.find(span)
        while at >= 0:
            if at < end and start < at + len(span):
                return True
            at = text.find(span, at + 1)
    return False


def scores(c: dict[str, int]) -> tuple[float, float, float]:
    precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def measure(documents: list[dict], use_model: bool = True) -> dict:
    """Counts only: nothing of a text leaves this function."""
    by_indicator = {i: {"tp": 0, "fp": 0, "fn": 0} for i in IDS}
    by_language: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    quoting = true_positives = 0
    verbatim = True
    # per fact: [within 1, stated by the label, stated but none found, unstated but one found, unstated]
    facts = {"daily_hours": [0, 0, 0, 0, 0], "rest_days_per_month": [0, 0, 0, 0, 0]}
    for doc in documents:
        text = doc["text"]
        result = suggest(text, doc.get("language"), use_model=use_model)
        verbatim &= all(text[s.start:s.end] == s.quote for s in result.suggestions)
        named = {s.indicator for s in result.suggestions}
        language = by_language[doc.get("language") or "?"]
        for indicator in IDS if "labels" in doc else ():  # a working-time set labels the facts only
            label = doc["labels"][indicator]
            kind = ("tp" if label["present"] else "fp") if indicator in named else ("fn" if label["present"] else None)
            if kind is None:
                continue
            by_indicator[indicator][kind] += 1
            language[kind] += 1
            if kind == "tp":
                true_positives += 1
                quoting += any(overlaps(s.start, s.end, text, label["evidence"])
                               for s in result.suggestions if s.indicator == indicator)
        for key, tally in facts.items():
            expected = (doc.get("facts") or {}).get(key)
            got = result.facts.get(key, {}).get("value")
            if expected is None:
                tally[4] += 1
                tally[3] += got is not None
                continue
            tally[1] += 1
            tally[2] += got is None
            tally[0] += got is not None and abs(float(expected) - float(got)) <= 1
    total = {k: sum(c[k] for c in by_indicator.values()) for k in ("tp", "fp", "fn")}
    return {"documents": len(documents), "total": total, "by_indicator": by_indicator,
            "by_language": dict(by_language), "quoting": (quoting, true_positives), "verbatim": verbatim,
            "facts": facts}


def speed(documents: list[dict], turns: int = 3) -> tuple[float, float]:
    """Articles of 500 words per second with the sentence model and without, one second each in turns."""
    words = " ".join(doc["text"] for doc in documents[:40]).split()
    article = " ".join((words * (1 + 500 // max(1, len(words))))[:500])
    rates: dict[bool, list[float]] = {True: [], False: []}
    suggest(article, "en")  # the model and the lemma tables are read once, before any timing
    for _ in range(turns):
        for use_model in (True, False):
            started, runs = time.perf_counter(), 0
            while time.perf_counter() - started < 1.0:
                suggest(article, "en", use_model=use_model)
                runs += 1
            rates[use_model].append(runs / (time.perf_counter() - started))
    return max(rates[True]), max(rates[False])


def first_reading(documents: list[dict]) -> float:
    """Articles of 500 words per second over every labelled article read once each, in its own language, with
    the word cache emptied first: what a server reading new sources pays (speed() repeats one article)."""
    lemma.cache_clear()
    words, started = 0, time.perf_counter()
    for doc in documents:
        suggest(doc["text"], doc.get("language"))
        words += len(doc["text"].split())
    return words / 500 / (time.perf_counter() - started)


def cell(c: dict[str, int] | None, which: int) -> str:
    return f"{scores(c)[which]:>7.2f}" if c and (c["tp"] + c["fp"] + c["fn"]) else f"{'—':>7}"


def report(results: dict[str, dict]) -> None:
    names = list(results)
    head = "".join(f"{name[:21]:>21}" for name in names)
    print(f"{'':<36}{head}")
    print(f"{'documents':<36}" + "".join(f"{r['documents']:>21}" for r in results.values()))
    print(f"{'micro P / R / F1':<36}" + "".join(
        f"{cell(r['total'], 0)}{cell(r['total'], 1)}{cell(r['total'], 2)}" for r in results.values()))
    languages = sorted({lang for r in results.values() for lang in r["by_language"]})
    print("\nF1 by language")
    for lang in languages:
        print(f"  {lang:<34}" + "".join(f"{'':>14}{cell(r['by_language'].get(lang), 2)}" for r in results.values()))
    print("\nP / R / F1 by indicator")
    for indicator in IDS:
        print(f"  {indicator:<34}" + "".join(
            f"{cell(r['by_indicator'][indicator], 0)}{cell(r['by_indicator'][indicator], 1)}"
            f"{cell(r['by_indicator'][indicator], 2)}" for r in results.values()))
    print()
    print(f"{'true positives quoting the evidence':<36}" + "".join(
        f"{'%d/%d' % r['quoting']:>21}" for r in results.values()))
    print(f"{'every quote verbatim':<36}" + "".join(f"{('yes' if r['verbatim'] else 'NO'):>21}"
                                                   for r in results.values()))
    for key in ("daily_hours", "rest_days_per_month"):
        print(f"{key + ' within 1':<36}" + "".join(f"{'%d/%d' % tuple(r['facts'][key][:2]):>21}"
                                                    for r in results.values()))
        print(f"{'  stated, none found':<36}" + "".join(f"{r['facts'][key][2]:>21}" for r in results.values()))
        print(f"{'  not stated, one found':<36}" + "".join(f"{'%d/%d' % tuple(r['facts'][key][3:]):>21}"
                                                          for r in results.values()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", default=[], help="another labelled set (file or folder)")
    parser.add_argument("--no-blind", action="store_true", help="leave the blind set out")
    parser.add_argument("--no-model", action="store_true", help="the cue lists alone, without the sentence model")
    args = parser.parse_args()
    sets = {"dev": DEV} if DEV.exists() else {}
    if TUNE.exists():
        sets["tune"] = TUNE
    for name, path in (("blind", BLIND), ("blind2", BLIND2)):
        if not args.no_blind and path.exists():
            sets[name] = path
    for extra in args.corpus:
        sets[Path(extra).stem] = Path(extra)
    documents = {name: load(path) for name, path in sets.items()}
    report({name: measure(docs, use_model=not args.no_model) for name, docs in documents.items()})
    every = [doc for docs in documents.values() for doc in docs]
    with_model, without = speed(every)
    print(f"\nspeed: {with_model:.1f} articles of 500 words per second (one core); {without:.1f} without the "
          f"sentence model (ratio {with_model / without:.2f})")
    print(f"first reading of {len(every)} different articles in their languages: {first_reading(every):.1f} "
          "articles of 500 words per second")
    return 0


if __name__ == "__main__":
    sys.exit(main())
