package linear

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/internal/numtest"
)

// testProblem builds the training problem Fit would build for cfg on
// (x, y, sw), for the binary problem of class cls.
func testProblem(t testing.TB, cfg Logistic, multi bool, x data.Matrix, y []int, sw []float64, cls int) *problem {
	t.Helper()
	set, err := resolve(cfg, multi)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := newTrainer(set, multi, x, y, sw, false)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Standardize {
		_, sparse := x.(*data.CSR)
		_, sparse32 := x.(*data.CSR32)
		tr.mu, tr.inv = columnStats(x, !sparse && !sparse32 && !cfg.NoIntercept)
		tr.prob.mu, tr.prob.inv = tr.mu, tr.inv
	}
	tr.setup(cls)
	return tr.prob
}

// binaryLabels maps classes to {0, 1}: class 0 is negative.
func binaryLabels(y []int) []int {
	out := make([]int, len(y))
	for i, v := range y {
		if v > 0 {
			out[i] = 1
		}
	}
	return out
}

type gradCase struct {
	name  string
	multi bool
	y     []int
	cls   int
}

// TestGradientAndHessian checks, by central differences, the gradient of
// every model, penalty (the smooth part for L1 and elastic-net: the L1 term
// belongs to the solver), weighting and data layout, the Hessian-vector
// product against differences of gradients, the Hessian diagonal against
// Hessian-vector products with unit vectors, and the full-batch estimate of
// BatchValueGrad against ValueGrad.
func TestGradientAndHessian(t *testing.T) { eachLayoutRule(t, testGradientAndHessian) }

func testGradientAndHessian(t *testing.T) {
	dense, y3, sw := synthetic(60, 4, 3, 1)
	// Shift and scale the features so that standardization is not the
	// identity.
	raw := dense.RawData()
	for i := range raw {
		raw[i] = raw[i]*float64(1+i%4) + float64(i%4) - 1
	}
	y2 := binaryLabels(y3)
	models := []gradCase{
		{"binary", false, y2, 1},
		{"multinomial", true, y3, 0},
		{"ovr class 0", false, y3, 0},
		{"ovr class 2", false, y3, 2},
	}
	penalties := []struct {
		name string
		cfg  Logistic
	}{
		{"L2", Logistic{C: 0.7}},
		{"L1 smooth part", Logistic{C: 0.7, Penalty: L1}},
		{"elastic-net", Logistic{C: 0.7, Penalty: ElasticNet, L1Ratio: 0.3}},
		{"none", Logistic{C: 0.7, Penalty: NoPenalty}},
		{"L2 penalized intercept", Logistic{C: 0.7, PenalizeIntercept: true}},
		{"L2 no intercept", Logistic{C: 0.7, NoIntercept: true}},
	}
	weightings := []struct {
		name   string
		cfg    Logistic
		sw     bool
		binary bool // not for Softmax
	}{
		{"unweighted", Logistic{}, false, false},
		{"sample", Logistic{}, true, false},
		{"class", Logistic{ClassWeight: []float64{0.5, 2, 1.5}}, false, false},
		{"balanced", Logistic{BalancedClassWeight: true}, false, false},
		{"pos_weight", Logistic{PosWeight: 3}, false, true},
		{"label smoothing", Logistic{LabelSmoothing: 0.1}, false, false},
		{"standardized", Logistic{Standardize: true}, false, false},
		{"all", Logistic{ClassWeight: []float64{0.5, 2, 1.5}, LabelSmoothing: 0.2, Standardize: true}, true, false},
	}
	for _, lay := range layouts(t, dense) {
		for _, mc := range models {
			for _, pc := range penalties {
				for _, wc := range weightings {
					if wc.binary && mc.multi {
						continue
					}
					name := lay.name + "/" + mc.name + "/" + pc.name + "/" + wc.name
					t.Run(name, func(t *testing.T) {
						cfg := pc.cfg
						cfg.ClassWeight, cfg.BalancedClassWeight = wc.cfg.ClassWeight, wc.cfg.BalancedClassWeight
						cfg.PosWeight, cfg.LabelSmoothing, cfg.Standardize = wc.cfg.PosWeight, wc.cfg.LabelSmoothing, wc.cfg.Standardize
						if cfg.ClassWeight != nil && !mc.multi && mc.name == "binary" {
							cfg.ClassWeight = cfg.ClassWeight[:2]
						}
						var w []float64
						if wc.sw {
							w = sw
						}
						o := testProblem(t, cfg, mc.multi, lay.x, mc.y, w, mc.cls)
						checkDerivatives(t, o)
					})
				}
			}
		}
	}
}

func checkDerivatives(t *testing.T, o *problem) {
	t.Helper()
	n := o.Dim()
	rng := rand.New(rand.NewPCG(3, 3))
	theta, v := make([]float64, n), make([]float64, n)
	for i := range theta {
		theta[i] = 0.5 * rng.NormFloat64()
		v[i] = rng.NormFloat64()
	}
	grad := make([]float64, n)
	f := o.ValueGrad(grad, theta)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		t.Fatalf("f = %v", f)
	}
	fd := numtest.CentralDiff(func(x []float64) float64 { return o.ValueGrad(nil, x) }, theta, 1e-6)
	scale := math.Max(maxAbs(grad), 1)
	if m := numtest.Mismatch(grad, fd, 1e-6, 1e-6*scale); m != "" {
		t.Errorf("gradient vs central differences: %s", m)
	}

	// HessVec at theta against (∇f(θ+hv) − ∇f(θ−hv)) / 2h.
	o.ValueGrad(grad, theta)
	hv := make([]float64, n)
	o.HessVec(hv, v)
	const h = 1e-5
	plus, minus := make([]float64, n), make([]float64, n)
	gp, gm := make([]float64, n), make([]float64, n)
	for i := range theta {
		plus[i], minus[i] = theta[i]+h*v[i], theta[i]-h*v[i]
	}
	o.ValueGrad(gp, plus)
	o.ValueGrad(gm, minus)
	want := make([]float64, n)
	for i := range want {
		want[i] = (gp[i] - gm[i]) / (2 * h)
	}
	if m := numtest.Mismatch(hv, want, 1e-5, 1e-5*math.Max(maxAbs(want), 1)); m != "" {
		t.Errorf("HessVec vs gradient differences: %s", m)
	}

	// HessDiag against eⱼᵀ H eⱼ, at theta again.
	o.ValueGrad(grad, theta)
	diag := make([]float64, n)
	o.HessDiag(diag)
	e, he := make([]float64, n), make([]float64, n)
	for j := range e {
		e[j] = 1
		o.HessVec(he, e)
		e[j] = 0
		if !numtest.Close(diag[j], he[j], 1e-10, 1e-12) {
			t.Errorf("HessDiag[%d] = %.17g, eⱼᵀHeⱼ = %.17g", j, diag[j], he[j])
		}
	}

	// A batch of all rows is the full objective.
	idx := make([]int, o.n)
	for i := range idx {
		idx[i] = i
	}
	bg := make([]float64, n)
	bf := o.BatchValueGrad(bg, theta, idx)
	f = o.ValueGrad(grad, theta)
	if !numtest.Close(bf, f, 1e-12, 0) {
		t.Errorf("BatchValueGrad over all rows = %.17g, ValueGrad = %.17g", bf, f)
	}
	if m := numtest.Mismatch(bg, grad, 1e-10, 1e-12*scale); m != "" {
		t.Errorf("BatchValueGrad gradient: %s", m)
	}
}

// TestBinaryLossTails checks binaryLoss against the direct formulas where
// they are accurate and its finiteness far in both tails.
func TestBinaryLossTails(t *testing.T) {
	for _, tt := range []struct {
		a, c, z float64
	}{
		{1, 0, 0}, {0, 1, 0}, {1, 0, 3}, {0, 1, -3}, {2, 0.5, 1.5}, {2, 0.5, -1.5},
		{1, 0, 800}, {1, 0, -800}, {0, 1, 800}, {0, 1, -800}, {1, 1, 40},
	} {
		l, d, h := binaryLoss(tt.a, tt.c, tt.z)
		sp := func(x float64) float64 { return math.Max(x, 0) + math.Log1p(math.Exp(-math.Abs(x))) }
		sig := func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
		wl := tt.a*sp(-tt.z) + tt.c*sp(tt.z)
		wd := tt.c*sig(tt.z) - tt.a*sig(-tt.z)
		wh := (tt.a + tt.c) * sig(tt.z) * sig(-tt.z)
		if !numtest.Close(l, wl, 1e-14, 1e-300) || !numtest.Close(d, wd, 1e-14, 1e-300) || !numtest.Close(h, wh, 1e-13, 1e-300) {
			t.Errorf("binaryLoss(%v, %v, %v) = %v, %v, %v; want %v, %v, %v", tt.a, tt.c, tt.z, l, d, h, wl, wd, wh)
		}
	}
}

// TestBinaryLossLog1p checks that the loss binaryLoss computes from
// math.Log with Goldberg's correction stays within 4 ulp of one built on
// math.Log1p, over margins from 1e-300 to 745 of both signs (the whole range
// where exp(−|z|) is positive) and at the points where 1 + e rounds.
func TestBinaryLossLog1p(t *testing.T) {
	var zs []float64
	for z := 1e-300; z < 745; z *= 1.01 {
		zs = append(zs, z, -z)
	}
	for _, e := range []float64{0x1p-52, 0x1p-53, 0x1p-54, 1.5 * 0x1p-53, 1e-10} {
		zs = append(zs, -math.Log(e), math.Log(e))
	}
	for _, z := range zs {
		for _, ac := range [][2]float64{{1, 0}, {0, 1}, {0.3, 2}} {
			got, _, _ := binaryLoss(ac[0], ac[1], z)
			l := math.Log1p(math.Exp(-math.Abs(z)))
			want := ac[0]*(l+max(-z, 0)) + ac[1]*(l+max(z, 0))
			if math.Abs(got-want) > 4*0x1p-52*math.Abs(want) {
				t.Fatalf("binaryLoss(%v, %v, %v) = %v, want %v (log1p)", ac[0], ac[1], z, got, want)
			}
		}
	}
}

// TestRowPassLoss checks the loss of the binary pass by blocks of rows
// (vgRows, which takes the logarithms of 64 rows at once where the rows'
// weights are equal) against the pass by chunks (one log1p per row,
// binaryLoss) within 1e-14 relative: at mixed margins, at margins so
// large that every row's loss is near 1e-10 (a product of the rounded
// 1+e would keep six digits of it), and at zero, with equal and unequal
// weights, over 203 rows (full groups, a partial group, a partial block).
func TestRowPassLoss(t *testing.T) {
	const n, p = 203, 5
	rng := rand.New(rand.NewPCG(5, 6))
	x := make([]float64, n*p)
	y := make([]int, n)
	for i := range n {
		// Feature 0 is ±1 and decides the label, so that θ = (30, 0, …)
		// makes every margin ±30 and every row's loss about 1e-13.
		x[i*p] = float64(1 - 2*(i%2))
		y[i] = 1 - i%2
		for j := 1; j < p; j++ {
			x[i*p+j] = rng.NormFloat64()
		}
	}
	dense, err := data.NewDense(n, p, x)
	if err != nil {
		t.Fatal(err)
	}
	same := make([]float64, n)
	mixed := make([]float64, n)
	for i := range same {
		same[i], mixed[i] = 2.5, float64(1+i%3)
	}
	for _, wc := range []struct {
		name string
		cfg  Logistic
		sw   []float64
		same bool
	}{
		{"unweighted", Logistic{}, nil, true},
		{"sample weights all 2.5", Logistic{}, same, true},
		{"label smoothing", Logistic{LabelSmoothing: 0.1}, nil, true},
		{"sample weights 1, 2, 3", Logistic{}, mixed, false},
		{"class weights", Logistic{ClassWeight: []float64{0.5, 2}}, nil, false},
	} {
		cfg := wc.cfg
		cfg.Penalty = NoPenalty // f is the losses alone, without ½‖w‖²
		o := testProblem(t, cfg, false, dense, y, wc.sw, 1)
		if o.sameWeight != wc.same {
			t.Fatalf("%s: sameWeight %v, want %v", wc.name, o.sameWeight, wc.same)
		}
		if !o.rowPass {
			t.Skip("no pass by blocks of rows without the vector kernels")
		}
		theta := make([]float64, o.Dim())
		g := make([]float64, o.Dim())
		for _, tc := range []struct {
			name string
			set  func(j int) float64
		}{
			{"zero", func(int) float64 { return 0 }},
			{"mixed", func(j int) float64 { return 0.3 * float64(j%3-1) }},
			{"confident", func(j int) float64 { return 30 * float64(min(1, 1-min(j, 1))) }},
		} {
			for j := range theta {
				theta[j] = tc.set(j)
			}
			got, want := o.ValueGrad(g, theta), o.ValueGrad(nil, theta)
			if !numtest.Close(got, want, 1e-14, 0) {
				t.Errorf("%s, %s margins: row pass %.17g, chunk pass %.17g", wc.name, tc.name, got, want)
			}
		}
	}
}

// TestNoAllocations checks that the evaluations allocate nothing once the
// workspaces exist (at GOMAXPROCS = 1; parallel runs allocate for their
// goroutines), and that PredictProba with a buffer allocates nothing. Under
// -race the float32 layouts' pooled buffers may be dropped, so the counts
// are only logged for them.
func TestNoAllocations(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	dense, y3, sw := synthetic(3000, 8, 3, 2)
	for _, lay := range layouts(t, dense) {
		for _, mc := range []gradCase{{"binary", false, binaryLabels(y3), 1}, {"multinomial", true, y3, 0}} {
			t.Run(lay.name+"/"+mc.name, func(t *testing.T) {
				o := testProblem(t, Logistic{Standardize: true}, mc.multi, lay.x, mc.y, sw, mc.cls)
				n := o.Dim()
				theta, g, hv := make([]float64, n), make([]float64, n), make([]float64, n)
				idx := []int{5, 17, 2999}
				o.ValueGrad(g, theta)
				o.HessVec(hv, g)
				o.HessDiag(hv)
				o.BatchValueGrad(g, theta, idx)
				if a := testing.AllocsPerRun(10, func() {
					o.ValueGrad(g, theta)
					o.ValueGrad(nil, theta)
					o.HessVec(hv, g)
					o.HessDiag(hv)
					o.BatchValueGrad(g, theta, idx)
				}); a != 0 {
					report(t, lay.x, "%v allocations per evaluation, want 0", a)
				}
				m := &Model{Kind: Binary, Coef: make([]float64, 8), Intercept: []float64{0.5}}
				if mc.multi {
					m = &Model{Kind: Multinomial, NumClasses: 3, Coef: make([]float64, 24), Intercept: make([]float64, 3)}
				}
				dst := make([]float64, 3000*m.Classes())
				if a := testing.AllocsPerRun(10, func() {
					if _, err := m.PredictProba(dst, lay.x); err != nil {
						t.Fatal(err)
					}
				}); a != 0 {
					report(t, lay.x, "PredictProba: %v allocations, want 0", a)
				}
			})
		}
	}
}

// report fails the test, or only logs under -race for a float32 layout.
func report(t *testing.T, x data.Matrix, format string, args ...any) {
	t.Helper()
	switch x.(type) {
	case *data.Dense32, *data.CSR32:
		if raceEnabled {
			t.Logf(format, args...)
			return
		}
	}
	t.Errorf(format, args...)
}

// TestPrecondition checks the preconditioner of TrustRegionNewton: M·M⁻¹ = I,
// M symmetric, and, with an unpenalized intercept, that its coordinates
// decouple each intercept from its class's coefficients in the Hessian and
// that its diagonal there is LIBLINEAR's mix of the Hessian's; otherwise M
// is the mix of HessDiag.
func TestPrecondition(t *testing.T) {
	x0, y, sw := synthetic(80, 4, 3, 11)
	n, p := x0.Dims()
	raw := make([]float64, n*p)
	for i := range n {
		for j, v := range x0.Row(i) {
			raw[i*p+j] = v + float64(3+j) // uncentered features
		}
	}
	x, err := data.NewDense(n, p, raw)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		cfg   Logistic
		multi bool
	}{
		{"binary", Logistic{C: 2}, false},
		{"multinomial", Logistic{C: 2}, true},
		{"multinomial/no-intercept", Logistic{C: 2, NoIntercept: true}, true},
		{"multinomial/penalized-intercept", Logistic{C: 2, PenalizeIntercept: true}, true},
		{"multinomial/standardize", Logistic{C: 2, Standardize: true}, true},
		{"binary/standardize", Logistic{C: 0.5, Standardize: true}, false},
	}
	mix := func(v float64) float64 { return (1 - pcgWeight) + pcgWeight*v }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := testProblem(t, tt.cfg, tt.multi, x, y, sw, 1)
			dim := o.Dim()
			rng := rand.New(rand.NewPCG(5, 5))
			theta := make([]float64, dim)
			for i := range theta {
				theta[i] = 0.3 * rng.NormFloat64()
			}
			g := make([]float64, dim)
			o.ValueGrad(g, theta)
			if !o.Precondition() {
				t.Fatal("Precondition reported none")
			}
			u, v, mv, back := make([]float64, dim), make([]float64, dim), make([]float64, dim), make([]float64, dim)
			for i := range u {
				u[i], v[i] = rng.NormFloat64(), rng.NormFloat64()
			}
			o.PrecondMul(mv, v)
			o.PrecondSolve(back, mv)
			if s := numtest.Mismatch(back, v, 1e-10, 1e-12); s != "" {
				t.Errorf("M⁻¹·M·v ≠ v: %s", s)
			}
			mu := make([]float64, dim)
			o.PrecondMul(mu, u)
			if a, b := dot(u, mv), dot(v, mu); !numtest.Close(a, b, 1e-12, 0) {
				t.Errorf("uᵀMv = %v, vᵀMu = %v", a, b)
			}
			center := o.fitB && !o.penB
			if center != (o.pcMu != nil) {
				t.Fatalf("centering %v, want %v", o.pcMu != nil, center)
			}
			hd := make([]float64, dim)
			o.HessDiag(hd)
			e, he := make([]float64, dim), make([]float64, dim)
			for i := range dim {
				// With centering the coordinate direction i of θ' is
				// e_i − μ_i·e_b(c) for a coefficient of class c.
				clear(e)
				e[i] = 1
				want := mix(hd[i])
				if center && i < o.nc {
					c := i / o.p
					e[o.nc+c] = -o.pcMu[i]
					o.HessVec(he, e)
					want = mix(dot(e, he))
					if h := he[o.nc+c]; math.Abs(h) > 1e-9*math.Abs(hd[o.nc+c]) {
						t.Errorf("coefficient %d: coupling %v with its intercept after centering", i, h)
					}
				}
				o.PrecondMul(mv, e)
				if got := dot(e, mv); !numtest.Close(got, want, 1e-9, 1e-12) {
					t.Errorf("direction %d: M = %v, want %v", i, got, want)
				}
			}
		})
	}
}

// TestPreconditionSample checks that above pcSampleRows rows the
// preconditioner's sums come from a sample of the rows, scaled to all of
// them: close to the full pass's (the rows are independent draws), not
// equal to them, and the exact pass still serves HessDiag.
func TestPreconditionSample(t *testing.T) {
	x, y, sw := synthetic(5*pcSampleRows, 4, 3, 13)
	for _, multi := range []bool{false, true} {
		t.Run(fmt.Sprintf("multi=%v", multi), func(t *testing.T) {
			yy := y
			if !multi {
				yy = make([]int, len(y))
				for i, v := range y {
					yy[i] = min(v, 1)
				}
			}
			o := testProblem(t, Logistic{C: 1}, multi, x, yy, sw, 1)
			theta := make([]float64, o.Dim())
			for i := range theta {
				theta[i] = 0.1 * float64(i%5-2)
			}
			o.ValueGrad(make([]float64, o.Dim()), theta)
			full := slices.Clone(o.diagPass(true, false))
			sampled := slices.Clone(o.diagPass(true, true))
			if slices.Equal(full, sampled) {
				t.Fatal("the sampled pass read every row")
			}
			for i, v := range full {
				if !numtest.Close(sampled[i], v, 0.03, 0.01*full[len(full)-1]) {
					t.Errorf("sum %d: sampled %v, full %v", i, sampled[i], v)
				}
			}
			hd := make([]float64, o.Dim())
			o.HessDiag(hd)
			if d := full[len(full)-1]; !numtest.Close(hd[len(hd)-1], d, 1e-12, 0) {
				t.Errorf("HessDiag's intercept %v, want the full pass's %v", hd[len(hd)-1], d)
			}
		})
	}
}
