package modelfile

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/xent-ml/xent/data"
)

func BenchmarkPredictProba(b *testing.B) {
	cases := []struct {
		name   string
		s      spec
		n      int
		sparse bool
	}{
		{"logistic/p=30", spec{name: "b1", kind: Logistic, k: 2, p: 30}, 10000, false},
		{"logistic-standardized/p=30", spec{name: "b2", kind: Logistic, k: 2, p: 30, prep: "standardize"}, 10000, false},
		{"softmax/p=100/K=10", spec{name: "b3", kind: Softmax, k: 10, p: 100}, 10000, false},
		{"ovr/p=100/K=10", spec{name: "b4", kind: OvR, k: 10, p: 100}, 10000, false},
		{"softmax-maxabs-csr/p=10000/nnz=50/K=5", spec{name: "b5", kind: Softmax, k: 5, p: 10000, prep: "maxabs"}, 10000, true},
		{"mlp/p=784/128-64/K=10", spec{name: "b6", kind: MLP, k: 10, p: 784, hidden: []int{128, 64}, act: ReLU}, 2000, false},
		{"logistic/p=30/one-row", spec{name: "b7", kind: Logistic, k: 2, p: 30, prep: "standardize", cal: "platt"}, 1, false},
	}
	for _, c := range cases {
		var x data.Matrix
		if c.sparse {
			x = randCSR(b, c.n, c.s.p, 50)
		} else {
			x = randDense(b, c.n, c.s.p, 0, 1)
		}
		m := build(b, c.s, x)
		dst := make([]float64, c.n*c.s.k)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := m.PredictProba(dst, x); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*c.n), "ns/row")
		})
	}
}

func BenchmarkLoad(b *testing.B) {
	s := spec{name: "load", kind: Softmax, k: 10, p: 1000, prep: "standardize"}
	m := build(b, s, randDense(b, 100, s.p, 0, 1))
	enc := encoded(b, m)
	b.Run(fmt.Sprintf("softmax/%dKB", len(enc)/1024), func(b *testing.B) {
		b.SetBytes(int64(len(enc)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Read(bytes.NewReader(enc)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// randCSR returns an n×p CSR matrix with nnz seeded entries per row.
func randCSR(b *testing.B, n, p, nnz int) *data.CSR {
	r := rand.New(rand.NewPCG(1, 2))
	indptr := make([]int, n+1)
	var indices []int32
	var values []float64
	for i := range n {
		row := make([]int32, 0, nnz)
		for len(row) < nnz {
			j := int32(r.IntN(p))
			if !slices.Contains(row, j) {
				row = append(row, j)
			}
		}
		slices.Sort(row)
		for range row {
			values = append(values, r.NormFloat64())
		}
		indices = append(indices, row...)
		indptr[i+1] = len(indices)
	}
	x, err := data.NewCSR(n, p, indptr, indices, values)
	if err != nil {
		b.Fatal(err)
	}
	return x
}
