package modelfile

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/internal/parallel"
	"github.com/xent-ml/xent/preprocess"
	"github.com/xent-ml/xent/special"
)

// maxBlockRows bounds the rows of a prediction block; blockElems bounds
// the elements of its widest dense buffer (128 KiB of float64).
const (
	maxBlockRows = 256
	blockElems   = 16384
)

// PredictProba writes the class probabilities of each row of x into dst and
// returns dst: n×K row-major, K = len(m.Classes), column j the probability
// of m.Classes[j]. It applies, in order:
//
//  1. the preprocessing steps;
//  2. the model: Logistic p = σ(x·w + b) and the row [1−p, p] (as
//     scikit-learn's predict_proba, 1−p rounded); Softmax softmax(W x + b)
//     by the stable [special.Softmax]; OvR the K sigmoids σ(W x + b) divided
//     by their sum, as scikit-learn's one-vs-rest predict_proba (when every
//     sigmoid underflows, below z = −700, the ratio is taken as softmax(z),
//     its limit); MLP the forward pass through the layers with the hidden
//     activation, then softmax, or for two classes the single sigmoid unit
//     p and the row [1−p, p];
//  3. the calibration, when present.
//
// x must have m.NFeatures columns (else an error wrapping [data.ErrShape]
// that names the expected width; a nil x wraps [data.ErrShape] too, and a
// nil m [ErrInvalid]). A nil dst is allocated; otherwise
// len(dst) must be n·K. Rows are processed in blocks of at most 256 rows,
// on several goroutines for large n; each row's result is independent of the
// blocks and of GOMAXPROCS.
//
// PredictProba allocates nothing besides dst when x is dense (or any layout
// but CSR) and every preprocessing step has a dense kernel
// ([preprocess.DenseTransformer]: standardize, max-abs, one-hot), or when
// there is no preprocessing, and n fits one block or GOMAXPROCS is 1. With
// CSR input and preprocessing, or feature hashing, each block is transformed
// into a new matrix (memory proportional to the block).
//
// Errors: a model that fails the structural checks of [Model.Validate]
// ([ErrInvalid]); a preprocessing error naming the step, the row of x and the
// column ([preprocess.Error]); a row whose probabilities are NaN, from a
// non-finite input or parameter.
func (m *Model) PredictProba(dst []float64, x data.Matrix) ([]float64, error) {
	w, n, err := m.prepare(x)
	if err != nil {
		return nil, err
	}
	k := len(m.Classes)
	if dst == nil {
		dst = make([]float64, n*k)
	} else if len(dst) != n*k {
		return nil, fmt.Errorf("modelfile: PredictProba: dst has %d values, want %d (%d rows × %d classes): %w", len(dst), n*k, n, k, data.ErrShape)
	}
	if err := m.predict(x, w, dst, nil); err != nil {
		return nil, err
	}
	return dst, nil
}

// Predict writes the index of the most probable class of each row of x
// (after calibration; the first one on ties, as numpy.argmax) into dst and
// returns dst; m.Classes[dst[i]] is the label. A nil dst is allocated;
// otherwise len(dst) must be the number of rows. Errors and allocations are
// as for PredictProba (without dst for the probabilities).
func (m *Model) Predict(dst []int, x data.Matrix) ([]int, error) {
	w, n, err := m.prepare(x)
	if err != nil {
		return nil, err
	}
	if dst == nil {
		dst = make([]int, n)
	} else if len(dst) != n {
		return nil, fmt.Errorf("modelfile: Predict: dst has %d values, want %d (one per row): %w", len(dst), n, data.ErrShape)
	}
	if err := m.predict(x, w, nil, dst); err != nil {
		return nil, err
	}
	return dst, nil
}

// prepare checks m and the width of x; it returns the preprocessed width
// and the number of rows.
func (m *Model) prepare(x data.Matrix) (w, n int, err error) {
	if w, err = m.check(false); err != nil {
		return 0, 0, fmt.Errorf("modelfile: %w: %w", ErrInvalid, err)
	}
	if data.IsNil(x) {
		return 0, 0, fmt.Errorf("modelfile: X is nil: %w", data.ErrShape)
	}
	n, p := x.Dims()
	if p != m.NFeatures {
		return 0, 0, fmt.Errorf("modelfile: X has %d columns, the model expects %d features: %w", p, m.NFeatures, data.ErrShape)
	}
	return w, n, nil
}

// workspace holds the buffers of one block; a pool shares them between
// calls and models.
type workspace struct {
	in    []float64    // the block's raw rows, dense
	tmp   [2][]float64 // intermediate preprocessing outputs
	step  denseBuf     // the last preprocessing output
	act   [2]denseBuf  // hidden activations of an MLP
	z     []float64    // one score per row (binary outputs)
	proba []float64    // probabilities for Predict
}

var pool = sync.Pool{New: func() any { return new(workspace) }}

// denseBuf is a buffer wrapped in a *data.Dense of fixed shape, so that the
// kernels of package data run on it; rows beyond a short block are unused.
type denseBuf struct {
	d          *data.Dense
	buf        []float64
	rows, cols int
}

// get returns the rows×cols Dense and its buffer, reusing them when the
// shape is unchanged.
func (b *denseBuf) get(rows, cols int) (*data.Dense, []float64) {
	if b.d == nil || b.rows != rows || b.cols != cols {
		b.buf = make([]float64, rows*cols)
		b.d, _ = data.NewDense(rows, cols, b.buf) // zeros: cannot fail
		b.rows, b.cols = rows, cols
	}
	return b.d, b.buf
}

func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// densePath reports whether the preprocessing can run on dense blocks of x.
func (m *Model) densePath(x data.Matrix) bool {
	if len(m.Preprocess) == 0 {
		return false
	}
	switch x.(type) {
	case *data.CSR, *data.CSR32:
		return false
	}
	for _, s := range m.Preprocess {
		t, _ := s.Transformer()
		if _, ok := t.(preprocess.DenseTransformer); !ok {
			return false
		}
	}
	return true
}

// blockRows returns the rows per block: the widest dense buffer a block
// uses holds at most blockElems values.
func (m *Model) blockRows(x data.Matrix) int {
	_, p := x.Dims()
	widest := len(m.Classes)
	if m.densePath(x) {
		widest = max(widest, p)
		w := p
		for _, s := range m.Preprocess {
			t, _ := s.Transformer()
			w, _ = t.OutputWidth(w)
			widest = max(widest, w)
		}
	}
	for _, l := range m.Layers {
		widest = max(widest, l.Out)
	}
	return max(1, min(maxBlockRows, blockElems/max(widest, 1)))
}

// predict runs the blocks, writing probabilities into proba and/or class
// indices into classes (either may be nil).
func (m *Model) predict(x data.Matrix, w int, proba []float64, classes []int) error {
	n, _ := x.Dims()
	if n == 0 {
		return nil
	}
	br := m.blockRows(x)
	nb := parallel.NumBlocks(n, br)
	if nb < 4 || runtime.GOMAXPROCS(0) == 1 {
		ws := pool.Get().(*workspace)
		defer pool.Put(ws)
		for lo := 0; lo < n; lo += br {
			if err := m.block(ws, x, br, lo, min(lo+br, n), proba, classes); err != nil {
				return err
			}
		}
		return nil
	}
	errs := make([]error, nb)
	parallel.For(n, br, func(lo, hi int) {
		ws := pool.Get().(*workspace)
		errs[lo/br] = m.block(ws, x, br, lo, hi, proba, classes)
		pool.Put(ws)
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// shiftRow returns err with the row of a preprocessing error counted from
// the start of x rather than the block, and the step index set.
func shiftRow(err error, lo, step int) error {
	var pe *preprocess.Error
	if !errors.As(err, &pe) {
		return err
	}
	c := *pe
	if c.Row >= 0 {
		c.Row += lo
	}
	if c.Index == 0 {
		c.Index = step
	}
	return &c
}

// input returns a matrix whose rows [a, b) are the preprocessed rows
// [lo, hi) of x.
func (m *Model) input(ws *workspace, x data.Matrix, br, lo, hi int) (mat data.Matrix, a, b int, err error) {
	if len(m.Preprocess) == 0 {
		return x, lo, hi, nil
	}
	rows := hi - lo
	if !m.densePath(x) {
		blk, err := data.Slice(x, lo, hi)
		if err != nil {
			return nil, 0, 0, err
		}
		t, err := m.Preprocess.Transform(blk)
		if err != nil {
			return nil, 0, 0, shiftRow(err, lo, 0)
		}
		return t, 0, rows, nil
	}
	_, width := x.Dims()
	ws.in = grow(ws.in, rows*width)
	x.DenseRows(ws.in, lo, hi)
	src := ws.in
	last := len(m.Preprocess) - 1
	for i, s := range m.Preprocess {
		t, _ := s.Transformer()
		dt := t.(preprocess.DenseTransformer)
		out, err := dt.OutputWidth(width)
		if err != nil {
			return nil, 0, 0, shiftRow(err, lo, i+1)
		}
		var dst []float64
		if i == last {
			var d *data.Dense
			d, dst = ws.step.get(br, out)
			dst = dst[:rows*out]
			mat = d
		} else {
			ws.tmp[i%2] = grow(ws.tmp[i%2], rows*out)
			dst = ws.tmp[i%2]
		}
		if _, err := dt.TransformDense(dst, src, rows); err != nil {
			return nil, 0, 0, shiftRow(err, lo, i+1)
		}
		src, width = dst, out
	}
	return mat, 0, rows, nil
}

// block computes rows [lo, hi) of x.
func (m *Model) block(ws *workspace, x data.Matrix, br, lo, hi int, proba []float64, classes []int) error {
	k := len(m.Classes)
	rows := hi - lo
	var out []float64
	if proba != nil {
		out = proba[lo*k : hi*k]
	} else {
		ws.proba = grow(ws.proba, rows*k)
		out = ws.proba
	}
	mat, a, b, err := m.input(ws, x, br, lo, hi)
	if err != nil {
		return err
	}
	switch m.Kind {
	case Logistic:
		ws.z = grow(ws.z, rows)
		mat.MulVec(ws.z, m.Coef, a, b)
		binaryRows(out, ws.z, m.Intercept[0])
	case Softmax:
		mat.MulMat(out, m.Coef, k, a, b)
		for i := range rows {
			row := out[i*k : (i+1)*k]
			for j := range row {
				row[j] += m.Intercept[j]
			}
			special.Softmax(row, row)
		}
	case OvR:
		mat.MulMat(out, m.Coef, k, a, b)
		for i := range rows {
			ovrRow(out[i*k:(i+1)*k], m.Intercept)
		}
	case MLP:
		m.forward(ws, mat, a, b, br, out)
	}
	for i, v := range out {
		if math.IsNaN(v) {
			return fmt.Errorf("modelfile: row %d: predicted probability of class %q is NaN (non-finite input or parameters)", lo+i/k, m.Classes[i%k])
		}
	}
	if m.Calibration != nil {
		if _, err := m.Calibration.Apply(out, out, k); err != nil {
			return fmt.Errorf("modelfile: rows [%d, %d): %w", lo, hi, err)
		}
	}
	if classes != nil {
		for i := range rows {
			row := out[i*k : (i+1)*k]
			best := 0
			for j, v := range row {
				if v > row[best] {
					best = j
				}
			}
			classes[lo+i] = best
		}
	}
	return nil
}

// binaryRows writes the rows [1−p, p], p = σ(z_i + b), into out.
func binaryRows(out, z []float64, b float64) {
	for i, v := range z {
		p := special.Sigmoid(v + b)
		out[2*i], out[2*i+1] = 1-p, p
	}
}

// ovrRow turns the scores of one row into one-vs-rest probabilities: the
// sigmoids of z + b divided by their sum; when every score is below −700
// (the sum of the sigmoids would lose its precision or underflow), the
// softmax of the scores, the limit of that ratio.
func ovrRow(row, b []float64) {
	top := math.Inf(-1)
	for j := range row {
		row[j] += b[j]
		top = max(top, row[j])
	}
	if top < -700 {
		special.Softmax(row, row)
		return
	}
	s := 0.0
	for j, v := range row {
		row[j] = special.Sigmoid(v)
		s += row[j]
	}
	for j := range row {
		row[j] /= s
	}
}

// forward runs an MLP on rows [a, b) of mat, writing probabilities to out.
func (m *Model) forward(ws *workspace, mat data.Matrix, a, b, br int, out []float64) {
	rows := b - a
	k := len(m.Classes)
	last := len(m.Layers) - 1
	for l := range m.Layers {
		ly := &m.Layers[l]
		var h []float64
		var next *data.Dense
		switch {
		case l < last:
			next, h = ws.act[l%2].get(br, ly.Out)
			h = h[:rows*ly.Out]
		case k == 2:
			ws.z = grow(ws.z, rows)
			h = ws.z
		default:
			h = out
		}
		mat.MulMat(h, ly.Weights, ly.Out, a, b)
		for i := range rows {
			row := h[i*ly.Out : (i+1)*ly.Out]
			for j := range row {
				row[j] += ly.Biases[j]
			}
			if l < last {
				activate(row, m.Activation)
			}
		}
		if l < last {
			mat, a, b = next, 0, rows
		}
	}
	if k == 2 {
		binaryRows(out, ws.z, 0)
		return
	}
	for i := range rows {
		row := out[i*k : (i+1)*k]
		special.Softmax(row, row)
	}
}

// activate applies the hidden activation to row in place.
func activate(row []float64, act Activation) {
	switch act {
	case ReLU:
		for j, v := range row {
			if v < 0 {
				row[j] = 0
			}
		}
	case Tanh:
		for j, v := range row {
			row[j] = math.Tanh(v)
		}
	case Sigmoid:
		for j, v := range row {
			row[j] = special.Sigmoid(v)
		}
	}
}
