package preprocess

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"

	"github.com/xent-ml/xent/data"
)

const stepHash = "hash"

// DefaultHashFeatures is the number of buckets of a [FeatureHasher] whose
// NFeatures is 0: 2²⁰, scikit-learn's default.
const DefaultHashFeatures = 1 << 20

// FeatureHasher maps tokens or columns to a fixed number of buckets by
// signed hashing, as scikit-learn 1.2's FeatureHasher. It needs no fitting.
//
// A key (a token, or the name of a column) goes to bucket and sign
//
//	h      = MurmurHash3_x86_32(UTF-8 bytes of key, seed 0), read as a signed int32
//	bucket = |h| mod NFeatures           ((2³¹−1 − (NFeatures−1)) mod NFeatures for h = −2³¹)
//	sign   = +1 if h ≥ 0, −1 if h < 0    (+1 always when NoAlternateSign)
//
// and contributes sign·value to that bucket; colliding contributions are
// added, in column order (scikit-learn's sum_duplicates), and a sum that
// cancels to zero stays stored as an explicit zero, as in scikit-learn.
// [FeatureHasher.HashTokens] hashes lists of tokens with value 1 each
// (input_type="string"); [FeatureHasher.Transform] hashes the nonzero entries
// of a matrix, column j with key Names[j] (or the decimal text of j when Names
// is nil) and its value (input_type="dict" with numeric values); zeros are
// skipped, as scikit-learn skips them.
type FeatureHasher struct {
	// NFeatures is the number of buckets (output columns), at most 2³¹−1;
	// 0 means [DefaultHashFeatures].
	NFeatures int `json:"n_features"`
	// NoAlternateSign turns the sign off (scikit-learn's
	// alternate_sign=False); the zero value alternates, as scikit-learn's
	// default.
	NoAlternateSign bool `json:"no_alternate_sign,omitempty"`
	// Names are the keys of the input columns for Transform; nil keys
	// column j by strconv.Itoa(j). When set, Transform accepts only
	// len(Names) columns.
	Names []string `json:"names,omitempty"`
}

// width returns the number of buckets.
func (h *FeatureHasher) width() int {
	if h.NFeatures == 0 {
		return DefaultHashFeatures
	}
	return h.NFeatures
}

// Validate checks the parameters: NFeatures in [0, 2³¹−1]. Errors wrap
// [ErrInvalid].
func (h *FeatureHasher) Validate() error {
	if h.NFeatures < 0 || h.NFeatures > math.MaxInt32 {
		return stepErr(stepHash, fmt.Errorf("n_features = %d out of range [1, 2147483647]: %w", h.NFeatures, ErrInvalid))
	}
	return nil
}

// OutputWidth returns the number of columns Transform produces: the number
// of buckets. It returns an error wrapping [data.ErrShape] when Names is set
// and in != len(Names), or the error of Validate.
func (h *FeatureHasher) OutputWidth(in int) (int, error) {
	if err := h.Validate(); err != nil {
		return 0, err
	}
	if h.Names != nil && in != len(h.Names) {
		return 0, stepErr(stepHash, fmt.Errorf("X has %d columns, want %d (one per name): %w", in, len(h.Names), data.ErrShape))
	}
	return h.width(), nil
}

// Bucket returns the bucket (output column) and sign of key, as defined on
// [FeatureHasher]. It does not allocate.
func (h *FeatureHasher) Bucket(key string) (bucket int, sign float64) {
	return h.bucket(murmur3(key, 0))
}

// bucketBytes is Bucket for a key held in a byte slice.
func (h *FeatureHasher) bucketBytes(key []byte) (int, float64) {
	return h.bucket(murmur3(key, 0))
}

func (h *FeatureHasher) bucket(u uint32) (bucket int, sign float64) {
	s := int32(u)
	n := int64(h.width())
	if s == math.MinInt32 {
		bucket = int((math.MaxInt32 - (n - 1)) % n)
	} else {
		a := int64(s)
		if a < 0 {
			a = -a
		}
		bucket = int(a % n)
	}
	sign = 1
	if s < 0 && !h.NoAlternateSign {
		sign = -1
	}
	return bucket, sign
}

// entry is one hashed contribution of a row.
type entry struct {
	col int32
	val float64
}

// appendRow sorts the contributions of a row by bucket (stably, so that
// collisions add in input order), sums collisions and appends the row.
func appendRow(indices []int32, values []float64, row []entry) ([]int32, []float64) {
	slices.SortStableFunc(row, func(a, b entry) int { return cmp.Compare(a.col, b.col) })
	for k := 0; k < len(row); {
		c, v := row[k].col, row[k].val
		for k++; k < len(row) && row[k].col == c; k++ {
			v += row[k].val
		}
		indices = append(indices, c)
		values = append(values, v)
	}
	return indices, values
}

// HashTokens returns the n×NFeatures CSR matrix whose row i hashes the
// tokens of docs[i], each with value 1 (a token repeated r times counts r),
// as FeatureHasher(input_type="string").transform(docs). It returns an
// error wrapping [ErrInvalid] when NFeatures is out of range.
func (h *FeatureHasher) HashTokens(docs [][]string) (*data.CSR, error) {
	if err := h.Validate(); err != nil {
		return nil, err
	}
	indptr := make([]int, len(docs)+1)
	var indices []int32
	var values []float64
	var row []entry
	for i, doc := range docs {
		row = row[:0]
		for _, tok := range doc {
			b, s := h.Bucket(tok)
			row = append(row, entry{int32(b), s})
		}
		indices, values = appendRow(indices, values, row)
		indptr[i+1] = len(indices)
	}
	return data.NewCSR(len(docs), h.width(), indptr, indices, values)
}

// Transform returns the hashed n×NFeatures CSR matrix of x, whatever the
// layout of x: row i adds sign·x_ij into the bucket of column j's key for
// every nonzero x_ij. It returns an error when Names is set and x does not
// have len(Names) columns, or naming a NaN or an infinity.
func (h *FeatureHasher) Transform(x data.Matrix) (data.Matrix, error) {
	if err := checkNil(stepHash, x); err != nil {
		return nil, err
	}
	n, p := x.Dims()
	if _, err := h.OutputWidth(p); err != nil {
		return nil, err
	}
	indptr := make([]int, n+1)
	var indices []int32
	var values []float64
	var row []entry
	var key [20]byte
	add := func(i, j int, v float64) error {
		if v == 0 {
			return nil
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return notFinite(stepHash, i, j, v)
		}
		var b int
		var s float64
		if h.Names != nil {
			b, s = h.Bucket(h.Names[j])
		} else {
			b, s = h.bucketBytes(strconv.AppendInt(key[:0], int64(j), 10))
		}
		row = append(row, entry{int32(b), s * v})
		return nil
	}
	c, c32, isSparse := asCSR(x)
	for i := range n {
		row = row[:0]
		switch {
		case c != nil:
			idx, val := c.RowNZ(i)
			for k, j := range idx {
				if err := add(i, int(j), val[k]); err != nil {
					return nil, err
				}
			}
		case c32 != nil:
			idx, val := c32.RowNZ(i)
			for k, j := range idx {
				if err := add(i, int(j), float64(val[k])); err != nil {
					return nil, err
				}
			}
		}
		if !isSparse {
			break
		}
		indices, values = appendRow(indices, values, row)
		indptr[i+1] = len(indices)
	}
	if !isSparse {
		err := forChunks(x, func(lo int, chunk []float64) error {
			for r := 0; r < len(chunk); r += p {
				i := lo + r/p
				row = row[:0]
				for j, v := range chunk[r : r+p] {
					if err := add(i, j, v); err != nil {
						return err
					}
				}
				indices, values = appendRow(indices, values, row)
				indptr[i+1] = len(indices)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return data.NewCSR(n, h.width(), indptr, indices, values)
}

// Murmur3 returns the 32-bit MurmurHash3 (x86_32 variant, Austin Appleby)
// of the bytes of key with the given seed, as scikit-learn's
// sklearn.utils.murmurhash3_32(key, seed, positive=True); read as int32 it is
// murmurhash3_32(key, seed) with positive=False. It does not allocate.
func Murmur3(key string, seed uint32) uint32 { return murmur3(key, seed) }

func murmur3[S string | []byte](key S, seed uint32) uint32 {
	const c1, c2 = 0xcc9e2d51, 0x1b873593
	h := seed
	n := len(key)
	i := 0
	for ; i+4 <= n; i += 4 {
		k := uint32(key[i]) | uint32(key[i+1])<<8 | uint32(key[i+2])<<16 | uint32(key[i+3])<<24
		k *= c1
		k = bits.RotateLeft32(k, 15)
		k *= c2
		h ^= k
		h = bits.RotateLeft32(h, 13)
		h = h*5 + 0xe6546b64
	}
	var k uint32
	switch n - i {
	case 3:
		k ^= uint32(key[i+2]) << 16
		fallthrough
	case 2:
		k ^= uint32(key[i+1]) << 8
		fallthrough
	case 1:
		k ^= uint32(key[i])
		k *= c1
		k = bits.RotateLeft32(k, 15)
		k *= c2
		h ^= k
	}
	h ^= uint32(n)
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}
