package preprocess

import (
	"fmt"
	"math"

	"github.com/xent-ml/xent/data"
)

// float is the element type of the sparse layouts.
type float interface{ float32 | float64 }

// sparse is the part of data.CSR and data.CSR32 that the transformations
// use.
type sparse[T float] interface {
	Dims() (int, int)
	RowNZ(i int) ([]int32, []T)
	NNZ() int
}

// chunkRows returns the rows per chunk when a dense pass reads a matrix of
// cols columns through DenseRows: about 64 KiB of float64.
func chunkRows(cols int) int { return max(1, 8192/max(cols, 1)) }

// forChunks calls fn for consecutive chunks of rows of x, read densely into
// a scratch buffer; fn gets the first row index and the chunk, row-major.
func forChunks(x data.Matrix, fn func(lo int, chunk []float64) error) error {
	n, p := x.Dims()
	step := chunkRows(p)
	buf := make([]float64, min(step, n)*p)
	for lo := 0; lo < n; lo += step {
		hi := min(lo+step, n)
		chunk := buf[:(hi-lo)*p]
		x.DenseRows(chunk, lo, hi)
		if err := fn(lo, chunk); err != nil {
			return err
		}
	}
	return nil
}

// checkFinite returns an error naming the first non-finite value of the
// row-major chunk whose first row is lo.
func checkFinite(step string, chunk []float64, lo, p int) error {
	for i, v := range chunk {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return notFinite(step, lo+i/p, i%p, v)
		}
	}
	return nil
}

// checkNil returns an error wrapping data.ErrShape when x is nil or a nil
// pointer to a layout of package data, on which Dims would panic.
func checkNil(step string, x data.Matrix) error {
	if data.IsNil(x) {
		return stepErr(step, fmt.Errorf("X is nil: %w", data.ErrShape))
	}
	return nil
}

// checkWidth returns an error unless x is not nil and has want columns.
func checkWidth(step string, x data.Matrix, want int) error {
	if err := checkNil(step, x); err != nil {
		return err
	}
	if _, p := x.Dims(); p != want {
		return stepErr(step, fmt.Errorf("X has %d columns, want %d: %w", p, want, data.ErrShape))
	}
	return nil
}

// checkDenseLen returns an error unless src holds rows×in values and dst is
// nil or holds rows×out values.
func checkDenseLen(step string, dst, src []float64, rows, in, out int) error {
	if rows < 0 || len(src) != rows*in {
		return stepErr(step, fmt.Errorf("src has %d values, want %d rows × %d columns: %w", len(src), rows, in, data.ErrShape))
	}
	if dst != nil && len(dst) != rows*out {
		return stepErr(step, fmt.Errorf("dst has %d values, want %d rows × %d columns: %w", len(dst), rows, out, data.ErrShape))
	}
	return nil
}

// scaleSparse returns a CSR copy of s with each value of column j multiplied
// by mul[j], checking that the products are finite.
func scaleSparse[T float](step string, s sparse[T], mul []float64) (*data.CSR, error) {
	n, p := s.Dims()
	nnz := s.NNZ()
	indptr := make([]int, n+1)
	indices := make([]int32, 0, nnz)
	values := make([]float64, 0, nnz)
	for i := range n {
		idx, val := s.RowNZ(i)
		for k, j := range idx {
			v := float64(val[k])
			z := v * mul[j]
			if math.IsNaN(z) || math.IsInf(z, 0) {
				return nil, badResult(step, i, int(j), v)
			}
			values = append(values, z)
		}
		indices = append(indices, idx...)
		indptr[i+1] = len(indices)
	}
	return data.NewCSR(n, p, indptr, indices, values)
}

// asCSR returns x as one of the sparse layouts, or ok = false.
func asCSR(x data.Matrix) (c *data.CSR, c32 *data.CSR32, ok bool) {
	switch m := x.(type) {
	case *data.CSR:
		return m, nil, true
	case *data.CSR32:
		return nil, m, true
	}
	return nil, nil, false
}

// reciprocals returns 1/s for each element of s, as scikit-learn's
// inplace_column_scale(X, 1 / scale_) multiplies sparse data.
func reciprocals(s []float64) []float64 {
	r := make([]float64, len(s))
	for j, v := range s {
		r[j] = 1 / v
	}
	return r
}

// validScale checks that every element of scale is finite and positive.
func validScale(step, field string, scale []float64) error {
	for j, v := range scale {
		if !(v > 0) || math.IsInf(v, 0) {
			return stepErr(step, fmt.Errorf("%s[%d] = %s: want a finite positive scale: %w", field, j, fmtFloat(v), ErrInvalid))
		}
	}
	return nil
}

// validFinite checks that every element of v is finite.
func validFinite(step, field string, v []float64) error {
	for j, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return stepErr(step, fmt.Errorf("%s[%d] = %s: %w", field, j, fmtFloat(x), ErrInvalid))
		}
	}
	return nil
}

// scaleCSR multiplies the columns of the CSR or CSR32 matrix (whichever is
// not nil, as asCSR returns them) by the reciprocals of scale.
func scaleCSR(step string, c *data.CSR, c32 *data.CSR32, scale []float64) (*data.CSR, error) {
	if c != nil {
		return scaleSparse(step, c, reciprocals(scale))
	}
	return scaleSparse(step, c32, reciprocals(scale))
}

// transformCopy densifies x into a new buffer, transforms it in place with
// a step's TransformDense and returns it as a [data.Dense].
func transformCopy(x data.Matrix, transform func(dst, src []float64, rows int) ([]float64, error)) (data.Matrix, error) {
	n, p := x.Dims()
	out := make([]float64, n*p)
	x.DenseRows(out, 0, n)
	if _, err := transform(out, out, n); err != nil {
		return nil, err
	}
	return data.NewDense(n, p, out)
}
