package loss

import (
	"errors"
	"math"
	"testing"
)

func TestErrors(t *testing.T) {
	x6 := []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6}
	p6 := []float64{0.2, 0.3, 0.5, 0.1, 0.1, 0.8}
	s23 := []int{2, 3}
	tests := []struct {
		name string
		eval func() (float64, error)
		want error
		msg  string
	}{
		{"class index out of range", func() (float64, error) {
			y := make([]int, 20)
			y[17] = 12
			return CrossEntropy{}.Eval(nil, nil, make([]float64, 200), y, nil, []int{20, 10})
		}, ErrRange, "loss: target[17] = 12: class index out of range [0, 10)"},
		{"negative class index", func() (float64, error) {
			return CrossEntropy{}.Eval(nil, nil, x6, []int{0, -1}, nil, s23)
		}, ErrRange, "loss: target[1] = -1: class index out of range [0, 3)"},
		{"-100 not ignored once IgnoreIndex is set", func() (float64, error) {
			return NLL{IgnoreIndex: new(0)}.Eval(nil, nil, x6, []int{-100, 1}, nil, s23)
		}, ErrRange, "loss: target[0] = -100: class index out of range [0, 3)"},
		{"NaN logit", func() (float64, error) {
			return CrossEntropy{}.Eval(nil, nil, []float64{0, 1, 2, 3, math.NaN(), 5}, []int{0, 1}, nil, s23)
		}, ErrNaN, "loss: input[4] = NaN: NaN"},
		{"NaN probability target", func() (float64, error) {
			return CrossEntropy{}.EvalProbs(nil, nil, x6, []float64{0.5, math.NaN(), 0.5, 1, 0, 0}, nil, s23)
		}, ErrNaN, "loss: target[1] = NaN: NaN"},
		{"probability target outside [0, 1]", func() (float64, error) {
			return CrossEntropy{}.EvalProbs(nil, nil, x6, []float64{0.5, 0.5, 0, 1.5, -0.5, 0}, nil, s23)
		}, ErrRange, "loss: target[3] = 1.5: probability outside [0, 1]"},
		{"probability target row not summing to 1", func() (float64, error) {
			return CrossEntropy{}.EvalProbs(nil, nil, x6, []float64{0.5, 0.5, 0, 0.3, 0.3, 0.3}, nil, s23)
		}, ErrNotNormalized, "loss: target row 1: probabilities sum to 0.8999999999999999, want 1 within 3e-06"},
		{"K-dim target row", func() (float64, error) {
			// (1, 2, 2): rows are (t[0], t[2]) and (t[1], t[3]).
			return CrossEntropy{}.EvalProbs(nil, nil, make([]float64, 4), []float64{0.5, 1, 0.5, 0.5}, nil, []int{1, 2, 2})
		}, ErrNotNormalized, "loss: target row 1: probabilities sum to 1.5, want 1 within 2e-06"},
		{"BCE probability above 1", func() (float64, error) {
			return BinaryCrossEntropy{}.Eval(nil, nil, []float64{0.5, 1.25}, []float64{0, 1}, nil, []int{2})
		}, ErrRange, "loss: input[1] = 1.25: probability outside [0, 1]"},
		{"BCE probability +Inf", func() (float64, error) {
			return BinaryCrossEntropy{}.Eval(nil, nil, []float64{math.Inf(1)}, []float64{0}, nil, []int{1})
		}, ErrRange, "loss: input[0] = +Inf: probability outside [0, 1]"},
		{"BCE target below 0", func() (float64, error) {
			return BinaryCrossEntropy{}.Eval(nil, nil, []float64{0.5, 0.5}, []float64{0, -0.5}, nil, []int{2})
		}, ErrRange, "loss: target[1] = -0.5: probability outside [0, 1]"},
		{"BCE with logits target above 1", func() (float64, error) {
			return BinaryCrossEntropyWithLogits{}.Eval(nil, nil, []float64{0.5, 0.5}, []float64{2, 0}, nil, []int{2})
		}, ErrRange, "loss: target[0] = 2: probability outside [0, 1]"},
		{"BCE with logits NaN logit", func() (float64, error) {
			return BinaryCrossEntropyWithLogits{}.Eval(nil, nil, []float64{0.5, math.NaN()}, []float64{1, 0}, nil, []int{2})
		}, ErrNaN, "loss: input[1] = NaN: NaN"},
		{"negative weight", func() (float64, error) {
			return CrossEntropy{Weight: []float64{1, -2, 1}}.Eval(nil, nil, x6, []int{0, 1}, nil, s23)
		}, ErrRange, "loss: weight[1] = -2: weight must be finite and nonnegative"},
		{"infinite pos_weight", func() (float64, error) {
			return BinaryCrossEntropyWithLogits{PosWeight: []float64{1, 1, math.Inf(1)}}.Eval(nil, nil, x6, p6, nil, s23)
		}, ErrRange, "loss: pos_weight[2] = +Inf: weight must be finite and nonnegative"},
		{"NaN element weight", func() (float64, error) {
			return BinaryCrossEntropy{Weight: []float64{1, math.NaN()}}.Eval(nil, nil, []float64{0.5, 0.5}, []float64{0, 1}, nil, []int{2})
		}, ErrNaN, "loss: weight[1] = NaN: NaN"},
		{"weight length", func() (float64, error) {
			return CrossEntropy{Weight: []float64{1, 1}}.Eval(nil, nil, x6, []int{0, 1}, nil, s23)
		}, ErrShape, "loss: weight: length 2, want 3 (one per class)"},
		{"pos_weight length", func() (float64, error) {
			return BinaryCrossEntropyWithLogits{PosWeight: []float64{1, 1}}.Eval(nil, nil, x6, p6, nil, s23)
		}, ErrShape, "loss: pos_weight: length 2, want 3 (one per column of the last axis, or one for all)"},
		{"broadcast pos_weight negative", func() (float64, error) {
			return BinaryCrossEntropyWithLogits{PosWeight: []float64{-1}}.Eval(nil, nil, x6, p6, nil, s23)
		}, ErrRange, "loss: pos_weight[0] = -1: weight must be finite and nonnegative"},
		{"input length", func() (float64, error) {
			return CrossEntropy{}.Eval(nil, nil, x6[:5], []int{0, 1}, nil, s23)
		}, ErrShape, "loss: input: length 5, want 6 for input shape [2 3]"},
		{"target length", func() (float64, error) {
			return NLL{}.Eval(nil, nil, x6, []int{0, 1, 2}, nil, s23)
		}, ErrShape, "loss: target: length 3, want 2 (one class index per position) for input shape [2 3]"},
		{"KL target length", func() (float64, error) {
			return KLDiv{}.Eval(nil, nil, x6, p6[:4], nil, s23)
		}, ErrShape, "loss: target: length 4, want 6 for input shape [2 3]"},
		{"grad length", func() (float64, error) {
			return CrossEntropy{}.Eval(nil, make([]float64, 5), x6, []int{0, 1}, nil, s23)
		}, ErrShape, "loss: grad: length 5, want 6 for input shape [2 3]"},
		{"losses length", func() (float64, error) {
			return CrossEntropy{Reduction: None}.Eval(make([]float64, 3), nil, x6, []int{0, 1}, nil, s23)
		}, ErrShape, "loss: losses: length 3, want 2 for input shape [2 3]"},
		{"cotangent length for None", func() (float64, error) {
			return CrossEntropy{Reduction: None}.Eval(nil, nil, x6, []int{0, 1}, []float64{1}, s23)
		}, ErrShape, "loss: cotangent: length 1, want 2 (the shape of the none loss)"},
		{"cotangent length for Mean", func() (float64, error) {
			return CrossEntropy{}.Eval(nil, nil, x6, []int{0, 1}, []float64{1, 1}, s23)
		}, ErrShape, "loss: cotangent: length 2, want 1 (the shape of the mean loss)"},
		{"NaN cotangent", func() (float64, error) {
			return KLDiv{Reduction: None}.Eval(nil, nil, x6, p6, []float64{1, 1, 1, 1, 1, math.NaN()}, s23)
		}, ErrNaN, "loss: cotangent[5] = NaN: NaN"},
		{"infinite cotangent", func() (float64, error) {
			return KLDiv{}.Eval(nil, nil, x6, p6, []float64{math.Inf(-1)}, s23)
		}, ErrRange, "loss: cotangent[0] = -Inf: cotangent must be finite"},
		{"negative shape", func() (float64, error) {
			return KLDiv{}.Eval(nil, nil, x6, p6, nil, []int{-2, -3})
		}, ErrShape, "loss: shape: negative size in [-2 -3]"},
		{"0-d classification shape", func() (float64, error) {
			return CrossEntropy{}.Eval(nil, nil, x6[:1], []int{0}, nil, []int{})
		}, ErrShape, "loss: shape: a classification input needs at least one axis, got shape []"},
		{"label smoothing above 1", func() (float64, error) {
			return CrossEntropy{LabelSmoothing: 1.5}.Eval(nil, nil, x6, []int{0, 1}, nil, s23)
		}, ErrOption, "loss: label_smoothing: label smoothing 1.5 outside [0, 1]"},
		{"label smoothing NaN", func() (float64, error) {
			return CrossEntropy{LabelSmoothing: math.NaN()}.EvalProbs(nil, nil, x6, p6, nil, s23)
		}, ErrOption, "loss: label_smoothing: label smoothing NaN outside [0, 1]"},
		{"batchmean outside KL", func() (float64, error) {
			return CrossEntropy{Reduction: BatchMean}.Eval(nil, nil, x6, []int{0, 1}, nil, s23)
		}, ErrOption, "loss: reduction: batchmean applies only to KLDiv"},
		{"unknown reduction", func() (float64, error) {
			return BinaryCrossEntropy{Reduction: 9}.Eval(nil, nil, x6, p6, nil, s23)
		}, ErrOption, "loss: reduction: unknown reduction Reduction(9)"},
		{"unknown clip", func() (float64, error) {
			return BinaryCrossEntropy{Clip: 7}.Eval(nil, nil, x6, p6, nil, s23)
		}, ErrOption, "loss: clip: unknown clipping Clip(7)"},
		{"KL target above 1", func() (float64, error) {
			return KLDiv{}.Eval(nil, nil, x6, []float64{0, 0, 0, 0, 2, 0}, nil, s23)
		}, ErrRange, "loss: target[4] = 2: probability outside [0, 1]"},
		{"KL log target above 0", func() (float64, error) {
			return KLDiv{LogTarget: true}.Eval(nil, nil, x6, []float64{0, -1, 0.5, 0, 0, 0}, nil, s23)
		}, ErrRange, "loss: target[2] = 0.5: log-probability above 0"},
		{"entropy row sum", func() (float64, error) {
			return Entropy{}.Eval(nil, nil, []float64{0.5, 0.5, 0, 0.5, 0.25, 0.5}, nil, s23)
		}, ErrNotNormalized, "loss: input row 1: probabilities sum to 1.25, want 1 within 3e-06"},
		{"entropy negative probability", func() (float64, error) {
			return Entropy{}.Eval(nil, nil, []float64{1.5, -0.5}, nil, []int{2})
		}, ErrRange, "loss: input[0] = 1.5: probability outside [0, 1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.eval()
			if err == nil {
				t.Fatalf("no error, want %q", tt.msg)
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("%v is not a *loss.Error", err)
			}
			if err.Error() != tt.msg {
				t.Errorf("message %q, want %q", err.Error(), tt.msg)
			}
		})
	}
}

func TestParse(t *testing.T) {
	for _, r := range []Reduction{Mean, Sum, None, BatchMean} {
		if got, err := ParseReduction(r.String()); got != r || err != nil {
			t.Errorf("ParseReduction(%q) = %v, %v", r.String(), got, err)
		}
	}
	for _, c := range []Clip{ClipPyTorch, ClipSklearn1e15, ClipSklearnAuto} {
		if got, err := ParseClip(c.String()); got != c || err != nil {
			t.Errorf("ParseClip(%q) = %v, %v", c.String(), got, err)
		}
	}
	if _, err := ParseReduction("average"); !errors.Is(err, ErrOption) {
		t.Errorf("ParseReduction(average) error = %v, want ErrOption", err)
	}
	if _, err := ParseClip("none"); !errors.Is(err, ErrOption) {
		t.Errorf("ParseClip(none) error = %v, want ErrOption", err)
	}
	if BCEEps != 9.999999960041972e-13 {
		t.Errorf("BCEEps = %v, want float32(1e-12) = 9.999999960041972e-13", BCEEps)
	}
	if ClipSklearnAuto.Eps() != 2.220446049250313e-16 || ClipSklearn1e15.Eps() != 1e-15 || ClipPyTorch.Eps() != 0 {
		t.Error("Clip.Eps values differ from numpy.finfo(float64).eps and 1e-15")
	}
}
