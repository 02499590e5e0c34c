package mlp_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/mlp"
)

// nanMatrix is a dense matrix with a NaN at (row, col), which the data
// constructors would refuse: it stands for a Matrix implemented elsewhere.
type nanMatrix struct {
	*data.Dense
	row, col int
}

func (m nanMatrix) DenseRows(dst []float64, lo, hi int) {
	m.Dense.DenseRows(dst, lo, hi)
	_, c := m.Dims()
	if m.row >= lo && m.row < hi {
		dst[(m.row-lo)*c+m.col] = math.NaN()
	}
}

func TestErrors(t *testing.T) {
	x, y, _ := randomData(6, 2, 3, 1)
	good := func() *data.Dataset { return dataset(t, "dense", 6, 2, x, append([]int(nil), y...), nil) }
	dense, _ := data.NewDense(6, 2, x)
	base := mlp.Classifier{HiddenSizes: []int{3}, MaxIter: 2}
	tests := []struct {
		name  string
		cfg   func(c *mlp.Classifier)
		train func(d *data.Dataset) *data.Dataset
		valid *data.Dataset
		err   error
		msg   string
	}{
		{name: "label out of range", train: func(d *data.Dataset) *data.Dataset {
			d.Y[4] = -1
			return d
		}, err: mlp.ErrLabel, msg: "mlp: train: y[4] = -1: class index out of range [0, 3)"},
		{name: "label beyond classes", train: func(d *data.Dataset) *data.Dataset {
			d.Classes = []string{"a", "b", "c"}
			d.Y[2] = 3
			return d
		}, err: mlp.ErrLabel, msg: "y[2] = 3"},
		{name: "one class", train: func(d *data.Dataset) *data.Dataset {
			d.Y = make([]int, 6)
			return d
		}, err: mlp.ErrLabel, msg: "1 classes"},
		{name: "NaN feature", train: func(d *data.Dataset) *data.Dataset {
			d.X = nanMatrix{dense, 3, 1}
			return d
		}, err: mlp.ErrNotFinite, msg: "mlp: train: X[3, 1] = NaN: value is not finite"},
		{name: "labels for rows", train: func(d *data.Dataset) *data.Dataset {
			d.Y = d.Y[:5]
			return d
		}, err: mlp.ErrShape, msg: "5 labels for 6 rows"},
		{name: "no features", train: func(d *data.Dataset) *data.Dataset {
			x, _ := data.NewDense(6, 0, nil)
			d.X = x
			return d
		}, err: mlp.ErrShape, msg: "no features"},
		{name: "no data", train: func(d *data.Dataset) *data.Dataset { return &data.Dataset{} }, err: mlp.ErrShape},
		{name: "negative weight", train: func(d *data.Dataset) *data.Dataset {
			d.SampleWeight = []float64{1, 1, 1, 1, -2, 1}
			return d
		}, err: mlp.ErrWeight, msg: "SampleWeight[4] = -2"},
		{name: "NaN weight", train: func(d *data.Dataset) *data.Dataset {
			d.SampleWeight = []float64{1, math.NaN(), 1, 1, 1, 1}
			return d
		}, err: mlp.ErrNotFinite, msg: "SampleWeight[1] = NaN"},
		{name: "zero weights", train: func(d *data.Dataset) *data.Dataset {
			d.SampleWeight = make([]float64, 6)
			return d
		}, err: mlp.ErrWeight},
		{name: "weights for rows", train: func(d *data.Dataset) *data.Dataset {
			d.SampleWeight = []float64{1}
			return d
		}, err: mlp.ErrShape},
		{name: "valid features", valid: dataset(t, "dense", 1, 3, []float64{1, 2, 3}, []int{0}, nil), err: mlp.ErrShape, msg: "valid: 3 features, want 2"},
		{name: "valid label", valid: dataset(t, "dense", 1, 2, []float64{1, 2}, []int{7}, nil), err: mlp.ErrLabel, msg: "valid: y[0] = 7"},
		{name: "hidden size", cfg: func(c *mlp.Classifier) { c.HiddenSizes = []int{3, 0} }, err: mlp.ErrSetting, msg: "HiddenSizes[1] = 0"},
		{name: "dropout 1", cfg: func(c *mlp.Classifier) { c.Dropout = 1 }, err: mlp.ErrSetting, msg: "Dropout"},
		{name: "dropout lbfgs", cfg: func(c *mlp.Classifier) { c.Dropout = 0.1; c.Solver = mlp.LBFGS }, err: mlp.ErrSetting, msg: "lbfgs"},
		{name: "smoothing", cfg: func(c *mlp.Classifier) { c.LabelSmoothing = -0.1 }, err: mlp.ErrSetting},
		{name: "alpha NaN", cfg: func(c *mlp.Classifier) { c.Alpha = math.NaN() }, err: mlp.ErrSetting},
		{name: "activation", cfg: func(c *mlp.Classifier) { c.Activation = 7 }, err: mlp.ErrSetting, msg: "Activation(7)"},
		{name: "solver", cfg: func(c *mlp.Classifier) { c.Solver = -1 }, err: mlp.ErrSetting},
		{name: "class weights length", cfg: func(c *mlp.Classifier) { c.ClassWeight = []float64{1, 2} }, err: mlp.ErrShape, msg: "len(ClassWeight) = 2 for 3 classes"},
		{name: "class weight negative", cfg: func(c *mlp.Classifier) { c.ClassWeight = []float64{1, -1, 1} }, err: mlp.ErrWeight, msg: "ClassWeight[1] = -1"},
		{name: "both class weights", cfg: func(c *mlp.Classifier) { c.ClassWeight = []float64{1, 1, 1}; c.BalancedClassWeight = true }, err: mlp.ErrSetting},
		{name: "validation fraction", cfg: func(c *mlp.Classifier) { c.EarlyStopping = true; c.ValidationFraction = 1 }, err: mlp.ErrSetting},
		{name: "batch size", cfg: func(c *mlp.Classifier) { c.BatchSize = -1 }, err: mlp.ErrSetting},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := base
			if tt.cfg != nil {
				tt.cfg(&cfg)
			}
			d := good()
			if tt.train != nil {
				d = tt.train(d)
			}
			m, err := cfg.Fit(context.Background(), d, tt.valid)
			if err == nil {
				t.Fatalf("Fit = %v, nil error; want %v", m, tt.err)
			}
			if !errors.Is(err, tt.err) {
				t.Errorf("Fit error %q, want errors.Is %v", err, tt.err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("Fit error %q, want it to contain %q", err, tt.msg)
			}
		})
	}
}

func TestPredictErrors(t *testing.T) {
	x, y, _ := randomData(6, 2, 3, 1)
	d := dataset(t, "dense", 6, 2, x, y, nil)
	m, err := mlp.Classifier{HiddenSizes: []int{3}, MaxIter: 2}.Fit(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	dense, _ := data.NewDense(6, 2, x)
	wide := dataset(t, "dense", 1, 3, []float64{1, 2, 3}, []int{0}, nil)
	tests := []struct {
		name   string
		model  func(m mlp.Model) *mlp.Model
		x      data.Matrix
		dst    []float64
		err    error
		substr string
	}{
		{name: "features", x: wide.X, err: mlp.ErrShape, substr: "data has 3 features, model 2"},
		{name: "NaN", x: nanMatrix{dense, 5, 0}, err: mlp.ErrNotFinite, substr: "mlp: X[5, 0] = NaN"},
		{name: "dst length", x: d.X, dst: make([]float64, 5), err: mlp.ErrShape, substr: "len(dst) = 5"},
		{name: "weights length", x: d.X, model: func(m mlp.Model) *mlp.Model {
			m.Weights = [][]float64{m.Weights[0][:5], m.Weights[1]}
			return &m
		}, err: mlp.ErrShape, substr: "len(Weights[0]) = 5"},
		{name: "NaN weight", x: d.X, model: func(m mlp.Model) *mlp.Model {
			m.Biases = [][]float64{m.Biases[0], {0, math.NaN(), 0}}
			return &m
		}, err: mlp.ErrNotFinite, substr: "Biases[1][1] = NaN"},
		{name: "output", x: d.X, model: func(m mlp.Model) *mlp.Model {
			m.Output = mlp.Logistic
			return &m
		}, err: mlp.ErrShape},
		{name: "sizes", x: d.X, model: func(m mlp.Model) *mlp.Model {
			m.Sizes = []int{2}
			return &m
		}, err: mlp.ErrShape},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mm := m
			if tt.model != nil {
				mm = tt.model(*m)
			}
			_, err := mm.PredictProba(tt.dst, tt.x)
			if !errors.Is(err, tt.err) || !strings.Contains(err.Error(), tt.substr) {
				t.Errorf("PredictProba error %v, want %v containing %q", err, tt.err, tt.substr)
			}
			if tt.dst == nil {
				if _, err := mm.Predict(nil, tt.x); !errors.Is(err, tt.err) {
					t.Errorf("Predict error %v, want %v", err, tt.err)
				}
			}
		})
	}
}

// FuzzPredict builds models from arbitrary fields: PredictProba and Predict
// return an error or probabilities, never panic.
func FuzzPredict(f *testing.F) {
	f.Add(2, 3, 1, 2, uint8(0), uint8(1), 0.5, -1.0, 3)
	f.Add(4, 2, 5, 5, uint8(2), uint8(0), math.Inf(1), 0.0, 2)
	f.Add(1, 0, 3, 3, uint8(1), uint8(0), math.NaN(), 1.0, 0)
	f.Add(2, 2, 2, 3, uint8(9), uint8(7), 1.0, 1.0, 1)
	f.Fuzz(func(t *testing.T, p, h, out, k int, act, output uint8, w, v float64, rows int) {
		if p > 50 || h > 50 || out > 50 || rows > 50 || rows < 0 {
			return
		}
		m := &mlp.Model{Sizes: []int{p, h, out}, Activation: mlp.Activation(act), Output: mlp.Output(output), NumClasses: k}
		for l := range 2 {
			nw, nb := 0, 0
			if l == 0 && p > 0 && h > 0 {
				nw, nb = p*h, h
			}
			if l == 1 && h > 0 && out > 0 {
				nw, nb = h*out, out
			}
			ws := make([]float64, nw)
			for j := range ws {
				ws[j] = w * float64(j%3-1)
			}
			m.Weights = append(m.Weights, ws)
			m.Biases = append(m.Biases, make([]float64, nb))
		}
		cols := max(p, 1)
		x := make([]float64, rows*cols)
		for i := range x {
			x[i] = v
		}
		d, err := data.NewDense(rows, cols, x)
		if err != nil {
			return
		}
		proba, err := m.PredictProba(nil, d)
		if err != nil {
			return
		}
		if len(proba) != rows*k {
			t.Fatalf("len(PredictProba) = %d, want %d", len(proba), rows*k)
		}
		if _, err := m.Predict(nil, d); err != nil {
			t.Fatalf("Predict error %v after PredictProba succeeded", err)
		}
	})
}
