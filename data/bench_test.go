package data

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats"

	"github.com/xent-ml/xent/internal/vec"
)

// benchShape is the kernel benchmark's matrix: 100k samples × 100 features.
const benchRows, benchCols = 100_000, 100

var sink float64

// BenchmarkKernels measures one fused gradient pass, MulVec then
// AddTransVec over all rows, per layout, in bytes of matrix data read per
// second; "MemRead" is a plain summation loop over a float64 array of the
// Dense matrix's size, the memory bandwidth the kernels can hope for.
func BenchmarkKernels(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	x := make([]float64, benchRows*benchCols)
	for i := range x {
		x[i] = r.NormFloat64()
	}
	// CSR at about 10% density.
	xs := make([]float64, len(x))
	for i := range xs {
		if r.IntN(10) == 0 {
			xs[i] = x[i]
		}
	}
	d := must(NewDense(benchRows, benchCols, x))
	d32 := must(ToFloat32(d))
	s := ToCSR(must(NewDense(benchRows, benchCols, xs)))
	s32 := must(ToFloat32(s))
	nnz := s.NNZ()
	w := make([]float64, benchCols)
	for i := range w {
		w[i] = r.NormFloat64()
	}
	z := make([]float64, benchRows)
	g := make([]float64, benchCols)
	const block = 1024 // rows per fused block, so the second read hits the cache
	for _, bm := range []struct {
		name  string
		m     Matrix
		bytes int64
	}{
		{"Dense", d, int64(8 * len(x))},
		{"Dense32", d32, int64(4 * len(x))},
		{"CSR10%", s, int64(12*nnz + 8*benchRows)},
		{"CSR32_10%", s32, int64(8*nnz + 8*benchRows)},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(bm.bytes)
			b.ReportAllocs()
			for b.Loop() {
				for lo := 0; lo < benchRows; lo += block {
					hi := min(lo+block, benchRows)
					bm.m.MulVec(z[lo:hi], w, lo, hi)
					bm.m.AddTransVec(g, z[lo:hi], lo, hi)
				}
			}
		})
	}
	b.Run("MemRead", func(b *testing.B) {
		b.SetBytes(int64(8 * len(x)))
		for b.Loop() {
			var s0, s1, s2, s3 float64
			for i := 0; i+4 <= len(x); i += 4 {
				s0 += x[i]
				s1 += x[i+1]
				s2 += x[i+2]
				s3 += x[i+3]
			}
			sink = s0 + s1 + s2 + s3
		}
	})
	// The same pass with gonum's assembly (floats.Dot, floats.AddScaled)
	// for the comparison recorded on dot in kernel.go.
	b.Run("DenseGonum", func(b *testing.B) {
		b.SetBytes(int64(8 * len(x)))
		for b.Loop() {
			for lo := 0; lo < benchRows; lo += block {
				hi := min(lo+block, benchRows)
				for i := lo; i < hi; i++ {
					z[i] = floats.Dot(x[i*benchCols:(i+1)*benchCols], w)
				}
				for i := lo; i < hi; i++ {
					floats.AddScaled(g, z[i], x[i*benchCols:(i+1)*benchCols])
				}
			}
		}
	})
}

// BenchmarkDot compares the row kernels with gonum's assembly by row length.
func BenchmarkDot(b *testing.B) {
	for _, n := range []int{30, 100, 784} {
		x := make([]float64, n)
		y := make([]float64, n)
		for i := range x {
			x[i], y[i] = float64(i), float64(n-i)
		}
		b.Run(fmt.Sprintf("Vec/%d", n), func(b *testing.B) {
			for b.Loop() {
				sink += vec.Dot(x, y)
			}
		})
		b.Run(fmt.Sprintf("Gonum/%d", n), func(b *testing.B) {
			for b.Loop() {
				sink += floats.Dot(x, y)
			}
		})
		b.Run(fmt.Sprintf("AxpyVec/%d", n), func(b *testing.B) {
			for b.Loop() {
				vec.Axpy(1e-9, x, y)
			}
		})
		b.Run(fmt.Sprintf("AxpyGonum/%d", n), func(b *testing.B) {
			for b.Loop() {
				floats.AddScaled(y, 1e-9, x)
			}
		})
	}
}

// BenchmarkKernelsMat measures the multi-class pass, MulMat then
// AddTransMat with k = 10 over blocks of 256 rows, per layout and width.
func BenchmarkKernelsMat(b *testing.B) {
	const k = 10
	for _, c := range []int{30, 64, 100, 784} {
		rows := 2_500_000 / c
		r := rand.New(rand.NewPCG(1, 1))
		x := make([]float64, rows*c)
		for i := range x {
			x[i] = r.NormFloat64()
		}
		d := must(NewDense(rows, c, x))
		W := make([]float64, k*c)
		for i := range W {
			W[i] = r.NormFloat64()
		}
		Z := make([]float64, rows*k)
		G := make([]float64, k*c)
		for _, bm := range []struct {
			name  string
			m     Matrix
			bytes int64
		}{
			{"Dense", d, int64(8 * len(x))},
			{"Dense32", must(ToFloat32(d)), int64(4 * len(x))},
		} {
			b.Run(fmt.Sprintf("%s/%d", bm.name, c), func(b *testing.B) {
				b.SetBytes(bm.bytes)
				b.ReportAllocs()
				for b.Loop() {
					for lo := 0; lo < rows; lo += 256 {
						hi := min(lo+256, rows)
						bm.m.MulMat(Z[lo*k:hi*k], W, k, lo, hi)
						bm.m.AddTransMat(G, Z[lo*k:hi*k], k, lo, hi)
					}
				}
			})
		}
	}
}

// BenchmarkMulMatPanels measures the ten-class scores of a 60000×784
// matrix (Fashion-MNIST's shape) with packed weights, streamed from
// memory and, for comparison, over one 64-row block that stays in cache
// as many times: the gap is the time the kernel waits for memory.
func BenchmarkMulMatPanels(b *testing.B) {
	const rows, c, k, block = 60_000, 784, 10, 64
	r := rand.New(rand.NewPCG(3, 3))
	x := make([]float64, rows*c)
	for i := range x {
		x[i] = r.Float64()
	}
	W := make([]float64, k*c)
	for i := range W {
		W[i] = r.NormFloat64()
	}
	var p Panels
	p.Pack(W, k, c)
	dst := make([]float64, rows*k)
	big := must(NewDense(rows, c, x))
	small := must(NewDense(block, c, x[:block*c]))
	b.Run("stream", func(b *testing.B) {
		b.SetBytes(int64(8 * rows * c))
		for b.Loop() {
			big.MulMatPanels(dst, &p, 0, rows)
		}
	})
	b.Run("cached", func(b *testing.B) {
		b.SetBytes(int64(8 * rows * c))
		for b.Loop() {
			for lo := 0; lo+block <= rows; lo += block {
				small.MulMatPanels(dst[lo*k:(lo+block)*k], &p, 0, block)
			}
		}
	})
}
