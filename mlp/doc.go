// Package mlp implements the multilayer perceptron classifier: fully
// connected hidden layers with ReLU, tanh or sigmoid units, a softmax output
// for K > 2 classes or a single sigmoid unit for two (as scikit-learn's
// MLPClassifier), trained by minimizing the cross-entropy with the solvers
// of package solve (Adam by default, SGD with momentum, or L-BFGS).
//
// # Objective
//
// For samples i with weights sᵢ (sample weight × class weight; 1 when
// neither is given), the objective is scikit-learn's (release 1.7 and later,
// which added sample weights):
//
//	f(W, b) = (1/Σᵢsᵢ)·Σᵢ sᵢ·logloss(i) + (alpha/(2·Σᵢsᵢ))·Σ_l ‖W_l‖²
//
// where logloss(i) = −Σₖ tᵢₖ·log pᵢₖ is the cross-entropy of the predicted
// probabilities against the (optionally smoothed) one-hot target, the
// biases are not penalized, and with unit weights Σᵢsᵢ = n, the number of
// samples. The sums run over the samples of one evaluation: all of them
// for L-BFGS and [Objective.ValueGrad], those of the mini-batch for Adam and
// SGD, exactly as scikit-learn computes its loss and gradients per batch
// (so the same alpha regularizes a mini-batch run more strongly than a
// full-batch one, by n/batch size, in both libraries).
//
// The log loss is computed from the logits (softplus and log-softmax), so
// it is finite and accurate for every finite logit; scikit-learn clips the
// probabilities to [2.2e-16, 1−2.2e-16] before taking logs, which changes
// the loss of a sample only when its predicted probability of its class is
// below 2.2e-16. The gradients are the same: p − t at the output.
//
// # Parameters
//
// The parameters are one flat vector in scikit-learn's _pack order (every
// weight matrix, row-major fan_in×fan_out, then every bias vector); see
// [Objective]. A fitted [Model] holds them per layer in exported fields, in
// the same layout as scikit-learn's coefs_ and intercepts_.
//
// # Determinism and speed
//
// Initial weights, dropout masks, mini-batch order and the validation split
// come from PCG generators seeded by [Classifier.Seed]. Each mini-batch is
// densified with data.Matrix.DenseRows (sparse input too) and its layers are
// multiplied with gonum's blas64.Gemm in tiles of the output, spread over
// goroutines; every output element is summed in one fixed order, so a fit
// gives the same bits at any GOMAXPROCS. The workspace is allocated once per
// fit.
//
// # Early stopping
//
// With [Classifier.EarlyStopping], training stops when the validation log
// loss has not decreased for NoChange epochs and the weights of the best
// epoch are restored. scikit-learn monitors validation accuracy instead;
// xent uses the log loss, the quantity it optimizes.
package mlp
