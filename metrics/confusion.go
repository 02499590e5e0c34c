package metrics

import (
	"cmp"
	"slices"
	"strconv"
)

// Confusion configures a confusion matrix, as scikit-learn's
// confusion_matrix. The zero value is its default call.
type Confusion struct {
	// Labels lists the classes in the order of the rows and columns; nil
	// means the sorted distinct values of y_true and y_pred together.
	// Samples whose true or predicted label is not listed are left out, as
	// scikit-learn does. Labels must not repeat and at least one must occur
	// in y_true.
	Labels []int
	// SampleWeight holds one non-negative weight per sample; nil means all
	// ones.
	SampleWeight []float64
}

// ConfusionMatrix counts samples by true and predicted class.
type ConfusionMatrix struct {
	// Labels holds the class of each row and column.
	Labels []int
	// Counts is the K×K matrix, row-major, K = len(Labels): Counts[i*K+j] is
	// the summed weight of the samples of true class Labels[i] predicted as
	// Labels[j].
	Counts []float64
}

// Eval returns the confusion matrix of the predicted labels yPred against
// yTrue. The result is written to dst, reusing its slices; nil means
// allocate. The errors wrap [ErrEmpty], [ErrLength], [ErrLabels],
// [ErrNaN], [ErrInf] or [ErrNegativeWeight].
func (c Confusion) Eval(dst *ConfusionMatrix, yTrue, yPred []int) (*ConfusionMatrix, error) {
	n := len(yTrue)
	if n == 0 {
		return dst, argErr("y_true", "", ErrEmpty)
	}
	if len(yPred) != n {
		return dst, lengthErr("y_pred", len(yPred), n)
	}
	if err := checkWeights(c.SampleWeight, n); err != nil {
		return dst, err
	}
	if dst == nil {
		dst = new(ConfusionMatrix)
	}
	var labels []int
	if c.Labels == nil {
		labels = uniqueSorted(uniqueSorted(dst.Labels[:0], yTrue), yPred)
		slices.Sort(labels)
		labels = slices.Compact(labels)
	} else {
		if len(c.Labels) == 0 {
			return dst, argErr("labels", "no labels", ErrLabels)
		}
		labels = append(dst.Labels[:0], c.Labels...)
	}
	// index maps a label to its row; sorted holds (label, row) pairs.
	type pair struct{ label, row int }
	sorted := make([]pair, len(labels))
	for j, l := range labels {
		sorted[j] = pair{l, j}
	}
	slices.SortFunc(sorted, func(a, b pair) int { return cmp.Compare(a.label, b.label) })
	for j := 1; j < len(sorted); j++ {
		if sorted[j].label == sorted[j-1].label {
			return dst, &Error{Arg: "labels", Row: sorted[j].row, Col: -1, Value: strconv.Itoa(sorted[j].label), Detail: "repeated", Err: ErrLabels}
		}
	}
	index := func(y int) int {
		j, ok := slices.BinarySearchFunc(sorted, y, func(p pair, y int) int { return cmp.Compare(p.label, y) })
		if !ok {
			return -1
		}
		return sorted[j].row
	}
	k := len(labels)
	counts := slices.Grow(dst.Counts[:0], k*k)[:k*k]
	clear(counts)
	seen := false
	for i, y := range yTrue {
		r := index(y)
		if r < 0 {
			continue
		}
		seen = true
		col := index(yPred[i])
		if col < 0 {
			continue
		}
		counts[r*k+col] += weightAt(c.SampleWeight, i)
	}
	if !seen {
		return dst, argErr("labels", "none occurs in y_true", ErrLabels)
	}
	dst.Labels, dst.Counts = labels, counts
	return dst, nil
}

// K returns the number of classes.
func (m *ConfusionMatrix) K() int { return len(m.Labels) }

// At returns the summed weight of samples of true class Labels[i] predicted
// as Labels[j].
func (m *ConfusionMatrix) At(i, j int) float64 { return m.Counts[i*len(m.Labels)+j] }

// Support returns the row sums, the weight of each true class, appended to
// dst[:0] (nil means allocate).
func (m *ConfusionMatrix) Support(dst []float64) []float64 {
	k := m.K()
	dst = slices.Grow(dst[:0], k)[:k]
	for i := range k {
		s := 0.0
		for j := range k {
			s += m.Counts[i*k+j]
		}
		dst[i] = s
	}
	return dst
}

// PrecisionRecallF1 returns the precision, recall and F1 score of every
// class, as scikit-learn's precision_recall_fscore_support(average=None,
// zero_division=0): for class c with tp = Counts[c,c],
//
//	precision_c = tp / Σ_i Counts[i,c]   (0 when no sample is predicted c)
//	recall_c    = tp / Σ_j Counts[c,j]   (0 when no sample is of class c)
//	F1_c        = 2 precision_c recall_c / (precision_c + recall_c)   (0 when both are 0)
//
// A ratio whose denominator is 0 counts 0, scikit-learn's zero_division=0
// (its default "warn" gives the same numbers with a warning). The
// values equal scikit-learn's when every label of y_true and y_pred is in
// Labels (samples outside Labels are not in the matrix).
//
// The results are appended to precision[:0], recall[:0] and f1[:0]; nil
// means allocate, and buffers of capacity K make it allocation-free.
func (m *ConfusionMatrix) PrecisionRecallF1(precision, recall, f1 []float64) ([]float64, []float64, []float64) {
	k := m.K()
	precision = slices.Grow(precision[:0], k)[:k]
	recall = slices.Grow(recall[:0], k)[:k]
	f1 = slices.Grow(f1[:0], k)[:k]
	for c := range k {
		tp := m.Counts[c*k+c]
		var pred, actual float64
		for i := range k {
			pred += m.Counts[i*k+c]
			actual += m.Counts[c*k+i]
		}
		p, r := 0.0, 0.0
		if pred != 0 {
			p = tp / pred
		}
		if actual != 0 {
			r = tp / actual
		}
		f := 0.0
		if d := p + r; d != 0 {
			f = 2 * p * r / d
		}
		precision[c], recall[c], f1[c] = p, r, f
	}
	return precision, recall, f1
}
