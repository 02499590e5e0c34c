package data

import "github.com/xent-ml/xent/internal/vec"

// Kernel choice for Dense (BenchmarkKernels, BenchmarkKernelsMat, amd64).
//
// With AVX2 and FMA, the row kernels of internal/vec are used: a dot
// product and an axpy per row at every width (or GradRows's blocks of rows),
// and for k classes from rowKernelCols features the register-blocked
// vec.Dot2x4, vec.Mul4x12 and vec.AddT4 (narrower rows keep the strided Gemv below,
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
	mulMatRowsFrom(dst, x, c, W, k, 0)
}

// mulMatRowsFrom is mulMatRows for the classes from j0 on.
func mulMatRowsFrom(dst, x []float64, c int, W []float64, k, j0 int) {
	rows := len(x) / c
	W = W[:k*c]
	var d8 [8]float64
	var d4 [4]float64
	i := 0
	for ; i+2 <= rows && j0 < k; i += 2 {
		x0, x1 := x[i*c:(i+1)*c], x[(i+1)*c:(i+2)*c]
		o0, o1 := dst[i*k:(i+1)*k], dst[(i+1)*k:(i+2)*k]
		j := j0
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
	for ; i < rows && j0 < k; i++ {
		xi, out := x[i*c:(i+1)*c], dst[i*k:(i+1)*k]
		j := j0
		for ; j+4 <= k; j += 4 {
			vec.Dot4(&d4, xi, W[j*c:], c)
			copy(out[j:j+4], d4[:])
		}
		for ; j < k; j++ {
			out[j] = vec.Dot(xi, W[j*c:(j+1)*c])
		}
	}
}

// Panels holds k×cols class weights packed for [Dense.MulMatPanels]: the
// scores of four rows with twelve classes at a time (vec.Mul4x12), which
// read the weights once for four rows with all twelve sums in registers,
// about 1.4 times as fast as vec.Dot2x4's two rows by four classes at 784
// features (1.7 of the 2 vector multiply-adds a cycle, with two of the 12
// classes padding, against 0.9). Packing costs about as much as the
// products of twenty rows, so it is done once per weight matrix (per
// pass over the data), not per block of rows.
//
// The panels hold the classes in groups of twelve, the last one padded
// with zero weights when it has eight classes or more; the classes left
// (fewer than eight, or all of them for fewer than eight classes, narrow
// rows or without the vector kernels) use MulMat's kernels on the
// weights as given, which Panels keeps without a copy.
type Panels struct {
	w       []float64
	wp      []float64
	k, cols int
	classes int // classes in the packed panels
}

// Pack packs the k×cols row-major weights W (class c's weights are
// W[c·cols : (c+1)·cols]) into p, reusing p's storage; W must not change
// while p is in use.
func (p *Panels) Pack(W []float64, k, cols int) {
	if k < 0 || cols < 0 || len(W) < k*cols {
		panic("data: Panels.Pack: len(W) < k·cols")
	}
	p.w, p.k, p.cols = W[:k*cols], k, cols
	panels := k / vec.PackWidth
	if k%vec.PackWidth >= 8 {
		panels++
	}
	if !vec.Accelerated() || cols < rowKernelCols {
		panels = 0
	}
	p.classes = min(panels*vec.PackWidth, k)
	n := panels * vec.PackWidth * cols
	if cap(p.wp) < n {
		p.wp = make([]float64, n)
	}
	p.wp = p.wp[:n]
	for q := range panels {
		vec.Pack12(p.wp[q*vec.PackWidth*cols:(q+1)*vec.PackWidth*cols], W, k, cols, q*vec.PackWidth)
	}
}

// MulMatPanels is MulMat with the weights packed in p: dst[(i−lo)·k + j] =
// x_i · W_j for lo ≤ i < hi. p's columns must be m's.
func (m *Dense) MulMatPanels(dst []float64, p *Panels, lo, hi int) {
	c, k := m.cols, p.k
	if p.cols != c {
		panic("data: MulMatPanels: panels for another number of columns")
	}
	if p.classes == 0 {
		m.MulMat(dst, p.w, k, lo, hi)
		return
	}
	dst = dst[:(hi-lo)*k]
	x := m.data[lo*c : hi*c]
	rows := hi - lo
	var tile [48]float64
	for c0 := 0; c0 < p.classes; c0 += vec.PackWidth {
		wp := p.wp[c0*c : (c0+vec.PackWidth)*c]
		n := min(vec.PackWidth, k-c0)
		i := 0
		for ; i+4 <= rows; i += 4 {
			vec.Mul4x12(&tile, x[i*c:], c, wp, c)
			for r := range 4 {
				copy(dst[(i+r)*k+c0:(i+r)*k+c0+n], tile[12*r:12*r+n])
			}
		}
		for ; i < rows; i++ {
			xi := x[i*c : (i+1)*c]
			for j := range n {
				dst[i*k+c0+j] = vec.Dot(xi, p.w[(c0+j)*c:(c0+j+1)*c])
			}
		}
	}
	if p.classes < k {
		step := chunkRows(c)
		for a := 0; a < rows; a += step {
			b := min(a+step, rows)
			mulMatRowsFrom(dst[a*k:b*k], x[a*c:b*c], c, p.w, k, p.classes)
		}
	}
}

// addTransMatRows adds Rᵀ x to G (k×c) for the rows×c block x and R
// (rows×k): four classes at a time (vec.AddT4, whose sums stay in
// registers while all the rows pass, strip by strip of eight columns),
// then two (vec.AddT2), then the last class row by row.
func addTransMatRows(G, R, x []float64, c, k int) {
	rows := len(x) / c
	G = G[:k*c]
	j := 0
	for ; j+4 <= k; j += 4 {
		vec.AddT4(G[j*c:], c, R[j:], k, x, c, rows, c)
	}
	if j+2 <= k {
		vec.AddT2(G[j*c:], c, R[j:], k, x, c, rows, c)
		j += 2
	}
	for ; j < k; j++ {
		gj := G[j*c : (j+1)*c]
		for i := range rows {
			vec.Axpy(R[i*k+j], x[i*c:(i+1)*c], gj)
		}
	}
}
