package loss

import (
	"math"
	"testing"
)

// TestNoAllocations asserts that every Eval with caller buffers, a shape
// literal and every option set allocates nothing.
func TestNoAllocations(t *testing.T) {
	const n, c = 8, 5
	x := make([]float64, n*c)
	p := make([]float64, n*c)
	for i := range x {
		x[i] = math.Sin(float64(i)) * 3
		p[i] = 1.0 / c
	}
	x[3] = math.Inf(-1) // exercise the limit path too
	y := []int{0, 1, 2, 3, 4, -100, 1, 2}
	w := []float64{1, 2, 0.5, 1, 3}
	we := make([]float64, n*c)
	for i := range we {
		we[i] = 0.5
	}
	cot := make([]float64, n*c)
	losses := make([]float64, n*c)
	grad := make([]float64, n*c)
	logp := make([]float64, n*c)
	for i := range logp {
		logp[i] = -math.Log(c)
	}
	k := DefaultIgnoreIndex
	for _, tt := range []struct {
		name string
		f    func() (float64, error)
	}{
		{"CrossEntropy", func() (float64, error) {
			return CrossEntropy{Weight: w, LabelSmoothing: 0.1, IgnoreIndex: &k, Reduction: None}.Eval(losses[:n], grad, x, y[:n], cot[:n], []int{n, c})
		}},
		{"CrossEntropy K-dim", func() (float64, error) {
			return CrossEntropy{Weight: w}.Eval(losses[:n], grad, x, y, nil, []int{2, c, 2, 2})
		}},
		{"CrossEntropy.EvalProbs", func() (float64, error) {
			return CrossEntropy{Weight: w, LabelSmoothing: 0.2}.EvalProbs(losses[:n], grad, x, p, nil, []int{n, c})
		}},
		{"NLL", func() (float64, error) {
			return NLL{Weight: w, Reduction: Sum}.Eval(losses[:n], grad, logp, y, nil, []int{n, c})
		}},
		{"BinaryCrossEntropy", func() (float64, error) {
			return BinaryCrossEntropy{Weight: we, Clip: ClipSklearnAuto}.Eval(losses, grad, p, p, nil, []int{n, c})
		}},
		{"BinaryCrossEntropyWithLogits", func() (float64, error) {
			return BinaryCrossEntropyWithLogits{Weight: we, PosWeight: w, Reduction: None}.Eval(losses, grad, x, p, cot, []int{n, c})
		}},
		{"KLDiv", func() (float64, error) {
			return KLDiv{Reduction: BatchMean}.Eval(losses, grad, logp, p, nil, []int{n, c})
		}},
		{"Entropy", func() (float64, error) {
			return Entropy{}.Eval(losses[:n], grad, p, nil, []int{n, c})
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tt.f(); err != nil {
				t.Fatal(err)
			}
			if a := testing.AllocsPerRun(100, func() { tt.f() }); a != 0 {
				t.Errorf("%s allocates %v times per call, want 0", tt.name, a)
			}
		})
	}
}
