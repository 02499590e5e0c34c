package mlp

import (
	"fmt"
	"math"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/solve"
	"github.com/xent-ml/xent/special"
)

// Model is a fitted multilayer perceptron. Its exported fields are all a
// model file needs.
type Model struct {
	// Sizes holds the layer widths [p, h₁, …, h_L, out]: p features, the
	// hidden layers, and out = 1 (Logistic) or NumClasses (Softmax)
	// outputs.
	Sizes []int
	// Activation is the nonlinearity of the hidden layers.
	Activation Activation
	// Output is the kind of output layer: Logistic (one sigmoid unit giving
	// P(class 1)) for two classes, Softmax otherwise.
	Output Output
	// NumClasses is K, the number of classes.
	NumClasses int
	// Classes holds the label text of each class index, as in the training
	// data.Dataset; nil when the classes were unnamed.
	Classes []string
	// Weights[l] is the sizes[l]×sizes[l+1] matrix of layer l, row-major:
	// Weights[l][i*Sizes[l+1]+j] connects unit i of layer l (feature i
	// when l = 0) to unit j of layer l+1, as scikit-learn's coefs_[l].
	Weights [][]float64
	// Biases[l] holds the Sizes[l+1] biases of layer l+1, as
	// scikit-learn's intercepts_[l].
	Biases [][]float64
	// History has one entry per epoch (LBFGS: per iteration). Not needed
	// for prediction.
	History []Epoch
	// Result is the solver's report (status, iterations, evaluations).
	// Not needed for prediction.
	Result *solve.Result
}

// maxWidth bounds the layer widths a model may have, so that products of
// widths cannot overflow.
const maxWidth = 1 << 30

// NumFeatures returns the number of features the model takes, Sizes[0].
func (m *Model) NumFeatures() int {
	if len(m.Sizes) == 0 {
		return 0
	}
	return m.Sizes[0]
}

// Check reports whether the model's fields agree: at least two sizes, all
// positive, the output width matching Output and NumClasses, one weight
// matrix and bias vector of the right length per layer, all finite, and
// Classes nil or of length NumClasses. Errors wrap [ErrShape] or
// [ErrNotFinite] and name the field and index.
func (m *Model) Check() error {
	if len(m.Sizes) < 2 {
		return fmt.Errorf("mlp: model: len(Sizes) = %d, want at least 2: %w", len(m.Sizes), ErrShape)
	}
	for l, s := range m.Sizes {
		if s <= 0 || s > maxWidth {
			return fmt.Errorf("mlp: model: Sizes[%d] = %d, want in [1, %d]: %w", l, s, maxWidth, ErrShape)
		}
	}
	out := m.Sizes[len(m.Sizes)-1]
	switch {
	case m.Output == Logistic && (m.NumClasses != 2 || out != 1),
		m.Output == Softmax && (m.NumClasses < 3 || out != m.NumClasses),
		m.Output != Logistic && m.Output != Softmax:
		return fmt.Errorf("mlp: model: output %v with %d units for %d classes: %w", m.Output, out, m.NumClasses, ErrShape)
	}
	if m.Classes != nil && len(m.Classes) != m.NumClasses {
		return fmt.Errorf("mlp: model: len(Classes) = %d, want %d: %w", len(m.Classes), m.NumClasses, ErrShape)
	}
	if m.Activation < ReLU || m.Activation > Sigmoid {
		return fmt.Errorf("mlp: model: %v: %w", m.Activation, ErrSetting)
	}
	L := len(m.Sizes) - 1
	if len(m.Weights) != L || len(m.Biases) != L {
		return fmt.Errorf("mlp: model: %d weight matrices and %d bias vectors, want %d: %w", len(m.Weights), len(m.Biases), L, ErrShape)
	}
	for l := range L {
		if want := m.Sizes[l] * m.Sizes[l+1]; len(m.Weights[l]) != want {
			return fmt.Errorf("mlp: model: len(Weights[%d]) = %d, want %d×%d: %w", l, len(m.Weights[l]), m.Sizes[l], m.Sizes[l+1], ErrShape)
		}
		if len(m.Biases[l]) != m.Sizes[l+1] {
			return fmt.Errorf("mlp: model: len(Biases[%d]) = %d, want %d: %w", l, len(m.Biases[l]), m.Sizes[l+1], ErrShape)
		}
		for j, v := range m.Weights[l] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("mlp: model: Weights[%d][%d] = %v: %w", l, j, v, ErrNotFinite)
			}
		}
		for j, v := range m.Biases[l] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("mlp: model: Biases[%d][%d] = %v: %w", l, j, v, ErrNotFinite)
			}
		}
	}
	return nil
}

// Params writes the model's parameters into dst in the layout of
// [Objective] (scikit-learn's _pack order) and returns it; a nil dst is
// allocated, otherwise it must have the right length.
func (m *Model) Params(dst []float64) []float64 {
	if dst == nil {
		dst = make([]float64, numParams(m.Sizes))
	}
	off := 0
	for _, w := range m.Weights {
		off += copy(dst[off:], w)
	}
	for _, b := range m.Biases {
		off += copy(dst[off:], b)
	}
	return dst
}

// logits runs the rows of x forward in chunks, calling fn with the first
// row of each chunk, its number of rows and the logits (rows×out).
// The model must have passed Check.
func (m *Model) logits(x data.Matrix, fn func(lo, rows int, z []float64)) error {
	n, p := x.Dims()
	if p != m.Sizes[0] {
		return fmt.Errorf("mlp: data has %d features, model %d: %w", p, m.Sizes[0], ErrShape)
	}
	if n == 0 {
		return nil
	}
	nw := &network{sizes: m.Sizes, act: m.Activation, w: m.Weights, b: m.Biases}
	widest := 0
	for _, w := range m.Sizes {
		widest = max(widest, w)
	}
	ws := newWorkspace(m.Sizes, chunkRows(n, widest))
	out := m.Sizes[len(m.Sizes)-1]
	for lo := 0; lo < n; lo += ws.rows {
		rows := min(ws.rows, n-lo)
		x.DenseRows(ws.x[:rows*p], lo, lo+rows)
		for k, v := range ws.x[:rows*p] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("mlp: X[%d, %d] = %v: %w", lo+k/p, k%p, v, ErrNotFinite)
			}
		}
		nw.forward(ws, rows, nil)
		fn(lo, rows, ws.z[:rows*out])
	}
	return nil
}

// PredictProba writes the class probabilities of every row of x into dst,
// n×K row-major (K = NumClasses), and returns it. A nil dst is allocated;
// otherwise it must have n·K elements. For two classes the columns are
// [σ(−z), σ(z)] with z the output logit (scikit-learn computes 1 − σ(z)
// for the first, which is less accurate near 1); for K > 2 they are the
// softmax of the logits. Each row sums to 1 within rounding.
//
// It allocates a workspace of a few chunks of rows. It returns an error
// wrapping [ErrShape] when x has the wrong number of columns or dst the
// wrong length, [ErrNotFinite] naming the first NaN or infinity of x, and
// the errors of [Model.Check].
func (m *Model) PredictProba(dst []float64, x data.Matrix) ([]float64, error) {
	if err := m.Check(); err != nil {
		return nil, err
	}
	n, _ := x.Dims()
	k := m.NumClasses
	if dst == nil {
		dst = make([]float64, n*k)
	} else if len(dst) != n*k {
		return nil, fmt.Errorf("mlp: PredictProba: len(dst) = %d, want %d×%d: %w", len(dst), n, k, ErrShape)
	}
	err := m.logits(x, func(lo, rows int, z []float64) {
		if k == 2 {
			for t := range rows {
				dst[(lo+t)*2] = special.Sigmoid(-z[t])
				dst[(lo+t)*2+1] = special.Sigmoid(z[t])
			}
			return
		}
		special.SoftmaxRows(dst[lo*k:(lo+rows)*k], z, rows, k)
	})
	if err != nil {
		return nil, err
	}
	return dst, nil
}

// Predict writes the predicted class index of every row of x into dst and
// returns it: the class of largest probability, the first on ties, as
// numpy's argmax; for two classes, 1 when P(class 1) > 0.5, as
// scikit-learn. A nil dst is allocated; otherwise it must have n elements.
// Errors are those of [Model.PredictProba].
func (m *Model) Predict(dst []int, x data.Matrix) ([]int, error) {
	if err := m.Check(); err != nil {
		return nil, err
	}
	n, _ := x.Dims()
	if dst == nil {
		dst = make([]int, n)
	} else if len(dst) != n {
		return nil, fmt.Errorf("mlp: Predict: len(dst) = %d, want %d: %w", len(dst), n, ErrShape)
	}
	out := m.Sizes[len(m.Sizes)-1]
	err := m.logits(x, func(lo, rows int, z []float64) {
		for t := range rows {
			row := z[t*out : (t+1)*out]
			if out == 1 {
				dst[lo+t] = 0
				if special.Sigmoid(row[0]) > 0.5 {
					dst[lo+t] = 1
				}
				continue
			}
			best := 0
			for j, v := range row {
				if v > row[best] {
					best = j
				}
			}
			dst[lo+t] = best
		}
	})
	if err != nil {
		return nil, err
	}
	return dst, nil
}
