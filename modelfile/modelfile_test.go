package modelfile

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/internal/golden"
	"github.com/xent-ml/xent/internal/numtest"
	"github.com/xent-ml/xent/preprocess"
)

func TestRoundTrip(t *testing.T) {
	for _, s := range specs {
		for _, name := range []string{"model.json", "model.json.gz"} {
			t.Run(s.name+"/"+name, func(t *testing.T) {
				x := randDense(t, 300, s.p, 2, 1)
				m := build(t, s, x)
				want, err := m.PredictProba(nil, x)
				if err != nil {
					t.Fatal(err)
				}
				path := filepath.Join(t.TempDir(), name)
				if err := m.Save(path); err != nil {
					t.Fatal(err)
				}
				raw, _ := os.ReadFile(path)
				if gz := len(raw) > 2 && raw[0] == 0x1f && raw[1] == 0x8b; gz != (filepath.Ext(name) == ".gz") {
					t.Errorf("%s written compressed = %v", name, gz)
				}
				back, err := Load(path)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(encoded(t, back), encoded(t, m)) {
					t.Errorf("loaded model encodes differently:\n%s\nwant\n%s", encoded(t, back), encoded(t, m))
				}
				got, err := back.PredictProba(nil, x)
				if err != nil {
					t.Fatal(err)
				}
				if !numtest.SameBits(got, want) {
					t.Errorf("predictions after loading differ: %s", numtest.Mismatch(got, want, 0, 0))
				}
				if !math.IsNaN(back.Training.ValidationLogLoss) || !math.IsInf(back.History[1].GradNorm, 1) {
					t.Errorf("non-finite training values lost: %+v %+v", back.Training, back.History[1])
				}
				for i, row := 0, 0; row < 300; row++ {
					s := 0.0
					for range s2k(m) {
						v := got[i]
						if !(v >= 0 && v <= 1) {
							t.Fatalf("probability %v at row %d", v, row)
						}
						s += v
						i++
					}
					if math.Abs(s-1) > 1e-12 {
						t.Fatalf("row %d sums to %v", row, s)
					}
				}
			})
		}
	}
}

func s2k(m *Model) []struct{} { return make([]struct{}, len(m.Classes)) }

// reference computes the probabilities of m on the preprocessed rows z
// (n×w) by plain loops, independently of the block code.
func reference(m *Model, z []float64, n, w int) []float64 {
	k := len(m.Classes)
	out := make([]float64, 0, n*k)
	sig := func(t float64) float64 { return 1 / (1 + math.Exp(-t)) }
	softmax := func(v []float64) []float64 {
		mx := math.Inf(-1)
		for _, x := range v {
			mx = math.Max(mx, x)
		}
		s := 0.0
		e := make([]float64, len(v))
		for i, x := range v {
			e[i] = math.Exp(x - mx)
			s += e[i]
		}
		for i := range e {
			e[i] /= s
		}
		return e
	}
	for i := range n {
		row := z[i*w : (i+1)*w]
		switch m.Kind {
		case Logistic:
			t := m.Intercept[0]
			for j, v := range row {
				t += m.Coef[j] * v
			}
			out = append(out, 1-sig(t), sig(t))
		case Softmax, OvR:
			s := make([]float64, k)
			for c := range k {
				s[c] = m.Intercept[c]
				for j, v := range row {
					s[c] += m.Coef[c*w+j] * v
				}
			}
			if m.Kind == Softmax {
				out = append(out, softmax(s)...)
				continue
			}
			tot := 0.0
			for c := range s {
				s[c] = sig(s[c])
				tot += s[c]
			}
			for c := range s {
				out = append(out, s[c]/tot)
			}
		case MLP:
			h := row
			for l, ly := range m.Layers {
				next := make([]float64, ly.Out)
				for u := range ly.Out {
					next[u] = ly.Biases[u]
					for j, v := range h {
						next[u] += ly.Weights[u*ly.In+j] * v
					}
					if l < len(m.Layers)-1 {
						switch m.Activation {
						case ReLU:
							next[u] = math.Max(0, next[u])
						case Tanh:
							next[u] = math.Tanh(next[u])
						case Sigmoid:
							next[u] = sig(next[u])
						}
					}
				}
				h = next
			}
			if k == 2 {
				out = append(out, 1-sig(h[0]), sig(h[0]))
			} else {
				out = append(out, softmax(h)...)
			}
		}
	}
	return out
}

func TestPredictReference(t *testing.T) {
	for _, s := range specs {
		t.Run(s.name, func(t *testing.T) {
			x := randDense(t, 700, s.p, 2, 2) // several blocks
			m := build(t, s, x)
			z, err := m.Preprocess.Transform(x)
			if err != nil {
				t.Fatal(err)
			}
			n, w := z.Dims()
			zd := make([]float64, n*w)
			z.DenseRows(zd, 0, n)
			want := reference(m, zd, n, w)
			if m.Calibration != nil {
				if want, err = m.Calibration.Apply(nil, want, len(m.Classes)); err != nil {
					t.Fatal(err)
				}
			}
			got, err := m.PredictProba(nil, x)
			if err != nil {
				t.Fatal(err)
			}
			// Summation orders differ (gonum kernels against plain loops).
			if msg := numtest.Mismatch(got, want, 1e-11, 1e-13); msg != "" {
				t.Error(msg)
			}
			classes, err := m.Predict(nil, x)
			if err != nil {
				t.Fatal(err)
			}
			k := len(m.Classes)
			for i, c := range classes {
				for j := range k {
					if got[i*k+j] > got[i*k+c] {
						t.Fatalf("Predict row %d = %d, but class %d is more probable", i, c, j)
					}
				}
			}
		})
	}
}

// TestLayoutsAndBlocks checks that results do not depend on the blocks, on
// GOMAXPROCS, or (to rounding) on the input layout.
func TestLayoutsAndBlocks(t *testing.T) {
	for _, s := range specs {
		t.Run(s.name, func(t *testing.T) {
			x := randDense(t, 1500, s.p, 2, 3)
			m := build(t, s, x)
			want, err := m.PredictProba(nil, x)
			if err != nil {
				t.Fatal(err)
			}
			k := len(m.Classes)
			sub, _ := data.Slice(x, 517, 530)
			got, err := m.PredictProba(nil, sub)
			if err != nil {
				t.Fatal(err)
			}
			if !numtest.SameBits(got, want[517*k:530*k]) {
				t.Errorf("rows 517..529 alone differ from the full run")
			}
			prev := runtime.GOMAXPROCS(1)
			one, err := m.PredictProba(nil, x)
			runtime.GOMAXPROCS(prev)
			if err != nil || !numtest.SameBits(one, want) {
				t.Errorf("GOMAXPROCS=1 gives different bits (err %v)", err)
			}
			if s.prep == "standardize" || s.prep == "onehot+standardize" {
				return // centering refuses sparse input, as scikit-learn
			}
			sp, err := m.PredictProba(nil, data.ToCSR(x))
			if err != nil {
				t.Fatal(err)
			}
			if msg := numtest.Mismatch(sp, want, 1e-12, 1e-14); msg != "" {
				t.Errorf("CSR input: %s", msg)
			}
			x32, _ := data.ToFloat32(x)
			if _, err := m.PredictProba(nil, x32); err != nil {
				t.Errorf("Dense32 input: %v", err)
			}
		})
	}
}

func TestPredictNoAlloc(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's sync.Pool drops pooled buffers at random; allocation counts are checked without -race")
	}
	for _, s := range specs {
		if s.prep == "hash" {
			continue // hashing builds a new sparse matrix per block
		}
		t.Run(s.name, func(t *testing.T) {
			x := randDense(t, 200, s.p, 2, 4)
			m := build(t, s, x)
			k := len(m.Classes)
			dst := make([]float64, 200*k)
			cls := make([]int, 200)
			if a := testing.AllocsPerRun(20, func() { _, _ = m.PredictProba(dst, x) }); a != 0 {
				t.Errorf("PredictProba allocates %v times", a)
			}
			if a := testing.AllocsPerRun(20, func() { _, _ = m.Predict(cls, x) }); a != 0 {
				t.Errorf("Predict allocates %v times", a)
			}
		})
	}
}

// readCSV reads a golden CSV file (header, label first): the features.
func readCSV(t *testing.T, name string) *data.Dense {
	t.Helper()
	path, err := golden.Path(name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	p := len(recs[0]) - 1
	v := make([]float64, 0, (len(recs)-1)*p)
	for _, rec := range recs[1:] {
		for _, s := range rec[1:] {
			x, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatal(err)
			}
			v = append(v, x)
		}
	}
	x, err := data.NewDense(len(recs)-1, p, v)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// TestGoldenOptima predicts the first ten rows of every case of
// optima.json from the raw features, with the reference coefficients and
// the stored standardization, and compares with scikit-learn's
// predict_proba.
func TestGoldenOptima(t *testing.T) {
	cases, err := golden.Optima()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.ID, func(t *testing.T) {
			m := &Model{NFeatures: c.NFeatures, Coef: c.Coef.Floats, Intercept: c.Intercept.Floats}
			for _, cl := range c.Classes {
				m.Classes = append(m.Classes, strconv.Itoa(cl))
			}
			switch c.Model {
			case "binary":
				m.Kind = Logistic
			case "multinomial":
				m.Kind = Softmax
			default:
				t.Fatalf("unknown model %q", c.Model)
			}
			switch c.Preprocessing.Kind {
			case "none":
			case "standardize":
				m.Preprocess = preprocess.Pipeline{{Standardize: &preprocess.Standardizer{
					Mean: c.Preprocessing.Mean.Floats, Scale: c.Preprocessing.Scale.Floats}}}
			default:
				t.Fatalf("unknown preprocessing %q", c.Preprocessing.Kind)
			}
			if err := m.Validate(); err != nil {
				t.Fatal(err)
			}
			x := readCSV(t, c.RawFile)
			head, _ := data.Slice(x, 0, 10)
			got, err := m.PredictProba(nil, head)
			if err != nil {
				t.Fatal(err)
			}
			if msg := numtest.Mismatch(got, c.PredictProbaFirst.Floats, 1e-12, 1e-15); msg != "" {
				t.Error(msg)
			}
		})
	}
}
