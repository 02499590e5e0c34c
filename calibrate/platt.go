package calibrate

import (
	"fmt"
	"math"
)

// Platt is Platt scaling: the probability of a class becomes
//
//	q = σ(a · logit(p) + b),  σ(u) = 1/(1+exp(−u)),
//
// with logit as described in the package documentation. For two classes
// there is one pair (A[0], B[0]) for the positive class (column 1), and the
// row becomes [1−q, q]. For k > 2 classes there is one pair per class, fitted
// one-vs-rest, and each row of the k values q_j is divided by its sum (the
// uniform distribution when the sum is 0), as scikit-learn's
// CalibratedClassifierCV(method="sigmoid") with a classifier whose
// decision_function returns logit(p).
//
// scikit-learn stores the opposite signs: its a_ and b_ are −A and −B
// (_SigmoidCalibration predicts expit(−(a_·F + b_))).
//
// The zero value is not fitted: Apply returns an error wrapping
// [ErrNotFitted].
type Platt struct {
	// A holds the slope of each calibrated column: 1 value for two
	// classes, k values for k > 2.
	A []float64 `json:"a"`
	// B holds the intercepts, as many as A.
	B []float64 `json:"b"`
}

// columns returns the number of calibrated columns for k classes: 1 for a
// binary problem, k otherwise.
func columns(k int) int {
	if k == 2 {
		return 1
	}
	return k
}

// Fit fits one (a, b) pair per calibrated column by minimizing the
// weighted log loss against Platt's smoothed targets, as scikit-learn 1.2's
// _sigmoid_calibration:
//
//	t_i = (N₊ + 1)/(N₊ + 2) for a positive sample, 1/(N₋ + 2) for a negative one,
//	L(a, b) = Σ_i w_i (t_i · softplus(−u_i) + (1 − t_i) · softplus(u_i)),  u_i = a·F_i + b,
//
// where F_i = logit(p_i) and N₊, N₋ are the summed weights of the positive
// and negative samples. scikit-learn minimizes L with BFGS from
// (a, b) = (0, log((N₊+1)/(N₋+1))) to a gradient tolerance of 1e-5; Fit starts
// there too but runs Newton's method with a backtracking (Armijo) line search,
// and a 1e-12 ridge on the Hessian (Lin, Lin and Weng, "A note on Platt's
// probabilistic outputs for support vector machines", Machine Learning 68,
// 2007) until the Newton decrement falls below 1e-13 of the loss (then a
// last full step), at most 100 steps, so its optimum is the more precise one
// (the two agree to about 1e-7 relative, or 1e-6 absolute for intercepts
// near 0).
//
// A nil sampleWeight means all ones. Errors name the argument and index (see
// [Error]); fewer than two classes occurring in y (with positive weight), or
// for k > 2 any class that never occurs, is an error wrapping [ErrClasses]
// that names the class. pl is unchanged on error.
func (pl *Platt) Fit(probs []float64, k int, y []int, sampleWeight []float64) error {
	n, err := checkFit(probs, k, y, sampleWeight, true)
	if err != nil {
		return err
	}
	m := columns(k)
	a, b := make([]float64, m), make([]float64, m)
	f := make([]float64, n)
	pos := make([]bool, n)
	for c := range m {
		class := c
		if k == 2 {
			class = 1
		}
		for i := range n {
			row := probs[i*k : (i+1)*k]
			if k == 2 {
				f[i] = binaryLogit(row[0], row[1])
			} else {
				f[i] = ovrLogit(row[class])
			}
			pos[i] = y[i] == class
		}
		a[c], b[c] = fitSigmoid(f, pos, sampleWeight)
	}
	pl.A, pl.B = a, b
	return nil
}

// fitSigmoid returns the (a, b) minimizing Platt's smoothed log loss.
func fitSigmoid(f []float64, pos []bool, w []float64) (a, b float64) {
	var prior0, prior1 float64
	for i, p := range pos {
		if p {
			prior1 += weight(w, i)
		} else {
			prior0 += weight(w, i)
		}
	}
	hiT, loT := (prior1+1)/(prior1+2), 1/(prior0+2)
	target := func(i int) float64 {
		if pos[i] {
			return hiT
		}
		return loT
	}
	loss := func(a, b float64) float64 {
		s := 0.0
		for i, x := range f {
			u := a*x + b
			t := target(i)
			s += weight(w, i) * (t*softplus(-u) + (1-t)*softplus(u))
		}
		return s
	}
	const ridge = 1e-12
	a, b = 0, math.Log((prior1+1)/(prior0+1))
	fv := loss(a, b)
	for range 100 {
		var ga, gb, haa, hab, hbb float64
		for i, x := range f {
			wi := weight(w, i)
			s := sigmoid(a*x + b)
			r := wi * (s - target(i))
			ga += r * x
			gb += r
			d := wi * s * (1 - s)
			haa += d * x * x
			hab += d * x
			hbb += d
		}
		if ga == 0 && gb == 0 {
			break
		}
		haa += ridge
		hbb += ridge
		det := haa*hbb - hab*hab
		if !(det > 0) {
			break
		}
		da := -(hbb*ga - hab*gb) / det
		db := -(haa*gb - hab*ga) / det
		// The Newton decrement λ² = −∇L·d is twice the decrease a full
		// step promises. Once it is below the rounding of L, take the full
		// step and stop (Boyd and Vandenberghe, Convex Optimization, 9.5):
		// a line search can no longer see the decrease.
		slope := ga*da + gb*db
		if -slope <= 1e-13*math.Abs(fv) {
			a, b = a+da, b+db
			break
		}
		step := 1.0
		for {
			na, nb := a+step*da, b+step*db
			if nf := loss(na, nb); nf <= fv+1e-4*step*slope {
				a, b, fv = na, nb, nf
				break
			}
			if step /= 2; step < 1e-10 {
				return a, b
			}
		}
	}
	return a, b
}

// Validate checks that pl is fitted for k classes: len(A) == len(B) == 1
// for k = 2 and k for k > 2, every value finite. Errors wrap [ErrNotFitted]
// or [ErrInvalid].
func (pl *Platt) Validate(k int) error {
	if k < 2 || len(pl.A) != columns(k) || len(pl.B) != len(pl.A) {
		return fieldErr("platt", fmt.Errorf("%d slopes and %d intercepts for k = %d classes: %w", len(pl.A), len(pl.B), k, ErrNotFitted))
	}
	for j := range pl.A {
		for _, f := range []struct {
			name string
			v    float64
		}{{"a", pl.A[j]}, {"b", pl.B[j]}} {
			if math.IsNaN(f.v) || math.IsInf(f.v, 0) {
				return &Error{Field: f.name, Row: j, Col: -1, Value: fmtFloat(f.v), Err: fmt.Errorf("not finite: %w", ErrInvalid)}
			}
		}
	}
	return nil
}

// Apply writes the calibrated probabilities of the n×k probs into dst and
// returns dst. A nil dst is allocated; otherwise len(dst) must equal
// len(probs), and dst may alias probs. It allocates nothing when dst is
// given. Errors name the index of a probability that is not finite or not in
// [0, 1], or wrap [ErrNotFitted] when pl was not fitted for k classes.
func (pl *Platt) Apply(dst, probs []float64, k int) ([]float64, error) {
	if err := pl.Validate(k); err != nil {
		return nil, err
	}
	n, dst, err := checkApply(dst, probs, k)
	if err != nil {
		return nil, err
	}
	for i := range n {
		in, out := probs[i*k:(i+1)*k], dst[i*k:(i+1)*k]
		if k == 2 {
			q := sigmoid(pl.A[0]*binaryLogit(in[0], in[1]) + pl.B[0])
			out[0], out[1] = 1-q, q
			continue
		}
		for j, p := range in {
			out[j] = sigmoid(pl.A[j]*ovrLogit(p) + pl.B[j])
		}
		normalize(out)
	}
	return dst, nil
}
