package parallel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync/atomic"
	"testing"
)

// values returns n numbers spanning many magnitudes, so that the order of
// summation changes the rounded sum.
func values(n int) []float64 {
	r := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, n)
	for i := range x {
		x[i] = r.NormFloat64() * math.Pow(10, float64(r.IntN(30)-15))
	}
	return x
}

// blockSum is the reference: per block, a sequential sum into acc, then
// the partials added in block order, as Reduce documents.
func blockSum(x []float64, dim, blockRows int) []float64 {
	n := len(x) / dim
	var out []float64
	for lo := 0; lo < n; lo += blockRows {
		acc := make([]float64, dim)
		for i := lo; i < min(lo+blockRows, n); i++ {
			for j := range acc {
				acc[j] += x[i*dim+j]
			}
		}
		if out == nil {
			out = acc
			continue
		}
		for j := range out {
			out[j] += acc[j]
		}
	}
	if out == nil {
		out = make([]float64, dim)
	}
	return out
}

func sumRows(x []float64, dim int) func(lo, hi int, acc []float64) {
	return func(lo, hi int, acc []float64) {
		for i := lo; i < hi; i++ {
			for j := range acc {
				acc[j] += x[i*dim+j]
			}
		}
	}
}

func TestReduceSameBitsAnyGOMAXPROCS(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	tests := []struct {
		name            string
		n, dim, blockRs int
	}{
		{"many blocks", 10007, 3, 97},
		{"one block", 50, 4, 64},
		{"block of one row", 33, 2, 1},
		{"empty", 0, 3, 10},
		{"wide combine", 300, 5000, 10}, // (30-1)·5000 > combineParallel
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := values(tt.n * tt.dim)
			want := blockSum(x, tt.dim, tt.blockRs)
			var ws Workspace
			for _, procs := range []int{1, 2, 8} {
				runtime.GOMAXPROCS(procs)
				out := make([]float64, tt.dim)
				for j := range out {
					out[j] = math.NaN() // Reduce must overwrite
				}
				ws.Reduce(out, tt.n, tt.blockRs, sumRows(x, tt.dim))
				for j := range out {
					if math.Float64bits(out[j]) != math.Float64bits(want[j]) {
						t.Fatalf("GOMAXPROCS=%d: out[%d] = %v, want %v (same bits)", procs, j, out[j], want[j])
					}
				}
			}
		})
	}
}

func TestReduceCorrectSum(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	const n = 1000
	out := make([]float64, 2)
	var ws *Workspace // nil allocates
	ws.Reduce(out, n, BlockRows(n, 1), func(lo, hi int, acc []float64) {
		for i := lo; i < hi; i++ {
			acc[0] += float64(i)
			acc[1]++
		}
	})
	if out[0] != n*(n-1)/2 || out[1] != n {
		t.Fatalf("Reduce = %v, want [%d %d]", out, n*(n-1)/2, n)
	}
}

func TestReduceScratch(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	x := values(4000)
	for _, procs := range []int{1, 3} {
		runtime.GOMAXPROCS(procs)
		var ws Workspace
		out := make([]float64, 1)
		ws.ReduceScratch(out, len(x), 100, 100, func(lo, hi int, acc, scratch []float64) {
			if len(scratch) != 100 {
				panic("scratch length")
			}
			s := scratch[:hi-lo]
			copy(s, x[lo:hi])
			for _, v := range s {
				acc[0] += v
			}
		})
		if want := blockSum(x, 1, 100); out[0] != want[0] {
			t.Fatalf("GOMAXPROCS=%d: ReduceScratch = %v, want %v", procs, out[0], want[0])
		}
	}
}

func TestForCoversEachRowOnce(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 8} {
		runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 99, 1000} {
			hits := make([]atomic.Int32, n)
			For(n, 7, func(lo, hi int) {
				if hi-lo > 7 || lo%7 != 0 {
					panic(fmt.Sprintf("block [%d, %d)", lo, hi))
				}
				for i := lo; i < hi; i++ {
					hits[i].Add(1)
				}
			})
			for i := range hits {
				if h := hits[i].Load(); h != 1 {
					t.Fatalf("GOMAXPROCS=%d n=%d: row %d visited %d times", procs, n, i, h)
				}
			}
		}
	}
}

func TestPanicPropagates(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	defer func() {
		if r := recover(); r != "boom" {
			t.Fatalf("recovered %v, want boom", r)
		}
	}()
	For(100, 1, func(lo, hi int) {
		if lo == 57 {
			panic("boom")
		}
	})
	t.Fatal("For did not panic")
}

func TestBlockRows(t *testing.T) {
	tests := []struct{ n, cols, want int }{
		{0, 10, 1},
		{569, 30, 569},      // small data: one block
		{60000, 784, 938},   // ⌈60000/64⌉: 64 blocks
		{100000, 100, 1563}, // ⌈100000/64⌉
		{10000, 1, 10000},   // 32768 elements wanted, n rows available
		{1 << 20, 0, 32768}, // cols 0 treated as 1
	}
	for _, tt := range tests {
		if got := BlockRows(tt.n, tt.cols); got != tt.want {
			t.Errorf("BlockRows(%d, %d) = %d, want %d", tt.n, tt.cols, got, tt.want)
		}
	}
}

func TestReduceAllocatesNothingSequential(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	x := values(1000)
	out := make([]float64, 1)
	var ws Workspace
	fn := sumRows(x, 1)
	ws.Reduce(out, 1000, 10, fn)
	if a := testing.AllocsPerRun(20, func() { ws.Reduce(out, 1000, 10, fn) }); a != 0 {
		t.Errorf("Reduce allocates %v times, want 0", a)
	}
	fnFor := func(lo, hi int) {}
	if a := testing.AllocsPerRun(20, func() { For(1000, 10, fnFor) }); a != 0 {
		t.Errorf("For allocates %v times, want 0", a)
	}
}

func FuzzReduce(f *testing.F) {
	f.Add(uint16(100), uint8(7), uint8(3), uint8(2))
	f.Add(uint16(0), uint8(1), uint8(1), uint8(1))
	f.Fuzz(func(t *testing.T, n uint16, blockRows, dim, procs uint8) {
		if blockRows == 0 || dim == 0 || n > 5000 {
			return
		}
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(int(procs%8) + 1))
		x := values(int(n) * int(dim))
		want := blockSum(x, int(dim), int(blockRows))
		out := make([]float64, dim)
		new(Workspace).Reduce(out, int(n), int(blockRows), sumRows(x, int(dim)))
		for j := range out {
			if math.Float64bits(out[j]) != math.Float64bits(want[j]) {
				t.Fatalf("out[%d] = %v, want %v", j, out[j], want[j])
			}
		}
	})
}

func ExampleWorkspace_Reduce() {
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10} // 5 rows × 2 columns
	var ws Workspace
	colSums := make([]float64, 2)
	ws.Reduce(colSums, 5, 2, func(lo, hi int, acc []float64) {
		for i := lo; i < hi; i++ {
			acc[0] += x[2*i]
			acc[1] += x[2*i+1]
		}
	})
	fmt.Println(colSums)
	// Output: [25 30]
}
