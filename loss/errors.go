package loss

import (
	"errors"
	"strconv"
)

// Sentinel causes of an [Error], for errors.Is.
var (
	// ErrNaN: an input, target, weight or cotangent element is NaN.
	ErrNaN = errors.New("loss: NaN")
	// ErrRange: an element is outside its domain (a class index outside
	// [0, C), a probability outside [0, 1], a negative or infinite weight).
	ErrRange = errors.New("loss: value out of range")
	// ErrNotNormalized: a row of probabilities does not sum to 1 within
	// [SumTolerance]·C.
	ErrNotNormalized = errors.New("loss: probabilities do not sum to 1")
	// ErrShape: a length does not match the shape, or the shape is invalid.
	ErrShape = errors.New("loss: shape mismatch")
	// ErrOption: an option of the loss is invalid (an unknown reduction,
	// label smoothing outside [0, 1], ...).
	ErrOption = errors.New("loss: invalid option")
)

// Error reports bad input to a loss: which argument, which element, and
// why. Its Err field is one of the sentinel errors ([ErrNaN], [ErrRange],
// [ErrNotNormalized], [ErrShape], [ErrOption]), which errors.Is finds.
type Error struct {
	Arg    string  // the argument: "input", "target", "weight", "pos_weight", "cotangent", "losses", "grad", "shape" or an option name
	Index  int     // flat row-major index of the element (of the row when Row is set); -1 when the whole argument is at fault
	Row    bool    // Index counts rows (positions of the loss), not elements
	Value  float64 // the offending element, when Index ≥ 0 and Row is false
	Detail string  // what is wrong, in words
	Err    error   // the sentinel cause
}

// Error returns the message, for example
// "loss: target[17] = 12: class index out of range [0, 10)".
func (e *Error) Error() string {
	b := append([]byte("loss: "), e.Arg...)
	switch {
	case e.Index < 0:
	case e.Row:
		b = append(b, " row "...)
		b = strconv.AppendInt(b, int64(e.Index), 10)
	default:
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(e.Index), 10)
		b = append(b, "] = "...)
		b = strconv.AppendFloat(b, e.Value, 'g', -1, 64)
	}
	b = append(b, ": "...)
	b = append(b, e.Detail...)
	return string(b)
}

// Unwrap returns the sentinel cause.
func (e *Error) Unwrap() error { return e.Err }

func elemErr(arg string, i int, v float64, cause error, detail string) error {
	return &Error{Arg: arg, Index: i, Value: v, Detail: detail, Err: cause}
}

func argErr(arg string, cause error, detail string) error {
	return &Error{Arg: arg, Index: -1, Detail: detail, Err: cause}
}

func itoa(i int) string { return strconv.Itoa(i) }

func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// shapeString formats a shape as [2 3 4] without making it escape.
func shapeString(shape []int) string {
	b := []byte{'['}
	for i, d := range shape {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(d), 10)
	}
	return string(append(b, ']'))
}
