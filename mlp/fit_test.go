package mlp_test

import (
	"context"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/mlp"
	"github.com/xent-ml/xent/solve"
)

// xor returns the four XOR points repeated copies times.
func xor(t testing.TB, copies int) *data.Dataset {
	t.Helper()
	var x []float64
	var y []int
	for range copies {
		x = append(x, 0, 0, 0, 1, 1, 0, 1, 1)
		y = append(y, 0, 1, 1, 0)
	}
	d, err := data.NewDense(len(y), 2, x)
	if err != nil {
		t.Fatal(err)
	}
	return &data.Dataset{X: d, Y: y}
}

// rings returns n points of three concentric rings (class = ring), a
// problem no linear model separates.
func rings(t testing.TB, n int, seed uint64) *data.Dataset {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 2))
	x := make([]float64, 2*n)
	y := make([]int, n)
	for i := range y {
		y[i] = i % 3
		rad := 1 + float64(y[i]) + 0.2*(r.Float64()-0.5)
		a := 2 * math.Pi * r.Float64()
		x[2*i], x[2*i+1] = rad*math.Cos(a), rad*math.Sin(a)
	}
	d, err := data.NewDense(n, 2, x)
	if err != nil {
		t.Fatal(err)
	}
	return &data.Dataset{X: d, Y: y}
}

// logLoss returns the mean log loss of m on d from PredictProba.
func logLoss(t testing.TB, m *mlp.Model, d *data.Dataset) float64 {
	t.Helper()
	p, err := m.PredictProba(nil, d.X)
	if err != nil {
		t.Fatal(err)
	}
	k := m.NumClasses
	var s float64
	for i, y := range d.Y {
		s -= math.Log(p[i*k+y])
	}
	return s / float64(len(d.Y))
}

func accuracy(t testing.TB, m *mlp.Model, d *data.Dataset) float64 {
	t.Helper()
	pred, err := m.Predict(nil, d.X)
	if err != nil {
		t.Fatal(err)
	}
	ok := 0
	for i, y := range d.Y {
		if pred[i] == y {
			ok++
		}
	}
	return float64(ok) / float64(len(d.Y))
}

// TestLearns fits nonlinear problems to near-zero loss with each solver.
func TestLearns(t *testing.T) {
	tests := []struct {
		name    string
		cfg     mlp.Classifier
		d       *data.Dataset
		maxLoss float64
	}{
		{"xor/lbfgs/tanh", mlp.Classifier{HiddenSizes: []int{8}, Activation: mlp.Tanh, Solver: mlp.LBFGS, Tol: 1e-10, MaxIter: 500}, xor(t, 1), 1e-3},
		{"xor/adam/relu", mlp.Classifier{HiddenSizes: []int{16}, LearningRate: 0.01, MaxIter: 1000, Tol: -1, Seed: 1}, xor(t, 10), 0.01},
		{"xor/sgd/sigmoid", mlp.Classifier{HiddenSizes: []int{8}, Activation: mlp.Sigmoid, Solver: mlp.SGD,
			LearningRate: 0.1, Momentum: 0.9, Nesterov: true, BatchSize: 4, MaxIter: 500, Tol: -1, Seed: 2}, xor(t, 10), 0.01},
		{"rings/adam/2layers", mlp.Classifier{HiddenSizes: []int{32, 16}, LearningRate: 0.01, MaxIter: 400, Seed: 3}, rings(t, 300, 1), 0.05},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := tt.cfg.Fit(context.Background(), tt.d, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := logLoss(t, m, tt.d); got > tt.maxLoss {
				t.Errorf("training log loss = %v after %d iterations (%v), want ≤ %v", got, m.Result.Iterations, m.Result.Status, tt.maxLoss)
			}
			if acc := accuracy(t, m, tt.d); acc != 1 {
				t.Errorf("training accuracy = %v, want 1", acc)
			}
			if len(m.History) == 0 || len(m.History) != len(m.Result.History) {
				t.Errorf("len(History) = %d, want %d > 0", len(m.History), len(m.Result.History))
			}
		})
	}
}

// parallelProblem is large enough for the layer products to be spread over
// goroutines.
func parallelProblem(t testing.TB) *data.Dataset {
	x, y, w := randomData(600, 50, 4, 11)
	return dataset(t, "dense", 600, 50, x, y, w)
}

// TestDeterminism: same seed, same bits, at GOMAXPROCS 1 and 4; another
// seed, other weights.
func TestDeterminism(t *testing.T) {
	d := parallelProblem(t)
	cfg := mlp.Classifier{HiddenSizes: []int{64, 32}, MaxIter: 3, Dropout: 0.2, Seed: 5, EarlyStopping: true}
	fit := func(procs int, cfg mlp.Classifier) []float64 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		m, err := cfg.Fit(context.Background(), d, nil)
		if err != nil {
			t.Fatal(err)
		}
		return m.Params(nil)
	}
	a, b, c := fit(1, cfg), fit(4, cfg), fit(4, cfg)
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) || math.Float64bits(b[i]) != math.Float64bits(c[i]) {
			t.Fatalf("param[%d] = %v (GOMAXPROCS 1), %v and %v (GOMAXPROCS 4), want the same bits", i, a[i], b[i], c[i])
		}
	}
	cfg.Seed = 6
	if slices.Equal(a, fit(4, cfg)) {
		t.Error("seeds 5 and 6 gave the same weights")
	}
	// The zero seed is a fixed seed.
	cfg.Seed = 0
	if !slices.Equal(fit(1, cfg), fit(2, cfg)) {
		t.Error("seed 0 gave different weights in two runs")
	}
}

// TestDropout: dropout changes the training path, while prediction uses the
// whole network deterministically.
func TestDropout(t *testing.T) {
	d := rings(t, 150, 2)
	cfg := mlp.Classifier{HiddenSizes: []int{16}, MaxIter: 5, Seed: 1}
	plain, err := cfg.Fit(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Dropout = 0.5
	dropped, err := cfg.Fit(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Equal(plain.Params(nil), dropped.Params(nil)) {
		t.Error("dropout 0.5 left the weights as without dropout")
	}
	p1, err := dropped.PredictProba(nil, d.X)
	if err != nil {
		t.Fatal(err)
	}
	p2, _ := dropped.PredictProba(nil, d.X)
	if !slices.Equal(p1, p2) {
		t.Error("two PredictProba calls differ")
	}
	// Prediction is the dropout-free network: its log loss is the
	// dropout-free objective at the fitted weights (alpha 0).
	obj, err := mlp.Classifier{HiddenSizes: []int{16}, Dropout: 0.5}.Objective(d)
	if err != nil {
		t.Fatal(err)
	}
	want := obj.ValueGrad(nil, dropped.Params(nil))
	if got := logLoss(t, dropped, d); math.Abs(got-want) > 1e-12*want {
		t.Errorf("log loss of PredictProba = %v, dropout-free objective = %v", got, want)
	}
	// Mini-batch evaluations do drop units: two calls at the same weights
	// differ.
	x := dropped.Params(nil)
	idx := []int{0, 1, 2, 3, 4, 5, 6, 7}
	if a, b := obj.BatchValueGrad(nil, x, idx), obj.BatchValueGrad(nil, x, idx); a == b {
		t.Errorf("two dropout mini-batch evaluations both gave %v", a)
	}
}

// TestEarlyStopping overfits noise and checks that the weights of the best
// validation epoch come back.
func TestEarlyStopping(t *testing.T) {
	x, y, _ := randomData(60, 20, 2, 3)
	r := rand.New(rand.NewPCG(9, 9))
	for i := range y {
		y[i] = r.IntN(2) // labels unrelated to the features
	}
	train := dataset(t, "dense", 40, 20, x[:40*20], y[:40], nil)
	valid := dataset(t, "dense", 20, 20, x[40*20:], y[40:], nil)
	for _, tt := range []struct {
		name  string
		valid *data.Dataset
	}{{"given", valid}, {"fraction", nil}} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := mlp.Classifier{HiddenSizes: []int{64}, LearningRate: 0.02, MaxIter: 300, EarlyStopping: true,
				ValidationFraction: 0.25, NoChange: 5, Seed: 4}
			m, err := cfg.Fit(context.Background(), train, tt.valid)
			if err != nil {
				t.Fatal(err)
			}
			if m.Result.Status != solve.EarlyStopped {
				t.Fatalf("status %v after %d epochs, want %v", m.Result.Status, m.Result.Iterations, solve.EarlyStopped)
			}
			best, bestIter := math.Inf(1), 0
			for _, e := range m.History {
				if e.ValidLoss < best {
					best, bestIter = e.ValidLoss, e.Iter
				}
			}
			last := m.History[len(m.History)-1]
			if bestIter >= last.Iter || !(last.ValidLoss > best) {
				t.Fatalf("best validation epoch %d (%v), last %d (%v): want an earlier best", bestIter, best, last.Iter, last.ValidLoss)
			}
			if tt.valid != nil {
				if got := logLoss(t, m, valid); math.Abs(got-best) > 1e-12*best {
					t.Errorf("validation log loss of the model = %v, want the best epoch's %v", got, best)
				}
			}
		})
	}
	// Without early stopping a given validation set is only recorded.
	m, err := mlp.Classifier{HiddenSizes: []int{8}, MaxIter: 3}.Fit(context.Background(), train, valid)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range m.History {
		if math.IsNaN(e.ValidLoss) {
			t.Errorf("epoch %d: ValidLoss NaN with a validation set", e.Iter)
		}
	}
	if got, want := logLoss(t, m, valid), m.History[len(m.History)-1].ValidLoss; math.Abs(got-want) > 1e-12*want {
		t.Errorf("validation log loss = %v, want the last epoch's %v", got, want)
	}
}

// TestWeights: an integer sample weight is a repeated sample; balanced class
// weights are n/(K·n_k).
func TestWeights(t *testing.T) {
	x, y, _ := randomData(6, 3, 3, 5)
	y = []int{0, 0, 0, 1, 2, 2}
	w := []float64{1, 2, 1, 1, 1, 3}
	weighted := dataset(t, "dense", 6, 3, x, y, w)
	var rx []float64
	var ry []int
	for i, wi := range w {
		for range int(wi) {
			rx = append(rx, x[i*3:i*3+3]...)
			ry = append(ry, y[i])
		}
	}
	repeated := dataset(t, "dense", len(ry), 3, rx, ry, nil)
	cfg := mlp.Classifier{HiddenSizes: []int{4}, Alpha: 0.5}
	a, err := cfg.Objective(weighted)
	if err != nil {
		t.Fatal(err)
	}
	b, err := cfg.Objective(repeated)
	if err != nil {
		t.Fatal(err)
	}
	params := a.InitialParams(nil)
	if fa, fb := a.ValueGrad(nil, params), b.ValueGrad(nil, params); math.Abs(fa-fb) > 1e-14*fb {
		t.Errorf("weighted objective %v, repeated samples %v", fa, fb)
	}

	plain := dataset(t, "dense", 6, 3, x, y, nil)
	bal := cfg
	bal.BalancedClassWeight = true
	explicit := cfg
	explicit.ClassWeight = []float64{6.0 / 9, 6.0 / 3, 6.0 / 6} // n/(K·n_k) with counts 3, 1, 2
	oa, err := bal.Objective(plain)
	if err != nil {
		t.Fatal(err)
	}
	ob, err := explicit.Objective(plain)
	if err != nil {
		t.Fatal(err)
	}
	if fa, fb := oa.ValueGrad(nil, params), ob.ValueGrad(nil, params); fa != fb {
		t.Errorf("balanced class weights give %v, explicit n/(K·n_k) %v", fa, fb)
	}
}

// TestInit checks the bounds of the initial weights.
func TestInit(t *testing.T) {
	x, y, _ := randomData(10, 30, 3, 1)
	d := dataset(t, "dense", 10, 30, x, y, nil)
	tests := []struct {
		name       string
		cfg        mlp.Classifier
		bound      func(fanIn, fanOut float64, last bool) float64
		zeroBiases bool
	}{
		{"glorot/relu", mlp.Classifier{HiddenSizes: []int{20}}, func(i, o float64, _ bool) float64 { return math.Sqrt(6 / (i + o)) }, false},
		{"glorot/sigmoid", mlp.Classifier{HiddenSizes: []int{20}, Activation: mlp.Sigmoid}, func(i, o float64, _ bool) float64 { return math.Sqrt(2 / (i + o)) }, false},
		{"he/relu", mlp.Classifier{HiddenSizes: []int{20}, Init: mlp.He}, func(i, _ float64, last bool) float64 {
			if last {
				return math.Sqrt(3 / i)
			}
			return math.Sqrt2 * math.Sqrt(3/i)
		}, true},
		{"he/tanh", mlp.Classifier{HiddenSizes: []int{20}, Init: mlp.He, Activation: mlp.Tanh}, func(i, _ float64, last bool) float64 {
			if last {
				return math.Sqrt(3 / i)
			}
			return 5.0 / 3 * math.Sqrt(3/i)
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			obj, err := tt.cfg.Objective(d)
			if err != nil {
				t.Fatal(err)
			}
			m := obj.Model(obj.InitialParams(nil))
			for l, w := range m.Weights {
				b := tt.bound(float64(m.Sizes[l]), float64(m.Sizes[l+1]), l == len(m.Weights)-1)
				hi := 0.0
				for _, v := range w {
					hi = max(hi, math.Abs(v))
				}
				if hi > b || hi < 0.8*b {
					t.Errorf("layer %d: max |w| = %v, want in [0.8, 1]·%v", l, hi, b)
				}
				for j, v := range m.Biases[l] {
					if tt.zeroBiases && v != 0 || math.Abs(v) > b {
						t.Errorf("Biases[%d][%d] = %v, want within %v (zero: %v)", l, j, v, b, tt.zeroBiases)
					}
				}
			}
		})
	}
}

// TestPredictProba: rows sum to 1; Predict is the most probable class.
func TestPredictProba(t *testing.T) {
	for _, k := range []int{2, 4} {
		x, y, _ := randomData(50, 5, k, 8)
		d := dataset(t, "csr", 50, 5, x, y, nil)
		m, err := mlp.Classifier{HiddenSizes: []int{6}, MaxIter: 20}.Fit(context.Background(), d, nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := mlp.Softmax; k == 2 {
			if m.Output != mlp.Logistic || m.Sizes[2] != 1 {
				t.Errorf("K=2: output %v with %d units, want logistic with 1", m.Output, m.Sizes[2])
			}
		} else if m.Output != want {
			t.Errorf("K=%d: output %v, want %v", k, m.Output, want)
		}
		p, err := m.PredictProba(make([]float64, 50*k), d.X)
		if err != nil {
			t.Fatal(err)
		}
		pred, err := m.Predict(make([]int, 50), d.X)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 50 {
			row := p[i*k : (i+1)*k]
			var s float64
			best := 0
			for j, v := range row {
				s += v
				if v > row[best] {
					best = j
				}
			}
			if math.Abs(s-1) > 1e-15 {
				t.Errorf("K=%d: row %d sums to %v", k, i, s)
			}
			if pred[i] != best {
				t.Errorf("K=%d: Predict[%d] = %d, most probable %d (%v)", k, i, pred[i], best, row)
			}
		}
	}
}

// TestCancel: a canceled context returns the weights reached, no error.
func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	m, err := mlp.Classifier{HiddenSizes: []int{4}}.Fit(ctx, xor(t, 1), nil)
	if err != nil {
		t.Fatal(err)
	}
	if m.Result.Status != solve.Canceled {
		t.Errorf("status %v, want %v", m.Result.Status, solve.Canceled)
	}
}
