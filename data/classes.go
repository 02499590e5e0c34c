package data

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// SortClasses returns the distinct labels sorted as scikit-learn's
// LabelEncoder (numpy.unique) sorts them after pandas has parsed the column:
//
//   - when every label parses as a number (strconv.ParseFloat, NaN
//     excluded), numerically; labels of equal value ("1", "1.0", "+1") are
//     one class, spelled by its lexicographically smallest text;
//   - otherwise lexicographically by bytes (UTF-8 code point order, as
//     numpy sorts str).
//
// It allocates a new slice and leaves labels unchanged.
func SortClasses(labels []string) []string {
	out := slices.Clone(labels)
	slices.Sort(out)
	out = slices.Compact(out)
	vals, ok := numericLabels(out)
	if !ok {
		return out
	}
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	// Stable on the lexicographic order, so equal values keep their
	// smallest spelling first.
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case vals[a] < vals[b]:
			return -1
		case vals[a] > vals[b]:
			return 1
		}
		return 0
	})
	res := make([]string, 0, len(out))
	for n, i := range idx {
		if n > 0 && vals[i] == vals[idx[n-1]] {
			continue
		}
		res = append(res, out[i])
	}
	return res
}

func numericLabels(labels []string) ([]float64, bool) {
	vals := make([]float64, len(labels))
	for i, s := range labels {
		v, ok := parseLabel(s)
		if !ok {
			return nil, false
		}
		vals[i] = v
	}
	return vals, true
}

func parseLabel(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

// LabelIndex maps label text to class indices for a fixed class list. When
// every class is a number, a label that is not spelled as a class but has
// the value of one ("1.0" for class "1") maps to that class, as it would in
// scikit-learn after pandas parsed the column.
type LabelIndex struct {
	classes []string
	byText  map[string]int
	byValue map[float64]int // nil unless every class is numeric
}

// NewLabelIndex returns the [LabelIndex] of classes, which it keeps. It
// returns an error wrapping [ErrClasses] when two classes have the same text
// or, for numeric classes, the same value.
func NewLabelIndex(classes []string) (*LabelIndex, error) {
	l := &LabelIndex{classes: classes, byText: make(map[string]int, len(classes))}
	for k, c := range classes {
		if j, ok := l.byText[c]; ok {
			return nil, &Error{Field: "Classes", Row: k, Col: -1, Value: strconv.Quote(c),
				Err: fmt.Errorf("repeats Classes[%d]: %w", j, ErrClasses)}
		}
		l.byText[c] = k
	}
	if vals, ok := numericLabels(classes); ok {
		l.byValue = make(map[float64]int, len(classes))
		for k, v := range vals {
			if j, ok := l.byValue[v]; ok {
				return nil, &Error{Field: "Classes", Row: k, Col: -1, Value: strconv.Quote(classes[k]),
					Err: fmt.Errorf("repeats Classes[%d]: %w", j, ErrClasses)}
			}
			l.byValue[v] = k
		}
	}
	return l, nil
}

// Classes returns the class list, shared with l.
func (l *LabelIndex) Classes() []string { return l.classes }

// Lookup returns the class index of label and whether it is a known class.
// It does not allocate.
func (l *LabelIndex) Lookup(label string) (int, bool) {
	if k, ok := l.byText[label]; ok {
		return k, true
	}
	if l.byValue != nil {
		if v, ok := parseLabel(label); ok {
			k, ok := l.byValue[v]
			return k, ok
		}
	}
	return 0, false
}

// EncodeLabels sets dst[i] to the class index of labels[i] under classes
// (see [LabelIndex]). When classes is nil it uses SortClasses(labels) and
// returns that list. A nil or short dst is allocated. An unknown label gives
// an [*Error] naming its index and wrapping [ErrUnknownLabel].
func EncodeLabels(dst []int, labels, classes []string) ([]int, []string, error) {
	if classes == nil {
		classes = SortClasses(labels)
	}
	li, err := NewLabelIndex(classes)
	if err != nil {
		return nil, nil, err
	}
	if len(dst) < len(labels) {
		dst = make([]int, len(labels))
	}
	dst = dst[:len(labels)]
	for i, s := range labels {
		k, ok := li.Lookup(s)
		if !ok {
			return nil, nil, &Error{Field: "labels", Row: i, Col: -1, Value: strconv.Quote(s),
				Err: ErrUnknownLabel}
		}
		dst[i] = k
	}
	return dst, classes, nil
}
