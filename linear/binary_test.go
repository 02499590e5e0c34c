package linear

import (
	"context"
	"encoding/csv"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/internal/golden"
	"github.com/xent-ml/xent/internal/numtest"
	"github.com/xent-ml/xent/solve"
)

// loadDesign reads a golden design CSV: label first, then the features.
func loadDesign(t *testing.T, name string) (*data.Dense, []int) {
	t.Helper()
	path, err := golden.Path(name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows, cols := len(recs)-1, len(recs[0])-1
	x := make([]float64, 0, rows*cols)
	y := make([]int, 0, rows)
	for i, rec := range recs[1:] {
		label, err := strconv.Atoi(rec[0])
		if err != nil {
			t.Fatalf("%s line %d: %v", name, i+2, err)
		}
		y = append(y, label)
		for _, s := range rec[1:] {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("%s line %d: %v", name, i+2, err)
			}
			x = append(x, v)
		}
	}
	m, err := data.NewDense(rows, cols, x)
	if err != nil {
		t.Fatal(err)
	}
	return m, y
}

// randomProblem returns a seeded n×p problem with labels from a noisy
// linear rule and positive sample weights.
func randomProblem(n, p int, seed uint64) (*data.Dense, []int, []float64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	x := make([]float64, n*p)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	y := make([]int, n)
	w := make([]float64, n)
	for i := range y {
		if x[i*p]-0.5*x[i*p+1]+rng.NormFloat64() > 0 {
			y[i] = 1
		}
		w[i] = 0.5 + rng.Float64()
	}
	m, _ := data.NewDense(n, p, x)
	return m, y, w
}

func TestBinaryGradientAndHessian(t *testing.T) {
	x, y, sw := randomProblem(300, 5, 7)
	for _, tt := range []struct {
		name      string
		weight    []float64
		intercept bool
		c         float64
	}{
		{"unweighted with intercept", nil, true, 1},
		{"weighted with intercept", sw, true, 0.3},
		{"weighted without intercept", sw, false, 10},
	} {
		t.Run(tt.name, func(t *testing.T) {
			obj := newBinaryObjective(x, y, tt.weight, tt.c, tt.intercept)
			rng := rand.New(rand.NewPCG(3, 3))
			params := make([]float64, obj.Dim())
			for i := range params {
				params[i] = rng.NormFloat64()
			}
			grad := make([]float64, obj.Dim())
			obj.ValueGrad(grad, params)
			fd := numtest.CentralDiff(func(v []float64) float64 { return obj.ValueGrad(nil, v) }, params, 1e-6)
			if m := numtest.Mismatch(grad, fd, 1e-6, 1e-6); m != "" {
				t.Errorf("gradient vs central differences: %s", m)
			}
			// Hessian-vector product against differences of gradients.
			v := make([]float64, obj.Dim())
			for i := range v {
				v[i] = rng.NormFloat64()
			}
			hv := make([]float64, obj.Dim())
			obj.ValueGrad(grad, params)
			obj.HessVec(hv, v)
			const h = 1e-6
			plus, minus := make([]float64, len(params)), make([]float64, len(params))
			gp, gm := make([]float64, len(params)), make([]float64, len(params))
			for i := range params {
				plus[i], minus[i] = params[i]+h*v[i], params[i]-h*v[i]
			}
			obj.ValueGrad(gp, plus)
			obj.ValueGrad(gm, minus)
			want := make([]float64, len(params))
			for i := range want {
				want[i] = (gp[i] - gm[i]) / (2 * h)
			}
			if m := numtest.Mismatch(hv, want, 1e-5, 1e-5); m != "" {
				t.Errorf("HessVec vs gradient differences: %s", m)
			}
		})
	}
}

// TestGradientDescentReachesGoldenOptimum checks the seed system, batch
// gradient descent, against the reference optima of the binary golden cases
// with C ≤ 1 (C = 100 is ill-conditioned for plain gradient descent and is
// left to the quasi-Newton and Newton solvers).
func TestGradientDescentReachesGoldenOptimum(t *testing.T) {
	optima, err := golden.Optima()
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, o := range optima {
		if o.Model != "binary" || o.C > 1 {
			continue
		}
		ran++
		t.Run(o.ID, func(t *testing.T) {
			x, y := loadDesign(t, o.DesignFile)
			m, err := Logistic{C: o.C, Tol: 1e-10, MaxIter: 20000}.Fit(context.Background(), x, y, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := Objective(m, x, y, nil, o.C)
			want := float64(o.Objective)
			if rel := math.Abs(got-want) / want; rel > 1e-8 {
				t.Errorf("objective %.17g, want %.17g (relative gap %.2g; %d iterations, %v)", got, want, rel, m.Result.Iterations, m.Result.Status)
			}
			if m := numtest.Mismatch(m.Coef, o.Coef.Floats, 1e-3, 1e-5); m != "" {
				t.Errorf("coefficients: %s", m)
			}
			proba, err := m.PredictProba(nil, x)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < 10; i++ {
				if want := o.PredictProbaFirst.Floats[2*i+1]; math.Abs(proba[i]-want) > 1e-6 {
					t.Errorf("P(y=1 | row %d) = %v, want %v", i, proba[i], want)
				}
			}
		})
	}
	if ran == 0 {
		t.Fatal("no binary golden optimum with C ≤ 1")
	}
}

func TestLogisticErrors(t *testing.T) {
	x, y, _ := randomProblem(10, 2, 1)
	bad := append([]int(nil), y...)
	bad[4] = 2
	tests := []struct {
		name   string
		cfg    Logistic
		y      []int
		weight []float64
		want   string
	}{
		{"label out of range", Logistic{}, bad, nil, "linear: y[4] = 2, want 0 or 1: label out of range"},
		{"short labels", Logistic{}, y[:3], nil, "linear: 3 labels for 10 rows: shape mismatch"},
		{"negative C", Logistic{C: -1}, y, nil, "linear: C = -1, want a positive number: invalid setting"},
		{"NaN weight", Logistic{}, y, []float64{1, 1, math.NaN(), 1, 1, 1, 1, 1, 1, 1}, "linear: sampleWeight[2] = NaN, want a finite number ≥ 0: invalid sample weight"},
		{"short weights", Logistic{}, y, []float64{1}, "linear: 1 sample weights for 10 rows: shape mismatch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.cfg.Fit(context.Background(), x, tt.y, tt.weight)
			if err == nil || err.Error() != tt.want {
				t.Errorf("Fit error = %v, want %q", err, tt.want)
			}
		})
	}
	m := &Model{Coef: []float64{1, 2, 3}}
	if _, err := m.PredictProba(nil, x); err == nil {
		t.Error("PredictProba accepted 2 features for a 3-feature model")
	}
}

func TestNotConvergedIsReported(t *testing.T) {
	x, y, _ := randomProblem(200, 4, 2)
	m, err := Logistic{Tol: 1e-14, MaxIter: 3}.Fit(context.Background(), x, y, nil)
	if err != nil {
		t.Fatal(err)
	}
	if m.Result.Converged || m.Result.Status != solve.MaxIter {
		t.Errorf("3 iterations to 1e-14: Converged %v, Status %v; want false, %v", m.Result.Converged, m.Result.Status, solve.MaxIter)
	}
}
