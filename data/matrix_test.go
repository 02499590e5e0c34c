package data

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/xent-ml/xent/internal/numtest"
)

// randomDense returns an n×c row-major matrix with about half zeros.
func randomDense(r *rand.Rand, n, c int) []float64 {
	x := make([]float64, n*c)
	for i := range x {
		if r.IntN(2) == 0 {
			x[i] = r.NormFloat64()
		}
	}
	return x
}

func toCSRParts(x []float64, n, c int) ([]int, []int32, []float64) {
	ptr := make([]int, n+1)
	var ind []int32
	var val []float64
	for i := 0; i < n; i++ {
		for j := 0; j < c; j++ {
			if v := x[i*c+j]; v != 0 {
				ind = append(ind, int32(j))
				val = append(val, v)
			}
		}
		ptr[i+1] = len(ind)
	}
	return ptr, ind, val
}

func round32(x []float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = float64(float32(v))
	}
	return out
}

type layout struct {
	name string
	m    Matrix
	ref  []float64 // the matrix as the kernels see it, n×c
}

// layouts returns the same n×c matrix in every layout, plus views.
func layouts(t *testing.T, x []float64, n, c int) []layout {
	t.Helper()
	d, err := NewDense(n, c, x)
	if err != nil {
		t.Fatal(err)
	}
	x32 := make([]float32, len(x))
	for i, v := range x {
		x32[i] = float32(v)
	}
	d32, err := NewDense32(n, c, x32)
	if err != nil {
		t.Fatal(err)
	}
	ptr, ind, val := toCSRParts(x, n, c)
	s, err := NewCSR(n, c, ptr, ind, val)
	if err != nil {
		t.Fatal(err)
	}
	val32 := make([]float32, len(val))
	for i, v := range val {
		val32[i] = float32(v)
	}
	s32, err := NewCSR32(n, c, ptr, ind, val32)
	if err != nil {
		t.Fatal(err)
	}
	r := round32(x)
	out := []layout{{"Dense", d, x}, {"Dense32", d32, r}, {"CSR", s, x}, {"CSR32", s32, r}}
	// A view of rows [1, n) of a matrix with one extra leading row.
	pad := append(make([]float64, c), x...)
	for i := range c {
		pad[i] = float64(i + 1)
	}
	for _, l := range []layout{{"Dense", must(NewDense(n+1, c, pad)), x}, {"CSR", ToCSR(must(NewDense(n+1, c, pad))), x}} {
		v, err := Slice(l.m, 1, n+1)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, layout{"Slice/" + l.name, v, l.ref})
	}
	v, err := Slice(&rowView{m: must(NewDense(n+1, c, pad)), off: 0, rows: n + 1}, 1, n+1)
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, layout{"Slice/view", v, x})
	return out
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestKernels(t *testing.T) {
	for _, c := range []int{0, 1, 13, 70, 700, 2100} {
		for _, k := range []int{3, 4, 10} { // the multi-class kernels go four classes at a time
			t.Run(fmt.Sprint("cols=", c, "/k=", k), func(t *testing.T) { testKernels(t, 37, c, k) })
		}
	}
}

func testKernels(t *testing.T, n, c, k int) {
	r := rand.New(rand.NewPCG(1, uint64(c)))
	x := randomDense(r, n, c)
	w := randomDense(r, 1, c*k)
	res := randomDense(r, n, k)
	for _, l := range layouts(t, x, n, c) {
		for _, rg := range [][2]int{{0, n}, {5, 17}, {36, 37}, {4, 4}} {
			lo, hi := rg[0], rg[1]
			m := hi - lo
			// Reference by naive loops.
			mv := make([]float64, m)
			mm := make([]float64, m*k)
			g := make([]float64, c)
			G := make([]float64, k*c)
			for i := lo; i < hi; i++ {
				for f := 0; f < c; f++ {
					xv := l.ref[i*c+f]
					mv[i-lo] += xv * w[f]
					g[f] += res[i*k] * xv
					for j := 0; j < k; j++ {
						mm[(i-lo)*k+j] += xv * w[j*c+f]
						G[j*c+f] += res[i*k+j] * xv
					}
				}
			}
			r1 := make([]float64, m)
			for i := range r1 {
				r1[i] = res[(lo+i)*k]
			}
			gotMV := make([]float64, m)
			for i := range gotMV {
				gotMV[i] = math.NaN() // must be overwritten
			}
			l.m.MulVec(gotMV, w[:c], lo, hi)
			gotMM := make([]float64, m*k)
			for i := range gotMM {
				gotMM[i] = math.NaN() // must be overwritten
			}
			l.m.MulMat(gotMM, w, k, lo, hi)
			gotG := make([]float64, c)
			l.m.AddTransVec(gotG, r1, lo, hi)
			gotGM := make([]float64, k*c)
			l.m.AddTransMat(gotGM, res[lo*k:hi*k], k, lo, hi)
			gotD := make([]float64, m*c)
			for i := range gotD {
				gotD[i] = math.NaN()
			}
			l.m.DenseRows(gotD, lo, hi)
			for _, chk := range []struct {
				name      string
				got, want []float64
			}{
				{"MulVec", gotMV, mv}, {"MulMat", gotMM, mm}, {"AddTransVec", gotG, g},
				{"AddTransMat", gotGM, G}, {"DenseRows", gotD, l.ref[lo*c : hi*c]},
			} {
				if s := numtest.Mismatch(chk.got, chk.want, 1e-13, 1e-13); s != "" {
					t.Errorf("%s.%s(rows %d:%d): %s", l.name, chk.name, lo, hi, s)
				}
			}
		}
	}
}

func TestRowsAndConversions(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const n, c = 9, 5
	x := randomDense(r, n, c)
	idx := []int{8, 0, 3, 3}
	want := make([]float64, 0, len(idx)*c)
	for _, i := range idx {
		want = append(want, x[i*c:(i+1)*c]...)
	}
	for _, l := range layouts(t, x, n, c) {
		g, err := Rows(l.m, idx)
		if err != nil {
			t.Fatal(err)
		}
		if rows, cols := g.Dims(); rows != len(idx) || cols != c {
			t.Fatalf("Rows(%s) dims %d×%d", l.name, rows, cols)
		}
		w := want
		if strings.HasSuffix(l.name, "32") {
			w = round32(want)
		}
		if got := ToDense(g).RawData(); !slices.Equal(got, w) {
			t.Errorf("Rows(%s) = %v, want %v", l.name, got, w)
		}
		if got := ToDense(ToCSR(g)).RawData(); !slices.Equal(got, w) {
			t.Errorf("ToCSR(Rows(%s)) = %v, want %v", l.name, got, w)
		}
		f, err := ToFloat32(l.m)
		if err != nil {
			t.Fatal(err)
		}
		if got := ToDense(f).RawData(); !slices.Equal(got, round32(l.ref)) {
			t.Errorf("ToFloat32(%s) = %v, want %v", l.name, got, round32(l.ref))
		}
		if _, err := Rows(l.m, []int{0, n}); !errors.Is(err, ErrIndex) || !strings.Contains(err.Error(), "idx[1] = 9") {
			t.Errorf("Rows(%s, out of range) = %v", l.name, err)
		}
	}
	if _, err := ToFloat32(must(NewDense(1, 2, []float64{0, 1e300}))); !errors.Is(err, ErrNotFinite) ||
		!strings.Contains(err.Error(), "X[0, 1]") {
		t.Errorf("ToFloat32(1e300) = %v", err)
	}
	if _, err := Slice(must(NewDense(2, 1, nil)), 1, 3); !errors.Is(err, ErrIndex) {
		t.Errorf("Slice out of range = %v", err)
	}
}

func TestRowsCopies(t *testing.T) {
	d := must(NewDense(2, 2, []float64{1, 2, 3, 4}))
	g, _ := Rows(d, []int{1})
	d.RawData()[2] = 9
	if v := g.(*Dense).At(0, 0); v != 3 {
		t.Fatalf("Rows shares storage: got %v, want 3", v)
	}
	s, _ := Slice(d, 1, 2)
	if v := s.(*Dense).At(0, 0); v != 9 {
		t.Fatalf("Slice copies: got %v, want 9", v)
	}
}

func TestNewCSRErrors(t *testing.T) {
	tests := []struct {
		name    string
		rows    int
		cols    int
		indptr  []int
		indices []int32
		values  []float64
		want    error
		text    string
	}{
		{"indptr len", 2, 3, []int{0, 1}, []int32{0}, []float64{1}, ErrShape, "len(indptr) = 2"},
		{"indptr start", 1, 3, []int{1, 1}, nil, nil, ErrShape, "indptr[0] = 1"},
		{"decreasing", 2, 3, []int{0, 2, 1}, []int32{0, 1}, []float64{1, 1}, ErrShape, "indptr[2] = 1"},
		{"nnz", 1, 3, []int{0, 2}, []int32{0, 1}, []float64{1}, ErrShape, "len(values) = 1"},
		{"range", 2, 3, []int{0, 1, 2}, []int32{0, 3}, []float64{1, 1}, ErrIndex, "indices[1, 0] = 3"},
		{"negative", 1, 3, []int{0, 1}, []int32{-1}, []float64{1}, ErrIndex, "indices[0, 0] = -1"},
		{"unsorted", 1, 3, []int{0, 2}, []int32{2, 1}, []float64{1, 1}, ErrUnsorted, "indices[0, 1] = 1"},
		{"duplicate", 1, 3, []int{0, 2}, []int32{1, 1}, []float64{1, 1}, ErrUnsorted, "indices[0, 1] = 1"},
		{"nan", 2, 3, []int{0, 0, 1}, []int32{2}, []float64{math.NaN()}, ErrNotFinite, "X[1, 2] = NaN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewCSR(tt.rows, tt.cols, tt.indptr, tt.indices, tt.values)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.text) {
				t.Fatalf("NewCSR = %v, want %v containing %q", err, tt.want, tt.text)
			}
			v32 := make([]float32, len(tt.values))
			for i, v := range tt.values {
				v32[i] = float32(v)
			}
			_, err = NewCSR32(tt.rows, tt.cols, tt.indptr, tt.indices, v32)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.text) {
				t.Fatalf("NewCSR32 = %v, want %v containing %q", err, tt.want, tt.text)
			}
		})
	}
}

func TestKernelsAllocateNothing(t *testing.T) {
	for _, c := range []int{7, 100} {
		testAllocs(t, 20, c, 2)
	}
}

func testAllocs(t *testing.T, n, c, k int) {
	r := rand.New(rand.NewPCG(5, 6))
	x := randomDense(r, n, c)
	w := make([]float64, k*c)
	dst := make([]float64, n*c)
	for _, l := range layouts(t, x, n, c) {
		allocs := testing.AllocsPerRun(10, func() {
			l.m.MulVec(dst, w, 0, n)
			l.m.MulMat(dst, w, k, 0, n)
			l.m.AddTransVec(w, dst, 0, n)
			l.m.AddTransMat(w, dst, k, 0, n)
			l.m.DenseRows(dst, 0, n)
		})
		if allocs != 0 {
			t.Errorf("%s kernels: %v allocations, want 0", l.name, allocs)
		}
	}
}

// TestCSRGramVec checks CSR.GramVec against MulVec then AddTransVec, on
// rows with no, few and many stored entries (around sparseDot's step).
func TestCSRGramVec(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	const n, c = 30, 50
	x := make([]float64, n*c)
	for i := range n {
		nnz := i % 11 // 0…10 entries, then a dense row
		if i == n-1 {
			nnz = c
		}
		for _, j := range rng.Perm(c)[:nnz] {
			x[i*c+j] = rng.NormFloat64()
		}
	}
	m := ToCSR(must(NewDense(n, c, x)))
	w, h := make([]float64, c), make([]float64, n)
	for j := range w {
		w[j] = rng.NormFloat64()
	}
	for i := range h {
		h[i] = rng.Float64()
	}
	const b = 0.375
	for _, r := range [][2]int{{0, 0}, {0, 1}, {3, 4}, {2, 17}, {0, n}} {
		lo, hi := r[0], r[1]
		g := make([]float64, c)
		g[1] = 2 // GramVec adds to g
		sum := m.GramVec(w, g, h[lo:hi], b, lo, hi)
		z := make([]float64, hi-lo)
		m.MulVec(z, w, lo, hi)
		var wantSum float64
		for i := range z {
			z[i] = h[lo+i] * (z[i] + b)
			wantSum += z[i]
		}
		want := make([]float64, c)
		want[1] = 2
		m.AddTransVec(want, z, lo, hi)
		if !numtest.Close(sum, wantSum, 1e-13, 1e-13) {
			t.Errorf("[%d,%d): sum = %v, want %v", lo, hi, sum, wantSum)
		}
		for j := range g {
			if !numtest.Close(g[j], want[j], 1e-13, 1e-13) {
				t.Fatalf("[%d,%d): g[%d] = %v, want %v", lo, hi, j, g[j], want[j])
			}
		}
	}
}

// TestMulMatPanels checks Dense.MulMatPanels against MulMat for class
// counts around the panels' twelve (padded from eight), widths below and
// above the vector kernels' threshold, and row ranges that are not
// multiples of the kernel's four rows.
func TestMulMatPanels(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for _, k := range []int{3, 7, 8, 10, 12, 13, 20, 26} {
		for _, c := range []int{5, 64, 101} {
			const n = 23
			x := make([]float64, n*c)
			for i := range x {
				x[i] = rng.NormFloat64()
			}
			m := must(NewDense(n, c, x))
			W := make([]float64, k*c)
			for i := range W {
				W[i] = rng.NormFloat64()
			}
			var p Panels
			p.Pack(W, k, c)
			for _, r := range [][2]int{{0, n}, {1, 6}, {3, 3}, {5, 22}} {
				lo, hi := r[0], r[1]
				got := make([]float64, (hi-lo)*k)
				want := make([]float64, (hi-lo)*k)
				m.MulMatPanels(got, &p, lo, hi)
				m.MulMat(want, W, k, lo, hi)
				for i := range got {
					if !numtest.Close(got[i], want[i], 1e-13, 1e-13) {
						t.Fatalf("k=%d c=%d [%d,%d): score %d = %v, want %v", k, c, lo, hi, i, got[i], want[i])
					}
				}
			}
		}
	}
}
