package linear

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/internal/golden"
)

// benchSolvers are the solvers of the benchmarks, with the settings that
// let each reach scikit-learn's tolerance.
var benchSolvers = []struct {
	solver  Solver
	maxIter int
	lr      float64
}{
	{LBFGS, 100000, 0},
	{Newton, 100000, 0},
	{GD, 1000000, 0},
	{OWLQN, 100000, 0},
	{SGD, 0, 0.01},
	{Adam, 0, 0.01},
}

// BenchmarkGolden fits every golden case with every solver at
// scikit-learn's default tolerance (1e-4) and reports the iterations,
// passes over the data (evaluations) and Hessian-vector products per fit.
//
// Figures that chose the default solver (fastest of 3 runs, 2 shared cores
// of an AMD EPYC, Go 1.26;
// go test ./linear -run '^$' -bench 'Golden//(lbfgs|newton|gd)$' -benchtime 20x -count 3):
//
//	case                  lbfgs (ms, it)   newton (ms, it, Hv)   gd (ms, it)
//	breast_cancer C=0.01   0.27   10        0.50   5  13           1.2     23
//	breast_cancer C=1      0.58   21        0.46   8  27           2.9     76
//	breast_cancer C=100    1.30   54        1.52  13  82          50     1342
//	iris C=0.01            0.54   33        0.32   7  32          76     3427
//	iris C=1               1.79   83        0.43  10  62        1097    50094
//	iris C=100             3.15  140        0.54  11  64        1452    38346
func BenchmarkGolden(b *testing.B) {
	optima, err := golden.Optima()
	if err != nil {
		b.Fatal(err)
	}
	for _, o := range optima {
		base, msg := goldenConfig(o)
		if msg != "" {
			b.Fatal(msg)
		}
		x, y := loadDesign(b, o.DesignFile, o.Classes)
		for _, s := range benchSolvers {
			b.Run(o.ID+"/"+s.solver.String(), func(b *testing.B) {
				cfg := base.Config()
				cfg.Solver, cfg.MaxIter, cfg.LearningRate = s.solver, s.maxIter, s.lr
				est := base.WithConfig(cfg)
				b.ReportAllocs()
				var m *Model
				for b.Loop() {
					m, err = est.FitFrom(bg, x, y, nil, nil)
					if err != nil {
						b.Fatal(err)
					}
				}
				reportFit(b, m)
			})
		}
	}
}

func reportFit(b *testing.B, m *Model) {
	b.ReportMetric(float64(m.Result.Iterations), "iters")
	b.ReportMetric(float64(m.Result.FuncEvals), "evals")
	b.ReportMetric(float64(m.Result.HessVecs), "hessvecs")
	if !m.Result.Converged && m.Config.Solver != SGD && m.Config.Solver != Adam {
		b.Logf("%v", m.Result.Status)
	}
}

// synthetic100k returns the seeded 100 000 × 100 dense binary problem of the
// benchmarks: standard normal features, labels from a noisy linear rule.
func synthetic100k() (*data.Dense, []int) {
	const n, p = 100000, 100
	rng := rand.New(rand.NewPCG(42, 42))
	x := make([]float64, n*p)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	w := make([]float64, p)
	for j := range w {
		w[j] = rng.NormFloat64() / 5
	}
	y := make([]int, n)
	for i := range y {
		if dot(x[i*p:(i+1)*p], w)+rng.NormFloat64() > 0 {
			y[i] = 1
		}
	}
	m, _ := data.NewDense(n, p, x)
	return m, y
}

// BenchmarkSynthetic fits the 100 000 × 100 binary problem with every
// solver at the default tolerance.
func BenchmarkSynthetic(b *testing.B) {
	x, y := synthetic100k()
	for _, s := range benchSolvers {
		b.Run(s.solver.String(), func(b *testing.B) {
			cfg := Logistic{Solver: s.solver, MaxIter: s.maxIter, LearningRate: s.lr}
			if s.solver == SGD || s.solver == Adam {
				cfg.MaxIter = 20 // epochs
			}
			b.ReportAllocs()
			var m *Model
			for b.Loop() {
				var err error
				m, err = cfg.Fit(bg, x, y, nil)
				if err != nil {
					b.Fatal(err)
				}
			}
			reportFit(b, m)
		})
	}
}

// BenchmarkValueGrad measures one gradient pass (and one Hessian-vector
// product) over the 100 000 × 100 problem in each layout; MB/s is bytes of
// matrix data read per second.
func BenchmarkValueGrad(b *testing.B) {
	dense, y := synthetic100k()
	for _, lay := range layouts(b, dense) {
		for _, multi := range []bool{false, true} {
			yy, name := y, "binary"
			if multi {
				name = "softmax3"
				yy = make([]int, len(y))
				for i := range yy {
					yy[i] = (y[i] + i%2) % 3
				}
			}
			o := testProblem(b, Logistic{}, multi, lay.x, yy, nil, 1)
			theta, g := make([]float64, o.Dim()), make([]float64, o.Dim())
			for i := range theta {
				theta[i] = 0.01 * float64(i%7)
			}
			bytes := matrixBytes(lay.x)
			b.Run(lay.name+"/"+name+"/ValueGrad", func(b *testing.B) {
				b.SetBytes(bytes)
				b.ReportAllocs()
				for b.Loop() {
					o.ValueGrad(g, theta)
				}
			})
			b.Run(lay.name+"/"+name+"/HessVec", func(b *testing.B) {
				o.ValueGrad(g, theta)
				hv := make([]float64, len(g))
				b.SetBytes(bytes)
				b.ReportAllocs()
				for b.Loop() {
					o.HessVec(hv, g)
				}
			})
		}
	}
}

// BenchmarkRowPass times the binary pass by blocks of rows (ValueGrad and
// HessVec over Dense data, 100 features, one goroutine per GOMAXPROCS) on
// 1000 rows, which stay in a core's cache, and on 1,000,000 rows (800 MB),
// which stream from memory, in ns per row: the gap between the two is the
// memory's share of the pass.
//
//	go test -run XXX -bench RowPass -cpu 1 ./linear
func BenchmarkRowPass(b *testing.B) {
	for _, n := range []int{1000, 1_000_000} {
		const p = 100
		rng := rand.New(rand.NewPCG(42, 42))
		x, err := data.NewDense(n, p, nil) // allocated as the readers do
		if err != nil {
			b.Fatal(err)
		}
		raw := x.RawData()
		for i := range raw {
			raw[i] = rng.NormFloat64()
		}
		y := make([]int, n)
		for i := range y {
			y[i] = rng.IntN(2)
		}
		o := testProblem(b, Logistic{}, false, x, y, nil, 1)
		theta, g := make([]float64, o.Dim()), make([]float64, o.Dim())
		for i := range theta {
			theta[i] = 0.01 * float64(i%7)
		}
		hv := make([]float64, len(g))
		for _, pass := range []string{"ValueGrad", "HessVec"} {
			b.Run(fmt.Sprintf("rows=%d/%s", n, pass), func(b *testing.B) {
				o.ValueGrad(g, theta)
				for b.Loop() {
					if pass == "ValueGrad" {
						o.ValueGrad(g, theta)
					} else {
						o.HessVec(hv, g)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/row")
			})
		}
	}
}

// matrixBytes returns the bytes of storage a pass reads.
func matrixBytes(x data.Matrix) int64 {
	n, p := x.Dims()
	switch m := x.(type) {
	case *data.Dense:
		return int64(n * p * 8)
	case *data.Dense32:
		return int64(n * p * 4)
	case *data.CSR:
		return int64(m.NNZ()*12 + (n+1)*8)
	case *data.CSR32:
		return int64(m.NNZ()*8 + (n+1)*8)
	}
	return int64(n * p * 8)
}

// digitsShaped returns a seeded problem of the shape of scikit-learn's
// digits training split: 1347 rows of 64 pixel intensities 0…16, 10
// classes, each class a noisy prototype image.
func digitsShaped() (*data.Dense, []int) {
	const n, p, k = 1347, 64, 10
	rng := rand.New(rand.NewPCG(64, 10))
	proto := make([]float64, k*p)
	for i := range proto {
		proto[i] = 16 * rng.Float64() * rng.Float64()
	}
	x := make([]float64, n*p)
	y := make([]int, n)
	for i := range y {
		y[i] = i % k
		for j := 0; j < p; j++ {
			v := proto[y[i]*p+j] + 4*rng.NormFloat64()
			x[i*p+j] = min(16, max(0, float64(int(v))))
		}
	}
	m, _ := data.NewDense(n, p, x)
	return m, y
}

// BenchmarkOvR fits one-vs-rest on the digits-shaped problem (C = 1,
// Tol 1e-6, the default Newton solver) with the intercept penalized, as
// LIBLINEAR, and not.
func BenchmarkOvR(b *testing.B) {
	x, y := digitsShaped()
	for _, pen := range []bool{true, false} {
		name := "penalizedIntercept"
		if !pen {
			name = "freeIntercept"
		}
		b.Run(name, func(b *testing.B) {
			cfg := Logistic{Tol: 1e-6, PenalizeIntercept: pen}
			b.ReportAllocs()
			var m *Model
			for b.Loop() {
				var err error
				m, err = cfg.Fit(bg, x, y, nil)
				if err != nil {
					b.Fatal(err)
				}
			}
			reportFit(b, m)
		})
	}
}
