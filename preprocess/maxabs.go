package preprocess

import (
	"fmt"
	"math"

	"github.com/xent-ml/xent/data"
)

const stepMaxAbs = "max-abs"

// MaxAbsScaler divides each column by its largest absolute training value,
// as scikit-learn's MaxAbsScaler, so that the values lie in [−1, 1] and
// zeros stay zeros (it suits sparse data):
//
//	z_ij = x_ij / Scale[j]          (dense data)
//	z_ij = x_ij · (1 / Scale[j])    (sparse data, as scikit-learn's inplace_column_scale)
type MaxAbsScaler struct {
	// Scale holds max_i |x_ij| for each column j, or 1 where that is below
	// 10·ε (ε = 2⁻⁵²), as scikit-learn's _handle_zeros_in_scale.
	Scale []float64 `json:"scale"`
}

// FitMaxAbs returns the MaxAbsScaler of x, as scikit-learn 1.2's
// MaxAbsScaler().fit(x): Scale[j] = max_i |x_ij| over every row (implicit
// zeros of sparse data included), replaced by 1 where it is below 10·2⁻⁵².
// It returns an error when x is nil or has no rows (wrapping
// [data.ErrShape]) or naming a NaN or an infinity ([data.ErrNotFinite]).
func FitMaxAbs(x data.Matrix) (*MaxAbsScaler, error) {
	if err := checkNil(stepMaxAbs, x); err != nil {
		return nil, err
	}
	n, p := x.Dims()
	if n == 0 {
		return nil, stepErr(stepMaxAbs, fmt.Errorf("no rows to fit: %w", data.ErrShape))
	}
	scale := make([]float64, p)
	var err error
	c, c32, _ := asCSR(x)
	switch {
	case c != nil:
		err = sparseMaxAbs(c, scale)
	case c32 != nil:
		err = sparseMaxAbs(c32, scale)
	default:
		err = forChunks(x, func(lo int, chunk []float64) error {
			if err := checkFinite(stepMaxAbs, chunk, lo, p); err != nil {
				return err
			}
			for r := 0; r < len(chunk); r += p {
				for j, v := range chunk[r : r+p] {
					scale[j] = max(scale[j], math.Abs(v))
				}
			}
			return nil
		})
	}
	if err != nil {
		return nil, err
	}
	for j, v := range scale {
		if v < 10*0x1p-52 {
			scale[j] = 1
		}
	}
	return &MaxAbsScaler{Scale: scale}, nil
}

func sparseMaxAbs[T float](s sparse[T], scale []float64) error {
	n, _ := s.Dims()
	for i := range n {
		idx, val := s.RowNZ(i)
		for k, j := range idx {
			v := float64(val[k])
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return notFinite(stepMaxAbs, i, int(j), v)
			}
			scale[j] = max(scale[j], math.Abs(v))
		}
	}
	return nil
}

// Validate checks the fitted parameters, as after loading them from a file:
// Scale not empty, finite and positive. Errors wrap [ErrInvalid].
func (s *MaxAbsScaler) Validate() error {
	if len(s.Scale) == 0 {
		return stepErr(stepMaxAbs, fmt.Errorf("no scale: %w", ErrInvalid))
	}
	return validScale(stepMaxAbs, "scale", s.Scale)
}

// OutputWidth returns the number of columns Transform produces from in input
// columns: in, which must equal len(Scale) (else an error wrapping
// [data.ErrShape]).
func (s *MaxAbsScaler) OutputWidth(in int) (int, error) {
	if in != len(s.Scale) {
		return 0, stepErr(stepMaxAbs, fmt.Errorf("X has %d columns, want %d: %w", in, len(s.Scale), data.ErrShape))
	}
	return in, nil
}

// Transform returns x scaled, as a new matrix: a [data.CSR] for CSR or CSR32
// input, a [data.Dense] otherwise. It returns an error when x does not have
// len(Scale) columns, or naming the first NaN or infinity.
func (s *MaxAbsScaler) Transform(x data.Matrix) (data.Matrix, error) {
	if err := checkWidth(stepMaxAbs, x, len(s.Scale)); err != nil {
		return nil, err
	}
	if c, c32, ok := asCSR(x); ok {
		return scaleCSR(stepMaxAbs, c, c32, s.Scale)
	}
	return transformCopy(x, s.TransformDense)
}

// TransformDense writes the scaled rows of src (rows × len(Scale),
// row-major) into dst and returns dst: x/Scale. A nil dst is allocated; dst
// may alias src. It allocates nothing when dst is given. Errors name the row
// (counted from the first row of src) and column of a NaN or an infinity.
func (s *MaxAbsScaler) TransformDense(dst, src []float64, rows int) ([]float64, error) {
	p := len(s.Scale)
	if err := checkDenseLen(stepMaxAbs, dst, src, rows, p, p); err != nil {
		return nil, err
	}
	if dst == nil {
		dst = make([]float64, len(src))
	}
	if p == 0 {
		return dst, nil
	}
	for r := 0; r < len(src); r += p {
		in, out := src[r:r+p], dst[r:r+p]
		for j, v := range in {
			z := v / s.Scale[j]
			if math.IsNaN(z) || math.IsInf(z, 0) {
				return dst, badResult(stepMaxAbs, r/p, j, v)
			}
			out[j] = z
		}
	}
	return dst, nil
}
