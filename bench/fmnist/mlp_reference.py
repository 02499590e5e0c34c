#!/usr/bin/python3
"""Reference losses and gradients of tiny fixed MLPs for mlp/reference_test.go.

Run with Debian 12's /usr/bin/python3 (python3-sklearn 1.2.1, python3-torch
1.13.1, numpy 1.24.2):

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/fmnist/mlp_reference.py

It prints the Go table of mlp/reference_test.go. Parameters, inputs and
labels follow formulas that the Go test repeats exactly (every value is an
integer divided by 10 or 4, correctly rounded in both languages):

    parameter j (scikit-learn's _pack order) = ((37*j + 5) % 23 - 11) / 10
    X[i, c]                                  = ((5*i + 7*c + 3) % 13 - 6) / 4

Cases without sample weights and label smoothing are computed by
scikit-learn's own MLPClassifier._backprop (the per-batch loss and gradient
its solvers use); the others by PyTorch autograd in float64 on the
objective of package mlp (weighted mean cross-entropy with label smoothing
plus alpha/(2*sum(s)) * sum ||W||^2).
"""
import numpy as np
import sklearn
import torch
from sklearn.neural_network import MLPClassifier
from sklearn.neural_network._multilayer_perceptron import _pack

CASES = [
    # id, sizes, activation, alpha, y, sample weights, label smoothing, source
    ("sklearn/binary/relu", [3, 4, 1], "relu", 0.1, [0, 1, 1, 0, 1], None, 0.0, "sklearn"),
    ("sklearn/multi/tanh", [3, 4, 3, 3], "tanh", 0.05, [0, 1, 2, 1, 0], None, 0.0, "sklearn"),
    ("sklearn/multi/logistic", [3, 4, 3], "logistic", 0.2, [2, 0, 1, 1, 0], None, 0.0, "sklearn"),
    ("sklearn/binary/tanh/2layers", [3, 3, 2, 1], "tanh", 0.0, [1, 1, 0, 0, 1], None, 0.0, "sklearn"),
    ("torch/multi/relu/weights+smoothing", [3, 4, 3, 3], "relu", 0.1, [0, 1, 2, 1, 0],
     [0.5, 1.0, 2.0, 1.5, 0.25], 0.1, "torch"),
    ("torch/binary/logistic/weights+smoothing", [3, 5, 1], "logistic", 0.3, [1, 0, 0, 1, 1],
     [2.0, 0.5, 1.0, 0.75, 1.25], 0.2, "torch"),
]
N = 5


def params(sizes):
    count = sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))
    return np.array([((37 * j + 5) % 23 - 11) / 10 for j in range(count)])


def features(p):
    return np.array([[((5 * i + 7 * c + 3) % 13 - 6) / 4 for c in range(p)] for i in range(N)])


def unpack(theta, sizes):
    coefs, intercepts, off = [], [], 0
    for a, b in zip(sizes[:-1], sizes[1:]):
        coefs.append(theta[off:off + a * b].reshape(a, b))
        off += a * b
    for b in sizes[1:]:
        intercepts.append(theta[off:off + b])
        off += b
    return coefs, intercepts


def sklearn_case(sizes, act, alpha, y):
    X = features(sizes[0])
    coefs, intercepts = unpack(params(sizes), sizes)
    clf = MLPClassifier(hidden_layer_sizes=tuple(sizes[1:-1]), activation=act, alpha=alpha)
    clf.n_layers_ = len(sizes)
    clf.out_activation_ = "logistic" if sizes[-1] == 1 else "softmax"
    clf.coefs_ = [c.copy() for c in coefs]
    clf.intercepts_ = [b.copy() for b in intercepts]
    yv = np.array(y)
    Y = yv.reshape(-1, 1).astype(float) if sizes[-1] == 1 else np.eye(sizes[-1])[yv]
    L = len(sizes) - 1
    activations = [X] + [None] * L
    deltas = [None] * L
    cg = [np.empty((a, b)) for a, b in zip(sizes[:-1], sizes[1:])]
    ig = [np.empty(b) for b in sizes[1:]]
    loss, cg, ig = clf._backprop(X, Y, activations, deltas, cg, ig)
    # No pre-activation may sit near a ReLU kink.
    z = X
    for c, b in zip(coefs[:-1], intercepts[:-1]):
        z = z @ c + b
        assert np.abs(z).min() > 1e-3
        z = {"relu": np.maximum(z, 0), "tanh": np.tanh(z), "logistic": 1 / (1 + np.exp(-z))}[act]
    return loss, _pack(cg, ig)


def torch_case(sizes, act, alpha, y, sw, eps):
    X = torch.tensor(features(sizes[0]), dtype=torch.float64)
    theta = torch.tensor(params(sizes), dtype=torch.float64, requires_grad=True)
    coefs, intercepts = unpack(theta, sizes)
    f = {"relu": torch.relu, "tanh": torch.tanh, "logistic": torch.sigmoid}[act]
    h = X
    for i, (c, b) in enumerate(zip(coefs, intercepts)):
        h = h @ c + b
        if i < len(coefs) - 1:
            assert h.detach().abs().min() > 1e-3
            h = f(h)
    s = torch.tensor(sw, dtype=torch.float64)
    yv = torch.tensor(y)
    if sizes[-1] == 1:
        z = h[:, 0]
        t = (1 - eps) * yv.double() + eps / 2
        per = t * torch.nn.functional.softplus(-z) + (1 - t) * torch.nn.functional.softplus(z)
    else:
        per = torch.nn.functional.cross_entropy(h, yv, reduction="none", label_smoothing=eps)
    ssq = sum((c * c).sum() for c in coefs)
    loss = (s * per).sum() / s.sum() + alpha / (2 * s.sum()) * ssq
    loss.backward()
    return loss.item(), theta.grad.numpy()


def main():
    print("// Produced by bench/fmnist/mlp_reference.py: scikit-learn %s, PyTorch %s, numpy %s."
          % (sklearn.__version__, torch.__version__, np.__version__))
    for cid, sizes, act, alpha, y, sw, eps, src in CASES:
        if src == "sklearn":
            loss, grad = sklearn_case(sizes, act, alpha, y)
        else:
            loss, grad = torch_case(sizes, act, alpha, y, sw, eps)
        print("{id: %r, sizes: %s, act: %s, alpha: %r, y: %s, sw: %s, eps: %r," % (
            cid, "[]int{" + ", ".join(map(str, sizes)) + "}",
            {"relu": "mlp.ReLU", "tanh": "mlp.Tanh", "logistic": "mlp.Sigmoid"}[act], alpha,
            "[]int{" + ", ".join(map(str, y)) + "}",
            "nil" if sw is None else "[]float64{" + ", ".join(map(repr, sw)) + "}", eps))
        print("\tloss: %r," % float(loss))
        print("\tgrad: []float64{" + ", ".join(repr(float(g)) for g in grad) + "}},")


if __name__ == "__main__":
    main()
