// Package calibrate fits post-hoc calibration maps for predicted class
// probabilities on held-out data and applies them, so that a model's
// probabilities match observed frequencies better (lower log loss).
//
// Three methods are provided, each a struct with exported, JSON-tagged
// parameters, so that a model file stores them:
//
//   - [Temperature]: temperature scaling (Guo, Pleiss, Sun and Weinberger,
//     "On Calibration of Modern Neural Networks", ICML 2017): the
//     log-probabilities are divided by one T > 0 and passed through softmax;
//     T minimizes the negative log-likelihood. It keeps the ranking of the
//     classes (and the predicted class) and suits softmax outputs.
//   - [Platt]: Platt scaling (Platt, "Probabilistic Outputs for Support
//     Vector Machines", 1999; Lin, Lin and Weng, 2007): σ(a·logit(p) + b)
//     fitted by Newton's method on the log loss against Platt's smoothed
//     targets, as scikit-learn's _sigmoid_calibration; one-vs-rest with
//     renormalization for more than two classes, as CalibratedClassifierCV.
//   - [Isotonic]: isotonic regression by pool-adjacent-violators, as
//     scikit-learn's IsotonicRegression(out_of_bounds="clip"); one-vs-rest
//     with renormalization for more than two classes.
//
// Every method has the same two calls: Fit(probs, k, y, sampleWeight) on
// held-out probabilities and Apply(dst, probs, k) on new ones. Probabilities
// are n×k row-major with k ≥ 2 classes (a binary model gives the two
// columns [1−p, p]); y holds class indices in [0, k); a nil sampleWeight
// means all ones. [Model] is the tagged union a model file stores.
//
// The calibration data must hold at least two classes; [Platt] and
// [Isotonic] with k > 2 need every class, since each fits a curve on "this
// class or not" and a class without positives would get a curve near 0
// (Fit returns an error wrapping [ErrClasses] naming the class).
// [Temperature] fits one parameter and accepts absent classes.
//
// # Logits
//
// Temperature and Platt work on log-probabilities. Each probability is
// clipped below at 2⁻¹⁰²² (the smallest normal float64) before its logarithm
// is taken, so that an exact zero (an underflowed probability) gives the
// finite log −708.4 rather than −∞. For two classes the logit of the positive
// class is log p₁ − log p₀, computed from both columns, which keeps its
// accuracy when p₁ is close to 1; for more classes it is log p − log1p(−p), with the same clipping.
//
// # Errors
//
// Bad input gives an [*Error] naming the argument and its index, wrapping a
// sentinel of package data ([data.ErrShape], [data.ErrNotFinite],
// [data.ErrIndex], [data.ErrWeight]) or of this package ([ErrProbability],
// [ErrNotFitted], [ErrInvalid], [ErrClasses]), for example
//
//	calibrate: probs[4, 1] = 1.5: probability not in [0, 1]
package calibrate
