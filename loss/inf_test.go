package loss

import (
	"math"
	"slices"
	"testing"
)

var (
	inf = math.Inf(1)
	nan = math.NaN()
)

func same(a, b float64) bool { return a == b || (a != a && b != b) }

// TestInfinityPolicy checks every row of the package doc's table of
// infinite inputs. The comment on each row gives what PyTorch 1.13.1
// returns for the same call (torch.nn.functional, float64, reduction
// "none", backward with a cotangent of ones).
func TestInfinityPolicy(t *testing.T) {
	one := func(v float64) []float64 { return []float64{v} }
	tests := []struct {
		name     string
		eval     func(losses, grad []float64) (float64, error)
		n        int // input length
		loss     []float64
		wantGrad []float64
	}{
		{ // PyTorch: loss nan, grad 0
			"BCE with logits x=+Inf y=1", func(l, g []float64) (float64, error) {
				return BinaryCrossEntropyWithLogits{Reduction: None}.Eval(l, g, one(inf), one(1), nil, []int{1})
			}, 1, one(0), one(0)},
		{ // PyTorch: loss inf, grad 1
			"BCE with logits x=+Inf y=0", func(l, g []float64) (float64, error) {
				return BinaryCrossEntropyWithLogits{Reduction: None}.Eval(l, g, one(inf), one(0), nil, []int{1})
			}, 1, one(inf), one(1)},
		{ // PyTorch: loss inf, grad 0.5
			"BCE with logits x=+Inf y=0.5", func(l, g []float64) (float64, error) {
				return BinaryCrossEntropyWithLogits{Reduction: None}.Eval(l, g, one(inf), one(0.5), nil, []int{1})
			}, 1, one(inf), one(0.5)},
		{ // PyTorch: loss nan, grad 0
			"BCE with logits x=-Inf y=0", func(l, g []float64) (float64, error) {
				return BinaryCrossEntropyWithLogits{Reduction: None}.Eval(l, g, one(-inf), one(0), nil, []int{1})
			}, 1, one(0), one(0)},
		{ // PyTorch: loss nan, grad -1 (times q)
			"BCE with logits x=-Inf y=1 pos_weight 3", func(l, g []float64) (float64, error) {
				return BinaryCrossEntropyWithLogits{PosWeight: one(3), Reduction: None}.Eval(l, g, one(-inf), one(1), nil, []int{1})
			}, 1, one(inf), one(-3)},
		{ // PyTorch: loss nan
			"BCE with logits weight 0 x=+Inf y=0", func(l, g []float64) (float64, error) {
				return BinaryCrossEntropyWithLogits{Weight: one(0), Reduction: None}.Eval(l, g, one(inf), one(0), nil, []int{1})
			}, 1, one(0), one(0)},
		{ // PyTorch: loss 100, grad -1.0000000039958029e12
			"BCE x=0 y=1 (the clamp)", func(l, g []float64) (float64, error) {
				return BinaryCrossEntropy{Reduction: None}.Eval(l, g, one(0), one(1), nil, []int{1})
			}, 1, one(100), one(-1.0000000039958029e12)},
		{ // PyTorch: loss nan, grad [nan nan nan]
			"CE one +Inf, target it", func(l, g []float64) (float64, error) {
				return CrossEntropy{Reduction: None}.Eval(l, g, []float64{1, inf, 0}, []int{1}, nil, []int{1, 3})
			}, 3, one(0), []float64{0, 0, 0}},
		{ // PyTorch: loss nan, grad [nan nan nan]
			"CE one +Inf, target another", func(l, g []float64) (float64, error) {
				return CrossEntropy{Reduction: None}.Eval(l, g, []float64{1, inf, 0}, []int{0}, nil, []int{1, 3})
			}, 3, one(inf), []float64{-1, 1, 0}},
		{ // PyTorch: loss nan, grad nan
			"CE two +Inf", func(l, g []float64) (float64, error) {
				return CrossEntropy{Reduction: None}.Eval(l, g, []float64{inf, inf, 0}, []int{2}, nil, []int{1, 3})
			}, 3, one(inf), []float64{nan, nan, -1}},
		{ // PyTorch: loss 0.31326168751822286, grad [-0.2689414213699951 0 0.2689414213699951]
			"CE -Inf, target another", func(l, g []float64) (float64, error) {
				return CrossEntropy{Reduction: None}.Eval(l, g, []float64{1, -inf, 0}, []int{0}, nil, []int{1, 3})
			}, 3, one(0.31326168751822286), []float64{-0.2689414213699951, 0, 0.2689414213699951}},
		{ // PyTorch: loss inf, grad [0.7310585786300049 -1 0.2689414213699951]
			"CE -Inf, target it", func(l, g []float64) (float64, error) {
				return CrossEntropy{Reduction: None}.Eval(l, g, []float64{1, -inf, 0}, []int{1}, nil, []int{1, 3})
			}, 3, one(inf), []float64{0.7310585786300049, -1, 0.2689414213699951}},
		{ // PyTorch: loss inf, grad [-0.20227475470332845 -0.03333333333333333 0.23560808803666178]
			"CE -Inf, smoothing", func(l, g []float64) (float64, error) {
				return CrossEntropy{LabelSmoothing: 0.1, Reduction: None}.Eval(l, g, []float64{1, -inf, 0}, []int{0}, nil, []int{1, 3})
			}, 3, one(inf), []float64{-0.20227475470332845, -0.03333333333333333, 0.23560808803666178}},
		{ // PyTorch: loss nan, grad [-0.22664337399099527 0 0.22664337399099527]
			"CE -Inf, smoothing, class weight 0 there", func(l, g []float64) (float64, error) {
				return CrossEntropy{Weight: []float64{1, 0, 1}, LabelSmoothing: 0.1, Reduction: None}.Eval(l, g, []float64{1, -inf, 0}, []int{0}, nil, []int{1, 3})
			}, 3, one(0.9*0.31326168751822286 + 0.1/3*(0.31326168751822286+1.3132616875182228)), []float64{-0.22664337399099527, 0, 0.22664337399099527}},
		{ // PyTorch: loss nan, grad [0.2310585786300049 0 -0.2310585786300049]
			"CE probs, target 0 where logit -Inf", func(l, g []float64) (float64, error) {
				return CrossEntropy{Reduction: None}.EvalProbs(l, g, []float64{1, -inf, 0}, []float64{0.5, 0, 0.5}, nil, []int{1, 3})
			}, 3, one(0.5*0.31326168751822286 + 0.5*1.3132616875182228), []float64{0.2310585786300049, 0, -0.2310585786300049}},
		{ // PyTorch: loss nan, grad [nan nan]
			"CE all -Inf", func(l, g []float64) (float64, error) {
				return CrossEntropy{Reduction: None}.Eval(l, g, []float64{-inf, -inf}, []int{0}, nil, []int{1, 2})
			}, 2, one(nan), []float64{nan, nan}},
		{ // PyTorch: loss [0 0.31326168751822286], grad [[nan nan] [0.2689414213699951 -0.2689414213699951]]
			"CE ignored row holding +Inf", func(l, g []float64) (float64, error) {
				return CrossEntropy{Reduction: None}.Eval(l, g, []float64{inf, 0, 1, 2}, []int{-100, 1}, nil, []int{2, 2})
			}, 4, []float64{0, 0.31326168751822286}, []float64{0, 0, 0.2689414213699951, -0.2689414213699951}},
		{ // PyTorch: loss nan, grad [-0 0]
			"NLL -Inf at target of weight 0", func(l, g []float64) (float64, error) {
				return NLL{Weight: []float64{0, 1}, Reduction: None}.Eval(l, g, []float64{-inf, 0}, []int{0}, nil, []int{1, 2})
			}, 2, one(0), []float64{0, 0}},
		{ // PyTorch: loss inf, grad [-1 0]
			"NLL -Inf at target", func(l, g []float64) (float64, error) {
				return NLL{Reduction: None}.Eval(l, g, []float64{-inf, 0}, []int{0}, nil, []int{1, 2})
			}, 2, one(inf), []float64{-1, 0}},
		{ // PyTorch: loss nan, grad -0
			"KL x=-Inf t=0", func(l, g []float64) (float64, error) {
				return KLDiv{Reduction: None}.Eval(l, g, one(-inf), one(0), nil, []int{1})
			}, 1, one(0), one(0)},
		{ // PyTorch: loss inf, grad -0.5
			"KL x=-Inf t=0.5", func(l, g []float64) (float64, error) {
				return KLDiv{Reduction: None}.Eval(l, g, one(-inf), one(0.5), nil, []int{1})
			}, 1, one(inf), one(-0.5)},
		{ // PyTorch: loss nan, grad -0
			"KL log_target x=0 t=-Inf", func(l, g []float64) (float64, error) {
				return KLDiv{Reduction: None, LogTarget: true}.Eval(l, g, one(0), one(-inf), nil, []int{1})
			}, 1, one(0), one(0)},
		{ // PyTorch: loss nan, grad -0
			"KL log_target x=-Inf t=-Inf", func(l, g []float64) (float64, error) {
				return KLDiv{Reduction: None, LogTarget: true}.Eval(l, g, one(-inf), one(-inf), nil, []int{1})
			}, 1, one(0), one(0)},
		{ // the exact value exp(-800)·(−800+∞) is +Inf although exp(-800) underflows
			"KL log_target x=-Inf t=-800", func(l, g []float64) (float64, error) {
				return KLDiv{Reduction: None, LogTarget: true}.Eval(l, g, one(-inf), one(-800), nil, []int{1})
			}, 1, one(inf), one(0)},
		{
			"Mean of an infinite loss", func(l, g []float64) (float64, error) {
				return BinaryCrossEntropyWithLogits{}.Eval(nil, g, []float64{inf, 0}, []float64{0, 1}, nil, []int{2})
			}, 2, nil, []float64{0.5, -0.25}},
		{
			"None with zero cotangent on an infinite loss", func(l, g []float64) (float64, error) {
				return BinaryCrossEntropyWithLogits{Reduction: None}.Eval(l, g, []float64{inf, 0}, []float64{0, 1}, []float64{0, 2}, []int{2})
			}, 2, []float64{inf, math.Ln2}, []float64{0, -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var losses []float64
			if tt.loss != nil {
				losses = make([]float64, len(tt.loss))
			}
			grad := make([]float64, tt.n)
			v, err := tt.eval(losses, grad)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.EqualFunc(losses, tt.loss, func(a, b float64) bool { return same(a, b) || math.Abs(a-b) <= 1e-15*math.Abs(b) }) {
				t.Errorf("loss = %v, want %v", losses, tt.loss)
			}
			if !slices.EqualFunc(grad, tt.wantGrad, func(a, b float64) bool { return same(a, b) || math.Abs(a-b) <= 1e-15*math.Max(1, math.Abs(b)) }) {
				t.Errorf("grad = %v, want %v", grad, tt.wantGrad)
			}
			switch tt.name {
			case "Mean of an infinite loss":
				if v != inf {
					t.Errorf("value = %v, want +Inf", v)
				}
			case "None with zero cotangent on an infinite loss":
				if want := 2 * math.Ln2; math.Abs(v-want) > 1e-15 {
					t.Errorf("value = %v, want %v (0·Inf counts 0)", v, want)
				}
			}
		})
	}
}

// TestMeanZeroOverZero checks PyTorch's 0/0 cases of the weighted mean
// outside the golden files too: NaN loss, zero gradient when every target
// is ignored, NaN gradient rows when the counted targets weigh 0.
func TestMeanZeroOverZero(t *testing.T) {
	x := []float64{0.1, 0.2, 0.3, 1, 2, 3}
	grad := make([]float64, 6)
	v, err := CrossEntropy{}.Eval(nil, grad, x, []int{-100, -100}, nil, []int{2, 3})
	if err != nil || !math.IsNaN(v) || slices.ContainsFunc(grad, func(g float64) bool { return g != 0 }) {
		t.Errorf("all ignored: %v, %v, grad %v; want NaN, nil, zeros", v, err, grad)
	}
	v, err = CrossEntropy{Weight: []float64{0, 1, 1}, LabelSmoothing: 0.3}.Eval(nil, grad, x, []int{0, -100}, nil, []int{2, 3})
	if err != nil || !math.IsNaN(v) || !math.IsNaN(grad[0]) || !math.IsNaN(grad[2]) || grad[3] != 0 || grad[5] != 0 {
		t.Errorf("zero weights: %v, %v, grad %v; want NaN, nil, NaN row then zero row", v, err, grad)
	}
	v, err = NLL{Weight: []float64{0, 1, 1}}.Eval(nil, grad, x, []int{0, -100}, nil, []int{2, 3})
	if err != nil || !math.IsNaN(v) || !math.IsNaN(grad[0]) || grad[1] != 0 || grad[3] != 0 {
		t.Errorf("NLL zero weights: %v, %v, grad %v; want NaN, nil, NaN at the target only (as PyTorch)", v, err, grad)
	}
}
