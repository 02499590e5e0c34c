package data

import "github.com/xent-ml/xent/internal/vec"

// Kernel choice for Dense (BenchmarkKernels, BenchmarkKernelsMat, amd64).
//
// With AVX2 and FMA, the row kernels of internal/vec (a dot product or an
// axpy per row, four classes per call for k classes) are used at every
// width. Without them, gonum's SSE2 assembly beats plain Go loops with four
// accumulators by 1.6× to 2.4× from 100 features up (floats.Dot 282 ns vs
// 476 ns, AddScaled 184 ns vs 443 ns at 784), because the Go compiler
// emits scalar code; below rowKernelCols features the per-call overhead
// dominates, and one blas64.Gemv over all the rows (GemvN/GemvT assembly,
// four rows per step) is 1.6× faster than a Dot per row; for k classes,
// one strided Gemv per class over chunks of rows that stay in cache beat a
// Dot per (row, class).
const rowKernelCols = 64

// chunkRows returns the rows per chunk of the multi-class Dense kernels:
// about 128 KiB of data, so that the k passes over a chunk hit the cache.
// It depends on cols only, so the summation order is fixed.
func chunkRows(cols int) int { return max(1, 16384/max(cols, 1)) }

// mulMatRows sets dst (rows×k) to x Wᵀ for the rows×c row-major block x,
// row by row, four classes per vec.Dot4.
func mulMatRows(dst, x []float64, c int, W []float64, k int) {
	rows := len(x) / c
	W = W[:k*c]
	var d4 [4]float64
	for i := range rows {
		xi := x[i*c : (i+1)*c]
		out := dst[i*k : (i+1)*k]
		j := 0
		for ; j+4 <= k; j += 4 {
			vec.Dot4(&d4, xi, W[j*c:], c)
			copy(out[j:j+4], d4[:])
		}
		for ; j < k; j++ {
			out[j] = vec.Dot(xi, W[j*c:(j+1)*c])
		}
	}
}

// addTransMatRows adds Rᵀ x to G (k×c) for the rows×c block x and R
// (rows×k), row by row.
func addTransMatRows(G, R, x []float64, c, k int) {
	rows := len(x) / c
	G = G[:k*c]
	for i := range rows {
		xi := x[i*c : (i+1)*c]
		for j, a := range R[i*k : (i+1)*k] {
			vec.Axpy(a, xi, G[j*c:(j+1)*c])
		}
	}
}
