package data

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestNewDenseErrors(t *testing.T) {
	tests := []struct {
		name       string
		rows, cols int
		data       []float64
		want       error
		text       string
	}{
		{"short", 2, 2, []float64{1, 2, 3}, ErrShape, "len(data) = 3"},
		{"negative", -1, 2, nil, ErrShape, "negative"},
		{"nan", 2, 3, []float64{1, 2, 3, 4, math.NaN(), 6}, ErrNotFinite, "X[1, 1] = NaN"},
		{"inf", 2, 2, []float64{math.Inf(-1), 0, 0, 0}, ErrNotFinite, "X[0, 0] = -Inf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewDense(tt.rows, tt.cols, tt.data)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.text) {
				t.Fatalf("NewDense = %v, want %v containing %q", err, tt.want, tt.text)
			}
		})
	}
}

func TestNewDenseNil(t *testing.T) {
	m, err := NewDense(3, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r, c := m.Dims(); r != 3 || c != 2 || len(m.RawData()) != 6 {
		t.Fatalf("Dims = %d, %d, len %d", r, c, len(m.RawData()))
	}
}

// TestGradRows checks Dense.GradRows against MulVec then AddTransVec for
// row ranges of every length around the block, widths around the vector
// kernels' steps, and f given every row once, in order.
func TestGradRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, c := range []int{0, 1, 3, 4, 17, 100} {
		n := 40
		x := make([]float64, n*c)
		for i := range x {
			x[i] = rng.NormFloat64()
		}
		m := must(NewDense(n, c, x))
		w := make([]float64, c)
		for i := range w {
			w[i] = rng.NormFloat64()
		}
		for lo := 0; lo < 3; lo++ {
			for hi := lo; hi <= n; hi++ {
				g := make([]float64, c)
				var calls []int
				m.GradRows(w, g, make([]float64, GradRowsBlock), lo, hi, func(first int, z []float64) {
					for r := range z {
						calls = append(calls, first+r)
						z[r] = math.Sin(z[r]) + float64(first+r)
					}
				})
				z := make([]float64, hi-lo)
				m.MulVec(z, w, lo, hi)
				for i := range z {
					z[i] = math.Sin(z[i]) + float64(lo+i)
				}
				want := make([]float64, c)
				m.AddTransVec(want, z, lo, hi)
				m32 := must(ToFloat32(m)).(*Dense32)
				g32 := make([]float64, c)
				m32.GradRows(w, g32, make([]float64, GradRowsBlock), lo, hi, func(first int, z []float64) {
					for r := range z {
						z[r] = math.Sin(z[r]) + float64(first+r)
					}
				})
				z32 := make([]float64, hi-lo)
				m32.MulVec(z32, w, lo, hi)
				for i := range z32 {
					z32[i] = math.Sin(z32[i]) + float64(lo+i)
				}
				want32 := make([]float64, c)
				m32.AddTransVec(want32, z32, lo, hi)
				if len(calls) != hi-lo {
					t.Fatalf("c=%d [%d,%d): f called %d times", c, lo, hi, len(calls))
				}
				for k, i := range calls {
					if i != lo+k {
						t.Fatalf("c=%d [%d,%d): call %d for row %d", c, lo, hi, k, i)
					}
				}
				for j := range g {
					if math.Abs(g[j]-want[j]) > 1e-12*(1+math.Abs(want[j])) {
						t.Fatalf("c=%d [%d,%d): g[%d] = %v, want %v", c, lo, hi, j, g[j], want[j])
					}
					if math.Abs(g32[j]-want32[j]) > 1e-12*(1+math.Abs(want32[j])) {
						t.Fatalf("Dense32 c=%d [%d,%d): g[%d] = %v, want %v", c, lo, hi, j, g32[j], want32[j])
					}
				}
			}
		}
	}
}
