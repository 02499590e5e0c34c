package solve

import (
	"context"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/optimize"
)

// gonumProblem adapts a Problem to gonum's optimize.Problem. Func evaluates
// the value and the gradient together and Grad reuses the gradient when x
// is the point of the last Func call, so that both libraries pay one pass
// per evaluation.
type gonumProblem struct {
	p      Problem
	x, g   []float64
	f      float64
	passes int
}

func newGonumProblem(p Problem) *gonumProblem {
	n := p.Dim()
	return &gonumProblem{p: p, x: make([]float64, n), g: make([]float64, n)}
}

func (a *gonumProblem) eval(x []float64) {
	if a.passes > 0 && slices.Equal(x, a.x) {
		return
	}
	copy(a.x, x)
	a.f = a.p.ValueGrad(a.g, x)
	a.passes++
}

func (a *gonumProblem) problem() optimize.Problem {
	return optimize.Problem{
		Func: func(x []float64) float64 { a.eval(x); return a.f },
		Grad: func(g, x []float64) { a.eval(x); copy(g, a.g) },
	}
}

// relGrad is our stopping rule as a gonum Converger: ‖∇f‖₂ ≤ tol·‖∇f(x₀)‖₂.
type relGrad struct{ tol, ref float64 }

func (c *relGrad) Init(int) {}

func (c *relGrad) Converged(loc *optimize.Location) optimize.Status {
	if loc.Gradient != nil && norm(loc.Gradient) <= c.tol*c.ref {
		return optimize.GradientThreshold
	}
	return optimize.NotTerminated
}

// gonumLBFGS minimizes p from zero with gonum's L-BFGS under our stopping
// rule; it returns the result and the number of passes over the data.
func gonumLBFGS(p Problem, x0 []float64, tol float64, m optimize.Method) (*optimize.Result, int, error) {
	a := newGonumProblem(p)
	g := make([]float64, p.Dim())
	p.ValueGrad(g, x0)
	st := &optimize.Settings{Converger: &relGrad{tol: tol, ref: norm(g)}, MajorIterations: 10000}
	res, err := optimize.Minimize(a.problem(), x0, st, m)
	return res, a.passes, err
}

// benchProblems are the problems of the L-BFGS comparison: a synthetic
// 5000×50 logistic regression (scikit-learn's objective with C = 1, divided
// by n) and the Rosenbrock function from (−1.2, 1).
func benchProblems() []struct {
	name string
	p    Problem
	x0   []float64
} {
	lg := newLogistic(5000, 50, 1.0/5000, 1)
	lg.l2 = 1.0 / 5000
	return []struct {
		name string
		p    Problem
		x0   []float64
	}{
		{"logistic5000x50", lg, make([]float64, lg.Dim())},
		{"rosenbrock", &rosenbrock{}, []float64{-1.2, 1}},
	}
}

// TestGonumLBFGSAgrees checks that the comparison is fair: gonum's L-BFGS
// reaches the same optimum under the same stopping rule.
func TestGonumLBFGSAgrees(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for _, bp := range benchProblems() {
		ours, err := LBFGS{Settings: Settings{Tol: 1e-6}}.Minimize(context.Background(), bp.p, bp.x0)
		if err != nil {
			t.Fatal(err)
		}
		res, passes, err := gonumLBFGS(bp.p, bp.x0, 1e-6, &optimize.LBFGS{Store: 10, Linesearcher: &optimize.MoreThuente{}})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: ours %d iterations, %d evaluations; gonum %d iterations, %d passes (%v)",
			bp.name, ours.Iterations, ours.FuncEvals, res.Stats.MajorIterations, passes, res.Status)
		for i := range ours.X {
			if math.Abs(ours.X[i]-res.X[i]) > 1e-3*math.Max(1, math.Abs(ours.X[i])) {
				t.Errorf("%s: X[%d] = %v, gonum %v", bp.name, i, ours.X[i], res.X[i])
			}
		}
	}
}

// BenchmarkLBFGSvsGonum compares our L-BFGS with gonum's optimize.LBFGS
// (default settings: memory 15 and bisection line search; and with memory
// 10 and More-Thuente) at Tol 1e-4 and 1e-8, reporting iterations and
// passes over the data per run. Figures are in the doc of [LBFGS].
func BenchmarkLBFGSvsGonum(b *testing.B) {
	for _, bp := range benchProblems() {
		for _, tol := range []float64{1e-4, 1e-8} {
			name := bp.name + "/tol=" + map[float64]string{1e-4: "1e-4", 1e-8: "1e-8"}[tol]
			b.Run(name+"/xent", func(b *testing.B) {
				b.ReportAllocs()
				var res *Result
				for b.Loop() {
					res, _ = LBFGS{Settings: Settings{Tol: tol}}.Minimize(context.Background(), bp.p, bp.x0)
				}
				b.ReportMetric(float64(res.Iterations), "iters/op")
				b.ReportMetric(float64(res.FuncEvals), "evals/op")
			})
			for _, m := range []struct {
				name string
				m    func() optimize.Method
			}{
				{"gonum-default", func() optimize.Method { return &optimize.LBFGS{} }},
				{"gonum-m10-morethuente", func() optimize.Method {
					return &optimize.LBFGS{Store: 10, Linesearcher: &optimize.MoreThuente{}}
				}},
			} {
				b.Run(name+"/"+m.name, func(b *testing.B) {
					b.ReportAllocs()
					var res *optimize.Result
					var passes int
					for b.Loop() {
						res, passes, _ = gonumLBFGS(bp.p, bp.x0, tol, m.m())
					}
					b.ReportMetric(float64(res.Stats.MajorIterations), "iters/op")
					b.ReportMetric(float64(passes), "evals/op")
				})
			}
		}
	}
}
