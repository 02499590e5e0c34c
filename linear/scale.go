package linear

import (
	"math"

	"github.com/xent-ml/xent/data"
)

// columnStats returns the column means (nil unless center) and the
// reciprocals of the population standard deviations of x, with 1 in place
// of a zero deviation (a constant column), as scikit-learn's StandardScaler.
// Means and variances are computed in two passes in float64.
func columnStats(x data.Matrix, center bool) (mu, inv []float64) {
	n, p := x.Dims()
	mean := make([]float64, p)
	m2 := make([]float64, p)
	// Pass 1: sums.
	eachRow(x, func(idx []int32, vals []float64) {
		if idx == nil {
			for j, v := range vals {
				mean[j] += v
			}
			return
		}
		for t, j := range idx {
			mean[j] += vals[t]
		}
	})
	for j := range mean {
		mean[j] /= float64(n)
	}
	// Pass 2: squared deviations; a sparse row's missing entries are zeros,
	// each contributing mean², added at the end.
	nnz := make([]int, p)
	eachRow(x, func(idx []int32, vals []float64) {
		if idx == nil {
			for j, v := range vals {
				d := v - mean[j]
				m2[j] += d * d
			}
			return
		}
		for t, j := range idx {
			d := vals[t] - mean[j]
			m2[j] += d * d
			nnz[j]++
		}
	})
	inv = make([]float64, p)
	_, sparse := x.(*data.CSR)
	_, sparse32 := x.(*data.CSR32)
	for j := range inv {
		v := m2[j]
		if sparse || sparse32 {
			v += float64(n-nnz[j]) * mean[j] * mean[j]
		}
		sd := math.Sqrt(v / float64(n))
		if sd == 0 || math.IsNaN(sd) {
			sd = 1
		}
		inv[j] = 1 / sd
	}
	if center {
		mu = mean
	}
	return mu, inv
}

// eachRow calls fn for every row of x in order: with idx nil and the dense
// row, or with the column indices and values of a sparse row's stored
// entries. It allocates at most one row buffer.
func eachRow(x data.Matrix, fn func(idx []int32, vals []float64)) {
	n, p := x.Dims()
	switch m := x.(type) {
	case *data.Dense:
		for i := 0; i < n; i++ {
			fn(nil, m.Row(i))
		}
	case *data.CSR:
		for i := 0; i < n; i++ {
			fn(m.RowNZ(i))
		}
	case *data.CSR32:
		var buf []float64
		for i := 0; i < n; i++ {
			idx, v32 := m.RowNZ(i)
			buf = buf[:0]
			for _, v := range v32 {
				buf = append(buf, float64(v))
			}
			fn(idx, buf)
		}
	default:
		buf := make([]float64, p)
		for i := 0; i < n; i++ {
			x.DenseRows(buf, i, i+1)
			fn(nil, buf)
		}
	}
}
