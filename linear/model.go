package linear

import (
	"fmt"
	"math"
	"runtime"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/internal/parallel"
	"github.com/xent-ml/xent/solve"
	"github.com/xent-ml/xent/special"
)

// Model is a fitted linear classifier: K' weight vectors and intercepts on
// the original scale of the features, with K' = 1 for Binary and K' = K
// (NumClasses) for Multinomial and OneVsRest. The weights are plain data:
// Kind, NumClasses, Coef and Intercept are all a model file needs, and a
// Model built from them predicts as the fitted one.
type Model struct {
	// Kind is the model's form; the zero value is Binary.
	Kind Kind
	// NumClasses is K. 0 is taken as 2 for a Binary model.
	NumClasses int
	// Coef holds the weights, K'×p row-major: row k is the weight vector
	// of class k (of the positive class for Binary).
	Coef []float64
	// Intercept holds the K' intercepts (zeros when fitted without).
	Intercept []float64

	// Config is the configuration the model was fitted with, defaults
	// resolved (C, Tol, MaxIter, Solver), Callback and Validation cleared.
	Config Logistic
	// Standardization describes the internal standardization when
	// Config.Standardize was set, else nil.
	Standardization *Standardization
	// Result is the solver's report. For OneVsRest it summarizes the K
	// runs: F, FuncEvals, HessVecs and BatchEvals summed, Iterations the
	// largest, GradNorm the norm over all parameters, Converged when every
	// run converged and Status that of the first run that did not;
	// History is nil (see ClassResults).
	Result *solve.Result
	// ClassResults holds the report of each binary problem of OneVsRest,
	// nil for the other kinds.
	ClassResults []*solve.Result
}

// Standardization records the internal standardization of a fit: the
// model was trained on x̃_j = (x_j − Mean_j)/Scale_j, with parameters Coef
// and Intercept, and reports
//
//	Model.Coef[c,j]     = Coef[c,j] / Scale_j
//	Model.Intercept[c]  = Intercept[c] − Σ_j Mean_j · Model.Coef[c,j]
//
// so that both give the same scores.
type Standardization struct {
	// Mean holds the column means subtracted; nil when the data were only
	// scaled (sparse data, or no intercept).
	Mean []float64
	// Scale holds the population standard deviations (1 for a constant
	// column).
	Scale []float64
	// Coef and Intercept are the parameters on the standardized scale, in
	// the layout of Model.Coef and Model.Intercept.
	Coef, Intercept []float64
}

// numClasses returns K.
func (m *Model) numClasses() int {
	if m.Kind == Binary && m.NumClasses == 0 {
		return 2
	}
	return m.NumClasses
}

// numRows returns K'.
func (m *Model) numRows() int {
	if m.Kind == Binary {
		return 1
	}
	return m.NumClasses
}

// check validates the model's shapes.
func (m *Model) check() error {
	if m == nil {
		return fmt.Errorf("linear: nil model: %w", ErrNotFit)
	}
	switch m.Kind {
	case Binary:
		if k := m.numClasses(); k != 2 {
			return fmt.Errorf("linear: binary model with NumClasses = %d: %w", k, ErrShape)
		}
	case Multinomial, OneVsRest:
		if m.NumClasses < 2 {
			return fmt.Errorf("linear: %v model with NumClasses = %d: %w", m.Kind, m.NumClasses, ErrShape)
		}
	default:
		return fmt.Errorf("linear: Kind = %v: %w", m.Kind, ErrShape)
	}
	kp := m.numRows()
	if len(m.Coef) == 0 || len(m.Coef)%kp != 0 {
		return fmt.Errorf("linear: %d coefficients for %d weight vectors: %w", len(m.Coef), kp, ErrNotFit)
	}
	if len(m.Intercept) != kp {
		return fmt.Errorf("linear: %d intercepts for %d weight vectors: %w", len(m.Intercept), kp, ErrShape)
	}
	return nil
}

// NumFeatures returns p, the number of features the model takes (0 for a
// model without coefficients).
func (m *Model) NumFeatures() int {
	kp := m.numRows()
	if kp <= 0 {
		return 0
	}
	return len(m.Coef) / kp
}

// Classes returns K, the number of classes: the number of columns of
// PredictProba.
func (m *Model) Classes() int { return m.numClasses() }

// checkX validates the model against the n×p matrix x.
func (m *Model) checkX(x data.Matrix) (n int, err error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if data.IsNil(x) {
		return 0, fmt.Errorf("linear: nil matrix: %w", ErrShape)
	}
	n, p := x.Dims()
	if p != m.NumFeatures() {
		return 0, fmt.Errorf("linear: data have %d features, model %d: %w", p, m.NumFeatures(), ErrShape)
	}
	return n, nil
}

// predictBlock is the rows per block of the prediction passes.
func predictBlock(n, p, k int) int { return parallel.BlockRows(n, max(p*k, 1)) }

// scores writes the scores of rows [lo, hi) into dst (n×K').
func (m *Model) scores(dst []float64, x data.Matrix, lo, hi int) {
	kp := m.numRows()
	z := dst[lo*kp : hi*kp]
	if kp == 1 {
		x.MulVec(z, m.Coef, lo, hi)
	} else {
		x.MulMat(z, m.Coef, kp, lo, hi)
	}
	for i := 0; i < len(z); i += kp {
		for c, b := range m.Intercept {
			z[i+c] += b
		}
	}
}

// DecisionFunction writes the scores x·W_k + b_k of every row of x into
// dst, n×K' row-major (K' = 1 for Binary: the log-odds of class 1), and
// returns it. A nil or short dst is replaced by a new slice; with a long
// enough dst it does not allocate at GOMAXPROCS = 1. It returns an error
// wrapping ErrShape when x does not have the model's number of features.
func (m *Model) DecisionFunction(dst []float64, x data.Matrix) ([]float64, error) {
	n, err := m.checkX(x)
	if err != nil {
		return nil, err
	}
	kp := m.numRows()
	if len(dst) < n*kp {
		dst = make([]float64, n*kp)
	}
	dst = dst[:n*kp]
	br := predictBlock(n, m.NumFeatures(), kp)
	if runtime.GOMAXPROCS(0) == 1 || parallel.NumBlocks(n, br) <= 1 {
		// The same blocks on this goroutine, without the closure that
		// parallel.For would need (it escapes, so it allocates).
		for lo := 0; lo < n; lo += br {
			m.scores(dst, x, lo, min(lo+br, n))
		}
	} else {
		parallel.For(n, br, func(lo, hi int) { m.scores(dst, x, lo, hi) })
	}
	return dst, nil
}

// PredictProba writes the class probabilities of every row of x into dst,
// n×K row-major, and returns it:
//
//	Binary:       [1 − σ(z), σ(z)]                    (K = 2)
//	Multinomial:  softmax(z)
//	OneVsRest:    σ(z_k) / Σ_c σ(z_c)                  (scikit-learn's ovr)
//
// A nil or short dst is replaced by a new slice; with a long enough dst it
// does not allocate at GOMAXPROCS = 1. Rows sum to 1 within a few ulp. It
// returns an error wrapping ErrShape when x does not have the model's
// number of features.
func (m *Model) PredictProba(dst []float64, x data.Matrix) ([]float64, error) {
	n, err := m.checkX(x)
	if err != nil {
		return nil, err
	}
	k := m.numClasses()
	if len(dst) < n*k {
		dst = make([]float64, n*k)
	}
	dst = dst[:n*k]
	if _, err := m.DecisionFunction(dst, x); err != nil {
		return nil, err
	}
	switch m.Kind {
	case Binary:
		// Expand the n scores at the front of dst into n rows of two,
		// from the end so that no score is overwritten before it is read.
		for i := n - 1; i >= 0; i-- {
			z := dst[i]
			dst[2*i], dst[2*i+1] = special.Sigmoid(-z), special.Sigmoid(z)
		}
	case Multinomial:
		for i := 0; i < n; i++ {
			row := dst[i*k : (i+1)*k]
			special.Softmax(row, row)
		}
	case OneVsRest:
		// σ(z_k)/Σ_c σ(z_c) = softmax(log σ(z))_k, which stays defined
		// when every σ(z_c) underflows.
		for i := 0; i < n; i++ {
			row := dst[i*k : (i+1)*k]
			for c, z := range row {
				row[c] = special.LogSigmoid(z)
			}
			special.Softmax(row, row)
		}
	}
	return dst, nil
}

// Predict writes the predicted class of every row of x into dst and
// returns it: the class of the largest score (the first on ties, as
// numpy's argmax), which for Binary is 1 where x·w + b > 0, as
// scikit-learn's predict. A nil or short dst is replaced; it allocates the
// scores.
func (m *Model) Predict(dst []int, x data.Matrix) ([]int, error) {
	z, err := m.DecisionFunction(nil, x)
	if err != nil {
		return nil, err
	}
	kp := m.numRows()
	n := len(z) / kp
	if len(dst) < n {
		dst = make([]int, n)
	}
	dst = dst[:n]
	for i := range dst {
		if kp == 1 {
			dst[i] = 0
			if z[i] > 0 {
				dst[i] = 1
			}
			continue
		}
		row := z[i*kp : (i+1)*kp]
		best := 0
		for c, v := range row {
			if v > row[best] {
				best = c
			}
		}
		dst[i] = best
	}
	return dst, nil
}

// LogLoss returns the mean log loss of the model on x and y, weighted by
// sampleWeight (nil means all ones): Σ sᵢ·(−log P(yᵢ | xᵢ)) / Σ sᵢ, with
// the log-probabilities computed from the scores without clipping (exact in
// both tails). It returns an error for a label outside [0, K), a bad
// weight, weights that sum to 0, or mismatched shapes.
func (m *Model) LogLoss(x data.Matrix, y []int, sampleWeight []float64) (float64, error) {
	z, err := m.DecisionFunction(nil, x)
	if err != nil {
		return 0, err
	}
	n := len(y)
	if xn, _ := x.Dims(); xn != n {
		return 0, fmt.Errorf("linear: %d labels for %d rows: %w", n, xn, ErrShape)
	}
	if sampleWeight != nil && len(sampleWeight) != n {
		return 0, fmt.Errorf("linear: %d sample weights for %d rows: %w", len(sampleWeight), n, ErrShape)
	}
	k, kp := m.numClasses(), m.numRows()
	var sum, wsum float64
	for i, c := range y {
		if c < 0 || c >= k {
			return 0, fmt.Errorf("linear: y[%d] = %d, want a class in [0, %d): %w", i, c, k, ErrLabel)
		}
		s := 1.0
		if sampleWeight != nil {
			s = sampleWeight[i]
			if !(s >= 0) || math.IsInf(s, 0) {
				return 0, fmt.Errorf("linear: sampleWeight[%d] = %v, want a finite number ≥ 0: %w", i, s, ErrWeight)
			}
		}
		var l float64
		row := z[i*kp : (i+1)*kp]
		switch m.Kind {
		case Binary:
			if c == 1 {
				l = special.Softplus(-row[0])
			} else {
				l = special.Softplus(row[0])
			}
		case Multinomial:
			l = special.LogSumExp(row) - row[c]
		case OneVsRest:
			// −log(σ(z_c)/Σσ) = LSE(log σ(z)) − log σ(z_c).
			var ls [16]float64
			lsig := ls[:0]
			if kp > len(ls) {
				lsig = make([]float64, 0, kp)
			}
			for _, v := range row {
				lsig = append(lsig, special.LogSigmoid(v))
			}
			l = special.LogSumExp(lsig) - lsig[c]
		}
		sum += s * l
		wsum += s
	}
	if !(wsum > 0) {
		return 0, fmt.Errorf("linear: sample weights sum to %v: %w", wsum, ErrWeight)
	}
	return sum / wsum, nil
}
