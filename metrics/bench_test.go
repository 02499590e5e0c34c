package metrics

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchData returns n seeded labels in [0, k) (k = 1: binary) and
// probabilities with k columns that sum to 1 per row.
func benchData(n, k int) ([]int, []float64) {
	rng := rand.New(rand.NewPCG(1, uint64(k)))
	y := make([]int, n)
	p := make([]float64, n*k)
	for i := range n {
		if k == 1 {
			y[i] = rng.IntN(2)
			p[i] = rng.Float64()
			continue
		}
		y[i] = rng.IntN(k)
		s := 0.0
		for j := range k {
			p[i*k+j] = rng.Float64()
			s += p[i*k+j]
		}
		for j := range k {
			p[i*k+j] /= s
		}
	}
	return y, p
}

func reportPerSample(b *testing.B, n int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/sample")
}

func BenchmarkLogLoss(b *testing.B) {
	for _, k := range []int{1, 10} {
		for _, n := range []int{1000, 100000} {
			y, p := benchData(n, k)
			b.Run(fmt.Sprintf("k=%d/n=%d", k, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := (LogLoss{}).Eval(y, p, k); err != nil {
						b.Fatal(err)
					}
				}
				reportPerSample(b, n)
			})
		}
	}
}

func BenchmarkROCAUC(b *testing.B) {
	for _, k := range []int{1, 3} {
		for _, n := range []int{1000, 100000} {
			y, p := benchData(n, k)
			b.Run(fmt.Sprintf("k=%d/n=%d", k, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := (ROCAUC{}).Eval(y, p, k); err != nil {
						b.Fatal(err)
					}
				}
				reportPerSample(b, n)
			})
		}
	}
}
