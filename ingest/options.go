package ingest

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Format is an input format.
type Format int

const (
	// FormatAuto chooses the format from the file name (see [DetectFormat]).
	FormatAuto Format = iota
	// CSV is comma-separated values with a header row.
	CSV
	// LibSVM is the LibSVM / svmlight sparse text format.
	LibSVM
)

var formatNames = [...]string{"auto", "csv", "libsvm"}

// String returns "auto", "csv" or "libsvm".
func (f Format) String() string {
	if f >= 0 && int(f) < len(formatNames) {
		return formatNames[f]
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// ParseFormat returns the Format named s: "auto" or "" ([FormatAuto]),
// "csv", or "libsvm", "svmlight", "svm" ([LibSVM]); case-insensitive.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "", "auto":
		return FormatAuto, nil
	case "csv":
		return CSV, nil
	case "libsvm", "svmlight", "svm":
		return LibSVM, nil
	}
	return 0, fmt.Errorf("ingest: format %q: %w (want csv or libsvm)", s, ErrFormat)
}

// MarshalText implements encoding.TextMarshaler.
func (f Format) MarshalText() ([]byte, error) {
	if f < 0 || int(f) >= len(formatNames) {
		return nil, fmt.Errorf("ingest: %v: %w", f, ErrFormat)
	}
	return []byte(f.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with [ParseFormat].
func (f *Format) UnmarshalText(b []byte) error {
	v, err := ParseFormat(string(b))
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// DetectFormat returns the format a file name implies: [CSV] for ".csv",
// [LibSVM] for ".svm", ".libsvm" and ".svmlight", after removing a ".gz"
// suffix; case-insensitive. Other names give an error wrapping [ErrFormat].
func DetectFormat(name string) (Format, error) {
	base := strings.ToLower(name)
	base = strings.TrimSuffix(base, ".gz")
	switch filepath.Ext(base) {
	case ".csv":
		return CSV, nil
	case ".svm", ".libsvm", ".svmlight":
		return LibSVM, nil
	}
	return 0, &Error{File: name, Err: fmt.Errorf("%w: cannot tell the format from the name; give it (csv or libsvm)", ErrFormat)}
}

// Missing says what to do with missing values in numeric CSV columns.
type Missing int

const (
	// MissingError makes a missing value an error naming its place.
	MissingError Missing = iota
	// MissingMean replaces missing values by the column's mean over the
	// training rows (as scikit-learn's SimpleImputer(strategy="mean")).
	MissingMean
	// MissingZero replaces missing values by 0.
	MissingZero
)

var missingNames = [...]string{"error", "mean", "zero"}

// String returns "error", "mean" or "zero".
func (m Missing) String() string {
	if m >= 0 && int(m) < len(missingNames) {
		return missingNames[m]
	}
	return fmt.Sprintf("Missing(%d)", int(m))
}

// ParseMissing returns the Missing named s ("" means "error").
func ParseMissing(s string) (Missing, error) {
	if s == "" {
		return MissingError, nil
	}
	for i, n := range missingNames {
		if strings.EqualFold(s, n) {
			return Missing(i), nil
		}
	}
	return 0, fmt.Errorf("ingest: missing-value policy %q: want error, mean or zero", s)
}

// MarshalText implements encoding.TextMarshaler.
func (m Missing) MarshalText() ([]byte, error) {
	if m < 0 || int(m) >= len(missingNames) {
		return nil, fmt.Errorf("ingest: bad %v", m)
	}
	return []byte(m.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with [ParseMissing].
func (m *Missing) UnmarshalText(b []byte) error {
	v, err := ParseMissing(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Labels says whether the reader reads labels.
type Labels int

const (
	// LabelsRequired reads a label for every row (training, evaluation).
	LabelsRequired Labels = iota
	// LabelsIgnore reads no labels (prediction): the CSV label column may
	// be absent and is skipped if present, LibSVM label tokens are
	// skipped, and the Dataset's Y is nil.
	LabelsIgnore
)

// String returns "required" or "ignore".
func (l Labels) String() string {
	switch l {
	case LabelsRequired:
		return "required"
	case LabelsIgnore:
		return "ignore"
	}
	return fmt.Sprintf("Labels(%d)", int(l))
}

// Unknown says what to do, when a [Schema] is applied, with a value the
// training data did not have: a category of a categorical column, or a
// LibSVM feature index beyond the schema's number of features.
type Unknown int

const (
	// UnknownError makes it an error naming its place.
	UnknownError Unknown = iota
	// UnknownIgnore encodes an unknown category as all zeros (as
	// scikit-learn's OneHotEncoder(handle_unknown="ignore")) and drops a
	// feature index beyond the number of features.
	UnknownIgnore
)

// String returns "error" or "ignore".
func (u Unknown) String() string {
	switch u {
	case UnknownError:
		return "error"
	case UnknownIgnore:
		return "ignore"
	}
	return fmt.Sprintf("Unknown(%d)", int(u))
}

// Options configures [Read] and [ReadFile]. The zero value reads a CSV or
// LibSVM file (chosen by name) with label column "label", every other column
// a numeric feature, no missing values allowed, and learns the classes.
//
// [Schema.Read] takes the same Options but uses only Format (which must
// agree with the schema's when set), Labels, Unknown and Float32; the rest
// comes from the schema.
type Options struct {
	// Format is the input format; FormatAuto (zero) chooses it from the
	// file name (or, in [Schema.Read], takes the schema's), and is an error
	// for standard input. A given Format overrides the file name.
	Format Format

	// LabelColumn names the CSV label column; "" means "label".
	LabelColumn string
	// WeightColumn names a CSV column of non-negative sample weights; ""
	// means none (all weights 1).
	WeightColumn string
	// Columns lists the CSV feature columns in the order wanted; nil means
	// every column but the label, weight and Drop columns, in file order.
	Columns []string
	// Drop lists CSV columns to leave out when Columns is nil.
	Drop []string
	// Categorical lists CSV feature columns holding categories rather than
	// numbers: each is one-hot encoded with its categories sorted as
	// [data.SortClasses] sorts labels, its features named "column_category"
	// (scikit-learn's OneHotEncoder.get_feature_names_out). Other columns
	// must be numeric.
	Categorical []string
	// Missing says what to do with missing values (an empty field, "NA",
	// "N/A", "NaN", "nan", "null"). With MissingMean or MissingZero, a
	// missing value in a categorical column is encoded as all zeros.
	// Missing labels and weights are always errors.
	Missing Missing

	// NumFeatures is the LibSVM number of features; 0 means the largest
	// index seen, which may be at most [MaxFeatures]. An index beyond it
	// follows Unknown.
	NumFeatures int

	// Classes lists the class labels, whose positions are the class
	// indices; nil means learn them from the data, sorted by
	// [data.SortClasses]. A label not in a given list is an error.
	Classes []string
	// Labels says whether labels are read (LabelsRequired, zero) or
	// skipped (LabelsIgnore, for prediction).
	Labels Labels
	// Unknown says what to do with an unknown category or a LibSVM index
	// beyond NumFeatures: an error (zero) or ignore it.
	Unknown Unknown
	// Float32 stores the features as float32 ([data.Dense32],
	// [data.CSR32]) rather than float64.
	Float32 bool
}

func (o *Options) labelColumn() string {
	if o.LabelColumn == "" {
		return "label"
	}
	return o.LabelColumn
}
