package mlp_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/internal/numtest"
	"github.com/xent-ml/xent/mlp"
)

// randomData returns n×p features (about a third of them zero, so that the
// CSR layout has structure), labels in [0, k) covering every class, and
// positive sample weights, all seeded.
func randomData(n, p, k int, seed uint64) ([]float64, []int, []float64) {
	r := rand.New(rand.NewPCG(seed, 1))
	x := make([]float64, n*p)
	for i := range x {
		if r.IntN(3) > 0 {
			x[i] = 2*r.Float64() - 1
		}
	}
	y := make([]int, n)
	w := make([]float64, n)
	for i := range y {
		y[i] = i % k
		w[i] = 0.25 + 2*r.Float64()
	}
	return x, y, w
}

func dataset(t testing.TB, layout string, n, p int, x []float64, y []int, w []float64) *data.Dataset {
	t.Helper()
	d, err := data.NewDense(n, p, x)
	if err != nil {
		t.Fatal(err)
	}
	var m data.Matrix = d
	if layout == "csr" {
		m = data.ToCSR(d)
	}
	return &data.Dataset{X: m, Y: y, SampleWeight: w}
}

// TestGradient compares the gradient of the full objective and of
// mini-batch objectives with central differences, for every activation,
// one and two hidden layers, binary and multiclass outputs, sample
// weights, class weights, label smoothing and L2, on dense and CSR input.
func TestGradient(t *testing.T) {
	for _, layout := range []string{"dense", "csr"} {
		for _, act := range []mlp.Activation{mlp.ReLU, mlp.Tanh, mlp.Sigmoid} {
			for _, hidden := range [][]int{{5}, {4, 3}, {}} {
				for _, k := range []int{2, 3} {
					name := fmt.Sprintf("%s/%v/hidden%v/K%d", layout, act, hidden, k)
					t.Run(name, func(t *testing.T) {
						const n, p = 9, 4
						x, y, w := randomData(n, p, k, 7)
						d := dataset(t, layout, n, p, x, y, w)
						cfg := mlp.Classifier{HiddenSizes: hidden, Activation: act, Alpha: 0.3,
							LabelSmoothing: 0.1, ClassWeight: []float64{1, 2, 0.5}[:k], Seed: 3}
						obj, err := cfg.Objective(d)
						if err != nil {
							t.Fatal(err)
						}
						params := obj.InitialParams(nil)
						checkGrad(t, "ValueGrad", func(g, x []float64) float64 { return obj.ValueGrad(g, x) }, params)
						idx := []int{7, 2, 2, 5}
						checkGrad(t, "BatchValueGrad", func(g, x []float64) float64 { return obj.BatchValueGrad(g, x, idx) }, params)
					})
				}
			}
		}
	}
}

func checkGrad(t *testing.T, name string, f func(g, x []float64) float64, x []float64) {
	t.Helper()
	g := make([]float64, len(x))
	f(g, x)
	want := numtest.CentralDiff(func(x []float64) float64 { return f(nil, x) }, x, 1e-6)
	if msg := numtest.Mismatch(g, want, 1e-6, 1e-8); msg != "" {
		t.Errorf("%s gradient%s (vs central differences)", name, msg)
	}
}
