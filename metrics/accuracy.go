package metrics

// Accuracy configures the accuracy of predicted labels, as scikit-learn's
// accuracy_score. The zero value is its default call.
type Accuracy struct {
	// SampleWeight holds one non-negative weight per sample; nil means all
	// ones.
	SampleWeight []float64
	// Reduction is Mean (the fraction correct, normalize=True, the zero
	// value) or Sum (the weighted count correct, normalize=False).
	Reduction Reduction
}

// Eval returns the accuracy of the predicted labels yPred against yTrue:
//
//	Σ s_i 1[yTrue_i = yPred_i] / Σ s_i   (Mean)   or   Σ s_i 1[yTrue_i = yPred_i]   (Sum)
//
// with s the sample weights. It allocates nothing. The errors wrap
// [ErrEmpty], [ErrLength], [ErrNaN], [ErrInf], [ErrNegativeWeight],
// [ErrZeroWeight] or [ErrOption].
func (a Accuracy) Eval(yTrue, yPred []int) (float64, error) {
	n := len(yTrue)
	if n == 0 {
		return 0, argErr("y_true", "", ErrEmpty)
	}
	if len(yPred) != n {
		return 0, lengthErr("y_pred", len(yPred), n)
	}
	if err := checkWeights(a.SampleWeight, n); err != nil {
		return 0, err
	}
	if a.Reduction != Mean && a.Reduction != Sum {
		return 0, &Error{Arg: "Reduction", Row: -1, Col: -1, Value: a.Reduction.String(), Err: ErrOption}
	}
	if a.SampleWeight == nil {
		hits := 0
		for i, y := range yTrue {
			if y == yPred[i] {
				hits++
			}
		}
		if a.Reduction == Sum {
			return float64(hits), nil
		}
		return float64(hits) / float64(n), nil
	}
	var hit, all accum
	for i, y := range yTrue {
		w := a.SampleWeight[i]
		if y == yPred[i] {
			hit.add(w)
		}
		all.add(w)
	}
	if a.Reduction == Sum {
		return hit.sum(), nil
	}
	ws := all.sum()
	if ws == 0 {
		return 0, argErr("sample_weight", "", ErrZeroWeight)
	}
	return hit.sum() / ws, nil
}
