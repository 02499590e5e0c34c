package data

import (
	"fmt"
	"math"
	"strconv"
)

// CSR is a rows×cols sparse matrix in compressed sparse row form with
// float64 values: the nonzeros of row i are values[p] at column indices[p]
// for indptr[i] ≤ p < indptr[i+1], with column indices strictly increasing
// within a row. Explicitly stored zeros are allowed. It implements [Matrix];
// its kernels loop over the stored entries only.
//
// Column indices are int32, as scipy.sparse uses when they fit: they halve
// the index traffic of the kernels and limit cols to 2³¹-1.
type CSR struct {
	rows, cols int
	indptr     []int // len rows+1; indptr[0] is nonzero in a row view
	indices    []int32
	values     []float64
}

// NewCSR returns a rows×cols [CSR] over indptr, indices and values, which it
// keeps without copying.
//
// It checks that len(indptr) == rows+1, indptr[0] == 0, indptr is
// non-decreasing and ends at len(indices) == len(values) (errors wrap
// [ErrShape]), that every column index is in [0, cols) ([ErrIndex]) and
// strictly increasing within its row ([ErrUnsorted]), and that every value is
// finite ([ErrNotFinite]); errors about one entry are an [*Error] naming its
// row and column.
func NewCSR(rows, cols int, indptr []int, indices []int32, values []float64) (*CSR, error) {
	if err := checkCSRShape("NewCSR", rows, cols, indptr, len(indices), len(values)); err != nil {
		return nil, err
	}
	for i := 0; i < rows; i++ {
		for p := indptr[i]; p < indptr[i+1]; p++ {
			if err := checkCSREntry(i, p-indptr[i], cols, indices, indptr[i], p); err != nil {
				return nil, err
			}
			if v := values[p]; math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, &Error{Field: "X", Row: i, Col: int(indices[p]), Value: fmtFloat(v), Err: ErrNotFinite}
			}
		}
	}
	return &CSR{rows: rows, cols: cols, indptr: indptr, indices: indices, values: values}, nil
}

func checkCSRShape(op string, rows, cols int, indptr []int, nind, nval int) error {
	if rows < 0 || cols < 0 || cols > math.MaxInt32 {
		return fmt.Errorf("data: %s: bad dimension %d×%d: %w", op, rows, cols, ErrShape)
	}
	if len(indptr) != rows+1 {
		return fmt.Errorf("data: %s: len(indptr) = %d, want rows+1 = %d: %w", op, len(indptr), rows+1, ErrShape)
	}
	if indptr[0] != 0 {
		return &Error{Field: "indptr", Row: 0, Col: -1, Value: strconv.Itoa(indptr[0]),
			Err: fmt.Errorf("want 0: %w", ErrShape)}
	}
	for i := 0; i < rows; i++ {
		if indptr[i+1] < indptr[i] {
			return &Error{Field: "indptr", Row: i + 1, Col: -1, Value: strconv.Itoa(indptr[i+1]),
				Err: fmt.Errorf("decreasing: %w", ErrShape)}
		}
	}
	if indptr[rows] != nind || nind != nval {
		return fmt.Errorf("data: %s: indptr[%d] = %d, len(indices) = %d, len(values) = %d, want equal: %w",
			op, rows, indptr[rows], nind, nval, ErrShape)
	}
	return nil
}

// checkCSREntry checks the column index of entry p of row i (the k-th of its
// row, row starting at start).
func checkCSREntry(i, k, cols int, indices []int32, start, p int) error {
	j := indices[p]
	if j < 0 || int(j) >= cols {
		return &Error{Field: "indices", Row: i, Col: k, Value: strconv.Itoa(int(j)),
			Err: fmt.Errorf("column index out of range [0, %d): %w", cols, ErrIndex)}
	}
	if p > start && j <= indices[p-1] {
		return &Error{Field: "indices", Row: i, Col: k, Value: strconv.Itoa(int(j)),
			Err: fmt.Errorf("after %d: %w", indices[p-1], ErrUnsorted)}
	}
	return nil
}

// Dims returns the number of rows and columns.
func (m *CSR) Dims() (rows, cols int) { return m.rows, m.cols }

// NNZ returns the number of stored entries.
func (m *CSR) NNZ() int { return m.indptr[m.rows] - m.indptr[0] }

// RowNZ returns the column indices and values of the stored entries of row
// i, sharing storage with m.
func (m *CSR) RowNZ(i int) (indices []int32, values []float64) {
	a, b := m.indptr[i], m.indptr[i+1]
	return m.indices[a:b:b], m.values[a:b:b]
}

// RawCSR returns the backing slices, shared with m. For a matrix made by
// [Slice] indptr[0] may be nonzero: entries are addressed by the absolute
// offsets in indptr.
func (m *CSR) RawCSR() (indptr []int, indices []int32, values []float64) {
	return m.indptr, m.indices, m.values
}

// MulVec sets dst[i-lo] = x_i · w for lo ≤ i < hi.
func (m *CSR) MulVec(dst, w []float64, lo, hi int) {
	w = w[:m.cols]
	dst = dst[:hi-lo]
	ptr := m.indptr[lo : hi+1]
	for i := range dst {
		a, b := ptr[i], ptr[i+1]
		idx, val := m.indices[a:b], m.values[a:b]
		val = val[:len(idx)]
		dst[i] = sparseDot(idx, val, w)
	}
}

// sparseDot returns Σ val[p]·w[idx[p]] with four independent sums, so
// that the loads of w overlap; len(val) ≥ len(idx).
func sparseDot(idx []int32, val, w []float64) float64 {
	val = val[:len(idx)]
	var s0, s1, s2, s3 float64
	p := 0
	for ; p+4 <= len(idx); p += 4 {
		ix, vx := idx[p:p+4:p+4], val[p:p+4:p+4]
		s0 += vx[0] * w[ix[0]]
		s1 += vx[1] * w[ix[1]]
		s2 += vx[2] * w[ix[2]]
		s3 += vx[3] * w[ix[3]]
	}
	for ; p < len(idx); p++ {
		s0 += val[p] * w[idx[p]]
	}
	return (s0 + s1) + (s2 + s3)
}

// GramVec adds Σᵢ uᵢ·xᵢ to g and returns Σᵢ uᵢ for lo ≤ i < hi, where
// uᵢ = h[i−lo]·(xᵢ·w + b): the sparse form of [vec.GramVec], a binary
// model's Hessian-vector product over a block of rows, reading each row
// once (MulVec then AddTransVec read it twice).
func (m *CSR) GramVec(w, g, h []float64, b float64, lo, hi int) float64 {
	w, g = w[:m.cols], g[:m.cols]
	h = h[:hi-lo]
	ptr := m.indptr[lo : hi+1]
	var sum float64
	for i, hv := range h {
		a, e := ptr[i], ptr[i+1]
		idx, val := m.indices[a:e], m.values[a:e]
		val = val[:len(idx)]
		u := hv * (sparseDot(idx, val, w) + b)
		sum += u
		for p, j := range idx {
			g[j] += u * val[p]
		}
	}
	return sum
}

// MulMat sets dst[(i-lo)*k+j] = x_i · W[j*cols:(j+1)*cols].
func (m *CSR) MulMat(dst, W []float64, k, lo, hi int) {
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
			v := val[p]
			for j := range d {
				d[j] += v * W[j*c+int(col)]
			}
		}
	}
}

// AddTransVec adds Σ_{lo ≤ i < hi} r[i-lo] · x_i to g.
func (m *CSR) AddTransVec(g, r []float64, lo, hi int) {
	g = g[:m.cols]
	r = r[:hi-lo]
	ptr := m.indptr[lo : hi+1]
	for i, ri := range r {
		a, b := ptr[i], ptr[i+1]
		idx, val := m.indices[a:b], m.values[a:b]
		val = val[:len(idx)]
		for p, j := range idx {
			g[j] += ri * val[p]
		}
	}
}

// AddTransMat adds Rᵀ X[lo:hi] to G (k×cols).
func (m *CSR) AddTransMat(G, R []float64, k, lo, hi int) {
	c := m.cols
	G = G[:k*c]
	R = R[:(hi-lo)*k]
	for i := lo; i < hi; i++ {
		a, b := m.indptr[i], m.indptr[i+1]
		idx, val := m.indices[a:b], m.values[a:b]
		val = val[:len(idx)]
		r := R[(i-lo)*k : (i-lo+1)*k]
		for p, col := range idx {
			v := val[p]
			for j, rj := range r {
				G[j*c+int(col)] += rj * v
			}
		}
	}
}

// DenseRows writes rows [lo, hi) densely into dst, zeros included.
func (m *CSR) DenseRows(dst []float64, lo, hi int) {
	dst = dst[:(hi-lo)*m.cols]
	clear(dst)
	m.scatter(dst, lo, hi)
}

// scatter writes the stored values of rows [lo, hi) into the zeroed dst.
func (m *CSR) scatter(dst []float64, lo, hi int) {
	c := m.cols
	for i := lo; i < hi; i++ {
		d := dst[(i-lo)*c : (i-lo+1)*c]
		for p := m.indptr[i]; p < m.indptr[i+1]; p++ {
			d[m.indices[p]] = m.values[p]
		}
	}
}
