package data

// Kernel choice for Dense (BenchmarkDot and BenchmarkKernelsMat, amd64):
// gonum's SSE2 assembly beats plain Go loops with four accumulators by 1.6×
// to 2.4× from 100 features up (floats.Dot 282 ns vs 476 ns, AddScaled
// 184 ns vs 443 ns at 784), because the Go compiler emits scalar code. Below
// rowKernelCols features the per-call overhead dominates, and one
// blas64.Gemv over all the rows (GemvN/GemvT assembly, four rows per step)
// is 1.6× faster than a Dot per row. For k classes, one strided Gemv per
// class over chunks of rows that stay in cache beat a Dot per (row, class).
// The float32 layouts cannot use gonum (it has no mixed-precision kernels)
// and use the plain loops below.
const rowKernelCols = 64

// chunkRows returns the rows per chunk of the multi-class Dense kernels:
// about 128 KiB of data, so that the k passes over a chunk hit the cache.
// It depends on cols only, so the summation order is fixed.
func chunkRows(cols int) int { return max(1, 16384/max(cols, 1)) }

// dot returns Σ x[i]·y[i] for i < len(x); len(y) ≥ len(x). Plain Go with
// four independent accumulators, kept as the reference in BenchmarkDot.
func dot(x, y []float64) float64 {
	n := len(x)
	y = y[:n]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= n; i += 4 {
		s0 += x[i] * y[i]
		s1 += x[i+1] * y[i+1]
		s2 += x[i+2] * y[i+2]
		s3 += x[i+3] * y[i+3]
	}
	for ; i < n; i++ {
		s0 += x[i] * y[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// axpy adds a·x to y; len(x) == len(y).
func axpy(y []float64, a float64, x []float64) {
	x = x[:len(y)]
	i := 0
	for ; i+4 <= len(y); i += 4 {
		y[i] += a * x[i]
		y[i+1] += a * x[i+1]
		y[i+2] += a * x[i+2]
		y[i+3] += a * x[i+3]
	}
	for ; i < len(y); i++ {
		y[i] += a * x[i]
	}
}

// dot32 is dot with float32 storage for x, accumulated in float64.
func dot32(x []float32, y []float64) float64 {
	n := len(x)
	y = y[:n]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= n; i += 4 {
		s0 += float64(x[i]) * y[i]
		s1 += float64(x[i+1]) * y[i+1]
		s2 += float64(x[i+2]) * y[i+2]
		s3 += float64(x[i+3]) * y[i+3]
	}
	for ; i < n; i++ {
		s0 += float64(x[i]) * y[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// axpy32 adds a·x to y with float32 storage for x.
func axpy32(y []float64, a float64, x []float32) {
	x = x[:len(y)]
	i := 0
	for ; i+4 <= len(y); i += 4 {
		y[i] += a * float64(x[i])
		y[i+1] += a * float64(x[i+1])
		y[i+2] += a * float64(x[i+2])
		y[i+3] += a * float64(x[i+3])
	}
	for ; i < len(y); i++ {
		y[i] += a * float64(x[i])
	}
}
