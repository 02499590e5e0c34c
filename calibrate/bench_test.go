package calibrate

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/xent-ml/xent/special"
)

func benchData(n, k int) ([]float64, []int) {
	r := rand.New(rand.NewPCG(1, 2))
	probs := make([]float64, n*k)
	y := make([]int, n)
	z := make([]float64, k)
	for i := range n {
		for j := range z {
			z[j] = 2 * r.NormFloat64()
		}
		special.Softmax(probs[i*k:(i+1)*k], z)
		y[i] = r.IntN(k)
	}
	return probs, y
}

func BenchmarkFit(b *testing.B) {
	for _, k := range []int{2, 10} {
		probs, y := benchData(10000, k)
		for _, m := range []Method{MethodTemperature, MethodPlatt, MethodIsotonic} {
			b.Run(fmt.Sprintf("%v/k=%d", m, k), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					_ = New(m).Fit(probs, k, y, nil)
				}
			})
		}
	}
}

func BenchmarkApply(b *testing.B) {
	for _, k := range []int{2, 10} {
		probs, y := benchData(10000, k)
		dst := make([]float64, len(probs))
		for _, m := range []Method{MethodTemperature, MethodPlatt, MethodIsotonic} {
			c := New(m)
			if err := c.Fit(probs, k, y, nil); err != nil {
				b.Fatal(err)
			}
			b.Run(fmt.Sprintf("%v/k=%d", m, k), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					_, _ = c.Apply(dst, probs, k)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(probs)), "ns/prob")
			})
		}
	}
}
