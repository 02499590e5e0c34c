package solve

import (
	"context"
	"errors"
	"math"
	"testing"
)

func TestNormScaled(t *testing.T) {
	tests := []struct {
		name string
		a    []float64
		want float64
	}{
		{"empty", nil, 0},
		{"zeros", []float64{0, 0}, 0},
		{"plain", []float64{3, 4}, 5},
		{"huge", []float64{3e200, 4e200}, 5e200},
		{"huge many", []float64{1e300, 1e300, 1e300, 1e300}, 2e300},
		{"tiny", []float64{3e-200, 4e-200}, 5e-200},
		{"subnormal", []float64{5e-324}, 5e-324},
		{"mixed", []float64{1e200, 1, 1e-200}, 1e200},
		{"max", []float64{math.MaxFloat64, 0}, math.MaxFloat64},
		{"beyond max", []float64{math.MaxFloat64, math.MaxFloat64}, math.Inf(1)},
		{"inf", []float64{1, math.Inf(-1)}, math.Inf(1)},
		{"nan", []float64{1e300, math.NaN(), 1e300}, math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := norm(tt.a)
			if !(math.Abs(got-tt.want) <= 1e-15*tt.want || got == tt.want || math.IsNaN(got) && math.IsNaN(tt.want)) {
				t.Errorf("norm(%v) = %v, want %v", tt.a, got, tt.want)
			}
			var o options
			dst := make([]float64, len(tt.a))
			if got := o.pseudoGrad(dst, tt.a, make([]float64, len(tt.a))); !(math.Abs(got-tt.want) <= 1e-15*tt.want || got == tt.want || math.IsNaN(got) && math.IsNaN(tt.want)) {
				t.Errorf("pseudoGrad(%v) = %v, want %v", tt.a, got, tt.want)
			}
		})
	}
}

// scaledQuad is f(x) = ½ a Σ (xᵢ − 1)², with a = 1e200 a gradient at 0 whose
// components are finite but whose sum of squares overflows.
type scaledQuad struct {
	n int
	a float64
}

func (q scaledQuad) Dim() int { return q.n }

func (q scaledQuad) ValueGrad(g, x []float64) float64 {
	var f float64
	for i, v := range x {
		d := v - 1
		f += 0.5 * q.a * d * d
		if g != nil {
			g[i] = q.a * d
		}
	}
	return f
}

func (q scaledQuad) HessVec(dst, v []float64) {
	for i, vi := range v {
		dst[i] = q.a * vi
	}
}

// TestHugeGradient: a gradient norm that overflows in a plain sum of
// squares must not stop the run as converged at x0.
func TestHugeGradient(t *testing.T) {
	for _, tt := range deterministic(Settings{Tol: 1e-8, MaxIter: 200}) {
		t.Run(tt.name, func(t *testing.T) {
			p := scaledQuad{n: 4, a: 1e200}
			res, err := tt.s.Minimize(context.Background(), p, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !isFinite(res.History[0].GradNorm) {
				t.Errorf("GradNorm at x0 = %v, want finite", res.History[0].GradNorm)
			}
			// The solvers' inner products overflow at this scale, so an
			// honest failure status is acceptable; Converged is not,
			// unless at the minimizer.
			if res.Status == Converged || res.Converged {
				for i, v := range res.X {
					if math.Abs(v-1) > 1e-6 {
						t.Fatalf("Converged after %d iterations with X[%d] = %v, want 1", res.Iterations, i, v)
					}
				}
			}
			t.Logf("Status %v after %d iterations", res.Status, res.Iterations)
		})
	}
}

// TestStartNormOverflow: a gradient whose components are finite but whose
// norm exceeds MaxFloat64 is an error, not a vacuous stopping rule.
func TestStartNormOverflow(t *testing.T) {
	for _, tt := range deterministic(Settings{}) {
		t.Run(tt.name, func(t *testing.T) {
			p := scaledQuad{n: 4, a: math.MaxFloat64 / 2}
			x0 := []float64{-1, -1, -1, -1} // gradient −MaxFloat64 per component; f = +Inf
			_, err := tt.s.Minimize(context.Background(), p, x0)
			if !errors.Is(err, ErrNotFinite) {
				t.Errorf("Minimize = %v, want ErrNotFinite", err)
			}
		})
	}
}
