package calibrate

import (
	"fmt"
	"math"

	"github.com/xent-ml/xent/special"
)

// Temperature bounds: a fit whose optimum lies beyond stops at the bound.
const (
	// MinTemperature is the smallest temperature Fit returns (its
	// optimum is T → 0 when every sample's true class is its most
	// probable one).
	MinTemperature = 1e-4
	// MaxTemperature is the largest temperature Fit returns (its optimum
	// is T → ∞ when the probabilities are no better than uniform).
	MaxTemperature = 1e4
)

// Temperature is temperature scaling (Guo et al. 2017): each row of
// probabilities p becomes
//
//	q_j = exp(log p_j / T) / Σ_i exp(log p_i / T) = softmax(log p / T)_j
//
// with one T > 0 for all classes. T > 1 softens overconfident
// probabilities, T < 1 sharpens them, T = 1 only renormalizes. The order of
// the classes in each row, and so the predicted class, is unchanged.
//
// The zero value is not fitted: Apply returns an error wrapping
// [ErrNotFitted].
type Temperature struct {
	// T is the temperature, finite and positive once fitted.
	T float64 `json:"t"`
}

// nll returns f(β) = Σ_i w_i (logsumexp(β z_i) − β z_i,y_i) and its first and
// second derivatives in β, for the log-probabilities z (n×k).
func temperatureNLL(z []float64, k int, y []int, w []float64, beta float64, q []float64) (f, g, h float64) {
	for i, c := range y {
		row := z[i*k : (i+1)*k]
		m := math.Inf(-1)
		for _, v := range row {
			m = max(m, beta*v)
		}
		s := 0.0
		for j, v := range row {
			q[j] = math.Exp(beta*v - m)
			s += q[j]
		}
		mean, sq := 0.0, 0.0
		for j, v := range row {
			q[j] /= s
			mean += q[j] * v
			sq += q[j] * v * v
		}
		wi := weight(w, i)
		zy := row[c]
		f += wi * (m + math.Log(s) - beta*zy)
		g += wi * (mean - zy)
		h += wi * max(sq-mean*mean, 0)
	}
	return f, g, h
}

// Fit sets t.T to the temperature that minimizes the weighted negative
// log-likelihood of the true classes y under the scaled probabilities,
//
//	NLL(T) = Σ_i w_i · −log softmax(log p_i / T)_{y_i},
//
// on the n×k probabilities probs. NLL is convex in β = 1/T; Fit brackets the
// minimum by doubling or halving β from 1 and then runs Newton's method on β,
// falling back to bisection whenever a Newton step leaves the bracket, until
// the bracket or the derivative vanishes to rounding (Brent-style safeguarded
// Newton). The result lies in [MinTemperature, MaxTemperature]. When every
// sample's true class already has the largest probability the NLL decreases
// toward 0 as T → 0: Fit then stops at the first doubling of β where the
// derivative is 0 to rounding (the NLL is 0 to rounding there) or at
// MinTemperature. When the probabilities are no better than uniform the
// optimum is T → ∞ and Fit returns MaxTemperature.
//
// A nil sampleWeight means all ones. Errors name the argument and index (see
// [Error]); fewer than two classes occurring in y (with positive weight) is
// an error wrapping [ErrClasses]; classes of k that do not occur are
// allowed, since T is one parameter. t is unchanged on error.
func (t *Temperature) Fit(probs []float64, k int, y []int, sampleWeight []float64) error {
	n, err := checkFit(probs, k, y, sampleWeight, false)
	if err != nil {
		return err
	}
	z := make([]float64, n*k)
	for i, p := range probs {
		z[i] = logp(p)
	}
	q := make([]float64, k)
	deriv := func(beta float64) (float64, float64) {
		_, g, h := temperatureNLL(z, k, y, sampleWeight, beta, q)
		return g, h
	}
	const betaMin, betaMax = 1 / MaxTemperature, 1 / MinTemperature
	lo, hi := 1.0, 1.0
	g, h := deriv(1)
	switch {
	case g == 0:
		t.T = 1
		return nil
	case g < 0: // the minimum is at β > 1
		for {
			hi = min(2*hi, betaMax)
			gh, _ := deriv(hi)
			if gh >= 0 {
				break
			}
			if hi == betaMax {
				t.T = 1 / betaMax
				return nil
			}
			lo = hi
		}
	default: // the minimum is at β < 1
		for {
			lo = max(lo/2, betaMin)
			gl, _ := deriv(lo)
			if gl <= 0 {
				break
			}
			if lo == betaMin {
				t.T = 1 / betaMin
				return nil
			}
			hi = lo
		}
	}
	beta := math.Sqrt(lo * hi)
	g, h = deriv(beta)
	for range 200 {
		if g == 0 {
			break
		}
		if g < 0 {
			lo = beta
		} else {
			hi = beta
		}
		if hi-lo <= 4e-16*hi {
			break
		}
		next := beta - g/h
		if !(h > 0) || !(next > lo && next < hi) {
			next = lo + (hi-lo)/2
		}
		if math.Abs(next-beta) <= 2e-16*beta {
			beta = next
			break
		}
		beta = next
		g, h = deriv(beta)
	}
	t.T = 1 / beta
	return nil
}

// Validate checks that t has been fitted: T finite and positive. k is
// accepted for symmetry with the other methods (any k ≥ 2 is fine).
func (t *Temperature) Validate(k int) error {
	if k < 2 {
		return fieldErr("k", fmt.Errorf("k = %d, want at least 2: %w", k, ErrNotFitted))
	}
	if t.T == 0 {
		return fieldErr("temperature", ErrNotFitted)
	}
	if !(t.T > 0) || math.IsInf(t.T, 0) {
		return &Error{Field: "temperature", Row: -1, Col: -1, Value: fmtFloat(t.T), Err: fmt.Errorf("want a finite positive temperature: %w", ErrInvalid)}
	}
	return nil
}

// Apply writes softmax(log p / T) for each row of the n×k probs into dst
// and returns dst. A nil dst is allocated; otherwise len(dst) must equal
// len(probs), and dst may alias probs. It allocates nothing when dst is
// given. Errors name the index of a probability that is not finite or not in
// [0, 1], or wrap [ErrNotFitted].
func (t *Temperature) Apply(dst, probs []float64, k int) ([]float64, error) {
	if err := t.Validate(k); err != nil {
		return nil, err
	}
	n, dst, err := checkApply(dst, probs, k)
	if err != nil {
		return nil, err
	}
	for i := range n {
		in, out := probs[i*k:(i+1)*k], dst[i*k:(i+1)*k]
		for j, p := range in {
			out[j] = logp(p) / t.T
		}
		special.Softmax(out, out)
	}
	return dst, nil
}
