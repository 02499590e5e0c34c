package vec

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

// TestExpNonPos checks ExpNonPos against math.Exp: within 2 ulp on random
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
		got, want := ExpNonPos(x), math.Exp(x)
		if u := ulpsApart(got, want); u > 2 {
			t.Fatalf("ExpNonPos(%v) = %v, math.Exp = %v: %v ulp apart", x, got, want, u)
		}
	}
	for _, x := range []float64{0, math.Copysign(0, -1), -5e-324, -0.5 * math.Ln2, -708, -708.0000001, -745, -745.2, -1e10, math.Inf(-1)} {
		if got, want := ExpNonPos(x), math.Exp(x); ulpsApart(got, want) > 2 {
			t.Errorf("ExpNonPos(%v) = %v, want %v", x, got, want)
		}
	}
	if got := ExpNonPos(math.NaN()); !math.IsNaN(got) {
		t.Errorf("ExpNonPos(NaN) = %v, want NaN", got)
	}
}

// FuzzExpNonPos checks ExpNonPos against math.Exp at any non-positive
// argument.
func FuzzExpNonPos(f *testing.F) {
	for _, x := range []float64{0, -1e-20, -0.3, -1, -37, -700, -708, -744} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		x = -math.Abs(x)
		got, want := ExpNonPos(x), math.Exp(x)
		if math.IsNaN(want) != math.IsNaN(got) || ulpsApart(got, want) > 2 {
			t.Fatalf("ExpNonPos(%v) = %v, math.Exp = %v", x, got, want)
		}
	})
}

// TestLogisticRows checks LogisticRows against Logistic row by row, to the
// bit, with the assembly and without: blocks of every length to 9 (two
// calls into the same sums), scores and weights of every sign pattern,
// margins past ±708 (which leave the four-row kernel for the whole call)
// and zero scores; and the sums against the lanes built by hand.
func TestLogisticRows(t *testing.T) {
	eachImpl(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(43, 44))
		for _, scale := range []float64{0.1, 3, 30, 400, 800} {
			for n := 0; n <= 9; n++ {
				var sums, want LogisticSums
				for range 2 {
					z, pos, neg := make([]float64, n), make([]float64, n), make([]float64, n)
					for r := range z {
						z[r] = scale * rng.NormFloat64()
						if rng.IntN(5) == 0 {
							z[r] = 0
						}
						pos[r], neg[r] = rng.Float64()*float64(rng.IntN(2)), rng.Float64()*2
					}
					b := rng.NormFloat64()
					d := append([]float64(nil), z...)
					e, h := make([]float64, n), make([]float64, n)
					LogisticRows(d, pos, neg, e, h, b, &sums)
					for r := range z {
						we, wl, wd, wh := Logistic(pos[r], neg[r], z[r]+b)
						if e[r] != we || d[r] != wd || h[r] != wh {
							t.Fatalf("scale %v n=%d row %d: got e=%v d=%v h=%v, Logistic gives %v %v %v",
								scale, n, r, e[r], d[r], h[r], we, wd, wh)
						}
						l := r % 4
						want.Lin[l] += wl
						want.D[l] += wd
						want.P[l] = math.FMA(want.P[l], we, want.P[l]+we)
					}
				}
				if sums != want {
					t.Fatalf("scale %v n=%d: sums %+v, want %+v", scale, n, sums, want)
				}
			}
		}
	})
}

// TestLogisticSumsTakeP checks that TakeP's log1p matches the sum of the
// rows' log1p within 1e-14 relative, also when every e is near 1e-10 (a
// product of the rounded 1+e would keep six digits of it) and when all
// are 1, and that it clears the P lanes.
func TestLogisticSumsTakeP(t *testing.T) {
	for _, tt := range []struct {
		name string
		e    func(r int) float64
	}{
		{"tiny", func(r int) float64 { return 1e-10 * float64(1+r%7) }},
		{"mixed", func(r int) float64 { return math.Exp(-float64(r%40) * 0.7) }},
		{"ones", func(int) float64 { return 1 }},
	} {
		var s LogisticSums
		var want float64
		for r := range 64 {
			e := tt.e(r)
			want += math.Log1p(e)
			l := r % 4
			s.P[l] = math.FMA(s.P[l], e, s.P[l]+e)
		}
		got := math.Log1p(s.TakeP())
		if math.Abs(got-want) > 1e-14*want {
			t.Errorf("%s: log1p(TakeP) = %.17g, Σ log1p(e) = %.17g", tt.name, got, want)
		}
		if s.P != [4]float64{} {
			t.Errorf("%s: P = %v after TakeP", tt.name, s.P)
		}
	}
}

// TestLogisticTails checks Logistic against the direct formulas in both
// tails and at zero.
func TestLogisticTails(t *testing.T) {
	sp := func(x float64) float64 { return math.Max(x, 0) + math.Log1p(math.Exp(-math.Abs(x))) }
	sig := func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
	for _, tt := range []struct{ a, c, s float64 }{
		{1, 0, 0}, {0, 1, 0}, {1, 0, 3}, {0, 1, -3}, {2, 0.5, 1.5}, {2, 0.5, -1.5},
		{1, 0, 800}, {1, 0, -800}, {0, 1, 800}, {0, 1, -800}, {1, 1, 40},
	} {
		e, lin, d, h := Logistic(tt.a, tt.c, tt.s)
		l := (tt.a+tt.c)*math.Log1p(e) + lin
		wl := tt.a*sp(-tt.s) + tt.c*sp(tt.s)
		wd := tt.c*sig(tt.s) - tt.a*sig(-tt.s)
		wh := (tt.a + tt.c) * sig(tt.s) * sig(-tt.s)
		if math.Abs(l-wl) > 1e-14*math.Abs(wl) || math.Abs(d-wd) > 1e-14*math.Abs(wd) || math.Abs(h-wh) > 1e-13*math.Abs(wh) {
			t.Errorf("Logistic(%v, %v, %v): loss %v, d %v, h %v; want %v, %v, %v", tt.a, tt.c, tt.s, l, d, h, wl, wd, wh)
		}
	}
}

// FuzzLogisticRows checks LogisticRows on a block of five rows (one group
// of four for the vector kernel, one row after it) against Logistic row by
// row, to the bit, at any scores, weights and intercept.
func FuzzLogisticRows(f *testing.F) {
	f.Add(0.5, -3.0, 700.0, 0.0, 1.0, 0.0, 0.3, 2.0)
	f.Add(-708.5, 1e-300, 12.0, -40.0, 0.0, 1.0, 1.0, 1.0)
	f.Fuzz(func(t *testing.T, s0, s1, s2, s3, a, c, b, k float64) {
		z := []float64{s0, s1, s2, s3, k}
		pos := []float64{math.Abs(a), 0, math.Abs(a), 1, math.Abs(c)}
		neg := []float64{math.Abs(c), 1, 0, math.Abs(k), math.Abs(a)}
		for _, v := range append(append(z, pos...), b) {
			if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e300 {
				t.Skip()
			}
		}
		d := append([]float64(nil), z...)
		e, h := make([]float64, 5), make([]float64, 5)
		var sums LogisticSums
		LogisticRows(d, pos, neg, e, h, b, &sums)
		for r := range z {
			we, _, wd, wh := Logistic(pos[r], neg[r], z[r]+b)
			same := func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) }
			if !same(e[r], we) || !same(d[r], wd) || !same(h[r], wh) {
				t.Fatalf("row %d (z %v, b %v, a %v, c %v): e, d, h = %v, %v, %v; Logistic gives %v, %v, %v",
					r, z[r], b, pos[r], neg[r], e[r], d[r], h[r], we, wd, wh)
			}
		}
	})
}
