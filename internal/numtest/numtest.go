// Package numtest holds the tolerance comparisons and finite-difference
// checks that xent's tests share.
package numtest

import (
	"fmt"
	"math"
)

// Parity tolerances of the golden reference files: a value matches when it is
// within RelTol relative or AbsTol absolute of the reference (see
// testdata/golden/README.md).
const (
	RelTol = 1e-12
	AbsTol = 1e-15
)

// Close reports whether got matches want within max(rel*|want|, abs).
// NaN matches only NaN and an infinity only the same infinity.
func Close(got, want, rel, abs float64) bool {
	switch {
	case math.IsNaN(want) || math.IsNaN(got):
		return math.IsNaN(want) && math.IsNaN(got)
	case math.IsInf(want, 0) || math.IsInf(got, 0):
		return got == want
	}
	return math.Abs(got-want) <= math.Max(rel*math.Abs(want), abs)
}

// Golden reports whether got matches want at the golden files' tolerances.
func Golden(got, want float64) bool { return Close(got, want, RelTol, AbsTol) }

// Mismatch returns a description of the first element where got and want
// differ beyond max(rel*|want|, abs), or "" when all match. Slices of
// different lengths always mismatch.
func Mismatch(got, want []float64, rel, abs float64) string {
	if len(got) != len(want) {
		return fmt.Sprintf("length %d, want %d", len(got), len(want))
	}
	for i := range want {
		if !Close(got[i], want[i], rel, abs) {
			return fmt.Sprintf("[%d] = %v, want %v (diff %.3g)", i, got[i], want[i], got[i]-want[i])
		}
	}
	return ""
}

// CentralDiff returns the central-difference estimate of the gradient of f
// at x with step h·max(1, |x_i|). x is restored before it returns.
func CentralDiff(f func([]float64) float64, x []float64, h float64) []float64 {
	g := make([]float64, len(x))
	for i := range x {
		xi := x[i]
		step := h * math.Max(1, math.Abs(xi))
		x[i] = xi + step
		fp := f(x)
		x[i] = xi - step
		fm := f(x)
		x[i] = xi
		g[i] = (fp - fm) / (2 * step)
	}
	return g
}

// SameBits reports whether a and b hold the same float64 values bit for
// bit (so NaN matches a NaN with the same payload, and −0 does not match 0).
func SameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}
