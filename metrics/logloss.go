package metrics

import (
	"math"
	"strconv"
)

// Reduction says how per-sample values are combined.
type Reduction int

const (
	// Mean divides the weighted sum by the summed weights (scikit-learn's
	// normalize=True, its default).
	Mean Reduction = iota
	// Sum returns the weighted sum (normalize=False).
	Sum
)

// String returns "mean" or "sum".
func (r Reduction) String() string {
	switch r {
	case Mean:
		return "mean"
	case Sum:
		return "sum"
	}
	return "Reduction(" + strconv.Itoa(int(r)) + ")"
}

// Clipping names how [LogLoss] keeps logarithms finite.
type Clipping int

const (
	// ClipAuto clips probabilities to [ε, 1-ε] with ε the float64 machine
	// epsilon 2.220446049250313e-16: scikit-learn ≥ 1.2's eps="auto".
	ClipAuto Clipping = iota
	// ClipLegacy clips to [1e-15, 1-1e-15]: scikit-learn's default before 1.2.
	ClipLegacy
	// ClipEps clips to [LogLoss.Eps, 1-LogLoss.Eps]: an explicit eps, as
	// scikit-learn < 1.5 accepts. Eps = 0 clips nothing, so a true class of
	// probability 0 gives +Inf.
	ClipEps
	// ClampLog leaves probabilities as they are and clamps each logarithm at
	// -100, as PyTorch's BCELoss: a per-sample loss is at most 100.
	ClampLog
)

// MachineEpsilon is the float64 machine epsilon, 2^-52: numpy's
// finfo(float64).eps and the ε of [ClipAuto].
const MachineEpsilon = 0x1p-52

// String returns "auto", "legacy", "eps" or "clamp-log".
func (c Clipping) String() string {
	switch c {
	case ClipAuto:
		return "auto"
	case ClipLegacy:
		return "legacy"
	case ClipEps:
		return "eps"
	case ClampLog:
		return "clamp-log"
	}
	return "Clipping(" + strconv.Itoa(int(c)) + ")"
}

// Renormalization says whether [LogLoss] divides each row of probabilities
// by its sum.
type Renormalization int

const (
	// Renormalize divides every (clipped) row by its sum, silently, as
	// scikit-learn 1.2–1.4 do; this is the default because the reference
	// values follow scikit-learn 1.2.1.
	Renormalize Renormalization = iota
	// NoRenormalize uses the probabilities as they are, as scikit-learn
	// ≥ 1.5 does (it warns when rows do not sum to 1; xent does not print).
	NoRenormalize
)

// String returns "renormalize" or "none".
func (r Renormalization) String() string {
	switch r {
	case Renormalize:
		return "renormalize"
	case NoRenormalize:
		return "none"
	}
	return "Renormalization(" + strconv.Itoa(int(r)) + ")"
}

// LogLoss configures the log loss (cross-entropy of the true class) as
// scikit-learn's sklearn.metrics.log_loss computes it. The zero value is
// scikit-learn 1.2.1's default call log_loss(y_true, y_prob).
type LogLoss struct {
	// Labels lists the classes; nil means the distinct values of y_true.
	// They are sorted and deduplicated, so their order does not matter:
	// column j of the probabilities belongs to the j-th smallest class.
	// Labels lets y_true miss some classes.
	Labels []int
	// SampleWeight holds one non-negative weight per sample; nil means all
	// ones.
	SampleWeight []float64
	// Clip is the clipping convention; the zero value is ClipAuto.
	Clip Clipping
	// Eps is the ε of ClipEps, in [0, 0.5); other conventions ignore it.
	Eps float64
	// Rows says whether rows are renormalized; the zero value is
	// Renormalize (scikit-learn 1.2).
	Rows Renormalization
	// Reduction is Mean (normalize=True, the zero value) or Sum.
	Reduction Reduction
}

// Eval returns the log loss of the probabilities yProb, a row-major n×k
// matrix, for the n true labels yTrue. With k = 1, yProb holds the
// probability of the larger of two classes and row i is taken as
// [1 - p_i, p_i]; otherwise column j belongs to the j-th smallest class.
//
// The recipe is scikit-learn 1.2.1's: with ε from l.Clip, each
// probability is clipped to [ε, 1-ε] (1-ε rounded in float64), a 1-D
// probability becomes [1-p, p] after clipping, every row is divided by its
// sum (unless l.Rows is NoRenormalize), and
//
//	l_i  = -log(row_i[class of yTrue[i]])
//	loss = Σ s_i l_i / Σ s_i   (Mean)   or   Σ s_i l_i   (Sum)
//
// with s the sample weights. Under ClampLog nothing is clipped and
// l_i = -max(log(row_i[class]), -100).
//
// Special cases are:
//
//	LogLoss{Clip: ClipEps, Eps: 0} with a true class of probability 0 = +Inf
//
// Eval allocates only when there are more than 8 classes. The errors wrap [ErrEmpty], [ErrLength],
// [ErrShape] (k does not match the number of classes), [ErrClasses] (fewer
// than two classes), [ErrUnknownLabel], [ErrNaN], [ErrInf], [ErrRange],
// [ErrNegativeWeight], [ErrZeroWeight] (Mean with weights summing to 0),
// [ErrZeroRow] (ClampLog renormalizing a row of zeros) or [ErrOption].
func (l LogLoss) Eval(yTrue []int, yProb []float64, k int) (float64, error) {
	n := len(yTrue)
	if n == 0 {
		return 0, argErr("y_true", "", ErrEmpty)
	}
	if err := checkMatrix("y_prob", yProb, n, k); err != nil {
		return 0, err
	}
	if err := checkWeights(l.SampleWeight, n); err != nil {
		return 0, err
	}
	var eps float64
	clamp := false
	switch l.Clip {
	case ClipAuto:
		eps = MachineEpsilon
	case ClipLegacy:
		eps = 1e-15
	case ClipEps:
		if !(l.Eps >= 0 && l.Eps < 0.5) {
			return 0, &Error{Arg: "Eps", Row: -1, Col: -1, Value: fmtFloat(l.Eps), Detail: "want [0, 0.5)", Err: ErrOption}
		}
		eps = l.Eps
	case ClampLog:
		clamp = true
	default:
		return 0, &Error{Arg: "Clip", Row: -1, Col: -1, Value: l.Clip.String(), Err: ErrOption}
	}
	if l.Rows != Renormalize && l.Rows != NoRenormalize {
		return 0, &Error{Arg: "Rows", Row: -1, Col: -1, Value: l.Rows.String(), Err: ErrOption}
	}
	if l.Reduction != Mean && l.Reduction != Sum {
		return 0, &Error{Arg: "Reduction", Row: -1, Col: -1, Value: l.Reduction.String(), Err: ErrOption}
	}
	var cs classSet
	if err := cs.forColumns("y_prob", l.Labels, yTrue, k); err != nil {
		return 0, err
	}
	lo, hi := eps, 1-eps
	renorm := l.Rows == Renormalize
	var total, wsum accum
	for i, y := range yTrue {
		c := cs.index(y)
		if c < 0 {
			return 0, unknownLabel(i, y)
		}
		var pt, rowSum float64
		if k == 1 {
			p := yProb[i]
			if err := checkProb("y_prob", i, -1, p); err != nil {
				return 0, err
			}
			if !clamp {
				p = min(max(p, lo), hi)
			}
			q := 1 - p
			pt, rowSum = p, q+p
			if c == 0 {
				pt = q
			}
		} else {
			row := yProb[i*k : i*k+k]
			for j, p := range row {
				if err := checkProb("y_prob", i, j, p); err != nil {
					return 0, err
				}
				if !clamp {
					p = min(max(p, lo), hi)
				}
				rowSum += p
				if j == c {
					pt = p
				}
			}
		}
		if renorm {
			if rowSum == 0 {
				return 0, &Error{Arg: "y_prob", Row: i, Col: -1, Err: ErrZeroRow}
			}
			pt /= rowSum
		}
		lg := math.Log(pt)
		if clamp {
			lg = max(lg, -100)
		}
		if l.SampleWeight == nil {
			total.add(-lg)
		} else {
			w := l.SampleWeight[i]
			total.add(-lg * w)
			wsum.add(w)
		}
	}
	if l.Reduction == Sum {
		return total.sum(), nil
	}
	if l.SampleWeight == nil {
		return total.sum() / float64(n), nil
	}
	ws := wsum.sum()
	if ws == 0 {
		return 0, argErr("sample_weight", "", ErrZeroWeight)
	}
	return total.sum() / ws, nil
}
