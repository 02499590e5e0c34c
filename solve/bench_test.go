package solve

import (
	"context"
	"testing"
)

// BenchmarkSolvers runs every solver at its defaults (Tol 1e-4) on the
// synthetic 5000×50 logistic regression of [benchProblems], reporting
// iterations (epochs), objective evaluations (passes over the data),
// Hessian-vector products and mini-batch evaluations per run.
//
//	go test -run '^$' -bench Solvers -benchtime 20x ./solve
func BenchmarkSolvers(b *testing.B) {
	bp := benchProblems()[0]
	l1 := make([]float64, bp.p.Dim())
	for j := range len(l1) - 1 {
		l1[j] = 1e-3
	}
	for _, s := range []struct {
		name string
		s    Solver
	}{
		{"GradientDescent", GradientDescent{}},
		{"LBFGS", LBFGS{}},
		{"OWLQN-L1", OWLQN{Settings: Settings{L1: l1}}},
		{"TrustRegionNewton", TrustRegionNewton{}},
		{"TrustRegionNewton-residual", TrustRegionNewton{CGRule: ResidualRule}},
		{"TrustRegionNewton-noprecond", TrustRegionNewton{NoPrecondition: true}},
		{"SGD-momentum", SGD{LearningRate: 0.1, Momentum: 0.9}},
		{"Adam", Adam{LearningRate: 0.01}},
	} {
		b.Run(bp.name+"/"+s.name, func(b *testing.B) {
			b.ReportAllocs()
			var res *Result
			for b.Loop() {
				var err error
				res, err = s.s.Minimize(context.Background(), bp.p, bp.x0)
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(res.Iterations), "iters/op")
			b.ReportMetric(float64(res.FuncEvals), "evals/op")
			b.ReportMetric(float64(res.HessVecs), "hessvecs/op")
			b.ReportMetric(float64(res.BatchEvals), "batches/op")
			b.ReportMetric(res.F, "f")
		})
	}
}
