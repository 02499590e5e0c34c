package data

import (
	"fmt"
	"math"
)

// Dataset is a labelled dataset in memory.
//
// Row i of X is sample i, its class is Y[i] and its weight SampleWeight[i].
// Class index k stands for the label text Classes[k]. A Dataset shares its
// slices; the methods never modify them.
type Dataset struct {
	// X is the n×p feature matrix.
	X Matrix
	// Y holds the class index of each sample, 0 ≤ Y[i] < NumClasses().
	Y []int
	// Classes holds the original label text of each class index, in the
	// order of [SortClasses] (numeric when every label is a number, else
	// lexicographic by bytes), as scikit-learn's LabelEncoder orders them.
	// Nil means the classes are unnamed and NumClasses is max(Y)+1.
	Classes []string
	// SampleWeight holds one non-negative weight per sample; nil means all
	// ones.
	SampleWeight []float64
	// FeatureNames names the p columns of X; nil means unnamed.
	FeatureNames []string
}

// NumSamples returns the number of rows of X, or len(Y) if X is nil.
func (d *Dataset) NumSamples() int {
	if IsNil(d.X) {
		return len(d.Y)
	}
	n, _ := d.X.Dims()
	return n
}

// NumFeatures returns the number of columns of X (0 if X is nil).
func (d *Dataset) NumFeatures() int {
	if IsNil(d.X) {
		return 0
	}
	_, p := d.X.Dims()
	return p
}

// NumClasses returns len(Classes), or max(Y)+1 when Classes is nil.
func (d *Dataset) NumClasses() int {
	if d.Classes != nil {
		return len(d.Classes)
	}
	k := 0
	for _, y := range d.Y {
		if y+1 > k {
			k = y + 1
		}
	}
	return k
}

// ClassCounts returns the number of samples of each class (unweighted),
// length NumClasses(). It writes into dst when dst has that length, else it
// allocates. Labels out of range are not counted (see [Dataset.Validate]).
func (d *Dataset) ClassCounts(dst []int) []int {
	k := d.NumClasses()
	if len(dst) != k {
		dst = make([]int, k)
	} else {
		clear(dst)
	}
	for _, y := range d.Y {
		if y >= 0 && y < k {
			dst[y]++
		}
	}
	return dst
}

// Weight returns the weight of sample i: SampleWeight[i], or 1 when
// SampleWeight is nil. It returns NaN, rather than panicking, when
// SampleWeight is not nil and i is outside it (a Dataset that
// [Dataset.Validate] rejects).
func (d *Dataset) Weight(i int) float64 {
	if d.SampleWeight == nil {
		return 1
	}
	if i < 0 || i >= len(d.SampleWeight) {
		return math.NaN()
	}
	return d.SampleWeight[i]
}

// Validate checks that the parts of d agree: X is not nil; len(Y) equals the
// rows of X; every Y[i] is in [0, NumClasses()); Classes has no duplicate;
// SampleWeight, when not nil, has one finite non-negative weight per row;
// FeatureNames, when not nil, has one name per column. The matrix values
// themselves were validated by the matrix constructors.
//
// Errors wrap [ErrShape], [ErrIndex], [ErrNotFinite], [ErrWeight] or
// [ErrClasses]; those about one element are an [*Error] naming it.
func (d *Dataset) Validate() error {
	if IsNil(d.X) {
		return fmt.Errorf("data: Dataset: X is nil: %w", ErrShape)
	}
	n, p := d.X.Dims()
	if len(d.Y) != n {
		return fmt.Errorf("data: Dataset: len(Y) = %d, want %d rows: %w", len(d.Y), n, ErrShape)
	}
	if d.SampleWeight != nil && len(d.SampleWeight) != n {
		return fmt.Errorf("data: Dataset: len(SampleWeight) = %d, want %d rows: %w", len(d.SampleWeight), n, ErrShape)
	}
	if d.FeatureNames != nil && len(d.FeatureNames) != p {
		return fmt.Errorf("data: Dataset: len(FeatureNames) = %d, want %d columns: %w", len(d.FeatureNames), p, ErrShape)
	}
	if d.Classes != nil {
		seen := make(map[string]int, len(d.Classes))
		for k, c := range d.Classes {
			if j, ok := seen[c]; ok {
				return fmt.Errorf("data: Dataset: Classes[%d] = %q repeats Classes[%d]: %w", k, c, j, ErrClasses)
			}
			seen[c] = k
		}
	}
	k := d.NumClasses()
	for i, y := range d.Y {
		if y < 0 || y >= k {
			return &Error{Field: "Y", Row: i, Col: -1, Value: fmt.Sprint(y),
				Err: fmt.Errorf("class index out of range [0, %d): %w", k, ErrIndex)}
		}
	}
	for i, w := range d.SampleWeight {
		if math.IsNaN(w) || math.IsInf(w, 0) {
			return &Error{Field: "SampleWeight", Row: i, Col: -1, Value: fmtFloat(w), Err: ErrNotFinite}
		}
		if w < 0 {
			return &Error{Field: "SampleWeight", Row: i, Col: -1, Value: fmtFloat(w), Err: ErrWeight}
		}
	}
	return nil
}
