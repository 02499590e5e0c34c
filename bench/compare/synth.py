#!/usr/bin/python3
"""Deterministic synthetic binary logistic data. The recipe (README.md, "synthetic") uses
only 64-bit integer arithmetic, IEEE float64 +,-,*,/,sqrt (all correctly rounded) and one
exp per row, so any language can reproduce the numbers exactly; this script is the
reference implementation.

Provenance: copied from the project's data-prep recipe (shared/data-prep/synth.py); the
recipe and the text files are unchanged. Added: --no-svm, and train_X.npy / train_y.npy
(test likewise), the same float64 values for the Python peers.

usage: synth.py OUTDIR N D [--seed S] [--n-test T] [--name NAME] [--chunk ROWS]
writes OUTDIR/NAME/{train,test}.{csv,svm}, weights.txt (d true weights then the
intercept), info.json, .done. Default NAME = synth_<N>_d<D>, seed 1, n_test = N/10.
"""
import argparse
import json
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fileio import fmt, write_coded  # noqa: E402

M64 = (1 << 64) - 1
GAMMA = np.uint64(0x9E3779B97F4A7C15)
C1 = np.uint64(0xBF58476D1CE4E5B9)
C2 = np.uint64(0x94D049BB133111EB)
STREAM = 1 << 40  # index space of one stream
GRID = 20001      # feature/weight grid: q(u) = (u mod 20001 - 10000) / 10000
INTERCEPT = 0.5


def splitmix(seed, k):
    """k-th output (k >= 1, uint64 array) of SplitMix64 seeded with seed."""
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + k.astype(np.uint64) * GAMMA
        z = (z ^ (z >> np.uint64(30))) * C1
        z = (z ^ (z >> np.uint64(27))) * C2
        return z ^ (z >> np.uint64(31))


def q_code(u):
    return (u % np.uint64(GRID)).astype(np.int64)  # 0..20000, value (code-10000)/10000


def code_value(c):
    return (c.astype(np.float64) - 10000.0) / 10000.0


def weights(seed, d):
    s = 12.0 / math.sqrt(d)
    c = q_code(splitmix(seed, np.arange(1, d + 1, dtype=np.uint64)))  # stream 0
    return s * code_value(c)


def rows(seed, d, w, start, stop):
    """codes (r, d), labels (r,), logits z (r,), margins |u - p| (r,) for rows [start, stop)."""
    i = np.arange(start, stop, dtype=np.uint64)
    k = STREAM + i[:, None] * np.uint64(d) + np.arange(d, dtype=np.uint64)[None, :] + np.uint64(1)
    codes = q_code(splitmix(seed, k))  # stream 1
    x = code_value(codes)
    z = np.zeros(len(i))
    for j in range(d):  # sequential sum over j, product rounded before the add
        z = z + w[j] * x[:, j]
    z = z + INTERCEPT
    u = (splitmix(seed, np.uint64(2 * STREAM) + i + np.uint64(1)) >> np.uint64(11)).astype(
        np.float64) * (2.0 ** -53)  # stream 2
    p = 1.0 / (1.0 + np.exp(-z))
    y = (u < p).astype(np.int64)
    return codes, y, z, np.abs(u - p)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("n", type=int)
    ap.add_argument("d", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--n-test", type=int, default=None)
    ap.add_argument("--name", default=None)
    ap.add_argument("--chunk", type=int, default=None)
    ap.add_argument("--no-csv", action="store_true")
    ap.add_argument("--no-svm", action="store_true")
    a = ap.parse_args()
    n, d, seed = a.n, a.d, a.seed & M64
    nt = a.n_test if a.n_test is not None else n // 10
    assert (n + nt) * d < STREAM
    name = a.name or "synth_%s_d%d" % (human(n), d)
    od = os.path.join(a.out, name)
    if os.path.exists(os.path.join(od, ".done")):
        print("skip", name)
        return
    os.makedirs(od, exist_ok=True)
    w = weights(seed, d)
    with open(os.path.join(od, "weights.txt"), "w") as f:
        f.write("\n".join(fmt(v) for v in w) + "\n" + fmt(INTERCEPT) + "\n")
    chunk = a.chunk or max(1, 2_000_000 // d)
    lut = [fmt((c - 10000) / 10000) for c in range(GRID)]
    stats = {}
    for part, lo, hi in [("train", 0, n), ("test", n, n + nt)]:
        st = {"n": hi - lo, "pos": 0, "min_margin": 1.0, "bayes_logloss_sum": 0.0}
        xtmp = os.path.join(od, part + "_X.npy.tmp")
        ytmp = os.path.join(od, part + "_y.npy.tmp")
        Xm = np.lib.format.open_memmap(xtmp, mode="w+", dtype=np.float64, shape=(hi - lo, d))
        Ym = np.lib.format.open_memmap(ytmp, mode="w+", dtype=np.int64, shape=(hi - lo,))

        def it():
            for s in range(lo, hi, chunk):
                codes, y, z, m = rows(seed, d, w, s, min(hi, s + chunk))
                Xm[s - lo: s - lo + len(y)] = code_value(codes)
                Ym[s - lo: s - lo + len(y)] = y
                st["pos"] += int(y.sum())
                st["min_margin"] = min(st["min_margin"], float(m.min()))
                # log loss of the true model, log(1+exp(-z)) for y=1, log(1+exp(z)) for y=0
                st["bayes_logloss_sum"] += float(np.logaddexp(0, np.where(y == 1, -z, z)).sum())
                yield codes, y

        write_coded(None if a.no_csv else os.path.join(od, part + ".csv"),
                    None if a.no_svm else os.path.join(od, part + ".svm"), it(), lut, 10000, d,
                    ["0", "1"])
        for mm, tmp in [(Xm, xtmp), (Ym, ytmp)]:
            mm.flush()
            del mm
            os.replace(tmp, tmp[: -len(".tmp")])
        del Xm, Ym
        st["bayes_logloss_mean"] = st.pop("bayes_logloss_sum") / st["n"]
        stats[part] = st
        print(part, st, flush=True)
    info = {"name": name, "n": n, "n_test": nt, "d": d, "seed": seed, "classes": 2,
            "intercept": INTERCEPT, "weight_scale": "12/sqrt(d)", "recipe": "README.md#synthetic",
            "train": stats["train"], "test": stats["test"], "layout": "dense"}
    with open(os.path.join(od, "info.json"), "w") as f:
        json.dump(info, f, indent=1, sort_keys=True)
        f.write("\n")
    open(os.path.join(od, ".done"), "w").close()


def human(n):
    for div, suf in [(1_000_000, "m"), (1000, "k")]:
        if n % div == 0:
            return "%d%s" % (n // div, suf)
    return str(n)


if __name__ == "__main__":
    main()
