package loss

import "math"

// BinaryCrossEntropy is the binary cross-entropy of probabilities,
// PyTorch's torch.nn.functional.binary_cross_entropy: for a predicted
// probability x and a target y, both in [0, 1], and an element weight w,
//
//	l = -w·(y·log x + (1-y)·log(1-x)),
//
// with log 0 kept finite by the [Clip] convention. The zero value is
// PyTorch's default (no weights, mean, logs clamped at -100).
//
// With ClipPyTorch each log is clamped at -100, so x = 0 against y = 1
// costs exactly 100·w, and the gradient is PyTorch's, which is not the
// derivative of the clamped loss:
//
//	∂l/∂x = w·(x-y) / max(x·(1-x), BCEEps),  BCEEps = float32(1e-12),
//
// so it is -1.0000000039958029e12 at x = 0, y = 1 (not 0) and 0 at x = y = 0.
// With the scikit-learn conventions x is first clipped to [eps, 1-eps];
// the gradient is then the derivative of the clipped loss, w·(x-y)/(x·(1-x))
// inside the interval and 0 outside it. log(1-x) is computed as log1p(-x)
// (PyTorch takes the log of the rounded 1-x; the two differ by less than
// 1.2e-16).
type BinaryCrossEntropy struct {
	// Weight holds one weight per element (the input's full shape); nil
	// means all ones. Weights must be finite and nonnegative.
	Weight []float64
	// Reduction is Mean (over elements, the zero value), Sum or None.
	Reduction Reduction
	// Clip is the convention for log 0; the zero value is PyTorch's.
	Clip Clip
}

// Eval evaluates the binary cross-entropy of the probabilities prob
// against target and its gradient with respect to prob, in one pass.
//
// prob, target and Weight share the shape shape (any rank; [] is one
// element). The returned value is the mean over elements for Mean, Σ l for
// Sum and Σ cot·l for None. losses, when not nil, receives the unreduced
// losses; grad, when not nil, the gradient of the returned value's loss
// times the cotangent (cot has one element for Mean and Sum and the input's
// shape for None; nil means all ones). Eval does not allocate.
//
// A probability or target outside [0, 1] is an [ErrRange] error, a NaN an
// [ErrNaN] error, each naming the argument and index.
func (l BinaryCrossEntropy) Eval(losses, grad, prob, target, cot []float64, shape []int) (float64, error) {
	if l.Clip < ClipPyTorch || l.Clip > ClipSklearnAuto {
		return 0, argErr("clip", ErrOption, "unknown clipping "+l.Clip.String())
	}
	n, err := elementwiseCheck(losses, grad, prob, target, cot, shape, l.Reduction, false)
	if err != nil {
		return 0, err
	}
	if err := checkUnit("input", prob); err != nil {
		return 0, err
	}
	if err := checkUnit("target", target); err != nil {
		return 0, err
	}
	if err := checkWeights("weight", l.Weight, n, "one per element"); err != nil {
		return 0, err
	}
	f := 1.0
	if l.Reduction == Mean {
		f = 1 / float64(n)
	}
	eps := l.Clip.Eps()
	var total float64
	for i, x := range prob {
		y := target[i]
		w := weightAt(l.Weight, i)
		var v, g float64
		if l.Clip == ClipPyTorch {
			// A term whose coefficient is 0 is skipped: it is exactly 0
			// (each clamped log is finite), and hard targets save a log.
			var a float64
			if y != 0 {
				a = y * max(math.Log(x), -100)
			}
			if y != 1 {
				a += (1 - y) * max(math.Log1p(-x), -100)
			}
			v = 0 - w*a // 0 - a: never -0
			g = w * (x - y) / max(x*(1-x), BCEEps)
		} else {
			xc := min(max(x, eps), 1-eps)
			var a float64
			if y != 0 {
				a = y * math.Log(xc)
			}
			if y != 1 {
				a += (1 - y) * math.Log1p(-xc)
			}
			v = 0 - w*a
			if x == xc {
				g = w * (x - y) / (x * (1 - x))
			}
		}
		if losses != nil {
			losses[i] = v
		}
		if grad != nil {
			grad[i] = rowScale(cot, l.Reduction, i, f) * g
		}
		if l.Reduction == None && cot != nil {
			total = addScaled(total, cot[i], v)
		} else {
			total += v
		}
	}
	return reduce(total, l.Reduction, float64(n), cot), nil
}

// BinaryCrossEntropyWithLogits is the binary cross-entropy of logits,
// PyTorch's torch.nn.functional.binary_cross_entropy_with_logits: for a
// logit x, a target y in [0, 1], an element weight w and the positive-class
// weight q of x's column (PosWeight, broadcast along the last axis),
//
//	l    = w·((1-y)·x + (1+(q-1)·y)·softplus(-x))
//	∂l/∂x = w·((q·y+1-y)·σ(x) - q·y).
//
// xent evaluates both without cancellation: with a = 1+(q-1)·y and b = 1-y,
// l = w·(b·x + a·softplus(-x)) for x ≥ 0 and w·(a·softplus(x) - q·y·x) for
// x < 0, sums of nonnegative terms, and ∂l/∂x = w·(b - a·σ(-x)) for x ≥ 0.
// So l keeps full relative accuracy where it is tiny (PyTorch's
// log(exp(-m)+exp(-x-m))+m keeps only an absolute 1e-16 there) and is
// exactly 0 at x = 1e4, y = 1. The zero value is PyTorch's default.
type BinaryCrossEntropyWithLogits struct {
	// Weight holds one weight per element (the input's full shape); nil
	// means all ones. Weights must be finite and nonnegative.
	Weight []float64
	// PosWeight holds one weight per column of the input's last axis
	// (PyTorch's pos_weight), multiplying the loss of positive targets;
	// nil means all ones. A single weight is broadcast to every column, as
	// PyTorch broadcasts a pos_weight of shape [1]. Weights must be finite
	// and nonnegative.
	PosWeight []float64
	// Reduction is Mean (over elements, the zero value), Sum or None.
	Reduction Reduction
}

// Eval evaluates the binary cross-entropy of logits against target and
// its gradient with respect to the logits, in one pass. The arguments are
// those of [BinaryCrossEntropy.Eval]; PosWeight has the length of the last
// axis of shape (1 for shape []), or length 1 for every column. Logits may be infinite (see the package
// doc: x = +Inf costs 0 against y = 1 and +Inf against y < 1); targets
// must be in [0, 1].
func (l BinaryCrossEntropyWithLogits) Eval(losses, grad, logits, target, cot []float64, shape []int) (float64, error) {
	n, err := elementwiseCheck(losses, grad, logits, target, cot, shape, l.Reduction, false)
	if err != nil {
		return 0, err
	}
	last := 1
	if len(shape) > 0 {
		last = shape[len(shape)-1]
	}
	if err := checkNaN("input", logits); err != nil {
		return 0, err
	}
	if err := checkUnit("target", target); err != nil {
		return 0, err
	}
	if err := checkWeights("weight", l.Weight, n, "one per element"); err != nil {
		return 0, err
	}
	posWeight := l.PosWeight
	if len(posWeight) == 1 && last != 1 {
		// Broadcast one weight over the columns, as PyTorch does.
		if err := checkWeights("pos_weight", posWeight, 1, "one for every column"); err != nil {
			return 0, err
		}
		posWeight, last = nil, 1
	}
	if err := checkWeights("pos_weight", posWeight, last, "one per column of the last axis, or one for all"); err != nil {
		return 0, err
	}
	qAll := 1.0
	if l.PosWeight != nil && posWeight == nil {
		qAll = l.PosWeight[0]
	}
	f := 1.0
	if l.Reduction == Mean {
		f = 1 / float64(n)
	}
	var total float64
	col := 0
	for i, x := range logits {
		q := qAll
		if posWeight != nil {
			q = posWeight[col]
		}
		if col++; col == last {
			col = 0
		}
		w := weightAt(l.Weight, i)
		v, g := bceLogit(x, target[i], q)
		if w != 1 {
			if w == 0 {
				v, g = 0, 0 // a zero weight makes even an infinite loss 0
			} else {
				v, g = w*v, w*g
			}
		}
		if losses != nil {
			losses[i] = v
		}
		if grad != nil {
			grad[i] = rowScale(cot, l.Reduction, i, f) * g
		}
		if l.Reduction == None && cot != nil {
			total = addScaled(total, cot[i], v)
		} else {
			total += v
		}
	}
	return reduce(total, l.Reduction, float64(n), cot), nil
}

// bceLogit returns the unweighted loss and derivative of one logit.
func bceLogit(x, y, q float64) (v, g float64) {
	a := 1 + (q-1)*y // coefficient of softplus(-x)
	b := 1 - y       // coefficient of x
	qy := q * y
	if x >= 0 {
		if x > math.MaxFloat64 { // +Inf: b·x → +Inf unless b = 0
			v = 0
			if b != 0 {
				v = posInf
			}
			return v, b
		}
		// One exponential serves both: e = exp(-x), softplus(-x) = log1p(e),
		// σ(-x) = e/(1+e).
		e := math.Exp(-x)
		return b*x + a*math.Log1p(e), b - a*(e/(1+e))
	}
	if x < -math.MaxFloat64 { // -Inf: -q·y·x → +Inf unless q·y = 0
		v = 0
		if qy != 0 {
			v = posInf
		}
		return v, -qy
	}
	e := math.Exp(x)
	return a*math.Log1p(e) - qy*x, a*(e/(1+e)) - qy
}

// elementwiseCheck validates what the elementwise losses share: the
// reduction, the shape and the lengths, and returns the element count.
func elementwiseCheck(losses, grad, input, target, cot []float64, shape []int, r Reduction, batch bool) (int, error) {
	if err := checkReduction(r, batch); err != nil {
		return 0, err
	}
	n, err := numel(shape)
	if err != nil {
		return 0, err
	}
	if err := checkLen("input", len(input), n, shape); err != nil {
		return 0, err
	}
	if err := checkLen("target", len(target), n, shape); err != nil {
		return 0, err
	}
	if err := checkCot(cot, r, n); err != nil {
		return 0, err
	}
	if err := checkOut("losses", losses, n, shape); err != nil {
		return 0, err
	}
	if err := checkOut("grad", grad, n, shape); err != nil {
		return 0, err
	}
	return n, nil
}
