package main

import (
	"fmt"
	"math"

	"github.com/xent-ml/xent/data"
)

// objective names the function every system minimizes, always
//
//	f = C · Σᵢ logloss_i + ½‖W‖² (+ ½‖b‖² for the -pen objectives)
type objective string

const (
	objBinary      objective = "binary"      // two classes, intercept not penalized
	objBinaryPen   objective = "binary-pen"  // two classes, intercept penalized (LIBLINEAR -B 1)
	objMultinomial objective = "multinomial" // softmax, K weight vectors, intercepts not penalized
	objOvRPen      objective = "ovr-pen"     // sum of the K one-vs-rest binary-pen objectives
)

func parseObjective(s string) (objective, error) {
	switch o := objective(s); o {
	case objBinary, objBinaryPen, objMultinomial, objOvRPen:
		return o, nil
	}
	return "", fmt.Errorf("unknown objective %q (binary, binary-pen, multinomial, ovr-pen)", s)
}

// rows returns K', the number of weight vectors, for k classes.
func (o objective) rows(k int) int {
	if o == objBinary || o == objBinaryPen {
		return 1
	}
	return k
}

// clip is the log-loss clipping, as scikit-learn's log_loss(eps=1e-15).
const clip = 1e-15

// softplus returns log(1 + eᶻ) without overflow.
func softplus(z float64) float64 {
	if z > 0 {
		return z + math.Log1p(math.Exp(-z))
	}
	return math.Log1p(math.Exp(z))
}

// scoresBlock writes Z = X[lo:hi] Wᵀ + b, (hi-lo)×k, into z.
func scoresBlock(z []float64, x data.Matrix, w, b []float64, k, lo, hi int) {
	x.MulMat(z, w, k, lo, hi)
	for i := 0; i < hi-lo; i++ {
		for j := 0; j < k; j++ {
			z[i*k+j] += b[j]
		}
	}
}

const block = 256

// evalObjective returns f for weights w (K'×p row-major) and intercepts b
// (K'), computed independently of the solvers with the data package's
// products and the loss written out here, as peers.py does with NumPy.
func evalObjective(o objective, c float64, x data.Matrix, y []int, w, b []float64) float64 {
	n, _ := x.Dims()
	k := len(b)
	z := make([]float64, block*k)
	loss := 0.0
	for lo := 0; lo < n; lo += block {
		hi := min(n, lo+block)
		scoresBlock(z, x, w, b, k, lo, hi)
		for i := lo; i < hi; i++ {
			zi := z[(i-lo)*k : (i-lo+1)*k]
			switch o {
			case objBinary, objBinaryPen:
				loss += softplus(zi[0]) - float64(y[i])*zi[0]
			case objMultinomial:
				m := math.Inf(-1)
				for _, v := range zi {
					m = max(m, v)
				}
				s := 0.0
				for _, v := range zi {
					s += math.Exp(v - m)
				}
				loss += m + math.Log(s) - zi[y[i]]
			case objOvRPen:
				for j, v := range zi {
					loss += softplus(v)
					if y[i] == j {
						loss -= v
					}
				}
			}
		}
	}
	pen := 0.0
	for _, v := range w {
		pen += v * v
	}
	if o == objBinaryPen || o == objOvRPen {
		for _, v := range b {
			pen += v * v
		}
	}
	return c*loss + 0.5*pen
}

// evalMetrics returns the mean log loss (probabilities clipped to
// [1e-15, 1]) and the accuracy of the model on x, y, with the probabilities
// of the objective's model: sigmoid, softmax, or one-vs-rest sigmoids
// normalized to sum to one (scikit-learn's ovr).
func evalMetrics(o objective, x data.Matrix, y []int, w, b []float64) (logloss, acc float64) {
	n, _ := x.Dims()
	k := len(b)
	z := make([]float64, block*k)
	p := make([]float64, max(k, 2))
	correct := 0
	for lo := 0; lo < n; lo += block {
		hi := min(n, lo+block)
		scoresBlock(z, x, w, b, k, lo, hi)
		for i := lo; i < hi; i++ {
			zi := z[(i-lo)*k : (i-lo+1)*k]
			switch o {
			case objBinary, objBinaryPen:
				p1 := 1 / (1 + math.Exp(-zi[0]))
				p[0], p[1] = 1-p1, p1
			case objMultinomial:
				m := math.Inf(-1)
				for _, v := range zi {
					m = max(m, v)
				}
				s := 0.0
				for j, v := range zi {
					p[j] = math.Exp(v - m)
					s += p[j]
				}
				for j := range zi {
					p[j] /= s
				}
			case objOvRPen:
				s := 0.0
				for j, v := range zi {
					p[j] = 1 / (1 + math.Exp(-v))
					s += p[j]
				}
				for j := range zi {
					p[j] /= s
				}
			}
			best := 0
			for j := range p {
				if p[j] > p[best] {
					best = j
				}
			}
			if best == y[i] {
				correct++
			}
			logloss -= math.Log(min(1, max(clip, p[y[i]])))
		}
	}
	return logloss / float64(n), float64(correct) / float64(n)
}
