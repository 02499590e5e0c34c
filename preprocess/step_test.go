package preprocess

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/xent-ml/xent/data"
)

func fittedPipeline(t testing.TB, x data.Matrix) Pipeline {
	t.Helper()
	o, err := OneHotEncoder{Columns: []int{1}}.Fit(x)
	if err != nil {
		t.Fatal(err)
	}
	z, err := o.Transform(x)
	if err != nil {
		t.Fatal(err)
	}
	s, err := FitStandardizer(z)
	if err != nil {
		t.Fatal(err)
	}
	return Pipeline{{OneHot: o}, {Standardize: s}}
}

func TestPipelineJSONRoundTrip(t *testing.T) {
	x := dense(t, [][]float64{{0.5, 1, 3}, {1.5, 2, 4}, {-2, 1, 5}})
	p := fittedPipeline(t, x)
	p = append(p, Step{MaxAbs: &MaxAbsScaler{Scale: []float64{1, 2, 3, 4}}}, Step{Hash: &FeatureHasher{NFeatures: 8}})
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var back Pipeline
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, p) {
		t.Errorf("round trip = %s, want %+v", b, p)
	}
	if w, err := back.OutputWidth(3); err != nil || w != 8 {
		t.Errorf("OutputWidth(3) = %d, %v; want 8", w, err)
	}
	want, err := p.Transform(x)
	if err != nil {
		t.Fatal(err)
	}
	got, err := back.Transform(x)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rowsOf(got), rowsOf(want)) {
		t.Errorf("loaded pipeline gives %v, want %v", rowsOf(got), rowsOf(want))
	}
}

func TestPipelineErrors(t *testing.T) {
	x := dense(t, [][]float64{{0.5, 1, 3}, {1.5, 2, 4}})
	p := fittedPipeline(t, x)
	tests := []struct {
		name string
		p    Pipeline
		in   int
		want error
		msg  string
	}{
		{"empty step", Pipeline{{}}, 3, ErrInvalid,
			"preprocess: step 1 (invalid): the step holds 0 transformations, want one of standardize, max_abs, one_hot, hash: invalid parameters"},
		{"two kinds", Pipeline{{MaxAbs: &MaxAbsScaler{Scale: []float64{1}}, Hash: &FeatureHasher{}}}, 1, ErrInvalid, ""},
		{"width chain", Pipeline{p[0], {MaxAbs: &MaxAbsScaler{Scale: []float64{1}}}}, 3, data.ErrShape,
			"preprocess: step 2 (max-abs): X has 4 columns, want 1: shape mismatch"},
		{"input width", p, 2, data.ErrShape, "preprocess: step 1 (one-hot): X has 2 columns, want 3: shape mismatch"},
		{"bad parameters", Pipeline{p[0], {Standardize: &Standardizer{Scale: []float64{1, 1, math.Inf(1), 1}}}}, 3, ErrInvalid,
			"preprocess: step 2 (standardize): scale[2] = +Inf: want a finite positive scale: invalid parameters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.p.OutputWidth(tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("OutputWidth error %v, want %v", err, tt.want)
			}
			if tt.msg != "" && err.Error() != tt.msg {
				t.Errorf("error %q, want %q", err, tt.msg)
			}
		})
	}
	// Transform locates the step and the row of an unknown category.
	_, err := p.Transform(dense(t, [][]float64{{0, 1, 0}, {0, 7, 0}}))
	if want := "preprocess: step 1 (one-hot): X[1, 1] = 7: unknown category (column 1 has 2 categories)"; err == nil || err.Error() != want {
		t.Errorf("Transform error %v, want %q", err, want)
	}
}

func TestStepOf(t *testing.T) {
	for _, tr := range []Transformer{&Standardizer{}, &MaxAbsScaler{}, &OneHot{}, &FeatureHasher{}} {
		s, err := StepOf(tr)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := s.Transformer(); err != nil || got != tr {
			t.Errorf("StepOf(%T).Transformer() = %v, %v", tr, got, err)
		}
	}
	if _, err := StepOf(nil); !errors.Is(err, ErrInvalid) {
		t.Errorf("StepOf(nil) error %v", err)
	}
}

func ExamplePipeline() {
	x, _ := data.NewDense(4, 2, []float64{
		1, 0,
		3, 1,
		5, 0,
		7, 1,
	})
	o, _ := OneHotEncoder{Columns: []int{1}}.Fit(x)
	xo, _ := o.Transform(x)
	m, _ := FitMaxAbs(xo)
	p := Pipeline{{OneHot: o}, {MaxAbs: m}}
	b, _ := json.Marshal(p)
	fmt.Println(string(b))
	z, _ := p.Transform(x)
	fmt.Println(z.(*data.Dense).RawData()[:3])
	// Output:
	// [{"one_hot":{"n_input":2,"columns":[1],"categories":[[0,1]],"unknown":"error"}},{"max_abs":{"scale":[7,1,1]}}]
	// [0.14285714285714285 1 0]
}
