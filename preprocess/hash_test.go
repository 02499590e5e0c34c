package preprocess

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/xent-ml/xent/data"
)

func TestMurmur3Sklearn(t *testing.T) {
	// scikit-learn 1.2.1: sklearn.utils.murmurhash3_32(key, seed=0) (signed),
	// murmurhash3_32(key, seed=0, positive=True) and
	// murmurhash3_32(key, seed=42, positive=True).
	tests := []struct {
		key           string
		signed        int32
		unsigned, s42 uint32
	}{
		{"", 0, 0, 142593372},
		{"a", 1009084850, 1009084850, 3001393763},
		{"ab", -1681926305, 2613040991, 3610054215},
		{"abc", -1277324294, 3017643002, 1313807976},
		{"abcd", 1139631978, 1139631978, 3898664396},
		{"hello world", 1586663183, 1586663183, 3926694905},
		{"0", -764297089, 3530670207, 3495505081},
		{"17", 1852771076, 1852771076, 1439872527},
		{"naïve", 992511445, 992511445, 2310162882},
		{"feature_12345", -358979979, 3935987317, 2451268828},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			if got := Murmur3(tt.key, 0); got != tt.unsigned || int32(got) != tt.signed {
				t.Errorf("Murmur3(%q, 0) = %d (signed %d), want %d (%d)", tt.key, got, int32(got), tt.unsigned, tt.signed)
			}
			if got := Murmur3(tt.key, 42); got != tt.s42 {
				t.Errorf("Murmur3(%q, 42) = %d, want %d", tt.key, got, tt.s42)
			}
		})
	}
}

func TestHashTokensSklearn(t *testing.T) {
	// scikit-learn 1.2.1:
	//   Z = FeatureHasher(n_features=16, input_type="string").transform(docs)
	//   list(Z.indptr), list(Z.indices), list(Z.data)
	// "the" twice gives -2; two tokens cancelling leave an explicit 0.
	docs := [][]string{{"the", "cat", "sat", "on", "the", "mat"}, {"dog"}, {}, {"naïve", "bayes", "the"}}
	h := &FeatureHasher{NFeatures: 16}
	z, err := h.HashTokens(docs)
	if err != nil {
		t.Fatal(err)
	}
	indptr, indices, values := z.RawCSR()
	if want := []int{0, 4, 5, 5, 8}; !reflect.DeepEqual(indptr, want) {
		t.Errorf("indptr = %v, want %v", indptr, want)
	}
	if want := []int32{4, 7, 11, 14, 5, 4, 5, 14}; !reflect.DeepEqual(indices, want) {
		t.Errorf("indices = %v, want %v", indices, want)
	}
	if want := []float64{1, 0, -1, -2, -1, 1, 1, -1}; !reflect.DeepEqual(values, want) {
		t.Errorf("values = %v, want %v", values, want)
	}
}

func TestHashTransformSklearn(t *testing.T) {
	// scikit-learn 1.2.1, dict input keyed by the decimal column index:
	//   FeatureHasher(n_features=8, input_type="dict", alternate_sign=False)
	//     .transform([{"0": 1.5, "2": -2.0, "3": 0.0}, {"1": 4.0}])
	//   → indptr [0, 2, 3], indices [1, 7, 5], data [1.5, -2.0, 4.0]
	//   with alternate_sign=True: data [-1.5, -2.0, -4.0]
	x := dense(t, [][]float64{{1.5, 0, -2, 0}, {0, 4, 0, 0}})
	tests := []struct {
		name   string
		h      FeatureHasher
		x      data.Matrix
		values []float64
	}{
		{"dense unsigned", FeatureHasher{NFeatures: 8, NoAlternateSign: true}, x, []float64{1.5, -2, 4}},
		{"sparse unsigned", FeatureHasher{NFeatures: 8, NoAlternateSign: true}, sparseOf(t, x), []float64{1.5, -2, 4}},
		{"dense signed", FeatureHasher{NFeatures: 8}, x, []float64{-1.5, -2, -4}},
		{"named", FeatureHasher{NFeatures: 8, Names: []string{"0", "1", "2", "3"}}, x, []float64{-1.5, -2, -4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z, err := tt.h.Transform(tt.x)
			if err != nil {
				t.Fatal(err)
			}
			indptr, indices, values := z.(*data.CSR).RawCSR()
			if !reflect.DeepEqual(indptr, []int{0, 2, 3}) || !reflect.DeepEqual(indices, []int32{1, 7, 5}) || !reflect.DeepEqual(values, tt.values) {
				t.Errorf("Transform = %v %v %v, want [0 2 3] [1 7 5] %v", indptr, indices, values, tt.values)
			}
		})
	}
}

func TestHashBucketMinInt32(t *testing.T) {
	// scikit-learn maps h = -2³¹ to (2³¹-1 - (n-1)) mod n, which equals
	// 2³¹ mod n, with sign -1.
	for _, n := range []int{1, 7, 16, 1 << 20, math.MaxInt32} {
		h := &FeatureHasher{NFeatures: n}
		b, s := h.bucket(0x80000000)
		if want := int((int64(1) << 31) % int64(n)); b != want || s != -1 {
			t.Errorf("n=%d: bucket(-2³¹) = %d, %v; want %d, -1", n, b, s, want)
		}
	}
}

func TestHashErrors(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"negative n", (&FeatureHasher{NFeatures: -1}).Validate(), ErrInvalid},
		{"huge n", (&FeatureHasher{NFeatures: math.MaxInt32 + 1}).Validate(), ErrInvalid},
		{"tokens bad n", func() error { _, err := (&FeatureHasher{NFeatures: -1}).HashTokens(nil); return err }(), ErrInvalid},
		{"names width", func() error {
			_, err := (&FeatureHasher{Names: []string{"a"}}).Transform(dense(t, [][]float64{{1, 2}}))
			return err
		}(), data.ErrShape},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !errors.Is(tt.err, tt.want) {
				t.Errorf("error %v, want %v", tt.err, tt.want)
			}
		})
	}
	if w, err := (&FeatureHasher{}).OutputWidth(3); w != DefaultHashFeatures || err != nil {
		t.Errorf("OutputWidth of the zero FeatureHasher = %d, %v; want %d", w, err, DefaultHashFeatures)
	}
}

func TestBucketNoAlloc(t *testing.T) {
	h := &FeatureHasher{}
	if a := testing.AllocsPerRun(100, func() { h.Bucket("some token") }); a != 0 {
		t.Errorf("Bucket allocates %v times", a)
	}
}

func ExampleFeatureHasher_HashTokens() {
	h := &FeatureHasher{NFeatures: 16}
	z, _ := h.HashTokens([][]string{{"the", "cat", "sat", "on", "the", "mat"}})
	idx, val := z.RowNZ(0)
	fmt.Println(idx, val)
	// Output:
	// [4 7 11 14] [1 0 -1 -2]
}
