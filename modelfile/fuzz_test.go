package modelfile

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"github.com/xent-ml/xent/data"
)

// FuzzRead feeds arbitrary bytes to the loader: it never panics, every
// error is an *Error wrapping one of the sentinels, and whatever it accepts
// is valid, encodes back to a file that decodes to the same encoding, and
// predicts without panicking.
func FuzzRead(f *testing.F) {
	valid := validFile(f)
	f.Add(valid)
	f.Add(valid[:len(valid)/2])
	f.Add(bytes.Replace(valid, []byte(`"version": 1`), []byte(`"version": 2`), 1))
	f.Add(gz(valid))
	f.Add(gz(valid)[:30])
	if b, err := os.ReadFile("testdata/iris.json"); err == nil {
		f.Add(b)
	}
	for _, s := range specs {
		x := randDense(f, 20, s.p, 2, 1)
		f.Add(encoded(f, build(f, s, x)))
	}
	f.Add([]byte(`{"format":"xent-model","version":1,"kind":"mlp","classes":["a","b"],"n_features":1,"activation":"tanh","layers":[{"in":1,"out":1,"weights":[2],"biases":[0]}]}`))
	f.Add([]byte(`{"format":"xent-model","version":1e400}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Read(bytes.NewReader(b))
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not an *Error", err)
			}
			if !errors.Is(err, ErrNotModel) && !errors.Is(err, ErrVersion) && !errors.Is(err, ErrDamaged) {
				t.Fatalf("error %v wraps no sentinel", err)
			}
			return
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("accepted an invalid model: %v", err)
		}
		enc := encoded(t, m)
		back, err := Read(bytes.NewReader(enc))
		if err != nil {
			t.Fatalf("re-reading the encoding: %v\n%s", err, enc)
		}
		if !bytes.Equal(encoded(t, back), enc) {
			t.Fatalf("encoding not stable:\n%s\n%s", enc, encoded(t, back))
		}
		if m.NFeatures > 64 {
			return
		}
		v := make([]float64, 3*m.NFeatures)
		for i := range v {
			v[i] = float64(i%3) - 1
		}
		x, _ := data.NewDense(3, m.NFeatures, v)
		_, _ = m.PredictProba(nil, x)
		_, _ = m.Predict(nil, data.ToCSR(x))
	})
}
