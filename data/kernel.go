package data

// dot returns Σ x[i]·y[i] for i < len(x); len(y) ≥ len(x).
//
// Plain Go with four independent accumulators: on amd64 it matched or beat
// gonum's SSE2 assembly (floats.Dot) in BenchmarkKernels, because the call
// overhead of the assembly routine dominates for rows of a few hundred
// features and the four accumulators hide the add latency just as well.
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
