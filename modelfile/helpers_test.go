package modelfile

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/xent-ml/xent/calibrate"
	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/preprocess"
)

// randDense returns an n×p matrix of seeded values, with about a third of
// them zero and the column j < cats holding small integer codes.
func randDense(t testing.TB, n, p, cats int, seed uint64) *data.Dense {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 99))
	v := make([]float64, n*p)
	for i := range n {
		for j := range p {
			switch {
			case j < cats:
				v[i*p+j] = float64(r.IntN(3))
			case r.IntN(3) == 0:
			default:
				v[i*p+j] = 2*r.NormFloat64() + float64(j%4)
			}
		}
	}
	x, err := data.NewDense(n, p, v)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func randSlice(r *rand.Rand, n int, scale float64) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = scale * r.NormFloat64()
	}
	return v
}

// spec describes a test model.
type spec struct {
	name   string
	kind   Kind
	k      int    // classes
	p      int    // input features
	prep   string // "", "standardize", "onehot+standardize", "maxabs", "hash"
	cal    string // "", "temperature", "platt", "isotonic"
	hidden []int  // MLP hidden layer sizes
	act    Activation
}

// build returns a model for s with seeded parameters; preprocessing is
// fitted on x.
func build(t testing.TB, s spec, x data.Matrix) *Model {
	t.Helper()
	r := rand.New(rand.NewPCG(uint64(len(s.name)), 7))
	m := &Model{Kind: s.kind, NFeatures: s.p, Activation: s.act, CreatedBy: "xent test"}
	for c := range s.k {
		m.Classes = append(m.Classes, string(rune('a'+c)))
	}
	var steps []preprocess.Transformer
	z := x
	add := func(tr preprocess.Transformer, err error) {
		if err != nil {
			t.Fatal(err)
		}
		steps = append(steps, tr)
		if z, err = tr.Transform(z); err != nil {
			t.Fatal(err)
		}
	}
	switch s.prep {
	case "standardize":
		add(preprocess.FitStandardizer(z))
	case "onehot+standardize":
		add(preprocess.OneHotEncoder{Columns: []int{0, 1}, Unknown: preprocess.UnknownIgnore}.Fit(z))
		add(preprocess.FitStandardizer(z))
	case "maxabs":
		add(preprocess.FitMaxAbs(z))
	case "hash":
		add(&preprocess.FeatureHasher{NFeatures: 64}, nil)
	}
	for _, tr := range steps {
		st, err := preprocess.StepOf(tr)
		if err != nil {
			t.Fatal(err)
		}
		m.Preprocess = append(m.Preprocess, st)
	}
	_, w := z.Dims()
	switch s.kind {
	case Logistic:
		m.Coef, m.Intercept = randSlice(r, w, 0.5), randSlice(r, 1, 1)
	case Softmax, OvR:
		m.Coef, m.Intercept = randSlice(r, s.k*w, 0.5), randSlice(r, s.k, 1)
	case MLP:
		in := w
		outs := append(append([]int(nil), s.hidden...), s.k)
		if s.k == 2 {
			outs[len(outs)-1] = 1
		}
		for _, out := range outs {
			m.Layers = append(m.Layers, Layer{In: in, Out: out,
				Weights: randSlice(r, in*out, 1/math.Sqrt(float64(in))), Biases: randSlice(r, out, 0.1)})
			in = out
		}
	}
	if s.cal != "" {
		m.Calibration = nil
		probs, err := m.PredictProba(nil, x)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := x.Dims()
		y := make([]int, n)
		for i := range y {
			y[i] = r.IntN(s.k)
		}
		meth, _ := calibrate.ParseMethod(s.cal)
		c := calibrate.New(meth)
		if err := c.Fit(probs, s.k, y, nil); err != nil {
			t.Fatal(err)
		}
		if m.Calibration, err = calibrate.ModelOf(c); err != nil {
			t.Fatal(err)
		}
	}
	m.Hyperparameters = map[string]any{"C": 1.0, "solver": "lbfgs", "note": "<=50K & co"}
	m.Training = &Training{Solver: "lbfgs", Iterations: 3, Converged: true, Objective: 12.5,
		TrainLogLoss: 0.4, ValidationLogLoss: math.NaN(), Seconds: 0.01}
	m.History = []Iteration{
		{1, 20, 0.69, 5, math.NaN()},
		{2, 15, 0.5, math.Inf(1), 0.6},
		{3, 12.5, 0.4, 0.001, 0.55},
	}
	m.Schema = []byte(`{"format":"csv","label_column":"label"}`)
	return m
}

// specs lists the models of the round-trip and reference tests.
var specs = []spec{
	{name: "logistic", kind: Logistic, k: 2, p: 6},
	{name: "logistic standardized", kind: Logistic, k: 2, p: 6, prep: "standardize"},
	{name: "logistic platt", kind: Logistic, k: 2, p: 6, prep: "maxabs", cal: "platt"},
	{name: "logistic hashed", kind: Logistic, k: 2, p: 6, prep: "hash"},
	{name: "softmax", kind: Softmax, k: 4, p: 5},
	{name: "softmax one-hot temperature", kind: Softmax, k: 3, p: 5, prep: "onehot+standardize", cal: "temperature"},
	{name: "softmax isotonic", kind: Softmax, k: 3, p: 5, cal: "isotonic"},
	{name: "ovr", kind: OvR, k: 3, p: 7, prep: "standardize"},
	{name: "ovr platt", kind: OvR, k: 4, p: 7, cal: "platt"},
	{name: "mlp relu", kind: MLP, k: 3, p: 5, hidden: []int{8, 6}, act: ReLU, prep: "standardize"},
	{name: "mlp tanh binary", kind: MLP, k: 2, p: 5, hidden: []int{7}, act: Tanh},
	{name: "mlp sigmoid one-hot isotonic", kind: MLP, k: 4, p: 6, hidden: []int{5}, act: Sigmoid, prep: "onehot+standardize", cal: "isotonic"},
	{name: "mlp no hidden", kind: MLP, k: 3, p: 4, prep: "maxabs"},
}

// encoded returns the file content of m.
func encoded(t testing.TB, m *Model) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
