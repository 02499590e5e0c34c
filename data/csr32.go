package data

import (
	"math"
)

// CSR32 is [CSR] with float32 values: its kernels convert each value to
// float64 and accumulate in float64. It implements [Matrix].
type CSR32 struct {
	rows, cols int
	indptr     []int // len rows+1; indptr[0] is nonzero in a row view
	indices    []int32
	values     []float32
}

// NewCSR32 returns a rows×cols [CSR32] over indptr, indices and values, which
// it keeps without copying. It checks what [NewCSR] checks.
func NewCSR32(rows, cols int, indptr []int, indices []int32, values []float32) (*CSR32, error) {
	if err := checkCSRShape("NewCSR32", rows, cols, indptr, len(indices), len(values)); err != nil {
		return nil, err
	}
	for i := 0; i < rows; i++ {
		for p := indptr[i]; p < indptr[i+1]; p++ {
			if err := checkCSREntry(i, p-indptr[i], cols, indices, indptr[i], p); err != nil {
				return nil, err
			}
			if v := float64(values[p]); math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, &Error{Field: "X", Row: i, Col: int(indices[p]), Value: fmtFloat(v), Err: ErrNotFinite}
			}
		}
	}
	return &CSR32{rows: rows, cols: cols, indptr: indptr, indices: indices, values: values}, nil
}

// Dims returns the number of rows and columns.
func (m *CSR32) Dims() (rows, cols int) { return m.rows, m.cols }

// NNZ returns the number of stored entries.
func (m *CSR32) NNZ() int { return m.indptr[m.rows] - m.indptr[0] }

// RowNZ returns the column indices and values of the stored entries of row
// i, sharing storage with m.
func (m *CSR32) RowNZ(i int) (indices []int32, values []float32) {
	a, b := m.indptr[i], m.indptr[i+1]
	return m.indices[a:b:b], m.values[a:b:b]
}

// RawCSR returns the backing slices, shared with m. For a matrix made by
// [Slice] indptr[0] may be nonzero: entries are addressed by the absolute
// offsets in indptr.
func (m *CSR32) RawCSR() (indptr []int, indices []int32, values []float32) {
	return m.indptr, m.indices, m.values
}

// MulVec sets dst[i-lo] = x_i · w for lo ≤ i < hi.
func (m *CSR32) MulVec(dst, w []float64, lo, hi int) {
	w = w[:m.cols]
	dst = dst[:hi-lo]
	ptr := m.indptr[lo : hi+1]
	for i := range dst {
		a, b := ptr[i], ptr[i+1]
		idx, val := m.indices[a:b], m.values[a:b]
		val = val[:len(idx)]
		var s0, s1 float64
		p := 0
		for ; p+2 <= len(idx); p += 2 {
			s0 += float64(val[p]) * w[idx[p]]
			s1 += float64(val[p+1]) * w[idx[p+1]]
		}
		if p < len(idx) {
			s0 += float64(val[p]) * w[idx[p]]
		}
		dst[i] = s0 + s1
	}
}

// MulMat sets dst[(i-lo)*k+j] = x_i · W[j*cols:(j+1)*cols].
func (m *CSR32) MulMat(dst, W []float64, k, lo, hi int) {
	c := m.cols
	W = W[:k*c]
	dst = dst[:(hi-lo)*k]
	clear(dst)
	for i := lo; i < hi; i++ {
		a, b := m.indptr[i], m.indptr[i+1]
		idx, val := m.indices[a:b], m.values[a:b]
		val = val[:len(idx)]
		d := dst[(i-lo)*k : (i-lo+1)*k]
		for p, col := range idx {
			v := float64(val[p])
			for j := range d {
				d[j] += v * W[j*c+int(col)]
			}
		}
	}
}

// AddTransVec adds Σ_{lo ≤ i < hi} r[i-lo] · x_i to g.
func (m *CSR32) AddTransVec(g, r []float64, lo, hi int) {
	g = g[:m.cols]
	r = r[:hi-lo]
	ptr := m.indptr[lo : hi+1]
	for i, ri := range r {
		a, b := ptr[i], ptr[i+1]
		idx, val := m.indices[a:b], m.values[a:b]
		val = val[:len(idx)]
		for p, j := range idx {
			g[j] += ri * float64(val[p])
		}
	}
}

// AddTransMat adds Rᵀ X[lo:hi] to G (k×cols).
func (m *CSR32) AddTransMat(G, R []float64, k, lo, hi int) {
	c := m.cols
	G = G[:k*c]
	R = R[:(hi-lo)*k]
	for i := lo; i < hi; i++ {
		a, b := m.indptr[i], m.indptr[i+1]
		idx, val := m.indices[a:b], m.values[a:b]
		val = val[:len(idx)]
		r := R[(i-lo)*k : (i-lo+1)*k]
		for p, col := range idx {
			v := float64(val[p])
			for j, rj := range r {
				G[j*c+int(col)] += rj * v
			}
		}
	}
}

// DenseRows writes rows [lo, hi) densely into dst, zeros included.
func (m *CSR32) DenseRows(dst []float64, lo, hi int) {
	c := m.cols
	dst = dst[:(hi-lo)*c]
	clear(dst)
	for i := lo; i < hi; i++ {
		d := dst[(i-lo)*c : (i-lo+1)*c]
		for p := m.indptr[i]; p < m.indptr[i+1]; p++ {
			d[m.indices[p]] = float64(m.values[p])
		}
	}
}
