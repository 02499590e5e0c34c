package linear

import "github.com/xent-ml/xent/data"

// denseLayoutGain is the most extra storage a dense copy of sparse training
// data may take, relative to the sparse matrix, for Fit to train on the
// copy: a dense row pass streams its values with no index loads and runs
// the vector kernels of internal/vec, so from about half density it beats
// the CSR pass (on the comparison suite's Fashion-MNIST T-shirt/shirt
// problem, 61% nonzero: 3.5 ms against 5.7 ms per Hessian-vector product).
const denseLayoutGain = 4.0 / 3

// trainingLayout returns the matrix the training passes read: x itself, or
// a dense copy of CSR (CSR32) data when the copy takes at most
// denseLayoutGain times its storage: 8 bytes per entry against 12 per
// stored value (8 for the value, 4 for its column) for float64, so from
// half density; 4 against 8 for float32, from 3/8 density. The copy
// holds the same values, so the model is the same up to the order of
// floating-point sums.
func trainingLayout(x data.Matrix) data.Matrix {
	n, p := x.Dims()
	cells := float64(n) * float64(p)
	switch m := x.(type) {
	case *data.CSR:
		if 8*cells <= denseLayoutGain*12*float64(m.NNZ()) {
			return data.ToDense(m)
		}
	case *data.CSR32:
		if 4*cells <= denseLayoutGain*8*float64(m.NNZ()) {
			return dense32Copy(m)
		}
	}
	return x
}

// dense32Copy returns a Dense32 copy of m, row by row through a float64
// buffer (exact: the values are float32).
func dense32Copy(m *data.CSR32) data.Matrix {
	n, p := m.Dims()
	out := make([]float32, n*p)
	row := make([]float64, p)
	for i := range n {
		m.DenseRows(row, i, i+1)
		for j, v := range row {
			out[i*p+j] = float32(v)
		}
	}
	d, err := data.NewDense32(n, p, out)
	if err != nil { // cannot happen: the shape is m's
		return m
	}
	return d
}
