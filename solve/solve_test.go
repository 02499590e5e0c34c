package solve

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/xent-ml/xent/internal/numtest"
)

// The solvers are Solvers.
var (
	_ Solver = GradientDescent{}
	_ Solver = LBFGS{}
	_ Solver = OWLQN{}
	_ Solver = TrustRegionNewton{}
	_ Solver = SGD{}
	_ Solver = Adam{}
)

// tight are settings for a tight optimum.
func tight() Settings { return Settings{Tol: 1e-10, MaxIter: 100000} }

// deterministic returns the deterministic solvers with settings st, named.
func deterministic(st Settings) []struct {
	name string
	s    Solver
} {
	return []struct {
		name string
		s    Solver
	}{
		{"GradientDescent", GradientDescent{Settings: st}},
		{"LBFGS", LBFGS{Settings: st}},
		{"LBFGS/m=3", LBFGS{Settings: st, Memory: 3}},
		{"OWLQN", OWLQN{Settings: st}},
		{"TRON", TrustRegionNewton{Settings: st}},
		{"TRON/residual", TrustRegionNewton{Settings: st, CGRule: ResidualRule}},
		{"TRON/noprecond", TrustRegionNewton{Settings: st, NoPrecondition: true}},
	}
}

func TestKnownOptima(t *testing.T) {
	q := newQuadratic(6, 1)
	tests := []struct {
		name string
		s    Solver
		p    Problem
		x0   []float64
		want []float64
		tol  float64
	}{
		{"GradientDescent/quadratic", GradientDescent{Settings: tight()}, q, nil, q.xstar, 1e-8},
		{"GradientDescent/fixed/quadratic", GradientDescent{Settings: tight(), LearningRate: 0.02}, q, nil, q.xstar, 1e-8},
		{"GradientDescent/rosenbrock", GradientDescent{Settings: Settings{Tol: 1e-8, MaxIter: 200000}}, &rosenbrock{}, []float64{-1.2, 1}, []float64{1, 1}, 1e-5},
		{"LBFGS/quadratic", LBFGS{Settings: tight()}, q, nil, q.xstar, 1e-9},
		{"LBFGS/rosenbrock", LBFGS{Settings: tight()}, &rosenbrock{}, []float64{-1.2, 1}, []float64{1, 1}, 1e-9},
		{"OWLQN/quadratic", OWLQN{Settings: tight()}, q, nil, q.xstar, 1e-9},
		{"OWLQN/rosenbrock", OWLQN{Settings: tight()}, &rosenbrock{}, []float64{-1.2, 1}, []float64{1, 1}, 1e-9},
		{"TRON/quadratic", TrustRegionNewton{Settings: tight()}, q, nil, q.xstar, 1e-9},
		{"TRON/rosenbrock", TrustRegionNewton{Settings: tight()}, &rosenbrock{}, []float64{-1.2, 1}, []float64{1, 1}, 1e-9},
		{"TRON/residual/rosenbrock", TrustRegionNewton{Settings: tight(), CGRule: ResidualRule}, &rosenbrock{}, []float64{-1.2, 1}, []float64{1, 1}, 1e-9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := tt.s.Minimize(context.Background(), tt.p, tt.x0)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%v after %d iterations, %d evaluations, %d Hessian products", res.Status, res.Iterations, res.FuncEvals, res.HessVecs)
			if !res.Converged || res.Status != Converged {
				t.Errorf("Status = %v, Converged = %v, want converged", res.Status, res.Converged)
			}
			if m := numtest.Mismatch(res.X, tt.want, 0, tt.tol); m != "" {
				t.Errorf("X%s", m)
			}
			checkResult(t, tt.p, res, nil)
		})
	}
}

// checkResult checks that Result.F and GradNorm describe Result.X and that
// the history is consistent.
func checkResult(t *testing.T, p Problem, res *Result, l1 []float64) {
	t.Helper()
	g := make([]float64, p.Dim())
	f := p.ValueGrad(g, res.X)
	for i, v := range l1 {
		f += v * math.Abs(res.X[i])
	}
	if !numtest.Close(res.F, f, 1e-12, 1e-12) {
		t.Errorf("F = %v, want f(X) = %v", res.F, f)
	}
	if len(res.History) == 0 {
		t.Fatalf("empty history")
	}
	if res.Iterations != res.History[len(res.History)-1].Iter {
		t.Errorf("Iterations = %d, last history entry %d", res.Iterations, res.History[len(res.History)-1].Iter)
	}
	if res.Converged != (res.Status == Converged) {
		t.Errorf("Converged = %v with Status %v", res.Converged, res.Status)
	}
}

// TestLogisticAgreement checks every deterministic solver on L2-regularized
// logistic regression: the gradient vanishes at the result and all agree.
func TestLogisticAgreement(t *testing.T) {
	p := newLogistic(300, 8, 1, 7)
	// The test problem's own derivatives, by central differences.
	x := []float64{0.3, -0.2, 0.1, 0, 0.5, -0.4, 0.2, 0.1, -0.3}
	g := make([]float64, p.Dim())
	p.ValueGrad(g, x)
	fd := numtest.CentralDiff(func(x []float64) float64 { return p.ValueGrad(nil, x) }, x, 1e-6)
	if m := numtest.Mismatch(g, fd, 1e-6, 1e-6); m != "" {
		t.Fatalf("test problem gradient%s", m)
	}
	ref, err := TrustRegionNewton{Settings: Settings{Tol: 1e-12}}.Minimize(context.Background(), p, nil)
	if err != nil || !ref.Converged {
		t.Fatalf("reference: %v, %v", err, ref.Status)
	}
	for _, tt := range deterministic(Settings{Tol: 1e-10, MaxIter: 100000}) {
		t.Run(tt.name, func(t *testing.T) {
			res, err := tt.s.Minimize(context.Background(), p, nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%v after %d iterations, %d evaluations, %d Hessian products", res.Status, res.Iterations, res.FuncEvals, res.HessVecs)
			if !res.Converged {
				t.Errorf("Status = %v", res.Status)
			}
			g0 := res.History[0].GradNorm
			if res.GradNorm > 1e-10*g0 {
				t.Errorf("GradNorm = %v, want ≤ %v", res.GradNorm, 1e-10*g0)
			}
			p.ValueGrad(g, res.X)
			if n := norm(g); !numtest.Close(n, res.GradNorm, 1e-9, 1e-300) {
				t.Errorf("‖∇f(X)‖ = %v, Result.GradNorm = %v", n, res.GradNorm)
			}
			if m := numtest.Mismatch(res.X, ref.X, 1e-8, 1e-8); m != "" {
				t.Errorf("X%s", m)
			}
			checkResult(t, p, res, nil)
		})
	}
}

// sepQuad is f(x) = ½ Σ aᵢ (xᵢ − cᵢ)², whose L1-penalized minimizer is
// soft(cᵢ, λᵢ/aᵢ) and whose bounded minimizer is clip(cᵢ, loᵢ, hiᵢ).
type sepQuad struct{ a, c []float64 }

func (q sepQuad) Dim() int { return len(q.a) }

func (q sepQuad) ValueGrad(g, x []float64) float64 {
	var f float64
	for i, a := range q.a {
		d := x[i] - q.c[i]
		f += 0.5 * a * d * d
		if g != nil {
			g[i] = a * d
		}
	}
	return f
}

func TestL1KnownSparse(t *testing.T) {
	q := sepQuad{a: []float64{1, 2, 4, 0.5, 3, 1}, c: []float64{2, -0.3, 0.1, 3, -1, 0.4}}
	l1 := []float64{0.5, 1, 1, 0.5, 0, 0}
	want := make([]float64, len(q.a))
	for i := range want {
		t := l1[i] / q.a[i]
		switch c := q.c[i]; {
		case c > t:
			want[i] = c - t
		case c < -t:
			want[i] = c + t
		}
	}
	// want = [1.5, 0, 0, 2, -1, 0.4]: coordinates 1 and 2 are exact zeros.
	x0 := []float64{-1, 1, -1, 1, 1, -1}
	st := Settings{Tol: 1e-10, L1: l1, MaxIter: 100000}
	for _, tt := range []struct {
		name string
		s    Solver
	}{
		{"OWLQN", OWLQN{Settings: st}},
		{"GradientDescent", GradientDescent{Settings: st}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, err := tt.s.Minimize(context.Background(), q, x0)
			if err != nil {
				t.Fatal(err)
			}
			if !res.Converged {
				t.Errorf("Status = %v", res.Status)
			}
			for i, w := range want {
				if w == 0 && res.X[i] != 0 {
					t.Errorf("X[%d] = %v, want exactly 0", i, res.X[i])
				}
			}
			if m := numtest.Mismatch(res.X, want, 0, 1e-9); m != "" {
				t.Errorf("X%s", m)
			}
			checkResult(t, q, res, l1)
		})
	}
}

// TestL1Logistic runs OWL-QN and proximal gradient descent on an
// L1-penalized logistic regression (intercept unpenalized): both reach a
// vanishing pseudo-gradient, the same exact zeros and the same point.
func TestL1Logistic(t *testing.T) {
	p := newLogistic(300, 10, 1, 11)
	p.l2 = 0.1 // elastic net
	l1 := make([]float64, p.Dim())
	for j := range p.p {
		l1[j] = 15
	}
	st := Settings{Tol: 1e-9, L1: l1, MaxIter: 100000}
	owl, err := OWLQN{Settings: st}.Minimize(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	gd, err := GradientDescent{Settings: st}.Minimize(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	zeros := 0
	for i := range owl.X {
		if (owl.X[i] == 0) != (gd.X[i] == 0) {
			t.Errorf("X[%d]: OWLQN %v, GradientDescent %v: zero patterns differ", i, owl.X[i], gd.X[i])
		}
		if owl.X[i] == 0 {
			zeros++
		}
	}
	t.Logf("OWLQN: %v, %d iterations, %d evaluations; GD: %v, %d iterations; %d zeros of %d", owl.Status, owl.Iterations, owl.FuncEvals, gd.Status, gd.Iterations, zeros, len(l1))
	if zeros == 0 || zeros == p.p {
		t.Errorf("%d zeros: the test wants a partly sparse optimum", zeros)
	}
	if !owl.Converged || !gd.Converged {
		t.Errorf("Status: OWLQN %v, GradientDescent %v", owl.Status, gd.Status)
	}
	if m := numtest.Mismatch(gd.X, owl.X, 1e-6, 1e-6); m != "" {
		t.Errorf("X%s", m)
	}
	checkResult(t, p, owl, l1)
	checkResult(t, p, gd, l1)
}

func TestBounds(t *testing.T) {
	q := sepQuad{a: []float64{1, 2, 4, 0.5}, c: []float64{2, -0.3, 0.1, 3}}
	lo := []float64{0, 0, math.Inf(-1), -1}
	hi := []float64{1, math.Inf(1), 1, 2}
	want := []float64{1, 0, 0.1, 2}
	for _, tt := range []struct {
		name string
		s    Solver
	}{
		{"LBFGS", LBFGS{Settings: Settings{Tol: 1e-10, Lower: lo, Upper: hi}}},
		{"OWLQN", OWLQN{Settings: Settings{Tol: 1e-10, Lower: lo, Upper: hi}}},
		{"GradientDescent", GradientDescent{Settings: Settings{Tol: 1e-10, Lower: lo, Upper: hi}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, err := tt.s.Minimize(context.Background(), q, []float64{5, 5, 5, 5})
			if err != nil {
				t.Fatal(err)
			}
			if !res.Converged {
				t.Errorf("Status = %v", res.Status)
			}
			if m := numtest.Mismatch(res.X, want, 0, 1e-9); m != "" {
				t.Errorf("X%s", m)
			}
		})
	}
}

// TestBoundsLogistic constrains logistic regression coefficients to
// [-0.3, 0.3]; some bounds are active at the optimum, where the projected
// gradient vanishes and the solvers agree.
func TestBoundsLogistic(t *testing.T) {
	p := newLogistic(300, 8, 1, 7)
	n := p.Dim()
	lo, hi := make([]float64, n), make([]float64, n)
	for j := range n {
		lo[j], hi[j] = -0.3, 0.3
	}
	lo[n-1], hi[n-1] = math.Inf(-1), math.Inf(1) // free intercept
	st := Settings{Tol: 1e-10, Lower: lo, Upper: hi, MaxIter: 100000}
	var ref *Result
	for _, tt := range []struct {
		name string
		s    Solver
	}{
		{"LBFGS", LBFGS{Settings: st}},
		{"OWLQN", OWLQN{Settings: st}},
		{"GradientDescent", GradientDescent{Settings: st}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, err := tt.s.Minimize(context.Background(), p, nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%v after %d iterations, %d evaluations", res.Status, res.Iterations, res.FuncEvals)
			if !res.Converged {
				t.Errorf("Status = %v", res.Status)
			}
			active := 0
			for j, v := range res.X {
				if v < lo[j] || v > hi[j] {
					t.Errorf("X[%d] = %v outside [%v, %v]", j, v, lo[j], hi[j])
				}
				if v == lo[j] || v == hi[j] {
					active++
				}
			}
			if active == 0 || active == n-1 {
				t.Errorf("%d active bounds: the test wants some", active)
			}
			if ref == nil {
				ref = res
			} else if m := numtest.Mismatch(res.X, ref.X, 1e-7, 1e-7); m != "" {
				t.Errorf("X%s (vs LBFGS)", m)
			}
		})
	}
}

func TestUnsupported(t *testing.T) {
	q := newQuadratic(3, 1)
	l1 := []float64{1, 1, 1}
	lo := []float64{0, 0, 0}
	tests := []struct {
		name string
		s    Solver
		p    Problem
	}{
		{"LBFGS/L1", LBFGS{Settings: Settings{L1: l1}}, q},
		{"TRON/L1", TrustRegionNewton{Settings: Settings{L1: l1}}, q},
		{"TRON/bounds", TrustRegionNewton{Settings: Settings{Lower: lo}}, q},
		{"TRON/no HessVec", TrustRegionNewton{}, plain{q}},
		{"Adam/L1", Adam{Settings: Settings{L1: l1}}, newLogistic(10, 2, 1, 1)},
		{"SGD/not a BatchProblem", SGD{}, q},
		{"Adam/not a BatchProblem", Adam{}, q},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.s.Minimize(context.Background(), tt.p, nil)
			if !errors.Is(err, ErrUnsupported) {
				t.Errorf("err = %v, want ErrUnsupported", err)
			}
		})
	}
}

func TestInputErrors(t *testing.T) {
	q := newQuadratic(3, 1)
	nan := math.NaN()
	tests := []struct {
		name string
		s    Solver
		p    Problem
		x0   []float64
		want error
		msg  string
	}{
		{"short x0", LBFGS{}, q, []float64{1, 2}, ErrShape, "len(x0) = 2, want 3"},
		{"NaN in x0", GradientDescent{}, q, []float64{1, nan, 2}, ErrNotFinite, "x0[1] = NaN"},
		{"Inf in x0", TrustRegionNewton{}, q, []float64{1, 2, math.Inf(1)}, ErrNotFinite, "x0[2] = +Inf"},
		{"negative L1", OWLQN{Settings: Settings{L1: []float64{0, -1, 0}}}, q, nil, ErrInvalid, "L1[1] = -1"},
		{"NaN L1", OWLQN{Settings: Settings{L1: []float64{0, 0, nan}}}, q, nil, ErrNotFinite, "L1[2] = NaN"},
		{"short L1", OWLQN{Settings: Settings{L1: []float64{1}}}, q, nil, ErrShape, "len(L1) = 1"},
		{"crossed bounds", LBFGS{Settings: Settings{Lower: []float64{0, 2, 0}, Upper: []float64{1, 1, 1}}}, q, nil, ErrInvalid, "Lower[1] = 2 > Upper[1] = 1"},
		{"NaN bound", LBFGS{Settings: Settings{Upper: []float64{1, nan, 1}}}, q, nil, ErrInvalid, "Upper[1] = NaN"},
		{"short bounds", GradientDescent{Settings: Settings{Lower: []float64{1}}}, q, nil, ErrShape, "len(Lower) = 1"},
		{"NaN Tol", LBFGS{Settings: Settings{Tol: nan}}, q, nil, ErrInvalid, "Tol = NaN"},
		{"negative MaxIter", LBFGS{Settings: Settings{MaxIter: -1}}, q, nil, ErrInvalid, "MaxIter = -1"},
		{"negative Patience", LBFGS{Settings: Settings{Patience: -1}}, q, nil, ErrInvalid, "Patience = -1"},
		{"negative Memory", LBFGS{Memory: -1}, q, nil, ErrInvalid, "Memory = -1"},
		{"negative learning rate", GradientDescent{LearningRate: -1}, q, nil, ErrInvalid, "LearningRate = -1"},
		{"CGTol 1", TrustRegionNewton{CGTol: 1}, q, nil, ErrInvalid, "CGTol = 1"},
		{"Adam Beta1 1", Adam{Beta1: 1}, newLogistic(10, 2, 1, 1), nil, ErrInvalid, "Beta1 = 1"},
		{"SGD momentum 1", SGD{Momentum: 1}, newLogistic(10, 2, 1, 1), nil, ErrInvalid, "Momentum = 1"},
		{"SGD Nesterov without momentum", SGD{Nesterov: true}, newLogistic(10, 2, 1, 1), nil, ErrInvalid, "Nesterov"},
		{"SGD negative batch", SGD{Batching: Batching{BatchSize: -2}}, newLogistic(10, 2, 1, 1), nil, ErrInvalid, "BatchSize = -2"},
		{"NaN objective", LBFGS{}, nanProblem{}, nil, ErrNotFinite, "objective at the starting point = NaN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := tt.s.Minimize(context.Background(), tt.p, tt.x0)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if res != nil {
				t.Errorf("result %v with an error", res)
			}
			if !strings.HasPrefix(err.Error(), "solve: ") || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %q, want it to contain %q", err, tt.msg)
			}
		})
	}
}

type nanProblem struct{}

func (nanProblem) Dim() int                                       { return 2 }
func (nanProblem) ValueGrad(g, x []float64) float64               { return math.NaN() }
func (nanProblem) HessVec(dst, v []float64)                       {}
func (nanProblem) NumSamples() int                                { return 1 }
func (nanProblem) BatchValueGrad(g, x []float64, _ []int) float64 { return math.NaN() }

func TestX0NotModified(t *testing.T) {
	q := newQuadratic(4, 2)
	for _, tt := range deterministic(Settings{}) {
		x0 := []float64{1, 2, 3, 4}
		if _, err := tt.s.Minimize(context.Background(), q, x0); err != nil {
			t.Fatal(err)
		}
		if x0[0] != 1 || x0[1] != 2 || x0[2] != 3 || x0[3] != 4 {
			t.Errorf("%s changed x0 to %v", tt.name, x0)
		}
	}
}

func TestStatusString(t *testing.T) {
	tests := []struct {
		s    Status
		want string
	}{
		{Converged, "converged"},
		{MaxIter, "maximum number of iterations reached"},
		{LineSearchFailed, "line search failed"},
		{Stalled, "stalled"},
		{EarlyStopped, "early stopped"},
		{Canceled, "canceled"},
		{Stopped, "stopped by callback"},
		{Diverged, "diverged"},
		{Status(99), "Status(99)"},
	}
	for _, tt := range tests {
		if got := tt.s.String(); got != tt.want {
			t.Errorf("Status(%d).String() = %q, want %q", int(tt.s), got, tt.want)
		}
	}
	if QuadraticRule.String() != "quadratic" || ResidualRule.String() != "residual" || CGRule(7).String() != "CGRule(7)" {
		t.Errorf("CGRule.String")
	}
	if Constant.String() != "constant" || InvScaling.String() != "invscaling" || Step.String() != "step" || Schedule(7).String() != "Schedule(7)" {
		t.Errorf("Schedule.String")
	}
}
