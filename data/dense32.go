package data

import (
	"fmt"
	"math"
	"sync"

	"gonum.org/v1/gonum/floats"

	"github.com/xent-ml/xent/internal/bigmem"
	"github.com/xent-ml/xent/internal/vec"
)

// widenLen is the length of the stack buffer into which the float32
// kernels widen rows (16 KiB).
const widenLen = 2048

// widenPool holds the buffers into which the float32 kernels widen rows:
// the buffer escapes through gonum's BLAS interface, so a stack array would
// be a heap allocation per call.
var widenPool = sync.Pool{New: func() any { return new([widenLen]float64) }}

// widen converts src into dst (same length) and returns dst.
func widen(dst []float64, src []float32) []float64 {
	dst = dst[:len(src)]
	for i, v := range src {
		dst[i] = float64(v)
	}
	return dst
}

// Dense32 is a rows×cols matrix stored row-major as float32, half the memory
// (and memory traffic) of [Dense]. Its kernels convert each element to
// float64 and accumulate in float64. It implements [Matrix].
type Dense32 struct {
	rows, cols int
	data       []float32
}

// NewDense32 returns a rows×cols [Dense32] over data, which it keeps without
// copying. A nil data allocates zeros. Errors are as for [NewDense].
func NewDense32(rows, cols int, data []float32) (*Dense32, error) {
	if err := checkDims("NewDense32", rows, cols, data == nil); err != nil {
		return nil, err
	}
	if data == nil {
		return &Dense32{rows: rows, cols: cols, data: bigmem.Make[float32](rows*cols, rows*cols)}, nil
	}
	if len(data) != rows*cols {
		return nil, fmt.Errorf("data: NewDense32: len(data) = %d, want %d×%d = %d: %w",
			len(data), rows, cols, rows*cols, ErrShape)
	}
	for k, v := range data {
		if f := float64(v); math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, &Error{Field: "X", Row: k / cols, Col: k % cols, Value: fmtFloat(f), Err: ErrNotFinite}
		}
	}
	return &Dense32{rows: rows, cols: cols, data: data}, nil
}

// Dims returns the number of rows and columns.
func (m *Dense32) Dims() (rows, cols int) { return m.rows, m.cols }

// At returns element (i, j) as float64. It panics if i or j is out of range.
func (m *Dense32) At(i, j int) float64 {
	if uint(j) >= uint(m.cols) {
		panic("data: Dense32.At: column out of range")
	}
	return float64(m.data[i*m.cols+j])
}

// Row returns row i as a slice sharing storage with m.
func (m *Dense32) Row(i int) []float32 { return m.data[i*m.cols : (i+1)*m.cols : (i+1)*m.cols] }

// RawData returns the row-major backing slice, shared with m.
func (m *Dense32) RawData() []float32 { return m.data }

// MulVec sets dst[i-lo] = x_i · w for lo ≤ i < hi.
func (m *Dense32) MulVec(dst, w []float64, lo, hi int) {
	c := m.cols
	w = w[:c]
	dst = dst[:hi-lo]
	for i := lo; i < hi; i++ {
		dst[i-lo] = vec.Dot32(m.data[i*c:(i+1)*c], w)
	}
}

// MulMat sets dst[(i-lo)*k+j] = x_i · W[j*cols:(j+1)*cols].
//
// It widens chunks of rows into a pooled float64 buffer and runs the
// [Dense] kernel on them (4× faster than converting inside the k dot
// products); rows wider than the buffer go segment by segment.
func (m *Dense32) MulMat(dst, W []float64, k, lo, hi int) {
	c := m.cols
	W = W[:k*c]
	dst = dst[:(hi-lo)*k]
	if c == 0 {
		clear(dst)
		return
	}
	buf := widenPool.Get().(*[widenLen]float64)
	defer widenPool.Put(buf)
	if c <= widenLen {
		step := min(chunkRows(c), widenLen/c)
		for a := lo; a < hi; a += step {
			b := min(a+step, hi)
			x := widen(buf[:(b-a)*c], m.data[a*c:b*c])
			mulMatBlock(dst[(a-lo)*k:(b-lo)*k], x, c, W, k)
		}
		return
	}
	clear(dst)
	for i := lo; i < hi; i++ {
		d := dst[(i-lo)*k : (i-lo+1)*k]
		for f := 0; f < c; f += widenLen {
			e := min(f+widenLen, c)
			x := widen(buf[:e-f], m.data[i*c+f:i*c+e])
			for j := range d {
				d[j] += floats.Dot(x, W[j*c+f:j*c+e])
			}
		}
	}
}

// AddTransVec adds Σ_{lo ≤ i < hi} r[i-lo] · x_i to g.
func (m *Dense32) AddTransVec(g, r []float64, lo, hi int) {
	c := m.cols
	g = g[:c]
	r = r[:hi-lo]
	for i := lo; i < hi; i++ {
		vec.Axpy32(r[i-lo], m.data[i*c:(i+1)*c], g)
	}
}

// AddTransMat adds Rᵀ X[lo:hi] to G (k×cols), widening rows into a
// float64 buffer as [Dense32.MulMat] does.
func (m *Dense32) AddTransMat(G, R []float64, k, lo, hi int) {
	c := m.cols
	G = G[:k*c]
	R = R[:(hi-lo)*k]
	if c == 0 {
		return
	}
	buf := widenPool.Get().(*[widenLen]float64)
	defer widenPool.Put(buf)
	if c <= widenLen {
		step := min(chunkRows(c), widenLen/c)
		for a := lo; a < hi; a += step {
			b := min(a+step, hi)
			x := widen(buf[:(b-a)*c], m.data[a*c:b*c])
			addTransMatBlock(G, R[(a-lo)*k:(b-lo)*k], x, c, k)
		}
		return
	}
	for i := lo; i < hi; i++ {
		r := R[(i-lo)*k : (i-lo+1)*k]
		for f := 0; f < c; f += widenLen {
			e := min(f+widenLen, c)
			x := widen(buf[:e-f], m.data[i*c+f:i*c+e])
			for j, a := range r {
				floats.AddScaled(G[j*c+f:j*c+e], a, x)
			}
		}
	}
}

// GradRows is [Dense.GradRows] for float32 storage, accumulated in float64.
func (m *Dense32) GradRows(w, g, buf []float64, lo, hi int, f func(first int, z []float64)) {
	c := m.cols
	w, g, buf = w[:c], g[:c], buf[:GradRowsBlock]
	for a := lo; a < hi; a += GradRowsBlock {
		b := min(a+GradRowsBlock, hi)
		z, blk := buf[:b-a], m.data[a*c:b*c]
		vec.DotRows32(z, blk, c, w)
		f(a, z)
		vec.AxpyRows32(g, z, blk, c)
	}
}

// DenseRows writes rows [lo, hi) into dst as float64.
func (m *Dense32) DenseRows(dst []float64, lo, hi int) {
	src := m.data[lo*m.cols : hi*m.cols]
	dst = dst[:len(src)]
	for i, v := range src {
		dst[i] = float64(v)
	}
}
