package loss

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/xent-ml/xent/internal/golden"
	"github.com/xent-ml/xent/internal/numtest"
	"github.com/xent-ml/xent/special"
)

// evalGolden runs one losses.json case through the package API (or, for
// the four primitives, through package special) and returns the loss (one
// element for a scalar) and the input gradient.
func evalGolden(gc *golden.LossCase) (out, grad []float64, err error) {
	o := gc.Options
	x := gc.Input.Floats
	shape := gc.Input.Shape
	var cot []float64
	if gc.Cotangent != nil {
		cot = gc.Cotangent.Floats
	}
	red := Mean
	if o.Reduction != "" {
		if red, err = ParseReduction(o.Reduction); err != nil {
			return nil, nil, err
		}
	}
	var weight, posWeight []float64
	if o.Weight != nil {
		weight = o.Weight.Floats
	}
	if o.PosWeight != nil {
		posWeight = o.PosWeight.Floats
	}
	grad = make([]float64, len(x))
	var losses []float64
	if red == None {
		losses = make([]float64, gc.Loss.Len())
	}
	target := func() ([]float64, error) {
		if gc.Target == nil || gc.Target.Floats == nil {
			return nil, fmt.Errorf("case %s: fn %s needs a float64 target", gc.ID, gc.Fn)
		}
		return gc.Target.Floats, nil
	}
	var v float64
	switch gc.Fn {
	case "cross_entropy", "nll_loss":
		if err := checkClassDim(o.ClassDim, shape); err != nil {
			return nil, nil, err
		}
		if gc.Fn == "nll_loss" {
			if gc.Target == nil || gc.Target.Ints == nil {
				return nil, nil, fmt.Errorf("nll_loss needs an int64 target")
			}
			v, err = NLL{Weight: weight, IgnoreIndex: o.IgnoreIndex, Reduction: red}.Eval(losses, grad, x, gc.Target.Ints, cot, shape)
			break
		}
		ce := CrossEntropy{Weight: weight, IgnoreIndex: o.IgnoreIndex, LabelSmoothing: float64(o.LabelSmoothing), Reduction: red}
		switch o.TargetType {
		case "index":
			if gc.Target == nil || gc.Target.Ints == nil {
				return nil, nil, fmt.Errorf("index target is not int64")
			}
			v, err = ce.Eval(losses, grad, x, gc.Target.Ints, cot, shape)
		case "probs":
			t, terr := target()
			if terr != nil {
				return nil, nil, terr
			}
			v, err = ce.EvalProbs(losses, grad, x, t, cot, shape)
		default:
			return nil, nil, fmt.Errorf("unknown target_type %q", o.TargetType)
		}
	case "binary_cross_entropy":
		t, terr := target()
		if terr != nil {
			return nil, nil, terr
		}
		v, err = BinaryCrossEntropy{Weight: weight, Reduction: red}.Eval(losses, grad, x, t, cot, shape)
	case "binary_cross_entropy_with_logits":
		t, terr := target()
		if terr != nil {
			return nil, nil, terr
		}
		v, err = BinaryCrossEntropyWithLogits{Weight: weight, PosWeight: posWeight, Reduction: red}.Eval(losses, grad, x, t, cot, shape)
	case "kl_div":
		t, terr := target()
		if terr != nil {
			return nil, nil, terr
		}
		v, err = KLDiv{Reduction: red, LogTarget: o.LogTarget}.Eval(losses, grad, x, t, cot, shape)
	case "softmax", "log_softmax", "logsumexp", "sigmoid":
		return evalPrimitive(gc, cot)
	default:
		return nil, nil, fmt.Errorf("unknown fn %q", gc.Fn)
	}
	if err != nil {
		return nil, nil, err
	}
	if red == None {
		return losses, grad, nil
	}
	return []float64{v}, grad, nil
}

func checkClassDim(classDim *int, shape []int) error {
	want := 1
	if len(shape) == 1 {
		want = 0
	}
	if classDim != nil && *classDim != want {
		return fmt.Errorf("class_dim %d with input shape %v: xent takes the class axis as 1 (0 for 1-D input)", *classDim, shape)
	}
	return nil
}

func evalPrimitive(gc *golden.LossCase, cot []float64) (out, grad []float64, err error) {
	x := gc.Input.Floats
	shape := gc.Input.Shape
	if gc.Fn == "sigmoid" {
		out = make([]float64, len(x))
		for i, v := range x {
			out[i] = special.Sigmoid(v)
		}
		return out, special.SigmoidVJP(nil, x, cot), nil
	}
	if len(shape) == 0 {
		return nil, nil, fmt.Errorf("%s of a 0-d input", gc.Fn)
	}
	if d := gc.Options.Dim; d != nil && *d != len(shape)-1 && *d != -1 {
		return nil, nil, fmt.Errorf("%s along dim %d: only the last axis is supported", gc.Fn, *d)
	}
	if gc.Options.KeepDim {
		return nil, nil, fmt.Errorf("keepdim is not supported")
	}
	if cot == nil {
		return nil, nil, fmt.Errorf("%s case without cotangent", gc.Fn)
	}
	c := shape[len(shape)-1]
	n := len(x) / max(c, 1)
	grad = make([]float64, len(x))
	switch gc.Fn {
	case "softmax":
		out = special.SoftmaxRows(nil, x, n, c)
		for i := 0; i < len(x); i += c {
			special.SoftmaxVJP(grad[i:i+c], out[i:i+c], cot[i:i+c])
		}
	case "log_softmax":
		out = special.LogSoftmaxRows(nil, x, n, c)
		for i := 0; i < len(x); i += c {
			special.LogSoftmaxVJP(grad[i:i+c], out[i:i+c], cot[i:i+c])
		}
	case "logsumexp":
		out = special.LogSumExpRows(nil, x, n, c)
		for i := 0; i < len(x); i += c {
			special.LogSumExpVJP(grad[i:i+c], x[i:i+c], cot[i/c])
		}
	}
	return out, grad, nil
}

// goldenMismatches compares a case's results with its reference values at
// the golden tolerances (numtest.Golden: 1e-12 relative, 1e-15 absolute,
// NaN and infinities exact) and describes every difference.
func goldenMismatches(gc *golden.LossCase, out, grad []float64) []string {
	var bad []string
	cmp := func(what string, got, want []float64) {
		if len(got) != len(want) {
			bad = append(bad, fmt.Sprintf("%s has %d elements, want %d", what, len(got), len(want)))
			return
		}
		for i := range want {
			if !numtest.Golden(got[i], want[i]) {
				bad = append(bad, fmt.Sprintf("%s[%d] = %v, want %v (diff %.3g)", what, i, got[i], want[i], got[i]-want[i]))
			}
		}
	}
	cmp("loss", out, gc.Loss.Floats)
	cmp("grad_input", grad, gc.GradInput.Floats)
	return bad
}

// TestGolden runs every case of losses.json (or of $XENT_GOLDEN_DIR) and
// compares every loss value and gradient element; a case the package
// cannot run, or an unknown fn, fails.
func TestGolden(t *testing.T) {
	cases, err := golden.Losses()
	if err != nil {
		t.Fatal(err)
	}
	fns := map[string]int{}
	for i := range cases {
		gc := &cases[i]
		fns[gc.Fn]++
		t.Run(gc.ID, func(t *testing.T) {
			out, grad, err := evalGolden(gc)
			if err != nil {
				t.Fatalf("%s (%s): %v", gc.Fn, gc.Description, err)
			}
			for _, m := range goldenMismatches(gc, out, grad) {
				t.Errorf("%s (%s): %s", gc.Fn, gc.Description, m)
			}
		})
	}
	t.Logf("%d cases: %v", len(cases), fns)
}

// TestGoldenComparisonFails checks that the parity comparison is not
// vacuous: a perturbed reference value, gradient, NaN or length must be
// reported.
func TestGoldenComparisonFails(t *testing.T) {
	cases, err := golden.Losses()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []int{0, len(cases) / 2, len(cases) - 1} {
		gc := cases[id]
		out, grad, err := evalGolden(&gc)
		if err != nil {
			t.Fatal(err)
		}
		if m := goldenMismatches(&gc, out, grad); len(m) != 0 {
			t.Fatalf("case %s mismatches before perturbation: %v", gc.ID, m)
		}
		perturb := []struct {
			name string
			f    func(c *golden.LossCase)
		}{
			{"loss relative 1e-11", func(c *golden.LossCase) {
				c.Loss.Floats[0] = c.Loss.Floats[0]*(1+1e-11) + 1e-14
			}},
			{"grad absolute 1e-14", func(c *golden.LossCase) { c.GradInput.Floats[len(c.GradInput.Floats)-1] += 1e-14 }},
			{"loss NaN", func(c *golden.LossCase) { c.Loss.Floats[0] = math.NaN() }},
			{"grad +Inf", func(c *golden.LossCase) { c.GradInput.Floats[0] = math.Inf(1) }},
			{"loss length", func(c *golden.LossCase) { c.Loss.Floats = append(c.Loss.Floats, 0) }},
		}
		for _, p := range perturb {
			c := gc
			c.Loss.Floats = slices.Clone(gc.Loss.Floats)
			c.GradInput.Floats = slices.Clone(gc.GradInput.Floats)
			p.f(&c)
			if m := goldenMismatches(&c, out, grad); len(m) == 0 {
				t.Errorf("case %s with %s: comparison reports no mismatch", gc.ID, p.name)
			}
		}
	}
	// An unknown fn must fail, not be skipped.
	gc := cases[0]
	gc.Fn = "hinge_embedding_loss"
	if _, _, err := evalGolden(&gc); err == nil {
		t.Error("evalGolden accepts an unknown fn")
	}
}
