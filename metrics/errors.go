package metrics

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// Sentinel causes wrapped by [Error], for [errors.Is].
var (
	ErrEmpty          = errors.New("empty input")
	ErrLength         = errors.New("length mismatch")
	ErrShape          = errors.New("wrong number of columns")
	ErrNaN            = errors.New("not a number")
	ErrInf            = errors.New("infinite value")
	ErrRange          = errors.New("probability outside [0, 1]")
	ErrNegativeWeight = errors.New("negative sample weight")
	ErrZeroWeight     = errors.New("sample weights sum to zero")
	ErrUnknownLabel   = errors.New("label not among the classes")
	ErrClasses        = errors.New("wrong number of classes")
	ErrLabels         = errors.New("invalid labels")
	ErrRowSum         = errors.New("probabilities do not sum to 1")
	ErrZeroRow        = errors.New("row sums to zero and cannot be renormalized")
	ErrOption         = errors.New("invalid option")
)

// Error reports bad input: which argument, which element and why. Arguments
// are named as scikit-learn names them ("y_true", "y_prob", "y_score",
// "y_pred", "sample_weight", "labels") and options by their Go field name.
type Error struct {
	Arg    string // the argument or option at fault
	Row    int    // the sample (row) index, or -1 when the error concerns Arg as a whole
	Col    int    // the column of a row-major matrix, or -1
	Value  string // the offending value as text, or ""
	Detail string // what was expected, or ""
	Err    error  // the cause: one of the Err variables of this package
}

// Error returns the message, for example
//
//	metrics: y_prob[3, 1] = NaN: not a number
//	metrics: sample_weight: length 5, want 30: length mismatch
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("metrics: ")
	b.WriteString(e.Arg)
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
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// argErr is an error about an argument as a whole.
func argErr(arg, detail string, err error) *Error {
	return &Error{Arg: arg, Row: -1, Col: -1, Detail: detail, Err: err}
}

// lengthErr reports that arg has length got where want was expected.
func lengthErr(arg string, got, want int) *Error {
	return argErr(arg, "length "+strconv.Itoa(got)+", want "+strconv.Itoa(want), ErrLength)
}

// floatErr classifies a bad float at y_prob[row, col] (col -1 for a vector).
func floatErr(arg string, row, col int, v float64) *Error {
	e := &Error{Arg: arg, Row: row, Col: col, Value: fmtFloat(v), Err: ErrRange}
	switch {
	case math.IsNaN(v):
		e.Err = ErrNaN
	case math.IsInf(v, 0):
		e.Err = ErrInf
	}
	return e
}

// checkProb returns an error unless v is a probability in [0, 1].
func checkProb(arg string, row, col int, v float64) error {
	if v >= 0 && v <= 1 {
		return nil
	}
	return floatErr(arg, row, col, v)
}

// checkFinite returns an error unless v is finite.
func checkFinite(arg string, row, col int, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return floatErr(arg, row, col, v)
	}
	return nil
}

// checkWeights validates optional sample weights for n samples: nil, or n
// finite non-negative values.
func checkWeights(w []float64, n int) error {
	if w == nil {
		return nil
	}
	if len(w) != n {
		return lengthErr("sample_weight", len(w), n)
	}
	for i, v := range w {
		if err := checkFinite("sample_weight", i, -1, v); err != nil {
			return err
		}
		if v < 0 {
			return &Error{Arg: "sample_weight", Row: i, Col: -1, Value: fmtFloat(v), Err: ErrNegativeWeight}
		}
	}
	return nil
}

// checkMatrix validates the length of a row-major n×k matrix named arg.
func checkMatrix(arg string, p []float64, n, k int) error {
	if k < 1 {
		return argErr(arg, strconv.Itoa(k)+" columns, want at least 1", ErrShape)
	}
	if len(p) != n*k {
		return argErr(arg, "length "+strconv.Itoa(len(p))+", want "+strconv.Itoa(n)+" rows × "+strconv.Itoa(k)+" columns", ErrLength)
	}
	return nil
}

// weightAt returns w[i], or 1 when w is nil.
func weightAt(w []float64, i int) float64 {
	if w == nil {
		return 1
	}
	return w[i]
}
