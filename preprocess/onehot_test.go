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

func TestOneHotFitTransform(t *testing.T) {
	train := [][]float64{
		{7, 2, 9, 1},
		{8, 0, 9, 3},
		{7, 5, 9, 1},
		{6, -0.0, 9, 3},
	}
	enc := OneHotEncoder{Columns: []int{3, 1}}
	want := &OneHot{NInput: 4, Columns: []int{1, 3}, Categories: [][]float64{{0, 2, 5}, {1, 3}}}
	wantRows := [][]float64{
		{7, 0, 1, 0, 9, 1, 0},
		{8, 1, 0, 0, 9, 0, 1},
		{7, 0, 0, 1, 9, 1, 0},
		{6, 1, 0, 0, 9, 0, 1},
	}
	for _, layout := range []string{"dense", "sparse"} {
		t.Run(layout, func(t *testing.T) {
			var x data.Matrix = dense(t, train)
			if layout == "sparse" {
				x = sparseOf(t, x)
			}
			o, err := enc.Fit(x)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(o, want) {
				t.Errorf("Fit = %+v, want %+v", o, want)
			}
			if math.Signbit(o.Categories[0][0]) {
				t.Error("category -0 stored with its sign, want +0")
			}
			z, err := o.Transform(x)
			if err != nil {
				t.Fatal(err)
			}
			if _, isCSR := z.(*data.CSR); isCSR != (layout == "sparse") {
				t.Errorf("Transform returned %T for %s input", z, layout)
			}
			if got := rowsOf(z); !reflect.DeepEqual(got, wantRows) {
				t.Errorf("Transform = %v, want %v", got, wantRows)
			}
			if w, err := o.OutputWidth(4); err != nil || w != 7 {
				t.Errorf("OutputWidth(4) = %d, %v; want 7", w, err)
			}
		})
	}
}

func TestOneHotUnknown(t *testing.T) {
	o := &OneHot{NInput: 2, Columns: []int{0}, Categories: [][]float64{{1, 2}}}
	x := dense(t, [][]float64{{1, 5}, {2, 6}, {3, 7}})
	tests := []struct {
		name    string
		policy  Unknown
		x       data.Matrix
		wantErr string
		want    [][]float64
	}{
		{"error dense", UnknownError, x, "preprocess: one-hot: X[2, 0] = 3: unknown category (column 0 has 2 categories)", nil},
		{"error sparse", UnknownError, sparseOf(t, x), "preprocess: one-hot: X[2, 0] = 3: unknown category (column 0 has 2 categories)", nil},
		// An absent sparse entry is the value 0, unknown here.
		{"error implicit zero", UnknownError, sparseOf(t, dense(t, [][]float64{{1, 5}, {0, 6}})), "preprocess: one-hot: X[1, 0] = 0: unknown category (column 0 has 2 categories)", nil},
		{"ignore dense", UnknownIgnore, x, "", [][]float64{{1, 0, 5}, {0, 1, 6}, {0, 0, 7}}},
		{"ignore sparse", UnknownIgnore, sparseOf(t, x), "", [][]float64{{1, 0, 5}, {0, 1, 6}, {0, 0, 7}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			oo := *o
			oo.Unknown = tt.policy
			z, err := oo.Transform(tt.x)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr || !errors.Is(err, ErrUnknownCategory) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				var e *Error
				if !errors.As(err, &e) || e.Col != 0 {
					t.Errorf("error %#v does not locate column 0", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := rowsOf(z); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Transform = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestOneHotErrors(t *testing.T) {
	x := dense(t, [][]float64{{1, 2}})
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"column out of range", func() error { _, err := (OneHotEncoder{Columns: []int{2}}).Fit(x); return err }(), data.ErrIndex},
		{"column repeated", func() error { _, err := (OneHotEncoder{Columns: []int{1, 1}}).Fit(x); return err }(), data.ErrIndex},
		{"bad policy", func() error { _, err := (OneHotEncoder{Unknown: 7}).Fit(x); return err }(), ErrInvalid},
		{"no rows", func() error { _, err := (OneHotEncoder{}).Fit(dense(t, nil)); return err }(), data.ErrShape},
		{"width", func() error {
			_, err := (&OneHot{NInput: 3}).Transform(x)
			return err
		}(), data.ErrShape},
		{"NaN passthrough", func() error {
			_, err := (&OneHot{NInput: 2, Columns: []int{0}, Categories: [][]float64{{1}}}).TransformDense(nil, []float64{1, math.NaN()}, 1)
			return err
		}(), data.ErrNotFinite},
		{"NaN categorical", func() error {
			_, err := (&OneHot{NInput: 2, Columns: []int{0}, Categories: [][]float64{{1}}, Unknown: UnknownIgnore}).TransformDense(nil, []float64{math.NaN(), 1}, 1)
			return err
		}(), data.ErrNotFinite},
		{"validate unsorted columns", (&OneHot{NInput: 3, Columns: []int{2, 1}, Categories: [][]float64{{0}, {0}}}).Validate(), ErrInvalid},
		{"validate unsorted categories", (&OneHot{NInput: 3, Columns: []int{1}, Categories: [][]float64{{1, 0}}}).Validate(), ErrInvalid},
		{"validate empty categories", (&OneHot{NInput: 3, Columns: []int{1}, Categories: [][]float64{{}}}).Validate(), ErrInvalid},
		{"validate count", (&OneHot{NInput: 3, Columns: []int{1}}).Validate(), ErrInvalid},
		{"validate NaN category", (&OneHot{NInput: 3, Columns: []int{1}, Categories: [][]float64{{math.NaN()}}}).Validate(), ErrInvalid},
		{"validate column range", (&OneHot{NInput: 1, Columns: []int{1}, Categories: [][]float64{{0}}}).Validate(), ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !errors.Is(tt.err, tt.want) {
				t.Errorf("error %v, want %v", tt.err, tt.want)
			}
		})
	}
}

func TestUnknownText(t *testing.T) {
	for _, u := range []Unknown{UnknownError, UnknownIgnore} {
		b, err := json.Marshal(u)
		if err != nil {
			t.Fatal(err)
		}
		var back Unknown
		if err := json.Unmarshal(b, &back); err != nil || back != u {
			t.Errorf("round trip of %v = %v, %v", u, back, err)
		}
	}
	if _, err := ParseUnknown("maybe"); !errors.Is(err, ErrInvalid) {
		t.Errorf("ParseUnknown(maybe) error %v", err)
	}
	if _, err := json.Marshal(Unknown(9)); err == nil {
		t.Error("Marshal(Unknown(9)) succeeded")
	}
}

func TestOneHotDenseNoAlloc(t *testing.T) {
	o := &OneHot{NInput: 3, Columns: []int{0, 2}, Categories: [][]float64{{1, 2}, {0, 4, 8}}}
	src := []float64{1, 7, 8, 2, 6, 0}
	dst := make([]float64, 2*6)
	if a := testing.AllocsPerRun(100, func() { _, _ = o.TransformDense(dst, src, 2) }); a != 0 {
		t.Errorf("TransformDense allocates %v times, want 0", a)
	}
	if want := []float64{1, 0, 7, 0, 0, 1, 0, 1, 6, 1, 0, 0}; !reflect.DeepEqual(dst, want) {
		t.Errorf("TransformDense = %v, want %v", dst, want)
	}
}

func ExampleOneHotEncoder() {
	// Column 1 holds a category code.
	x, _ := data.NewDense(3, 2, []float64{
		0.5, 3,
		1.5, 1,
		2.5, 3,
	})
	o, _ := OneHotEncoder{Columns: []int{1}, Unknown: UnknownIgnore}.Fit(x)
	fmt.Println("categories", o.Categories)
	z, _ := o.Transform(x)
	fmt.Println(z.(*data.Dense).RawData())
	// Output:
	// categories [[1 3]]
	// [0.5 0 1 1.5 1 0 2.5 0 1]
}
