package data

import "github.com/xent-ml/xent/internal/vec"

// Kernel choice for Dense (BenchmarkKernels, BenchmarkKernelsMat, amd64).
//
// With AVX2 and FMA, the row kernels of internal/vec are used: a dot
// product and an axpy per row at every width (or GradRows's fused loop),
// and for k classes from rowKernelCols features the register-blocked
// vec.Dot2x4 and vec.AddT4x8 (narrower rows keep the strided Gemv below,
// which was as fast there). Without them, gonum's SSE2 assembly beats plain Go loops with four
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

// mulMatRows sets dst (rows×k) to x Wᵀ for the rows×c row-major block x:
// two rows and four classes per vec.Dot2x4, so each class row of W is read
// once for two rows; the remaining classes and row go one dot at a time.
func mulMatRows(dst, x []float64, c int, W []float64, k int) {
	rows := len(x) / c
	W = W[:k*c]
	var d8 [8]float64
	var d4 [4]float64
	i := 0
	for ; i+2 <= rows; i += 2 {
		x0, x1 := x[i*c:(i+1)*c], x[(i+1)*c:(i+2)*c]
		o0, o1 := dst[i*k:(i+1)*k], dst[(i+1)*k:(i+2)*k]
		j := 0
		for ; j+4 <= k; j += 4 {
			vec.Dot2x4(&d8, x0, x1, W[j*c:], c)
			copy(o0[j:j+4], d8[:4])
			copy(o1[j:j+4], d8[4:])
		}
		for ; j < k; j++ {
			wj := W[j*c : (j+1)*c]
			o0[j], o1[j] = vec.Dot(x0, wj), vec.Dot(x1, wj)
		}
	}
	for ; i < rows; i++ {
		xi, out := x[i*c:(i+1)*c], dst[i*k:(i+1)*k]
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
// (rows×k): for four classes at a time, eight columns of G stay in
// registers while all the rows pass (vec.AddT4x8); the remaining columns
// and classes go row by row.
func addTransMatRows(G, R, x []float64, c, k int) {
	rows := len(x) / c
	G = G[:k*c]
	j := 0
	for ; j+4 <= k; j += 4 {
		f := 0
		for ; f+8 <= c; f += 8 {
			vec.AddT4x8(G[j*c+f:], c, R[j:], k, x[f:], c, rows)
		}
		if f < c {
			for i := range rows {
				xi := x[i*c+f : (i+1)*c]
				for cc := j; cc < j+4; cc++ {
					vec.Axpy(R[i*k+cc], xi, G[cc*c+f:(cc+1)*c])
				}
			}
		}
	}
	for ; j < k; j++ {
		gj := G[j*c : (j+1)*c]
		for i := range rows {
			vec.Axpy(R[i*k+j], x[i*c:(i+1)*c], gj)
		}
	}
}
