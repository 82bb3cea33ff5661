#!/usr/bin/python3
"""The reference check's domain classifier in scikit-learn, timed on one core, and the matrices
it runs on (written for the product to be timed on the same rows).

    detector_py.py write REF.csv CUR.csv [--per-side 10000] [--seed 42]
    detector_py.py time REF.csv CUR.csv [--warmup 1] [--timed 5]

The matrices: 7 independent standard normals per row, a tenth of the rows with the three
relative intensities missing (grayscale images), the current side's brightness (column 3)
shifted by 0.1 sd. The timed work follows reference-check.md: both sides subsampled to the
smaller (seed 42), labels 0/1, one stratified 70/30 split, HistGradientBoostingClassifier
(max_iter=10, max_depth=2, learning_rate=0.1, min_samples_leaf=20), AUC on the 30%, then
permutation_importance on the 30% (accuracy, 10 repeats).
"""
import argparse
import json
import os
import statistics
import time

for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.inspection import permutation_importance
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split


def write(path, rows):
    with open(path, "w") as out:
        for row in rows:
            out.write(",".join("" if np.isnan(v) else repr(float(v)) for v in row) + "\n")


def matrix(n, rng, shift):
    rows = rng.standard_normal((n, 7))
    rows[:, 2] += shift
    gray = rng.random(n) < 0.1
    rows[gray, 4:7] = np.nan
    return rows


def read(path):
    return np.array([[float(v) if v else np.nan for v in line.rstrip("\n").split(",")]
                     for line in open(path) if line.strip()])


def reference_check(ref, cur, seed=42):
    n = min(len(ref), len(cur))
    rng = np.random.RandomState(seed)
    ref = ref[rng.choice(len(ref), n, replace=False)] if len(ref) > n else ref
    cur = cur[rng.choice(len(cur), n, replace=False)] if len(cur) > n else cur
    x = np.vstack([ref, cur])
    y = np.concatenate([np.zeros(n), np.ones(n)])
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.3, stratify=y, random_state=seed)
    model = HistGradientBoostingClassifier(max_iter=10, max_depth=2, learning_rate=0.1, min_samples_leaf=20,
                                           random_state=seed)
    model.fit(x_train, y_train)
    auc = roc_auc_score(y_test, model.predict_proba(x_test)[:, 1])
    importance = permutation_importance(model, x_test, y_test, scoring="accuracy", n_repeats=10,
                                        random_state=seed, n_jobs=1)
    return auc, importance.importances_mean


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("action", choices=["write", "time"])
    p.add_argument("ref")
    p.add_argument("cur")
    p.add_argument("--per-side", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--timed", type=int, default=5)
    a = p.parse_args()
    if a.action == "write":
        rng = np.random.default_rng(a.seed)
        write(a.ref, matrix(a.per_side, rng, 0.0))
        write(a.cur, matrix(a.per_side, rng, 0.1))
        return
    ref, cur = read(a.ref), read(a.cur)
    for _ in range(a.warmup):
        reference_check(ref, cur)
    times = []
    cpu_times = []
    auc = None
    for _ in range(a.timed):
        start = time.perf_counter()
        cpu_start = time.process_time()
        auc, _ = reference_check(ref, cur)
        times.append((time.perf_counter() - start) * 1000)
        cpu_times.append((time.process_time() - cpu_start) * 1000)
    print(json.dumps({"path": "sklearn-hgb-permutation", "per_side": len(ref), "median_ms": statistics.median(times),
                      "median_cpu_ms": statistics.median(cpu_times), "min_ms": min(times), "auc": auc}))


if __name__ == "__main__":
    main()
