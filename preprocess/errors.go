package preprocess

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/xent-ml/xent/data"
)

// Sentinel causes of this package, for [errors.Is]. Shapes and non-finite
// values wrap the sentinels of package data ([data.ErrShape],
// [data.ErrNotFinite], [data.ErrIndex]) so one test covers every package.
var (
	// ErrUnknownCategory reports a value of a one-hot encoded column that
	// was not seen in training, with [UnknownError].
	ErrUnknownCategory = errors.New("unknown category")
	// ErrSparseCenter reports an attempt to center sparse data, which would
	// make every zero nonzero (scikit-learn refuses it too).
	ErrSparseCenter = errors.New("cannot center sparse data")
	// ErrInvalid reports fitted parameters that cannot be used, as after
	// loading a damaged file: a non-finite or non-positive scale, unsorted
	// categories, a step with no transformation.
	ErrInvalid = errors.New("invalid parameters")
)

// Error locates a problem in the data a step was given: the step, the row
// and column (zero-based; -1 when they do not apply), the offending value as
// text, and the cause.
//
// The message reads, for example,
//
//	preprocess: standardize: X[3, 5] = NaN: value is not finite
//	preprocess: one-hot: X[7, 2] = 4: unknown category (column 2 has 3 categories)
//	preprocess: step 2 (max-abs): scale[4] = 0: want a finite positive scale: invalid parameters
type Error struct {
	Step  string // "standardize", "max-abs", "one-hot" or "hash"
	Index int    // 1-based position of the step in a [Pipeline]; 0 outside one
	Row   int    // zero-based row; -1 if not applicable
	Col   int    // zero-based column; -1 if not applicable
	Value string // the offending value as text; may be empty
	Err   error  // the cause
}

// Error implements the error interface.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("preprocess: ")
	if e.Index > 0 {
		b.WriteString("step ")
		b.WriteString(strconv.Itoa(e.Index))
		b.WriteString(" (")
		b.WriteString(e.Step)
		b.WriteByte(')')
	} else {
		b.WriteString(e.Step)
	}
	if e.Row >= 0 || e.Col >= 0 {
		b.WriteString(": X[")
		if e.Row >= 0 {
			b.WriteString(strconv.Itoa(e.Row))
		} else {
			b.WriteString(":")
		}
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

// notFinite returns the error for a non-finite value v at (row, col).
func notFinite(step string, row, col int, v float64) error {
	return &Error{Step: step, Row: row, Col: col, Value: fmtFloat(v), Err: data.ErrNotFinite}
}

// badResult returns the error for a transformed value that is not finite:
// [notFinite] when the input v is not finite, else an overflow of the
// result (wrapping [data.ErrNotFinite] too), so the message does not call
// a finite input "not finite".
func badResult(step string, row, col int, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return notFinite(step, row, col, v)
	}
	return &Error{Step: step, Row: row, Col: col, Value: fmtFloat(v), Err: errOverflow}
}

// errOverflow is the cause of [badResult] for a finite input; it wraps
// data.ErrNotFinite.
var errOverflow error = overflowError{}

type overflowError struct{}

func (overflowError) Error() string { return "the transformed value overflows float64" }
func (overflowError) Unwrap() error { return data.ErrNotFinite }

// stepErr returns an error about the step as a whole.
func stepErr(step string, err error) error {
	return &Error{Step: step, Row: -1, Col: -1, Err: err}
}
