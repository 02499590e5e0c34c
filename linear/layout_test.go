package linear

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/internal/vec"
)

// sparseRandom returns an n×p CSR matrix with about the given density of
// normal values (not exact in float32).
func sparseRandom(n, p int, density float64, seed uint64) *data.CSR {
	rng := rand.New(rand.NewPCG(seed, 3))
	x := make([]float64, n*p)
	for i := range x {
		if rng.Float64() < density {
			x[i] = rng.NormFloat64()
		}
	}
	d, _ := data.NewDense(n, p, x)
	return data.ToCSR(d)
}

func TestTrainingLayout(t *testing.T) {
	dense := sparseRandom(200, 10, 0.6, 1)
	sparse := sparseRandom(200, 10, 0.4, 2)
	huge := sparseRandom(200, 10, 0.6, 3)
	d := data.ToDense(huge)
	d.RawData()[7] = 1e39 // beyond float32
	huge = data.ToCSR(d)
	dense32 := must32(t, dense)
	sparse32 := must32(t, sparseRandom(200, 10, 0.3, 4))
	mid32 := must32(t, sparseRandom(200, 10, 0.4, 5))
	split := "CSR/Dense32" // Newton on a binary model with the vector kernels
	if !vec.Accelerated() {
		split = "Dense/Dense"
	}
	for _, tt := range []struct {
		name          string
		x             data.Matrix
		multi, newton bool
		want          string
	}{
		{"dense-ish CSR, binary Newton", dense, false, true, split},
		{"dense-ish CSR, multinomial Newton", dense, true, true, "Dense/Dense"},
		{"dense-ish CSR, L-BFGS", dense, false, false, "Dense/Dense"},
		{"CSR below half density", sparse, false, true, "CSR/CSR"},
		{"dense-ish CSR beyond float32", huge, false, true, "Dense/Dense"},
		{"CSR32 from 3/8 density", mid32, false, true, "Dense32/Dense32"},
		{"CSR32 below 3/8 density", sparse32, false, true, "CSR32/CSR32"},
		{"CSR32 dense-ish, multinomial", dense32, true, false, "Dense32/Dense32"},
		{"Dense", d, false, true, "Dense/Dense"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			gx, hx := trainingLayout(tt.x, tt.multi, tt.newton)
			if got := layoutName(gx) + "/" + layoutName(hx); got != tt.want {
				t.Fatalf("layouts %s, want %s", got, tt.want)
			}
			// Every layout holds the caller's values (rounded to float32
			// only in a float32 copy of float64 data).
			n, p := tt.x.Dims()
			want := make([]float64, n*p)
			tt.x.DenseRows(want, 0, n)
			for _, m := range []data.Matrix{gx, hx} {
				got := make([]float64, n*p)
				m.DenseRows(got, 0, n)
				for i := range got {
					if float32(got[i]) != float32(want[i]) || (layoutName(m) != "Dense32" && got[i] != want[i]) {
						t.Fatalf("%s: entry %d = %v, want %v", layoutName(m), i, got[i], want[i])
					}
				}
			}
		})
	}
}

func must32(t *testing.T, m *data.CSR) data.Matrix {
	t.Helper()
	x, err := data.ToFloat32(m)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func layoutName(m data.Matrix) string {
	switch m.(type) {
	case *data.Dense:
		return "Dense"
	case *data.Dense32:
		return "Dense32"
	case *data.CSR:
		return "CSR"
	case *data.CSR32:
		return "CSR32"
	}
	return "other"
}

// TestFloat32HessianKeepsOptimum fits a binary model by Newton on
// dense-ish CSR data whose values are not exact in float32, so that the
// Hessian passes read rounded data, and checks that the optimum is the
// float64 problem's: the same coefficients as the fit on the Dense
// matrix, to 1e-9.
func TestFloat32HessianKeepsOptimum(t *testing.T) {
	csr := sparseRandom(500, 12, 0.7, 6)
	dense := data.ToDense(csr)
	rng := rand.New(rand.NewPCG(7, 7))
	y := make([]int, 500)
	for i := range y {
		row := dense.Row(i)
		if row[0]+0.5*row[1]-row[2]+rng.NormFloat64() > 0 {
			y[i] = 1
		}
	}
	cfg := Logistic{Solver: Newton, Tol: 1e-12, MaxIter: 1000}
	if _, hx := trainingLayout(csr, false, true); vec.Accelerated() && layoutName(hx) != "Dense32" {
		t.Fatalf("the test expects a float32 Hessian copy, got %s", layoutName(hx))
	}
	a, err := cfg.Fit(t.Context(), csr, y, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := cfg.Fit(t.Context(), dense, y, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Result.Converged {
		t.Fatalf("CSR fit: %v", a.Result.Status)
	}
	if d := relDiff(a.Coef, b.Coef); d > 1e-9 {
		t.Errorf("coefficients differ from the Dense fit by %.3g relative", d)
	}
	if d := math.Abs(a.Result.F-b.Result.F) / b.Result.F; d > 1e-14 {
		t.Errorf("objective %v, Dense %v", a.Result.F, b.Result.F)
	}
}

// TestRowPassMatchesChunkPass compares the row-by-row passes of a binary
// model over Dense data with the chunked ones: objective, gradient,
// curvatures and a Hessian-vector product.
func TestRowPassMatchesChunkPass(t *testing.T) {
	if !vec.Accelerated() {
		t.Skip("no row-by-row pass without the vector kernels")
	}
	dense, y3, sw := synthetic(300, 7, 3, 8)
	o := testProblem(t, Logistic{}, false, dense, binaryLabels(y3), sw, 1)
	if !o.rowPass || !o.hRowPass {
		t.Fatal("the test expects the row-by-row passes")
	}
	theta := make([]float64, o.Dim())
	for i := range theta {
		theta[i] = 0.1 * float64(i%5-2)
	}
	run := func(rows bool) (f float64, g, curv, hv []float64) {
		o.rowPass, o.hRowPass = rows, rows
		g = make([]float64, o.Dim())
		f = o.ValueGrad(g, theta)
		curv = append([]float64(nil), o.curv...)
		hv = make([]float64, o.Dim())
		o.HessVec(hv, g)
		return f, g, curv, hv
	}
	f1, g1, c1, h1 := run(true)
	f2, g2, c2, h2 := run(false)
	if math.Abs(f1-f2) > 1e-13*math.Abs(f2) {
		t.Errorf("objective %v, chunked %v", f1, f2)
	}
	for _, v := range []struct {
		name string
		a, b []float64
	}{{"gradient", g1, g2}, {"curvatures", c1, c2}, {"HessVec", h1, h2}} {
		if d := relDiff(v.a, v.b); d > 1e-12 {
			t.Errorf("%s differs by %.3g relative", v.name, d)
		}
	}
}
