package special

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

var sink float64

func benchInput(n int) []float64 {
	r := rand.New(rand.NewPCG(1, uint64(n)))
	x := make([]float64, n)
	for i := range x {
		x[i] = r.NormFloat64() * 4
	}
	return x
}

func perElement(b *testing.B, n int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/elem")
}

func BenchmarkScalar(b *testing.B) {
	x := benchInput(1024)
	for _, f := range []struct {
		name string
		f    func(float64) float64
	}{
		{"Sigmoid", Sigmoid}, {"SigmoidDeriv", SigmoidDeriv}, {"Softplus", Softplus}, {"LogSigmoid", LogSigmoid},
	} {
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var s float64
				for _, v := range x {
					s += f.f(v)
				}
				sink = s
			}
			perElement(b, len(x))
		})
	}
}

func BenchmarkRow(b *testing.B) {
	for _, c := range []int{2, 10, 100, 1000} {
		x := benchInput(c)
		dst := make([]float64, c)
		cot := benchInput(c)
		for _, f := range []struct {
			name string
			f    func()
		}{
			{"LogSumExp", func() { sink = LogSumExp(x) }},
			{"Softmax", func() { Softmax(dst, x) }},
			{"LogSoftmax", func() { LogSoftmax(dst, x) }},
			{"SoftmaxVJP", func() { SoftmaxVJP(dst, x, cot) }},
			{"LogSoftmaxVJP", func() { LogSoftmaxVJP(dst, x, cot) }},
		} {
			b.Run(fmt.Sprintf("%s/c=%d", f.name, c), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					f.f()
				}
				perElement(b, c)
			})
		}
	}
}

func BenchmarkRows(b *testing.B) {
	for _, s := range []struct{ n, c int }{{1000, 2}, {1000, 10}, {100, 1000}} {
		x := benchInput(s.n * s.c)
		dst := make([]float64, s.n*s.c)
		b.Run(fmt.Sprintf("LogSoftmaxRows/%dx%d", s.n, s.c), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				LogSoftmaxRows(dst, x, s.n, s.c)
			}
			perElement(b, s.n*s.c)
		})
		b.Run(fmt.Sprintf("SoftmaxRows/%dx%d", s.n, s.c), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				SoftmaxRows(dst, x, s.n, s.c)
			}
			perElement(b, s.n*s.c)
		})
	}
}
