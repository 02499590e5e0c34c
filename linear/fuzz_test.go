package linear

import (
	"math"
	"testing"

	"github.com/xent-ml/xent/data"
)

// FuzzFit checks that Fit never panics on arbitrary labels, weights and
// settings: it returns an error or a model whose probabilities are finite
// and sum to 1.
func FuzzFit(f *testing.F) {
	f.Add([]byte{0, 1, 1, 0, 2, 1}, 1.0, 0.0, 1.0, 0.0, uint8(0), uint8(0), false)
	f.Add([]byte{3, 3, 3, 3}, 0.5, 0.1, 2.0, 0.5, uint8(2), uint8(1), true)
	f.Add([]byte{0, 255, 7, 1, 1, 1, 0}, -1.0, 1.0, math.NaN(), 2.0, uint8(9), uint8(6), true)
	f.Add([]byte{1, 0, 1, 0, 1, 0, 1, 0}, 1e300, 0.999, 1e-300, 1.0, uint8(1), uint8(5), false)
	f.Fuzz(func(t *testing.T, raw []byte, c, smooth, posWeight, ratio float64, penalty, solver uint8, softmax bool) {
		n := len(raw)
		if n == 0 || n > 64 {
			return
		}
		const p = 2
		x := make([]float64, n*p)
		y := make([]int, n)
		sw := make([]float64, n)
		for i, b := range raw {
			x[i*p] = float64(b%16) - 8
			x[i*p+1] = float64(b / 16)
			y[i] = int(b % 4)
			if b == 255 {
				y[i] = -1
			}
			sw[i] = float64(b%5) / 2
		}
		m, _ := data.NewDense(n, p, x)
		cfg := Logistic{C: c, LabelSmoothing: smooth, PosWeight: posWeight, L1Ratio: ratio,
			Penalty: Penalty(penalty % 5), Solver: Solver(solver % 8), MaxIter: 50}
		var est Estimator = cfg
		if softmax {
			est = Softmax(cfg)
		}
		model, err := est.FitFrom(bg, m, y, sw, nil)
		if err != nil {
			return
		}
		proba, err := model.PredictProba(nil, m)
		if err != nil {
			t.Fatalf("PredictProba of a fitted model: %v", err)
		}
		k := model.Classes()
		for i := 0; i < n; i++ {
			var s float64
			for _, v := range proba[i*k : (i+1)*k] {
				if math.IsNaN(v) || v < 0 || v > 1 {
					t.Fatalf("row %d: probability %v", i, v)
				}
				s += v
			}
			if math.Abs(s-1) > 1e-12 {
				t.Fatalf("row %d sums to %v", i, s)
			}
		}
	})
}
