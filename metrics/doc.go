// Package metrics evaluates predicted probabilities: log loss, Brier score,
// accuracy, ROC AUC and the ROC curve, calibration curves with expected and
// maximum calibration error, and the confusion matrix with per-class
// precision, recall and F1.
//
// Every metric follows scikit-learn, version 1.2.1 unless a doc comment says
// otherwise, and is tested against reference values it produced (see
// testdata/golden/README.md at the module root). Where scikit-learn's
// behaviour changed between versions, the choice is an option named by a
// typed constant whose zero value is the 1.2.1 behaviour.
//
// # Shapes and labels
//
// True classes are []int labels: 0..K-1 or any other integers, as in
// scikit-learn. Where probabilities have one column per class, the classes
// are the sorted distinct values of the metric's Labels option when it is
// set, else of y_true, and column j belongs to the j-th smallest class.
// Probabilities are a row-major n×k []float64 with k explicit; k = 1 means a
// binary problem given by the probability (or score) of the larger of the
// two labels, as scikit-learn's 1-D y_prob.
//
// Optional per-sample weights are nil slices meaning "all ones".
//
// # Errors
//
// Bad input is an error, never a panic: every function returns an [*Error]
// that names the argument and, where there is one, the index at fault, and
// wraps one of the sentinel causes ([ErrNaN], [ErrRange], [ErrUnknownLabel],
// …) for [errors.Is].
//
// # Summation
//
// Sums over samples are compensated (Neumaier's variant of Kahan
// summation), so a result is within a few units in the last place of the
// exactly summed per-sample terms, whatever the number of samples. The
// per-sample terms themselves are formed in scikit-learn's order of
// operations.
package metrics
