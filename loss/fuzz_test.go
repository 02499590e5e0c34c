package loss

import (
	"encoding/binary"
	"math"
	"testing"
)

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func rowBytes(x ...float64) []byte {
	b := make([]byte, 8*len(x))
	for i, v := range x {
		binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(v))
	}
	return b
}

// FuzzCrossEntropyRow checks that for every row of finite logits (whose
// differences are finite) and every target, the loss is finite and ≥ 0 and
// the gradient finite, in [-1, 1] and summing to 0.
func FuzzCrossEntropyRow(f *testing.F) {
	f.Add(rowBytes(1, 2, 3), uint8(0), 0.0)
	f.Add(rowBytes(1e4, -1e4, 0), uint8(1), 0.1)
	f.Add(rowBytes(1e300, -1e300), uint8(1), 0.5)
	f.Add(rowBytes(-745, -745, -800), uint8(2), 1.0)
	f.Add(rowBytes(7), uint8(0), 0.3)
	f.Fuzz(func(t *testing.T, b []byte, yb uint8, eps float64) {
		c := min(len(b)/8, 32)
		if c == 0 || !(eps >= 0 && eps <= 1) {
			return
		}
		x := make([]float64, c)
		lo, hi := math.Inf(1), math.Inf(-1)
		for i := range x {
			x[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
			if !finite(x[i]) {
				return
			}
			lo, hi = min(lo, x[i]), max(hi, x[i])
		}
		if !finite(hi - lo) {
			return
		}
		y := int(yb) % c
		grad := make([]float64, c)
		v, err := CrossEntropy{LabelSmoothing: eps}.Eval(nil, grad, x, []int{y}, nil, []int{c})
		if err != nil {
			t.Fatal(err)
		}
		if !finite(v) || v < 0 {
			t.Errorf("CrossEntropy(%v, %d, ε=%v) = %v, want finite ≥ 0", x, y, eps, v)
		}
		var s float64
		for j, g := range grad {
			if !finite(g) || math.Abs(g) > 1+1e-15 {
				t.Errorf("grad[%d] = %v, want finite in [-1, 1]", j, g)
			}
			s += g
		}
		if math.Abs(s) > 1e-14*float64(c) {
			t.Errorf("grad %v sums to %v, want 0", grad, s)
		}
	})
}

// FuzzBCEWithLogits checks that for every finite logit, target in [0, 1]
// and pos_weight the loss is finite and ≥ 0 and the gradient finite.
func FuzzBCEWithLogits(f *testing.F) {
	f.Add(0.0, 0.5, 1.0)
	f.Add(1e4, 1.0, 1.0)
	f.Add(-1e4, 1.0, 3.0)
	f.Add(1e300, 0.0, 1.0)
	f.Add(-1e300, 0.3, 0.0)
	f.Add(-36.9, 0.0, 2.0)
	f.Fuzz(func(t *testing.T, x, y, q float64) {
		if !finite(x) || !(y >= 0 && y <= 1) || !(q >= 0 && q <= 1e6) {
			return
		}
		grad := make([]float64, 1)
		v, err := BinaryCrossEntropyWithLogits{PosWeight: []float64{q}, Reduction: Sum}.Eval(nil, grad, []float64{x}, []float64{y}, nil, []int{1})
		if err != nil {
			t.Fatal(err)
		}
		if !finite(v) || v < 0 {
			t.Errorf("BCE with logits(x=%v, y=%v, q=%v) = %v, want finite ≥ 0", x, y, q, v)
		}
		if !finite(grad[0]) {
			t.Errorf("gradient at x=%v, y=%v, q=%v = %v, want finite", x, y, q, grad[0])
		}
	})
}
