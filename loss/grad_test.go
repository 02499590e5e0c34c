package loss

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/xent-ml/xent/internal/numtest"
)

// evaluator evaluates a loss at x, writing the gradient into grad when not
// nil.
type evaluator func(grad, x []float64) (float64, error)

type gradCase struct {
	name string
	x    []float64
	eval evaluator
}

func randn(r *rand.Rand, n int, scale float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = r.NormFloat64() * scale
	}
	return x
}

func randUnit(r *rand.Rand, n int, lo, hi float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = lo + (hi-lo)*r.Float64()
	}
	return x
}

// randProbRows returns rows of probabilities along the class axis of an
// (n, c, d) array; with zeros, some entries are exactly 0.
func randProbRows(r *rand.Rand, n, c, d int, zeros bool) []float64 {
	t := make([]float64, n*c*d)
	for i := range n {
		for k := range d {
			var s float64
			for j := range c {
				v := r.Float64() + 0.05
				if zeros && j%3 == 1 {
					v = 0
				}
				t[i*c*d+j*d+k] = v
				s += v
			}
			for j := range c {
				t[i*c*d+j*d+k] /= s
			}
		}
	}
	return t
}

func randTargets(r *rand.Rand, n, c int) []int {
	y := make([]int, n)
	for i := range y {
		y[i] = r.IntN(c)
	}
	return y
}

func gradCases() []gradCase {
	r := rand.New(rand.NewPCG(11, 12))
	var cases []gradCase
	reds := []Reduction{Mean, Sum, None}
	for _, red := range reds {
		for _, sh := range [][]int{{5, 4}, {3, 3, 2}, {2, 4, 2, 2}, {6}} {
			n, c, d, _ := classShape(sh)
			rows := n * d
			var cot []float64
			if red == None {
				cot = randn(r, rows, 1)
			} else if sh[0] == 3 {
				cot = []float64{-0.7} // a scalar cotangent scales the reduced loss
			}
			w := randUnit(r, c, 0.2, 2)
			y := randTargets(r, rows, c)
			if rows > 1 {
				y[0] = DefaultIgnoreIndex
			}
			if rows > 2 {
				y[1] = 1 // ignored below when IgnoreIndex = 1
			}
			for _, opt := range []struct {
				name string
				ce   CrossEntropy
			}{
				{"plain", CrossEntropy{Reduction: red}},
				{"weighted", CrossEntropy{Weight: w, Reduction: red}},
				{"smoothed", CrossEntropy{LabelSmoothing: 0.2, Reduction: red}},
				{"weighted smoothed ignore=1", CrossEntropy{Weight: w, LabelSmoothing: 0.15, IgnoreIndex: new(1), Reduction: red}},
			} {
				ce := opt.ce
				yy := slices.Clone(y)
				if ce.IgnoreIndex != nil && rows > 1 {
					yy[0] = 0 // -100 is a class index error once IgnoreIndex is 1
				}
				cases = append(cases, gradCase{
					name: fmt.Sprintf("CrossEntropy %s %v %v", opt.name, red, sh),
					x:    randn(r, n*c*d, 2),
					eval: func(grad, x []float64) (float64, error) { return ce.Eval(nil, grad, x, yy, cot, sh) },
				})
				t := randProbRows(r, n, c, d, opt.name == "smoothed")
				cases = append(cases, gradCase{
					name: fmt.Sprintf("CrossEntropy.EvalProbs %s %v %v", opt.name, red, sh),
					x:    randn(r, n*c*d, 2),
					eval: func(grad, x []float64) (float64, error) { return ce.EvalProbs(nil, grad, x, t, cot, sh) },
				})
			}
			nll := NLL{Weight: w, Reduction: red}
			cases = append(cases, gradCase{
				name: fmt.Sprintf("NLL weighted %v %v", red, sh),
				x:    randn(r, n*c*d, 2),
				eval: func(grad, x []float64) (float64, error) { return nll.Eval(nil, grad, x, y, cot, sh) },
			})
		}
		for _, sh := range [][]int{{4, 3}, {7}, {2, 2, 3}, {}} {
			n, _ := numel(sh)
			last := 1
			if len(sh) > 0 {
				last = sh[len(sh)-1]
			}
			var cot []float64
			if red == None {
				cot = randn(r, n, 1)
			}
			y := randUnit(r, n, 0, 1)
			hard := make([]float64, n)
			for i := range hard {
				hard[i] = float64(r.IntN(2))
			}
			w := randUnit(r, n, 0, 2)
			q := randUnit(r, last, 0.5, 3)
			for _, b := range []struct {
				name string
				l    BinaryCrossEntropy
			}{
				{"pytorch", BinaryCrossEntropy{Reduction: red}},
				{"pytorch weighted", BinaryCrossEntropy{Weight: w, Reduction: red}},
				{"sklearn-1e-15", BinaryCrossEntropy{Reduction: red, Clip: ClipSklearn1e15}},
				{"sklearn-auto weighted", BinaryCrossEntropy{Weight: w, Reduction: red, Clip: ClipSklearnAuto}},
			} {
				l := b.l
				cases = append(cases, gradCase{
					name: fmt.Sprintf("BinaryCrossEntropy %s %v %v", b.name, red, sh),
					x:    randUnit(r, n, 0.05, 0.95),
					eval: func(grad, x []float64) (float64, error) { return l.Eval(nil, grad, x, y, cot, sh) },
				})
			}
			for _, b := range []struct {
				name string
				l    BinaryCrossEntropyWithLogits
				y    []float64
			}{
				{"soft", BinaryCrossEntropyWithLogits{Reduction: red}, y},
				{"hard weighted pos_weight", BinaryCrossEntropyWithLogits{Weight: w, PosWeight: q, Reduction: red}, hard},
				{"soft pos_weight", BinaryCrossEntropyWithLogits{PosWeight: q, Reduction: red}, y},
			} {
				l, yy := b.l, b.y
				cases = append(cases, gradCase{
					name: fmt.Sprintf("BinaryCrossEntropyWithLogits %s %v %v", b.name, red, sh),
					x:    randn(r, n, 3),
					eval: func(grad, x []float64) (float64, error) { return l.Eval(nil, grad, x, yy, cot, sh) },
				})
			}
		}
	}
	for _, red := range []Reduction{Mean, Sum, None, BatchMean} {
		for _, sh := range [][]int{{3, 4}, {2, 3, 2}} {
			n, _ := numel(sh)
			var cot []float64
			if red == None {
				cot = randn(r, n, 1)
			}
			t := randProbRows(r, sh[0], n/sh[0], 1, true)
			logt := make([]float64, n)
			for i, v := range t {
				logt[i] = math.Log(v)
			}
			for _, lt := range []bool{false, true} {
				l := KLDiv{Reduction: red, LogTarget: lt}
				tt := t
				if lt {
					tt = logt
				}
				cases = append(cases, gradCase{
					name: fmt.Sprintf("KLDiv log_target=%v %v %v", lt, red, sh),
					x:    randn(r, n, 2),
					eval: func(grad, x []float64) (float64, error) { return l.Eval(nil, grad, x, tt, cot, sh) },
				})
			}
		}
	}
	return cases
}

// TestGradFiniteDifferences compares every loss's gradient, for every
// option, reduction, cotangent and layout, with central differences of its
// value.
func TestGradFiniteDifferences(t *testing.T) {
	for _, gc := range gradCases() {
		t.Run(gc.name, func(t *testing.T) {
			grad := make([]float64, len(gc.x))
			v, err := gc.eval(grad, gc.x)
			if err != nil {
				t.Fatal(err)
			}
			v2, err := gc.eval(nil, gc.x)
			if err != nil {
				t.Fatal(err)
			}
			if v != v2 {
				t.Errorf("value with grad = %v, without = %v", v, v2)
			}
			fd := numtest.CentralDiff(func(x []float64) float64 {
				v, err := gc.eval(nil, x)
				if err != nil {
					t.Fatal(err)
				}
				return v
			}, slices.Clone(gc.x), 1e-6)
			if m := numtest.Mismatch(grad, fd, 1e-6, 1e-7); m != "" {
				t.Errorf("gradient vs central differences: %s", m)
			}
		})
	}
}

// TestEntropyGradient checks Entropy's gradient by central differences in
// the interior of the simplex (the function is defined off it too).
func TestEntropyGradient(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for _, red := range []Reduction{Mean, Sum, None} {
		p := randProbRows(r, 4, 5, 1, false)
		var cot []float64
		if red == None {
			cot = randn(r, 4, 1)
		}
		grad := make([]float64, len(p))
		if _, err := (Entropy{Reduction: red}).Eval(nil, grad, p, cot, []int{4, 5}); err != nil {
			t.Fatal(err)
		}
		// Differences of the unchecked formula (the perturbed rows no longer sum to 1).
		fd := numtest.CentralDiff(func(p []float64) float64 {
			var s float64
			for i, v := range p {
				c := 1.0
				switch {
				case red == None:
					c = cot[i/5]
				case red == Mean:
					c = 0.25
				}
				s -= c * v * math.Log(v)
			}
			return s
		}, slices.Clone(p), 1e-7)
		if m := numtest.Mismatch(grad, fd, 1e-6, 1e-8); m != "" {
			t.Errorf("Entropy %v gradient: %s", red, m)
		}
	}
}
