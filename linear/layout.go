package linear

import (
	"math"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/internal/vec"
)

// keepLayout, set only by tests, makes trainingLayout return the caller's
// matrix, so that the sparse kernels stay tested on dense-ish test data.
var keepLayout bool

// denseLayoutGain is the most extra storage a dense copy of sparse training
// data may take, relative to the sparse matrix, for Fit to train on the
// copy: a dense row pass streams its values with no index loads and runs
// the vector kernels of internal/vec, so from about half density it beats
// the CSR pass (on the comparison suite's Fashion-MNIST T-shirt/shirt
// problem, 61% nonzero: 3.5 ms against 5.7 ms per Hessian-vector product).
const denseLayoutGain = 4.0 / 3

// trainingLayout returns the matrices the training passes read: x for the
// objective and gradient, hx for the Hessian passes (Hessian-vector
// products and the preconditioner's diagonal).
//
//   - CSR32 data dense enough that a Dense32 copy takes at most
//     denseLayoutGain times its storage (4 bytes per entry against 8 per
//     stored value, so from 3/8 density) are trained on that copy (both).
//   - CSR data dense enough that a float64 copy would take at most
//     denseLayoutGain times its storage (8 bytes per entry against 12, so
//     from half density) are trained on a Dense copy; except that a binary
//     (or one-vs-rest) model trained by Newton's method on a machine with
//     the vector kernels keeps x for the gradient and gets a Dense32 copy
//     for the Hessian passes, which are most of a Newton run's work: half
//     the bytes of a float64 copy per pass, and less memory than one. The
//     Hessian then has float32 rounding (relative 6e-8), which only
//     perturbs the Newton steps, not the optimum: the objective, the
//     gradient and the stopping rule stay exact in float64. (The
//     multinomial model's fast kernels are the float64 ones, and the other
//     solvers make no Hessian passes.) When a value does not fit in
//     float32, the copy is float64 and serves both.
//   - Anything else is read as it is.
func trainingLayout(x data.Matrix, multi, newton bool) (gx, hx data.Matrix) {
	if keepLayout {
		return x, x
	}
	n, p := x.Dims()
	cells := float64(n) * float64(p)
	switch m := x.(type) {
	case *data.CSR:
		if 8*cells <= denseLayoutGain*12*float64(m.NNZ()) {
			if newton && !multi && vec.Accelerated() {
				if d, ok := dense32Copy(m); ok {
					return m, d
				}
			}
			d := data.ToDense(m)
			return d, d
		}
	case *data.CSR32:
		if 4*cells <= denseLayoutGain*8*float64(m.NNZ()) {
			if d, ok := dense32Copy(m); ok {
				return d, d
			}
		}
	}
	return x, x
}

// dense32Copy returns a Dense32 copy of m, row by row through a float64
// buffer, or false when a value overflows float32.
func dense32Copy(m data.Matrix) (data.Matrix, bool) {
	n, p := m.Dims()
	out := make([]float32, n*p)
	row := make([]float64, p)
	for i := range n {
		m.DenseRows(row, i, i+1)
		for j, v := range row {
			f := float32(v)
			if math.IsInf(float64(f), 0) {
				return nil, false
			}
			out[i*p+j] = f
		}
	}
	d, err := data.NewDense32(n, p, out)
	if err != nil { // cannot happen: the shape is m's
		return nil, false
	}
	return d, true
}
