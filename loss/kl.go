package loss

import "math"

// KLDiv is the Kullback-Leibler divergence loss of PyTorch's
// torch.nn.functional.kl_div: the input x holds log-probabilities log q and
// the target t probabilities p (or log p when LogTarget), and the pointwise
// loss is
//
//	l = t·(log t - x)          (0 where t = 0)
//	l = exp(t)·(t - x)         (LogTarget; 0 where t = -Inf)
//
// with gradient -t (or -exp(t)) with respect to x. Summed over a row it is
// KL(p ‖ q). The zero value is PyTorch's default (Mean, probability
// targets). PyTorch warns that Mean divides by the number of elements, not
// of rows; BatchMean gives the divergence per row.
type KLDiv struct {
	// Reduction is Mean (over elements, the zero value), Sum, None or
	// BatchMean (the sum divided by the size of the input's first axis; for
	// a 0-d input, the sum).
	Reduction Reduction
	// LogTarget says the target holds log-probabilities.
	LogTarget bool
}

// Eval evaluates the divergence and its gradient with respect to the
// input log-probabilities logq, in one pass. logq and target share the
// shape shape (any rank). The other arguments are those of
// [BinaryCrossEntropy.Eval].
//
// Targets must be probabilities in [0, 1] (log-probabilities in
// [-Inf, 0] with LogTarget); they are not required to sum to 1, as in
// PyTorch. The input may be infinite: x = -Inf against t > 0 costs +Inf,
// against t = 0 it costs 0 (the limit, where PyTorch gives NaN). NaN
// anywhere is an error naming the argument and index.
func (l KLDiv) Eval(losses, grad, logq, target, cot []float64, shape []int) (float64, error) {
	n, err := elementwiseCheck(losses, grad, logq, target, cot, shape, l.Reduction, true)
	if err != nil {
		return 0, err
	}
	if err := checkNaN("input", logq); err != nil {
		return 0, err
	}
	if l.LogTarget {
		for i, v := range target {
			if v != v {
				return 0, elemErr("target", i, v, ErrNaN, "NaN")
			}
			if v > 0 {
				return 0, elemErr("target", i, v, ErrRange, "log-probability above 0")
			}
		}
	} else if err := checkUnit("target", target); err != nil {
		return 0, err
	}
	denom := float64(n)
	if l.Reduction == BatchMean {
		denom = 1
		if len(shape) > 0 {
			denom = float64(shape[0])
		}
	}
	f := 1.0
	if l.Reduction == Mean || l.Reduction == BatchMean {
		f = 1 / denom
	}
	var total float64
	for i, x := range logq {
		t := target[i]
		var v, p float64 // loss and probability p = -∂l/∂x
		if l.LogTarget {
			p = math.Exp(t)
			switch {
			case t < -math.MaxFloat64:
				v = 0 // p = 0
			case x < -math.MaxFloat64:
				v = posInf // even when exp(t) underflows, p > 0
			case x > math.MaxFloat64:
				v = negInf
			default:
				v = p * (t - x)
			}
		} else {
			p = t
			if t != 0 {
				v = t * (math.Log(t) - x)
			}
		}
		if losses != nil {
			losses[i] = v
		}
		if grad != nil {
			grad[i] = -rowScale(cot, l.Reduction, i, f) * p
		}
		if l.Reduction == None && cot != nil {
			total = addScaled(total, cot[i], v)
		} else {
			total += v
		}
	}
	return reduce(total, l.Reduction, denom, cot), nil
}

// Entropy is the Shannon entropy of rows of probabilities,
//
//	H(p) = -Σ_c p_c·log p_c   (0·log 0 = 0),
//
// with gradient -(log p_c + 1), which is +Inf at p_c = 0 (the derivative
// PyTorch's torch.special.entr gives there). The rows lie along the last
// axis. The zero value averages over rows.
type Entropy struct {
	// Reduction is Mean (over rows, the zero value), Sum or None.
	Reduction Reduction
}

// Eval evaluates the entropy of each row of p (shape (..., C), rows along
// the last axis; a 1-D shape is one row) and its gradient with respect to
// p, in one pass. Each row must hold probabilities in [0, 1] summing to 1
// within [SumTolerance]·C. The per-row entropies have the shape without
// the last axis; the other arguments are those of
// [BinaryCrossEntropy.Eval]. Where the cotangent is 0 the gradient is 0,
// even at p_c = 0.
func (l Entropy) Eval(losses, grad, p, cot []float64, shape []int) (float64, error) {
	if err := checkReduction(l.Reduction, false); err != nil {
		return 0, err
	}
	if len(shape) == 0 {
		return 0, argErr("shape", ErrShape, "entropy needs at least one axis, got shape []")
	}
	n, err := numel(shape)
	if err != nil {
		return 0, err
	}
	c := shape[len(shape)-1]
	rows := 1
	for _, s := range shape[:len(shape)-1] {
		rows *= s
	}
	if err := checkLen("input", len(p), n, shape); err != nil {
		return 0, err
	}
	if err := checkCot(cot, l.Reduction, rows); err != nil {
		return 0, err
	}
	if err := checkOut("losses", losses, rows, shape); err != nil {
		return 0, err
	}
	if err := checkOut("grad", grad, n, shape); err != nil {
		return 0, err
	}
	if err := checkUnit("input", p); err != nil {
		return 0, err
	}
	if err := checkRowSums("input", p, rows, c, 1); err != nil {
		return 0, err
	}
	f := 1.0
	if l.Reduction == Mean {
		f = 1 / float64(rows)
	}
	var total float64
	for r := range rows {
		row := p[r*c : (r+1)*c]
		sc := rowScale(cot, l.Reduction, r, f)
		var h float64
		for j, v := range row {
			lg := math.Log(v)
			if v != 0 {
				h -= v * lg
			}
			if grad != nil {
				if sc == 0 {
					grad[r*c+j] = 0
				} else {
					grad[r*c+j] = -sc * (lg + 1)
				}
			}
		}
		if losses != nil {
			losses[r] = h
		}
		if l.Reduction == None && cot != nil {
			total = addScaled(total, cot[r], h)
		} else {
			total += h
		}
	}
	return reduce(total, l.Reduction, float64(rows), cot), nil
}
