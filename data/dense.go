package data

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"

	"github.com/xent-ml/xent/internal/bigmem"
	"github.com/xent-ml/xent/internal/vec"
)

// Dense is a rows×cols matrix of float64 stored row-major: element (i, j)
// is at data[i*cols+j]. It implements [Matrix].
//
// A Dense made by [NewDense] holds only finite values; code that writes
// through [Dense.RawData] or [Dense.Row] must keep it so.
type Dense struct {
	rows, cols int
	data       []float64
}

// MaxAlloc is the largest number of elements (rows×cols) that [NewDense]
// and [NewDense32] allocate for a nil data: 2³⁴, 128 GiB of float64. A
// larger request is an error wrapping [ErrShape] rather than a runtime
// out-of-memory crash, which a program cannot recover from; a caller that
// truly needs more passes its own slice.
const MaxAlloc = 1 << 34

// checkDims checks a dense shape: dimensions not negative, rows×cols not
// overflowing int, and at most MaxAlloc elements when alloc is set.
func checkDims(op string, rows, cols int, alloc bool) error {
	if rows < 0 || cols < 0 {
		return fmt.Errorf("data: %s: negative dimension %d×%d: %w", op, rows, cols, ErrShape)
	}
	if cols > 0 && rows > math.MaxInt/cols {
		return fmt.Errorf("data: %s: %d×%d elements overflow int: %w", op, rows, cols, ErrShape)
	}
	if alloc && rows*cols > MaxAlloc {
		return fmt.Errorf("data: %s: %d×%d = %d elements, more than MaxAlloc = %d to allocate: %w",
			op, rows, cols, rows*cols, MaxAlloc, ErrShape)
	}
	return nil
}

// NewDense returns a rows×cols [Dense] over data, which it keeps without
// copying (the caller must not change it afterwards except to keep it
// finite). A nil data allocates zeros.
//
// It returns an error wrapping [ErrShape] when rows or cols is negative,
// rows×cols overflows int, len(data) != rows*cols, or data is nil and
// rows×cols exceeds [MaxAlloc]; and an [*Error] wrapping [ErrNotFinite]
// naming the first NaN or infinity in row-major order.
func NewDense(rows, cols int, data []float64) (*Dense, error) {
	if err := checkDims("NewDense", rows, cols, data == nil); err != nil {
		return nil, err
	}
	if data == nil {
		return &Dense{rows: rows, cols: cols, data: bigmem.Make[float64](rows*cols, rows*cols)}, nil
	}
	if len(data) != rows*cols {
		return nil, fmt.Errorf("data: NewDense: len(data) = %d, want %d×%d = %d: %w",
			len(data), rows, cols, rows*cols, ErrShape)
	}
	for k, v := range data {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, &Error{Field: "X", Row: k / cols, Col: k % cols, Value: fmtFloat(v), Err: ErrNotFinite}
		}
	}
	return &Dense{rows: rows, cols: cols, data: data}, nil
}

// Dims returns the number of rows and columns.
func (m *Dense) Dims() (rows, cols int) { return m.rows, m.cols }

// At returns element (i, j). It panics if i or j is out of range.
func (m *Dense) At(i, j int) float64 {
	if uint(j) >= uint(m.cols) {
		panic("data: Dense.At: column out of range")
	}
	return m.data[i*m.cols+j]
}

// Row returns row i as a slice sharing storage with m.
func (m *Dense) Row(i int) []float64 { return m.data[i*m.cols : (i+1)*m.cols : (i+1)*m.cols] }

// RawData returns the row-major backing slice, shared with m.
func (m *Dense) RawData() []float64 { return m.data }

// MulVec sets dst[i-lo] = x_i · w for lo ≤ i < hi.
func (m *Dense) MulVec(dst, w []float64, lo, hi int) {
	c := m.cols
	w = w[:c]
	dst = dst[:hi-lo]
	if c == 0 {
		clear(dst)
		return
	}
	if c < rowKernelCols && !vec.Accelerated() {
		if hi > lo {
			blas64.Gemv(blas.NoTrans, 1, m.block(lo, hi), blasVec(w, 1), 0, blasVec(dst, 1))
		}
		return
	}
	for i := lo; i < hi; i++ {
		dst[i-lo] = vec.Dot(m.data[i*c:(i+1)*c], w)
	}
}

// MulMat sets dst[(i-lo)*k+j] = x_i · W[j*cols:(j+1)*cols].
func (m *Dense) MulMat(dst, W []float64, k, lo, hi int) {
	c := m.cols
	dst = dst[:(hi-lo)*k]
	if c == 0 {
		clear(dst)
		return
	}
	step := chunkRows(c)
	for a := lo; a < hi; a += step {
		b := min(a+step, hi)
		mulMatBlock(dst[(a-lo)*k:(b-lo)*k], m.data[a*c:b*c], c, W, k)
	}
}

// AddTransVec adds Σ_{lo ≤ i < hi} r[i-lo] · x_i to g.
func (m *Dense) AddTransVec(g, r []float64, lo, hi int) {
	c := m.cols
	g = g[:c]
	r = r[:hi-lo]
	if c == 0 {
		return
	}
	if c < rowKernelCols && !vec.Accelerated() {
		if hi > lo {
			blas64.Gemv(blas.Trans, 1, m.block(lo, hi), blasVec(r, 1), 1, blasVec(g, 1))
		}
		return
	}
	for i := lo; i < hi; i++ {
		vec.Axpy(r[i-lo], m.data[i*c:(i+1)*c], g)
	}
}

// GradRows adds Σ aᵢ·xᵢ over lo ≤ i < hi to g, where the coefficients aᵢ
// come from the products zᵢ = xᵢ · w: the pass of a gradient or a
// Hessian-vector product of a model with one score per row. It goes by
// blocks of GradRowsBlock rows, in order: the products of a block's rows
// (vec.DotRows, one sequential read from memory), then f(first, z), which
// must replace each z[r] (row first+r) by its coefficient, then the
// block's sum (vec.AxpyRows, from the cache, with g's sums in registers).
// No row's reads wait for another row's coefficient, and g is written
// once per block. len(w) and len(g) must be at least the number of
// columns; the blocks' z are buf[:rows], so len(buf) ≥ GradRowsBlock.
func (m *Dense) GradRows(w, g, buf []float64, lo, hi int, f func(first int, z []float64)) {
	c := m.cols
	w, g, buf = w[:c], g[:c], buf[:GradRowsBlock]
	for a := lo; a < hi; a += GradRowsBlock {
		b := min(a+GradRowsBlock, hi)
		z, blk := buf[:b-a], m.data[a*c:b*c]
		vec.DotRows(z, blk, c, w)
		f(a, z)
		vec.AxpyRows(g, z, blk, c)
	}
}

// GradRowsBlock is the most rows GradRows gives f at a time.
const GradRowsBlock = vec.RowBlock

// AddTransMat adds Rᵀ X[lo:hi] to G (k×cols).
func (m *Dense) AddTransMat(G, R []float64, k, lo, hi int) {
	c := m.cols
	R = R[:(hi-lo)*k]
	if c == 0 {
		return
	}
	step := chunkRows(c)
	for a := lo; a < hi; a += step {
		b := min(a+step, hi)
		addTransMatBlock(G, R[(a-lo)*k:(b-lo)*k], m.data[a*c:b*c], c, k)
	}
}

// block returns rows [lo, hi) of m, lo < hi, cols > 0, as a blas64.General.
func (m *Dense) block(lo, hi int) blas64.General {
	return blas64.General{Rows: hi - lo, Cols: m.cols, Stride: m.cols, Data: m.data[lo*m.cols : hi*m.cols]}
}

func blasVec(x []float64, inc int) blas64.Vector {
	return blas64.Vector{N: (len(x) + inc - 1) / inc, Inc: inc, Data: x}
}

// mulMatBlock sets dst (rows×k) to x Wᵀ for the rows×c row-major block x
// (len(x) = rows·c > 0): mulMatRows with the vector kernels from
// rowKernelCols features, else one strided Gemv per class.
func mulMatBlock(dst, x []float64, c int, W []float64, k int) {
	rows := len(x) / c
	if vec.Accelerated() && c >= rowKernelCols {
		mulMatRows(dst, x, c, W, k)
		return
	}
	blk := blas64.General{Rows: rows, Cols: c, Stride: c, Data: x}
	W = W[:k*c]
	for j := 0; j < k; j++ {
		d := blas64.Vector{N: rows, Inc: k, Data: dst[j:]}
		blas64.Gemv(blas.NoTrans, 1, blk, blasVec(W[j*c:(j+1)*c], 1), 0, d)
	}
}

// addTransMatBlock adds Rᵀ x to G (k×c) for the rows×c block x and R
// (rows×k): addTransMatRows with the vector kernels from rowKernelCols
// features, else one strided Gemv per class.
func addTransMatBlock(G, R, x []float64, c, k int) {
	rows := len(x) / c
	if vec.Accelerated() && c >= rowKernelCols {
		addTransMatRows(G, R, x, c, k)
		return
	}
	blk := blas64.General{Rows: rows, Cols: c, Stride: c, Data: x}
	G = G[:k*c]
	for j := 0; j < k; j++ {
		r := blas64.Vector{N: rows, Inc: k, Data: R[j:]}
		blas64.Gemv(blas.Trans, 1, blk, r, 1, blasVec(G[j*c:(j+1)*c], 1))
	}
}

// DenseRows copies rows [lo, hi) into dst.
func (m *Dense) DenseRows(dst []float64, lo, hi int) {
	copy(dst[:(hi-lo)*m.cols], m.data[lo*m.cols:hi*m.cols])
}
