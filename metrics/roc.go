package metrics

import (
	"cmp"
	"math"
	"slices"
	"strconv"
)

// ROCAUC configures the area under the ROC curve and the curve itself, as
// scikit-learn 1.2.1's roc_auc_score and roc_curve. The zero value is their
// default call (for more than two classes, roc_auc_score with
// multi_class="ovr" and average="macro").
type ROCAUC struct {
	// Labels lists the classes. With k = 1 score column, nil means the
	// distinct values of y_true (which must be two) and a non-nil Labels
	// must hold exactly two labels; the larger is the positive class. With
	// k ≥ 2 columns, nil means the distinct values of y_true, and Labels is
	// sorted and deduplicated (scikit-learn rejects unsorted or repeated
	// labels here; xent sorts them as log_loss does).
	Labels []int
	// SampleWeight holds one non-negative weight per sample; nil means all
	// ones. Samples of weight 0 are dropped before the curve is built.
	SampleWeight []float64
	// KeepIntermediate keeps, in [ROCAUC.Curve], the points that lie on a
	// straight line between their neighbours (roc_curve's
	// drop_intermediate=False). The area does not depend on it.
	KeepIntermediate bool
}

// scored is one sample on the way to a ROC curve.
type scored struct {
	s, w float64
	i    int
	pos  bool
}

// rocWork holds a curve under construction.
type rocWork struct {
	pts           []scored
	fps, tps, thr []float64
}

// build sorts w.pts and sets fps, tps and thr to the curve through the
// distinct thresholds, as scikit-learn's _binary_clf_curve and roc_curve:
// the scores in decreasing order (ties in decreasing sample order, as
// argsort(kind="mergesort")[::-1]), the cumulated weights of positives and
// negatives at the last sample of each distinct score, collinear points
// dropped unless keep, and the point (0, 0) with threshold max + 1 first.
// It reports whether both classes have positive total weight.
func (w *rocWork) build(keep bool) bool {
	pts := w.pts
	if len(pts) == 0 {
		return false
	}
	slices.SortFunc(pts, func(a, b scored) int {
		if c := cmp.Compare(b.s, a.s); c != 0 {
			return c
		}
		return cmp.Compare(b.i, a.i)
	})
	// Entry 0 is reserved for the point (0, 0).
	m := len(pts) + 1
	fps := slices.Grow(w.fps[:0], m)[:1]
	tps := slices.Grow(w.tps[:0], m)[:1]
	thr := slices.Grow(w.thr[:0], m)[:1]
	var f, t float64
	for j, p := range pts {
		if p.pos {
			t += p.w
		} else {
			f += p.w
		}
		if j == len(pts)-1 || pts[j+1].s != p.s {
			fps, tps, thr = append(fps, f), append(tps, t), append(thr, p.s)
		}
	}
	if !keep && len(fps) > 3 {
		// Entries 1..len-1 are the curve of _binary_clf_curve; keep its
		// first and last point and those where a second difference is not
		// zero. m ≤ j: entries j-1, j, j+1 still hold their original values
		// when iteration j reads them.
		m := 2
		for j := 2; j < len(fps)-1; j++ {
			df := (fps[j+1] - fps[j]) - (fps[j] - fps[j-1])
			dt := (tps[j+1] - tps[j]) - (tps[j] - tps[j-1])
			if df != 0 || dt != 0 {
				fps[m], tps[m], thr[m] = fps[j], tps[j], thr[j]
				m++
			}
		}
		last := len(fps) - 1
		fps[m], tps[m], thr[m] = fps[last], tps[last], thr[last]
		fps, tps, thr = fps[:m+1], tps[:m+1], thr[:m+1]
	}
	fps[0], tps[0], thr[0] = 0, 0, thr[1]+1
	w.fps, w.tps, w.thr = fps, tps, thr
	return f > 0 && t > 0
}

// area returns the trapezoidal area under the curve in w, as numpy's
// trapz(tpr, fpr) with fpr = fps/fps[-1] and tpr = tps/tps[-1].
func (w *rocWork) area() float64 {
	fn, tn := w.fps[len(w.fps)-1], w.tps[len(w.tps)-1]
	var a accum
	for j := 1; j < len(w.fps); j++ {
		dx := w.fps[j]/fn - w.fps[j-1]/fn
		a.add(dx * (w.tps[j]/tn + w.tps[j-1]/tn) / 2.0)
	}
	return a.sum()
}

// binary fills w.pts for a binary problem given by one score per sample,
// checking the input.
func (r ROCAUC) binary(w *rocWork, yTrue []int, yScore []float64) error {
	n := len(yTrue)
	if n == 0 {
		return argErr("y_true", "", ErrEmpty)
	}
	if len(yScore) != n {
		return lengthErr("y_score", len(yScore), n)
	}
	if err := checkWeights(r.SampleWeight, n); err != nil {
		return err
	}
	pos, err := PositiveLabel(yTrue, r.Labels)
	if err != nil {
		return err
	}
	w.pts = slices.Grow(w.pts[:0], n)
	for i, y := range yTrue {
		s := yScore[i]
		if err := checkFinite("y_score", i, -1, s); err != nil {
			return err
		}
		wt := weightAt(r.SampleWeight, i)
		if wt == 0 {
			continue
		}
		w.pts = append(w.pts, scored{s: s, w: wt, i: i, pos: y == pos})
	}
	if !w.build(r.KeepIntermediate) {
		return argErr("y_true", "both classes need samples of positive weight", ErrClasses)
	}
	return nil
}

// Eval returns the area under the ROC curve of the scores yScore, a
// row-major n×k matrix, for the n true labels yTrue.
//
// With k = 1, yScore holds a finite score (any real) of the larger label
// per sample, and the area is roc_auc_score's: the trapezoidal area under
// the ROC curve through the distinct score thresholds, so that a tied
// positive/negative pair counts one half, with samples of weight 0 dropped.
// It equals the weighted Mann-Whitney statistic
//
//	Σ_{pos i, neg j} s_i s_j (1[p_i > p_j] + ½ 1[p_i = p_j]) / (Σ_pos s_i · Σ_neg s_j)
//
// With k ≥ 2 columns, one per class, each row must sum to 1 (within
// numpy's allclose tolerance, |1 - Σ| ≤ 1e-8 + 1e-5 |Σ|) and the result is
// the one-vs-rest macro average: the mean over classes c of the binary area
// of column c for "y = c" against the rest, as roc_auc_score(
// multi_class="ovr", average="macro").
//
// Eval allocates O(n) working memory. The errors wrap [ErrEmpty],
// [ErrLength], [ErrShape], [ErrClasses] (a class without samples of
// positive weight), [ErrUnknownLabel], [ErrNaN], [ErrInf], [ErrRowSum] or
// [ErrNegativeWeight].
func (r ROCAUC) Eval(yTrue []int, yScore []float64, k int) (float64, error) {
	var w rocWork
	r.KeepIntermediate = false
	if k == 1 {
		if err := r.binary(&w, yTrue, yScore); err != nil {
			return 0, err
		}
		return w.area(), nil
	}
	n := len(yTrue)
	if n == 0 {
		return 0, argErr("y_true", "", ErrEmpty)
	}
	if err := checkMatrix("y_score", yScore, n, k); err != nil {
		return 0, err
	}
	if err := checkWeights(r.SampleWeight, n); err != nil {
		return 0, err
	}
	var cs classSet
	if err := cs.forColumns("y_score", r.Labels, yTrue, k); err != nil {
		return 0, err
	}
	cls := make([]int, n)
	for i, y := range yTrue {
		if cls[i] = cs.index(y); cls[i] < 0 {
			return 0, unknownLabel(i, y)
		}
		var s float64
		for j, p := range yScore[i*k : i*k+k] {
			if err := checkFinite("y_score", i, j, p); err != nil {
				return 0, err
			}
			s += p
		}
		if !(math.Abs(1-s) <= 1e-8+1e-5*math.Abs(s)) {
			return 0, &Error{Arg: "y_score", Row: i, Col: -1, Detail: "sum " + fmtFloat(s), Err: ErrRowSum}
		}
	}
	w.pts = make([]scored, 0, n)
	var total float64
	for c := range k {
		w.pts = w.pts[:0]
		for i := range n {
			wt := weightAt(r.SampleWeight, i)
			if wt == 0 {
				continue
			}
			w.pts = append(w.pts, scored{s: yScore[i*k+c], w: wt, i: i, pos: cls[i] == c})
		}
		if !w.build(false) {
			return 0, argErr("y_true", "class "+strconv.Itoa(cs.list()[c])+" needs samples of positive weight in and out of it", ErrClasses)
		}
		total += w.area()
	}
	return total / float64(k), nil
}

// Curve returns the ROC curve of a binary problem, as scikit-learn 1.2.1's
// roc_curve(y_true, y_score, sample_weight=..., drop_intermediate=
// !r.KeepIntermediate): the false and true positive rates at each distinct
// threshold of yScore (one finite score of the larger label per sample),
// in increasing order of rate, led by the point (0, 0) whose threshold is
// the largest score plus 1 (scikit-learn ≥ 1.3 uses +Inf there).
// Thresholds decrease along the curve.
//
// The results are appended to fpr[:0], tpr[:0] and thresholds[:0], so nil
// means allocate and buffers of sufficient capacity are reused. The errors
// are those of [ROCAUC.Eval] for k = 1.
func (r ROCAUC) Curve(fpr, tpr, thresholds []float64, yTrue []int, yScore []float64) (fprOut, tprOut, thrOut []float64, err error) {
	w := rocWork{fps: fpr, tps: tpr, thr: thresholds}
	if err := r.binary(&w, yTrue, yScore); err != nil {
		return fpr, tpr, thresholds, err
	}
	fn, tn := w.fps[len(w.fps)-1], w.tps[len(w.tps)-1]
	for j := range w.fps {
		w.fps[j] /= fn
		w.tps[j] /= tn
	}
	return w.fps, w.tps, w.thr, nil
}
