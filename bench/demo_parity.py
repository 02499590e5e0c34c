#!/usr/bin/python3
"""scikit-learn's optimum for `xent demo`'s problem, to check the demo against.

Reproduces the demo exactly: the embedded breast cancer CSV, the fixed
stratified split (within each class, in file order, every 4th sample goes to
the test set), standardization fitted on the training rows (population std),
then LogisticRegression(C=C) trained to a tight tolerance. Prints train and
test log loss and accuracy.

Usage: /usr/bin/python3 bench/demo_parity.py [--C 1.0]
Needs Debian's python3-sklearn.
"""
import argparse
import csv
import os

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, log_loss

TEST_EVERY = 4
HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--csv", default=os.path.join(HERE, "..", "internal", "demodata", "breast_cancer.csv"))
    a = ap.parse_args()
    with open(a.csv, newline="") as f:
        rows = list(csv.reader(f))[1:]
    y = np.array([int(r[0]) for r in rows])
    X = np.array([[float(v) for v in r[1:]] for r in rows])
    rank = {}
    test = np.zeros(len(y), dtype=bool)
    for i, c in enumerate(y):
        test[i] = rank.get(c, 0) % TEST_EVERY == TEST_EVERY - 1
        rank[c] = rank.get(c, 0) + 1
    Xtr, ytr, Xte, yte = X[~test], y[~test], X[test], y[test]
    mean, scale = Xtr.mean(axis=0), Xtr.std(axis=0)
    scale[scale == 0] = 1
    Xtr, Xte = (Xtr - mean) / scale, (Xte - mean) / scale
    m = LogisticRegression(C=a.C, tol=1e-10, max_iter=100000, solver="lbfgs").fit(Xtr, ytr)
    ptr, pte = m.predict_proba(Xtr), m.predict_proba(Xte)
    print(f"scikit-learn LogisticRegression(C={a.C}, solver='lbfgs', tol=1e-10) on the demo split:")
    print(f"  train  log loss {log_loss(ytr, ptr):.6f}  accuracy {accuracy_score(ytr, m.predict(Xtr)):.4f}  (n={len(ytr)})")
    print(f"  test   log loss {log_loss(yte, pte):.6f}  accuracy {accuracy_score(yte, m.predict(Xte)):.4f}  (n={len(yte)})")


if __name__ == "__main__":
    main()
