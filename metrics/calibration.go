package metrics

import (
	"math"
	"slices"
	"strconv"
)

// Strategy says how a calibration curve places its bin edges.
type Strategy int

const (
	// Uniform places the edges at numpy.linspace(0, 1, NBins+1):
	// e_i = i·(1/NBins) in float64 and e_NBins = 1.
	Uniform Strategy = iota
	// Quantile places the edges at the quantiles of the predicted
	// probabilities, numpy.percentile(p, linspace(0, 1, NBins+1)·100) with
	// numpy's default linear interpolation. Tied quantiles give empty bins.
	Quantile
)

// String returns "uniform" or "quantile".
func (s Strategy) String() string {
	switch s {
	case Uniform:
		return "uniform"
	case Quantile:
		return "quantile"
	}
	return "Strategy(" + strconv.Itoa(int(s)) + ")"
}

// CalibrationCurve configures a calibration (reliability) curve, as
// scikit-learn 1.2.1's sklearn.calibration.calibration_curve. The zero value
// is its default call: 5 uniform bins.
type CalibrationCurve struct {
	// NBins is the number of bins; 0 means 5, scikit-learn's default.
	NBins int
	// Strategy places the bin edges; the zero value is Uniform.
	Strategy Strategy
	// Labels lists the classes. For [CalibrationCurve.Eval] it is nil (the
	// positive class is then chosen by [PositiveLabel]) or two labels, the
	// larger being positive. For the multiclass methods it is nil (the
	// distinct values of y_true) or the classes of the columns, sorted and
	// deduplicated as for [LogLoss].
	Labels []int
	// SampleWeight holds one non-negative weight per sample; nil means all
	// ones. A bin's ProbTrue and ProbPred are then weighted means, its
	// Weights entry the sum of its weights, and [Curve.ECE] weighs the bins
	// by those sums. The bin edges do not depend on the weights (Quantile
	// edges are quantiles of the unweighted probabilities). With all
	// weights 1 the curve is the unweighted one to the bit. scikit-learn
	// 1.2.1's calibration_curve has no sample_weight.
	SampleWeight []float64
}

// Curve is a calibration curve with the binning behind it. Bin b holds the
// probabilities p with e_b < p ≤ e_{b+1} (the first bin also holds e_0):
// numpy.searchsorted(edges[1:-1], p, side="left"), so a value on an inner
// edge falls in the lower bin.
type Curve struct {
	// ProbTrue holds, for each non-empty bin in increasing order, the
	// fraction of its samples that are positive (for top-label curves: that
	// are predicted correctly). It is scikit-learn's prob_true.
	ProbTrue []float64
	// ProbPred holds, for each non-empty bin, the mean predicted probability
	// (for top-label curves: the mean confidence). It is scikit-learn's
	// prob_pred.
	ProbPred []float64
	// Bins holds the index of each non-empty bin, aligned with ProbTrue.
	Bins []int
	// Edges holds the NBins+1 bin edges.
	Edges []float64
	// Counts holds the number of samples in every bin, empty ones included.
	Counts []int
	// Weights holds the summed sample weight of every bin, empty ones
	// included: float64(Counts[b]) without sample weights. A bin is empty
	// (absent from Bins) when its summed weight is 0.
	Weights []float64

	vals, sums, hits []float64 // working memory
}

// ECE returns the expected calibration error of the curve, the
// weight-weighted mean gap between accuracy and confidence over the bins:
//
//	ECE = Σ_b (w_b / w) |ProbTrue_b - ProbPred_b|
//
// with w_b the summed sample weight of bin b (its count without sample
// weights) and w the total (Naeini, Cooper and Hauskrecht, 2015; Guo et
// al., 2017). Empty bins contribute nothing. A Curve without Weights (built
// by hand) uses Counts.
func (c *Curve) ECE() float64 {
	var s, w accum
	for j, b := range c.Bins {
		wb := float64(c.Counts[b])
		if c.Weights != nil {
			wb = c.Weights[b]
		}
		s.add(wb * math.Abs(c.ProbTrue[j]-c.ProbPred[j]))
		w.add(wb)
	}
	if w.sum() == 0 {
		return 0
	}
	return s.sum() / w.sum()
}

// MCE returns the maximum calibration error of the curve, the largest gap
// |ProbTrue_b - ProbPred_b| over the non-empty bins.
func (c *Curve) MCE() float64 {
	m := 0.0
	for j := range c.Bins {
		m = max(m, math.Abs(c.ProbTrue[j]-c.ProbPred[j]))
	}
	return m
}

// Eval returns the calibration curve of a binary problem: yProb holds the
// probability of the positive class ([PositiveLabel]: the larger label) for
// each label of yTrue. ProbTrue and ProbPred are scikit-learn 1.2.1's
// calibration_curve(y_true, y_prob, n_bins=NBins, strategy=...) to the bit;
// the bin means are summed in sample order as numpy.bincount does.
//
// The result is written to dst, reusing its slices; nil dst means allocate.
// With a dst from an earlier call of the same size Eval allocates nothing.
// The errors wrap [ErrEmpty], [ErrLength], [ErrClasses] (more than two
// classes), [ErrUnknownLabel], [ErrNaN], [ErrInf], [ErrRange],
// [ErrNegativeWeight] or [ErrOption].
func (c CalibrationCurve) Eval(dst *Curve, yTrue []int, yProb []float64) (*Curve, error) {
	n := len(yTrue)
	if n == 0 {
		return dst, argErr("y_true", "", ErrEmpty)
	}
	if len(yProb) != n {
		return dst, lengthErr("y_prob", len(yProb), n)
	}
	if err := checkWeights(c.SampleWeight, n); err != nil {
		return dst, err
	}
	nb, err := c.bins()
	if err != nil {
		return dst, err
	}
	pos, err := PositiveLabel(yTrue, c.Labels)
	if err != nil {
		return dst, err
	}
	for i, p := range yProb {
		if err := checkProb("y_prob", i, -1, p); err != nil {
			return dst, err
		}
	}
	if dst == nil {
		dst = new(Curve)
	}
	dst.fill(nb, c.Strategy, yProb, c.SampleWeight, func(i int) bool { return yTrue[i] == pos })
	return dst, nil
}

// TopLabel returns the top-label reliability curve of a k-class problem
// (Guo et al., 2017): each sample is binned by its confidence, the largest
// probability of its row, and counts as a hit when the class of that column
// (the first, on ties) is its true class. ProbPred is then the mean
// confidence and ProbTrue the accuracy of each non-empty bin, and
// [Curve.ECE] is the usual multiclass ECE. yProb is a row-major n×k matrix
// with columns as for [LogLoss] (k = 1: the probability of the larger of
// two classes, taken as the row [1-p, p]).
//
// The result is written to dst as for [CalibrationCurve.Eval]. The errors
// wrap those of Eval and [ErrShape].
func (c CalibrationCurve) TopLabel(dst *Curve, yTrue []int, yProb []float64, k int) (*Curve, error) {
	nb, cs, err := c.multiclass(yTrue, yProb, k)
	if err != nil {
		return dst, err
	}
	if dst == nil {
		dst = new(Curve)
	}
	n := len(yTrue)
	conf := slices.Grow(dst.vals[:0], n)[:n]
	hit := slices.Grow(dst.hits[:0], n)[:n]
	for i, y := range yTrue {
		best, arg := 0.0, 0
		if k == 1 {
			best = 1 - yProb[i]
			if p := yProb[i]; p > best {
				best, arg = p, 1
			}
		} else {
			row := yProb[i*k : i*k+k]
			best = row[0]
			for j, p := range row {
				if p > best {
					best, arg = p, j
				}
			}
		}
		conf[i] = best
		hit[i] = 0
		if cs.index(y) == arg {
			hit[i] = 1
		}
	}
	dst.vals, dst.hits = conf, hit
	dst.fill(nb, c.Strategy, conf, c.SampleWeight, func(i int) bool { return hit[i] == 1 })
	return dst, nil
}

// PerClass returns one calibration curve per class of a k-class problem:
// curve j bins column j of yProb against "y = class j", as Eval would for
// that one-vs-rest problem. yProb is as for [CalibrationCurve.TopLabel].
//
// The curves are written to dst[:K], reusing its elements; nil means
// allocate. The errors are those of TopLabel.
func (c CalibrationCurve) PerClass(dst []Curve, yTrue []int, yProb []float64, k int) ([]Curve, error) {
	nb, cs, err := c.multiclass(yTrue, yProb, k)
	if err != nil {
		return dst, err
	}
	n, nc := len(yTrue), cs.n
	if cap(dst) < nc {
		dst = append(dst[:cap(dst)], make([]Curve, nc-cap(dst))...)
	}
	dst = dst[:nc]
	for j := range nc {
		cv := &dst[j]
		col := slices.Grow(cv.vals[:0], n)[:n]
		for i := range n {
			switch {
			case k > 1:
				col[i] = yProb[i*k+j]
			case j == 0:
				col[i] = 1 - yProb[i]
			default:
				col[i] = yProb[i]
			}
		}
		cv.vals = col
		cv.fill(nb, c.Strategy, col, c.SampleWeight, func(i int) bool { return cs.index(yTrue[i]) == j })
	}
	return dst, nil
}

// bins returns the number of bins, checking the options.
func (c CalibrationCurve) bins() (int, error) {
	if c.NBins < 0 {
		return 0, &Error{Arg: "NBins", Row: -1, Col: -1, Value: strconv.Itoa(c.NBins), Detail: "want at least 1, or 0 for 5", Err: ErrOption}
	}
	if c.Strategy != Uniform && c.Strategy != Quantile {
		return 0, &Error{Arg: "Strategy", Row: -1, Col: -1, Value: c.Strategy.String(), Err: ErrOption}
	}
	if c.NBins == 0 {
		return 5, nil
	}
	return c.NBins, nil
}

// multiclass checks the input of TopLabel and PerClass.
func (c CalibrationCurve) multiclass(yTrue []int, yProb []float64, k int) (int, *classSet, error) {
	n := len(yTrue)
	if n == 0 {
		return 0, nil, argErr("y_true", "", ErrEmpty)
	}
	if err := checkMatrix("y_prob", yProb, n, k); err != nil {
		return 0, nil, err
	}
	nb, err := c.bins()
	if err != nil {
		return 0, nil, err
	}
	if err := checkWeights(c.SampleWeight, n); err != nil {
		return 0, nil, err
	}
	cs := new(classSet)
	if err := cs.forColumns("y_prob", c.Labels, yTrue, k); err != nil {
		return 0, nil, err
	}
	for i, y := range yTrue {
		if cs.index(y) < 0 {
			return 0, nil, unknownLabel(i, y)
		}
		for j, p := range yProb[i*k : i*k+k] {
			col := j
			if k == 1 {
				col = -1
			}
			if err := checkProb("y_prob", i, col, p); err != nil {
				return 0, nil, err
			}
		}
	}
	return nb, cs, nil
}

// fill bins the validated probabilities p with weights w (nil: all ones),
// hit(i) telling whether sample i is positive, into nb bins placed by
// strategy.
func (c *Curve) fill(nb int, strategy Strategy, p, w []float64, hit func(int) bool) {
	n := len(p)
	e := slices.Grow(c.Edges[:0], nb+1)[:nb+1]
	step := 1 / float64(nb)
	for i := range e {
		e[i] = float64(i)*step + 0
	}
	e[nb] = 1
	if strategy == Quantile {
		a := append(c.sums[:0], p...) // sorted copy; c.sums is reset below
		slices.Sort(a)
		for i := range e {
			q := e[i] * 100 / 100
			v := float64(n-1) * q
			if v >= float64(n-1) {
				e[i] = a[n-1]
				continue
			}
			lo := math.Floor(v)
			t, li := v-lo, int(lo)
			d := a[li+1] - a[li]
			// float64(...) rounds each product as numpy does, with no
			// fused multiply-add.
			if t < 0.5 {
				e[i] = a[li] + float64(d*t)
			} else {
				e[i] = a[li+1] - float64(d*(1-t))
			}
		}
		c.sums = a
	}
	c.Edges = e
	inner := e[1:nb]
	counts := slices.Grow(c.Counts[:0], nb)[:nb]
	clear(counts)
	sums := slices.Grow(c.sums[:0], 2*nb)[:2*nb]
	clear(sums)
	trues := sums[nb:]
	weights := slices.Grow(c.Weights[:0], nb)[:nb]
	clear(weights)
	for i, v := range p {
		b, _ := slices.BinarySearch(inner, v)
		counts[b]++
		if w == nil {
			sums[b] += v
			weights[b]++
			if hit(i) {
				trues[b]++
			}
			continue
		}
		sums[b] += float64(w[i] * v) // rounded product: no fused multiply-add
		weights[b] += w[i]
		if hit(i) {
			trues[b] += w[i]
		}
	}
	c.Counts, c.sums, c.Weights = counts, sums, weights
	c.ProbTrue, c.ProbPred, c.Bins = c.ProbTrue[:0], c.ProbPred[:0], c.Bins[:0]
	for b, m := range weights {
		if m == 0 {
			continue
		}
		c.ProbTrue = append(c.ProbTrue, trues[b]/m)
		c.ProbPred = append(c.ProbPred, sums[b]/m)
		c.Bins = append(c.Bins, b)
	}
}
