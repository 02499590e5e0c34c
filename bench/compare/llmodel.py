#!/usr/bin/python3
"""Training log loss and accuracy of a LIBLINEAR -s 0 model file on a prepared dataset.

usage: llmodel.py MODEL DATASETDIR PART   (PART: train or test)
Prints the JSON fields "train_logloss":..,"train_accuracy":..,"objective":.. (no braces),
for cli.sh. The objective is LIBLINEAR's, bias penalized: C*sum logloss + 1/2(|w|^2 + b^2)
with C = 1. Probabilities are clipped to [1e-15, 1] as scikit-learn's log_loss.
"""
import os
import sys

import numpy as np


def read_model(path):
    head, w = {}, []
    with open(path) as f:
        for line in f:
            if line.strip() == "w":
                break
            k, _, v = line.strip().partition(" ")
            head[k] = v
        for line in f:
            w.append([float(t) for t in line.split()])
    return head, np.array(w)


def main():
    model, d, part = sys.argv[1:4]
    head, w = read_model(model)
    labels = [int(t) for t in head["label"].split()]
    bias = float(head.get("bias", "-1"))
    y = np.load(os.path.join(d, part + "_y.npy"))
    p = os.path.join(d, part + "_X.npy")
    if os.path.exists(p):
        X = np.load(p)
    else:
        from scipy import sparse

        z = np.load(os.path.join(d, part + "_X.npz"))
        X = sparse.csr_matrix((z["data"], z["indices"], z["indptr"]), shape=tuple(z["shape"]))
    nf = int(head["nr_feature"])
    W = w[:nf]
    b = w[nf] * bias if bias >= 0 else np.zeros(w.shape[1])
    Z = np.asarray(X[:, :nf] @ W) + b
    if len(labels) == 2 and w.shape[1] == 1:
        z = Z[:, 0] if labels[0] == 1 else -Z[:, 0]  # decision value > 0 means labels[0]
        p1 = 1.0 / (1.0 + np.exp(-z))
        P = np.stack([1.0 - p1, p1], axis=1)
        f = float(np.sum(np.logaddexp(0, z) - y * z)) + 0.5 * float(np.sum(w * w))
    else:
        S = 1.0 / (1.0 + np.exp(-Z))
        P = np.zeros_like(S)
        P[:, labels] = S / S.sum(axis=1, keepdims=True)
        f = float("nan")
    pt = np.clip(P[np.arange(len(y)), y], 1e-15, 1.0)
    print('"%s_logloss":%r,"%s_accuracy":%r,"objective":%r' % (
        part, float(np.mean(-np.log(pt))), part, float(np.mean(P.argmax(1) == y)), f))


if __name__ == "__main__":
    main()
