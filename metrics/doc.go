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
// # Conventions
//
//   - [LogLoss] clips at machine epsilon (scikit-learn ≥ 1.2's eps="auto")
//     unless [Clipping] says otherwise, and by default divides each row by
//     its sum as scikit-learn 1.2 does, because the reference values follow
//     scikit-learn 1.2.1; [NoRenormalize] gives scikit-learn ≥ 1.5's values.
//   - [Brier] with one column per class is scikit-learn ≥ 1.7's multiclass
//     brier_score_loss (the sum over classes, halved for two columns).
//   - [ROCAUC] with one column per class is the one-vs-rest macro average.
//   - Precision, recall and F1 count a ratio with a zero denominator as 0
//     (scikit-learn's zero_division=0).
//   - The positive class of a binary problem is the larger label
//     ([PositiveLabel] gives the details).
//
// # Summation
//
// Sums that make a result (means, weighted sums, the ROC area) are
// compensated (Neumaier's variant of Kahan summation), so they are within a
// few units in the last place of the exact sum of the per-sample terms,
// whatever the number of samples. The per-sample terms, the running sums of
// the ROC curve and the bin sums of calibration curves are formed in
// scikit-learn's and numpy's order of operations.
package metrics
