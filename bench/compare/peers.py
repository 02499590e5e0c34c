#!/usr/bin/python3
"""Peer runners of xent's comparison suite: scikit-learn, PyTorch and LIBLINEAR.

usage: peers.py --data DIR --dataset NAME --system SYSTEM --objective OBJ [--C 1]
                (--ref | --target F) [--budget SECONDS]

Prints one JSON object (one line) on standard output.

SYSTEM is one of
  sklearn-lbfgs, sklearn-newton-cg   LogisticRegression(solver=...), intercept unpenalized;
                                     multi_class="multinomial" with more than two classes
  sklearn-liblinear                  LogisticRegression(solver="liblinear"): LIBLINEAR as
                                     bundled in scikit-learn, bias penalized, one-vs-rest
  torch-lbfgs                        torch.optim.LBFGS (strong Wolfe line search, history
                                     10), full batch, float64, on the same objective
  liblinear                          LIBLINEAR 2.3 (Debian liblinear4 through
                                     python3-liblinear), -s 0 (primal trust-region
                                     Newton) -B 1: bias penalized, one-vs-rest
OBJ names the objective, with f = C * sum_i logloss_i + 1/2 ||W||^2:
  binary       two classes, intercept not penalized
  binary-pen   two classes, intercept penalized (LIBLINEAR -B 1): + 1/2 b^2
  multinomial  softmax over K classes, K weight vectors, intercepts not penalized
  ovr-pen      sum of the K one-vs-rest binary-pen objectives (LIBLINEAR's multiclass)

--ref trains with a tight tolerance (scikit-learn newton-cg, tol 1e-8; on the
objective given, any SYSTEM value is ignored) and reports f there, for the reference
optimum f*.
--target F sweeps the system's tolerance from 1 down to 1e-12 by decades, stopping
at the first run whose objective f (evaluated here, in float64, with NumPy on the
returned coefficients) is <= F; that run is timed again: the median of at least three
runs when one takes under 10 s, repeated until --min-time is spent (at most 21). The reported seconds are the training call only (data loading and problem
setup excluded); peak memory is the process's maximum resident set size (getrusage),
data and runtime included.
"""
import argparse
import json
import os
import resource
import sys
import time

import numpy as np

TOLS = [10.0 ** -k for k in range(0, 13)]
CLIP = 1e-15  # log loss clipping, as scikit-learn's log_loss(eps=1e-15)


def load(data, name, part):
    d = os.path.join(data, name)
    y = np.load(os.path.join(d, part + "_y.npy"))
    p = os.path.join(d, part + "_X.npy")
    if os.path.exists(p):
        return np.load(p), y
    from scipy import sparse

    z = np.load(os.path.join(d, part + "_X.npz"))
    X = sparse.csr_matrix((z["data"], z["indices"], z["indptr"]), shape=tuple(z["shape"]))
    return X, y


def logaddexp0(z):
    return np.logaddexp(0.0, z)


def scores(X, W, b):
    return np.asarray(X @ W.T) + b


def objective(obj, C, X, y, W, b):
    """f of the module doc; W is (K', p), b is (K',), K' = 1 for binary objectives."""
    Z = scores(X, W, b)
    if obj in ("binary", "binary-pen"):
        z = Z[:, 0]
        f = C * float(np.sum(logaddexp0(z) - y * z)) + 0.5 * float(np.sum(W * W))
        if obj == "binary-pen":
            f += 0.5 * float(np.sum(b * b))
        return f
    if obj == "multinomial":
        m = Z.max(axis=1, keepdims=True)
        lse = m[:, 0] + np.log(np.sum(np.exp(Z - m), axis=1))
        return C * float(np.sum(lse - Z[np.arange(len(y)), y])) + 0.5 * float(np.sum(W * W))
    if obj == "ovr-pen":
        Y = (y[:, None] == np.arange(W.shape[0])[None, :]).astype(np.float64)
        return (C * float(np.sum(logaddexp0(Z) - Y * Z)) + 0.5 * float(np.sum(W * W))
                + 0.5 * float(np.sum(b * b)))
    raise ValueError(obj)


def proba(obj, X, W, b):
    Z = scores(X, W, b)
    if obj in ("binary", "binary-pen"):
        p1 = 1.0 / (1.0 + np.exp(-Z[:, 0]))
        return np.stack([1.0 - p1, p1], axis=1)
    if obj == "multinomial":
        E = np.exp(Z - Z.max(axis=1, keepdims=True))
        return E / E.sum(axis=1, keepdims=True)
    S = 1.0 / (1.0 + np.exp(-Z))  # one-vs-rest, normalized as scikit-learn
    return S / S.sum(axis=1, keepdims=True)


def metrics(obj, X, y, W, b):
    P = proba(obj, X, W, b)
    pt = np.clip(P[np.arange(len(y)), y], CLIP, 1.0)
    acc = float(np.mean(np.argmax(P, axis=1) == y))
    return float(np.mean(-np.log(pt))), acc


def binary(obj):
    return obj in ("binary", "binary-pen")


def with_ones(X):
    from scipy import sparse

    if sparse.issparse(X):
        return sparse.hstack([X, np.ones((X.shape[0], 1))], format="csr")
    return np.hstack([X, np.ones((X.shape[0], 1))])


class SKLearn:
    """LogisticRegression; penalized intercepts by a column of ones (fit_intercept=False)."""

    def __init__(self, solver, obj, C, X, y):
        from sklearn.linear_model import LogisticRegression

        self.LR, self.solver, self.obj, self.C, self.y = LogisticRegression, solver, obj, C, y
        self.pen = obj.endswith("-pen") and solver != "liblinear"
        self.X = with_ones(X) if self.pen else X
        ncores = os.cpu_count() or 1
        # OPENBLAS_NUM_THREADS is set by run.sh; n_jobs is unused by these solvers.
        self.ncores = ncores

    can_cap = True  # max_iter caps the iterations (see main's sweep)

    def fit(self, tol, max_iter=None):
        kw = dict(C=self.C, solver=self.solver, tol=tol, max_iter=10000)
        if self.solver == "liblinear":
            kw.update(intercept_scaling=1.0, max_iter=1000)  # -B 1: bias penalized
        elif not binary(self.obj) and self.obj == "multinomial":
            kw["multi_class"] = "multinomial"
        elif self.obj == "ovr-pen":
            kw["multi_class"] = "ovr"
        if max_iter is not None:
            kw["max_iter"] = max_iter
        if self.pen:
            kw["fit_intercept"] = False
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t = time.perf_counter()
            m = self.LR(**kw).fit(self.X, self.y)
            dt = time.perf_counter() - t
        W = np.array(m.coef_, dtype=np.float64)
        b = np.array(m.intercept_, dtype=np.float64) * np.ones(W.shape[0])
        if self.pen:
            W, b = W[:, :-1], W[:, -1].copy()
        return dt, W, b, int(np.max(m.n_iter_))


class Torch:
    """Full-batch torch.optim.LBFGS on f in float64; tolerance relative to max|grad f(0)|."""

    def __init__(self, obj, C, X, y):
        import torch

        torch.set_num_threads(os.cpu_count() or 1)
        self.torch, self.obj, self.C = torch, obj, C
        from scipy import sparse

        if sparse.issparse(X):
            X = X.tocoo()
            self.X = torch.sparse_coo_tensor(np.vstack([X.row, X.col]), X.data, X.shape,
                                             dtype=torch.float64).coalesce()
        else:
            self.X = torch.from_numpy(np.ascontiguousarray(X))
        self.K = 1 if binary(obj) else int(y.max()) + 1
        self.y = torch.from_numpy(y)
        self.yf = self.y.to(torch.float64)
        self.p = X.shape[1]

    def loss(self, W, b):
        t = self.torch
        Z = t.sparse.mm(self.X, W.T) if self.X.is_sparse else self.X @ W.T
        Z = Z + b
        if binary(self.obj):
            z = Z[:, 0]
            f = self.C * t.sum(t.nn.functional.softplus(z) - self.yf * z) + 0.5 * t.sum(W * W)
            if self.obj == "binary-pen":
                f = f + 0.5 * t.sum(b * b)
            return f
        f = self.C * t.nn.functional.cross_entropy(Z, self.y, reduction="sum")
        return f + 0.5 * t.sum(W * W)

    can_cap = True

    def fit(self, tol, max_iter=None):
        t = self.torch
        W = t.zeros((self.K, self.p), dtype=t.float64, requires_grad=True)
        b = t.zeros(self.K, dtype=t.float64, requires_grad=True)
        t0 = time.perf_counter()
        f0 = self.loss(W, b)
        g = t.autograd.grad(f0, [W, b])
        gmax = max(float(g[0].abs().max()), float(g[1].abs().max()))
        opt = t.optim.LBFGS([W, b], lr=1, max_iter=max_iter or 100000, max_eval=1000000,
                            tolerance_grad=tol * gmax, tolerance_change=0.0,
                            history_size=10, line_search_fn="strong_wolfe")

        def closure():
            opt.zero_grad()
            f = self.loss(W, b)
            f.backward()
            return f

        opt.step(closure)
        dt = time.perf_counter() - t0
        n_iter = opt.state[opt._params[0]].get("n_iter", 0)
        return dt, W.detach().numpy().copy(), b.detach().numpy().copy(), int(n_iter)


class Liblinear:
    """LIBLINEAR 2.3 through its own Python interface (python3-liblinear), -s 0 -B 1."""

    def __init__(self, obj, C, X, y):
        from scipy import sparse

        import liblinear
        import liblinearutil

        # Debian's python3-liblinear 2.3 calls NumPy functions through the name scipy
        # (scipy.ctypeslib, scipy.empty, ...), which SciPy 1.10 no longer re-exports;
        # every name it uses is NumPy's, so point both modules at NumPy.
        liblinear.scipy = np
        liblinearutil.scipy = np
        self.ll, self.llu, self.C = liblinear, liblinearutil, C
        Xc = X if sparse.issparse(X) else sparse.csr_matrix(X)
        self.prob = liblinear.problem(y.astype(np.float64), Xc)
        self.p = X.shape[1]
        self.K = 1 if binary(obj) else int(y.max()) + 1

    can_cap = False  # LIBLINEAR 2.3 has no iteration cap

    def fit(self, tol, max_iter=None):
        param = self.ll.parameter("-s 0 -c %r -B 1 -e %r -q" % (self.C, tol))
        t = time.perf_counter()
        m = self.llu.train(self.prob, param)
        dt = time.perf_counter() - t
        labels = m.get_labels()
        W = np.zeros((self.K, self.p))
        b = np.zeros(self.K)
        if self.K == 1:
            w, bb = m.get_decfun(0)  # decision value > 0 means labels[0]
            s = 1.0 if labels[0] == 1 else -1.0
            W[0], b[0] = s * np.array(w), s * bb
        else:
            for k, lab in enumerate(labels):
                w, bb = m.get_decfun(k)
                W[int(lab)], b[int(lab)] = np.array(w), bb
        return dt, W, b, -1


def make(system, obj, C, X, y):
    if system.startswith("sklearn-"):
        return SKLearn(system[len("sklearn-"):], obj, C, X, y)
    if system == "torch-lbfgs":
        return Torch(obj, C, X, y)
    if system == "liblinear":
        return Liblinear(obj, C, X, y)
    raise SystemExit("peers.py: unknown system %r" % system)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--dataset", required=True)
    ap.add_argument("--system", required=True)
    ap.add_argument("--objective", required=True,
                    choices=["binary", "binary-pen", "multinomial", "ovr-pen"])
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--target", type=float)
    ap.add_argument("--ref", action="store_true")
    ap.add_argument("--budget", type=float, default=900.0,
                    help="give up the sweep after this many seconds of training")
    ap.add_argument("--min-time", type=float, default=1.0,
                    help="repeat a short successful run until this much time is spent")
    a = ap.parse_args()
    X, y = load(a.data, a.dataset, "train")
    Xte, yte = load(a.data, a.dataset, "test")
    out = {"dataset": a.dataset, "system": a.system, "objective": a.objective, "C": a.C}
    if a.ref:
        sysname = "sklearn-newton-cg"
        r = make(sysname, a.objective, a.C, X, y)
        dt, W, b, it = r.fit(1e-8)
        out.update(system=sysname + " tol=1e-8", seconds=dt, f=objective(a.objective, a.C, X, y, W, b),
                   iters=it)
    else:
        r = make(a.system, a.objective, a.C, X, y)
        spent, best = 0.0, None
        out.update(target=a.target, reached=False)
        for tol in TOLS:
            dt, W, b, it = r.fit(tol)
            spent += dt
            f = objective(a.objective, a.C, X, y, W, b)
            if best is None or f < best[0]:
                best = (f, tol, dt, W, b, it)
            if f <= a.target:
                cap = None
                if tol == TOLS[0] and r.can_cap:
                    out["cap_swept"] = True
                    # Met at the loosest tolerance: fewer iterations might do too,
                    # so cap them, one fewer at a time, while the target holds.
                    for k in range(it - 1, 0, -1):
                        dtk, Wk, bk, itk = r.fit(tol, max_iter=k)
                        fk = objective(a.objective, a.C, X, y, Wk, bk)
                        if fk > a.target:
                            break
                        dt, W, b, it, f, cap = dtk, Wk, bk, itk, fk, k
                        out["max_iter"] = k
                times = [dt]
                while (sum(times) < a.min_time or (len(times) < 3 and times[0] < 10)) \
                        and len(times) < 21:
                    times.append(r.fit(tol, max_iter=cap)[0])
                out.update(reached=True, loosest_tol=(tol == TOLS[0]),
                           seconds=float(np.median(times)), runs=len(times),
                           tol=tol, f=f, iters=it)
                break
            if spent > a.budget:
                break
        if not out["reached"]:
            f, tol, dt, W, b, it = best
            out.update(seconds=spent, tol=tol, f=f, iters=it, runs=0)
        else:
            f, W, b = out["f"], W, b
        out["test_logloss"], out["test_accuracy"] = metrics(a.objective, Xte, yte, W, b)
        out["train_logloss"] = metrics(a.objective, X, y, W, b)[0]
    out["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    sys.exit(main())
