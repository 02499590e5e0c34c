package vec

import "gonum.org/v1/gonum/floats"

// Dot returns Σ x[i]·y[i] for i < len(x); y must be at least as long as x.
func Dot(x, y []float64) float64 {
	y = y[:len(x)]
	if useAsm {
		return dotAVX2(x, y)
	}
	return floats.Dot(x, y)
}

// Axpy adds a·x to y; y must be at least as long as x.
func Axpy(a float64, x, y []float64) {
	y = y[:len(x)]
	if useAsm {
		axpyAVX2(a, x, y)
		return
	}
	floats.AddScaled(y, a, x)
}

// Dot32 returns Σ float64(x[i])·y[i] for i < len(x); y must be at least as
// long as x.
func Dot32(x []float32, y []float64) float64 {
	y = y[:len(x)]
	if useAsm {
		return dot32AVX2(x, y)
	}
	return dot32Go(x, y)
}

// Axpy32 adds a·float64(x) to y; y must be at least as long as x.
func Axpy32(a float64, x []float32, y []float64) {
	y = y[:len(x)]
	if useAsm {
		axpy32AVX2(a, x, y)
		return
	}
	axpy32Go(a, x, y)
}

// Dot4 sets dst[c] = x · w[c·stride : c·stride+len(x)] for c < 4: four
// dot products that read x once. stride ≥ len(x) and len(w) ≥
// 3·stride+len(x).
func Dot4(dst *[4]float64, x, w []float64, stride int) {
	n := len(x)
	if !spans(len(w), 4, stride, n) {
		panic("vec: Dot4: w too short for stride")
	}
	if useAsm && n > 0 {
		dot4AVX2(dst, x, w, stride)
		return
	}
	for c := range dst {
		dst[c] = Dot(x, w[c*stride:c*stride+n])
	}
}

// dot32Go is Dot32 in plain Go with four independent accumulators.
func dot32Go(x []float32, y []float64) float64 {
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

// axpy32Go is Axpy32 in plain Go.
func axpy32Go(a float64, x []float32, y []float64) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] += a * float64(v)
	}
}

// AxpySq adds a·x[i]² to y[i]; y must be at least as long as x. It is the
// diagonal of a weighted Gram matrix Σᵢ aᵢ·xᵢxᵢᵀ, added row by row.
func AxpySq(a float64, x, y []float64) {
	y = y[:len(x)]
	if useAsm {
		axpySqAVX2(a, x, y)
		return
	}
	for i, v := range x {
		y[i] += a * v * v
	}
}

// AxpySq32 adds a·float64(x[i])² to y[i]; y must be at least as long as x.
func AxpySq32(a float64, x []float32, y []float64) {
	y = y[:len(x)]
	if useAsm {
		axpySq32AVX2(a, x, y)
		return
	}
	for i, v32 := range x {
		v := float64(v32)
		y[i] += a * v * v
	}
}

// spans reports whether rows rows of width elements each, stride apart,
// fit in a slice of length n: (rows−1)·stride + width ≤ n, with
// stride ≥ width ≥ 0 and rows ≥ 1, computed without overflow, so that the
// assembly never reads or writes past a slice whatever the arguments.
func spans(n, rows, stride, width int) bool {
	if rows < 1 || width < 0 || stride < width || n < width {
		return false
	}
	return stride == 0 || rows-1 <= (n-width)/stride
}

// gramLengths checks GramVec's lengths: len(x) = rows·cols, len(w) =
// len(g) = cols, without overflow.
func gramLengths(nx, cols, rows, nw, ng int) bool {
	if cols < 0 || nw != cols || ng != cols {
		return false
	}
	if cols == 0 {
		return nx == 0
	}
	return nx%cols == 0 && nx/cols == rows
}

// Accelerated reports whether the assembly kernels are in use.
func Accelerated() bool { return useAsm }

// RowBlock is the number of rows the binary gradient and Hessian-vector
// passes give [DotRows] and [AxpyRows] at a time. Of 4, 8, 16, 32 and 64
// rows of a hundred features streamed from memory (one thread, 1,000,000
// rows), 4 and 8 were the fastest: the arithmetic between two blocks'
// reads leaves the memory idle, and a longer pause slows the next block's
// reads more than the calls saved.
const RowBlock = 8

// DotRows sets z[r] to xᵣ · w for each row xᵣ = x[r·cols : (r+1)·cols]
// of a block of len(z) rows: the first half of a gradient pass over a
// block ([AxpyRows] is the second). Its rows stream through one call, with
// no dependence of one row's loads on another row's result, so the memory
// reads run ahead of the arithmetic. len(x) = len(z)·cols and len(w) =
// cols.
func DotRows(z, x []float64, cols int, w []float64) {
	if !rowsLengths(len(x), cols, len(z), len(w)) {
		panic("vec: DotRows: bad lengths")
	}
	if useAsm {
		dotRowsAVX2(z, x, cols, w)
		return
	}
	for r := range z {
		z[r] = Dot(x[r*cols:(r+1)*cols], w)
	}
}

// DotRows32 is [DotRows] with float32 storage for x, accumulated in
// float64.
func DotRows32(z []float64, x []float32, cols int, w []float64) {
	if !rowsLengths(len(x), cols, len(z), len(w)) {
		panic("vec: DotRows32: bad lengths")
	}
	if useAsm {
		dotRows32AVX2(z, x, cols, w)
		return
	}
	for r := range z {
		z[r] = Dot32(x[r*cols:(r+1)*cols], w)
	}
}

// AxpyRows adds Σᵣ a[r]·xᵣ to g for the rows xᵣ = x[r·cols : (r+1)·cols]
// of a block of len(a) rows (the transposed product xᵀa). Strip by strip
// of columns, the sums stay in registers while all the rows pass, so g is
// read and written once per block, not once per row. len(x) =
// len(a)·cols, len(g) = cols, and g must not overlap x or a.
func AxpyRows(g, a, x []float64, cols int) {
	if !rowsLengths(len(x), cols, len(a), len(g)) {
		panic("vec: AxpyRows: bad lengths")
	}
	if useAsm {
		if len(a) == 8 {
			axpyRows8AVX2(g, a, x, cols)
		} else {
			axpyRowsAVX2(g, a, x, cols)
		}
		return
	}
	for r, ar := range a {
		Axpy(ar, x[r*cols:(r+1)*cols], g)
	}
}

// AxpyRows32 is [AxpyRows] with float32 storage for x, accumulated in
// float64.
func AxpyRows32(g, a []float64, x []float32, cols int) {
	if !rowsLengths(len(x), cols, len(a), len(g)) {
		panic("vec: AxpyRows32: bad lengths")
	}
	if useAsm {
		axpyRows32AVX2(g, a, x, cols)
		return
	}
	for r, ar := range a {
		Axpy32(ar, x[r*cols:(r+1)*cols], g)
	}
}

// rowsLengths reports whether a block of rows×cols elements has nx
// elements and its row vector (w or g) has cols.
func rowsLengths(nx, cols, rows, nv int) bool {
	if cols <= 0 || nv != cols {
		return cols == 0 && nv == 0 && nx == 0
	}
	return nx%cols == 0 && nx/cols == rows
}

// GramVec adds Σᵢ uᵢ·xᵢ to g and returns Σᵢ uᵢ, where uᵢ = h[i]·(xᵢ·w + b)
// and xᵢ = x[i·cols : (i+1)·cols] for i < len(h): the product of the
// weighted Gram matrix [X 1]ᵀ·diag(h)·[X 1] with (w, b) over a block of
// rows, which is a binary model's Hessian-vector product. It goes by
// blocks of [RowBlock] rows: [DotRows], then the uᵢ, then [AxpyRows].
// len(x) = len(h)·cols, len(w) = len(g) = cols; x must be finite,
// and g must not overlap x or w.
func GramVec(x []float64, cols int, h []float64, b float64, w, g []float64) float64 {
	if !gramLengths(len(x), cols, len(h), len(w), len(g)) {
		panic("vec: GramVec: bad lengths")
	}
	var s float64
	var buf [RowBlock]float64
	for a := 0; a < len(h); a += RowBlock {
		e := min(a+RowBlock, len(h))
		u, blk := buf[:e-a], x[a*cols:e*cols]
		DotRows(u, blk, cols, w)
		for r, z := range u {
			u[r] = h[a+r] * (z + b)
			s += u[r]
		}
		AxpyRows(g, u, blk, cols)
	}
	return s
}

// GramVec32 is [GramVec] with float32 storage for x, accumulated in
// float64.
func GramVec32(x []float32, cols int, h []float64, b float64, w, g []float64) float64 {
	if !gramLengths(len(x), cols, len(h), len(w), len(g)) {
		panic("vec: GramVec32: bad lengths")
	}
	var s float64
	var buf [RowBlock]float64
	for a := 0; a < len(h); a += RowBlock {
		e := min(a+RowBlock, len(h))
		u, blk := buf[:e-a], x[a*cols:e*cols]
		DotRows32(u, blk, cols, w)
		for r, z := range u {
			u[r] = h[a+r] * (z + b)
			s += u[r]
		}
		AxpyRows32(g, u, blk, cols)
	}
	return s
}

// PackWidth is the number of classes in a panel of [Pack12] and [Mul4x12].
const PackWidth = 12

// Pack12 writes classes c0 ≤ c < c0+12 of the k×cols row-major weights w
// (class c's weights w[c·cols : (c+1)·cols]) into dst (len ≥ 12·cols)
// feature by feature: dst[j·12 + c−c0] = w[c·cols + j], with zeros for
// classes from k on. It is the panel [Mul4x12] reads.
func Pack12(dst, w []float64, k, cols, c0 int) {
	dst = dst[:PackWidth*cols]
	w = w[:k*cols]
	for c := range PackWidth {
		if c0+c >= k {
			for j := range cols {
				dst[j*PackWidth+c] = 0
			}
			continue
		}
		row := w[(c0+c)*cols : (c0+c+1)*cols]
		for j, v := range row {
			dst[j*PackWidth+c] = v
		}
	}
}

// Mul4x12 sets dst[12r + c] = Σ_j x_r[j]·wp[12j + c] for the four rows
// x_r = x[r·xstride : r·xstride+cols] and the twelve classes of the
// panel wp (from [Pack12]): the products of four rows with twelve classes,
// whose weights are read once for the four rows and whose twelve sums per
// row stay in registers. xstride ≥ cols, len(x) ≥ 3·xstride+cols and
// len(wp) ≥ 12·cols.
func Mul4x12(dst *[48]float64, x []float64, xstride int, wp []float64, cols int) {
	if !spans(len(x), 4, xstride, cols) || cols > len(wp)/PackWidth {
		panic("vec: Mul4x12: bad lengths")
	}
	if useAsm {
		mul4x12AVX2(dst, x, xstride, wp, cols)
		return
	}
	*dst = [48]float64{}
	for r := range 4 {
		xr := x[r*xstride : r*xstride+cols]
		out := dst[12*r : 12*r+12]
		for j, v := range xr {
			p := wp[j*PackWidth : j*PackWidth+PackWidth]
			for c := range out {
				out[c] += v * p[c]
			}
		}
	}
}

// Dot2x4 sets dst[4r+c] = x_r · w[c·stride : c·stride+len(x0)] for the two
// rows x_0 = x0, x_1 = x1 and c < 4: eight dot products that read each w
// row once for two rows (the multi-class scores of a matrix). len(x1) =
// len(x0), stride ≥ len(x0) and len(w) ≥ 3·stride+len(x0).
func Dot2x4(dst *[8]float64, x0, x1, w []float64, stride int) {
	n := len(x0)
	if len(x1) != n || !spans(len(w), 4, stride, n) {
		panic("vec: Dot2x4: bad lengths")
	}
	if useAsm && n > 0 {
		dot2x4AVX2(dst, x0, x1, w, stride)
		return
	}
	for c := range 4 {
		wc := w[c*stride : c*stride+n]
		dst[c], dst[4+c] = Dot(x0, wc), Dot(x1, wc)
	}
}

// AddT4 adds Σ_{i<rows} r[i·rstride+c]·x[i·xstride+j] to g[c·gstride+j]
// for c < 4 and j < cols: the transposed product of a block of rows with
// four classes' residuals (the multi-class gradient of a matrix). Strip by
// strip of eight columns, the 32 sums stay in registers while all the
// rows pass, in one call for all the strips; the last cols mod 8 columns
// go row by row. It panics when a slice is too short for its stride.
func AddT4(g []float64, gstride int, r []float64, rstride int, x []float64, xstride int, rows, cols int) {
	addT(4, g, gstride, r, rstride, x, xstride, rows, cols)
}

// AddT2 is [AddT4] for two classes (c < 2), over strips of sixteen
// columns (the 32 sums in eight registers, as AddT4's) and then one of
// eight.
func AddT2(g []float64, gstride int, r []float64, rstride int, x []float64, xstride int, rows, cols int) {
	addT(2, g, gstride, r, rstride, x, xstride, rows, cols)
}

func addT(classes int, g []float64, gstride int, r []float64, rstride int, x []float64, xstride int, rows, cols int) {
	if rows <= 0 || cols <= 0 {
		return
	}
	if !spans(len(g), classes, gstride, cols) || !spans(len(r), rows, rstride, classes) || !spans(len(x), rows, xstride, cols) {
		panic("vec: AddT: bad lengths")
	}
	f := 0
	if useAsm {
		if classes == 4 {
			strips := cols / 8
			addT4AVX2(g, gstride, r, rstride, x, xstride, rows, strips)
			f = 8 * strips
		} else {
			// Two classes: strips of sixteen columns, then one of eight.
			strips := cols / 16
			if strips > 0 {
				addT2x16AVX2(g, gstride, r, rstride, x, xstride, rows, strips)
			}
			f = 16 * strips
			if cols-f >= 8 {
				addT2AVX2(g[f:], gstride, r, rstride, x[f:], xstride, rows, 1)
				f += 8
			}
		}
	}
	if f == cols {
		return
	}
	for c := range classes {
		gc := g[c*gstride+f : c*gstride+cols]
		for i := range rows {
			Axpy(r[i*rstride+c], x[i*xstride+f:i*xstride+cols], gc)
		}
	}
}
