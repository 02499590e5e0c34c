package linear

import (
	"context"
	"math"
	"testing"

	"github.com/xent-ml/xent/internal/golden"
	"github.com/xent-ml/xent/internal/numtest"
	"github.com/xent-ml/xent/solve"
)

// goldenConfig returns the configuration of an optima.json case, or an
// error message for a case this package cannot state.
func goldenConfig(o golden.Optimum) (Estimator, string) {
	cfg := Logistic{C: o.C, NoIntercept: !o.FitIntercept}
	switch o.Penalty {
	case "l2":
	case "none", "":
		cfg.Penalty = NoPenalty
	case "l1":
		cfg.Penalty = L1
	default:
		return nil, "unknown penalty " + o.Penalty
	}
	switch o.Model {
	case "binary":
		if o.NClasses != 2 {
			return nil, "binary model with n_classes ≠ 2"
		}
		return cfg, ""
	case "multinomial":
		cfg.NumClasses = o.NClasses
		return Softmax(cfg), ""
	case "ovr":
		cfg.NumClasses = o.NClasses
		return cfg, ""
	}
	return nil, "unknown model " + o.Model
}

// TestGoldenOptima fits every case of optima.json with L-BFGS and with
// the trust-region Newton method to a relative gradient of 1e-12 and
// compares with the reference optimum (scikit-learn 1.2.1's problem,
// solved to rounding level by Newton's method in float64; see
// testdata/golden/README.md): the objective within 1e-8 relative, the
// coefficients within 1e-4 relative (multinomial intercepts after
// centering), the probabilities of the first rows within 1e-6.
func TestGoldenOptima(t *testing.T) {
	optima, err := golden.Optima()
	if err != nil {
		t.Fatal(err)
	}
	if len(optima) == 0 {
		t.Fatal("optima.json has no case")
	}
	for _, o := range optima {
		base, msg := goldenConfig(o)
		if msg != "" {
			t.Errorf("%s: %s", o.ID, msg)
			continue
		}
		solvers := []Solver{LBFGS, Newton}
		if c := base.Config(); c.Penalty == L1 {
			solvers = []Solver{OWLQN} // L1 optima need an L1 solver
		}
		x, y := loadDesign(t, o.DesignFile, o.Classes)
		if n, p := x.Dims(); n != o.NSamples || p != o.NFeatures {
			t.Errorf("%s: design is %d×%d, want %d×%d", o.ID, n, p, o.NSamples, o.NFeatures)
			continue
		}
		for _, s := range solvers {
			t.Run(o.ID+"/"+s.String(), func(t *testing.T) {
				cfg := base.Config()
				cfg.Solver, cfg.Tol, cfg.MaxIter = s, 1e-12, 100000
				est := base.WithConfig(cfg)
				m, err := est.FitFrom(context.Background(), x, y, nil, nil)
				if err != nil {
					t.Fatal(err)
				}
				var got float64
				switch e := est.(type) {
				case Logistic:
					got, err = e.Objective(m, x, y, nil)
				case Softmax:
					got, err = e.Objective(m, x, y, nil)
				}
				if err != nil {
					t.Fatal(err)
				}
				want := float64(o.Objective)
				rel := math.Abs(got-want) / math.Abs(want)
				t.Logf("%v: %d iterations, %d evaluations, %d Hessian-vector products; objective gap %.2g",
					m.Result.Status, m.Result.Iterations, m.Result.FuncEvals, m.Result.HessVecs, rel)
				// A tolerance of 1e-12 can be below what the line search
				// resolves in f on ill-conditioned data (raw pixel counts):
				// L-BFGS may then stop as stalled at rounding level, which
				// the gaps below judge.
				if st := m.Result.Status; st != solve.Converged && st != solve.Stalled {
					t.Errorf("status %v after %d iterations, want converged", st, m.Result.Iterations)
				}
				if rel > 1e-8 {
					t.Errorf("objective %.17g, want %.17g (relative gap %.2g)", got, want, rel)
				}
				coef := append([]float64(nil), m.Coef...)
				icpt := append([]float64(nil), m.Intercept...)
				wantIcpt := append([]float64(nil), o.Intercept.Floats...)
				if o.Model == "multinomial" {
					center(icpt)
					center(wantIcpt)
					// At the optimum Σ_k W[k][j] = 0; elsewhere it equals
					// Σ_k ∂f/∂W[k][j] (the data part of those sums is 0),
					// so it is bounded by √K·‖∇f‖.
					k, p := o.NClasses, o.NFeatures
					bound := math.Sqrt(float64(k))*m.Result.GradNorm + 1e-12
					for j := 0; j < p; j++ {
						var s float64
						for c := 0; c < k; c++ {
							s += coef[c*p+j]
						}
						if math.Abs(s) > bound {
							t.Errorf("coefficient column %d sums to %.3g, want 0 within √K·‖∇f‖ = %.3g", j, s, bound)
						}
					}
				}
				if d := relDiff(coef, o.Coef.Floats); d > 1e-4 {
					t.Errorf("coefficients: relative distance %.3g > 1e-4", d)
				}
				if m := numtest.Mismatch(coef, o.Coef.Floats, 1e-4, 1e-4*maxAbs(o.Coef.Floats)); m != "" {
					t.Errorf("coefficients: %s", m)
				}
				if m := numtest.Mismatch(icpt, wantIcpt, 1e-4, 1e-4*math.Max(maxAbs(wantIcpt), 1)); m != "" {
					t.Errorf("intercepts: %s", m)
				}
				rows := o.PredictProbaFirst.Shape[0]
				sub, _ := sliceRows(x, rows)
				proba, err := m.PredictProba(nil, sub)
				if err != nil {
					t.Fatal(err)
				}
				if m := numtest.Mismatch(proba, o.PredictProbaFirst.Floats, 0, 1e-6); m != "" {
					t.Errorf("PredictProba of the first %d rows: %s", rows, m)
				}
			})
		}
	}
}

func center(v []float64) {
	var s float64
	for _, x := range v {
		s += x
	}
	s /= float64(len(v))
	for i := range v {
		v[i] -= s
	}
}

func maxAbs(v []float64) float64 {
	var m float64
	for _, x := range v {
		m = math.Max(m, math.Abs(x))
	}
	return m
}
