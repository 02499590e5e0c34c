package solve

import (
	"context"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// precQuadratic is a quadratic whose preconditioner is its exact Hessian
// (off: Precondition reports none).
type precQuadratic struct {
	*quadratic
	off   bool
	chol  mat.Cholesky
	calls int
}

func newPrecQuadratic(n int, seed uint64, off bool) *precQuadratic {
	q := &precQuadratic{quadratic: newQuadratic(n, seed), off: off}
	if !q.chol.Factorize(mat.NewSymDense(n, q.a)) {
		panic("not positive definite")
	}
	return q
}

func (q *precQuadratic) Precondition() bool { q.calls++; return !q.off }

func (q *precQuadratic) PrecondSolve(dst, v []float64) {
	var x mat.VecDense
	if err := q.chol.SolveVecTo(&x, mat.NewVecDense(q.n, slices.Clone(v))); err != nil {
		panic(err)
	}
	copy(dst, x.RawVector().Data)
}

func (q *precQuadratic) PrecondMul(dst, v []float64) { q.HessVec(dst, v) }

func TestTronPreconditionedProblem(t *testing.T) {
	tests := []struct {
		name     string
		off      bool
		noPrec   bool
		maxHV    int // at most this many Hessian-vector products
		wantCall bool
	}{
		{"exact", false, false, 4, true},
		{"none-offered", true, false, 0, true},
		{"disabled", false, true, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := newPrecQuadratic(30, 3, tt.off)
			res, err := TrustRegionNewton{Settings: Settings{Tol: 1e-10}, NoPrecondition: tt.noPrec}.Minimize(context.Background(), q, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !res.Converged {
				t.Fatalf("status %v", res.Status)
			}
			for i, v := range res.X {
				if d := v - q.xstar[i]; d > 1e-6 || d < -1e-6 {
					t.Fatalf("x[%d] = %v, want %v", i, v, q.xstar[i])
				}
			}
			if tt.maxHV > 0 && res.HessVecs > tt.maxHV {
				t.Errorf("%d Hessian-vector products with the exact preconditioner, want ≤ %d", res.HessVecs, tt.maxHV)
			}
			if (q.calls > 0) != tt.wantCall {
				t.Errorf("Precondition called %d times", q.calls)
			}
		})
	}
	// Without a preconditioner on offer the run is that of NoPrecondition.
	a, _ := TrustRegionNewton{Settings: Settings{Tol: 1e-10}}.Minimize(context.Background(), newPrecQuadratic(30, 3, true), nil)
	b, _ := TrustRegionNewton{Settings: Settings{Tol: 1e-10}, NoPrecondition: true}.Minimize(context.Background(), newPrecQuadratic(30, 3, false), nil)
	if !slices.Equal(a.X, b.X) || a.HessVecs != b.HessVecs {
		t.Errorf("declined preconditioner: %d Hv, want %d as NoPrecondition", a.HessVecs, b.HessVecs)
	}
}
