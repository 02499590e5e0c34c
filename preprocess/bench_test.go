package preprocess

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/xent-ml/xent/data"
)

func benchDense(b *testing.B, n, p int) *data.Dense {
	r := rand.New(rand.NewPCG(1, 2))
	v := make([]float64, n*p)
	for i := range v {
		v[i] = float64(r.IntN(5)) + r.NormFloat64()*0.1
	}
	x, err := data.NewDense(n, p, v)
	if err != nil {
		b.Fatal(err)
	}
	return x
}

func BenchmarkStandardizer(b *testing.B) {
	for _, p := range []int{10, 100} {
		x := benchDense(b, 1000, p)
		s, _ := FitStandardizer(x)
		b.Run(fmt.Sprintf("Fit/p=%d", p), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = FitStandardizer(x)
			}
		})
		b.Run(fmt.Sprintf("TransformDense/p=%d", p), func(b *testing.B) {
			dst := make([]float64, 1000*p)
			b.ReportAllocs()
			for b.Loop() {
				_, _ = s.TransformDense(dst, x.RawData(), 1000)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*1000*p), "ns/elem")
		})
	}
}

func BenchmarkOneHotTransformDense(b *testing.B) {
	x := benchDense(b, 1000, 20)
	raw := x.RawData()
	for i := 0; i < len(raw); i += 20 {
		raw[i], raw[i+1] = float64(int(raw[i])), float64(int(raw[i+1]))
	}
	o, _ := OneHotEncoder{Columns: []int{0, 1}}.Fit(x)
	w, _ := o.OutputWidth(20)
	dst := make([]float64, 1000*w)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = o.TransformDense(dst, raw, 1000)
	}
}

func BenchmarkHashTokens(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	docs := make([][]string, 1000)
	for i := range docs {
		for range 20 {
			docs[i] = append(docs[i], fmt.Sprintf("tok%d", r.IntN(5000)))
		}
	}
	h := &FeatureHasher{}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = h.HashTokens(docs)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*20000), "ns/token")
}
