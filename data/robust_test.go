package data

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// TestDenseSizes: shapes whose element count overflows int or is too large
// to allocate are errors, not panics or runtime crashes.
func TestDenseSizes(t *testing.T) {
	tests := []struct {
		name       string
		rows, cols int
		empty      bool // pass an empty non-nil slice instead of nil
		text       string
	}{
		{"2^40 squared", 1 << 40, 1 << 40, false, "overflow"},
		{"wraps to zero", 1 << 62, 4, true, "overflow"},
		{"max int rows", math.MaxInt, 2, false, "overflow"},
		{"too large to allocate", 1 << 20, 1 << 20, false, "MaxAlloc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d64 []float64
			var d32 []float32
			if tt.empty {
				d64, d32 = []float64{}, []float32{}
			}
			if _, err := NewDense(tt.rows, tt.cols, d64); !errors.Is(err, ErrShape) || !strings.Contains(err.Error(), tt.text) {
				t.Errorf("NewDense(%d, %d) = %v, want ErrShape with %q", tt.rows, tt.cols, err, tt.text)
			}
			if _, err := NewDense32(tt.rows, tt.cols, d32); !errors.Is(err, ErrShape) || !strings.Contains(err.Error(), tt.text) {
				t.Errorf("NewDense32(%d, %d) = %v, want ErrShape with %q", tt.rows, tt.cols, err, tt.text)
			}
		})
	}
	if m, err := NewDense(1<<20, 0, nil); err != nil || m == nil {
		t.Errorf("NewDense(2^20, 0) = %v, %v; want an empty matrix", m, err)
	}
}

// TestNilMatrices: the functions taking a Matrix do not panic on nil.
func TestNilMatrices(t *testing.T) {
	nils := []struct {
		name string
		m    Matrix
	}{
		{"nil", nil},
		{"nil *Dense", (*Dense)(nil)},
		{"nil *Dense32", (*Dense32)(nil)},
		{"nil *CSR", (*CSR)(nil)},
		{"nil *CSR32", (*CSR32)(nil)},
	}
	for _, tt := range nils {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Rows(tt.m, []int{0}); !errors.Is(err, ErrShape) {
				t.Errorf("Rows = %v, want ErrShape", err)
			}
			if _, err := Slice(tt.m, 0, 0); !errors.Is(err, ErrShape) {
				t.Errorf("Slice = %v, want ErrShape", err)
			}
			if _, err := ToFloat32(tt.m); !errors.Is(err, ErrShape) {
				t.Errorf("ToFloat32 = %v, want ErrShape", err)
			}
			if r, c := ToDense(tt.m).Dims(); r != 0 || c != 0 {
				t.Errorf("ToDense = %d×%d, want 0×0", r, c)
			}
			if c := ToCSR(tt.m); c.NNZ() != 0 {
				t.Errorf("ToCSR NNZ = %d, want 0", c.NNZ())
			}
			d := &Dataset{X: tt.m, Y: []int{0}}
			if _, err := d.Subset([]int{0}); err == nil {
				t.Errorf("Subset = nil error, want one")
			}
			if err := d.Validate(); !errors.Is(err, ErrShape) {
				t.Errorf("Validate = %v, want ErrShape", err)
			}
			if d.NumFeatures() != 0 || d.NumSamples() != 1 {
				t.Errorf("NumFeatures, NumSamples = %d, %d; want 0, 1", d.NumFeatures(), d.NumSamples())
			}
		})
	}
}

func TestDatasetWeight(t *testing.T) {
	tests := []struct {
		name string
		w    []float64
		i    int
		want float64 // NaN: want NaN
	}{
		{"nil weights", nil, 5, 1},
		{"in range", []float64{0.5, 2}, 1, 2},
		{"short weights", []float64{0.5}, 1, math.NaN()},
		{"negative index", []float64{0.5}, -1, math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Dataset{SampleWeight: tt.w}
			got := d.Weight(tt.i)
			if got != tt.want && !(math.IsNaN(got) && math.IsNaN(tt.want)) {
				t.Errorf("Weight(%d) = %v, want %v", tt.i, got, tt.want)
			}
		})
	}
}
