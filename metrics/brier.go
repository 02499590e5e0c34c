package metrics

// Brier configures the Brier score, as scikit-learn's brier_score_loss. The
// zero value is its default call.
type Brier struct {
	// Labels lists the classes; nil means the distinct values of y_true.
	// With k = 1 columns it must hold exactly two labels, the larger being
	// the positive class (an xent extension: scikit-learn ignores labels for
	// 1-D probabilities). With k ≥ 2 the labels are sorted and deduplicated
	// and column j belongs to the j-th smallest, as for [LogLoss].
	Labels []int
	// SampleWeight holds one non-negative weight per sample; nil means all
	// ones.
	SampleWeight []float64
}

// Eval returns the Brier score of the probabilities yProb, a row-major n×k
// matrix, for the n true labels yTrue, with s the sample weights.
//
// With k = 1, yProb holds the probability of the positive class ([PositiveLabel]:
// the larger label) and, as scikit-learn 1.2.1's brier_score_loss,
//
//	brier = Σ s_i (1[y_i = pos] - p_i)² / Σ s_i
//
// With k ≥ 2 columns, one per class, it is scikit-learn ≥ 1.7's multiclass
// brier_score_loss with scale_by_half="auto": the weighted mean over samples
// of the squared distance between the one-hot truth and the row,
//
//	brier = Σ_i s_i Σ_j (1[y_i = class_j] - p_ij)² / Σ s_i
//
// halved when k = 2, so that two columns [1-p, p] give the binary score.
// Rows are not required to sum to 1.
//
// Eval allocates only when there are more than 8 classes. The errors wrap
// [ErrEmpty], [ErrLength], [ErrShape], [ErrClasses], [ErrUnknownLabel],
// [ErrNaN], [ErrInf], [ErrRange], [ErrNegativeWeight] or [ErrZeroWeight].
func (b Brier) Eval(yTrue []int, yProb []float64, k int) (float64, error) {
	n := len(yTrue)
	if n == 0 {
		return 0, argErr("y_true", "", ErrEmpty)
	}
	if err := checkMatrix("y_prob", yProb, n, k); err != nil {
		return 0, err
	}
	if err := checkWeights(b.SampleWeight, n); err != nil {
		return 0, err
	}
	var total, wsum accum
	if k == 1 {
		pos, err := PositiveLabel(yTrue, b.Labels)
		if err != nil {
			return 0, err
		}
		for i, y := range yTrue {
			p := yProb[i]
			if err := checkProb("y_prob", i, -1, p); err != nil {
				return 0, err
			}
			t := 0.0
			if y == pos {
				t = 1
			}
			d := t - p
			if b.SampleWeight == nil {
				total.add(d * d)
			} else {
				total.add(d * d * b.SampleWeight[i])
				wsum.add(b.SampleWeight[i])
			}
		}
	} else {
		var cs classSet
		if err := cs.forColumns("y_prob", b.Labels, yTrue, k); err != nil {
			return 0, err
		}
		for i, y := range yTrue {
			c := cs.index(y)
			if c < 0 {
				return 0, unknownLabel(i, y)
			}
			var r float64
			for j, p := range yProb[i*k : i*k+k] {
				if err := checkProb("y_prob", i, j, p); err != nil {
					return 0, err
				}
				t := 0.0
				if j == c {
					t = 1
				}
				r += float64((t - p) * (t - p)) // rounded product, as numpy
			}
			if b.SampleWeight == nil {
				total.add(r)
			} else {
				total.add(r * b.SampleWeight[i])
				wsum.add(b.SampleWeight[i])
			}
		}
	}
	var score float64
	if b.SampleWeight == nil {
		score = total.sum() / float64(n)
	} else {
		ws := wsum.sum()
		if ws == 0 {
			return 0, argErr("sample_weight", "", ErrZeroWeight)
		}
		score = total.sum() / ws
	}
	if k == 2 {
		score *= 0.5
	}
	return score, nil
}
