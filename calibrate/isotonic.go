package calibrate

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Isotonic is isotonic-regression calibration: the probability p of a class
// becomes f(p) for a non-decreasing, piecewise linear f fitted on held-out
// data, as scikit-learn's IsotonicRegression(out_of_bounds="clip",
// increasing=True). For two classes there is one curve, for the positive
// class (column 1), and the row becomes [1−f(p₁), f(p₁)]. For k > 2 classes
// there is one curve per class, fitted one-vs-rest, and each row is divided
// by its sum (the uniform distribution when the sum is 0), as scikit-learn's
// CalibratedClassifierCV(method="isotonic") with a classifier that has
// predict_proba only.
//
// The zero value is not fitted: Apply returns an error wrapping
// [ErrNotFitted].
type Isotonic struct {
	// Curves holds one curve per calibrated column: 1 for two classes, k
	// for k > 2.
	Curves []Curve `json:"curves"`
}

// Curve is a fitted isotonic function: the points (X[i], Y[i]) with X
// strictly increasing and Y non-decreasing in [0, 1], as scikit-learn's
// X_thresholds_ and y_thresholds_. Between points it interpolates linearly
// (numpy.interp); outside [X[0], X[len-1]] it is constant (out_of_bounds
// "clip").
type Curve struct {
	X []float64 `json:"x"` // the abscissae, strictly increasing
	Y []float64 `json:"y"` // the values at X, non-decreasing in [0, 1]
}

// At returns the curve's value at x. It returns NaN when x is NaN or the
// curve is empty or has unequal numbers of X and Y values (it does not
// panic; [Isotonic.Validate] reports such a curve).
func (c *Curve) At(x float64) float64 {
	xs, ys := c.X, c.Y
	n := len(xs)
	if n == 0 || len(ys) != n || math.IsNaN(x) {
		return math.NaN()
	}
	if n == 1 || x <= xs[0] {
		return ys[0]
	}
	if x >= xs[n-1] {
		return ys[n-1]
	}
	// j is the last point with xs[j] <= x, as numpy.interp finds it.
	j, found := slices.BinarySearch(xs, x)
	if found {
		return ys[j]
	}
	j--
	slope := (ys[j+1] - ys[j]) / (xs[j+1] - xs[j])
	return slope*(x-xs[j]) + ys[j]
}

// validate checks the curve's invariants.
func (c *Curve) validate(col int) error {
	if len(c.X) == 0 || len(c.X) != len(c.Y) {
		return &Error{Field: "curves", Row: col, Col: -1, Err: fmt.Errorf("%d x values and %d y values, want the same positive number: %w", len(c.X), len(c.Y), ErrInvalid)}
	}
	for i := range c.X {
		x, y := c.X[i], c.Y[i]
		if math.IsNaN(x) || math.IsInf(x, 0) || (i > 0 && !(c.X[i-1] < x)) {
			return &Error{Field: fmt.Sprintf("curves[%d].x", col), Row: i, Col: -1, Value: fmtFloat(x), Err: fmt.Errorf("not finite and strictly increasing: %w", ErrInvalid)}
		}
		if !(y >= 0 && y <= 1) || (i > 0 && y < c.Y[i-1]) {
			return &Error{Field: fmt.Sprintf("curves[%d].y", col), Row: i, Col: -1, Value: fmtFloat(y), Err: fmt.Errorf("not non-decreasing in [0, 1]: %w", ErrInvalid)}
		}
	}
	return nil
}

// Fit fits one curve per calibrated column on the positive-class indicator
// 1[y_i = class] against that column's probability, as scikit-learn 1.2's
// IsotonicRegression(out_of_bounds="clip").fit(p, indicator, sampleWeight):
//
//  1. drop the samples of weight 0 and sort by (p, indicator);
//  2. merge runs of p values that lie within 1e-15 of the run's first value
//     (numpy.finfo(float64).resolution, scikit-learn's _make_unique) into one
//     point at that first value, with the weighted mean of the indicators and
//     the summed weight;
//  3. fit the weighted non-decreasing least-squares sequence by
//     pool-adjacent-violators (Best and Chakravarti 1990, scikit-learn's
//     _inplace_contiguous_isotonic_regression, whose pooling order is
//     followed so that the means have the same bits);
//  4. keep the first and last points and every point whose value differs
//     from a neighbour's.
//
// A nil sampleWeight means all ones. Errors name the argument and index (see
// [Error]); fewer than two classes occurring in y (with positive weight), or
// for k > 2 any class that never occurs, is an error wrapping [ErrClasses]
// that names the class. iso is unchanged on error.
func (iso *Isotonic) Fit(probs []float64, k int, y []int, sampleWeight []float64) error {
	n, err := checkFit(probs, k, y, sampleWeight, true)
	if err != nil {
		return err
	}
	m := columns(k)
	curves := make([]Curve, m)
	type point struct {
		x, y, w float64
		i       int
	}
	pts := make([]point, 0, n)
	for c := range m {
		class := c
		if k == 2 {
			class = 1
		}
		pts = pts[:0]
		for i := range n {
			w := weight(sampleWeight, i)
			if !(w > 0) {
				continue
			}
			ind := 0.0
			if y[i] == class {
				ind = 1
			}
			pts = append(pts, point{probs[i*k+class], ind, w, i})
		}
		// numpy.lexsort((y, x)) is stable: ties keep the input order.
		slices.SortFunc(pts, func(a, b point) int {
			if c := cmp.Compare(a.x, b.x); c != 0 {
				return c
			}
			if c := cmp.Compare(a.y, b.y); c != 0 {
				return c
			}
			return cmp.Compare(a.i, b.i)
		})
		// _make_unique: merge x values within eps of the run's first x.
		const eps = 1e-15
		xs := make([]float64, 0, len(pts))
		ys := make([]float64, 0, len(pts))
		ws := make([]float64, 0, len(pts))
		cx, cy, cw := pts[0].x, 0.0, 0.0
		for _, p := range pts {
			if p.x-cx >= eps {
				xs, ys, ws = append(xs, cx), append(ys, cy/cw), append(ws, cw)
				cx, cy, cw = p.x, p.y*p.w, p.w
				continue
			}
			cw += p.w
			cy += p.y * p.w
		}
		xs, ys, ws = append(xs, cx), append(ys, cy/cw), append(ws, cw)
		pava(ys, ws)
		// Drop the points whose value equals both neighbours'.
		keepX, keepY := xs[:0:0], ys[:0:0]
		for i := range xs {
			if i == 0 || i == len(xs)-1 || ys[i] != ys[i-1] || ys[i] != ys[i+1] {
				keepX, keepY = append(keepX, xs[i]), append(keepY, ys[i])
			}
		}
		curves[c] = Curve{X: keepX, Y: keepY}
	}
	iso.Curves = curves
	return nil
}

// pava replaces y by its weighted non-decreasing least-squares fit, in
// place, with the pooling order of scikit-learn's
// _inplace_contiguous_isotonic_regression: blocks [i, target[i]] are pooled
// forward through each decreasing run, then the algorithm backtracks one
// block. w is overwritten.
func pava(y, w []float64) {
	n := len(y)
	target := make([]int, n)
	for i := range target {
		target[i] = i
	}
	i := 0
	for i < n {
		k := target[i] + 1
		if k == n {
			break
		}
		if y[i] < y[k] {
			i = k
			continue
		}
		sumWY := w[i] * y[i]
		sumW := w[i]
		for {
			// A decreasing run.
			prevY := y[k]
			sumWY += w[k] * y[k]
			sumW += w[k]
			k = target[k] + 1
			if k == n || prevY < y[k] {
				y[i] = sumWY / sumW
				w[i] = sumW
				target[i] = k - 1
				target[k-1] = i
				if i > 0 {
					// Backtrack one block.
					i = target[i-1]
				}
				break
			}
		}
	}
	// Spread each block's value over the block.
	for i := 0; i < n; {
		k := target[i] + 1
		for j := i + 1; j < k; j++ {
			y[j] = y[i]
		}
		i = k
	}
}

// Validate checks that iso is fitted for k classes: one curve for k = 2, k
// for k > 2, each with strictly increasing finite X and non-decreasing Y in
// [0, 1]. Errors wrap [ErrNotFitted] or [ErrInvalid].
func (iso *Isotonic) Validate(k int) error {
	if k < 2 || len(iso.Curves) != columns(k) {
		return fieldErr("isotonic", fmt.Errorf("%d curves for k = %d classes: %w", len(iso.Curves), k, ErrNotFitted))
	}
	for c := range iso.Curves {
		if err := iso.Curves[c].validate(c); err != nil {
			return err
		}
	}
	return nil
}

// Apply writes the calibrated probabilities of the n×k probs into dst and
// returns dst. A nil dst is allocated; otherwise len(dst) must equal
// len(probs), and dst may alias probs. It allocates nothing when dst is
// given. Errors name the index of a probability that is not finite or not in
// [0, 1], or wrap [ErrNotFitted] when iso was not fitted for k classes.
func (iso *Isotonic) Apply(dst, probs []float64, k int) ([]float64, error) {
	if err := iso.Validate(k); err != nil {
		return nil, err
	}
	n, dst, err := checkApply(dst, probs, k)
	if err != nil {
		return nil, err
	}
	for i := range n {
		in, out := probs[i*k:(i+1)*k], dst[i*k:(i+1)*k]
		if k == 2 {
			q := iso.Curves[0].At(in[1])
			out[0], out[1] = 1-q, q
			continue
		}
		for j, p := range in {
			out[j] = iso.Curves[j].At(p)
		}
		normalize(out)
	}
	return dst, nil
}
