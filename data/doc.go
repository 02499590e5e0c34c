// Package data holds datasets in memory: feature matrices behind one
// [Matrix] interface, class labels, sample weights and feature names.
//
// Four matrix layouts implement [Matrix]:
//
//   - [Dense]: row-major float64, the default for CSV input;
//   - [Dense32]: row-major float32 storage, float64 accumulation, half the
//     memory traffic of [Dense];
//   - [CSR]: compressed sparse rows with float64 values, the default for
//     LibSVM input;
//   - [CSR32]: compressed sparse rows with float32 values.
//
// Constructors validate once (shapes, finite values, sorted in-range column
// indices) and return an [*Error] naming the offending row and column; the
// kernels then trust their arguments. Every kernel accumulates in float64 and
// visits the data in a fixed order, so results do not depend on how callers
// split the rows among goroutines (see package internal/parallel).
//
// A [Dataset] pairs a [Matrix] with class indices, the original label text of
// each class (ordered as scikit-learn orders them, see [SortClasses]),
// optional sample weights and feature names. [StratifiedSplit] and
// [StratifiedKFold] produce seeded, deterministic index sets, and [Rows]
// gathers the rows of a split or fold.
package data
