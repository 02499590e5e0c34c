package tune

import (
	"context"
	"encoding/csv"
	"errors"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/internal/numtest"
	"github.com/xent-ml/xent/linear"
)

var bg = context.Background()

// loadCSV reads a data CSV of the repository's own golden copy (a header,
// the integer label, features). The scikit-learn values these tests
// compare with were computed on exactly these files, so they are read from
// testdata/golden even when XENT_GOLDEN_DIR names another folder.
func loadCSV(t testing.TB, name string) (*data.Dense, []int) {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "golden", filepath.FromSlash(name)))
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
	y := make([]int, rows)
	for i, rec := range recs[1:] {
		if y[i], err = strconv.Atoi(rec[0]); err != nil {
			t.Fatalf("%s line %d: %v", name, i+2, err)
		}
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

// TestScikitLearnParity compares the fold log losses with scikit-learn
// 1.2.1's LogisticRegressionCV(Cs=[0.01, 0.1, 1, 10],
// cv=StratifiedKFold(5), scoring="neg_log_loss", solver="newton-cg",
// tol=1e-12, max_iter=10000).scores_ on the golden data sets (our folds
// without shuffling are scikit-learn's).
func TestScikitLearnParity(t *testing.T) {
	for _, tt := range []struct {
		file  string
		est   linear.Estimator
		bestC float64
		want  [][]float64 // [fold][C]
	}{
		{"data/breast_cancer_standardized.csv", linear.Logistic{Tol: 1e-10}, 1, [][]float64{
			{0.2024594063840883, 0.10803256285764345, 0.07843572173161972, 0.2053335954666025},
			{0.19206437319514072, 0.10216186175063685, 0.07994367879506883, 0.09434652476661917},
			{0.156349394297478, 0.0741480264120513, 0.08680683098075534, 0.2128573444853496},
			{0.18190884529643878, 0.11577655664026817, 0.10136547590315613, 0.115845637196837},
			{0.16817236829595247, 0.08813639226142445, 0.052084603492932514, 0.03458979639850624},
		}},
		{"data/iris.csv", linear.Softmax{Tol: 1e-10}, 10, [][]float64{
			{0.6313963046010411, 0.3466070971079079, 0.14686968698574573, 0.0474521522337258},
			{0.6362904128168017, 0.30923900665039195, 0.10732277758328694, 0.03416119765231938},
			{0.6518578652485919, 0.36801644421268115, 0.19149439091476683, 0.12168872998019388},
			{0.6289678481449958, 0.31629422600032775, 0.1483702033421185, 0.10966361895048027},
			{0.6469128709736223, 0.3161193587396328, 0.10602607474525905, 0.025936354943413856},
		}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			x, y := loadCSV(t, tt.file)
			res, err := CV{Cs: []float64{0.01, 0.1, 1, 10}}.Run(bg, tt.est, x, y, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.BestC != tt.bestC {
				t.Errorf("best C = %v, scikit-learn's %v", res.BestC, tt.bestC)
			}
			for f, row := range tt.want {
				for i, want := range row {
					if got := res.Path[i].FoldLogLoss[f]; !numtest.Close(got, want, 1e-7, 0) {
						t.Errorf("fold %d, C = %v: log loss %.12g, scikit-learn %.12g", f, res.Path[i].C, got, want)
					}
				}
			}
		})
	}
}

// synthetic returns a seeded problem with k classes and sample weights.
func synthetic(n, p, k int) (*data.Dense, []int, []float64) {
	x := make([]float64, n*p)
	y := make([]int, n)
	sw := make([]float64, n)
	s := uint64(12345)
	next := func() float64 { // a small LCG, enough for test data
		s = s*6364136223846793005 + 1442695040888963407
		return float64(s>>11)/(1<<53) - 0.5
	}
	for i := 0; i < n; i++ {
		var v [8]float64
		for j := 0; j < p; j++ {
			x[i*p+j] = 4 * next()
			v[j%k] += x[i*p+j] * float64(j+1) / float64(p)
		}
		best := 0
		for c := 0; c < k; c++ {
			v[c] += next()
			if v[c] > v[best] {
				best = c
			}
		}
		y[i] = best
		sw[i] = 1 + next()
	}
	m, _ := data.NewDense(n, p, x)
	return m, y, sw
}

// TestPath checks the table: one point per C, fold losses equal to a cold
// fit on the fold (the warm start changes the path, not the optimum), mean
// and std of the fold values, the best index, and the refit model.
func TestPath(t *testing.T) {
	x, y3, sw := synthetic(240, 5, 3)
	y2 := make([]int, len(y3))
	for i, v := range y3 {
		y2[i] = min(v, 1)
	}
	for _, tt := range []struct {
		name string
		est  linear.Estimator
		y    []int
		k    int
		sw   []float64
	}{
		{"binary", linear.Logistic{Tol: 1e-10}, y2, 2, nil},
		{"multinomial weighted", linear.Softmax{Tol: 1e-10}, y3, 3, sw},
		{"ovr standardized", linear.Logistic{Tol: 1e-10, Standardize: true}, y3, 3, nil},
		{"l1 owlqn", linear.Logistic{Tol: 1e-10, Penalty: linear.L1}, y2, 2, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cs := []float64{0.001, 0.1, 10}
			calls := 0
			cv := CV{Cs: cs, Folds: 4, Shuffle: true, Seed: 3, Refit: true, Progress: func(done, total int) {
				calls++
				if done != calls || total != 13 {
					t.Errorf("Progress(%d, %d) at call %d, want total 13", done, total, calls)
				}
			}}
			res, err := cv.Run(bg, tt.est, x, tt.y, tt.sw)
			if err != nil {
				t.Fatal(err)
			}
			if calls != 13 {
				t.Errorf("%d progress calls, want 13", calls)
			}
			if len(res.Path) != len(cs) || len(res.Folds) != 4 {
				t.Fatalf("%d points and %d folds, want %d and 4", len(res.Path), len(res.Folds), len(cs))
			}
			full := &data.Dataset{X: x, Y: tt.y, SampleWeight: tt.sw}
			for i, pt := range res.Path {
				if pt.C != cs[i] || len(pt.FoldLogLoss) != 4 || !pt.Converged {
					t.Errorf("point %d: C %v, %d folds, converged %v", i, pt.C, len(pt.FoldLogLoss), pt.Converged)
				}
				mean, std := 0.0, 0.0
				for _, v := range pt.FoldLogLoss {
					mean += v / 4
				}
				for _, v := range pt.FoldLogLoss {
					std += (v - mean) * (v - mean) / 4
				}
				if !numtest.Close(pt.MeanLogLoss, mean, 1e-14, 0) || !numtest.Close(pt.StdLogLoss, math.Sqrt(std), 1e-12, 1e-15) {
					t.Errorf("point %d: mean %v, std %v; want %v, %v", i, pt.MeanLogLoss, pt.StdLogLoss, mean, math.Sqrt(std))
				}
				if pt.MeanLogLoss < res.Path[res.Best].MeanLogLoss {
					t.Errorf("point %d has a lower mean log loss than the best, %d", i, res.Best)
				}
				// A cold fit of fold 2 gives the same held-out log loss.
				train, _ := full.Subset(res.Folds[2].Train)
				test, _ := full.Subset(res.Folds[2].Test)
				cfg := tt.est.Config()
				cfg.C, cfg.NumClasses = pt.C, tt.k
				m, err := tt.est.WithConfig(cfg).FitFrom(bg, train.X, train.Y, train.SampleWeight, nil)
				if err != nil {
					t.Fatal(err)
				}
				ll, _ := m.LogLoss(test.X, test.Y, test.SampleWeight)
				if !numtest.Close(pt.FoldLogLoss[2], ll, 1e-6, 0) {
					t.Errorf("point %d fold 2: warm-started log loss %v, cold %v", i, pt.FoldLogLoss[2], ll)
				}
			}
			if res.BestC != cs[res.Best] {
				t.Errorf("BestC %v, Cs[Best] %v", res.BestC, cs[res.Best])
			}
			cfg := tt.est.Config()
			cfg.C = res.BestC
			direct, err := tt.est.WithConfig(cfg).FitFrom(bg, x, tt.y, tt.sw, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Model == nil || res.Model.Config.C != res.BestC {
				t.Fatalf("refit model %+v, want C = %v", res.Model, res.BestC)
			}
			for j := range direct.Coef {
				if !numtest.Close(res.Model.Coef[j], direct.Coef[j], 1e-5, 1e-7) {
					t.Errorf("refit Coef[%d] = %v, direct fit %v", j, res.Model.Coef[j], direct.Coef[j])
				}
			}
		})
	}
}

// TestDeterministic checks that a shuffled run has the same bits at
// GOMAXPROCS 1 and 2 and for the same seed, and other folds for another.
func TestDeterministic(t *testing.T) {
	x, y, _ := synthetic(300, 4, 3)
	run := func(procs int, seed uint64) *Result {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		res, err := CV{Cs: []float64{0.1, 1}, Shuffle: true, Seed: seed}.Run(bg, linear.Softmax{}, x, y, nil)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	a, b, c := run(1, 7), run(2, 7), run(1, 8)
	for i := range a.Path {
		for f := range a.Path[i].FoldLogLoss {
			if math.Float64bits(a.Path[i].FoldLogLoss[f]) != math.Float64bits(b.Path[i].FoldLogLoss[f]) {
				t.Errorf("point %d fold %d: %v at GOMAXPROCS 1, %v at 2", i, f, a.Path[i].FoldLogLoss[f], b.Path[i].FoldLogLoss[f])
			}
		}
	}
	same := true
	for f := range a.Folds {
		same = same && len(a.Folds[f].Test) == len(c.Folds[f].Test) && a.Folds[f].Test[0] == c.Folds[f].Test[0]
	}
	if same {
		t.Error("seeds 7 and 8 give the same folds")
	}
}

func TestErrors(t *testing.T) {
	x, y, _ := synthetic(30, 2, 2)
	for _, tt := range []struct {
		name string
		cv   CV
		est  linear.Estimator
		y    []int
		is   error
	}{
		{"nil estimator", CV{}, nil, y, ErrSetting},
		{"negative C", CV{Cs: []float64{1, -1}}, linear.Logistic{}, y, ErrSetting},
		{"empty path", CV{Cs: []float64{}}, linear.Logistic{}, y, ErrSetting},
		{"one fold", CV{Folds: 1}, linear.Logistic{}, y, data.ErrShape},
		{"short labels", CV{}, linear.Logistic{}, y[:3], data.ErrShape},
		{"bad setting", CV{}, linear.Logistic{LabelSmoothing: 2}, y, linear.ErrSetting},
		{"one class", CV{}, linear.Logistic{}, make([]int, 30), linear.ErrLabel},
		{"one class, label 1", CV{}, linear.Logistic{}, ones(30), linear.ErrLabel},
		{"one class of NumClasses 3", CV{}, linear.Softmax{NumClasses: 3}, ones(30), linear.ErrLabel},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.cv.Run(bg, tt.est, x, tt.y, nil)
			if !errors.Is(err, tt.is) {
				t.Errorf("error %v, want %v", err, tt.is)
			}
		})
	}
	for _, nx := range []data.Matrix{nil, (*data.Dense)(nil), (*data.CSR)(nil)} {
		if _, err := (CV{}).Run(bg, linear.Logistic{}, nx, y, nil); !errors.Is(err, ErrSetting) {
			t.Errorf("Run(%T nil) = %v, want ErrSetting", nx, err)
		}
	}
	ctx, cancel := context.WithCancel(bg)
	cancel()
	if _, err := (CV{}).Run(ctx, linear.Logistic{}, x, y, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: error %v", err)
	}
}

// ones returns n labels of class 1.
func ones(n int) []int {
	y := make([]int, n)
	for i := range y {
		y[i] = 1
	}
	return y
}

func TestDefaultCs(t *testing.T) {
	cs := DefaultCs()
	// numpy.logspace(-4, 4, 10) in numpy 1.24.2; ours are within an ulp.
	want := []float64{9.999999999999999e-05, 0.000774263682681127, 0.005994842503189409, 0.046415888336127774,
		0.3593813663804626, 2.782559402207126, 21.54434690031882, 166.81005372000556,
		1291.5496650148827, 10000.0}
	if m := numtest.Mismatch(cs, want, 1e-15, 0); m != "" {
		t.Error(m)
	}
}
