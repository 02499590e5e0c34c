package metrics

import (
	"math"
	"strconv"
)

// BinarySummary holds the usual metrics of a binary classifier's predicted
// probabilities.
type BinarySummary struct {
	N         int     // number of samples
	Positives int     // number of samples of label 1
	LogLoss   float64 // LogLoss{Labels: []int{0, 1}}: scikit-learn 1.2's log_loss
	Brier     float64 // Brier score
	Accuracy  float64 // accuracy of predicting 1 when p > 0.5
	ROCAUC    float64 // area under the ROC curve; NaN when y holds one class only
	ECE       float64 // expected calibration error over 10 uniform bins
	MCE       float64 // maximum calibration error over the same bins
}

// Binary returns the summary metrics of the probabilities p of label 1 for
// the labels y, each 0 or 1. The predicted label for accuracy is 1 when
// p > 0.5, as scikit-learn's LogisticRegression.predict. The errors wrap
// [ErrEmpty], [ErrLength], [ErrUnknownLabel], [ErrNaN], [ErrInf] or
// [ErrRange].
func Binary(y []int, p []float64) (BinarySummary, error) {
	var s BinarySummary
	n := len(y)
	if n == 0 {
		return s, argErr("y_true", "", ErrEmpty)
	}
	if len(p) != n {
		return s, lengthErr("y_prob", len(p), n)
	}
	hits := 0
	for i, yi := range y {
		if yi != 0 && yi != 1 {
			return s, &Error{Arg: "y_true", Row: i, Col: -1, Value: strconv.Itoa(yi), Detail: "want 0 or 1", Err: ErrUnknownLabel}
		}
		if err := checkProb("y_prob", i, -1, p[i]); err != nil {
			return s, err
		}
		s.Positives += yi
		if (p[i] > 0.5) == (yi == 1) {
			hits++
		}
	}
	s.N = n
	s.Accuracy = float64(hits) / float64(n)
	labels := []int{0, 1}
	var err error
	if s.LogLoss, err = (LogLoss{Labels: labels}).Eval(y, p, 1); err != nil {
		return s, err
	}
	if s.Brier, err = (Brier{Labels: labels}).Eval(y, p, 1); err != nil {
		return s, err
	}
	s.ROCAUC = math.NaN()
	if s.Positives > 0 && s.Positives < n {
		if s.ROCAUC, err = (ROCAUC{Labels: labels}).Eval(y, p, 1); err != nil {
			return s, err
		}
	}
	cv, err := CalibrationCurve{NBins: 10, Labels: labels}.Eval(nil, y, p)
	if err != nil {
		return s, err
	}
	s.ECE, s.MCE = cv.ECE(), cv.MCE()
	return s, nil
}
