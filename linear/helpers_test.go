package linear

import (
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/internal/golden"
)

// loadDesign reads a golden design CSV (a header, the label first, then the
// features) and returns the matrix and the class index of each row under
// classes (the sorted class labels; nil means the sorted distinct labels).
func loadDesign(t testing.TB, name string, classes []int) (*data.Dense, []int) {
	t.Helper()
	path, err := golden.Path(name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows, cols := len(recs)-1, len(recs[0])-1
	x := make([]float64, 0, rows*cols)
	labels := make([]int, 0, rows)
	for i, rec := range recs[1:] {
		v, err := strconv.ParseFloat(rec[0], 64)
		if err != nil || v != math.Trunc(v) {
			t.Fatalf("%s line %d: label %q is not an integer", name, i+2, rec[0])
		}
		labels = append(labels, int(v))
		for _, s := range rec[1:] {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("%s line %d: %v", name, i+2, err)
			}
			x = append(x, v)
		}
	}
	if classes == nil {
		classes = slices.Clone(labels)
		slices.Sort(classes)
		classes = slices.Compact(classes)
	}
	y := make([]int, rows)
	for i, l := range labels {
		k := slices.Index(classes, l)
		if k < 0 {
			t.Fatalf("%s line %d: label %d not among the classes %v", name, i+2, l, classes)
		}
		y[i] = k
	}
	m, err := data.NewDense(rows, cols, x)
	if err != nil {
		t.Fatal(err)
	}
	return m, y
}

// synthetic returns a seeded n×p problem with k classes whose labels follow
// a noisy linear rule, positive sample weights, and features that are
// multiples of 1/8 (so that float32 storage is exact), a fraction of them
// zero (so that sparse storage is meaningful).
func synthetic(n, p, k int, seed uint64) (*data.Dense, []int, []float64) {
	rng := rand.New(rand.NewPCG(seed, 7))
	x := make([]float64, n*p)
	for i := range x {
		if rng.Float64() < 0.3 {
			continue
		}
		x[i] = math.Round(8*rng.NormFloat64()) / 8
	}
	w := make([]float64, k*p)
	for i := range w {
		w[i] = rng.NormFloat64()
	}
	y := make([]int, n)
	sw := make([]float64, n)
	for i := range y {
		best, bv := 0, math.Inf(-1)
		for c := 0; c < k; c++ {
			v := 2 * rng.NormFloat64()
			for j := 0; j < p; j++ {
				v += w[c*p+j] * x[i*p+j]
			}
			if v > bv {
				best, bv = c, v
			}
		}
		y[i] = best
		sw[i] = 0.5 + rng.Float64()
	}
	m, _ := data.NewDense(n, p, x)
	return m, y, sw
}

// layouts returns x as Dense, Dense32, CSR and CSR32.
func layouts(t testing.TB, x *data.Dense) []struct {
	name string
	x    data.Matrix
} {
	t.Helper()
	d32, err := data.ToFloat32(x)
	if err != nil {
		t.Fatal(err)
	}
	csr := data.ToCSR(x)
	c32, err := data.ToFloat32(csr)
	if err != nil {
		t.Fatal(err)
	}
	return []struct {
		name string
		x    data.Matrix
	}{{"Dense", x}, {"Dense32", d32}, {"CSR", csr}, {"CSR32", c32}}
}

// relDiff returns ‖a − b‖∞ / max(‖b‖∞, tiny).
func relDiff(a, b []float64) float64 {
	var d, m float64
	for i := range a {
		d = math.Max(d, math.Abs(a[i]-b[i]))
		m = math.Max(m, math.Abs(b[i]))
	}
	return d / math.Max(m, 1e-300)
}

// sliceRows returns the first rows of x as a view.
func sliceRows(x data.Matrix, rows int) (data.Matrix, error) { return data.Slice(x, 0, rows) }

// eachLayoutRule runs f under Fit's layout rule (trainingLayout) and with
// the caller's layout kept, so that the sparse kernels stay tested on test
// data dense enough for the rule to copy them.
func eachLayoutRule(t *testing.T, f func(t *testing.T)) {
	for _, keep := range []bool{false, true} {
		t.Run(fmt.Sprintf("keepLayout=%v", keep), func(t *testing.T) {
			defer func(old bool) { keepLayout = old }(keepLayout)
			keepLayout = keep
			f(t)
		})
	}
}
