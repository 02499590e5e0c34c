package loss

import (
	"math"
	"slices"
	"testing"

	"github.com/xent-ml/xent/internal/golden"
	"github.com/xent-ml/xent/internal/numtest"
)

// TestClipMatchesSklearnLogLoss checks the scikit-learn clipping
// conventions of BinaryCrossEntropy against every binary 1-D log_loss case
// of metrics.json (scikit-learn 1.2.1) whose eps is one of them.
func TestClipMatchesSklearnLogLoss(t *testing.T) {
	cases, err := golden.Metrics()
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, mc := range cases {
		o := mc.Options
		if mc.Fn != "log_loss" || mc.YProb == nil || len(mc.YProb.Shape) != 1 || o.Labels != nil {
			continue
		}
		var clip Clip
		switch float64(o.Eps) {
		case ClipSklearnAuto.Eps():
			clip = ClipSklearnAuto
		case ClipSklearn1e15.Eps():
			clip = ClipSklearn1e15
		default:
			continue
		}
		labels := slices.Compact(slices.Sorted(slices.Values(mc.YTrue.Ints)))
		if len(labels) != 2 {
			continue
		}
		ran++
		t.Run(mc.ID, func(t *testing.T) {
			n := len(mc.YTrue.Ints)
			y := make([]float64, n)
			for i, l := range mc.YTrue.Ints {
				if l == labels[1] {
					y[i] = 1
				}
			}
			var sw []float64
			if o.SampleWeight != nil {
				sw = o.SampleWeight.Floats
			}
			v, err := BinaryCrossEntropy{Clip: clip, Reduction: None}.Eval(nil, nil, mc.YProb.Floats, y, sw, []int{n})
			if err != nil {
				t.Fatal(err)
			}
			if o.Normalize == nil || *o.Normalize {
				d := float64(n)
				if sw != nil {
					d = 0
					for _, s := range sw {
						d += s
					}
				}
				v /= d
			}
			if !numtest.Golden(v, mc.Value) {
				t.Errorf("BinaryCrossEntropy{Clip: %v} = %v, scikit-learn log_loss = %v (diff %.3g)", clip, v, mc.Value, v-mc.Value)
			}
		})
	}
	if ran == 0 {
		t.Fatal("metrics.json holds no binary 1-D log_loss case")
	}
}

// TestClipConventions checks the three conventions at the edges.
func TestClipConventions(t *testing.T) {
	x := []float64{0, 1e-300, 1e-15, 0.5, 1}
	y := []float64{1, 1, 1, 1, 0}
	tests := []struct {
		clip Clip
		want []float64
	}{
		{ClipPyTorch, []float64{100, 100, -math.Log(1e-15), math.Ln2, 100}},
		{ClipSklearn1e15, []float64{-math.Log(1e-15), -math.Log(1e-15), -math.Log(1e-15), math.Ln2, -math.Log1p(-(1 - 1e-15))}},
		{ClipSklearnAuto, []float64{-math.Log(0x1p-52), -math.Log(0x1p-52), -math.Log(1e-15), math.Ln2, -math.Log(0x1p-52)}},
	}
	for _, tt := range tests {
		t.Run(tt.clip.String(), func(t *testing.T) {
			losses := make([]float64, len(x))
			grad := make([]float64, len(x))
			if _, err := (BinaryCrossEntropy{Clip: tt.clip, Reduction: None}).Eval(losses, grad, x, y, nil, []int{5}); err != nil {
				t.Fatal(err)
			}
			if m := numtest.Mismatch(losses, tt.want, 1e-14, 0); m != "" {
				t.Errorf("losses%s", m)
			}
			if tt.clip != ClipPyTorch && (grad[0] != 0 || grad[4] != 0 || grad[3] != -2) {
				t.Errorf("grad = %v: want 0 where clipped and -2 at x = 0.5, y = 1", grad)
			}
		})
	}
}
