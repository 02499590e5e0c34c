package linear

import (
	"math"
	"math/rand/v2"
	"testing"
)

// ulpsApart is |a − b| in units of the last place of b.
func ulpsApart(a, b float64) float64 {
	if a == b {
		return 0
	}
	return math.Abs(a-b) / (math.Nextafter(math.Abs(b), math.Inf(1)) - math.Abs(b))
}

// TestExpNonPos checks expNonPos against math.Exp: within 2 ulp on random
// arguments over the whole range (and small ones, where the polynomial
// matters most), and the same result at the edges.
func TestExpNonPos(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	for i := range 1_000_000 {
		var x float64
		switch i % 4 {
		case 0:
			x = -rng.Float64() * 760
		case 1:
			x = -rng.Float64() * 40
		case 2:
			x = -rng.Float64() * 1e-3
		default:
			x = -math.Ldexp(rng.Float64(), -rng.IntN(1000))
		}
		got, want := expNonPos(x), math.Exp(x)
		if u := ulpsApart(got, want); u > 2 {
			t.Fatalf("expNonPos(%v) = %v, math.Exp = %v: %v ulp apart", x, got, want, u)
		}
	}
	for _, x := range []float64{0, math.Copysign(0, -1), -5e-324, -0.5 * math.Ln2, -708, -708.0000001, -745, -745.2, -1e10, math.Inf(-1)} {
		if got, want := expNonPos(x), math.Exp(x); ulpsApart(got, want) > 2 {
			t.Errorf("expNonPos(%v) = %v, want %v", x, got, want)
		}
	}
	if got := expNonPos(math.NaN()); !math.IsNaN(got) {
		t.Errorf("expNonPos(NaN) = %v, want NaN", got)
	}
}

// FuzzExpNonPos checks expNonPos against math.Exp at any non-positive
// argument.
func FuzzExpNonPos(f *testing.F) {
	for _, x := range []float64{0, -1e-20, -0.3, -1, -37, -700, -708, -744} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		x = -math.Abs(x)
		got, want := expNonPos(x), math.Exp(x)
		if math.IsNaN(want) != math.IsNaN(got) || ulpsApart(got, want) > 2 {
			t.Fatalf("expNonPos(%v) = %v, math.Exp = %v", x, got, want)
		}
	})
}
