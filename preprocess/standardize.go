package preprocess

import (
	"fmt"
	"math"

	"github.com/xent-ml/xent/data"
)

const stepStandardize = "standardize"

// Standardizer centers and scales each column, as scikit-learn's
// StandardScaler:
//
//	z_ij = (x_ij − Mean[j]) / Scale[j]      (dense data, Mean not nil)
//	z_ij = x_ij · (1 / Scale[j])            (sparse data, or Mean nil)
//
// Scale[j] is the population standard deviation (ddof = 0) of column j, or 1
// for a column that is constant to rounding (see [FitStandardizer]). Fitted on
// sparse data it has no Mean and scales only, as
// StandardScaler(with_mean=False): centering would turn every stored zero
// into a nonzero. A Standardizer with a Mean refuses sparse input
// ([ErrSparseCenter]), as scikit-learn does.
type Standardizer struct {
	// Mean holds the training mean of each column; nil when fitted on
	// sparse data (no centering).
	Mean []float64 `json:"mean,omitempty"`
	// Scale holds the divisor of each column: finite and positive.
	Scale []float64 `json:"scale"`
}

// FitStandardizer returns the Standardizer of x, computed as scikit-learn
// 1.2's StandardScaler().fit(x) (x dense) or StandardScaler(with_mean=False)
// (x CSR or CSR32), without sample weights:
//
//	Mean[j]  = Σ_i x_ij / n                       (sums in row order)
//	var[j]   = (Σ_i d_ij² − (Σ_i d_ij)² / n) / n,  d_ij = x_ij − Mean[j]
//	Scale[j] = sqrt(var[j]), or 1 when var[j] ≤ n·ε·var[j] + (n·Mean[j]·ε)²
//
// the corrected two-pass variance of Chan, Golub and LeVeque (1983) that
// scikit-learn's _incremental_mean_and_var uses, and its test for a column
// constant to rounding (_is_constant_feature, ε = 2⁻⁵²). On sparse data the
// sums run over the stored entries and add the implicit zeros in closed form,
// as scikit-learn's csr_mean_variance_axis0.
//
// A column whose largest magnitude is beyond 2⁴⁸⁰ or below 2⁻⁴⁸⁰ (where
// the sums of squares would overflow or underflow) is summed in units of a
// power of two near that magnitude; the scaling is exact, so such columns
// are standardized (a column of values near 1e200 gets a Scale near 1e200,
// not 1) and other columns give the same bits as before.
//
// It returns an error when x is nil or has no rows (wrapping
// [data.ErrShape]) or holds
// a NaN or an infinity ([data.ErrNotFinite], naming the row and column).
func FitStandardizer(x data.Matrix) (*Standardizer, error) {
	if err := checkNil(stepStandardize, x); err != nil {
		return nil, err
	}
	n, _ := x.Dims()
	if n == 0 {
		return nil, stepErr(stepStandardize, fmt.Errorf("no rows to fit: %w", data.ErrShape))
	}
	var mean, variance, unit []float64
	var err error
	c, c32, isSparse := asCSR(x)
	switch {
	case c != nil:
		mean, variance, unit, err = sparseMeanVar(stepStandardize, c)
	case c32 != nil:
		mean, variance, unit, err = sparseMeanVar(stepStandardize, c32)
	default:
		mean, variance, unit, err = denseMeanVar(x)
	}
	if err != nil {
		return nil, err
	}
	s := &Standardizer{Scale: variance}
	const eps = 0x1p-52
	fn := float64(n)
	for j, v := range variance {
		// In the column's unit: the test is invariant under scaling.
		bound := fn*eps*v + (fn*mean[j]*eps)*(fn*mean[j]*eps)
		if v <= bound {
			s.Scale[j] = 1
		} else {
			s.Scale[j] = math.Sqrt(v) * unit[j]
		}
		mean[j] *= unit[j]
		if !(s.Scale[j] > 0 && s.Scale[j] <= math.MaxFloat64) {
			return nil, &Error{Step: stepStandardize, Row: -1, Col: j, Value: fmtFloat(s.Scale[j]),
				Err: fmt.Errorf("standard deviation out of range: %w", data.ErrNotFinite)}
		}
	}
	if !isSparse {
		s.Mean = mean
	}
	return s, nil
}

// Column units. The sums of squares of a column whose largest magnitude is
// near 1e200 overflow, and of one near 1e-200 underflow, leaving the column
// unscaled or wrongly constant; such a column is summed in units of a power
// of two near its largest magnitude. Scaling by a power of two is exact, so
// the results are the same bits as the plain sums wherever those neither
// overflow nor underflow, and scikit-learn parity is kept.
const (
	unitHi = 0x1p+480 // above: rescale (n·(2·max)² stays below MaxFloat64 for n < 2⁶⁰)
	unitLo = 0x1p-480 // below (and nonzero): rescale
)

// units returns the unit of each column given its largest magnitude (1 for
// most columns) and its reciprocal, and whether any is not 1.
func units(colMax []float64) (unit, inv []float64, any bool) {
	unit = make([]float64, len(colMax))
	inv = make([]float64, len(colMax))
	for j, m := range colMax {
		unit[j], inv[j] = 1, 1
		if m > unitHi || (m > 0 && m < unitLo) {
			_, e := math.Frexp(m) // m = f·2^e, f in [0.5, 1)
			k := min(max(1-e, -1022), 1023)
			inv[j], unit[j] = math.Ldexp(1, k), math.Ldexp(1, -k)
			any = true
		}
	}
	return unit, inv, any
}

// denseMeanVar returns the column means and population variances of x by
// the corrected two-pass algorithm, summing in row order, in each column's
// unit (see [units]): the mean is mean[j]·unit[j] and the variance
// variance[j]·unit[j]².
func denseMeanVar(x data.Matrix) (mean, variance, unit []float64, err error) {
	n, p := x.Dims()
	sum := make([]float64, p)
	colMax := make([]float64, p)
	err = forChunks(x, func(lo int, chunk []float64) error {
		if err := checkFinite(stepStandardize, chunk, lo, p); err != nil {
			return err
		}
		for r := 0; r < len(chunk); r += p {
			row := chunk[r : r+p]
			for j, v := range row {
				sum[j] += v
				if a := math.Abs(v); a > colMax[j] {
					colMax[j] = a
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, nil, err
	}
	unit, inv, rescale := units(colMax)
	if rescale {
		clear(sum)
		_ = forChunks(x, func(lo int, chunk []float64) error {
			for r := 0; r < len(chunk); r += p {
				for j, v := range chunk[r : r+p] {
					sum[j] += v * inv[j]
				}
			}
			return nil
		})
	}
	fn := float64(n)
	mean = sum
	for j := range mean {
		mean[j] /= fn
	}
	corr := make([]float64, p)
	sq := make([]float64, p)
	_ = forChunks(x, func(lo int, chunk []float64) error {
		for r := 0; r < len(chunk); r += p {
			row := chunk[r : r+p]
			if !rescale {
				for j, v := range row {
					d := v - mean[j]
					corr[j] += d
					sq[j] += d * d
				}
				continue
			}
			for j, v := range row {
				d := v*inv[j] - mean[j]
				corr[j] += d
				sq[j] += d * d
			}
		}
		return nil
	})
	for j := range sq {
		sq[j] = (sq[j] - corr[j]*corr[j]/fn) / fn
	}
	return mean, sq, unit, nil
}

// sparseMeanVar returns the column means and population variances of a
// sparse matrix, implicit zeros included, as scikit-learn's
// csr_mean_variance_axis0 with unit weights, in each column's unit as
// [denseMeanVar].
func sparseMeanVar[T float](step string, s sparse[T]) (mean, variance, unit []float64, err error) {
	n, p := s.Dims()
	mean = make([]float64, p)
	colMax := make([]float64, p)
	nnz := make([]int, p)
	for i := range n {
		idx, val := s.RowNZ(i)
		for k, j := range idx {
			v := float64(val[k])
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, nil, nil, notFinite(step, i, int(j), v)
			}
			mean[j] += v
			if a := math.Abs(v); a > colMax[j] {
				colMax[j] = a
			}
			nnz[j]++
		}
	}
	unit, inv, rescale := units(colMax)
	if rescale {
		clear(mean)
		for i := range n {
			idx, val := s.RowNZ(i)
			for k, j := range idx {
				mean[j] += float64(val[k]) * inv[j]
			}
		}
	}
	fn := float64(n)
	for j := range mean {
		mean[j] /= fn
	}
	corr := make([]float64, p)
	variance = make([]float64, p)
	for i := range n {
		idx, val := s.RowNZ(i)
		for k, j := range idx {
			d := float64(val[k])*inv[j] - mean[j]
			corr[j] += d
			variance[j] += d * d
		}
	}
	for j := range variance {
		zeros := float64(n - nnz[j])
		if nnz[j] != n {
			corr[j] -= zeros * mean[j]
		}
		c := corr[j] * corr[j] / fn
		if nnz[j] != n {
			variance[j] += zeros * mean[j] * mean[j]
		}
		variance[j] = variance[j]/fn - c
	}
	return mean, variance, unit, nil
}

// Validate checks the fitted parameters, as after loading them from a file:
// Scale not empty, finite and positive; Mean nil or as long as Scale and
// finite. Errors wrap [ErrInvalid].
func (s *Standardizer) Validate() error {
	if len(s.Scale) == 0 {
		return stepErr(stepStandardize, fmt.Errorf("no scale: %w", ErrInvalid))
	}
	if err := s.checkShape(); err != nil {
		return err
	}
	if err := validFinite(stepStandardize, "mean", s.Mean); err != nil {
		return err
	}
	return validScale(stepStandardize, "scale", s.Scale)
}

// checkShape checks the lengths of the parameters.
func (s *Standardizer) checkShape() error {
	if s.Mean != nil && len(s.Mean) != len(s.Scale) {
		return stepErr(stepStandardize, fmt.Errorf("%d means for %d scales: %w", len(s.Mean), len(s.Scale), ErrInvalid))
	}
	return nil
}

// OutputWidth returns the number of columns Transform produces from in input
// columns: in, which must equal len(Scale) (else an error wrapping
// [data.ErrShape]). It also checks that Mean is nil or as long as Scale
// ([ErrInvalid]).
func (s *Standardizer) OutputWidth(in int) (int, error) {
	if err := s.checkShape(); err != nil {
		return 0, err
	}
	if in != len(s.Scale) {
		return 0, stepErr(stepStandardize, fmt.Errorf("X has %d columns, want %d: %w", in, len(s.Scale), data.ErrShape))
	}
	return in, nil
}

// Transform returns x standardized, as a new matrix: a [data.CSR] for CSR or
// CSR32 input (scaled only; an error wrapping [ErrSparseCenter] if s has a
// Mean), a [data.Dense] otherwise. It returns an error when x does not have
// len(Scale) columns, or naming the first NaN, infinity or overflow.
func (s *Standardizer) Transform(x data.Matrix) (data.Matrix, error) {
	if err := s.checkShape(); err != nil {
		return nil, err
	}
	if err := checkWidth(stepStandardize, x, len(s.Scale)); err != nil {
		return nil, err
	}
	if c, c32, ok := asCSR(x); ok {
		if s.Mean != nil {
			return nil, stepErr(stepStandardize, fmt.Errorf("%w: fitted on dense data with a mean; give dense input", ErrSparseCenter))
		}
		return scaleCSR(stepStandardize, c, c32, s.Scale)
	}
	return transformCopy(x, s.TransformDense)
}

// TransformDense writes the standardized rows of src (rows × len(Scale),
// row-major) into dst and returns dst: (x − Mean)/Scale, or x/Scale when
// Mean is nil, as scikit-learn transforms dense data (sparse data is
// multiplied by the reciprocals instead, as scikit-learn's
// inplace_column_scale does, so the two can differ in the last bit). A nil dst
// is allocated; dst may alias src. It allocates nothing when dst is given.
//
// Errors name the row (counted from the first row of src) and column of a
// NaN, an infinity or an overflow; dst is then partly written. A difference
// x − Mean that overflows while the quotient does not is computed as
// x/Scale − Mean/Scale.
func (s *Standardizer) TransformDense(dst, src []float64, rows int) ([]float64, error) {
	p := len(s.Scale)
	if err := s.checkShape(); err != nil {
		return nil, err
	}
	if err := checkDenseLen(stepStandardize, dst, src, rows, p, p); err != nil {
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
		if s.Mean != nil {
			mean := s.Mean[:p]
			for j, v := range in {
				z := (v - mean[j]) / s.Scale[j]
				if math.IsNaN(z) || math.IsInf(z, 0) {
					// v − mean may overflow where the quotient does not.
					if z = v/s.Scale[j] - mean[j]/s.Scale[j]; math.IsNaN(z) || math.IsInf(z, 0) {
						return dst, badResult(stepStandardize, r/p, j, v)
					}
				}
				out[j] = z
			}
			continue
		}
		for j, v := range in {
			z := v / s.Scale[j]
			if math.IsNaN(z) || math.IsInf(z, 0) {
				return dst, badResult(stepStandardize, r/p, j, v)
			}
			out[j] = z
		}
	}
	return dst, nil
}
