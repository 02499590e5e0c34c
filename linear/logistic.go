package linear

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/solve"
)

// Errors returned by Fit and PredictProba, for errors.Is.
var (
	ErrShape   = errors.New("shape mismatch")
	ErrLabel   = errors.New("label out of range")
	ErrWeight  = errors.New("invalid sample weight")
	ErrSetting = errors.New("invalid setting")
)

// Logistic configures binary logistic regression: the sigmoid hypothesis
// P(y = 1 | x) = σ(x·w + b) fitted by minimizing the objective of the
// package doc. The zero value is scikit-learn's LogisticRegression default
// (C = 1, intercept fitted, tolerance 1e-4), trained by batch gradient
// descent.
type Logistic struct {
	// C is the inverse regularization strength, exactly scikit-learn's C
	// and LIBLINEAR's -c. 0 means 1; it must be positive.
	C float64

	// NoIntercept fits the model without an intercept b.
	NoIntercept bool

	// Solver minimizes the objective. Nil means
	// solve.GradientDescent{Settings: {Tol: Tol, MaxIter: MaxIter}}.
	Solver solve.Solver

	// Tol is the default solver's stopping tolerance: it stops when
	// ‖∇f‖ ≤ Tol·‖∇f(0)‖. 0 means 1e-4 (scikit-learn's default). Ignored
	// when Solver is set.
	Tol float64

	// MaxIter bounds the default solver's iterations; 0 means 1000.
	// Ignored when Solver is set.
	MaxIter int

	// Callback, when set, is called by the default solver after every
	// iteration (for progress reports); returning true stops the run.
	// Ignored when Solver is set.
	Callback func(solve.Iteration) (stop bool)
}

// Model is a fitted binary logistic regression.
type Model struct {
	// Coef holds the weights w, one per feature.
	Coef []float64
	// Intercept is b (0 when fitted without one).
	Intercept float64
	// Result is the solver's report: status, iterations, history.
	Result *solve.Result
}

// Fit trains the model on x (n×p) with labels y in {0, 1} and optional
// sample weights (nil means all ones). It returns an error naming the index
// of a label outside {0, 1} or a negative or non-finite weight, and an error
// if the shapes do not match. A run that stops before converging is not an
// error: check Model.Result.Converged.
func (cfg Logistic) Fit(ctx context.Context, x data.Matrix, y []int, sampleWeight []float64) (*Model, error) {
	c := cfg.C
	if c == 0 {
		c = 1
	}
	if !(c > 0) || math.IsInf(c, 0) {
		return nil, fmt.Errorf("linear: C = %v, want a positive number: %w", cfg.C, ErrSetting)
	}
	n, p := x.Dims()
	if n == 0 {
		return nil, fmt.Errorf("linear: no samples: %w", ErrShape)
	}
	if len(y) != n {
		return nil, fmt.Errorf("linear: %d labels for %d rows: %w", len(y), n, ErrShape)
	}
	for i, v := range y {
		if v != 0 && v != 1 {
			return nil, fmt.Errorf("linear: y[%d] = %d, want 0 or 1: %w", i, v, ErrLabel)
		}
	}
	if sampleWeight != nil {
		if len(sampleWeight) != n {
			return nil, fmt.Errorf("linear: %d sample weights for %d rows: %w", len(sampleWeight), n, ErrShape)
		}
		for i, v := range sampleWeight {
			if !(v >= 0) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("linear: sampleWeight[%d] = %v, want a finite number ≥ 0: %w", i, v, ErrWeight)
			}
		}
	}
	obj := newBinaryObjective(x, y, sampleWeight, c, !cfg.NoIntercept)
	solver := cfg.Solver
	if solver == nil {
		solver = solve.GradientDescent{Settings: solve.Settings{Tol: cfg.Tol, MaxIter: cfg.MaxIter, Callback: cfg.Callback}}
	}
	res, err := solver.Minimize(ctx, obj, nil)
	if err != nil {
		return nil, fmt.Errorf("linear: %w", err)
	}
	m := &Model{Coef: append([]float64(nil), res.X[:p]...), Result: res}
	if !cfg.NoIntercept {
		m.Intercept = res.X[p]
	}
	return m, nil
}

// NumFeatures returns the number of features the model takes.
func (m *Model) NumFeatures() int { return len(m.Coef) }

// PredictProba writes P(y = 1 | xᵢ) for every row of x into dst and returns
// it; a nil or short dst is replaced by a new slice of length n.
func (m *Model) PredictProba(dst []float64, x data.Matrix) ([]float64, error) {
	n, p := x.Dims()
	if p != len(m.Coef) {
		return nil, fmt.Errorf("linear: data has %d features, model %d: %w", p, len(m.Coef), ErrShape)
	}
	if len(dst) < n {
		dst = make([]float64, n)
	}
	dst = dst[:n]
	predictBinary(dst, x, m.Coef, m.Intercept)
	return dst, nil
}

// Predict writes the predicted label of every row of x into dst and returns
// it: 1 where P(y = 1 | x) > 0.5, else 0 (as scikit-learn, a tie goes to 0).
func (m *Model) Predict(dst []int, x data.Matrix) ([]int, error) {
	proba, err := m.PredictProba(nil, x)
	if err != nil {
		return nil, err
	}
	if len(dst) < len(proba) {
		dst = make([]int, len(proba))
	}
	dst = dst[:len(proba)]
	for i, q := range proba {
		dst[i] = 0
		if q > 0.5 {
			dst[i] = 1
		}
	}
	return dst, nil
}

// Objective returns f(w, b) of the package doc for the model's parameters
// on x, y and sampleWeight with regularization c, for checking optima.
func Objective(m *Model, x data.Matrix, y []int, sampleWeight []float64, c float64) float64 {
	obj := newBinaryObjective(x, y, sampleWeight, c, true)
	params := append(append([]float64(nil), m.Coef...), m.Intercept)
	return obj.ValueGrad(nil, params)
}
