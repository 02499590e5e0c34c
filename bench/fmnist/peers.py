#!/usr/bin/python3
"""Train scikit-learn's MLPClassifier and a PyTorch MLP on Fashion-MNIST with
the settings of the Go driver and print one RESULT line each (see main.go).

Usage: peers.py DATA_DIR EPOCHS BATCH ALPHA LR [sklearn|torch|torch1 ...]

torch uses as many threads as cores, torch1 one thread (on a loaded machine
PyTorch's OpenMP threads can spin against each other).

Data: the IDX files of Debian's dataset-fashion-mnist, pixel/255 in float64,
the original 60000/10000 split. Both systems: one hidden layer of 128 ReLU
units, Adam (lr, betas 0.9/0.999, eps 1e-8), mini-batches of BATCH samples
reshuffled every epoch, exactly EPOCHS epochs, L2 penalty alpha/(2*batch)
* sum ||W||^2 per batch on the weights only (scikit-learn's convention;
PyTorch gets it as an explicit term, not weight_decay, which would also
decay the biases), Glorot-uniform initialization as scikit-learn's.
PyTorch trains in float32 (its default) on the CPU with
torch.set_num_threads(os.cpu_count()).
"""
import gzip
import os
import sys
import time
import warnings

import numpy as np


def idx(path):
    with gzip.open(path, "rb") as f:
        b = f.read()
    nd = b[3]
    dims = [int.from_bytes(b[4 + 4 * i: 8 + 4 * i], "big") for i in range(nd)]
    return np.frombuffer(b, dtype=np.uint8, offset=4 + 4 * nd).reshape(dims)


def load(d, split):
    X = idx(os.path.join(d, split + "-images-idx3-ubyte.gz")).reshape(-1, 784).astype(np.float64) / 255.0
    y = idx(os.path.join(d, split + "-labels-idx1-ubyte.gz")).astype(np.int64)
    return X, y


def report(name, secs, epochs, proba, yte):
    from sklearn.metrics import log_loss
    acc = float((proba.argmax(axis=1) == yte).mean())
    ll = log_loss(yte, proba, labels=np.arange(10))
    print("RESULT\t%s\t%.3f\t%.4f\t%.4f\t%d" % (name, secs / epochs, acc, ll, epochs), flush=True)


def run_sklearn(Xtr, ytr, Xte, yte, epochs, batch, alpha, lr):
    import sklearn
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
    clf = MLPClassifier(hidden_layer_sizes=(128,), activation="relu", solver="adam", alpha=alpha,
                        batch_size=batch, learning_rate_init=lr, max_iter=epochs, tol=0.0,
                        n_iter_no_change=epochs + 1, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        t = time.perf_counter()
        clf.fit(Xtr, ytr)
        secs = time.perf_counter() - t
    print("sklearn %s: %d epochs, last loss %.5f" % (sklearn.__version__, clf.n_iter_, clf.loss_), file=sys.stderr)
    report("scikit-learn %s (float64)" % sklearn.__version__, secs, clf.n_iter_, clf.predict_proba(Xte), yte)


def run_torch(Xtr, ytr, Xte, yte, epochs, batch, alpha, lr, threads=None):
    import torch
    torch.set_num_threads(threads or os.cpu_count())
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
    with torch.no_grad():
        for layer in (net[0], net[2]):
            bound = np.sqrt(6.0 / (layer.in_features + layer.out_features))
            layer.weight.uniform_(-bound, bound)
            layer.bias.uniform_(-bound, bound)
    opt = torch.optim.Adam(net.parameters(), lr=lr, betas=(0.9, 0.999), eps=1e-8)
    X = torch.tensor(Xtr, dtype=torch.float32)
    y = torch.tensor(ytr)
    n = X.shape[0]
    g = torch.Generator().manual_seed(0)
    t = time.perf_counter()
    for epoch in range(epochs):
        perm = torch.randperm(n, generator=g)
        total = 0.0
        for s in range(0, n, batch):
            idx = perm[s:s + batch]
            out = net(X[idx])
            loss = torch.nn.functional.cross_entropy(out, y[idx])
            loss = loss + alpha / (2 * len(idx)) * (net[0].weight.square().sum() + net[2].weight.square().sum())
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        print("torch epoch %d: loss %.5f, %.1f s" % (epoch + 1, total / n, time.perf_counter() - t), file=sys.stderr)
    secs = time.perf_counter() - t
    with torch.no_grad():
        proba = torch.softmax(net(torch.tensor(Xte, dtype=torch.float32)), dim=1).double().numpy()
    report("PyTorch %s (float32, %d threads)" % (torch.__version__, torch.get_num_threads()), secs, epochs, proba, yte)


def main():
    d, epochs, batch, alpha, lr = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
    systems = sys.argv[6:] or ["sklearn", "torch"]
    Xtr, ytr = load(d, "train")
    Xte, yte = load(d, "t10k")
    for s in systems:
        if s == "torch1":
            run_torch(Xtr, ytr, Xte, yte, epochs, batch, alpha, lr, threads=1)
        else:
            {"sklearn": run_sklearn, "torch": run_torch}[s](Xtr, ytr, Xte, yte, epochs, batch, alpha, lr)


if __name__ == "__main__":
    main()
