package special

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// The reference values below are computed with math/big at refPrec bits, so
// that the rounding of the reference is negligible next to the claims.
const refPrec = 300

func bf(x float64) *big.Float { return new(big.Float).SetPrec(refPrec).SetFloat64(x) }

// bigExp returns exp(x) by the Taylor series of exp(x/2^k), squared k times.
func bigExp(x *big.Float) *big.Float {
	k := 0
	r := new(big.Float).SetPrec(refPrec).Set(x)
	for r.MantExp(nil) > -20 && r.Sign() != 0 {
		r.SetMantExp(r, -1)
		k++
	}
	sum := bf(1)
	term := bf(1)
	for n := 1; n < 60; n++ {
		term.Mul(term, r)
		term.Quo(term, bf(float64(n)))
		sum.Add(sum, term)
	}
	for range k {
		sum.Mul(sum, sum)
	}
	return sum
}

// bigLog returns log(y) for y > 0 by Halley's iteration on exp.
func bigLog(y *big.Float) *big.Float {
	mant := new(big.Float)
	e := y.MantExp(mant)
	m, _ := mant.Float64()
	z := bf(math.Log(m) + float64(e)*math.Ln2)
	for range 6 {
		ez := bigExp(z)
		num := new(big.Float).SetPrec(refPrec).Sub(y, ez)
		den := new(big.Float).SetPrec(refPrec).Add(y, ez)
		num.Quo(num, den)
		num.Mul(num, bf(2))
		z.Add(z, num)
	}
	return z
}

func f64(x *big.Float) float64 { v, _ := x.Float64(); return v }

// ulps returns |got-want| in units of the last place of want.
func ulps(got float64, want *big.Float) float64 {
	w := f64(want)
	if w == 0 {
		if got == 0 {
			return 0
		}
		return math.Inf(1)
	}
	d := new(big.Float).SetPrec(refPrec).Sub(bf(got), want)
	diff := math.Abs(f64(d))
	ulp := math.Nextafter(math.Abs(w), math.Inf(1)) - math.Abs(w)
	return diff / ulp
}

func refSigmoid(x float64) *big.Float {
	e := bigExp(bf(-x))
	return new(big.Float).SetPrec(refPrec).Quo(bf(1), e.Add(e, bf(1)))
}

func refSoftplus(x float64) *big.Float {
	// log(1+exp(x)) = x + log(1+exp(-x)) for x > 0 keeps the argument moderate.
	if x > 0 {
		e := bigExp(bf(-x))
		l := bigLog(e.Add(e, bf(1)))
		return l.Add(l, bf(x))
	}
	e := bigExp(bf(x))
	return bigLog(e.Add(e, bf(1)))
}

// accuracyGrid returns the points the scalar claims are checked on: a dense
// sweep of [-40, 40], the tails out to ±740, and random points.
func accuracyGrid() []float64 {
	var xs []float64
	for x := -40.0; x <= 40; x += 0.0625 {
		xs = append(xs, x, x+0.013)
	}
	for _, x := range []float64{1e-300, 1e-20, 1e-8, 0.5, 1, 2, 36.7, 37, 37.5, 100, 300, 700, 709, 710, 740} {
		xs = append(xs, x, -x)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		xs = append(xs, (r.Float64()*2-1)*60)
	}
	return xs
}

func TestScalarAccuracy(t *testing.T) {
	tests := []struct {
		name  string
		f     func(float64) float64
		ref   func(float64) *big.Float
		claim float64 // ulp, as stated in the doc comment
	}{
		{"Sigmoid", Sigmoid, refSigmoid, 3},
		{"SigmoidDeriv", SigmoidDeriv, func(x float64) *big.Float {
			s := refSigmoid(x)
			one := new(big.Float).SetPrec(refPrec).Sub(bf(1), s)
			return one.Mul(one, s)
		}, 4},
		{"Softplus", Softplus, refSoftplus, 2},
		{"LogSigmoid", LogSigmoid, func(x float64) *big.Float {
			r := refSoftplus(-x)
			return r.Neg(r)
		}, 2},
		{"LogSigmoidDeriv", LogSigmoidDeriv, func(x float64) *big.Float { return refSigmoid(-x) }, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			worst, at := 0.0, 0.0
			for _, x := range accuracyGrid() {
				want := tt.ref(x)
				if w := f64(want); w == 0 || math.Abs(w) < 0x1p-1022 {
					continue // subnormal results have no relative accuracy
				}
				if u := ulps(tt.f(x), want); u > worst {
					worst, at = u, x
				}
			}
			t.Logf("%s: worst error %.2f ulp at x = %v", tt.name, worst, at)
			if worst > tt.claim {
				t.Errorf("%s(%v): error %.2f ulp, claim %v", tt.name, at, worst, tt.claim)
			}
		})
	}
}

// refLSE returns log Σ exp(x_j) with the exponent shift done exactly.
func refLSE(x []float64) *big.Float {
	m := math.Inf(-1)
	for _, v := range x {
		m = math.Max(m, v)
	}
	s := bf(0)
	for _, v := range x {
		d := new(big.Float).SetPrec(refPrec).Sub(bf(v), bf(m))
		s.Add(s, bigExp(d))
	}
	l := bigLog(s)
	return l.Add(l, bf(m))
}

func randomRows(seed uint64) [][]float64 {
	r := rand.New(rand.NewPCG(seed, 7))
	var rows [][]float64
	for _, scale := range []float64{1, 10, 30, 1e3, 1e4} {
		for range 60 {
			x := make([]float64, 1+r.IntN(9))
			for j := range x {
				x[j] = (r.Float64()*2 - 1) * scale
			}
			rows = append(rows, x)
		}
	}
	return rows
}

func TestRowAccuracy(t *testing.T) {
	for i, x := range randomRows(1) {
		m, _ := rowMax(x)
		want := refLSE(x)
		// LogSumExp: absolute error ≤ 2⁻⁵²·(1+|result|) + len(x)·2⁻⁵³.
		got := LogSumExp(x)
		d := new(big.Float).SetPrec(refPrec).Sub(bf(got), want)
		bound := 0x1p-52*(1+math.Abs(f64(want))) + float64(len(x))*0x1p-53
		if e := math.Abs(f64(d)); e > bound {
			t.Errorf("row %d: LogSumExp(%v) = %v, want %v (error %.3g > %.3g)", i, x, got, f64(want), e, bound)
		}
		s := Softmax(nil, x)
		ls := LogSoftmax(nil, x)
		var sum float64
		for j, v := range x {
			// exact log-softmax of the rounded input
			lj := new(big.Float).SetPrec(refPrec).Sub(bf(v), want)
			e := math.Abs(f64(new(big.Float).SetPrec(refPrec).Sub(bf(ls[j]), lj)))
			if b := 0x1p-52 * (2 + math.Abs(v-m)); e > b {
				t.Errorf("row %d: LogSoftmax[%d] = %v, want %v (error %.3g > %.3g)", i, j, ls[j], f64(lj), e, b)
			}
			sj := f64(bigExp(lj))
			if sj < 0x1p-1022 {
				continue
			}
			if r, b := math.Abs(s[j]-sj)/sj, 4*0x1p-53*(2+math.Abs(v-m)); r > b {
				t.Errorf("row %d: Softmax[%d] = %v, want %v (relative error %.3g > %.3g)", i, j, s[j], sj, r, b)
			}
			sum += s[j]
		}
		if math.Abs(sum-1) > float64(len(x))*0x1p-53 {
			t.Errorf("row %d: Softmax sums to 1%+.3g", i, sum-1)
		}
	}
}
