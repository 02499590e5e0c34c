package preprocess

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/internal/golden"
	"github.com/xent-ml/xent/internal/numtest"
)

// small is the 5×4 example of the scikit-learn references below; column 2
// is constant.
var small = [][]float64{
	{1.0, 0.1, 5.0, -2.0},
	{2.0, 0.2, 5.0, 0.0},
	{4.0, 0.7, 5.0, 3.5},
	{-1.5, 0.3, 5.0, 0.0},
	{0.0, 1e-3, 5.0, 8.25},
}

// rational returns the 203×5 matrix x_ij = ((7919 i + 104729 j) mod 1000)/7
// + 10⁵ j, with x_ij = 0 where ij ≡ 0 (mod 3) when holes is true; every
// value is a correctly rounded quotient, so Python builds the same bits.
func rational(holes bool) [][]float64 {
	rows := make([][]float64, 203)
	for i := range rows {
		rows[i] = make([]float64, 5)
		for j := range rows[i] {
			if holes && (i*j)%3 == 0 {
				continue
			}
			rows[i][j] = float64((i*7919+j*104729)%1000)/7.0 + float64(j)*1e5
		}
	}
	return rows
}

func TestFitStandardizerSklearn(t *testing.T) {
	// Python 3.11, scikit-learn 1.2.1, numpy 1.24.2:
	//   s = StandardScaler().fit(X); s.mean_, s.scale_, s.transform(X)[0]
	//   StandardScaler(with_mean=False).fit(csr_matrix(X)).scale_
	//   StandardScaler(with_mean=False).fit(S).transform(S).toarray()[2]
	// with X = small (and X = rational(false), rational(true) for the others).
	tests := []struct {
		name      string
		x         data.Matrix
		mean      []float64 // nil for sparse
		scale     []float64
		row       int
		rowValues []float64
	}{
		{
			name:      "dense small",
			x:         dense(t, small),
			mean:      parse(t, "1.1", "0.2602", "5.0", "1.95"),
			scale:     parse(t, "1.854723699099141", "0.24144597739453022", "1.0", "3.6138621999185303"),
			row:       0,
			rowValues: parse(t, "-0.05391638660171925", "-0.6635024601723979", "0.0", "-1.0930134525021589"),
		},
		{
			name:      "sparse small",
			x:         sparseOf(t, dense(t, small)),
			scale:     parse(t, "1.854723699099141", "0.24144597739453022", "1.0", "3.6138621999185303"),
			row:       2,
			rowValues: parse(t, "2.156655464068768", "2.899199264174024", "5.0", "0.9684929325968497"),
		},
		{
			name:  "dense large offsets",
			x:     dense(t, rational(false)),
			mean:  parse(t, "71.2575650950035", "100070.54468684025", "200069.83180858556", "300070.5263898662", "400071.22097114695"),
			scale: parse(t, "41.45175662013859", "40.802450175863655", "41.09177523218689", "41.71047988415409", "41.15120857237023"),
			row:   -1,
		},
		{
			name:  "sparse with zero columns",
			x:     sparseOf(t, dense(t, rational(true))),
			scale: parse(t, "1.0", "47231.77337292801", "94429.66089841811", "1.0", "188826.44341157118"),
			row:   -1,
		},
		{
			name:  "dense with zero columns",
			x:     dense(t, rational(true)),
			scale: parse(t, "1.0", "47231.77337292801", "94429.66089841814", "1.0", "188826.44341157092"),
			row:   -1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := FitStandardizer(tt.x)
			if err != nil {
				t.Fatal(err)
			}
			if tt.mean != nil && !numtest.SameBits(s.Mean, tt.mean) {
				t.Errorf("Mean = %v, want %v", s.Mean, tt.mean)
			}
			if _, isSparse := tt.x.(*data.CSR); isSparse && s.Mean != nil {
				t.Errorf("Mean = %v on sparse data, want nil", s.Mean)
			}
			if !numtest.SameBits(s.Scale, tt.scale) {
				t.Errorf("Scale = %v, want %v", s.Scale, tt.scale)
			}
			if tt.row < 0 {
				return
			}
			z, err := s.Transform(tt.x)
			if err != nil {
				t.Fatal(err)
			}
			if got := rowsOf(z)[tt.row]; !numtest.SameBits(got, tt.rowValues) {
				t.Errorf("Transform row %d = %v, want %v", tt.row, got, tt.rowValues)
			}
		})
	}
}

// TestStandardizerGolden checks every case of optima.json: fitting on the
// raw file reproduces the stored mean and scale (computed by numpy's mean
// and std), and transforming with the stored ones reproduces the design
// file bit for bit.
func TestStandardizerGolden(t *testing.T) {
	cases, err := golden.Optima()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.ID, func(t *testing.T) {
			rawPath, err := golden.Path(c.RawFile)
			if err != nil {
				t.Fatal(err)
			}
			designPath, err := golden.Path(c.DesignFile)
			if err != nil {
				t.Fatal(err)
			}
			raw, design := readCSV(t, rawPath), readCSV(t, designPath)
			switch c.Preprocessing.Kind {
			case "none":
				if !numtest.SameBits(raw.RawData(), design.RawData()) {
					t.Fatal("kind none but the raw and design files differ")
				}
				return
			case "standardize":
			default:
				t.Fatalf("unknown preprocessing kind %q", c.Preprocessing.Kind)
			}
			wantMean, wantScale := c.Preprocessing.Mean.Floats, c.Preprocessing.Scale.Floats
			s, err := FitStandardizer(raw)
			if err != nil {
				t.Fatal(err)
			}
			// numpy's x.std uses a plain two-pass variance, scikit-learn's
			// StandardScaler a corrected one: they agree to rounding.
			if msg := numtest.Mismatch(s.Mean, wantMean, 1e-12, 1e-15); msg != "" {
				t.Errorf("Mean: %s", msg)
			}
			if msg := numtest.Mismatch(s.Scale, wantScale, 1e-12, 1e-15); msg != "" {
				t.Errorf("Scale: %s", msg)
			}
			stored := &Standardizer{Mean: wantMean, Scale: wantScale}
			z, err := stored.Transform(raw)
			if err != nil {
				t.Fatal(err)
			}
			if got := z.(*data.Dense).RawData(); !numtest.SameBits(got, design.RawData()) {
				t.Errorf("Transform with the stored mean and scale: %s", numtest.Mismatch(got, design.RawData(), 0, 0))
			}
		})
	}
}

func TestStandardizerLayouts(t *testing.T) {
	x := dense(t, small)
	s, err := FitStandardizer(x)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := s.Transform(x)
	x32, err := data.ToFloat32(x)
	if err != nil {
		t.Fatal(err)
	}
	// Dense32 of these values is not exact, so compare with a
	// standardizer applied to the widened values.
	got, err := s.Transform(x32)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got.(*data.Dense); !ok {
		t.Errorf("Transform(Dense32) is %T, want *data.Dense", got)
	}
	if msg := numtest.Mismatch(got.(*data.Dense).RawData(), want.(*data.Dense).RawData(), 1e-6, 1e-6); msg != "" {
		t.Error(msg)
	}
	// The input is never modified.
	before := append([]float64(nil), x.RawData()...)
	if _, err := s.Transform(x); err != nil || !numtest.SameBits(before, x.RawData()) {
		t.Errorf("Transform modified its input (err %v)", err)
	}
	// A CSR keeps its sparsity pattern under a scale-only standardizer.
	sp := sparseOf(t, x)
	ss, _ := FitStandardizer(sp)
	z, err := ss.Transform(sp)
	if err != nil {
		t.Fatal(err)
	}
	zc, ok := z.(*data.CSR)
	if !ok || zc.NNZ() != sp.NNZ() {
		t.Errorf("Transform(CSR) = %T with %d entries, want *data.CSR with %d", z, zc.NNZ(), sp.NNZ())
	}
	// TransformDense in place gives the bits of Transform.
	buf := append([]float64(nil), x.RawData()...)
	if _, err := s.TransformDense(buf, buf, 5); err != nil || !numtest.SameBits(buf, want.(*data.Dense).RawData()) {
		t.Errorf("TransformDense in place = %v (err %v), want %v", buf, err, want.(*data.Dense).RawData())
	}
	if a := testing.AllocsPerRun(100, func() { _, _ = s.TransformDense(buf, x.RawData(), 5) }); a != 0 {
		t.Errorf("TransformDense allocates %v times, want 0", a)
	}
}

func TestStandardizerErrors(t *testing.T) {
	fitted := &Standardizer{Mean: []float64{0, 1}, Scale: []float64{1, 2}}
	scaleOnly := &Standardizer{Scale: []float64{1, 1e-300}}
	csr, _ := data.NewCSR(1, 2, []int{0, 1}, []int32{1}, []float64{1})
	big, _ := data.NewDense(1, 2, []float64{0, 1e300})
	tests := []struct {
		name string
		run  func() error
		want error
		msg  string
	}{
		{"no rows", func() error { _, err := FitStandardizer(dense(t, nil)); return err }, data.ErrShape,
			"preprocess: standardize: no rows to fit: shape mismatch"},
		{"width", func() error { _, err := fitted.Transform(dense(t, [][]float64{{1, 2, 3}})); return err }, data.ErrShape,
			"preprocess: standardize: X has 3 columns, want 2: shape mismatch"},
		{"sparse centering", func() error { _, err := fitted.Transform(csr); return err }, ErrSparseCenter, ""},
		{"overflow", func() error { _, err := scaleOnly.Transform(big); return err }, data.ErrNotFinite,
			"preprocess: standardize: X[0, 1] = 1e+300: the transformed value overflows float64"},
		{"overflow sparse", func() error { _, err := scaleOnly.Transform(data.ToCSR(big)); return err }, data.ErrNotFinite,
			"preprocess: standardize: X[0, 1] = 1e+300: the transformed value overflows float64"},
		{"overflow centered", func() error {
			_, err := (&Standardizer{Mean: []float64{-1e308}, Scale: []float64{1}}).TransformDense(nil, []float64{1e308}, 1)
			return err
		}, data.ErrNotFinite, "preprocess: standardize: X[0, 0] = 1e+308: the transformed value overflows float64"},
		{"infinite input", func() error {
			_, err := scaleOnly.TransformDense(nil, []float64{0, math.Inf(1)}, 1)
			return err
		}, data.ErrNotFinite, "preprocess: standardize: X[0, 1] = +Inf: value is not finite"},
		{"dense NaN", func() error {
			_, err := fitted.TransformDense(nil, []float64{0, 1, 2, math.NaN()}, 2)
			return err
		}, data.ErrNotFinite, "preprocess: standardize: X[1, 1] = NaN: value is not finite"},
		{"dense src length", func() error { _, err := fitted.TransformDense(nil, []float64{0, 1, 2}, 2); return err }, data.ErrShape, ""},
		{"dense dst length", func() error {
			_, err := fitted.TransformDense(make([]float64, 3), []float64{0, 1, 2, 3}, 2)
			return err
		}, data.ErrShape, ""},
		{"validate zero scale", func() error { return (&Standardizer{Scale: []float64{1, 0}}).Validate() }, ErrInvalid,
			"preprocess: standardize: scale[1] = 0: want a finite positive scale: invalid parameters"},
		{"validate NaN mean", func() error { return (&Standardizer{Mean: []float64{math.NaN()}, Scale: []float64{1}}).Validate() }, ErrInvalid, ""},
		{"validate lengths", func() error { return (&Standardizer{Mean: []float64{0}, Scale: []float64{1, 1}}).Validate() }, ErrInvalid, ""},
		{"validate empty", func() error { return (&Standardizer{}).Validate() }, ErrInvalid, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if tt.msg != "" && err.Error() != tt.msg {
				t.Errorf("error %q, want %q", err, tt.msg)
			}
		})
	}
}

// TestStandardizerExtremeColumns: columns whose sums of squares overflow or
// underflow are standardized, not left unscaled as constant.
func TestStandardizerExtremeColumns(t *testing.T) {
	// Columns k·a for k = 1..4 have mean 2.5a and population std √1.25·a.
	col := func(a float64) []float64 { return []float64{a, 2 * a, 3 * a, 4 * a} }
	tests := []struct {
		name      string
		col       []float64
		mean, std float64
	}{
		{"1e200", col(1e200), 2.5e200, math.Sqrt(1.25) * 1e200},
		{"-1e300", col(-1e300), -2.5e300, math.Sqrt(1.25) * 1e300},
		{"1e-200", col(1e-200), 2.5e-200, math.Sqrt(1.25) * 1e-200},
		{"subnormal", col(1e-320), 2.5e-320, math.Sqrt(1.25) * 1e-320},
		{"±1e308", []float64{1e308, -1e308, 1e308, -1e308}, 0, 1e308},
		{"max", []float64{math.MaxFloat64, -math.MaxFloat64, 0, 0}, 0, math.MaxFloat64 / math.Sqrt2},
		{"constant 1.7e308", []float64{1.7e308, 1.7e308, 1.7e308, 1.7e308}, 1.7e308, 1},
		{"plain", col(1), 2.5, math.Sqrt(1.25)},
	}
	for _, tt := range tests {
		for _, sparse := range []bool{false, true} {
			name := tt.name
			if sparse {
				name += "/sparse"
			}
			t.Run(name, func(t *testing.T) {
				rows := make([][]float64, len(tt.col))
				for i, v := range tt.col {
					rows[i] = []float64{v, float64(i)}
				}
				var x data.Matrix = dense(t, rows)
				if sparse {
					x = sparseOf(t, x.(*data.Dense))
				}
				s, err := FitStandardizer(x)
				if err != nil {
					t.Fatal(err)
				}
				if !numtest.Close(s.Scale[0], tt.std, 1e-15, 0) {
					t.Errorf("Scale[0] = %v, want %v", s.Scale[0], tt.std)
				}
				if !sparse && !numtest.Close(s.Mean[0], tt.mean, 1e-15, 0) {
					t.Errorf("Mean[0] = %v, want %v", s.Mean[0], tt.mean)
				}
				if sparse {
					s.Mean = nil
				}
				z, err := s.Transform(dense(t, rows))
				if err != nil {
					t.Fatal(err)
				}
				for i, row := range rowsOf(z) {
					m := tt.mean
					if sparse {
						m = 0
					}
					if want := tt.col[i]/tt.std - m/tt.std; !numtest.Close(row[0], want, 1e-14, 1e-300) {
						t.Errorf("Transform row %d = %v, want %v", i, row[0], want)
					}
				}
			})
		}
	}
}

func ExampleFitStandardizer() {
	x, _ := data.NewDense(3, 2, []float64{
		1, 10,
		2, 10,
		3, 10,
	})
	s, _ := FitStandardizer(x)
	fmt.Println("mean", s.Mean, "scale", s.Scale)
	z, _ := s.Transform(x)
	fmt.Printf("%.4f\n", z.(*data.Dense).RawData())
	// Output:
	// mean [2 10] scale [0.816496580927726 1]
	// [-1.2247 0.0000 0.0000 0.0000 1.2247 0.0000]
}
