package linear

import (
	"context"
	"errors"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/internal/numtest"
	"github.com/xent-ml/xent/solve"
)

var bg = context.Background()

// fitAny fits est and fails the test on error.
func fitAny(t testing.TB, est Estimator, x data.Matrix, y []int, sw []float64) *Model {
	t.Helper()
	m, err := est.FitFrom(bg, x, y, sw, nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func objective(t testing.TB, est Estimator, m *Model, x data.Matrix, y []int, sw []float64) float64 {
	t.Helper()
	var f float64
	var err error
	switch e := est.(type) {
	case Logistic:
		f, err = e.Objective(m, x, y, sw)
	case Softmax:
		f, err = e.Objective(m, x, y, sw)
	}
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestLayoutsGiveSameModel fits the same data stored as Dense, Dense32, CSR
// and CSR32 (values are multiples of 1/8, exact in float32) and checks that
// the models agree to 1e-10 relative: the kernels differ only in rounding.
func TestLayoutsGiveSameModel(t *testing.T) { eachLayoutRule(t, testLayoutsGiveSameModel) }

func testLayoutsGiveSameModel(t *testing.T) {
	dense, y3, sw := synthetic(400, 6, 3, 4)
	y2 := binaryLabels(y3)
	for _, tt := range []struct {
		name string
		est  Estimator
		y    []int
	}{
		{"binary newton", Logistic{Solver: Newton}, y2},
		{"binary lbfgs", Logistic{Solver: LBFGS}, y2},
		{"multinomial newton", Softmax{Solver: Newton, ClassWeight: []float64{1, 2, 0.5}}, y3},
		{"multinomial lbfgs", Softmax{Solver: LBFGS}, y3},
		{"ovr newton standardized", Logistic{Solver: Newton, Standardize: true}, y3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.est.Config()
			cfg.Tol, cfg.MaxIter = 1e-13, 10000
			est := tt.est.WithConfig(cfg)
			var ref *Model
			for _, lay := range layouts(t, dense) {
				m := fitAny(t, est, lay.x, tt.y, sw)
				if ref == nil {
					ref = m
					continue
				}
				if cfg.Standardize {
					// Sparse layouts are scaled only; compare them among
					// themselves through the objective's optimum instead.
					if _, ok := lay.x.(*data.Dense32); !ok {
						continue
					}
				}
				if d := relDiff(m.Coef, ref.Coef); d > 1e-10 {
					t.Errorf("%s: coefficients differ from Dense by %.3g relative", lay.name, d)
				}
				if d := relDiff(m.Intercept, ref.Intercept); d > 1e-10 {
					t.Errorf("%s: intercepts differ from Dense by %.3g relative", lay.name, d)
				}
			}
		})
	}
}

// TestDeterminism checks that a fit has the same bits at GOMAXPROCS 1 and 4,
// on data large enough for many blocks.
func TestDeterminism(t *testing.T) { eachLayoutRule(t, testDeterminism) }

func testDeterminism(t *testing.T) {
	dense, y3, sw := synthetic(20000, 10, 3, 5)
	csr := data.ToCSR(dense)
	for _, tt := range []struct {
		name string
		est  Estimator
		x    data.Matrix
		y    []int
	}{
		{"binary newton dense", Logistic{Solver: Newton}, dense, binaryLabels(y3)},
		{"binary lbfgs csr", Logistic{Solver: LBFGS, Standardize: true}, csr, binaryLabels(y3)},
		{"multinomial newton dense", Softmax{Solver: Newton, Standardize: true}, dense, y3},
		{"ovr owlqn l1 csr", Logistic{Penalty: L1, C: 0.1}, csr, y3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var results []*Model
			for _, procs := range []int{1, 4} {
				old := runtime.GOMAXPROCS(procs)
				results = append(results, fitAny(t, tt.est, tt.x, tt.y, sw))
				runtime.GOMAXPROCS(old)
			}
			a, b := results[0], results[1]
			if a.Result.F != b.Result.F || a.Result.Iterations != b.Result.Iterations {
				t.Errorf("GOMAXPROCS 1: f = %v after %d iterations; 4: %v after %d", a.Result.F, a.Result.Iterations, b.Result.F, b.Result.Iterations)
			}
			for i := range a.Coef {
				if math.Float64bits(a.Coef[i]) != math.Float64bits(b.Coef[i]) {
					t.Fatalf("Coef[%d]: %v at GOMAXPROCS 1, %v at 4", i, a.Coef[i], b.Coef[i])
				}
			}
		})
	}
}

// TestSolvers runs every solver on the small problems of each model and
// compares its objective with the Newton optimum: deterministic solvers to
// their tolerance, SGD and Adam loosely (they stop on a loss plateau).
func TestSolvers(t *testing.T) {
	dense, y3, sw := synthetic(300, 5, 3, 6)
	y2 := binaryLabels(y3)
	for _, mc := range []struct {
		name string
		est  Estimator
		y    []int
	}{
		{"binary", Logistic{C: 0.5}, y2},
		{"multinomial", Softmax{C: 0.5}, y3},
		{"ovr", Logistic{C: 0.5}, y3},
	} {
		cfg := mc.est.Config()
		cfg.Solver, cfg.Tol = Newton, 1e-12
		ref := fitAny(t, mc.est.WithConfig(cfg), dense, mc.y, sw)
		fRef := objective(t, mc.est, ref, dense, mc.y, sw)
		for _, tt := range []struct {
			solver  Solver
			tol     float64
			maxIter int
			lr      float64
			rel     float64
		}{
			{LBFGS, 1e-10, 0, 0, 1e-9},
			{Newton, 1e-8, 0, 0, 1e-9},
			{GD, 1e-7, 100000, 0, 1e-8},
			{OWLQN, 1e-10, 0, 0, 1e-9},
			{SGD, 1e-6, 500, 0.05, 1e-2},
			{Adam, 1e-6, 500, 0.01, 1e-2},
		} {
			t.Run(mc.name+"/"+tt.solver.String(), func(t *testing.T) {
				c := mc.est.Config()
				c.Solver, c.Tol, c.MaxIter, c.LearningRate, c.BatchSize = tt.solver, tt.tol, tt.maxIter, tt.lr, 32
				m := fitAny(t, mc.est.WithConfig(c), dense, mc.y, sw)
				f := objective(t, mc.est, m, dense, mc.y, sw)
				if rel := (f - fRef) / fRef; rel > tt.rel || rel < -1e-12 {
					t.Errorf("objective %.12g, Newton's %.12g: relative gap %.3g > %.0g (%v, %d iterations)", f, fRef, rel, tt.rel, m.Result.Status, m.Result.Iterations)
				}
				if m.Config.Solver != tt.solver {
					t.Errorf("Config.Solver = %v, want %v", m.Config.Solver, tt.solver)
				}
				if !numtest.Close(m.Result.F, f, 1e-9, 0) {
					t.Errorf("Result.F = %.12g, objective of the model %.12g", m.Result.F, f)
				}
			})
		}
	}
}

// TestAutoSolver checks the solver Auto picks.
func TestAutoSolver(t *testing.T) {
	dense, y3, _ := synthetic(100, 3, 2, 7)
	for _, tt := range []struct {
		cfg  Logistic
		want Solver
	}{
		{Logistic{}, Newton},
		{Logistic{Penalty: NoPenalty}, Newton},
		{Logistic{Penalty: L1}, OWLQN},
		{Logistic{Penalty: ElasticNet, L1Ratio: 0.5}, OWLQN},
		{Logistic{Lower: []float64{0, 0, 0}}, LBFGS},
		{Logistic{Penalty: L1, Upper: []float64{1, 1, 1}}, OWLQN},
	} {
		m := fitAny(t, tt.cfg, dense, y3, nil)
		if m.Config.Solver != tt.want {
			t.Errorf("%+v: solver %v, want %v", tt.cfg, m.Config.Solver, tt.want)
		}
	}
}

// TestL1ExactZeros checks that L1 and elastic-net runs give exact zeros and
// satisfy the optimality conditions: |∂f/∂w| ≤ λ where w = 0.
func TestL1ExactZeros(t *testing.T) {
	dense, y3, _ := synthetic(300, 12, 3, 8)
	y2 := binaryLabels(y3)
	for _, tt := range []struct {
		name string
		est  Estimator
		y    []int
	}{
		{"binary owlqn", Logistic{Penalty: L1, C: 0.05, Solver: OWLQN, Tol: 1e-10, MaxIter: 5000}, y2},
		{"binary gd", Logistic{Penalty: L1, C: 0.05, Solver: GD, Tol: 1e-8, MaxIter: 100000}, y2},
		{"binary sgd", Logistic{Penalty: L1, C: 0.05, Solver: SGD, LearningRate: 0.05, MaxIter: 50}, y2},
		{"multinomial owlqn", Softmax{Penalty: L1, C: 0.05, Tol: 1e-10, MaxIter: 5000}, y3},
		{"ovr elastic-net", Logistic{Penalty: ElasticNet, L1Ratio: 0.7, C: 0.05, Tol: 1e-10, MaxIter: 5000}, y3},
		{"binary standardized", Logistic{Penalty: L1, C: 0.05, Standardize: true, Tol: 1e-10, MaxIter: 5000}, y2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := fitAny(t, tt.est, dense, tt.y, nil)
			zeros := 0
			for _, v := range m.Coef {
				if v == 0 {
					zeros++
				}
			}
			if zeros == 0 || zeros == len(m.Coef) {
				t.Fatalf("%d of %d coefficients are exactly 0, want some but not all: %v", zeros, len(m.Coef), m.Coef)
			}
			cfg := tt.est.Config()
			if cfg.Solver == SGD || m.Kind == OneVsRest {
				return
			}
			// Optimality: the smooth gradient is within λ of 0 at the zeros.
			o := testProblem(t, cfg, m.Kind == Multinomial, dense, tt.y, nil, 1)
			theta := append(append([]float64(nil), m.Coef...), m.Intercept...)
			if m.Standardization != nil {
				theta = append(append([]float64(nil), m.Standardization.Coef...), m.Standardization.Intercept...)
			}
			g := make([]float64, len(theta))
			o.ValueGrad(g, theta)
			lambda := 1.0
			if cfg.Penalty == ElasticNet {
				lambda = cfg.L1Ratio
			}
			for j, v := range theta[:len(m.Coef)] {
				if v == 0 && math.Abs(g[j]) > lambda*(1+1e-6) {
					t.Errorf("coefficient %d is 0 with |∂f/∂w| = %v > λ = %v", j, math.Abs(g[j]), lambda)
				}
			}
		})
	}
}

// TestBounds checks that bounds are respected by every solver that
// supports them, on the original scale also with standardization, and that
// Newton rejects them.
func TestBounds(t *testing.T) {
	dense, y3, _ := synthetic(300, 5, 3, 9)
	y2 := binaryLabels(y3)
	lower := []float64{0, 0, -0.1, math.Inf(-1), 0}
	upper := []float64{0.2, math.Inf(1), 0.1, math.Inf(1), math.Inf(1)}
	for _, tt := range []struct {
		name string
		est  Estimator
		y    []int
	}{
		{"binary lbfgs", Logistic{Solver: LBFGS}, y2},
		{"binary owlqn l1", Logistic{Penalty: L1, C: 0.5}, y2},
		{"binary gd", Logistic{Solver: GD, MaxIter: 2000}, y2},
		{"binary adam", Logistic{Solver: Adam, LearningRate: 0.01, MaxIter: 30}, y2},
		{"binary sgd", Logistic{Solver: SGD, LearningRate: 0.01, MaxIter: 30}, y2},
		{"multinomial lbfgs", Softmax{Solver: LBFGS}, y3},
		{"ovr standardized", Logistic{Standardize: true}, y3},
		{"multinomial standardized", Softmax{Standardize: true, MaxIter: 1000}, y3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.est.Config()
			cfg.Lower, cfg.Upper = lower, upper
			m := fitAny(t, tt.est.WithConfig(cfg), dense, tt.y, nil)
			active := 0
			for i, v := range m.Coef {
				j := i % 5
				// Standardized bounds are mapped back through a scale: allow
				// its rounding.
				tol := 1e-15 * math.Max(1, math.Abs(v))
				if v < lower[j]-tol || v > upper[j]+tol {
					t.Errorf("Coef[%d] = %v outside [%v, %v]", i, v, lower[j], upper[j])
				}
				if math.Abs(v-lower[j]) <= tol || math.Abs(v-upper[j]) <= tol {
					active++
				}
			}
			if active == 0 {
				t.Errorf("no bound is active: the test does not test bounds (%v)", m.Coef)
			}
		})
	}
	_, err := Logistic{Solver: Newton, Lower: lower}.Fit(bg, dense, y2, nil)
	if !errors.Is(err, ErrSetting) {
		t.Errorf("Newton with bounds: error %v, want ErrSetting", err)
	}
}

// TestStandardize checks that a standardized fit reports original-scale
// parameters: predictions on the raw data with Model.Coef match those on
// explicitly standardized data with the internal parameters to 1e-12, and
// the internal parameters match a plain fit on the standardized data.
func TestStandardize(t *testing.T) {
	dense, y3, sw := synthetic(300, 4, 3, 10)
	raw := dense.RawData()
	scales := []float64{100, 0.01, 3, 1}
	shifts := []float64{50, -2, 0, 7}
	for i := range raw {
		raw[i] = raw[i]*scales[i%4] + shifts[i%4]
	}
	for i := 0; i < 300; i++ {
		raw[i*4+3] = 7 // a constant column
	}
	y2 := binaryLabels(y3)
	for _, tt := range []struct {
		name string
		est  Estimator
		y    []int
		x    data.Matrix
	}{
		{"binary dense", Logistic{}, y2, dense},
		{"multinomial dense", Softmax{}, y3, dense},
		{"ovr dense", Logistic{}, y3, dense},
		{"binary csr (scale only)", Logistic{}, y2, data.ToCSR(dense)},
		{"multinomial no intercept (scale only)", Softmax{NoIntercept: true}, y3, dense},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.est.Config()
			cfg.Standardize, cfg.Tol, cfg.MaxIter = true, 1e-12, 1000
			m := fitAny(t, tt.est.WithConfig(cfg), tt.x, tt.y, sw)
			st := m.Standardization
			if st == nil {
				t.Fatal("Standardization is nil")
			}
			_, sparse := tt.x.(*data.CSR)
			if (st.Mean == nil) != (sparse || cfg.NoIntercept) {
				t.Fatalf("Mean = %v: centering on a %T with NoIntercept %v", st.Mean, tt.x, cfg.NoIntercept)
			}
			if st.Scale[3] != 1 && !sparse {
				t.Errorf("scale of the constant column = %v, want 1", st.Scale[3])
			}
			// Standardized copy of the data.
			z := make([]float64, len(raw))
			for i, v := range raw {
				j := i % 4
				mu := 0.0
				if st.Mean != nil {
					mu = st.Mean[j]
				}
				z[i] = (v - mu) / st.Scale[j]
			}
			zx, err := data.NewDense(300, 4, z)
			if err != nil {
				t.Fatal(err)
			}
			inner := &Model{Kind: m.Kind, NumClasses: m.NumClasses, Coef: st.Coef, Intercept: st.Intercept}
			pRaw, err := m.PredictProba(nil, tt.x)
			if err != nil {
				t.Fatal(err)
			}
			pStd, err := inner.PredictProba(nil, zx)
			if err != nil {
				t.Fatal(err)
			}
			if msg := numtest.Mismatch(pRaw, pStd, 0, 1e-12); msg != "" {
				t.Errorf("raw data with reported coefficients vs standardized data with internal ones: %s", msg)
			}
			// The internal parameters are those of a plain fit on the
			// standardized data.
			plain := tt.est.Config()
			plain.Tol, plain.MaxIter = 1e-12, 1000
			mz := fitAny(t, tt.est.WithConfig(plain), zx, tt.y, sw)
			if d := relDiff(st.Coef, mz.Coef); d > 1e-7 {
				t.Errorf("internal coefficients differ from a fit on standardized data by %.3g relative", d)
			}
		})
	}
}

// TestPriorCorrection checks King & Zeng's correction. With a feature that
// carries no information (all zeros) the fitted probability is the same for
// every sample, the weighted class frequency; after correction it must be
// the true frequency exactly (to rounding) for every kind of model. With an
// informative feature the mean predicted probability must move from the
// reweighted frequency to within 0.01 of the true one.
func TestPriorCorrection(t *testing.T) {
	n := 1000
	y2, y3 := make([]int, n), make([]int, n)
	for i := range y2 {
		if i%10 == 0 {
			y2[i] = 1 // 10 % positives
		}
		y3[i] = map[bool]int{true: 2, false: 0}[i%5 == 0]
		if i%10 == 1 {
			y3[i] = 1
		}
	}
	zeros, _ := data.NewDense(n, 1, nil)
	for _, tt := range []struct {
		name string
		est  Estimator
		y    []int
	}{
		{"binary balanced", Logistic{BalancedClassWeight: true, Penalty: NoPenalty}, y2},
		{"binary pos_weight", Logistic{PosWeight: 5}, y2},
		{"binary class weight", Logistic{ClassWeight: []float64{0.3, 4}}, y2},
		{"multinomial balanced", Softmax{BalancedClassWeight: true}, y3},
		{"ovr balanced", Logistic{BalancedClassWeight: true}, y3},
		{"ovr class weight", Logistic{ClassWeight: []float64{1, 3, 0.5}}, y3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.est.Config()
			cfg.Tol = 1e-12
			truth := frequencies(tt.y, 3)
			before := meanProba(t, fitAny(t, tt.est.WithConfig(cfg), zeros, tt.y, nil), zeros)
			cfg.PriorCorrection = true
			m := fitAny(t, tt.est.WithConfig(cfg), zeros, tt.y, nil)
			after := meanProba(t, m, zeros)
			for c := range after {
				if math.Abs(before[c]-truth[c]) < 0.01 {
					t.Errorf("class %d: uncorrected mean probability %v already near the frequency %v: the test does not test", c, before[c], truth[c])
				}
				if !numtest.Close(after[c], truth[c], 1e-9, 1e-12) {
					t.Errorf("class %d: mean probability %v after correction, want the frequency %v (before: %v)", c, after[c], truth[c], before[c])
				}
			}
		})
	}
	// An informative feature: probabilities vary, the correction is close.
	dense, yy, _ := synthetic(4000, 3, 2, 11)
	for i := range yy {
		if i%4 != 0 {
			yy[i] = 0 // make the positives rare
		}
	}
	truth := frequencies(yy, 2)
	cfg := Logistic{BalancedClassWeight: true, C: 0.1}
	before := meanProba(t, fitAny(t, cfg, dense, yy, nil), dense)
	cfg.PriorCorrection = true
	after := meanProba(t, fitAny(t, cfg, dense, yy, nil), dense)
	if math.Abs(after[1]-truth[1]) > 0.01 || math.Abs(before[1]-truth[1]) < 0.05 {
		t.Errorf("mean P(y=1) %v before, %v after correction; frequency %v", before[1], after[1], truth[1])
	}
}

func frequencies(y []int, k int) []float64 {
	f := make([]float64, k)
	for _, v := range y {
		f[v]++
	}
	k = 0
	for _, v := range f {
		if v > 0 {
			k++
		}
	}
	for c := range f {
		f[c] /= float64(len(y))
	}
	return f[:max(k, 2)]
}

func meanProba(t testing.TB, m *Model, x data.Matrix) []float64 {
	t.Helper()
	p, err := m.PredictProba(nil, x)
	if err != nil {
		t.Fatal(err)
	}
	k := m.Classes()
	mean := make([]float64, k)
	for i, v := range p {
		mean[i%k] += v
	}
	for c := range mean {
		mean[c] /= float64(len(p) / k)
	}
	return mean
}

// TestEarlyStopping checks that a run with a validation set returns the
// weights of the lowest validation loss.
func TestEarlyStopping(t *testing.T) {
	dense, y3, _ := synthetic(200, 40, 3, 12)
	for _, tt := range []struct {
		name string
		est  Estimator
	}{
		{"multinomial fraction", Softmax{C: 1e4, Solver: LBFGS, MaxIter: 300, ValidationFraction: 0.3, Patience: 3, Tol: 1e-12}},
		{"binary fraction", Logistic{C: 1e4, Solver: GD, MaxIter: 300, ValidationFraction: 0.3, Patience: 3, Tol: 1e-12}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			y := y3
			if _, ok := tt.est.(Logistic); ok {
				y = binaryLabels(y3)
			}
			m := fitAny(t, tt.est, dense, y, nil)
			best := math.Inf(1)
			for _, it := range m.Result.History {
				best = math.Min(best, it.ValidLoss)
			}
			if math.IsInf(best, 0) || math.IsNaN(best) {
				t.Fatalf("history has no validation loss")
			}
			// Recompute the validation loss of the returned model.
			cfg := tt.est.Config()
			tr, te, err := data.StratifiedSplit(y, cfg.ValidationFraction, cfg.Seed)
			if err != nil {
				t.Fatal(err)
			}
			_ = tr
			full := &data.Dataset{X: dense, Y: y}
			valid, err := full.Subset(te)
			if err != nil {
				t.Fatal(err)
			}
			got, err := m.LogLoss(valid.X, valid.Y, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !numtest.Close(got, best, 1e-10, 0) {
				t.Errorf("validation log loss of the model %v, best in history %v (%v)", got, best, m.Result.Status)
			}
			if m.Result.Status != solve.EarlyStopped {
				t.Errorf("status %v, want early stopped (C = 1e4 overfits 40 features of 140 rows)", m.Result.Status)
			}
		})
	}
}

// TestWarmStart checks that FitFrom starts from the given model: from the
// optimum a run needs no iteration.
func TestWarmStart(t *testing.T) {
	dense, y3, sw := synthetic(300, 5, 3, 13)
	for _, est := range []Estimator{Logistic{Tol: 1e-8}, Softmax{Tol: 1e-8, Standardize: true}, Logistic{Tol: 1e-8, Penalty: L1}} {
		m := fitAny(t, est, dense, y3, sw)
		again, err := est.FitFrom(bg, dense, y3, sw, m)
		if err != nil {
			t.Fatal(err)
		}
		if again.Result.Iterations > 1 {
			t.Errorf("%T: %d iterations from the optimum, want at most 1", est, again.Result.Iterations)
		}
		if d := relDiff(again.Coef, m.Coef); d > 1e-6 {
			t.Errorf("%T: warm start moved the optimum by %.3g", est, d)
		}
	}
	m := fitAny(t, Softmax{}, dense, y3, sw)
	if _, err := (Logistic{}).FitFrom(bg, dense, y3, sw, m); !errors.Is(err, ErrShape) {
		t.Errorf("Logistic from a multinomial model: error %v, want ErrShape", err)
	}
}

func TestNotConvergedIsReported(t *testing.T) {
	dense, y3, _ := synthetic(200, 4, 2, 14)
	for _, s := range []Solver{LBFGS, Newton, GD, OWLQN} {
		m, err := Logistic{Solver: s, Tol: 1e-14, MaxIter: 2}.Fit(bg, dense, y3, nil)
		if err != nil {
			t.Fatal(err)
		}
		if m.Result.Converged || m.Result.Status != solve.MaxIter {
			t.Errorf("%v, 2 iterations to 1e-14: Converged %v, Status %v; want false, %v", s, m.Result.Converged, m.Result.Status, solve.MaxIter)
		}
	}
	m, err := Logistic{Tol: 1e-14, MaxIter: 2}.Fit(bg, dense, []int{0, 1, 2, 0, 1, 2, 0, 1, 2, 0}[0:0], nil)
	if err == nil {
		t.Errorf("no labels: model %v, want an error", m)
	}
	// One-vs-rest reports the first problem that did not converge.
	y := make([]int, 200)
	for i := range y {
		y[i] = i % 3
	}
	m, err = Logistic{Tol: 1e-14, MaxIter: 2}.Fit(bg, dense, y, nil)
	if err != nil {
		t.Fatal(err)
	}
	if m.Result.Converged || len(m.ClassResults) != 3 {
		t.Errorf("ovr: Converged %v with %d class results", m.Result.Converged, len(m.ClassResults))
	}
	ctx, cancel := context.WithCancel(bg)
	cancel()
	m, err = Logistic{}.Fit(ctx, dense, y, nil)
	if err != nil {
		t.Fatal(err)
	}
	if m.Result.Status != solve.Canceled {
		t.Errorf("canceled context: status %v", m.Result.Status)
	}
}

func TestFitErrors(t *testing.T) {
	dense, y, _ := synthetic(10, 2, 2, 1)
	bad := append([]int(nil), y...)
	bad[4] = -1
	tests := []struct {
		name   string
		est    Estimator
		y      []int
		weight []float64
		want   string
		is     error
	}{
		{"negative label", Logistic{}, bad, nil, "linear: y[4] = -1, want a class index ≥ 0: label out of range", ErrLabel},
		{"label beyond NumClasses", Logistic{NumClasses: 2}, []int{0, 1, 2, 0, 1, 0, 1, 0, 1, 0}, nil, "linear: y[2] = 2, want a class in [0, 2): label out of range", ErrLabel},
		{"one class", Logistic{}, make([]int, 10), nil, "linear: 1 class in the labels, want at least 2: label out of range", ErrLabel},
		{"one class, label 1", Logistic{}, []int{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, nil, "linear: every training label is class 1; fitting needs samples of at least 2 classes: label out of range", ErrLabel},
		{"one class of NumClasses 2", Logistic{NumClasses: 2}, make([]int, 10), nil, "linear: every training label is class 0; fitting needs samples of at least 2 classes: label out of range", ErrLabel},
		{"one class of NumClasses 3, softmax", Softmax{NumClasses: 3}, []int{2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, nil, "linear: every training label is class 2; fitting needs samples of at least 2 classes: label out of range", ErrLabel},
		{"one class of 3, one-vs-rest", Logistic{NumClasses: 3}, []int{2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, nil, "linear: every training label is class 2; fitting needs samples of at least 2 classes: label out of range", ErrLabel},
		{"short labels", Logistic{}, y[:3], nil, "linear: 3 labels for 10 rows: shape mismatch", ErrShape},
		{"negative C", Logistic{C: -1}, y, nil, "linear: C = -1, want a positive number: invalid setting", ErrSetting},
		{"NaN weight", Logistic{}, y, []float64{1, 1, math.NaN(), 1, 1, 1, 1, 1, 1, 1}, "linear: sampleWeight[2] = NaN, want a finite number ≥ 0: invalid weight", ErrWeight},
		{"short weights", Logistic{}, y, []float64{1}, "linear: 1 sample weights for 10 rows: shape mismatch", ErrShape},
		{"class weight", Logistic{ClassWeight: []float64{1, -2}}, y, nil, "linear: ClassWeight[1] = -2, want a finite number ≥ 0: invalid weight", ErrWeight},
		{"class weights length", Logistic{ClassWeight: []float64{1}}, y, nil, "linear: 1 class weights for 2 classes: shape mismatch", ErrShape},
		{"l1 ratio", Logistic{Penalty: ElasticNet, L1Ratio: 2}, y, nil, "linear: L1Ratio = 2, want a number in [0, 1]: invalid setting", ErrSetting},
		{"smoothing", Logistic{LabelSmoothing: 1}, y, nil, "linear: LabelSmoothing = 1, want a number in [0, 1): invalid setting", ErrSetting},
		{"softmax pos_weight", Softmax{PosWeight: 2}, y, nil, "linear: PosWeight = 2: Softmax has no positive class: invalid setting", ErrSetting},
		{"l1 with newton", Logistic{Penalty: L1, Solver: Newton}, y, nil, "linear: solver newton does not support the l1 penalty (use owlqn, gd or sgd): invalid setting", ErrSetting},
		{"bounds length", Logistic{Lower: []float64{0, 0, 0}}, y, nil, "linear: len(Lower) = 3, want 2 or 2: shape mismatch", ErrShape},
		{"bounds order", Logistic{Lower: []float64{0, 1}, Upper: []float64{1, 0}}, y, nil, "linear: coefficient 1: Lower 1 > Upper 0: invalid setting", ErrSetting},
		{"prior without intercept", Logistic{PriorCorrection: true, NoIntercept: true}, y, nil, "linear: PriorCorrection needs an intercept: invalid setting", ErrSetting},
		{"both class weights", Logistic{BalancedClassWeight: true, ClassWeight: []float64{1, 1}}, y, nil, "linear: both ClassWeight and BalancedClassWeight are set: invalid setting", ErrSetting},
		{"validation fraction", Logistic{ValidationFraction: 1.5}, y, nil, "linear: ValidationFraction = 1.5, want a number in (0, 1): invalid setting", ErrSetting},
		{"solver", Logistic{Solver: 42}, y, nil, "linear: Solver = Solver(42): invalid setting", ErrSetting},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.est.FitFrom(bg, dense, tt.y, tt.weight, nil)
			if err == nil || err.Error() != tt.want || !errors.Is(err, tt.is) {
				t.Errorf("Fit error = %v, want %q", err, tt.want)
			}
		})
	}
	for _, nx := range []data.Matrix{nil, (*data.Dense)(nil), (*data.CSR32)(nil)} {
		if _, err := (Logistic{}).Fit(bg, nx, y, nil); !errors.Is(err, ErrShape) {
			t.Errorf("Fit(%T nil) = %v, want ErrShape", nx, err)
		}
		fitted := &Model{Coef: []float64{1, 2}, Intercept: []float64{0}}
		if _, err := fitted.PredictProba(nil, nx); !errors.Is(err, ErrShape) {
			t.Errorf("PredictProba(%T nil) = %v, want ErrShape", nx, err)
		}
	}
	m := &Model{Coef: []float64{1, 2, 3}, Intercept: []float64{0}}
	if _, err := m.PredictProba(nil, dense); !errors.Is(err, ErrShape) {
		t.Errorf("PredictProba with 2 features for a 3-feature model: %v, want ErrShape", err)
	}
	if _, err := (&Model{}).PredictProba(nil, dense); !errors.Is(err, ErrNotFit) {
		t.Errorf("PredictProba of an empty model: %v, want ErrNotFit", err)
	}
}

// TestPredict checks the shapes and invariants of the predictions: rows of
// PredictProba sum to 1, Predict is the argmax, LogLoss matches the
// probabilities.
func TestPredict(t *testing.T) {
	dense, y3, _ := synthetic(200, 4, 3, 15)
	for _, tt := range []struct {
		name string
		est  Estimator
		y    []int
	}{
		{"binary", Logistic{}, binaryLabels(y3)},
		{"multinomial", Softmax{}, y3},
		{"ovr", Logistic{}, y3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := fitAny(t, tt.est, dense, tt.y, nil)
			k := m.Classes()
			p, err := m.PredictProba(nil, dense)
			if err != nil {
				t.Fatal(err)
			}
			pred, err := m.Predict(nil, dense)
			if err != nil {
				t.Fatal(err)
			}
			var ll float64
			for i := 0; i < 200; i++ {
				row := p[i*k : (i+1)*k]
				var s float64
				best := 0
				for c, v := range row {
					s += v
					if v > row[best] {
						best = c
					}
				}
				if math.Abs(s-1) > 1e-14 {
					t.Errorf("row %d sums to %v", i, s)
				}
				if pred[i] != best {
					t.Errorf("Predict row %d = %d, argmax of the probabilities %d", i, pred[i], best)
				}
				ll -= math.Log(row[tt.y[i]])
			}
			got, err := m.LogLoss(dense, tt.y, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !numtest.Close(got, ll/200, 1e-12, 0) {
				t.Errorf("LogLoss = %v, mean -log p = %v", got, ll/200)
			}
		})
	}
}

// TestOvRDeterminism checks that one-vs-rest, whose binary problems run
// side by side when GOMAXPROCS > 1, gives the same bits at GOMAXPROCS 1, 2
// and 4, and that the callback is never called concurrently.
func TestOvRDeterminism(t *testing.T) {
	dense, y, sw := synthetic(3000, 8, 5, 21)
	vx, vy, _ := synthetic(500, 8, 5, 22)
	warm := fitAny(t, Logistic{C: 0.1, MaxIter: 3}, dense, y, sw)
	for _, tt := range []struct {
		name string
		cfg  Logistic
		init *Model
	}{
		{"newton", Logistic{}, nil},
		{"newton penalized intercept", Logistic{PenalizeIntercept: true}, nil},
		{"standardized lbfgs", Logistic{Standardize: true, Solver: LBFGS}, nil},
		{"prior correction balanced", Logistic{PriorCorrection: true, BalancedClassWeight: true}, nil},
		{"validation fraction", Logistic{ValidationFraction: 0.2, Patience: 2, Solver: LBFGS}, nil},
		{"validation set standardized", Logistic{Validation: &data.Dataset{X: vx, Y: vy}, Patience: 1, Standardize: true}, nil},
		{"warm start", Logistic{}, warm},
		{"l1 owlqn", Logistic{Penalty: L1, C: 0.5}, nil},
		{"sgd", Logistic{Solver: SGD, MaxIter: 5}, nil},
		{"bounds", Logistic{Solver: LBFGS, Lower: []float64{-0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1}}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var results []*Model
			for _, procs := range []int{1, 2, 4} {
				var busy atomic.Int32
				calls := 0
				cfg := tt.cfg
				cfg.Callback = func(solve.Iteration) bool {
					if busy.Add(1) != 1 {
						t.Error("callback calls overlap")
					}
					calls++
					busy.Add(-1)
					return false
				}
				old := runtime.GOMAXPROCS(procs)
				m, err := cfg.FitFrom(bg, dense, y, sw, tt.init)
				runtime.GOMAXPROCS(old)
				if err != nil {
					t.Fatal(err)
				}
				if m.Kind != OneVsRest || calls == 0 {
					t.Fatalf("kind %v, %d callback calls", m.Kind, calls)
				}
				results = append(results, m)
			}
			a := results[0]
			for i, b := range results[1:] {
				procs := []int{2, 4}[i]
				same := func(name string, x, y []float64) {
					if len(x) != len(y) {
						t.Fatalf("%s: %d values at GOMAXPROCS 1, %d at %d", name, len(x), len(y), procs)
					}
					for i := range x {
						if math.Float64bits(x[i]) != math.Float64bits(y[i]) {
							t.Fatalf("%s[%d]: %v at GOMAXPROCS 1, %v at %d", name, i, x[i], y[i], procs)
						}
					}
				}
				same("Coef", a.Coef, b.Coef)
				same("Intercept", a.Intercept, b.Intercept)
				if a.Standardization != nil {
					same("Standardization.Coef", a.Standardization.Coef, b.Standardization.Coef)
					same("Standardization.Intercept", a.Standardization.Intercept, b.Standardization.Intercept)
				}
				for c := range a.ClassResults {
					ra, rb := a.ClassResults[c], b.ClassResults[c]
					if ra.F != rb.F || ra.Iterations != rb.Iterations || ra.Status != rb.Status || ra.FuncEvals != rb.FuncEvals {
						t.Errorf("class %d: F %v, %d iterations, %v at GOMAXPROCS 1; %v, %d, %v at %d", c, ra.F, ra.Iterations, ra.Status, rb.F, rb.Iterations, rb.Status, procs)
					}
				}
				if a.Result.F != b.Result.F {
					t.Errorf("F %v at GOMAXPROCS 1, %v at %d", a.Result.F, b.Result.F, procs)
				}
			}
		})
	}
}

// TestOvRCanceled checks that canceling the context during a one-vs-rest
// fit running side by side stops every binary problem.
func TestOvRCanceled(t *testing.T) {
	dense, y, _ := synthetic(2000, 6, 6, 23)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	ctx, cancel := context.WithCancel(bg)
	defer cancel()
	var once sync.Once
	cfg := Logistic{Solver: GD, Tol: 1e-14, MaxIter: 1000000, Callback: func(it solve.Iteration) bool {
		if it.Iter == 3 {
			once.Do(cancel)
		}
		return false
	}}
	m, err := cfg.Fit(ctx, dense, y, nil)
	if err != nil {
		t.Fatal(err)
	}
	for c, r := range m.ClassResults {
		if r.Status != solve.Canceled {
			t.Errorf("class %d: status %v after %d iterations, want %v", c, r.Status, r.Iterations, solve.Canceled)
		}
	}
}
