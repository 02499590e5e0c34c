package preprocess

import (
	"errors"
	"testing"

	"github.com/xent-ml/xent/data"
)

// TestNilMatrix: every function taking a matrix returns an error wrapping
// data.ErrShape for nil (untyped or a nil pointer), never panics.
func TestNilMatrix(t *testing.T) {
	std := &Standardizer{Scale: []float64{1}}
	mabs := &MaxAbsScaler{Scale: []float64{1}}
	oh := &OneHot{NInput: 1, Columns: []int{0}, Categories: [][]float64{{0, 1}}}
	calls := []struct {
		name string
		run  func(x data.Matrix) error
	}{
		{"FitStandardizer", func(x data.Matrix) error { _, err := FitStandardizer(x); return err }},
		{"FitMaxAbs", func(x data.Matrix) error { _, err := FitMaxAbs(x); return err }},
		{"OneHotEncoder.Fit", func(x data.Matrix) error { _, err := OneHotEncoder{Columns: []int{0}}.Fit(x); return err }},
		{"Standardizer.Transform", func(x data.Matrix) error { _, err := std.Transform(x); return err }},
		{"MaxAbsScaler.Transform", func(x data.Matrix) error { _, err := mabs.Transform(x); return err }},
		{"OneHot.Transform", func(x data.Matrix) error { _, err := oh.Transform(x); return err }},
		{"FeatureHasher.Transform", func(x data.Matrix) error { _, err := (&FeatureHasher{NFeatures: 4}).Transform(x); return err }},
		{"Pipeline.Transform", func(x data.Matrix) error {
			_, err := Pipeline{{Standardize: std}}.Transform(x)
			return err
		}},
	}
	nils := []struct {
		name string
		x    data.Matrix
	}{
		{"nil", nil},
		{"nil *Dense", (*data.Dense)(nil)},
		{"nil *Dense32", (*data.Dense32)(nil)},
		{"nil *CSR", (*data.CSR)(nil)},
		{"nil *CSR32", (*data.CSR32)(nil)},
	}
	for _, c := range calls {
		for _, x := range nils {
			t.Run(c.name+"/"+x.name, func(t *testing.T) {
				if err := c.run(x.x); !errors.Is(err, data.ErrShape) {
					t.Errorf("%s(%s) = %v, want data.ErrShape", c.name, x.name, err)
				}
			})
		}
	}
}
