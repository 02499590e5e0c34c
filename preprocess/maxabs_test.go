package preprocess

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/internal/numtest"
)

func TestMaxAbsSklearn(t *testing.T) {
	// scikit-learn 1.2.1: m = MaxAbsScaler().fit(X); m.scale_,
	// m.transform(X)[3], and MaxAbsScaler().fit(S).transform(S).toarray()[3]
	// with X = small, S = csr_matrix(X). Dense data is divided by the scale,
	// sparse data multiplied by its reciprocal, so 0.3/0.7 differs in the last
	// bit.
	wantScale := parse(t, "4.0", "0.7", "5.0", "8.25")
	tests := []struct {
		name string
		x    data.Matrix
		row3 []float64
	}{
		{"dense", dense(t, small), parse(t, "-0.375", "0.4285714285714286", "1.0", "0.0")},
		{"sparse", sparseOf(t, dense(t, small)), parse(t, "-0.375", "0.42857142857142855", "1.0", "0.0")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := FitMaxAbs(tt.x)
			if err != nil {
				t.Fatal(err)
			}
			if !numtest.SameBits(m.Scale, wantScale) {
				t.Errorf("Scale = %v, want %v", m.Scale, wantScale)
			}
			z, err := m.Transform(tt.x)
			if err != nil {
				t.Fatal(err)
			}
			if got := rowsOf(z)[3]; !numtest.SameBits(got, tt.row3) {
				t.Errorf("Transform row 3 = %v, want %v", got, tt.row3)
			}
		})
	}
}

func TestMaxAbsZeroColumnAndRange(t *testing.T) {
	x := dense(t, [][]float64{{0, -3, 1e-20}, {0, 2, -1e-19}})
	m, err := FitMaxAbs(x)
	if err != nil {
		t.Fatal(err)
	}
	// Zero and tiny (below 10·2⁻⁵²) columns get scale 1.
	if want := []float64{1, 3, 1}; !numtest.SameBits(m.Scale, want) {
		t.Errorf("Scale = %v, want %v", m.Scale, want)
	}
	z, _ := m.Transform(x)
	for i, v := range z.(*data.Dense).RawData() {
		if math.Abs(v) > 1 {
			t.Errorf("output[%d] = %v outside [-1, 1]", i, v)
		}
	}
}

func TestMaxAbsErrors(t *testing.T) {
	m := &MaxAbsScaler{Scale: []float64{1, 2}}
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"no rows", func() error { _, err := FitMaxAbs(dense(t, nil)); return err }(), data.ErrShape},
		{"width", func() error { _, err := m.Transform(dense(t, [][]float64{{1}})); return err }(), data.ErrShape},
		{"NaN", func() error { _, err := m.TransformDense(nil, []float64{1, math.Inf(1)}, 1); return err }(), data.ErrNotFinite},
		{"validate NaN", (&MaxAbsScaler{Scale: []float64{math.NaN()}}).Validate(), ErrInvalid},
		{"validate Inf", (&MaxAbsScaler{Scale: []float64{math.Inf(1)}}).Validate(), ErrInvalid},
		{"validate negative", (&MaxAbsScaler{Scale: []float64{-1}}).Validate(), ErrInvalid},
		{"validate empty", (&MaxAbsScaler{}).Validate(), ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !errors.Is(tt.err, tt.want) {
				t.Errorf("error %v, want %v", tt.err, tt.want)
			}
		})
	}
}

func ExampleFitMaxAbs() {
	// Sparse rows keep their zeros: only stored values are scaled.
	x, _ := data.NewCSR(2, 3, []int{0, 2, 3}, []int32{0, 2, 1}, []float64{-4, 1, 0.5})
	m, _ := FitMaxAbs(x)
	z, _ := m.Transform(x)
	fmt.Println("scale", m.Scale)
	idx, val := z.(*data.CSR).RowNZ(0)
	fmt.Println(idx, val)
	// Output:
	// scale [4 0.5 1]
	// [0 2] [-1 1]
}
