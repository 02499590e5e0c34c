package ingest

import (
	"errors"
	"strconv"
	"strings"

	"github.com/xent-ml/xent/data"
)

// Sentinel causes wrapped by [*Error], for [errors.Is].
var (
	// ErrEmpty reports an input with no header (CSV) or no sample.
	ErrEmpty = errors.New("empty input")
	// ErrNoRows reports a CSV file with a header but no data rows.
	ErrNoRows = errors.New("no data rows")
	// ErrFieldCount reports a CSV row whose number of fields differs from
	// the header's.
	ErrFieldCount = errors.New("wrong number of fields")
	// ErrColumn reports a header problem: a required or named column that
	// is absent, a repeated column name, a column named twice in options.
	ErrColumn = errors.New("bad column")
	// ErrNumber reports text that is not a decimal number.
	ErrNumber = errors.New("invalid number")
	// ErrNotFinite reports NaN or infinite values (spelled "inf", "1e999",
	// …); a NaN spelled as a missing marker is [ErrMissing].
	ErrNotFinite = errors.New("value is not finite")
	// ErrMissing reports a missing value (an empty field, "NA", "N/A",
	// "NaN", "nan", "null") where no imputation is configured.
	ErrMissing = errors.New("missing value")
	// ErrUnknownLabel reports a label that is not in the given classes. It
	// is data.ErrUnknownLabel, so either sentinel matches.
	ErrUnknownLabel = data.ErrUnknownLabel
	// ErrUnknownCategory reports a category not seen in training.
	ErrUnknownCategory = errors.New("unknown category")
	// ErrWeight reports a negative sample weight.
	ErrWeight = errors.New("negative sample weight")
	// ErrIndex reports a LibSVM feature index that is 0, not an integer,
	// or beyond the number of features.
	ErrIndex = errors.New("bad feature index")
	// ErrUnsorted reports LibSVM indices of a line that are not strictly
	// increasing (unsorted or duplicated).
	ErrUnsorted = errors.New("feature indices not strictly increasing")
	// ErrSyntax reports a LibSVM token that is not "index:value".
	ErrSyntax = errors.New("syntax error")
	// ErrFormat reports a format that cannot be chosen from the name or
	// that does not match the schema.
	ErrFormat = errors.New("unknown format")
	// ErrCorrupt reports a truncated or corrupt gzip stream.
	ErrCorrupt = errors.New("truncated or corrupt gzip stream")
)

// Error locates a problem in an input: the file (the name given, "-" for
// standard input), the 1-based line and the 1-based byte column, and, for
// CSV, the 1-based field number and the column name of the header. Line,
// Column and Field are 0 when they do not apply.
//
// The message reads
//
//	ingest: FILE:LINE:COLUMN: field N "NAME": CAUSE
//
// leaving out the parts that do not apply.
type Error struct {
	File   string // the name given to the reader; "-" for standard input
	Line   int    // 1-based line; 0 if not applicable
	Column int    // 1-based byte column within the line; 0 if not applicable
	Field  int    // CSV field number, 1-based; 0 if not applicable
	Name   string // CSV column name from the header, if known
	Err    error  // the cause, wrapping one of the sentinels
}

// Error implements the error interface.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("ingest: ")
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Line))
		if e.Column > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(e.Column))
		}
	}
	if e.Field > 0 {
		b.WriteString(": field ")
		b.WriteString(strconv.Itoa(e.Field))
		if e.Name != "" {
			b.WriteByte(' ')
			b.WriteString(strconv.Quote(e.Name))
		}
	} else if e.Name != "" {
		b.WriteString(": column ")
		b.WriteString(strconv.Quote(e.Name))
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// valueErr wraps a sentinel with the offending text: `invalid number "x"`.
type valueErr struct {
	sentinel error
	text     string
	hint     string
}

func (e *valueErr) Error() string {
	s := e.sentinel.Error() + " " + strconv.Quote(e.text)
	if e.hint != "" {
		s += " (" + e.hint + ")"
	}
	return s
}

func (e *valueErr) Unwrap() error { return e.sentinel }

func withText(sentinel error, text string) error { return &valueErr{sentinel: sentinel, text: text} }

func withHint(sentinel error, text, hint string) error {
	return &valueErr{sentinel: sentinel, text: text, hint: hint}
}
