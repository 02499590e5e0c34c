package mlp

import (
	"fmt"
	"testing"
)

// BenchmarkBatchValueGrad times one mini-batch of 200 samples (forward and
// backward) for Fashion-MNIST-shaped networks.
func BenchmarkBatchValueGrad(b *testing.B) {
	for _, hidden := range [][]int{{128}, {256, 128}} {
		b.Run(fmt.Sprintf("784-%v-10", hidden), func(b *testing.B) {
			d := testData(b, 1000, 784, 10, 1)
			obj, err := Classifier{HiddenSizes: hidden, Alpha: 1e-4}.Objective(d)
			if err != nil {
				b.Fatal(err)
			}
			x := obj.InitialParams(nil)
			g := make([]float64, len(x))
			idx := make([]int, 200)
			for i := range idx {
				idx[i] = (i * 37) % 1000
			}
			b.ReportAllocs()
			for b.Loop() {
				obj.BatchValueGrad(g, x, idx)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/200, "ns/sample")
		})
	}
}
