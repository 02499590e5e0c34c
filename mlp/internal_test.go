package mlp

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/internal/numtest"
)

func testData(t testing.TB, n, p, k int, seed uint64) *data.Dataset {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 3))
	x := make([]float64, n*p)
	for i := range x {
		x[i] = 2*r.Float64() - 1
	}
	y := make([]int, n)
	for i := range y {
		y[i] = i % k
	}
	d, err := data.NewDense(n, p, x)
	if err != nil {
		t.Fatal(err)
	}
	return &data.Dataset{X: d, Y: y}
}

// TestDropoutGradient checks the mini-batch gradient with dropout against
// central differences, drawing the same masks for every evaluation.
func TestDropoutGradient(t *testing.T) {
	for _, act := range []Activation{ReLU, Tanh, Sigmoid} {
		t.Run(act.String(), func(t *testing.T) {
			d := testData(t, 12, 4, 3, 1)
			cfg := Classifier{HiddenSizes: []int{6, 5}, Activation: act, Dropout: 0.4, Alpha: 0.2, Seed: 7}
			obj, err := cfg.Objective(d)
			if err != nil {
				t.Fatal(err)
			}
			idx := []int{3, 1, 4, 10, 5, 9}
			f := func(g, x []float64) float64 {
				obj.dropRNG.Seed(7, streamDropout)
				return obj.BatchValueGrad(g, x, idx)
			}
			x := obj.InitialParams(nil)
			g := make([]float64, len(x))
			f(g, x)
			want := numtest.CentralDiff(func(x []float64) float64 { return f(nil, x) }, x, 1e-6)
			if msg := numtest.Mismatch(g, want, 1e-6, 1e-8); msg != "" {
				t.Errorf("gradient%s", msg)
			}
			// About 40% of the hidden outputs of the last pass are zero.
			zeros, total := 0, 0
			for _, v := range obj.ws.d[1][:len(idx)*6] {
				total++
				if v == 0 {
					zeros++
				}
			}
			if act != ReLU && (zeros < total/6 || zeros > total*2/3) {
				t.Errorf("%d of %d units dropped at rate 0.4", zeros, total)
			}
		})
	}
}

// TestBatchAllocs: a mini-batch evaluation allocates nothing once the
// objective exists (GOMAXPROCS 1; above, only the goroutines of large
// products allocate).
func TestBatchAllocs(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	d := testData(t, 500, 40, 4, 2)
	obj, err := Classifier{HiddenSizes: []int{32, 16}, Dropout: 0.1, Alpha: 1e-4}.Objective(d)
	if err != nil {
		t.Fatal(err)
	}
	x := obj.InitialParams(nil)
	g := make([]float64, len(x))
	idx := make([]int, 300) // two chunks
	for i := range idx {
		idx[i] = (i * 7) % 500
	}
	if a := testing.AllocsPerRun(10, func() { obj.BatchValueGrad(g, x, idx) }); a != 0 {
		t.Errorf("BatchValueGrad allocates %v times per call", a)
	}
	if a := testing.AllocsPerRun(3, func() { obj.ValueGrad(g, x) }); a != 0 {
		t.Errorf("ValueGrad allocates %v times per call", a)
	}
}

// TestGemm compares the tiled products with a naive triple loop in every
// transpose combination, on shapes that cross the tile edges, serially and
// on goroutines (same bits).
func TestGemm(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	fill := func(n int) []float64 {
		s := make([]float64, n)
		for i := range s {
			s[i] = r.NormFloat64()
		}
		return s
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	for _, sh := range [][3]int{{1, 1, 1}, {130, 200, 40}, {65, 193, 7}, {200, 10, 300}} {
		m, n, k := sh[0], sh[1], sh[2]
		for _, tA := range []bool{false, true} {
			for _, tB := range []bool{false, true} {
				a, b := fill(m*k), fill(k*n)
				lda, ldb := k, n
				if tA {
					lda = m
				}
				if tB {
					ldb = k
				}
				at := func(i, l int) float64 {
					if tA {
						return a[l*lda+i]
					}
					return a[i*lda+l]
				}
				bt := func(l, j int) float64 {
					if tB {
						return b[j*ldb+l]
					}
					return b[l*ldb+j]
				}
				c0 := fill(m * n)
				par := append([]float64(nil), c0...)
				ser := append([]float64(nil), c0...)
				newGemmJob().gemm(tA, tB, m, n, k, a, lda, b, ldb, 0.5, par, n)
				j := newGemmJob()
				j.serialAlone = true
				j.gemm(tA, tB, m, n, k, a, lda, b, ldb, 0.5, ser, n)
				for i := range m {
					for jj := range n {
						var s float64
						for l := range k {
							s += at(i, l) * bt(l, jj)
						}
						want := s + 0.5*c0[i*n+jj]
						if got := par[i*n+jj]; math.Abs(got-want) > 1e-12*(1+math.Abs(want)) {
							t.Fatalf("%v tA=%v tB=%v: C[%d,%d] = %v, want %v", sh, tA, tB, i, jj, got, want)
						}
						if math.Float64bits(par[i*n+jj]) != math.Float64bits(ser[i*n+jj]) {
							t.Fatalf("%v tA=%v tB=%v: C[%d,%d] parallel %v, serial %v", sh, tA, tB, i, jj, par[i*n+jj], ser[i*n+jj])
						}
					}
				}
			}
		}
	}
}
