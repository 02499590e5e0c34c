package special

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/xent-ml/xent/internal/golden"
	"github.com/xent-ml/xent/internal/numtest"
)

var (
	inf = math.Inf(1)
	nan = math.NaN()
)

// same reports whether a and b are equal, NaN equal to NaN.
func same(a, b float64) bool { return a == b || (a != a && b != b) }

func sameSlice(a, b []float64) bool { return slices.EqualFunc(a, b, same) }

func TestScalarSpecialCases(t *testing.T) {
	tests := []struct {
		name string
		f    func(float64) float64
		x    float64
		want float64
	}{
		{"Sigmoid(+Inf)", Sigmoid, inf, 1},
		{"Sigmoid(-Inf)", Sigmoid, -inf, 0},
		{"Sigmoid(NaN)", Sigmoid, nan, nan},
		{"Sigmoid(0)", Sigmoid, 0, 0.5},
		{"Sigmoid(1e4)", Sigmoid, 1e4, 1},
		{"Sigmoid(-1e4)", Sigmoid, -1e4, 0},
		{"Sigmoid(-1e300)", Sigmoid, -1e300, 0},
		{"SigmoidDeriv(+Inf)", SigmoidDeriv, inf, 0},
		{"SigmoidDeriv(-Inf)", SigmoidDeriv, -inf, 0},
		{"SigmoidDeriv(NaN)", SigmoidDeriv, nan, nan},
		{"SigmoidDeriv(0)", SigmoidDeriv, 0, 0.25},
		{"Softplus(+Inf)", Softplus, inf, inf},
		{"Softplus(-Inf)", Softplus, -inf, 0},
		{"Softplus(NaN)", Softplus, nan, nan},
		{"Softplus(0)", Softplus, 0, math.Ln2},
		{"Softplus(1e4)", Softplus, 1e4, 1e4},
		{"Softplus(-1e4)", Softplus, -1e4, 0},
		{"Softplus(1e300)", Softplus, 1e300, 1e300},
		{"Softplus(-1e300)", Softplus, -1e300, 0},
		{"Softplus(MaxFloat64)", Softplus, math.MaxFloat64, math.MaxFloat64},
		{"SoftplusDeriv(+Inf)", SoftplusDeriv, inf, 1},
		{"SoftplusDeriv(-Inf)", SoftplusDeriv, -inf, 0},
		{"SoftplusDeriv(NaN)", SoftplusDeriv, nan, nan},
		{"LogSigmoid(+Inf)", LogSigmoid, inf, 0},
		{"LogSigmoid(-Inf)", LogSigmoid, -inf, -inf},
		{"LogSigmoid(NaN)", LogSigmoid, nan, nan},
		{"LogSigmoid(-1e4)", LogSigmoid, -1e4, -1e4},
		{"LogSigmoid(-1e300)", LogSigmoid, -1e300, -1e300},
		{"LogSigmoid(1e4)", LogSigmoid, 1e4, 0},
		{"LogSigmoidDeriv(+Inf)", LogSigmoidDeriv, inf, 0},
		{"LogSigmoidDeriv(-Inf)", LogSigmoidDeriv, -inf, 1},
		{"LogSigmoidDeriv(NaN)", LogSigmoidDeriv, nan, nan},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f(tt.x); !same(got, tt.want) {
				t.Errorf("%s = %v, want %v", tt.name, got, tt.want)
			}
		})
	}
}

func TestRowSpecialCases(t *testing.T) {
	tests := []struct {
		name               string
		x                  []float64
		lse                float64
		softmax, logsoftmx []float64
	}{
		{"empty", []float64{}, -inf, []float64{}, []float64{}},
		{"one entry", []float64{3}, 3, []float64{1}, []float64{0}},
		{"NaN first", []float64{nan, 1, 2}, nan, []float64{nan, nan, nan}, []float64{nan, nan, nan}},
		{"NaN later", []float64{1, nan, 2}, nan, []float64{nan, nan, nan}, []float64{nan, nan, nan}},
		{"NaN with +Inf", []float64{inf, nan}, nan, []float64{nan, nan}, []float64{nan, nan}},
		{"NaN with -Inf", []float64{-inf, nan}, nan, []float64{nan, nan}, []float64{nan, nan}},
		{"one +Inf", []float64{1, inf, -inf}, inf, []float64{0, 1, 0}, []float64{-inf, 0, -inf}},
		{"two +Inf", []float64{inf, 1, inf}, inf, []float64{nan, 0, nan}, []float64{nan, -inf, nan}},
		{"all -Inf", []float64{-inf, -inf}, -inf, []float64{nan, nan}, []float64{nan, nan}},
		{"single -Inf", []float64{-inf}, -inf, []float64{nan}, []float64{nan}},
		{"some -Inf", []float64{-inf, 0, 0}, math.Ln2, []float64{0, 0.5, 0.5}, []float64{-inf, -math.Ln2, -math.Ln2}},
		{"equal huge", []float64{1e308, 1e308}, 1e308, []float64{0.5, 0.5}, []float64{-math.Ln2, -math.Ln2}},
		{"spread 1e300", []float64{-1e300, 1e300}, 1e300, []float64{0, 1}, []float64{-2e300, 0}},
		{"MaxFloat64 pair", []float64{-math.MaxFloat64, math.MaxFloat64}, math.MaxFloat64, []float64{0, 1}, []float64{-inf, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LogSumExp(tt.x); !same(got, tt.lse) {
				t.Errorf("LogSumExp(%v) = %v, want %v", tt.x, got, tt.lse)
			}
			if got := Softmax(nil, tt.x); !sameSlice(got, tt.softmax) {
				t.Errorf("Softmax(%v) = %v, want %v", tt.x, got, tt.softmax)
			}
			if got := LogSoftmax(nil, tt.x); !sameSlice(got, tt.logsoftmx) {
				t.Errorf("LogSoftmax(%v) = %v, want %v", tt.x, got, tt.logsoftmx)
			}
		})
	}
}

func TestAliasAndRows(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const n, c = 5, 7
	x := make([]float64, n*c)
	for i := range x {
		x[i] = r.NormFloat64() * 5
	}
	for _, tt := range []struct {
		name string
		row  func(dst, x []float64) []float64
		rows func(dst, x []float64, n, c int) []float64
	}{
		{"Softmax", Softmax, SoftmaxRows},
		{"LogSoftmax", LogSoftmax, LogSoftmaxRows},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want := make([]float64, n*c)
			for i := range n {
				tt.row(want[i*c:(i+1)*c], x[i*c:(i+1)*c])
			}
			if got := tt.rows(nil, x, n, c); !slices.Equal(got, want) {
				t.Errorf("%sRows = %v, want %v", tt.name, got, want)
			}
			inPlace := slices.Clone(x)
			tt.rows(inPlace, inPlace, n, c)
			if !slices.Equal(inPlace, want) {
				t.Errorf("%sRows in place = %v, want %v", tt.name, inPlace, want)
			}
		})
	}
	lse := LogSumExpRows(nil, x, n, c)
	for i := range n {
		if want := LogSumExp(x[i*c : (i+1)*c]); lse[i] != want {
			t.Errorf("LogSumExpRows[%d] = %v, want %v", i, lse[i], want)
		}
	}
}

func TestPanicsOnLengthMismatch(t *testing.T) {
	for _, tt := range []struct {
		name string
		f    func()
	}{
		{"Softmax", func() { Softmax(make([]float64, 2), make([]float64, 3)) }},
		{"LogSoftmax", func() { LogSoftmax(make([]float64, 4), make([]float64, 3)) }},
		{"SoftmaxRows", func() { SoftmaxRows(nil, make([]float64, 5), 2, 3) }},
		{"LogSumExpRows", func() { LogSumExpRows(make([]float64, 1), make([]float64, 6), 2, 3) }},
		{"SoftmaxVJP", func() { SoftmaxVJP(nil, make([]float64, 2), make([]float64, 3)) }},
		{"LogSoftmaxVJP", func() { LogSoftmaxVJP(nil, make([]float64, 2), make([]float64, 3)) }},
		{"SigmoidVJP", func() { SigmoidVJP(nil, make([]float64, 2), make([]float64, 3)) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("%s did not panic on a length mismatch", tt.name)
				}
			}()
			tt.f()
		})
	}
}

// TestVJPFiniteDifferences checks each vector-Jacobian product against
// central differences of x ↦ Σ c_j f(x)_j.
func TestVJPFiniteDifferences(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for trial := range 20 {
		k := 1 + r.IntN(6)
		x := make([]float64, k)
		c := make([]float64, k)
		for j := range x {
			x[j] = r.NormFloat64() * 3
			c[j] = r.NormFloat64()
		}
		dot := func(f func([]float64) []float64) func([]float64) float64 {
			return func(x []float64) float64 {
				var s float64
				for j, v := range f(x) {
					s += c[j] * v
				}
				return s
			}
		}
		s := Softmax(nil, x)
		l := LogSoftmax(nil, x)
		for _, tt := range []struct {
			name string
			got  []float64
			f    func([]float64) float64
		}{
			{"SoftmaxVJP", SoftmaxVJP(nil, s, c), dot(func(x []float64) []float64 { return Softmax(nil, x) })},
			{"LogSoftmaxVJP", LogSoftmaxVJP(nil, l, c), dot(func(x []float64) []float64 { return LogSoftmax(nil, x) })},
			{"LogSumExpVJP", LogSumExpVJP(nil, x, c[0]), func(x []float64) float64 { return c[0] * LogSumExp(x) }},
			{"SigmoidVJP", SigmoidVJP(nil, x, c), dot(func(x []float64) []float64 {
				out := make([]float64, len(x))
				for j := range x {
					out[j] = Sigmoid(x[j])
				}
				return out
			})},
			{"SoftplusDeriv", func() []float64 {
				g := make([]float64, k)
				for j := range x {
					g[j] = c[j] * SoftplusDeriv(x[j])
				}
				return g
			}(), dot(func(x []float64) []float64 {
				out := make([]float64, len(x))
				for j := range x {
					out[j] = Softplus(x[j])
				}
				return out
			})},
			{"LogSigmoidDeriv", func() []float64 {
				g := make([]float64, k)
				for j := range x {
					g[j] = c[j] * LogSigmoidDeriv(x[j])
				}
				return g
			}(), dot(func(x []float64) []float64 {
				out := make([]float64, len(x))
				for j := range x {
					out[j] = LogSigmoid(x[j])
				}
				return out
			})},
		} {
			want := numtest.CentralDiff(tt.f, slices.Clone(x), 1e-6)
			if m := numtest.Mismatch(tt.got, want, 1e-6, 1e-8); m != "" {
				t.Errorf("trial %d: %s(x=%v): %s", trial, tt.name, x, m)
			}
		}
	}
}

func TestVJPAlias(t *testing.T) {
	x := []float64{0.3, -1.2, 2.5}
	c := []float64{1, -2, 0.5}
	s := Softmax(nil, x)
	want := SoftmaxVJP(nil, s, c)
	got := slices.Clone(c)
	if SoftmaxVJP(got, s, got); !slices.Equal(got, want) {
		t.Errorf("SoftmaxVJP aliasing c = %v, want %v", got, want)
	}
	l := LogSoftmax(nil, x)
	want = LogSoftmaxVJP(nil, l, c)
	got = slices.Clone(l)
	if LogSoftmaxVJP(got, got, c); !slices.Equal(got, want) {
		t.Errorf("LogSoftmaxVJP aliasing l = %v, want %v", got, want)
	}
}

func TestNoAllocations(t *testing.T) {
	x := []float64{0.1, 2, -3, 4, 0.5}
	c := []float64{1, 2, 3, 4, 5}
	dst := make([]float64, len(x))
	rows := make([]float64, 1)
	allocs := testing.AllocsPerRun(50, func() {
		LogSumExp(x)
		Softmax(dst, x)
		LogSoftmax(dst, x)
		SoftmaxVJP(dst, x, c)
		LogSoftmaxVJP(dst, x, c)
		LogSumExpVJP(dst, x, 2)
		SigmoidVJP(dst, x, c)
		SoftmaxRows(dst, x, 1, 5)
		LogSoftmaxRows(dst, x, 1, 5)
		LogSumExpRows(rows, x, 1, 5)
	})
	if allocs != 0 {
		t.Errorf("row primitives with destinations allocate %v times per call, want 0", allocs)
	}
}

// TestGoldenPrimitives checks the four primitives against every softmax,
// log_softmax, logsumexp and sigmoid case of losses.json; the loss package's
// parity test runs them too, with the losses.
func TestGoldenPrimitives(t *testing.T) {
	cases, err := golden.Losses()
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, gc := range cases {
		var loss, grad []float64
		x := gc.Input.Floats
		c := 1
		if len(gc.Input.Shape) > 0 {
			c = gc.Input.Shape[len(gc.Input.Shape)-1]
		}
		var cot []float64
		if gc.Cotangent != nil {
			cot = gc.Cotangent.Floats
		}
		switch gc.Fn {
		case "softmax":
			loss = SoftmaxRows(nil, x, len(x)/c, c)
			grad = make([]float64, len(x))
			for i := 0; i < len(x); i += c {
				SoftmaxVJP(grad[i:i+c], loss[i:i+c], cot[i:i+c])
			}
		case "log_softmax":
			loss = LogSoftmaxRows(nil, x, len(x)/c, c)
			grad = make([]float64, len(x))
			for i := 0; i < len(x); i += c {
				LogSoftmaxVJP(grad[i:i+c], loss[i:i+c], cot[i:i+c])
			}
		case "logsumexp":
			loss = LogSumExpRows(nil, x, len(x)/c, c)
			grad = make([]float64, len(x))
			for i := 0; i < len(x); i += c {
				LogSumExpVJP(grad[i:i+c], x[i:i+c], cot[i/c])
			}
		case "sigmoid":
			loss = make([]float64, len(x))
			for i, v := range x {
				loss[i] = Sigmoid(v)
			}
			grad = SigmoidVJP(nil, x, cot)
		default:
			continue
		}
		ran++
		t.Run(gc.ID, func(t *testing.T) {
			if m := numtest.Mismatch(loss, gc.Loss.Floats, numtest.RelTol, numtest.AbsTol); m != "" {
				t.Errorf("%s: output%s", gc.Fn, m)
			}
			if m := numtest.Mismatch(grad, gc.GradInput.Floats, numtest.RelTol, numtest.AbsTol); m != "" {
				t.Errorf("%s: grad%s", gc.Fn, m)
			}
		})
	}
	if ran == 0 {
		t.Fatal("losses.json holds no primitive case")
	}
}

func ExampleSoftplus() {
	for _, x := range []float64{-1e4, -1, 0, 1, 1e4} {
		fmt.Printf("Softplus(%g) = %.6g\n", x, Softplus(x))
	}
	// Output:
	// Softplus(-10000) = 0
	// Softplus(-1) = 0.313262
	// Softplus(0) = 0.693147
	// Softplus(1) = 1.31326
	// Softplus(10000) = 10000
}

func ExampleLogSigmoid() {
	fmt.Printf("%.6g %.6g %.6g\n", LogSigmoid(-1e300), LogSigmoid(0), LogSigmoid(40))
	// Output: -1e+300 -0.693147 -4.24835e-18
}

func ExampleLogSumExp() {
	fmt.Printf("%.6g\n", LogSumExp([]float64{1000, 1000}))
	fmt.Printf("%.6g\n", LogSumExp([]float64{-1e4, 0, 1e4}))
	// Output:
	// 1000.69
	// 10000
}

func ExampleSoftmax() {
	x := []float64{1, 2, 3}
	Softmax(x, x) // in place
	fmt.Printf("%.4f\n", x)
	// Output: [0.0900 0.2447 0.6652]
}

func ExampleLogSoftmax() {
	fmt.Printf("%.4f\n", LogSoftmax(nil, []float64{0, 0, 1e4}))
	// Output: [-10000.0000 -10000.0000 0.0000]
}

func ExampleSoftmaxRows() {
	logits := []float64{
		0, 0,
		1e4, -1e4,
	}
	fmt.Printf("%.3g\n", SoftmaxRows(nil, logits, 2, 2))
	// Output: [0.5 0.5 1 0]
}

func ExampleSoftmaxVJP() {
	s := Softmax(nil, []float64{0, 0})
	// Gradient of s_0 with respect to the logits.
	fmt.Println(SoftmaxVJP(nil, s, []float64{1, 0}))
	// Output: [0.25 -0.25]
}
