package calibrate

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"testing"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/internal/numtest"
	"github.com/xent-ml/xent/special"
)

// nll returns the weighted mean negative log-likelihood of y under probs.
func nll(probs []float64, k int, y []int, w []float64) float64 {
	s, sw := 0.0, 0.0
	for i, c := range y {
		wi := weight(w, i)
		s += -wi * math.Log(probs[i*k+c])
		sw += wi
	}
	return s / sw
}

func parse(t testing.TB, s ...string) []float64 {
	t.Helper()
	v := make([]float64, len(s))
	for i, x := range s {
		var err error
		if v[i], err = strconv.ParseFloat(x, 64); err != nil {
			t.Fatal(err)
		}
	}
	return v
}

// binaryData is the 60-sample binary example of the scikit-learn references:
// p_i = ((37 i mod 101) + 0.5)/102, y_i = 1 when (53 i mod 100)/100 < p_i^1.5,
// w_i = 1 + (i mod 3)/2 (all computed identically in Python).
func binaryData() (probs []float64, y []int, w []float64) {
	const n = 60
	probs = make([]float64, 2*n)
	y = make([]int, n)
	w = make([]float64, n)
	for i := range n {
		p := (float64((i*37)%101) + 0.5) / 102
		probs[2*i], probs[2*i+1] = 1-p, p
		if float64((i*53)%100)/100 < math.Pow(p, 1.5) {
			y[i] = 1
		}
		w[i] = 1 + float64(i%3)/2
	}
	return probs, y, w
}

// threeClass is the 45×3 example: r_ij = (31 i + 17 j) mod 23 + 1, p_ij =
// r_ij / Σ_j r_ij, y_i = argmax_j p_ij unless i mod 4 = 0, then 7 i mod 3;
// w_i = 1 + (i mod 3)/2.
func threeClass() (probs []float64, y []int, w []float64) {
	const n, k = 45, 3
	probs = make([]float64, n*k)
	y = make([]int, n)
	w = make([]float64, n)
	for i := range n {
		var r [k]float64
		s := 0.0
		for j := range k {
			r[j] = float64((i*31+j*17)%23 + 1)
			s += r[j]
		}
		best := 0
		for j := range k {
			probs[i*k+j] = r[j] / s
			if r[j] > r[best] {
				best = j
			}
		}
		y[i] = best
		if i%4 == 0 {
			y[i] = (i * 7) % 3
		}
		w[i] = 1 + float64(i%3)/2
	}
	return probs, y, w
}

func TestBinaryDataLabels(t *testing.T) {
	// The labels the Python script printed, to catch a drift in the
	// generator that would invalidate the references.
	want := []int{1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1}
	if _, y, _ := binaryData(); !reflect.DeepEqual(y, want) {
		t.Fatalf("labels %v, want %v", y, want)
	}
}

// softLabels expands each row of q (n×k true probabilities) into k samples,
// one per class, weighted by q: the weighted NLL is then the expected NLL
// under q, minimized exactly by the calibration that maps probs to q.
func softLabels(probs, q []float64, n, k int) (p2 []float64, y []int, w []float64) {
	for i := range n {
		for c := range k {
			p2 = append(p2, probs[i*k:(i+1)*k]...)
			y = append(y, c)
			w = append(w, q[i*k+c])
		}
	}
	return p2, y, w
}

func TestTemperatureRecoversT(t *testing.T) {
	const n, k = 200, 4
	r := rand.New(rand.NewPCG(3, 4))
	// True probabilities q = softmax(z); the model reports softmax(s·z),
	// too confident for s > 1 and too timid for s < 1. Temperature T maps
	// it to softmax(s·z/T), so T = s recovers q exactly. With every class
	// of each row as a sample weighted by q, the weighted NLL is the
	// expected NLL under q, minimized exactly there.
	for _, s := range []float64{0.35, 1, 2.5, 7} {
		t.Run(strconv.FormatFloat(s, 'g', -1, 64), func(t *testing.T) {
			z := make([]float64, n*k)
			for i := range z {
				z[i] = 2 * r.NormFloat64()
			}
			q := special.SoftmaxRows(nil, z, n, k)
			scaled := make([]float64, len(z))
			for i := range z {
				scaled[i] = s * z[i]
			}
			probs := special.SoftmaxRows(nil, scaled, n, k)
			p2, y, w := softLabels(probs, q, n, k)
			var tc Temperature
			if err := tc.Fit(p2, k, y, w); err != nil {
				t.Fatal(err)
			}
			if !numtest.Close(tc.T, s, 1e-9, 0) {
				t.Errorf("T = %v, want %v", tc.T, s)
			}
			out, err := tc.Apply(nil, probs, k)
			if err != nil {
				t.Fatal(err)
			}
			if msg := numtest.Mismatch(out, q, 1e-8, 1e-12); msg != "" {
				t.Errorf("calibrated probabilities differ from the true ones: %s", msg)
			}
			out2, _ := tc.Apply(nil, p2, k)
			if nll(out2, k, y, w) > nll(p2, k, y, w) {
				t.Errorf("NLL rose from %v to %v", nll(p2, k, y, w), nll(out2, k, y, w))
			}
		})
	}
}

func TestTemperatureSampledReducesNLL(t *testing.T) {
	// Labels drawn from softmax(z); the model reports softmax(3z), three
	// times too confident: the fitted T is near 3 and lowers the NLL.
	const n, k = 4000, 3
	r := rand.New(rand.NewPCG(5, 6))
	probs := make([]float64, n*k)
	y := make([]int, n)
	z := make([]float64, k)
	for i := range n {
		for j := range z {
			z[j] = r.NormFloat64()
		}
		q := special.Softmax(nil, z)
		u, c := r.Float64(), 0
		for c < k-1 && u > q[c] {
			u -= q[c]
			c++
		}
		y[i] = c
		for j := range z {
			z[j] *= 3
		}
		special.Softmax(probs[i*k:(i+1)*k], z)
	}
	var tc Temperature
	if err := tc.Fit(probs, k, y, nil); err != nil {
		t.Fatal(err)
	}
	if tc.T < 2.6 || tc.T > 3.4 {
		t.Errorf("T = %v, want about 3", tc.T)
	}
	out, _ := tc.Apply(nil, probs, k)
	before, after := nll(probs, k, y, nil), nll(out, k, y, nil)
	if !(after < before) {
		t.Errorf("NLL %v after calibration, %v before", after, before)
	}
	// The fitted T is a stationary point: nearby temperatures are worse.
	for _, f := range []float64{0.99, 1.01} {
		other := Temperature{T: tc.T * f}
		o, _ := other.Apply(nil, probs, k)
		if nll(o, k, y, nil) < after {
			t.Errorf("T·%v gives a lower NLL than the fitted T", f)
		}
	}
	// Temperature keeps the order within each row.
	for i := range n {
		for a := range k {
			for b := range k {
				if probs[i*k+a] < probs[i*k+b] && !(out[i*k+a] <= out[i*k+b]) {
					t.Fatalf("row %d: order of classes %d and %d changed", i, a, b)
				}
			}
		}
	}
}

func TestTemperatureBounds(t *testing.T) {
	// Every true class already the most probable: the NLL decreases toward
	// 0 as T → 0, and Fit stops where it reaches 0 to rounding.
	probs := []float64{0.9, 0.1, 0.2, 0.8, 0.6, 0.4}
	var tc Temperature
	if err := tc.Fit(probs, 2, []int{0, 1, 0}, nil); err != nil {
		t.Fatal(err)
	}
	out, _ := tc.Apply(nil, probs, 2)
	if tc.T > 0.02 || tc.T < MinTemperature || nll(out, 2, []int{0, 1, 0}, nil) > 1e-15 {
		t.Errorf("separable data: T = %v, NLL %v; want T ≤ 0.02 and NLL 0", tc.T, nll(out, 2, []int{0, 1, 0}, nil))
	}
	// Every true class the least probable: the optimum is T → ∞.
	if err := tc.Fit(probs, 2, []int{1, 0, 1}, nil); err != nil {
		t.Fatal(err)
	}
	if tc.T != MaxTemperature {
		t.Errorf("anti-correlated data: T = %v, want %v", tc.T, MaxTemperature)
	}
	// Exact zeros stay finite.
	if err := tc.Fit([]float64{0, 1, 1, 0, 0.5, 0.5}, 2, []int{0, 0, 1}, nil); err != nil {
		t.Fatal(err)
	}
	out, err := tc.Apply(nil, []float64{0, 1, 1, 0}, 2)
	if err != nil || math.IsNaN(out[0]) || math.IsNaN(out[2]) {
		t.Errorf("Apply on exact zeros = %v, %v", out, err)
	}
}

func TestPlattSklearn(t *testing.T) {
	// Python 3.11, scikit-learn 1.2.1, scipy 1.10.1, with F = log p − log(1−p):
	//   a, b = sklearn.calibration._sigmoid_calibration(F, y, sample_weight)
	// (sklearn's signs; A = −a, B = −b below) and the same objective
	// minimized by 50 Newton steps in numpy (gradient below 1e-14), the
	// "newton" values. scikit-learn's BFGS stops at gtol 1e-5.
	probs, y, w := binaryData()
	tests := []struct {
		name               string
		w                  []float64
		newtonA, newtonB   float64
		sklearnA, sklearnB float64
	}{
		{"unweighted", nil, 0.6068513701078556, -0.2828882892575978, 0.6068514602805497, -0.28288832603433095},
		{"weighted", w, 0.7123158960790736, -0.2585708736673568, 0.7123158261341427, -0.2585709155824036},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var pl Platt
			if err := pl.Fit(probs, 2, y, tt.w); err != nil {
				t.Fatal(err)
			}
			if len(pl.A) != 1 || len(pl.B) != 1 {
				t.Fatalf("fitted %d slopes, %d intercepts; want 1 and 1", len(pl.A), len(pl.B))
			}
			if !numtest.Close(pl.A[0], tt.newtonA, 1e-12, 0) || !numtest.Close(pl.B[0], tt.newtonB, 1e-12, 0) {
				t.Errorf("A, B = %v, %v; want %v, %v (Newton optimum)", pl.A[0], pl.B[0], tt.newtonA, tt.newtonB)
			}
			if !numtest.Close(pl.A[0], tt.sklearnA, 1e-6, 0) || !numtest.Close(pl.B[0], tt.sklearnB, 1e-6, 0) {
				t.Errorf("A, B = %v, %v; want %v, %v (scikit-learn) within 1e-6", pl.A[0], pl.B[0], tt.sklearnA, tt.sklearnB)
			}
			out, err := pl.Apply(nil, probs, 2)
			if err != nil {
				t.Fatal(err)
			}
			if nll(out, 2, y, tt.w) >= nll(probs, 2, y, tt.w) {
				t.Error("Platt scaling did not lower the NLL")
			}
			// Monotone in p for a > 0.
			for i := 1; i < 60; i++ {
				for j := range i {
					if (probs[2*i+1] < probs[2*j+1]) != (out[2*i+1] < out[2*j+1]) && probs[2*i+1] != probs[2*j+1] {
						t.Fatalf("rows %d and %d change order", i, j)
					}
				}
			}
		})
	}
}

func TestPlattMulticlassSklearn(t *testing.T) {
	// scikit-learn 1.2.1: _fit_calibrator(clf, logit(P), y, [0, 1, 2],
	// "sigmoid") with a classifier whose decision_function returns
	// log P − log1p(−P); A_k = −a_, B_k = −b_ of each calibrator, and the
	// rows of predict_proba(P). BFGS stops at gtol 1e-5, hence 1e-6.
	// The Newton optima of the same objectives (60 numpy Newton steps,
	// gradient below 1e-15) are newtonA and newtonB.
	probs, y, _ := threeClass()
	newtonA := []float64{1.095872960489897, 1.5635780462775122, 1.6444283495461534}
	newtonB := []float64{0.49085031402682966, 0.09401138010748715, -0.024151812436397198}
	wantA := []float64{1.0958728256192471, 1.5635780326163844, 1.6444286202879619}
	wantB := []float64{0.49085020860049694, 0.09401138061765658, -0.02415137112793191}
	rows := map[int][]float64{
		0:  parse(t, "0.037875128706310116", "0.6472878286738681", "0.31483704261982176"),
		1:  parse(t, "0.3374716632866963", "0.02806662999816881", "0.6344617067151348"),
		5:  parse(t, "0.6488674524807991", "0.28343147356456366", "0.06770107395463718"),
		17: parse(t, "0.609683729210977", "0.28663015970280775", "0.10368611108621523"),
		44: parse(t, "0.32390031002687214", "0.016485697020025787", "0.659613992953102"),
	}
	var pl Platt
	if err := pl.Fit(probs, 3, y, nil); err != nil {
		t.Fatal(err)
	}
	if msg := numtest.Mismatch(pl.A, newtonA, 1e-12, 0); msg != "" {
		t.Errorf("A against Newton: %s", msg)
	}
	if msg := numtest.Mismatch(pl.B, newtonB, 1e-12, 1e-15); msg != "" {
		t.Errorf("B against Newton: %s", msg)
	}
	if msg := numtest.Mismatch(pl.A, wantA, 1e-6, 0); msg != "" {
		t.Errorf("A against scikit-learn: %s", msg)
	}
	if msg := numtest.Mismatch(pl.B, wantB, 1e-6, 1e-6); msg != "" {
		t.Errorf("B against scikit-learn: %s", msg)
	}
	out, err := pl.Apply(nil, probs, 3)
	if err != nil {
		t.Fatal(err)
	}
	for r, want := range rows {
		if msg := numtest.Mismatch(out[3*r:3*r+3], want, 1e-6, 1e-8); msg != "" {
			t.Errorf("row %d: %s", r, msg)
		}
	}
}

func TestIsotonicSklearn(t *testing.T) {
	// scikit-learn 1.2.1: iso = IsotonicRegression(out_of_bounds="clip")
	//   .fit(p, y, w); iso.X_thresholds_, iso.y_thresholds_,
	//   iso.predict([0, 0.004, 0.1, 0.25, 0.3, 0.5, 0.61, 0.75, 0.9, 0.999, 1]).
	probs, y, w := binaryData()
	wantX := parse(t, "0.004901960784313725", "0.16176470588235295", "0.19117647058823528", "0.39705882352941174", "0.4166666666666667", "0.5637254901960784", "0.5833333333333334", "0.5931372549019608", "0.6127450980392157", "0.7892156862745098", "0.8186274509803921", "0.946078431372549", "0.9558823529411765", "0.9852941176470589")
	wantY := parse(t, "0.058823529411764705", "0.058823529411764705", "0.15", "0.15", "0.4375", "0.4375", "0.5", "0.5", "0.6666666666666666", "0.6666666666666666", "0.896551724137931", "0.896551724137931", "1.0", "1.0")
	query := []float64{0, 0.004, 0.1, 0.25, 0.3, 0.5, 0.61, 0.75, 0.9, 0.999, 1}
	wantPred := parse(t, "0.058823529411764705", "0.058823529411764705", "0.058823529411764705", "0.15", "0.15", "0.4375", "0.6433333333333329", "0.6666666666666666", "0.896551724137931", "1.0", "1.0")
	var iso Isotonic
	if err := iso.Fit(probs, 2, y, w); err != nil {
		t.Fatal(err)
	}
	if len(iso.Curves) != 1 {
		t.Fatalf("%d curves, want 1", len(iso.Curves))
	}
	c := iso.Curves[0]
	if msg := numtest.Mismatch(c.X, wantX, 0, 0); msg != "" {
		t.Errorf("X: %s", msg)
	}
	if msg := numtest.Mismatch(c.Y, wantY, 0, 0); msg != "" {
		t.Errorf("Y: %s", msg)
	}
	in := make([]float64, 0, 2*len(query))
	for _, q := range query {
		in = append(in, 1-q, q)
	}
	out, err := iso.Apply(nil, in, 2)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range wantPred {
		if out[2*i+1] != want || out[2*i] != 1-want {
			t.Errorf("Apply(p=%v) = [%v %v], want [%v %v]", query[i], out[2*i], out[2*i+1], 1-want, want)
		}
	}
}

func TestIsotonicMerge(t *testing.T) {
	// scikit-learn 1.2.1 merges x values closer than 1e-15 to a run's first:
	//   IsotonicRegression(out_of_bounds="clip").fit([0.5, 0.5+2e-16, 0.7], [0, 1, 1])
	//     → X_thresholds_ [0.5, 0.7], y_thresholds_ [0.5, 1.0]
	//   .fit([0.5, 0.5+2e-15, 0.7], [0, 1, 1])
	//     → [0.5, 0.500000000000002, 0.7], [0.0, 1.0, 1.0]
	tests := []struct {
		name  string
		x     []float64
		wantX []float64
		wantY []float64
	}{
		{"merged", []float64{0.5, 0.5 + 2e-16, 0.7}, []float64{0.5, 0.7}, []float64{0.5, 1}},
		{"kept", []float64{0.5, 0.5 + 2e-15, 0.7}, parse(t, "0.5", "0.500000000000002", "0.7"), []float64{0, 1, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var probs []float64
			for _, x := range tt.x {
				probs = append(probs, 1-x, x)
			}
			var iso Isotonic
			if err := iso.Fit(probs, 2, []int{0, 1, 1}, nil); err != nil {
				t.Fatal(err)
			}
			if c := iso.Curves[0]; !reflect.DeepEqual(c.X, tt.wantX) || !reflect.DeepEqual(c.Y, tt.wantY) {
				t.Errorf("curve %v %v, want %v %v", c.X, c.Y, tt.wantX, tt.wantY)
			}
		})
	}
}

func TestIsotonicMulticlassSklearn(t *testing.T) {
	// scikit-learn 1.2.1: _fit_calibrator(clf, P, y, [0, 1, 2], "isotonic",
	// sample_weight) with a classifier that has predict_proba(X) = X only,
	// then predict_proba(P) rows 0, 1, 5, 17, 44.
	probs, y, w := threeClass()
	tests := []struct {
		name string
		w    []float64
		rows map[int][]float64
	}{
		{"unweighted", nil, map[int][]float64{
			0:  parse(t, "0.1135135135135135", "0.7567567567567567", "0.1297297297297297"),
			1:  parse(t, "0.14285714285714285", "0.0", "0.8571428571428571"),
			5:  parse(t, "0.8350515463917526", "0.16494845360824742", "0.0"),
			17: parse(t, "0.6467065868263473", "0.19161676646706585", "0.16167664670658682"),
			44: parse(t, "0.1111111111111111", "0.0", "0.8888888888888888"),
		}},
		{"weighted", w, map[int][]float64{
			0:  parse(t, "0.07194645844952594", "0.7674288901282766", "0.16062465142219742"),
			1:  parse(t, "0.11764705882352942", "0.0", "0.8823529411764706"),
			5:  parse(t, "0.836734693877551", "0.16326530612244897", "0.0"),
			17: parse(t, "0.6639676113360323", "0.1700404858299595", "0.16599190283400808"),
			44: parse(t, "0.07692307692307693", "0.0", "0.9230769230769231"),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var iso Isotonic
			if err := iso.Fit(probs, 3, y, tt.w); err != nil {
				t.Fatal(err)
			}
			out, err := iso.Apply(nil, probs, 3)
			if err != nil {
				t.Fatal(err)
			}
			for r, want := range tt.rows {
				if msg := numtest.Mismatch(out[3*r:3*r+3], want, 0, 0); msg != "" {
					t.Errorf("row %d: %s", r, msg)
				}
			}
			for c, curve := range iso.Curves {
				for i := 1; i < len(curve.Y); i++ {
					if curve.Y[i] < curve.Y[i-1] || curve.X[i] <= curve.X[i-1] {
						t.Errorf("curve %d not monotone at %d", c, i)
					}
				}
			}
		})
	}
}

// TestProbabilityProperties applies every method, fitted on random data,
// to random probabilities: outputs in [0, 1], rows summing to 1, the same
// values when dst aliases probs, and no allocation with a destination.
func TestProbabilityProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, k := range []int{2, 3, 5} {
		const n = 300
		probs := make([]float64, n*k)
		y := make([]int, n)
		z := make([]float64, k)
		for i := range n {
			for j := range z {
				z[j] = 3 * r.NormFloat64()
			}
			special.Softmax(probs[i*k:(i+1)*k], z)
			y[i] = r.IntN(k)
			if r.IntN(2) == 0 { // half the labels follow the argmax
				best := 0
				for j := range z {
					if z[j] > z[best] {
						best = j
					}
				}
				y[i] = best
			}
		}
		probs[0], probs[1] = 0, 1 // an exact 0 and 1 (sum kept at 1 for k = 2)
		if k > 2 {
			probs[2] = 0
		}
		for _, m := range []Method{MethodTemperature, MethodPlatt, MethodIsotonic} {
			t.Run(m.String()+"/k="+strconv.Itoa(k), func(t *testing.T) {
				c := New(m)
				if err := c.Fit(probs, k, y, nil); err != nil {
					t.Fatal(err)
				}
				out, err := c.Apply(nil, probs, k)
				if err != nil {
					t.Fatal(err)
				}
				for i := range n {
					s := 0.0
					for j, v := range out[i*k : (i+1)*k] {
						if !(v >= 0 && v <= 1) {
							t.Fatalf("out[%d, %d] = %v", i, j, v)
						}
						s += v
					}
					if math.Abs(s-1) > 1e-12 {
						t.Fatalf("row %d sums to %v", i, s)
					}
				}
				if nll(out, k, y, nil) > nll(probs[k:], k, y[1:], nil)+1 {
					t.Errorf("NLL rose from %v to %v", nll(probs[k:], k, y[1:], nil), nll(out, k, y, nil))
				}
				in := append([]float64(nil), probs...)
				if _, err := c.Apply(in, in, k); err != nil || !reflect.DeepEqual(in, out) {
					t.Errorf("Apply in place differs (err %v)", err)
				}
				dst := make([]float64, len(probs))
				if a := testing.AllocsPerRun(10, func() { _, _ = c.Apply(dst, probs, k) }); a != 0 {
					t.Errorf("Apply allocates %v times with a destination", a)
				}
			})
		}
	}
}

func TestErrors(t *testing.T) {
	good := []float64{0.2, 0.8, 0.6, 0.4}
	tests := []struct {
		name string
		err  error
		want error
		msg  string
	}{
		{"k", (&Temperature{}).Fit(good, 1, []int{0, 0, 0, 0}, nil), data.ErrShape, "calibrate: k = 1: want at least 2 classes: shape mismatch"},
		{"length", (&Platt{}).Fit(good[:3], 2, []int{0}, nil), data.ErrShape, ""},
		{"labels", (&Isotonic{}).Fit(good, 2, []int{0}, nil), data.ErrShape, ""},
		{"no rows", (&Isotonic{}).Fit(nil, 2, nil, nil), data.ErrShape, ""},
		{"NaN", (&Temperature{}).Fit([]float64{0.2, 0.8, math.NaN(), 0.4}, 2, []int{0, 1}, nil), data.ErrNotFinite,
			"calibrate: probs[1, 0] = NaN: value is not finite"},
		{"range", (&Platt{}).Fit([]float64{0.2, 0.8, 0.6, 1.5}, 2, []int{0, 1}, nil), ErrProbability,
			"calibrate: probs[1, 1] = 1.5: probability not in [0, 1]"},
		{"label range", (&Isotonic{}).Fit(good, 2, []int{0, 2}, nil), data.ErrIndex,
			"calibrate: y[1] = 2: index out of range (k = 2)"},
		{"negative weight", (&Platt{}).Fit(good, 2, []int{0, 1}, []float64{1, -1}), data.ErrWeight,
			"calibrate: sampleWeight[1] = -1: negative sample weight"},
		{"NaN weight", (&Platt{}).Fit(good, 2, []int{0, 1}, []float64{math.NaN(), 1}), data.ErrNotFinite, ""},
		{"zero weights", (&Temperature{}).Fit(good, 2, []int{0, 1}, []float64{0, 0}), data.ErrWeight, ""},
		{"weight length", (&Temperature{}).Fit(good, 2, []int{0, 1}, []float64{1}), data.ErrShape, ""},
		{"temperature unfitted", func() error { _, err := (&Temperature{}).Apply(nil, good, 2); return err }(), ErrNotFitted, ""},
		{"temperature negative", func() error { _, err := (&Temperature{T: -1}).Apply(nil, good, 2); return err }(), ErrInvalid, ""},
		{"platt unfitted", func() error { _, err := (&Platt{}).Apply(nil, good, 2); return err }(), ErrNotFitted, ""},
		{"platt wrong k", func() error {
			_, err := (&Platt{A: []float64{1}, B: []float64{0}}).Apply(nil, []float64{0.2, 0.3, 0.5}, 3)
			return err
		}(), ErrNotFitted, ""},
		{"platt NaN", (&Platt{A: []float64{math.NaN()}, B: []float64{0}}).Validate(2), ErrInvalid, "calibrate: a[0] = NaN: not finite: invalid parameters"},
		{"isotonic unfitted", func() error { _, err := (&Isotonic{}).Apply(nil, good, 2); return err }(), ErrNotFitted, ""},
		{"isotonic decreasing", (&Isotonic{Curves: []Curve{{X: []float64{0, 1}, Y: []float64{1, 0}}}}).Validate(2), ErrInvalid, ""},
		{"isotonic x order", (&Isotonic{Curves: []Curve{{X: []float64{1, 1}, Y: []float64{0, 1}}}}).Validate(2), ErrInvalid, ""},
		{"isotonic lengths", (&Isotonic{Curves: []Curve{{X: []float64{0, 1}, Y: []float64{0}}}}).Validate(2), ErrInvalid, ""},
		{"apply dst", func() error { _, err := (&Temperature{T: 1}).Apply(make([]float64, 3), good, 2); return err }(), data.ErrShape, ""},
		{"apply range", func() error { _, err := (&Temperature{T: 1}).Apply(nil, []float64{-0.1, 1.1}, 2); return err }(), ErrProbability,
			"calibrate: probs[0, 0] = -0.1: probability not in [0, 1]"},
		{"model empty", (&Model{}).Validate(2), ErrInvalid, ""},
		{"model two", (&Model{Temperature: &Temperature{T: 1}, Platt: &Platt{}}).Validate(2), ErrInvalid, ""},
		{"method", func() error { _, err := ParseMethod("beta"); return err }(), ErrInvalid, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !errors.Is(tt.err, tt.want) {
				t.Fatalf("error %v, want %v", tt.err, tt.want)
			}
			if tt.msg != "" && tt.err.Error() != tt.msg {
				t.Errorf("error %q, want %q", tt.err, tt.msg)
			}
		})
	}
}

func TestModelJSON(t *testing.T) {
	probs, y, _ := threeClass()
	for _, m := range []Method{MethodTemperature, MethodPlatt, MethodIsotonic} {
		t.Run(m.String(), func(t *testing.T) {
			c := New(m)
			if err := c.Fit(probs, 3, y, nil); err != nil {
				t.Fatal(err)
			}
			mod, err := ModelOf(c)
			if err != nil {
				t.Fatal(err)
			}
			b, err := json.Marshal(mod)
			if err != nil {
				t.Fatal(err)
			}
			var back Model
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if back.Method() != m || back.Validate(3) != nil {
				t.Fatalf("decoded %s as %v (%v)", b, back.Method(), back.Validate(3))
			}
			want, _ := c.Apply(nil, probs, 3)
			got, err := back.Apply(nil, probs, 3)
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("decoded model gives different probabilities (err %v)", err)
			}
		})
	}
	for _, s := range []string{"none", "temperature", "platt", "isotonic"} {
		var m Method
		if err := m.UnmarshalText([]byte(s)); err != nil || m.String() != s {
			t.Errorf("UnmarshalText(%q) = %v, %v", s, m, err)
		}
	}
	if m, _ := ParseMethod("sigmoid"); m != MethodPlatt {
		t.Errorf("ParseMethod(sigmoid) = %v", m)
	}
	if New(None) != nil {
		t.Error("New(None) is not nil")
	}
}
