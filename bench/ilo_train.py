"""Learn the ILO sentence model (caseapp/ilo/model.py) and store it in caseapp/ilo/data/sentence_model.json.gz.

    python bench/ilo_train.py            # learn from the training sets, store the model, print what it learnt from
    python bench/ilo_train.py --check    # learn again and fail if the stored model differs (it is reproducible)

Learns from bench/corpus/train/ (labelled sentences, and articles whose evidence spans label their
sentences) and bench/corpus/tune/ (articles). Never from ../shared/corpus/dev.jsonl or the blind sets
(bench/corpus/blind/, bench/corpus/blind2/), which stay for measuring. An article's sentence is a positive
example of an indicator when one of the indicator's evidence spans overlaps it, and a negative one
otherwise. One logistic regression per indicator (scikit-learn, requirements-dev.txt), L2, classes weighted.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from caseapp.ilo import model  # noqa: E402
from caseapp.ilo.catalogue import IDS  # noqa: E402
from caseapp.ilo.text import sentence_spans  # noqa: E402

TRAIN = ROOT / "bench" / "corpus" / "train"
TUNE = ROOT / "bench" / "corpus" / "tune"
NEVER = -10.0  # the bias of an indicator no training sentence shows: a probability of 0.00005
C = 1.0  # inverse strength of the L2 penalty; chosen by two-fold cross-validation over the tuning articles


def _lines(files) -> list[dict]:
    return [json.loads(line) for file in files for line in file.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def article_examples(documents: list[dict]) -> list[tuple[str, set[str]]]:
    """Each sentence of each article with the indicators whose evidence overlaps it."""
    examples = []
    for doc in documents:
        text = doc["text"]
        spans = []  # (start, end, indicator) of every evidence passage
        for indicator in IDS:
            for evidence in doc["labels"][indicator]["evidence"]:
                at = text.find(evidence)
                while at >= 0:
                    spans.append((at, at + len(evidence), indicator))
                    at = text.find(evidence, at + 1)
        for start, end in sentence_spans(text):
            examples.append((text[start:end], {i for s, e, i in spans if s < end and start < e}))
    return examples


def examples(train: Path = TRAIN, tune: Path = TUNE) -> list[tuple[str, set[str]]]:
    sentences = [(line["text"], set(line["indicators"])) for line in _lines(sorted(train.glob("sentences-*.jsonl")))]
    articles = _lines(sorted(train.glob("articles-*.jsonl"))) + _lines(sorted(tune.glob("*.jsonl")))
    return sentences + article_examples(articles)


def fit(rows: list[tuple[str, set[str]]], c: float = C) -> dict:
    """The stored form of a model learnt from (sentence, indicators) rows."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer(dtype=np.float64)
    matrix = vectorizer.fit_transform([dict.fromkeys(model.features(text), 1) for text, _ in rows])
    matrix.indices = matrix.indices.astype(np.int32)  # scikit-learn's solvers take 32-bit indices only
    matrix.indptr = matrix.indptr.astype(np.int32)
    names = vectorizer.get_feature_names_out()
    columns, bias = [], []
    for indicator in IDS:
        labels = np.array([indicator in found for _, found in rows])
        if labels.all() or not labels.any():  # nothing to tell apart: the same answer for every sentence
            columns.append(np.zeros(matrix.shape[1]))
            bias.append(NEVER if not labels.any() else -NEVER)
            continue
        regression = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
        regression.fit(matrix, labels)
        columns.append(regression.coef_[0])
        bias.append(float(regression.intercept_[0]))
    weights = {str(name): [float(column[k]) for column in columns] for k, name in enumerate(names)}
    return model.encode(IDS, bias, weights)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the stored model is not what training gives")
    args = parser.parse_args()
    rows = examples()
    stored = fit(rows)
    positives = {i: sum(i in found for _, found in rows) for i in IDS}
    print(f"{len(rows)} sentences, {len(stored['weights'])} features kept")
    for indicator in IDS:
        print(f"  {indicator:36} {positives[indicator]:5} positive")
    encoded = json.dumps(stored, sort_keys=True, separators=(",", ":"))
    if args.check:
        with gzip.open(model.MODEL_FILE, "rt", encoding="utf-8") as file:
            same = json.dumps(json.load(file), sort_keys=True, separators=(",", ":")) == encoded
        print("the stored model is what training gives" if same else "the stored model differs: run bench/ilo_train.py")
        return 0 if same else 1
    # mtime=0: the same model gives the same bytes, so git sees a change only when the weights change
    with gzip.GzipFile(model.MODEL_FILE, "wb", mtime=0) as file:
        file.write(encoded.encode("utf-8"))
    print(f"stored {model.MODEL_FILE.relative_to(ROOT)} ({model.MODEL_FILE.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
