package loss

import "math"

// CrossEntropy is the categorical cross-entropy of logits, PyTorch's
// torch.nn.functional.cross_entropy: a log-softmax over the class axis
// followed by the negative log-likelihood of the target. The zero value is
// PyTorch's default (no class weights, ignore_index -100, no smoothing,
// mean).
//
// For a row of logits x (length C) with log p = LogSoftmax(x), class
// weights w and label smoothing ε, a class-index target y gives
//
//	l = (1-ε)·w_y·(-log p_y) + (ε/C)·Σ_c w_c·(-log p_c)
//
// and a probability target t gives
//
//	l = -Σ_c w_c·t'_c·log p_c,  t' = (1-ε)·t + ε/C.
//
// The smoothing term carries the weight of each class, not w_y, as in
// PyTorch.
type CrossEntropy struct {
	// Weight holds one weight per class (length C), PyTorch's weight; nil
	// means all ones. Weights must be finite and nonnegative.
	Weight []float64
	// IgnoreIndex is the class-index target whose rows contribute nothing
	// (zero loss, zero gradient, no weight in the mean); it may be a valid
	// class. Nil means PyTorch's default, [DefaultIgnoreIndex] (-100); set
	// it with new(0) and the like. Probability targets ignore it.
	IgnoreIndex *int
	// LabelSmoothing is ε in [0, 1]; 0 means none.
	LabelSmoothing float64
	// Reduction is Mean (the zero value), Sum or None.
	Reduction Reduction
}

// Eval evaluates the cross-entropy of logits against class-index targets
// and its gradient with respect to the logits, in one pass.
//
// shape is the shape of logits: (N, C) rows of C logits, (N, C, d1, ...)
// with the class axis 1, or (C) for a single unbatched row. target holds
// one class index per position, row-major over (N, d1, ...) (length 1 for
// a (C) input). The per-position losses l have the shape of target.
//
// The returned value is Σ l / Σ w_y over the non-ignored positions for Mean
// (PyTorch: the weighted mean divides by the summed weights of the
// non-ignored targets, so the smoothing term is divided by it too), Σ l for
// Sum, and Σ cot·l for None. When the Mean denominator is 0 (every target
// ignored, or every non-ignored target of weight 0) the result is NaN, the
// gradient is NaN in the non-ignored positions and 0 in the ignored ones,
// which is what PyTorch returns for that 0/0.
//
// losses, when not nil, receives the unreduced l (the shape of target)
// whatever the reduction. grad, when not nil, receives the gradient (the
// shape of logits) of the returned value's loss times the cotangent: cot
// has the shape of the reduced loss (one element for Mean and Sum, the
// shape of target for None) and nil means all ones. Eval does not
// allocate; losses and grad must not alias the inputs.
//
// Logits may be infinite (see the package doc for the limits taken); NaN
// logits, targets outside [0, C) other than IgnoreIndex, invalid weights
// or options, and mismatched lengths are errors (*[Error]) naming the
// argument and index.
func (l CrossEntropy) Eval(losses, grad, logits []float64, target []int, cot []float64, shape []int) (float64, error) {
	if !(l.LabelSmoothing >= 0 && l.LabelSmoothing <= 1) {
		return 0, &Error{Arg: "label_smoothing", Index: -1, Err: ErrOption,
			Detail: "label smoothing " + ftoa(l.LabelSmoothing) + " outside [0, 1]"}
	}
	return indexLoss(losses, grad, logits, target, cot, shape, l.Weight, l.IgnoreIndex, l.Reduction, l.LabelSmoothing, false)
}

// EvalProbs evaluates the cross-entropy of logits against target
// probabilities (PyTorch's class-probability targets) and its gradient with
// respect to the logits, in one pass.
//
// logits and target share the shape (N, C), (N, C, d1, ...) or (C); each
// target row (along the class axis) must hold probabilities in [0, 1] that
// sum to 1 within [SumTolerance]·C. The per-position losses have the shape
// without the class axis. Mean divides Σ l by the number of positions
// (N·d1·…), never by weights, as PyTorch. IgnoreIndex does not apply. The
// other arguments are those of [CrossEntropy.Eval]; a target probability of
// 0 against a logit of -Inf adds 0 (the limit of t·log p as t = 0).
func (l CrossEntropy) EvalProbs(losses, grad, logits, target, cot []float64, shape []int) (float64, error) {
	eps := l.LabelSmoothing
	if !(eps >= 0 && eps <= 1) {
		return 0, &Error{Arg: "label_smoothing", Index: -1, Err: ErrOption,
			Detail: "label smoothing " + ftoa(eps) + " outside [0, 1]"}
	}
	if err := checkReduction(l.Reduction, false); err != nil {
		return 0, err
	}
	n, c, d, err := classShape(shape)
	if err != nil {
		return 0, err
	}
	rows := n * d
	if err := checkLen("input", len(logits), n*c*d, shape); err != nil {
		return 0, err
	}
	if err := checkLen("target", len(target), n*c*d, shape); err != nil {
		return 0, err
	}
	if err := checkWeights("weight", l.Weight, c, "one per class"); err != nil {
		return 0, err
	}
	if err := checkCot(cot, l.Reduction, rows); err != nil {
		return 0, err
	}
	if err := checkOut("losses", losses, rows, shape); err != nil {
		return 0, err
	}
	if err := checkOut("grad", grad, n*c*d, shape); err != nil {
		return 0, err
	}
	if err := checkNaN("input", logits); err != nil {
		return 0, err
	}
	if err := checkUnit("target", target); err != nil {
		return 0, err
	}
	if err := checkRowSums("target", target, n, c, d); err != nil {
		return 0, err
	}
	f := 1.0
	if l.Reduction == Mean {
		f = 1 / float64(rows)
	}
	var total float64
	for i := range n {
		for k := range d {
			row := i*d + k
			sc := rowScale(cot, l.Reduction, row, f)
			v := ceProbsRow(logits, target, grad, l.Weight, eps, i*c*d+k, d, c, sc)
			if losses != nil {
				losses[row] = v
			}
			if l.Reduction == None && cot != nil {
				total = addScaled(total, cot[row], v)
			} else {
				total += v
			}
		}
	}
	return reduce(total, l.Reduction, float64(rows), cot), nil
}

// reduce applies the reduction's denominator and, for Mean and Sum, the
// scalar cotangent to a sum of losses.
func reduce(total float64, r Reduction, denom float64, cot []float64) float64 {
	if r == Mean || r == BatchMean {
		total /= denom
	}
	if r != None && cot != nil {
		total = addScaled(0, cot[0], total)
	}
	return total
}

// NLL is the negative log-likelihood of log-probabilities, PyTorch's
// torch.nn.functional.nll_loss: for a row of log-probabilities x and class
// target y,
//
//	l = -w_y·x_y,
//
// with the class weights, ignore index, reductions and shapes of
// [CrossEntropy] (without label smoothing). The zero value is PyTorch's
// default. The input is not checked to be log-probabilities (PyTorch does
// not either): any value but NaN is accepted.
type NLL struct {
	// Weight holds one weight per class (length C); nil means all ones.
	Weight []float64
	// IgnoreIndex is the target whose rows contribute nothing; nil means
	// [DefaultIgnoreIndex] (-100).
	IgnoreIndex *int
	// Reduction is Mean (the zero value), Sum or None.
	Reduction Reduction
}

// Eval evaluates the negative log-likelihood and its gradient with respect
// to the input log-probabilities, in one pass. The arguments, the Mean
// denominator (the summed weights of the non-ignored targets) and the
// errors are those of [CrossEntropy.Eval]. When that denominator is 0 the
// result is NaN and, as in PyTorch, the gradient is NaN at the target entry
// of each non-ignored position and 0 elsewhere. A weight of 0 against an
// input of -Inf adds 0.
func (l NLL) Eval(losses, grad, logp []float64, target []int, cot []float64, shape []int) (float64, error) {
	return indexLoss(losses, grad, logp, target, cot, shape, l.Weight, l.IgnoreIndex, l.Reduction, 0, true)
}

// indexLoss is the shared driver of the class-index losses.
func indexLoss(losses, grad, x []float64, target []int, cot []float64, shape []int,
	w []float64, ignorePtr *int, red Reduction, eps float64, nll bool) (float64, error) {
	if err := checkReduction(red, false); err != nil {
		return 0, err
	}
	n, c, d, err := classShape(shape)
	if err != nil {
		return 0, err
	}
	rows := n * d
	if err := checkLen("input", len(x), n*c*d, shape); err != nil {
		return 0, err
	}
	if len(target) != rows {
		return 0, argErr("target", ErrShape, "length "+itoa(len(target))+", want "+itoa(rows)+
			" (one class index per position) for input shape "+shapeString(shape))
	}
	if err := checkWeights("weight", w, c, "one per class"); err != nil {
		return 0, err
	}
	if err := checkCot(cot, red, rows); err != nil {
		return 0, err
	}
	if err := checkOut("losses", losses, rows, shape); err != nil {
		return 0, err
	}
	if err := checkOut("grad", grad, n*c*d, shape); err != nil {
		return 0, err
	}
	if err := checkNaN("input", x); err != nil {
		return 0, err
	}
	ignore := DefaultIgnoreIndex
	if ignorePtr != nil {
		ignore = *ignorePtr
	}
	var denom float64
	for i, y := range target {
		if y == ignore {
			continue
		}
		if y < 0 || y >= c {
			return 0, elemErr("target", i, float64(y), ErrRange, "class index out of range [0, "+itoa(c)+")")
		}
		denom += weightAt(w, y)
	}
	W := float64(c)
	if w != nil {
		W = 0
		for _, v := range w {
			W += v
		}
	}
	f := 1.0
	if red == Mean {
		// PyTorch's 0/0: the gradient of every counted row is NaN.
		f = 1 / denom
		if denom == 0 {
			f = math.NaN()
		}
	}
	var total float64
	for i := range n {
		for k := range d {
			row := i*d + k
			off := i*c*d + k
			y := target[row]
			if y == ignore {
				if losses != nil {
					losses[row] = 0
				}
				if grad != nil {
					for j, p := 0, off; j < c; j, p = j+1, p+d {
						grad[p] = 0
					}
				}
				continue
			}
			sc := rowScale(cot, red, row, f)
			var v float64
			if nll {
				v = nllRow(x, grad, weightAt(w, y), off, d, c, y, sc)
			} else {
				v = ceIndexRow(x, grad, w, W, eps, off, d, c, y, sc)
			}
			if losses != nil {
				losses[row] = v
			}
			if red == None && cot != nil {
				total = addScaled(total, cot[row], v)
			} else {
				total += v
			}
		}
	}
	if red == Mean && denom == 0 {
		return math.NaN(), nil
	}
	return reduce(total, red, denom, cot), nil
}

// nllRow returns -w_y·x_y and writes its gradient, -scale·w_y at y and 0
// elsewhere, into grad when not nil.
func nllRow(x, grad []float64, wy float64, off, stride, c, y int, scale float64) float64 {
	if grad != nil {
		for j, p := 0, off; j < c; j, p = j+1, p+stride {
			grad[p] = 0
		}
		grad[off+y*stride] = -scale * wy
	}
	if wy == 0 {
		return 0 // a zero weight against -Inf adds 0
	}
	return 0 - wy*x[off+y*stride] // 0 - a: never -0
}
