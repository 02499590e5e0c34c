package metrics

import (
	"slices"
	"strconv"
)

// classSet holds the sorted distinct classes of a problem and maps a label to
// its column. Up to 8 classes live in the struct itself, so a classSet on the
// stack costs no allocation.
type classSet struct {
	buf   [8]int
	ext   []int // the classes when there are more than len(buf)
	n     int
	dense bool // the classes are consecutive integers
}

// list returns the classes in increasing order.
func (c *classSet) list() []int {
	if c.ext != nil {
		return c.ext
	}
	return c.buf[:c.n]
}

// index returns the column of label y, or -1 when y is not a class.
func (c *classSet) index(y int) int {
	vals := c.list()
	if c.dense {
		if d := uint(y) - uint(vals[0]); d < uint(len(vals)) {
			return int(d)
		}
		return -1
	}
	if j, ok := slices.BinarySearch(vals, y); ok {
		return j
	}
	return -1
}

// resolve sets c to the sorted distinct values of labels when labels is not
// nil, else of y.
func (c *classSet) resolve(labels, y []int) {
	src := y
	if labels != nil {
		src = labels
	}
	c.ext = nil
	c.n = uniqueInto(c.buf[:], src)
	if c.n > len(c.buf) {
		c.ext = uniqueSorted(make([]int, 0, c.n), src)
		c.n = len(c.ext)
	}
	vals := c.list()
	c.dense = c.n > 0 && uint(vals[c.n-1])-uint(vals[0]) == uint(c.n-1)
}

// forColumns resolves the classes of a k-column probability matrix (k = 1:
// the probability of the larger of two classes) and checks that there is one
// class per column.
func (c *classSet) forColumns(probArg string, labels, yTrue []int, k int) error {
	c.resolve(labels, yTrue)
	arg := "y_true"
	if labels != nil {
		arg = "labels"
	}
	if c.n < 2 {
		return argErr(arg, strconv.Itoa(c.n)+" distinct labels, want at least 2", ErrClasses)
	}
	cols := max(k, 2)
	if c.n != cols {
		return argErr(probArg, strconv.Itoa(k)+" columns, want one per class of "+arg+" ("+strconv.Itoa(c.n)+")", ErrShape)
	}
	return nil
}

// uniqueInto writes the sorted distinct values of y to dst and returns their
// number; a number above len(dst) means that dst holds nothing usable.
func uniqueInto(dst, y []int) int {
	if len(y) == 0 {
		return 0
	}
	lo, hi := y[0], y[0]
	for _, v := range y {
		lo, hi = min(lo, v), max(hi, v)
	}
	span := uint(hi) - uint(lo)
	if span >= 256 {
		return len(dst) + 1
	}
	var bits [4]uint64
	for _, v := range y {
		d := uint(v) - uint(lo)
		bits[d>>6] |= 1 << (d & 63)
	}
	n := 0
	for d := uint(0); d <= span; d++ {
		if bits[d>>6]&(1<<(d&63)) != 0 {
			if n < len(dst) {
				dst[n] = lo + int(d)
			}
			n++
		}
	}
	return n
}

// uniqueSorted appends the sorted distinct values of y to dst.
func uniqueSorted(dst, y []int) []int {
	if len(y) == 0 {
		return dst
	}
	lo, hi := y[0], y[0]
	for _, v := range y {
		lo, hi = min(lo, v), max(hi, v)
	}
	if span := uint(hi) - uint(lo); span < 256 {
		var bits [4]uint64
		for _, v := range y {
			d := uint(v) - uint(lo)
			bits[d>>6] |= 1 << (d & 63)
		}
		for d := uint(0); d <= span; d++ {
			if bits[d>>6]&(1<<(d&63)) != 0 {
				dst = append(dst, lo+int(d))
			}
		}
		return dst
	}
	start := len(dst)
	dst = append(dst, y...)
	slices.Sort(dst[start:])
	return dst[:start+len(slices.Compact(dst[start:]))]
}

// PositiveLabel returns the positive class of a binary problem as
// scikit-learn infers it when pos_label is not given.
//
// When labels is nil the classes are the distinct values of yTrue, which must
// be at most two: the positive class is the larger one, except that when
// yTrue holds only 0 or only -1 it is 1 (scikit-learn's rule for {0, 1} and
// {-1, 1} problems, so an all-negative batch stays all-negative). When
// labels is not nil it must hold exactly two distinct values, every element
// of yTrue must be one of them, and the positive class is the larger.
//
// The errors wrap [ErrEmpty], [ErrClasses] or [ErrUnknownLabel].
func PositiveLabel(yTrue, labels []int) (int, error) {
	if len(yTrue) == 0 {
		return 0, argErr("y_true", "", ErrEmpty)
	}
	var c classSet
	c.resolve(labels, yTrue)
	vals := c.list()
	if labels == nil {
		switch {
		case len(vals) > 2:
			return 0, argErr("y_true", strconv.Itoa(len(vals))+" distinct labels, want at most 2", ErrClasses)
		case len(vals) == 1 && (vals[0] == 0 || vals[0] == -1):
			return 1, nil
		}
		return vals[len(vals)-1], nil
	}
	if len(vals) != 2 {
		return 0, argErr("labels", strconv.Itoa(len(vals))+" distinct labels, want 2", ErrClasses)
	}
	for i, y := range yTrue {
		if y != vals[0] && y != vals[1] {
			return 0, unknownLabel(i, y)
		}
	}
	return vals[1], nil
}

func unknownLabel(i, y int) *Error {
	return &Error{Arg: "y_true", Row: i, Col: -1, Value: strconv.Itoa(y), Err: ErrUnknownLabel}
}
