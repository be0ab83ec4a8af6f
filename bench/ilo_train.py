"""Train the sentence model of the ILO suggestions (caseapp/ilo/model.py) and write its weights.

    python bench/ilo_train.py            # train on bench/corpus/train/, write caseapp/ilo/data/model.json.gz
    python bench/ilo_train.py --check    # 5-fold cross-validation on the training sentences only

The training sentences were written by people who never read the engine nor the blind set
(bench/corpus/train/README.md). The blind set is never read here. Needs scikit-learn (requirements-dev).
"""
from __future__ import annotations

import argparse
import gzip
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from caseapp.ilo.catalogue import IDS  # noqa: E402
from caseapp.ilo.model import BUCKETS, MODEL_FILE, bucket, features  # noqa: E402

TRAIN = ROOT / "bench" / "corpus" / "train"
C = 4.0  # inverse regularisation: chosen by --check on the training sentences
KEEP = 1e-3  # weights smaller than this are left out of the shipped file


def sentences() -> list[dict]:
    rows = []
    for file in sorted(TRAIN.glob("sentences-*.jsonl")):
        rows += [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def matrix(rows: list[dict]):
    from scipy.sparse import csr_matrix

    data, indices, pointers = [], [], [0]
    for row in rows:
        keys = sorted({bucket(f) for f in features(row["text"], row["language"])})
        scale = 1.0 / math.sqrt(len(keys)) if keys else 0.0
        indices += keys
        data += [scale] * len(keys)
        pointers.append(len(indices))
    return csr_matrix((data, indices, pointers), shape=(len(rows), BUCKETS))


def fit(x, rows: list[dict], indicator: str):
    from sklearn.linear_model import LogisticRegression

    y = [indicator in row["indicators"] for row in rows]
    model = LogisticRegression(C=C, solver="liblinear", class_weight="balanced", max_iter=2000)
    model.fit(x, y)
    return model


def check(rows: list[dict]) -> None:
    from sklearn.model_selection import KFold

    x = matrix(rows)
    totals = {i: [0, 0, 0] for i in IDS}
    for train, test in KFold(5, shuffle=True, random_state=7).split(rows):
        part = [rows[i] for i in train]
        for indicator in IDS:
            model = fit(x[train], part, indicator)
            predicted = model.predict_proba(x[test])[:, 1] >= 0.5
            for index, guess in zip(test, predicted, strict=True):
                truth = indicator in rows[index]["indicators"]
                totals[indicator][0] += guess and truth
                totals[indicator][1] += guess and not truth
                totals[indicator][2] += truth and not guess
    print(f"{'indicator':<36}{'P':>6}{'R':>6}")
    for indicator, (tp, fp, fn) in totals.items():
        print(f"{indicator:<36}{tp / max(1, tp + fp):>6.2f}{tp / max(1, tp + fn):>6.2f}")


def train(rows: list[dict]) -> None:
    x = matrix(rows)
    out = {"format": "caseapp-ilo-sentence-model/1", "buckets": BUCKETS, "sentences": len(rows),
           "languages": sorted({row["language"] for row in rows}), "indicators": {}}
    for indicator in IDS:
        model = fit(x, rows, indicator)
        weights = {str(i): round(float(w), 4) for i, w in enumerate(model.coef_[0]) if abs(w) >= KEEP}
        out["indicators"][indicator] = {"intercept": round(float(model.intercept_[0]), 4), "weights": weights}
    MODEL_FILE.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(MODEL_FILE, "wt", encoding="utf-8", compresslevel=9) as stream:
        json.dump(out, stream, separators=(",", ":"), sort_keys=True)
    size = MODEL_FILE.stat().st_size
    print(f"wrote {MODEL_FILE.relative_to(ROOT)}: {len(rows)} sentences, {size / 1024:.0f} KiB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    rows = sentences()
    if not rows:
        print(f"no training sentences in {TRAIN}")
        return 1
    check(rows) if args.check else train(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
