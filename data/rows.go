package data

import (
	"fmt"
	"math"
	"strconv"

	"github.com/xent-ml/xent/internal/bigmem"
)

// Rows returns the rows idx of m, in the order given (repeats allowed), as a
// new matrix of the same layout: a [*Dense] from a [*Dense], a [*Dense32]
// from a [*Dense32], a [*CSR] from a [*CSR], a [*CSR32] from a [*CSR32],
// and a [*Dense] (through [Matrix.DenseRows]) from any other [Matrix].
//
// Rows always copies: the result owns len(idx) rows of storage and shares
// nothing with m, so that the training kernels read contiguous memory (use
// [Slice] for a view of a contiguous range, which copies nothing). An index
// out of range gives an [*Error] naming its position in idx, wrapping
// [ErrIndex]; a nil m gives an error wrapping [ErrShape].
func Rows(m Matrix, idx []int) (Matrix, error) {
	if IsNil(m) {
		return nil, fmt.Errorf("data: Rows: nil matrix: %w", ErrShape)
	}
	n, c := m.Dims()
	for k, i := range idx {
		if i < 0 || i >= n {
			return nil, &Error{Field: "idx", Row: k, Col: -1, Value: strconv.Itoa(i),
				Err: fmt.Errorf("row index out of range [0, %d): %w", n, ErrIndex)}
		}
	}
	switch m := m.(type) {
	case *Dense:
		out := make([]float64, len(idx)*c)
		for k, i := range idx {
			copy(out[k*c:(k+1)*c], m.data[i*c:(i+1)*c])
		}
		return &Dense{rows: len(idx), cols: c, data: out}, nil
	case *Dense32:
		out := make([]float32, len(idx)*c)
		for k, i := range idx {
			copy(out[k*c:(k+1)*c], m.data[i*c:(i+1)*c])
		}
		return &Dense32{rows: len(idx), cols: c, data: out}, nil
	case *CSR:
		ptr, ind, val := gatherCSR(m.indptr, m.indices, m.values, idx)
		return &CSR{rows: len(idx), cols: c, indptr: ptr, indices: ind, values: val}, nil
	case *CSR32:
		ptr, ind, val := gatherCSR(m.indptr, m.indices, m.values, idx)
		return &CSR32{rows: len(idx), cols: c, indptr: ptr, indices: ind, values: val}, nil
	}
	out := make([]float64, len(idx)*c)
	for k, i := range idx {
		m.DenseRows(out[k*c:(k+1)*c], i, i+1)
	}
	return &Dense{rows: len(idx), cols: c, data: out}, nil
}

func gatherCSR[T float32 | float64](indptr []int, indices []int32, values []T, idx []int) ([]int, []int32, []T) {
	nnz := 0
	for _, i := range idx {
		nnz += indptr[i+1] - indptr[i]
	}
	ptr := make([]int, len(idx)+1)
	ind := make([]int32, 0, nnz)
	val := make([]T, 0, nnz)
	for k, i := range idx {
		a, b := indptr[i], indptr[i+1]
		ind = append(ind, indices[a:b]...)
		val = append(val, values[a:b]...)
		ptr[k+1] = len(ind)
	}
	return ptr, ind, val
}

// Slice returns a view of rows [lo, hi) of m that shares its storage and
// copies nothing (O(1) for the four layouts of this package; a wrapper that
// offsets the row range for any other [Matrix]). It returns an error
// wrapping [ErrIndex] unless 0 ≤ lo ≤ hi ≤ rows, and one wrapping
// [ErrShape] for a nil m.
func Slice(m Matrix, lo, hi int) (Matrix, error) {
	if IsNil(m) {
		return nil, fmt.Errorf("data: Slice: nil matrix: %w", ErrShape)
	}
	n, c := m.Dims()
	if lo < 0 || hi < lo || hi > n {
		return nil, fmt.Errorf("data: Slice: rows [%d, %d) out of range [0, %d]: %w", lo, hi, n, ErrIndex)
	}
	switch m := m.(type) {
	case *Dense:
		return &Dense{rows: hi - lo, cols: c, data: m.data[lo*c : hi*c : hi*c]}, nil
	case *Dense32:
		return &Dense32{rows: hi - lo, cols: c, data: m.data[lo*c : hi*c : hi*c]}, nil
	case *CSR:
		return &CSR{rows: hi - lo, cols: c, indptr: m.indptr[lo : hi+1], indices: m.indices, values: m.values}, nil
	case *CSR32:
		return &CSR32{rows: hi - lo, cols: c, indptr: m.indptr[lo : hi+1], indices: m.indices, values: m.values}, nil
	case *rowView:
		return &rowView{m: m.m, off: m.off + lo, rows: hi - lo}, nil
	}
	return &rowView{m: m, off: lo, rows: hi - lo}, nil
}

// IsNil reports whether m is nil or a nil pointer to one of the layouts of
// this package ([*Dense], [*Dense32], [*CSR], [*CSR32]), on which Dims would
// panic. Functions that take a Matrix use it to return an error instead.
func IsNil(m Matrix) bool {
	switch m := m.(type) {
	case nil:
		return true
	case *Dense:
		return m == nil
	case *Dense32:
		return m == nil
	case *CSR:
		return m == nil
	case *CSR32:
		return m == nil
	case *rowView:
		return m == nil
	}
	return false
}

// rowView is a contiguous range of rows of another Matrix.
type rowView struct {
	m         Matrix
	off, rows int
}

func (v *rowView) Dims() (int, int) { _, c := v.m.Dims(); return v.rows, c }
func (v *rowView) MulVec(dst, w []float64, lo, hi int) {
	v.m.MulVec(dst, w, lo+v.off, hi+v.off)
}
func (v *rowView) MulMat(dst, W []float64, k, lo, hi int) {
	v.m.MulMat(dst, W, k, lo+v.off, hi+v.off)
}
func (v *rowView) AddTransVec(g, r []float64, lo, hi int) {
	v.m.AddTransVec(g, r, lo+v.off, hi+v.off)
}
func (v *rowView) AddTransMat(G, R []float64, k, lo, hi int) {
	v.m.AddTransMat(G, R, k, lo+v.off, hi+v.off)
}
func (v *rowView) DenseRows(dst []float64, lo, hi int) { v.m.DenseRows(dst, lo+v.off, hi+v.off) }

// ToDense returns m as a [*Dense]: m itself when it is one (no copy), else a
// new dense copy made through [Matrix.DenseRows]. A nil m (or a nil
// pointer to a layout of this package) gives an empty 0×0 Dense.
func ToDense(m Matrix) *Dense {
	if IsNil(m) {
		return &Dense{}
	}
	if d, ok := m.(*Dense); ok {
		return d
	}
	n, c := m.Dims()
	out := make([]float64, n*c)
	if s, ok := m.(*CSR); ok {
		// out is zeroed already: scatter the stored values only. (DenseRows
		// would clear it again in one call, which the garbage collector
		// cannot preempt, and it stalls the collector's workers.)
		s.scatter(out, 0, n)
	} else {
		m.DenseRows(out, 0, n)
	}
	return &Dense{rows: n, cols: c, data: out}
}

// ToCSR returns m as a [*CSR]: m itself when it is one (no copy), a widened
// copy of a [*CSR32], else a copy of the nonzero entries of m. A nil m (or
// a nil pointer to a layout of this package) gives an empty 0×0 CSR.
func ToCSR(m Matrix) *CSR {
	if IsNil(m) {
		return &CSR{indptr: []int{0}}
	}
	switch m := m.(type) {
	case *CSR:
		return m
	case *CSR32:
		a, b := m.indptr[0], m.indptr[m.rows]
		ptr := make([]int, m.rows+1)
		for i := range ptr {
			ptr[i] = m.indptr[i] - a
		}
		ind := append([]int32(nil), m.indices[a:b]...)
		val := make([]float64, b-a)
		for p, v := range m.values[a:b] {
			val[p] = float64(v)
		}
		return &CSR{rows: m.rows, cols: m.cols, indptr: ptr, indices: ind, values: val}
	}
	n, c := m.Dims()
	row := make([]float64, c)
	ptr := make([]int, n+1)
	var ind []int32
	var val []float64
	for i := 0; i < n; i++ {
		m.DenseRows(row, i, i+1)
		for j, v := range row {
			if v != 0 {
				ind = append(ind, int32(j))
				val = append(val, v)
			}
		}
		ptr[i+1] = len(ind)
	}
	return &CSR{rows: n, cols: c, indptr: ptr, indices: ind, values: val}
}

// ToFloat32 returns m with float32 storage: a [*Dense32] for a [*Dense], a
// [*CSR32] for a [*CSR], m itself for a [*Dense32] or [*CSR32], and a
// [*Dense32] for any other [Matrix]. Values are rounded to the nearest
// float32; a finite value beyond the float32 range gives an [*Error] naming
// its row and column, wrapping [ErrNotFinite]. A nil m gives an error
// wrapping [ErrShape].
func ToFloat32(m Matrix) (Matrix, error) {
	if IsNil(m) {
		return nil, fmt.Errorf("data: ToFloat32: nil matrix: %w", ErrShape)
	}
	switch m := m.(type) {
	case *Dense32, *CSR32:
		return m, nil
	case *CSR:
		a, b := m.indptr[0], m.indptr[m.rows]
		ptr := make([]int, m.rows+1)
		for i := range ptr {
			ptr[i] = m.indptr[i] - a
		}
		val := make([]float32, b-a)
		for i := 0; i < m.rows; i++ {
			for p := m.indptr[i]; p < m.indptr[i+1]; p++ {
				f := float32(m.values[p])
				if math.IsInf(float64(f), 0) {
					return nil, &Error{Field: "X", Row: i, Col: int(m.indices[p]), Value: fmtFloat(m.values[p]),
						Err: fmt.Errorf("overflows float32: %w", ErrNotFinite)}
				}
				val[p-a] = f
			}
		}
		ind := append([]int32(nil), m.indices[a:b]...)
		return &CSR32{rows: m.rows, cols: m.cols, indptr: ptr, indices: ind, values: val}, nil
	}
	d := ToDense(m)
	out := bigmem.Make[float32](len(d.data), len(d.data))
	for k, v := range d.data {
		f := float32(v)
		if math.IsInf(float64(f), 0) {
			return nil, &Error{Field: "X", Row: k / d.cols, Col: k % d.cols, Value: fmtFloat(v),
				Err: fmt.Errorf("overflows float32: %w", ErrNotFinite)}
		}
		out[k] = f
	}
	return &Dense32{rows: d.rows, cols: d.cols, data: out}, nil
}

// Subset returns the samples idx of d (in that order) as a new [Dataset]:
// X through [Rows] (a copy), Y and SampleWeight gathered into new slices,
// Classes and FeatureNames shared with d. Index errors are as for [Rows];
// Y or SampleWeight of the wrong length gives an error wrapping [ErrShape].
func (d *Dataset) Subset(idx []int) (*Dataset, error) {
	if n := d.NumSamples(); len(d.Y) != n || (d.SampleWeight != nil && len(d.SampleWeight) != n) {
		return nil, fmt.Errorf("data: Subset: len(Y) = %d, len(SampleWeight) = %d, want %d rows: %w",
			len(d.Y), len(d.SampleWeight), n, ErrShape)
	}
	x, err := Rows(d.X, idx)
	if err != nil {
		return nil, err
	}
	out := &Dataset{X: x, Y: make([]int, len(idx)), Classes: d.Classes, FeatureNames: d.FeatureNames}
	for k, i := range idx {
		out.Y[k] = d.Y[i]
	}
	if d.SampleWeight != nil {
		out.SampleWeight = make([]float64, len(idx))
		for k, i := range idx {
			out.SampleWeight[k] = d.SampleWeight[i]
		}
	}
	return out, nil
}
