package linear

import (
	"math"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/special"
)

// blockRows is the number of rows one block of a gradient pass covers: the
// forward product and the backward accumulation of a block run back to back
// so that its rows are read from cache the second time.
const blockRows = 256

// binaryObjective is f(w, b) of the package doc over a feature matrix, with
// parameters laid out as [w₀ … w_{p−1}, b] (b absent without intercept).
type binaryObjective struct {
	x         data.Matrix
	y         []int     // 0 or 1
	weight    []float64 // nil: all ones
	c         float64
	intercept bool
	n, p      int

	z   []float64 // per-row margins of one block
	r   []float64 // per-row residuals of one block
	dia []float64 // C·sᵢ·σ(zᵢ)(1−σ(zᵢ)) at the last ValueGrad, for HessVec
}

func newBinaryObjective(x data.Matrix, y []int, weight []float64, c float64, intercept bool) *binaryObjective {
	n, p := x.Dims()
	return &binaryObjective{
		x: x, y: y, weight: weight, c: c, intercept: intercept, n: n, p: p,
		z: make([]float64, blockRows), r: make([]float64, blockRows),
	}
}

// Dim implements solve.Problem.
func (o *binaryObjective) Dim() int {
	if o.intercept {
		return o.p + 1
	}
	return o.p
}

func (o *binaryObjective) bias(x []float64) float64 {
	if o.intercept {
		return x[o.p]
	}
	return 0
}

// rowLoss returns logloss(y, σ(z)) and its derivative σ(z) − y, both finite
// for every finite z.
func rowLoss(y int, z float64) (loss, dz float64) {
	if y == 1 {
		return special.Softplus(-z), -special.Sigmoid(-z)
	}
	return special.Softplus(z), special.Sigmoid(z)
}

// ValueGrad implements solve.Problem. One pass over the data: per block of
// rows, margins z = X·w + b, then residuals, then g += Xᵀ·r.
func (o *binaryObjective) ValueGrad(grad, x []float64) float64 {
	w, b := x[:o.p], o.bias(x)
	if grad != nil {
		clear(grad)
	}
	if grad != nil && o.dia == nil {
		o.dia = make([]float64, o.n)
	}
	var loss float64
	for lo := 0; lo < o.n; lo += blockRows {
		hi := min(lo+blockRows, o.n)
		z, r := o.z[:hi-lo], o.r[:hi-lo]
		o.x.MulVec(z, w, lo, hi)
		for k := range z {
			i := lo + k
			s := o.c
			if o.weight != nil {
				s *= o.weight[i]
			}
			l, d := rowLoss(o.y[i], z[k]+b)
			loss += s * l
			r[k] = s * d
			if grad != nil {
				// σ(1−σ) from the residual d = σ − y without a second
				// sigmoid: q is the smaller of σ and 1−σ's partner, exact
				// in both tails.
				q := math.Abs(d)
				o.dia[i] = s * q * (1 - q)
			}
		}
		if grad != nil {
			o.x.AddTransVec(grad[:o.p], r, lo, hi)
			if o.intercept {
				for _, v := range r {
					grad[o.p] += v
				}
			}
		}
	}
	var reg float64
	for j, v := range w {
		reg += v * v
		if grad != nil {
			grad[j] += v
		}
	}
	return loss + 0.5*reg
}

// HessVec implements solve.HessVecProblem: the Hessian at the point of the
// last ValueGrad with a gradient, times v.
//
//	H = Xᵀ D X + I (w block), D = diag(C·sᵢ·σᵢ(1−σᵢ)); the intercept row and
//	column use a column of ones and no identity term.
func (o *binaryObjective) HessVec(dst, v []float64) {
	vw, vb := v[:o.p], o.bias(v)
	clear(dst)
	for lo := 0; lo < o.n; lo += blockRows {
		hi := min(lo+blockRows, o.n)
		z, r := o.z[:hi-lo], o.r[:hi-lo]
		o.x.MulVec(z, vw, lo, hi)
		for k := range z {
			r[k] = o.dia[lo+k] * (z[k] + vb)
		}
		o.x.AddTransVec(dst[:o.p], r, lo, hi)
		if o.intercept {
			for _, t := range r {
				dst[o.p] += t
			}
		}
	}
	for j, t := range vw {
		dst[j] += t
	}
}

// predictProba writes P(y = 1 | xᵢ) for rows [0, n) of x into dst.
func predictBinary(dst []float64, x data.Matrix, w []float64, b float64) {
	n, _ := x.Dims()
	for lo := 0; lo < n; lo += blockRows {
		hi := min(lo+blockRows, n)
		z := dst[lo:hi]
		x.MulVec(z, w, lo, hi)
		for k := range z {
			z[k] = special.Sigmoid(z[k] + b)
		}
	}
}
