package metrics

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/xent-ml/xent/internal/numtest"
)

// curveMethod runs one of the three curve methods with k columns.
type curveMethod struct {
	name string
	run  func(c CalibrationCurve, y []int, p []float64, k int) ([]Curve, error)
}

var curveMethods = []curveMethod{
	{"Eval", func(c CalibrationCurve, y []int, p []float64, k int) ([]Curve, error) {
		// Eval is binary: use the last column against "y = k−1".
		yb, pb := make([]int, len(y)), make([]float64, len(y))
		for i := range y {
			if y[i] == k-1 {
				yb[i] = 1
			}
			pb[i] = p[i*k+k-1]
		}
		c.Labels = []int{0, 1}
		cv, err := c.Eval(nil, yb, pb)
		if err != nil {
			return nil, err
		}
		return []Curve{*cv}, nil
	}},
	{"TopLabel", func(c CalibrationCurve, y []int, p []float64, k int) ([]Curve, error) {
		cv, err := c.TopLabel(nil, y, p, k)
		if err != nil {
			return nil, err
		}
		return []Curve{*cv}, nil
	}},
	{"PerClass", func(c CalibrationCurve, y []int, p []float64, k int) ([]Curve, error) {
		return c.PerClass(nil, y, p, k)
	}},
}

// randomProblem returns n labels in [0, k) and n×k row-stochastic
// probabilities.
func randomProblem(n, k int, seed uint64) ([]int, []float64) {
	rng := rand.New(rand.NewPCG(seed, 3))
	y := make([]int, n)
	p := make([]float64, n*k)
	for i := range n {
		y[i] = rng.IntN(k)
		var s float64
		for j := range k {
			p[i*k+j] = rng.Float64() + 0.01
			s += p[i*k+j]
		}
		for j := range k {
			p[i*k+j] /= s
		}
	}
	return y, p
}

// TestCalibrationWeights: unit weights give the unweighted curve to the bit;
// integer weights give the curve of the repeated samples (uniform edges do
// not depend on the samples); zero weights drop samples.
func TestCalibrationWeights(t *testing.T) {
	const n, k = 60, 3
	y, p := randomProblem(n, k, 7)
	ones := make([]float64, n)
	ints := make([]float64, n)
	zeroOdd := make([]float64, n)
	var yRep, yEven []int
	var pRep, pEven []float64
	for i := range n {
		ones[i] = 1
		ints[i] = float64(i % 4)
		for range i % 4 {
			yRep = append(yRep, y[i])
			pRep = append(pRep, p[i*k:i*k+k]...)
		}
		if i%2 == 0 {
			zeroOdd[i] = 1
			yEven = append(yEven, y[i])
			pEven = append(pEven, p[i*k:i*k+k]...)
		}
	}
	tests := []struct {
		name     string
		strategy Strategy
		w        []float64
		y        []int     // the equivalent unweighted problem
		p        []float64 //
		bitwise  bool      // compare bits and Counts, not just values
	}{
		{"unit weights uniform", Uniform, ones, y, p, true},
		{"unit weights quantile", Quantile, ones, y, p, true},
		{"integer weights are repeats", Uniform, ints, yRep, pRep, false},
		{"zero weights drop samples", Uniform, zeroOdd, yEven, pEven, false},
	}
	labels := []int{0, 1, 2}
	for _, tt := range tests {
		for _, m := range curveMethods {
			t.Run(tt.name+"/"+m.name, func(t *testing.T) {
				cc := CalibrationCurve{NBins: 7, Strategy: tt.strategy, Labels: labels}
				want, err := m.run(cc, tt.y, tt.p, k)
				if err != nil {
					t.Fatal(err)
				}
				cc.SampleWeight = tt.w
				got, err := m.run(cc, y, p, k)
				if err != nil {
					t.Fatal(err)
				}
				for c := range want {
					g, w := &got[c], &want[c]
					if !slices.Equal(g.Bins, w.Bins) {
						t.Fatalf("curve %d: Bins = %v, want %v", c, g.Bins, w.Bins)
					}
					wantWeights := make([]float64, len(w.Counts))
					for b, cnt := range w.Counts {
						wantWeights[b] = float64(cnt)
					}
					if !slices.Equal(g.Weights, wantWeights) {
						t.Errorf("curve %d: Weights = %v, want %v", c, g.Weights, wantWeights)
					}
					rel := 1e-14
					if tt.bitwise {
						rel = 0
						if !slices.Equal(g.Counts, w.Counts) {
							t.Errorf("curve %d: Counts = %v, want %v", c, g.Counts, w.Counts)
						}
					}
					if d := numtest.Mismatch(g.ProbTrue, w.ProbTrue, rel, 0); d != "" {
						t.Errorf("curve %d: ProbTrue%s", c, d)
					}
					if d := numtest.Mismatch(g.ProbPred, w.ProbPred, rel, 0); d != "" {
						t.Errorf("curve %d: ProbPred%s", c, d)
					}
					if ge, we := g.ECE(), w.ECE(); !(ge == we || !tt.bitwise && numtest.Close(ge, we, 1e-14, 0)) {
						t.Errorf("curve %d: ECE = %v, want %v", c, ge, we)
					}
					if g.MCE() != w.MCE() && !numtest.Close(g.MCE(), w.MCE(), rel, 0) {
						t.Errorf("curve %d: MCE = %v, want %v", c, g.MCE(), w.MCE())
					}
				}
			})
		}
	}
}

// TestCalibrationWeightsByHand checks a weighted binary curve by hand.
func TestCalibrationWeightsByHand(t *testing.T) {
	// 2 bins [0, .5], (.5, 1]. Bin 0: p .2 (y 0, w 3), .4 (y 1, w 1):
	// weight 4, ProbPred (.6 + .4)/4 = .25, ProbTrue 1/4. Bin 1: p .9 (y 1,
	// w 0): weight 0, empty. ECE = |.25 − .25| = 0 over bin 0 only.
	cv, err := CalibrationCurve{NBins: 2, SampleWeight: []float64{3, 1, 0}}.Eval(nil, []int{0, 1, 1}, []float64{0.2, 0.4, 0.9})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(cv.Bins, []int{0}) || !slices.Equal(cv.Counts, []int{2, 1}) || !slices.Equal(cv.Weights, []float64{4, 0}) {
		t.Fatalf("Bins %v Counts %v Weights %v; want [0] [2 1] [4 0]", cv.Bins, cv.Counts, cv.Weights)
	}
	if !numtest.Close(cv.ProbPred[0], 0.25, 1e-15, 0) || cv.ProbTrue[0] != 0.25 || math.Abs(cv.ECE()) > 1e-16 {
		t.Errorf("ProbPred %v ProbTrue %v ECE %v; want .25 .25 0", cv.ProbPred, cv.ProbTrue, cv.ECE())
	}
}
