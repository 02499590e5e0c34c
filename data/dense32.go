package data

import (
	"fmt"
	"math"
)

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
	if rows < 0 || cols < 0 {
		return nil, fmt.Errorf("data: NewDense32: negative dimension %d×%d: %w", rows, cols, ErrShape)
	}
	if data == nil {
		return &Dense32{rows: rows, cols: cols, data: make([]float32, rows*cols)}, nil
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
		dst[i-lo] = dot32(m.data[i*c:(i+1)*c], w)
	}
}

// MulMat sets dst[(i-lo)*k+j] = x_i · W[j*cols:(j+1)*cols].
func (m *Dense32) MulMat(dst, W []float64, k, lo, hi int) {
	c := m.cols
	W = W[:k*c]
	dst = dst[:(hi-lo)*k]
	for i := lo; i < hi; i++ {
		x := m.data[i*c : (i+1)*c]
		d := dst[(i-lo)*k : (i-lo+1)*k]
		for j := range d {
			d[j] = dot32(x, W[j*c:(j+1)*c])
		}
	}
}

// AddTransVec adds Σ_{lo ≤ i < hi} r[i-lo] · x_i to g.
func (m *Dense32) AddTransVec(g, r []float64, lo, hi int) {
	c := m.cols
	g = g[:c]
	r = r[:hi-lo]
	for i := lo; i < hi; i++ {
		axpy32(g, r[i-lo], m.data[i*c:(i+1)*c])
	}
}

// AddTransMat adds Rᵀ X[lo:hi] to G (k×cols).
func (m *Dense32) AddTransMat(G, R []float64, k, lo, hi int) {
	c := m.cols
	G = G[:k*c]
	R = R[:(hi-lo)*k]
	for i := lo; i < hi; i++ {
		x := m.data[i*c : (i+1)*c]
		r := R[(i-lo)*k : (i-lo+1)*k]
		for j, a := range r {
			axpy32(G[j*c:(j+1)*c], a, x)
		}
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
