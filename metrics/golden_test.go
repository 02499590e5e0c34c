package metrics

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"github.com/xent-ml/xent/internal/golden"
	"github.com/xent-ml/xent/internal/numtest"
)

// goldenResult is what a metrics.json case evaluates to.
type goldenResult struct {
	value float64
	curve *Curve
}

// probMatrix returns the data and column count of a y_prob tensor of shape
// [n] (k = 1) or [n, k].
func probMatrix(t *golden.Tensor, n int) ([]float64, int, error) {
	if t == nil || t.Floats == nil {
		return nil, 0, fmt.Errorf("y_prob missing or not float64")
	}
	switch {
	case len(t.Shape) == 1 && t.Shape[0] == n:
		return t.Floats, 1, nil
	case len(t.Shape) == 2 && t.Shape[0] == n:
		return t.Floats, t.Shape[1], nil
	}
	return nil, 0, fmt.Errorf("y_prob shape %v for %d samples", t.Shape, n)
}

func floatsOf(t *golden.Tensor) []float64 {
	if t == nil {
		return nil
	}
	return t.Floats
}

func intsOf(t *golden.Tensor) []int {
	if t == nil {
		return nil
	}
	return t.Ints
}

// checkPosLabel fails unless the case's pos_label is the class xent takes as
// positive.
func checkPosLabel(c *golden.MetricCase, labels []int) error {
	if c.Options.PosLabel == nil {
		return nil
	}
	pos, err := PositiveLabel(c.YTrue.Ints, labels)
	if err != nil {
		return err
	}
	if pos != *c.Options.PosLabel {
		return fmt.Errorf("pos_label %d, xent takes %d", *c.Options.PosLabel, pos)
	}
	return nil
}

// evalGolden evaluates a metrics.json case with its options. Options that
// the function does not take must be null; an unknown fn is an error.
func evalGolden(c *golden.MetricCase) (goldenResult, error) {
	o := &c.Options
	y := c.YTrue.Ints
	if y == nil || len(c.YTrue.Shape) != 1 {
		return goldenResult{}, fmt.Errorf("y_true missing, not int64 or not 1-D")
	}
	n := len(y)
	weights, labels := floatsOf(o.SampleWeight), intsOf(o.Labels)
	epsGiven := len(o.EpsArgument) > 0 && !bytes.Equal(o.EpsArgument, []byte("null"))
	unused := func(names ...string) error {
		for _, name := range names {
			set := false
			switch name {
			case "eps":
				set = epsGiven
			case "normalize":
				set = o.Normalize != nil
			case "sample_weight":
				set = o.SampleWeight != nil
			case "labels":
				set = o.Labels != nil
			case "n_bins":
				set = o.NBins != 0
			case "strategy":
				set = o.Strategy != ""
			}
			if set {
				return fmt.Errorf("option %s is not supported for %s", name, c.Fn)
			}
		}
		return nil
	}
	reduction := func() Reduction {
		if o.Normalize != nil && !*o.Normalize {
			return Sum
		}
		return Mean
	}
	switch c.Fn {
	case "log_loss":
		if err := unused("n_bins", "strategy"); err != nil {
			return goldenResult{}, err
		}
		p, k, err := probMatrix(c.YProb, n)
		if err != nil {
			return goldenResult{}, err
		}
		l := LogLoss{Labels: labels, SampleWeight: weights, Reduction: reduction()}
		if epsGiven {
			var auto string
			if json.Unmarshal(o.EpsArgument, &auto) == nil {
				if auto != "auto" {
					return goldenResult{}, fmt.Errorf("eps_argument %q", auto)
				}
				if float64(o.Eps) != MachineEpsilon {
					return goldenResult{}, fmt.Errorf("eps %v with eps_argument auto, want %v", o.Eps, MachineEpsilon)
				}
			} else {
				var eps golden.Float
				if err := json.Unmarshal(o.EpsArgument, &eps); err != nil {
					return goldenResult{}, fmt.Errorf("eps_argument %s: %v", o.EpsArgument, err)
				}
				l.Clip, l.Eps = ClipEps, float64(eps)
			}
		}
		v, err := l.Eval(y, p, k)
		return goldenResult{value: v}, err
	case "brier_score_loss":
		if err := unused("eps", "normalize", "n_bins", "strategy"); err != nil {
			return goldenResult{}, err
		}
		p, k, err := probMatrix(c.YProb, n)
		if err != nil {
			return goldenResult{}, err
		}
		if k == 1 {
			if err := checkPosLabel(c, labels); err != nil {
				return goldenResult{}, err
			}
		}
		v, err := Brier{Labels: labels, SampleWeight: weights}.Eval(y, p, k)
		return goldenResult{value: v}, err
	case "accuracy_score":
		if err := unused("eps", "labels", "n_bins", "strategy"); err != nil {
			return goldenResult{}, err
		}
		if c.YPred == nil || c.YPred.Ints == nil {
			return goldenResult{}, fmt.Errorf("y_pred missing or not int64")
		}
		v, err := Accuracy{SampleWeight: weights, Reduction: reduction()}.Eval(y, c.YPred.Ints)
		return goldenResult{value: v}, err
	case "roc_auc_score":
		if err := unused("eps", "normalize", "n_bins", "strategy"); err != nil {
			return goldenResult{}, err
		}
		p, k, err := probMatrix(c.YProb, n)
		if err != nil {
			return goldenResult{}, err
		}
		if k == 1 {
			if err := checkPosLabel(c, labels); err != nil {
				return goldenResult{}, err
			}
		}
		v, err := ROCAUC{Labels: labels, SampleWeight: weights}.Eval(y, p, k)
		return goldenResult{value: v}, err
	case "calibration_curve":
		if err := unused("eps", "normalize", "sample_weight"); err != nil {
			return goldenResult{}, err
		}
		if c.Calibration == nil {
			return goldenResult{}, fmt.Errorf("calibration value missing")
		}
		p, k, err := probMatrix(c.YProb, n)
		if err != nil {
			return goldenResult{}, err
		}
		if k != 1 {
			return goldenResult{}, fmt.Errorf("calibration_curve with %d columns", k)
		}
		if err := checkPosLabel(c, labels); err != nil {
			return goldenResult{}, err
		}
		cc := CalibrationCurve{NBins: o.NBins, Labels: labels}
		if o.NBins == 0 {
			return goldenResult{}, fmt.Errorf("n_bins missing")
		}
		switch o.Strategy {
		case "uniform":
			cc.Strategy = Uniform
		case "quantile":
			cc.Strategy = Quantile
		default:
			return goldenResult{}, fmt.Errorf("unknown strategy %q", o.Strategy)
		}
		cv, err := cc.Eval(nil, y, p)
		return goldenResult{curve: cv}, err
	}
	return goldenResult{}, fmt.Errorf("unknown fn %q", c.Fn)
}

// mismatchGolden returns "" when got matches the case's value at the golden
// tolerances, else a description of the first difference.
func mismatchGolden(c *golden.MetricCase, got goldenResult) string {
	if c.Fn != "calibration_curve" {
		if !numtest.Golden(got.value, c.Value) {
			return fmt.Sprintf("%s = %v, want %v (diff %.3g)", c.Fn, got.value, c.Value, got.value-c.Value)
		}
		return ""
	}
	want := c.Calibration
	for _, f := range []struct {
		name      string
		got, want []float64
	}{
		{"prob_true", got.curve.ProbTrue, want.ProbTrue.Floats},
		{"prob_pred", got.curve.ProbPred, want.ProbPred.Floats},
		{"bin_edges", got.curve.Edges, want.BinEdges.Floats},
	} {
		if m := numtest.Mismatch(f.got, f.want, numtest.RelTol, numtest.AbsTol); m != "" {
			return f.name + m
		}
	}
	return ""
}

func loadGolden(t *testing.T) []golden.MetricCase {
	t.Helper()
	cases, err := golden.Metrics()
	if err != nil {
		t.Fatalf("golden.Metrics: %v", err)
	}
	if len(cases) == 0 {
		t.Fatal("golden.Metrics: no cases")
	}
	return cases
}

// TestGolden checks every case of metrics.json at the golden tolerances
// (relative 1e-12, absolute 1e-15, NaN and infinities exactly).
func TestGolden(t *testing.T) {
	cases := loadGolden(t)
	for i := range cases {
		c := &cases[i]
		t.Run(c.ID, func(t *testing.T) {
			got, err := evalGolden(c)
			if err != nil {
				t.Fatalf("%s (%s): %v", c.Fn, c.Description, err)
			}
			if m := mismatchGolden(c, got); m != "" {
				t.Errorf("%s (%s): %s", c.ID, c.Description, m)
			}
		})
	}
}

// TestGoldenDetectsPerturbation proves the comparison can fail: every case
// with its expected value moved by 1e-11 relative (or 1e-14 absolute near
// zero) must mismatch, and an unknown fn must be an error.
func TestGoldenDetectsPerturbation(t *testing.T) {
	bump := func(v float64) float64 {
		if math.Abs(v) < 1e-3 {
			return v + 1e-14
		}
		return v * (1 + 1e-11)
	}
	for _, c := range loadGolden(t) {
		got, err := evalGolden(&c)
		if err != nil {
			t.Fatalf("%s: %v", c.ID, err)
		}
		if c.Fn == "calibration_curve" {
			cal := *c.Calibration
			cal.ProbPred.Floats = append([]float64(nil), cal.ProbPred.Floats...)
			last := len(cal.ProbPred.Floats) - 1
			cal.ProbPred.Floats[last] = bump(cal.ProbPred.Floats[last])
			c.Calibration = &cal
		} else {
			c.Value = bump(c.Value)
		}
		if m := mismatchGolden(&c, got); m == "" {
			t.Errorf("%s: perturbed expected value not detected", c.ID)
		}
	}
	c := loadGolden(t)[0]
	c.Fn = "log_loss_v2"
	if _, err := evalGolden(&c); err == nil {
		t.Error("unknown fn: no error")
	}
}
