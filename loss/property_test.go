package loss

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/xent-ml/xent/special"
)

// TestCrossEntropyIsEntropyPlusKL checks CE(t, x) = H(t) + KL(t ‖ softmax x)
// row by row, with KLDiv fed log_softmax(x).
func TestCrossEntropyIsEntropyPlusKL(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	for trial := range 50 {
		n, c := 1+r.IntN(5), 1+r.IntN(7)
		x := randn(r, n*c, 1+5*r.Float64())
		tg := randProbRows(r, n, c, 1, trial%2 == 0)
		shape := []int{n, c}
		ce := make([]float64, n)
		if _, err := (CrossEntropy{Reduction: None}).EvalProbs(ce, nil, x, tg, nil, shape); err != nil {
			t.Fatal(err)
		}
		h := make([]float64, n)
		if _, err := (Entropy{Reduction: None}).Eval(h, nil, tg, nil, shape); err != nil {
			t.Fatal(err)
		}
		logq := special.LogSoftmaxRows(nil, x, n, c)
		kl := make([]float64, n*c)
		if _, err := (KLDiv{Reduction: None}).Eval(kl, nil, logq, tg, nil, shape); err != nil {
			t.Fatal(err)
		}
		for i := range n {
			var k float64
			for j := range c {
				k += kl[i*c+j]
			}
			if d := ce[i] - (h[i] + k); math.Abs(d) > 1e-13*(1+math.Abs(ce[i])) {
				t.Errorf("trial %d row %d: CE = %v, H + KL = %v + %v (diff %.3g)", trial, i, ce[i], h[i], k, d)
			}
		}
	}
}

// TestCrossEntropyShiftInvariance checks that adding a constant to a row of
// logits changes neither the loss nor the gradient beyond rounding.
func TestCrossEntropyShiftInvariance(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 42))
	for trial := range 50 {
		n, c := 1+r.IntN(5), 2+r.IntN(6)
		x := randn(r, n*c, 3)
		y := randTargets(r, n, c)
		ce := CrossEntropy{LabelSmoothing: 0.1 * float64(trial%3), Weight: randUnit(r, c, 0.5, 2), Reduction: None}
		l0, g0 := make([]float64, n), make([]float64, n*c)
		if _, err := ce.Eval(l0, g0, x, y, nil, []int{n, c}); err != nil {
			t.Fatal(err)
		}
		shift := []float64{-1e3, -7.5, 0.3, 50, 1e3}[trial%5]
		for j := range c {
			x[j] += shift // row 0 only
		}
		l1, g1 := make([]float64, n), make([]float64, n*c)
		if _, err := ce.Eval(l1, g1, x, y, nil, []int{n, c}); err != nil {
			t.Fatal(err)
		}
		// The shifted logits carry rounding of size ulp(shift).
		tol := 1e-13 * (1 + math.Abs(shift))
		for i := range l0 {
			if math.Abs(l0[i]-l1[i]) > tol*(1+l0[i]) {
				t.Errorf("trial %d row %d: shift %v changes the loss %v → %v", trial, i, shift, l0[i], l1[i])
			}
		}
		for i := range g0 {
			if math.Abs(g0[i]-g1[i]) > tol {
				t.Errorf("trial %d: shift %v changes grad[%d] %v → %v", trial, shift, i, g0[i], g1[i])
			}
		}
	}
}

// TestLossesNonnegative checks that every loss is ≥ 0 (and finite) for
// valid inputs, including extreme logits, and that KL(p ‖ p) = 0.
func TestLossesNonnegative(t *testing.T) {
	r := rand.New(rand.NewPCG(51, 52))
	for trial := range 200 {
		n, c := 1+r.IntN(4), 1+r.IntN(6)
		scale := []float64{1, 30, 1e3, 1e4, 1e300}[trial%5]
		x := randn(r, n*c, scale)
		y := randTargets(r, n, c)
		tg := randProbRows(r, n, c, 1, trial%2 == 0)
		w := randUnit(r, c, 0, 2)
		prob := randUnit(r, n*c, 0, 1)
		if trial%7 == 0 {
			prob[0], prob[len(prob)-1] = 0, 1
		}
		ybin := randUnit(r, n*c, 0, 1)
		shape := []int{n, c}
		ls := make([]float64, n*c)
		check := func(name string, v float64, err error, losses []float64) {
			t.Helper()
			if err != nil {
				t.Fatalf("trial %d: %s: %v", trial, name, err)
			}
			if !(v >= 0) || math.IsInf(v, 0) {
				t.Errorf("trial %d: %s = %v, want finite ≥ 0 (scale %g)", trial, name, v, scale)
			}
			for i, l := range losses {
				if !(l >= 0) || math.IsInf(l, 0) {
					t.Errorf("trial %d: %s losses[%d] = %v, want finite ≥ 0 (scale %g)", trial, name, i, l, scale)
				}
			}
		}
		v, err := CrossEntropy{Weight: w, LabelSmoothing: 0.1}.Eval(ls[:n], nil, x, y, nil, shape)
		check("CrossEntropy", v, err, ls[:n])
		v, err = CrossEntropy{Weight: w}.EvalProbs(ls[:n], nil, x, tg, nil, shape)
		check("CrossEntropy.EvalProbs", v, err, ls[:n])
		logp := special.LogSoftmaxRows(nil, x, n, c)
		v, err = NLL{Weight: w}.Eval(ls[:n], nil, logp, y, nil, shape)
		check("NLL", v, err, ls[:n])
		for _, clip := range []Clip{ClipPyTorch, ClipSklearn1e15, ClipSklearnAuto} {
			v, err = BinaryCrossEntropy{Clip: clip}.Eval(ls, nil, prob, ybin, nil, shape)
			check("BinaryCrossEntropy "+clip.String(), v, err, ls)
		}
		v, err = BinaryCrossEntropyWithLogits{PosWeight: w}.Eval(ls, nil, x, ybin, nil, shape)
		check("BinaryCrossEntropyWithLogits", v, err, ls)
		// KL is ≥ 0 per row (not per element).
		logq := special.LogSoftmaxRows(nil, randn(r, n*c, 3), n, c)
		v, err = KLDiv{Reduction: BatchMean}.Eval(nil, nil, logq, tg, nil, shape)
		check("KLDiv", v+1e-15, err, nil)
		v, err = Entropy{}.Eval(ls[:n], nil, tg, nil, shape)
		check("Entropy", v, err, ls[:n])
		logt := make([]float64, len(tg))
		for i, p := range tg {
			logt[i] = math.Log(p)
		}
		if v, _ := (KLDiv{Reduction: Sum}).Eval(nil, nil, logt, tg, nil, shape); math.Abs(v) > 1e-15 {
			t.Errorf("trial %d: KL(p ‖ p) = %v, want 0", trial, v)
		}
	}
}
