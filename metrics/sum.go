package metrics

import "math"

// accum is a compensated sum (Neumaier, 1974): s + c is within a few units in
// the last place of the exact sum of the added terms.
type accum struct{ s, c float64 }

func (a *accum) add(x float64) {
	x = float64(x) // round x itself: no fused multiply-add with the caller's product
	t := a.s + x
	if math.Abs(a.s) >= math.Abs(x) {
		a.c += (a.s - t) + x
	} else {
		a.c += (x - t) + a.s
	}
	a.s = t
}

// sum returns the compensated sum; an infinite running sum is returned as it
// is (the compensation term is NaN then).
func (a *accum) sum() float64 {
	if math.IsInf(a.s, 0) || math.IsNaN(a.c) {
		return a.s
	}
	return a.s + a.c
}
