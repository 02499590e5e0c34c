package solve

import (
	"context"
	"math"
	"slices"
	"testing"
)

// allSolvers returns every solver with settings st, the stochastic ones
// with a learning rate suited to meanLogistic.
func allSolvers(st Settings) []struct {
	name string
	s    Solver
} {
	all := deterministic(st)
	all = append(all,
		struct {
			name string
			s    Solver
		}{"SGD", SGD{Settings: st, LearningRate: 0.1, Batching: Batching{BatchSize: 32}}},
		struct {
			name string
			s    Solver
		}{"Adam", Adam{Settings: st, LearningRate: 0.01, Batching: Batching{BatchSize: 32}}},
	)
	return all
}

// meanLogistic is a logistic regression averaged over samples with a small
// L2 penalty, the scale stochastic solvers expect.
func meanLogistic() *logistic {
	p := newLogistic(400, 6, 1.0/400, 5)
	p.l2 = 0.01
	return p
}

func TestMaxIter(t *testing.T) {
	p := meanLogistic()
	for _, tt := range allSolvers(Settings{Tol: 1e-14, MaxIter: 3}) {
		t.Run(tt.name, func(t *testing.T) {
			res, err := tt.s.Minimize(context.Background(), p, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != MaxIter || res.Converged {
				t.Errorf("Status = %v, Converged = %v, want MaxIter and false", res.Status, res.Converged)
			}
			if res.Iterations != 3 {
				t.Errorf("Iterations = %d, want 3", res.Iterations)
			}
			f0 := p.ValueGrad(nil, make([]float64, p.Dim()))
			if !(res.F < f0) {
				t.Errorf("F = %v, not below f(x0) = %v", res.F, f0)
			}
			if _, ok := tt.s.(SGD); !ok {
				if _, ok := tt.s.(Adam); !ok {
					// Monotone solvers: X is the best point of the history.
					last := res.History[len(res.History)-1]
					for _, h := range res.History {
						if h.F < last.F {
							t.Errorf("history F %v at %d below the result's %v", h.F, h.Iter, last.F)
						}
					}
				}
			}
			checkResult(t, p, res, nil)
		})
	}
}

func TestCanceled(t *testing.T) {
	p := meanLogistic()
	x0 := []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7}
	for _, tt := range allSolvers(Settings{Tol: 1e-14}) {
		t.Run(tt.name+"/before", func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			res, err := tt.s.Minimize(ctx, p, x0)
			if err != nil {
				t.Fatalf("err = %v, want nil", err)
			}
			if res.Status != Canceled || res.Converged {
				t.Errorf("Status = %v, want Canceled", res.Status)
			}
			if !slices.Equal(res.X, x0) {
				t.Errorf("X = %v, want x0 %v", res.X, x0)
			}
		})
		t.Run(tt.name+"/during", func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var s Solver
			cb := func(it Iteration) bool {
				if it.Iter == 2 {
					cancel()
				}
				return false
			}
			switch v := tt.s.(type) {
			case GradientDescent:
				v.Callback = cb
				s = v
			case LBFGS:
				v.Callback = cb
				s = v
			case OWLQN:
				v.Callback = cb
				s = v
			case TrustRegionNewton:
				v.Callback = cb
				s = v
			case SGD:
				v.Callback = cb
				s = v
			case Adam:
				v.Callback = cb
				s = v
			}
			res, err := s.Minimize(ctx, p, x0)
			if err != nil {
				t.Fatalf("err = %v, want nil", err)
			}
			if res.Status != Canceled || res.Iterations != 2 {
				t.Errorf("Status = %v after %d iterations, want Canceled after 2", res.Status, res.Iterations)
			}
			f0 := p.ValueGrad(nil, x0)
			if !(res.F < f0) {
				t.Errorf("F = %v, not below f(x0) = %v", res.F, f0)
			}
			checkResult(t, p, res, nil)
		})
	}
}

// withSettings returns s with its Settings replaced by st.
func withSettings(s Solver, st Settings) Solver {
	switch v := s.(type) {
	case GradientDescent:
		v.Settings = st
		return v
	case LBFGS:
		v.Settings = st
		return v
	case OWLQN:
		v.Settings = st
		return v
	case TrustRegionNewton:
		v.Settings = st
		return v
	case SGD:
		v.Settings = st
		return v
	case Adam:
		v.Settings = st
		return v
	}
	panic("unknown solver")
}

func TestCallbackStops(t *testing.T) {
	p := meanLogistic()
	for _, tt := range allSolvers(Settings{}) {
		t.Run(tt.name, func(t *testing.T) {
			var iters []int
			var lastX []float64
			st := Settings{Tol: 1e-14, Callback: func(it Iteration) bool {
				iters = append(iters, it.Iter)
				lastX = append(lastX[:0], it.X...)
				if len(it.X) != p.Dim() {
					t.Errorf("Iteration %d: len(X) = %d, want %d", it.Iter, len(it.X), p.Dim())
				}
				return it.Iter == 3
			}}
			res, err := withSettings(tt.s, st).Minimize(context.Background(), p, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != Stopped || res.Iterations != 3 {
				t.Errorf("Status = %v after %d iterations, want Stopped after 3", res.Status, res.Iterations)
			}
			want := []int{0, 1, 2, 3}
			if _, ok := tt.s.(SGD); ok {
				want = want[1:]
			} else if _, ok := tt.s.(Adam); ok {
				want = want[1:]
			}
			if !slices.Equal(iters, want) {
				t.Errorf("callback saw iterations %v, want %v", iters, want)
			}
			if len(res.History) != len(want) {
				t.Errorf("len(History) = %d, want %d", len(res.History), len(want))
			}
			for _, h := range res.History {
				if h.X != nil {
					t.Errorf("History[%d].X = %v, want nil", h.Iter, h.X)
				}
			}
			// The last iterate passed to the callback is the result.
			if !slices.Equal(res.X, lastX) {
				t.Errorf("X = %v, callback's last iterate %v", res.X, lastX)
			}
		})
	}
}

// TestEarlyStopping scripts the validation losses 5, 4, 3, 2, 3, 4, 5, …:
// with Patience 3 the run stops three calls after the best one and returns
// the weights of the best call, the same bits as a run stopped there.
func TestEarlyStopping(t *testing.T) {
	p := meanLogistic()
	script := []float64{5, 4, 3, 2, 3, 4, 5, 6, 7, 8, 9}
	for _, tt := range allSolvers(Settings{}) {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			first := 0 // iteration of the first call
			if _, ok := tt.s.(SGD); ok {
				first = 1
			} else if _, ok := tt.s.(Adam); ok {
				first = 1
			}
			st := Settings{Tol: 1e-14, Patience: 3, Validation: func(x []float64) float64 {
				v := script[min(calls, len(script)-1)]
				calls++
				return v
			}}
			res, err := withSettings(tt.s, st).Minimize(context.Background(), p, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != EarlyStopped || res.Converged {
				t.Errorf("Status = %v, want EarlyStopped", res.Status)
			}
			bestIter := first + 3
			if res.Iterations != bestIter+3 {
				t.Errorf("Iterations = %d, want %d", res.Iterations, bestIter+3)
			}
			for i, h := range res.History {
				if h.ValidLoss != script[i] {
					t.Errorf("History[%d].ValidLoss = %v, want %v", i, h.ValidLoss, script[i])
				}
			}
			ref, err := withSettings(tt.s, Settings{Tol: 1e-14, MaxIter: bestIter}).Minimize(context.Background(), p, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.X, ref.X) {
				t.Errorf("X = %v, want the iterate %d: %v", res.X, bestIter, ref.X)
			}
			if math.IsNaN(ref.History[0].ValidLoss) == false {
				t.Errorf("ValidLoss = %v without Validation, want NaN", ref.History[0].ValidLoss)
			}
			checkResult(t, p, res, nil)
		})
	}
}

func TestDiverged(t *testing.T) {
	q := newQuadratic(4, 3)
	x0 := []float64{1, 1, 1, 1}
	res, err := GradientDescent{LearningRate: 10, Settings: Settings{MaxIter: 100000}}.Minimize(context.Background(), q, x0)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != Diverged {
		t.Errorf("GradientDescent: Status = %v, want Diverged", res.Status)
	}
	if !slices.Equal(res.X, x0) {
		t.Errorf("GradientDescent: X = %v, want the best point x0", res.X)
	}
	// ½‖w‖² with a rate of 1000 multiplies w by about −999 per step.
	p := newLogistic(200, 5, 1, 3)
	res, err = SGD{LearningRate: 1e3, Batching: Batching{BatchSize: 1}}.Minimize(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != Diverged {
		t.Errorf("SGD: Status = %v, want Diverged", res.Status)
	}
	if !slices.Equal(res.X, make([]float64, p.Dim())) || !isFinite(res.F) {
		t.Errorf("SGD: X = %v, F = %v, want the last finite epoch's weights (x0)", res.X, res.F)
	}
}

func TestRefGradNorm(t *testing.T) {
	p := meanLogistic()
	g := make([]float64, p.Dim())
	p.ValueGrad(g, make([]float64, p.Dim()))
	// A huge reference norm meets the rule at the starting point.
	res, err := LBFGS{Settings: Settings{RefGradNorm: 1e10 * norm(g)}}.Minimize(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != Converged || res.Iterations != 0 || res.FuncEvals != 1 {
		t.Errorf("Status %v after %d iterations, %d evaluations; want converged at once", res.Status, res.Iterations, res.FuncEvals)
	}
}

// TestStochasticConverges runs SGD and Adam variants to the neighbourhood of
// the optimum of a mean-scaled logistic regression.
func TestStochasticConverges(t *testing.T) {
	p := meanLogistic()
	ref, err := TrustRegionNewton{Settings: Settings{Tol: 1e-12}}.Minimize(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	bt := Batching{BatchSize: 20, Seed: 42}
	st := Settings{MaxIter: 300}
	tests := []struct {
		name string
		s    Solver
		rel  float64 // wanted (F − F*)/F*
	}{
		{"SGD/constant", SGD{Settings: st, Batching: bt, LearningRate: 0.05}, 2e-3},
		{"SGD/momentum", SGD{Settings: st, Batching: bt, LearningRate: 0.005, Momentum: 0.9}, 2e-3},
		{"SGD/nesterov", SGD{Settings: st, Batching: bt, LearningRate: 0.005, Momentum: 0.9, Nesterov: true}, 2e-3},
		{"SGD/invscaling", SGD{Settings: st, Batching: bt, LearningRate: 4, Schedule: InvScaling}, 5e-3},
		{"SGD/step", SGD{Settings: st, Batching: bt, LearningRate: 0.1, Schedule: Step, StepSize: 20, Gamma: 0.5}, 5e-4},
		{"SGD/full batch", SGD{Settings: st, Batching: Batching{BatchSize: 400, NoShuffle: true}, LearningRate: 1}, 1e-3},
		{"Adam", Adam{Settings: st, Batching: bt, LearningRate: 0.01}, 2e-3},
		{"Adam/defaults", Adam{Batching: Batching{BatchSize: 10}}, 2e-2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := tt.s.Minimize(context.Background(), p, nil)
			if err != nil {
				t.Fatal(err)
			}
			gap := (res.F - ref.F) / ref.F
			t.Logf("%v after %d epochs, %d batches: gap %.3g", res.Status, res.Iterations, res.BatchEvals, gap)
			if !(gap >= -1e-12 && gap <= tt.rel) {
				t.Errorf("F = %v, optimum %v: relative gap %.3g, want ≤ %g", res.F, ref.F, gap, tt.rel)
			}
			if res.FuncEvals != 1 {
				t.Errorf("FuncEvals = %d, want 1 (the final full evaluation)", res.FuncEvals)
			}
			for i, h := range res.History {
				if h.Iter != i+1 || !math.IsNaN(h.GradNorm) || !isFinite(h.F) {
					t.Errorf("History[%d] = %+v", i, h)
				}
			}
			checkResult(t, p, res, nil)
		})
	}
}

func TestStochasticL1AndBounds(t *testing.T) {
	p := meanLogistic()
	n := p.Dim()
	l1 := make([]float64, n)
	for j := range n - 1 {
		l1[j] = 0.02
	}
	owl, err := OWLQN{Settings: Settings{Tol: 1e-10, L1: l1}}.Minimize(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := SGD{Settings: Settings{L1: l1, MaxIter: 300}, Batching: Batching{BatchSize: 20}, LearningRate: 0.1, Schedule: Step, StepSize: 20, Gamma: 0.5}.Minimize(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("OWLQN %v; SGD %v", owl.X, res.X)
	for j, v := range owl.X {
		if v == 0 && res.X[j] != 0 {
			t.Errorf("X[%d] = %v, want exactly 0 as OWLQN", j, res.X[j])
		}
	}
	if gap := (res.F - owl.F) / owl.F; !(gap >= -1e-12 && gap < 1e-4) {
		t.Errorf("F = %v, OWLQN %v: gap %.3g", res.F, owl.F, gap)
	}
	lo := make([]float64, n)
	hi := make([]float64, n)
	for j := range n {
		lo[j], hi[j] = -0.2, 0.2
	}
	for _, s := range []Solver{
		SGD{Settings: Settings{Lower: lo, Upper: hi, MaxIter: 20}, LearningRate: 0.1},
		Adam{Settings: Settings{Lower: lo, Upper: hi, MaxIter: 20}, LearningRate: 0.1},
	} {
		res, err := s.Minimize(context.Background(), p, nil)
		if err != nil {
			t.Fatal(err)
		}
		for j, v := range res.X {
			if v < lo[j] || v > hi[j] {
				t.Errorf("%T: X[%d] = %v outside the bounds", s, j, v)
			}
		}
	}
}

func TestStochasticDeterministic(t *testing.T) {
	p := meanLogistic()
	for _, s := range []func(seed uint64) Solver{
		func(seed uint64) Solver {
			return SGD{Settings: Settings{MaxIter: 5}, Batching: Batching{BatchSize: 16, Seed: seed}, LearningRate: 0.05, Momentum: 0.5}
		},
		func(seed uint64) Solver {
			return Adam{Settings: Settings{MaxIter: 5}, Batching: Batching{BatchSize: 16, Seed: seed}, LearningRate: 0.01}
		},
	} {
		a, _ := s(7).Minimize(context.Background(), p, nil)
		b, _ := s(7).Minimize(context.Background(), p, nil)
		c, _ := s(8).Minimize(context.Background(), p, nil)
		if !slices.Equal(a.X, b.X) {
			t.Errorf("%T: same seed, X %v and %v", s(7), a.X, b.X)
		}
		for i := range a.History {
			if a.History[i].F != b.History[i].F {
				t.Errorf("%T: same seed, epoch %d loss %v and %v", s(7), i+1, a.History[i].F, b.History[i].F)
			}
		}
		if slices.Equal(a.X, c.X) {
			t.Errorf("%T: seeds 7 and 8 give the same X", s(7))
		}
	}
}

// TestAllocsPerIteration checks that iterations allocate nothing: a run of
// 6 iterations allocates as much as a run of 2.
func TestAllocsPerIteration(t *testing.T) {
	p := newLogistic(100, 4, 1, 9)
	mp := meanLogistic()
	l1 := []float64{0.1, 0.1, 0.1, 0.1, 0}
	lo := []float64{-1, -1, -1, -1, -1}
	for _, tt := range []struct {
		name string
		s    func(iters int) Solver
		p    Problem
	}{
		{"GradientDescent", func(k int) Solver { return GradientDescent{Settings: Settings{Tol: -1, MaxIter: k, L1: l1, Lower: lo}} }, p},
		{"LBFGS", func(k int) Solver { return LBFGS{Settings: Settings{Tol: -1, MaxIter: k}} }, p},
		{"LBFGS/bounds", func(k int) Solver { return LBFGS{Settings: Settings{Tol: -1, MaxIter: k, Lower: lo}} }, p},
		{"OWLQN", func(k int) Solver { return OWLQN{Settings: Settings{Tol: -1, MaxIter: k, L1: l1}} }, p},
		{"TRON", func(k int) Solver { return TrustRegionNewton{Settings: Settings{Tol: -1, MaxIter: k}} }, p},
		{"SGD", func(k int) Solver {
			return SGD{Settings: Settings{Tol: -1, MaxIter: k}, Momentum: 0.9, Batching: Batching{BatchSize: 50}}
		}, mp},
		{"Adam", func(k int) Solver { return Adam{Settings: Settings{Tol: -1, MaxIter: k}} }, mp},
	} {
		t.Run(tt.name, func(t *testing.T) {
			allocs := func(k int) float64 {
				return testing.AllocsPerRun(5, func() {
					res, err := tt.s(k).Minimize(context.Background(), tt.p, nil)
					if err != nil || res.Iterations != k {
						t.Fatalf("%v, %v after %d iterations", err, res.Status, res.Iterations)
					}
				})
			}
			if a2, a6 := allocs(2), allocs(6); a6 != a2 {
				t.Errorf("%v allocations for 6 iterations, %v for 2", a6, a2)
			}
		})
	}
}
