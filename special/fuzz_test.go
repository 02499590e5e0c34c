package special

import (
	"encoding/binary"
	"math"
	"testing"
)

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// FuzzScalar checks that the scalar primitives are finite, in range and
// consistent for every finite input.
func FuzzScalar(f *testing.F) {
	for _, x := range []float64{0, 1, -1, 36.9, 37, 37.1, -37, 709.8, -745.2, 1e4, -1e4, 1e300, -1e300,
		math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		if !finite(x) {
			return
		}
		s, d := Sigmoid(x), SigmoidDeriv(x)
		if !(s >= 0 && s <= 1) {
			t.Errorf("Sigmoid(%v) = %v, want in [0, 1]", x, s)
		}
		if !(d >= 0 && d <= 0.25) {
			t.Errorf("SigmoidDeriv(%v) = %v, want in [0, 0.25]", x, d)
		}
		sp := Softplus(x)
		if !finite(sp) || sp < 0 || sp < x {
			t.Errorf("Softplus(%v) = %v, want finite and ≥ max(x, 0)", x, sp)
		}
		if ls := LogSigmoid(x); !finite(ls) || ls > 0 {
			t.Errorf("LogSigmoid(%v) = %v, want finite and ≤ 0", x, ls)
		}
		if g := LogSigmoidDeriv(x); !(g >= 0 && g <= 1) {
			t.Errorf("LogSigmoidDeriv(%v) = %v, want in [0, 1]", x, g)
		}
		// σ(x) + σ(-x) = 1 to rounding.
		if r := Sigmoid(x) + Sigmoid(-x); math.Abs(r-1) > 0x1p-52 {
			t.Errorf("Sigmoid(%v) + Sigmoid(%v) = 1%+g", x, -x, r-1)
		}
	})
}

// rowFrom decodes b as little-endian float64s, at most 64.
func rowFrom(b []byte) []float64 {
	n := min(len(b)/8, 64)
	x := make([]float64, n)
	for i := range x {
		x[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return x
}

func rowBytes(x ...float64) []byte {
	b := make([]byte, 8*len(x))
	for i, v := range x {
		binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(v))
	}
	return b
}

// FuzzRow checks that for every finite row, LogSumExp and LogSoftmax are
// finite, Softmax is in [0, 1] and sums to 1, and LogSumExp is at least the
// maximum and at most the maximum plus log(len).
func FuzzRow(f *testing.F) {
	f.Add(rowBytes(1, 2, 3))
	f.Add(rowBytes(1e4, -1e4, 0))
	f.Add(rowBytes(1e300, -1e300))
	f.Add(rowBytes(math.MaxFloat64, math.MaxFloat64, -math.MaxFloat64))
	f.Add(rowBytes(-745, -745, -800))
	f.Add(rowBytes(5))
	f.Fuzz(func(t *testing.T, b []byte) {
		x := rowFrom(b)
		if len(x) == 0 {
			return
		}
		m := math.Inf(-1)
		for _, v := range x {
			if !finite(v) {
				return
			}
			m = math.Max(m, v)
		}
		lse := LogSumExp(x)
		if !finite(lse) || lse < m || lse > m+math.Log(float64(len(x)))*(1+1e-15)+1e-300 {
			t.Errorf("LogSumExp(%v) = %v, want finite in [max, max+log n]", x, lse)
		}
		s := Softmax(nil, x)
		var sum float64
		for j, v := range s {
			if !(v >= 0 && v <= 1) {
				t.Fatalf("Softmax(%v)[%d] = %v, want in [0, 1]", x, j, v)
			}
			sum += v
		}
		if math.Abs(sum-1) > float64(len(x))*0x1p-52 {
			t.Errorf("Softmax(%v) sums to 1%+g", x, sum-1)
		}
		for j, v := range LogSoftmax(nil, x) {
			if !finite(v) && !(v < 0 && x[j]-m < -math.MaxFloat64) || v > 0 {
				t.Errorf("LogSoftmax(%v)[%d] = %v, want finite and ≤ 0", x, j, v)
			}
		}
	})
}
