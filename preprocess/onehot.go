package preprocess

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/xent-ml/xent/data"
)

const stepOneHot = "one-hot"

// Unknown says what [OneHot] does with a category it did not see in
// training, as scikit-learn's OneHotEncoder handle_unknown.
type Unknown int

const (
	// UnknownError makes an unknown category an error naming its row and
	// column (scikit-learn's default, handle_unknown="error").
	UnknownError Unknown = iota
	// UnknownIgnore encodes an unknown category as all zeros
	// (handle_unknown="ignore").
	UnknownIgnore
)

var unknownNames = [...]string{"error", "ignore"}

// String returns "error" or "ignore".
func (u Unknown) String() string {
	if u >= 0 && int(u) < len(unknownNames) {
		return unknownNames[u]
	}
	return fmt.Sprintf("Unknown(%d)", int(u))
}

// ParseUnknown returns the Unknown named s: "error" (or "") or "ignore".
func ParseUnknown(s string) (Unknown, error) {
	switch strings.ToLower(s) {
	case "", "error":
		return UnknownError, nil
	case "ignore":
		return UnknownIgnore, nil
	}
	return 0, fmt.Errorf("preprocess: unknown-category policy %q: %w (want error or ignore)", s, ErrInvalid)
}

// MarshalText implements encoding.TextMarshaler.
func (u Unknown) MarshalText() ([]byte, error) {
	if u < 0 || int(u) >= len(unknownNames) {
		return nil, fmt.Errorf("preprocess: %v: %w", u, ErrInvalid)
	}
	return []byte(u.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with [ParseUnknown].
func (u *Unknown) UnmarshalText(b []byte) error {
	v, err := ParseUnknown(string(b))
	if err != nil {
		return err
	}
	*u = v
	return nil
}

// OneHotEncoder configures the fitting of a [OneHot]: which columns hold
// categories and what to do with unknown ones. The zero value encodes no
// column and makes unknown categories an error.
type OneHotEncoder struct {
	// Columns lists the zero-based input columns to encode, in any order,
	// without repeats.
	Columns []int
	// Unknown is the policy for categories not seen in training.
	Unknown Unknown
}

// OneHot replaces each categorical column by one indicator column per
// category seen in training, as scikit-learn's OneHotEncoder on numeric
// categories (drop=None): the categories of a column are its distinct
// training values sorted in increasing order (numpy.unique), and value
// Categories[c][k] of column Columns[c] sets indicator k to 1.
//
// The output keeps the input's column order: column j of the input becomes
// one output column when it is not categorical (its value copied) or
// len(Categories[c]) consecutive indicator columns, in category order, when
// j = Columns[c]. For example, with 3 input columns, Columns = [1] and
// Categories = [[0, 2, 5]], the row (7, 2, 9) becomes (7, 0, 1, 0, 9).
// On sparse input an absent entry of a categorical column is the value 0.
type OneHot struct {
	// NInput is the number of input columns.
	NInput int `json:"n_input"`
	// Columns lists the categorical input columns, strictly increasing.
	Columns []int `json:"columns"`
	// Categories holds the sorted distinct training values of each column
	// of Columns (at least one each, finite, strictly increasing).
	Categories [][]float64 `json:"categories"`
	// Unknown is the policy for a value that is not a category.
	Unknown Unknown `json:"unknown"`
}

// Fit returns the OneHot of x with the categories of e.Columns: the
// distinct values of each such column, implicit zeros of sparse data
// included, sorted (−0 and +0 are one category, stored as 0).
//
// It returns an error when x is nil or has no rows or a column index is out
// of range or
// repeated (wrapping [data.ErrShape] or [data.ErrIndex]), or naming a NaN or
// an infinity in x ([data.ErrNotFinite]).
func (e OneHotEncoder) Fit(x data.Matrix) (*OneHot, error) {
	if err := checkNil(stepOneHot, x); err != nil {
		return nil, err
	}
	n, p := x.Dims()
	if n == 0 {
		return nil, stepErr(stepOneHot, fmt.Errorf("no rows to fit: %w", data.ErrShape))
	}
	cols := slices.Clone(e.Columns)
	slices.Sort(cols)
	for c, j := range cols {
		if j < 0 || j >= p {
			return nil, stepErr(stepOneHot, fmt.Errorf("column %d out of range [0, %d): %w", j, p, data.ErrIndex))
		}
		if c > 0 && cols[c-1] == j {
			return nil, stepErr(stepOneHot, fmt.Errorf("column %d listed twice: %w", j, data.ErrIndex))
		}
	}
	if e.Unknown != UnknownError && e.Unknown != UnknownIgnore {
		return nil, stepErr(stepOneHot, fmt.Errorf("unknown-category policy %v: %w", e.Unknown, ErrInvalid))
	}
	seen := make([]map[float64]struct{}, len(cols))
	for c := range seen {
		seen[c] = map[float64]struct{}{}
	}
	var err error
	c, c32, _ := asCSR(x)
	switch {
	case c != nil:
		err = sparseCategories(c, cols, seen)
	case c32 != nil:
		err = sparseCategories(c32, cols, seen)
	default:
		err = forChunks(x, func(lo int, chunk []float64) error {
			if err := checkFinite(stepOneHot, chunk, lo, p); err != nil {
				return err
			}
			for r := 0; r < len(chunk); r += p {
				for c, j := range cols {
					seen[c][chunk[r+j]] = struct{}{}
				}
			}
			return nil
		})
	}
	if err != nil {
		return nil, err
	}
	o := &OneHot{NInput: p, Columns: cols, Categories: make([][]float64, len(cols)), Unknown: e.Unknown}
	for c, m := range seen {
		cats := make([]float64, 0, len(m))
		for v := range m {
			cats = append(cats, v+0) // −0 + 0 = +0
		}
		slices.Sort(cats)
		o.Categories[c] = cats
	}
	return o, nil
}

func sparseCategories[T float](s sparse[T], cols []int, seen []map[float64]struct{}) error {
	n, _ := s.Dims()
	for i := range n {
		idx, val := s.RowNZ(i)
		a := 0
		for c, j := range cols {
			for a < len(idx) && int(idx[a]) < j {
				if v := float64(val[a]); math.IsNaN(v) || math.IsInf(v, 0) {
					return notFinite(stepOneHot, i, int(idx[a]), v)
				}
				a++
			}
			v := 0.0
			if a < len(idx) && int(idx[a]) == j {
				v = float64(val[a])
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return notFinite(stepOneHot, i, j, v)
				}
				a++
			}
			seen[c][v] = struct{}{}
		}
		for ; a < len(idx); a++ {
			if v := float64(val[a]); math.IsNaN(v) || math.IsInf(v, 0) {
				return notFinite(stepOneHot, i, int(idx[a]), v)
			}
		}
	}
	return nil
}

// checkShape checks the structure of the parameters, in O(len(Columns)):
// a known policy, one non-empty category list per column, Columns strictly
// increasing in [0, NInput).
func (o *OneHot) checkShape() error {
	bad := func(format string, args ...any) error {
		return stepErr(stepOneHot, fmt.Errorf(format+": %w", append(args, ErrInvalid)...))
	}
	if o.NInput < 0 {
		return bad("n_input = %d", o.NInput)
	}
	if len(o.Categories) != len(o.Columns) {
		return bad("%d category lists for %d columns", len(o.Categories), len(o.Columns))
	}
	if o.Unknown != UnknownError && o.Unknown != UnknownIgnore {
		return bad("unknown-category policy %v", o.Unknown)
	}
	for c, j := range o.Columns {
		if j < 0 || j >= o.NInput || (c > 0 && o.Columns[c-1] >= j) {
			return bad("columns[%d] = %d: not strictly increasing in [0, %d)", c, j, o.NInput)
		}
		if len(o.Categories[c]) == 0 {
			return bad("column %d has no category", j)
		}
	}
	return nil
}

// Validate checks the fitted parameters, as after loading them from a file:
// Columns strictly increasing in [0, NInput), one non-empty, finite,
// strictly increasing category list per column, a known Unknown policy.
// Errors wrap [ErrInvalid].
func (o *OneHot) Validate() error {
	if err := o.checkShape(); err != nil {
		return err
	}
	for c, cats := range o.Categories {
		for k, v := range cats {
			if math.IsNaN(v) || math.IsInf(v, 0) || (k > 0 && !(cats[k-1] < v)) {
				return stepErr(stepOneHot, fmt.Errorf("categories[%d][%d] = %s: not finite and strictly increasing: %w", c, k, fmtFloat(v), ErrInvalid))
			}
		}
	}
	return nil
}

// OutputWidth returns the number of columns Transform produces from in input
// columns: NInput − len(Columns) + Σ len(Categories[c]). It returns an error
// wrapping [data.ErrShape] unless in == NInput, or wrapping [ErrInvalid] when
// the parameters are inconsistent (see Validate; OutputWidth checks the
// structure, not the category values).
func (o *OneHot) OutputWidth(in int) (int, error) {
	if err := o.checkShape(); err != nil {
		return 0, err
	}
	if in != o.NInput {
		return 0, stepErr(stepOneHot, fmt.Errorf("X has %d columns, want %d: %w", in, o.NInput, data.ErrShape))
	}
	w := in
	for _, cats := range o.Categories {
		w += len(cats) - 1
	}
	return w, nil
}

// category returns the index of v among the categories of column c, or an
// error under [UnknownError], or −1 under [UnknownIgnore].
func (o *OneHot) category(c int, v float64, row int) (int, error) {
	cats := o.Categories[c]
	k, ok := slices.BinarySearchFunc(cats, v, cmp.Compare[float64])
	if ok {
		return k, nil
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, notFinite(stepOneHot, row, o.Columns[c], v)
	}
	if o.Unknown == UnknownIgnore {
		return -1, nil
	}
	return 0, &Error{Step: stepOneHot, Row: row, Col: o.Columns[c], Value: fmtFloat(v),
		Err: fmt.Errorf("%w (column %d has %d categories)", ErrUnknownCategory, o.Columns[c], len(cats))}
}

// Transform returns x with its categorical columns one-hot encoded, as a new
// matrix: a [data.CSR] for CSR or CSR32 input, a [data.Dense] otherwise.
// It returns an error when x does not have NInput columns, naming a NaN or an
// infinity, or (under [UnknownError]) naming the row and column of an unknown
// category.
func (o *OneHot) Transform(x data.Matrix) (data.Matrix, error) {
	if err := o.checkShape(); err != nil {
		return nil, err
	}
	if err := checkWidth(stepOneHot, x, o.NInput); err != nil {
		return nil, err
	}
	w, _ := o.OutputWidth(o.NInput)
	if c, c32, ok := asCSR(x); ok {
		if c != nil {
			return oneHotSparse(o, c, w)
		}
		return oneHotSparse(o, c32, w)
	}
	n, p := x.Dims()
	out := make([]float64, n*w)
	err := forChunks(x, func(lo int, chunk []float64) error {
		rows := len(chunk) / max(p, 1)
		if p == 0 {
			rows = 0
		}
		_, err := o.transformDense(out[lo*w:(lo+rows)*w], chunk, rows, lo)
		return err
	})
	if err != nil {
		return nil, err
	}
	return data.NewDense(n, w, out)
}

// TransformDense writes the encoded rows of src (rows × NInput, row-major)
// into dst (rows × OutputWidth) and returns dst. A nil dst is allocated;
// dst must not overlap src. It allocates nothing when dst is given. Errors
// name the row (counted from the first row of src) and column of a NaN, an
// infinity or an unknown category.
func (o *OneHot) TransformDense(dst, src []float64, rows int) ([]float64, error) {
	w, err := o.OutputWidth(o.NInput)
	if err != nil {
		return nil, err
	}
	if err := checkDenseLen(stepOneHot, dst, src, rows, o.NInput, w); err != nil {
		return nil, err
	}
	if dst == nil {
		dst = make([]float64, rows*w)
	}
	return o.transformDense(dst, src, rows, 0)
}

func (o *OneHot) transformDense(dst, src []float64, rows, row0 int) ([]float64, error) {
	p := o.NInput
	w := len(dst) / max(rows, 1)
	for i := range rows {
		in, out := src[i*p:(i+1)*p], dst[i*w:(i+1)*w]
		q, c := 0, 0
		for j, v := range in {
			if c < len(o.Columns) && o.Columns[c] == j {
				cats := o.Categories[c]
				k, err := o.category(c, v, row0+i)
				if err != nil {
					return dst, err
				}
				clear(out[q : q+len(cats)])
				if k >= 0 {
					out[q+k] = 1
				}
				q += len(cats)
				c++
				continue
			}
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return dst, notFinite(stepOneHot, row0+i, j, v)
			}
			out[q] = v
			q++
		}
	}
	return dst, nil
}

func oneHotSparse[T float](o *OneHot, s sparse[T], w int) (*data.CSR, error) {
	n, _ := s.Dims()
	indptr := make([]int, n+1)
	indices := make([]int32, 0, s.NNZ()+n*len(o.Columns))
	values := make([]float64, 0, cap(indices))
	for i := range n {
		idx, val := s.RowNZ(i)
		a, c, shift := 0, 0, 0
		for a < len(idx) || c < len(o.Columns) {
			ej, cj := math.MaxInt, math.MaxInt
			if a < len(idx) {
				ej = int(idx[a])
			}
			if c < len(o.Columns) {
				cj = o.Columns[c]
			}
			if ej < cj {
				v := float64(val[a])
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return nil, notFinite(stepOneHot, i, ej, v)
				}
				indices = append(indices, int32(ej+shift))
				values = append(values, v)
				a++
				continue
			}
			v := 0.0
			if ej == cj {
				v = float64(val[a])
				a++
			}
			k, err := o.category(c, v, i)
			if err != nil {
				return nil, err
			}
			if k >= 0 {
				indices = append(indices, int32(cj+shift+k))
				values = append(values, 1)
			}
			shift += len(o.Categories[c]) - 1
			c++
		}
		indptr[i+1] = len(indices)
	}
	return data.NewCSR(n, w, indptr, indices, values)
}
