package calibrate

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/xent-ml/xent/data"
)

// Sentinel causes of this package, for [errors.Is]; shape, index, weight
// and non-finite errors wrap the sentinels of package data.
var (
	// ErrProbability reports a probability outside [0, 1].
	ErrProbability = errors.New("probability not in [0, 1]")
	// ErrNotFitted reports a calibration applied before it was fitted, or to
	// a different number of classes than it was fitted for.
	ErrNotFitted = errors.New("calibration not fitted for this number of classes")
	// ErrInvalid reports unusable fitted parameters, as after loading a
	// damaged file, or an unusable configuration.
	ErrInvalid = errors.New("invalid parameters")
	// ErrClasses reports calibration data in which fewer than two classes
	// occur (with positive weight), or, for the one-vs-rest methods ([Platt]
	// and [Isotonic] with k > 2), in which a class never occurs: its curve
	// would be fitted on negatives alone.
	ErrClasses = errors.New("classes missing from the calibration data")
)

// Error locates a bad input or parameter: the argument or field, its row
// and column (zero-based; -1 when they do not apply), the value as text and
// the cause. The message reads, for example,
//
//	calibrate: y[12] = 3: index out of range (k = 3)
//	calibrate: probs[4, 1] = NaN: value is not finite
type Error struct {
	Field string // "probs", "y", "sampleWeight", "k", a parameter name…
	Row   int    // zero-based row or element index; -1 if not applicable
	Col   int    // zero-based column; -1 if not applicable
	Value string // the offending value as text; may be empty
	Err   error  // the cause
}

// Error implements the error interface.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("calibrate: ")
	b.WriteString(e.Field)
	if e.Row >= 0 {
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(e.Row))
		if e.Col >= 0 {
			b.WriteString(", ")
			b.WriteString(strconv.Itoa(e.Col))
		}
		b.WriteByte(']')
	}
	if e.Value != "" {
		b.WriteString(" = ")
		b.WriteString(e.Value)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func fieldErr(field string, err error) error { return &Error{Field: field, Row: -1, Col: -1, Err: err} }

// checkProbs validates k and the n×k probabilities and returns n.
func checkProbs(probs []float64, k int) (int, error) {
	if k < 2 {
		return 0, &Error{Field: "k", Row: -1, Col: -1, Value: strconv.Itoa(k), Err: fmt.Errorf("want at least 2 classes: %w", data.ErrShape)}
	}
	if len(probs)%k != 0 {
		return 0, fieldErr("probs", fmt.Errorf("%d values is not a multiple of k = %d: %w", len(probs), k, data.ErrShape))
	}
	for i, p := range probs {
		if math.IsNaN(p) || math.IsInf(p, 0) {
			return 0, &Error{Field: "probs", Row: i / k, Col: i % k, Value: fmtFloat(p), Err: data.ErrNotFinite}
		}
		if p < 0 || p > 1 {
			return 0, &Error{Field: "probs", Row: i / k, Col: i % k, Value: fmtFloat(p), Err: ErrProbability}
		}
	}
	return len(probs) / k, nil
}

// checkFit validates the arguments of a Fit and returns n. At least two
// classes must occur with positive weight ([ErrClasses]); with ovr set
// (one curve per class, k > 2) every class must.
func checkFit(probs []float64, k int, y []int, w []float64, ovr bool) (int, error) {
	n, err := checkFitArgs(probs, k, y, w)
	if err != nil {
		return 0, err
	}
	seen := make([]bool, k)
	distinct := 0
	for i, c := range y {
		if !seen[c] && weight(w, i) > 0 {
			seen[c] = true
			distinct++
		}
	}
	if distinct < 2 {
		return 0, fieldErr("y", fmt.Errorf("%d of the k = %d classes occurs, want at least 2: %w", distinct, k, ErrClasses))
	}
	if ovr && k > 2 {
		for c, ok := range seen {
			if !ok {
				return 0, &Error{Field: "y", Row: -1, Col: -1, Err: fmt.Errorf(
					"class %d never occurs (with positive weight), and its one-vs-rest curve needs positives; use temperature scaling or calibration data with every class: %w", c, ErrClasses)}
			}
		}
	}
	return n, nil
}

// checkFitArgs validates shapes, values and weights of a Fit and returns n.
func checkFitArgs(probs []float64, k int, y []int, w []float64) (int, error) {
	n, err := checkProbs(probs, k)
	if err != nil {
		return 0, err
	}
	if len(y) != n {
		return 0, fieldErr("y", fmt.Errorf("%d labels for %d rows of probabilities: %w", len(y), n, data.ErrShape))
	}
	if n == 0 {
		return 0, fieldErr("probs", fmt.Errorf("no rows to fit: %w", data.ErrShape))
	}
	for i, c := range y {
		if c < 0 || c >= k {
			return 0, &Error{Field: "y", Row: i, Col: -1, Value: strconv.Itoa(c), Err: fmt.Errorf("%w (k = %d)", data.ErrIndex, k)}
		}
	}
	if w == nil {
		return n, nil
	}
	if len(w) != n {
		return 0, fieldErr("sampleWeight", fmt.Errorf("%d weights for %d rows: %w", len(w), n, data.ErrShape))
	}
	total := 0.0
	for i, v := range w {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, &Error{Field: "sampleWeight", Row: i, Col: -1, Value: fmtFloat(v), Err: data.ErrNotFinite}
		}
		if v < 0 {
			return 0, &Error{Field: "sampleWeight", Row: i, Col: -1, Value: fmtFloat(v), Err: data.ErrWeight}
		}
		total += v
	}
	if !(total > 0) || math.IsInf(total, 0) {
		return 0, fieldErr("sampleWeight", fmt.Errorf("total weight %s, want a finite positive total: %w", fmtFloat(total), data.ErrWeight))
	}
	return n, nil
}

// checkApply validates the arguments of an Apply and returns n and dst,
// allocated when nil.
func checkApply(dst, probs []float64, k int) (int, []float64, error) {
	n, err := checkProbs(probs, k)
	if err != nil {
		return 0, nil, err
	}
	if dst == nil {
		dst = make([]float64, len(probs))
	} else if len(dst) != len(probs) {
		return 0, nil, fieldErr("dst", fmt.Errorf("%d values, want %d (n×k): %w", len(dst), len(probs), data.ErrShape))
	}
	return n, dst, nil
}

// weight returns w[i], or 1 when w is nil.
func weight(w []float64, i int) float64 {
	if w == nil {
		return 1
	}
	return w[i]
}
