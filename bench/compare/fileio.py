"""Deterministic CSV and LibSVM writers shared by prep.py and synth.py.

Provenance: copied from the project's data-prep recipe (shared/data-prep/fileio.py);
unchanged except for write_npy, which stores the arrays the Python peers load.

Number format (identical in both formats):
  * a value that is an integer with |v| < 1e15 is written as that integer ("0", "16", "-1");
  * any other value is written as Python's repr(float(v)): the shortest decimal string
    that parses back to the same float64 (Go: strconv.FormatFloat(v, 'g', -1, 64)
    parses to the same value; the text may differ, the number does not).
CSV: header "label,x1,...,xd", then one row per sample, label first, "\n" line ends.
LibSVM: "label idx:val idx:val ...", 1-based increasing indices, zero values omitted,
"\n" line ends, no trailing space.
Every file is written to NAME.tmp and renamed into place, so a file that exists is whole.
"""
import os

import numpy as np


def fmt(v):
    v = float(v)
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


def _atomic(path):
    tmp = path + ".tmp"
    return tmp, open(tmp, "wb")


def _commit(tmp, f, path):
    f.flush()
    os.fsync(f.fileno())
    f.close()
    os.replace(tmp, path)


def _table(strings, lead=b""):
    """Byte table: row k = lead + strings[k], NUL padded to a common width."""
    enc = [lead + s.encode("ascii") for s in strings]
    w = max(len(e) for e in enc)
    t = np.zeros((len(enc), w), dtype=np.uint8)
    for k, e in enumerate(enc):
        t[k, : len(e)] = np.frombuffer(e, dtype=np.uint8)
    return t


def write_coded(csv_path, svm_path, codes_iter, lut, zero_code, d, label_strings):
    """Write dense data given as integer codes into a table of value strings.

    codes_iter yields (codes[r, d] int array, labels[r] int array) chunks; lut[k] is the
    text of code k; zero_code is the code whose value is 0 (omitted in LibSVM; may be
    None). label_strings[c] is the text of label c. Rows are assembled as fixed-width
    NUL-padded byte blocks and the NULs are then removed, which is exact and fast.
    """
    val_csv = _table(lut, b",")
    val_svm = _table(lut)
    if zero_code is not None:
        val_svm[zero_code, :] = 0
    pre = _table([" %d:" % (j + 1) for j in range(d)])
    lab = _table(label_strings)
    nl = np.frombuffer(b"\n", dtype=np.uint8)
    outs = []
    if csv_path:
        tmp, f = _atomic(csv_path)
        f.write(("label," + ",".join("x%d" % (j + 1) for j in range(d)) + "\n").encode())
        outs.append(("csv", csv_path, tmp, f))
    if svm_path:
        tmp, f = _atomic(svm_path)
        outs.append(("svm", svm_path, tmp, f))
    for codes, labels in codes_iter:
        r = codes.shape[0]
        L = lab[labels]
        for kind, _, _, f in outs:
            if kind == "csv":
                body = val_csv[codes].reshape(r, -1)
            else:
                v = val_svm[codes]  # r, d, wv
                if zero_code is not None:
                    keep = (codes != zero_code)[:, :, None]
                    p = np.where(keep, pre[None, :, :], 0).astype(np.uint8)
                else:
                    p = np.broadcast_to(pre[None, :, :], (r, d, pre.shape[1]))
                body = np.concatenate([p, v], axis=2).reshape(r, -1)
            block = np.concatenate([L, body, np.broadcast_to(nl, (r, 1))], axis=1)
            f.write(block.tobytes().replace(b"\x00", b""))
    for _, path, tmp, f in outs:
        _commit(tmp, f, path)


def write_dense(csv_path, svm_path, X, y, label_strings=None, chunk=2000):
    """Dense float matrix X (n, d), integer labels y (0..K-1 or given strings)."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    n, d = X.shape
    uniq, inv = np.unique(X, return_inverse=True)
    inv = inv.reshape(n, d)
    lut = [fmt(u) for u in uniq]
    zi = np.searchsorted(uniq, 0.0)
    zero_code = int(zi) if zi < len(uniq) and uniq[zi] == 0.0 else None
    if label_strings is None:
        classes = np.unique(y)
        label_strings = [fmt(c) for c in classes]
        yl = np.searchsorted(classes, y)
    else:
        yl = y.astype(np.int64)

    def it():
        for s in range(0, n, chunk):
            yield inv[s : s + chunk], yl[s : s + chunk]

    write_coded(csv_path, svm_path, it(), lut, zero_code, d, label_strings)


def write_sparse_svm(svm_path, X, y):
    """CSR matrix X, integer labels y -> LibSVM (indices 1-based, zeros omitted)."""
    X = X.tocsr()
    X.sort_indices()
    tmp, f = _atomic(svm_path)
    for i in range(X.shape[0]):
        a, b = X.indptr[i], X.indptr[i + 1]
        parts = [fmt(y[i])]
        for j, v in zip(X.indices[a:b], X.data[a:b]):
            if v != 0:
                parts.append("%d:%s" % (j + 1, fmt(v)))
        f.write((" ".join(parts) + "\n").encode())
    _commit(tmp, f, svm_path)


def write_npy(path, a):
    """Write array a to path in NumPy's .npy format, atomically (NAME.tmp, then rename)."""
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        np.save(f, a)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
