package loss

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

var benchSink float64

type benchSize struct{ n, c int }

var benchSizes = []benchSize{{1000, 2}, {1000, 10}, {100, 1000}}

func perElement(b *testing.B, n int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/elem")
}

// BenchmarkEval measures each loss with value and gradient (caller
// buffers, no allocation) over n×c inputs; ns/elem is per input element.
func BenchmarkEval(b *testing.B) {
	for _, s := range benchSizes {
		r := rand.New(rand.NewPCG(uint64(s.n), uint64(s.c)))
		n, c := s.n, s.c
		shape := []int{n, c}
		x := randn(r, n*c, 3)
		y := randTargets(r, n, c)
		t := randProbRows(r, n, c, 1, false)
		w := randUnit(r, c, 0.5, 2)
		prob := randUnit(r, n*c, 0.01, 0.99)
		ybin := randUnit(r, n*c, 0, 1)
		logp := make([]float64, n*c)
		for i := range n {
			m := 0.0
			for j := range c {
				m = max(m, x[i*c+j])
			}
			for j := range c {
				logp[i*c+j] = x[i*c+j] - m - 10
			}
		}
		grad := make([]float64, n*c)
		losses := make([]float64, n*c)
		for _, bc := range []struct {
			name string
			f    func() (float64, error)
		}{
			{"CrossEntropy", func() (float64, error) { return CrossEntropy{}.Eval(nil, grad, x, y, nil, shape) }},
			{"CrossEntropy/weighted-smoothed", func() (float64, error) {
				return CrossEntropy{Weight: w, LabelSmoothing: 0.1}.Eval(nil, grad, x, y, nil, shape)
			}},
			{"CrossEntropy/value-only", func() (float64, error) { return CrossEntropy{}.Eval(nil, nil, x, y, nil, shape) }},
			{"CrossEntropy.EvalProbs", func() (float64, error) { return CrossEntropy{}.EvalProbs(nil, grad, x, t, nil, shape) }},
			{"NLL", func() (float64, error) { return NLL{}.Eval(nil, grad, logp, y, nil, shape) }},
			{"BinaryCrossEntropy", func() (float64, error) { return BinaryCrossEntropy{}.Eval(nil, grad, prob, ybin, nil, shape) }},
			{"BinaryCrossEntropyWithLogits", func() (float64, error) {
				return BinaryCrossEntropyWithLogits{Reduction: None}.Eval(losses, grad, x, ybin, nil, shape)
			}},
			{"KLDiv", func() (float64, error) { return KLDiv{Reduction: BatchMean}.Eval(nil, grad, logp, t, nil, shape) }},
			{"Entropy", func() (float64, error) { return Entropy{}.Eval(nil, grad, t, nil, shape) }},
		} {
			b.Run(fmt.Sprintf("%s/%dx%d", bc.name, n, c), func(b *testing.B) {
				if _, err := bc.f(); err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				for b.Loop() {
					benchSink, _ = bc.f()
				}
				perElement(b, n*c)
			})
		}
	}
}
