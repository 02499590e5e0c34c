package data

import (
	"errors"
	"strconv"
	"strings"
)

// Sentinel causes wrapped by the errors of this package, for [errors.Is].
var (
	// ErrShape reports slices whose lengths do not match the stated shape.
	ErrShape = errors.New("shape mismatch")
	// ErrNotFinite reports a NaN or an infinity in input data.
	ErrNotFinite = errors.New("value is not finite")
	// ErrIndex reports a row, column or class index out of range.
	ErrIndex = errors.New("index out of range")
	// ErrUnsorted reports CSR column indices of a row that are not strictly
	// increasing (unsorted or duplicated).
	ErrUnsorted = errors.New("column indices not strictly increasing")
	// ErrWeight reports a negative sample weight.
	ErrWeight = errors.New("negative sample weight")
	// ErrUnknownLabel reports a label that is not in the class list.
	ErrUnknownLabel = errors.New("unknown class label")
	// ErrClasses reports an unusable class list (duplicates, too few
	// samples per class for the requested folds).
	ErrClasses = errors.New("bad classes")
)

// Error locates a bad value: the field it was found in and its row and
// column (zero-based; -1 when it does not apply). Err is one of the sentinel
// causes above.
//
// The message reads, for example,
//
//	data: X[3, 5] = NaN: value is not finite
type Error struct {
	Field string // "X", "Y", "SampleWeight", "indptr", "indices", "idx", …
	Row   int    // zero-based row (or element) index; -1 if not applicable
	Col   int    // zero-based column index; -1 if not applicable
	Value string // the offending value as text; may be empty
	Err   error  // the cause, a sentinel such as [ErrNotFinite]
}

// Error implements the error interface.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("data: ")
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
