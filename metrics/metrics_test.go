package metrics

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/xent-ml/xent/internal/numtest"
)

// Inputs shared by the tests below; the values they are compared with were
// produced by /usr/bin/python3 (Debian 12) with scikit-learn 1.2.1, numpy
// 1.24.2 and PyTorch 1.13.1, by the calls quoted next to each.
var (
	// y_mc, P_mc, w_mc in the Python session.
	yMC = []int{0, 1, 2, 2, 1, 0, 2, 1, 0, 1, 2, 0}
	pMC = []float64{
		0.7, 0.2, 0.1, 0.2, 0.5, 0.3, 0.1, 0.3, 0.6, 0.3, 0.3, 0.4, 0.25, 0.5, 0.25, 0.6, 0.3, 0.1,
		0.2, 0.2, 0.6, 0.4, 0.4, 0.2, 0.5, 0.1, 0.4, 0.1, 0.8, 0.1, 0.3, 0.4, 0.3, 0.3, 0.4, 0.3,
	}
	wMC = []float64{1, 2, 0.5, 1.5, 1, 0, 3, 1, 2.5, 0.25, 1, 2}
	// y_b, s_b, w_b: a binary problem with tied scores.
	yB = []int{0, 1, 1, 0, 1, 0, 0, 1, 1, 0}
	sB = []float64{0.1, 0.4, 0.35, 0.8, 0.7, 0.35, 0.2, 0.9, 0.35, 0.5}
	wB = []float64{1, 2, 1, 0.5, 1, 1, 3, 1, 0, 2}
)

func close14(got, want float64) bool { return numtest.Close(got, want, 1e-14, 1e-15) }

func TestLogLossConventions(t *testing.T) {
	// y = [0,2,1,2], rows that do not all sum to 1.
	y := []int{0, 2, 1, 2}
	p := []float64{0.5, 0.2, 0.1, 0.3, 0.3, 0.6, 0.2, 0.9, 0.1, 0, 0, 1}
	// y, p: a binary problem with exact 0 and 1.
	yb := []int{0, 1, 1, 0, 1, 0}
	pb := []float64{0, 1, 0, 0.3, 0.8, 1}
	tests := []struct {
		name string
		l    LogLoss
		y    []int
		p    []float64
		k    int
		want float64
	}{
		// sklearn.metrics.log_loss(y, P)
		{"default renormalizes", LogLoss{}, y, p, 3, 0.3627082205643656},
		// log_loss(y, P, eps=1e-15)
		{"legacy eps", LogLoss{Clip: ClipLegacy}, y, p, 3, 0.362708220564366},
		{"explicit eps 1e-15", LogLoss{Clip: ClipEps, Eps: 1e-15}, y, p, 3, 0.362708220564366},
		// np.mean(-np.log(np.clip(P, eps, 1-eps)[range(4), y])), eps = finfo(float64).eps:
		// scikit-learn ≥ 1.5, which no longer renormalizes.
		{"no renormalization", LogLoss{Rows: NoRenormalize}, y, p, 3, 0.3273333299959406},
		// torch.nn.functional.binary_cross_entropy(p, y) in float64
		{"clamp log mean", LogLoss{Clip: ClampLog}, yb, pb, 1, 33.42996974920882},
		// binary_cross_entropy(p, y, reduction="sum")
		{"clamp log sum", LogLoss{Clip: ClampLog, Reduction: Sum}, yb, pb, 1, 200.57981849525294},
		// By hand: -log(0.5) - log(0.5).
		{"two columns", LogLoss{Reduction: Sum}, []int{3, 8}, []float64{0.5, 0.5, 0.5, 0.5}, 2, 2 * math.Ln2},
		{"eps 0 gives +Inf", LogLoss{Clip: ClipEps}, []int{0, 1}, []float64{0.5, 0}, 1, math.Inf(1)},
	}
	for _, tt := range tests {
		got, err := tt.l.Eval(tt.y, tt.p, tt.k)
		if err != nil || !close14(got, tt.want) {
			t.Errorf("%s: Eval = %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
}

func TestLogLossLabelOrderAndColumns(t *testing.T) {
	y := []int{5, 2, 9, 2}
	p := []float64{0.2, 0.7, 0.1, 0.6, 0.3, 0.1, 0.1, 0.1, 0.8, 0.5, 0.25, 0.25}
	a, err1 := LogLoss{}.Eval(y, p, 3)
	b, err2 := LogLoss{Labels: []int{9, 2, 5, 2}}.Eval(y, p, 3)
	if err1 != nil || err2 != nil || a != b {
		t.Errorf("labels order: %v, %v and %v, %v", a, err1, b, err2)
	}
	// By hand: the classes sort as [2, 5, 9].
	want := -(math.Log(0.7) + math.Log(0.6) + math.Log(0.8) + math.Log(0.5)) / 4
	if !close14(a, want) {
		t.Errorf("Eval = %v, want %v", a, want)
	}
	// Ten classes (more than classSet holds inline), consecutive or spread
	// over a wide range, give the same loss.
	rng := rand.New(rand.NewPCG(3, 4))
	n, k := 50, 10
	yc, ys, pk := make([]int, n), make([]int, n), make([]float64, n*k)
	for i := range n {
		yc[i] = i % k
		ys[i] = (i%k)*1000 - 4000
		for j := range k {
			pk[i*k+j] = rng.Float64()
		}
	}
	e, err1 := LogLoss{}.Eval(yc, pk, k)
	f, err2 := LogLoss{}.Eval(ys, pk, k)
	if err1 != nil || err2 != nil || e != f {
		t.Errorf("ten classes: %v, %v and %v, %v", e, err1, f, err2)
	}
	// One column [p] is the same as two columns [1-p, p].
	yb := []int{-1, 1, 1, -1}
	p1 := []float64{0.25, 0.5, 0.875, 0.125}
	p2 := []float64{0.75, 0.25, 0.5, 0.5, 0.125, 0.875, 0.875, 0.125}
	c, err1 := LogLoss{}.Eval(yb, p1, 1)
	d, err2 := LogLoss{}.Eval(yb, p2, 2)
	if err1 != nil || err2 != nil || c != d {
		t.Errorf("1-D %v, %v; 2-D %v, %v", c, err1, d, err2)
	}
}

func TestBrierMulticlass(t *testing.T) {
	// scikit-learn 1.2.1 has no multiclass brier_score_loss; these are
	// scikit-learn ≥ 1.7's formula evaluated with numpy 1.24.2:
	// onehot = np.eye(3)[y]; np.average(np.sum((onehot - P)**2, axis=1), weights=w)
	tests := []struct {
		name string
		b    Brier
		want float64
	}{
		{"unweighted", Brier{}, 0.39291666666666664},
		{"weighted", Brier{SampleWeight: wMC}, 0.43047619047619046},
		{"labels", Brier{Labels: []int{2, 1, 0}}, 0.39291666666666664},
	}
	for _, tt := range tests {
		got, err := tt.b.Eval(yMC, pMC, 3)
		if err != nil || !close14(got, tt.want) {
			t.Errorf("%s: Eval = %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
	// Two columns [1-p, p] give the binary score (scale_by_half="auto").
	y := []int{0, 1, 1, 0}
	p := []float64{0.25, 0.5, 0.875, 0.125}
	p2 := []float64{0.75, 0.25, 0.5, 0.5, 0.125, 0.875, 0.875, 0.125}
	b1, err1 := Brier{}.Eval(y, p, 1)
	b2, err2 := Brier{}.Eval(y, p2, 2)
	// By hand: (0.0625 + 0.25 + 0.015625 + 0.015625) / 4.
	if err1 != nil || err2 != nil || b1 != 0.0859375 || b2 != b1 {
		t.Errorf("binary %v, %v; two columns %v, %v; want 0.0859375", b1, err1, b2, err2)
	}
}

func TestBrierPositiveLabel(t *testing.T) {
	p := []float64{0.25, 0.5}
	tests := []struct {
		name string
		y    []int
		want float64
	}{
		{"all 0: positive is 1", []int{0, 0}, (0.0625 + 0.25) / 2},
		{"all -1: positive is 1", []int{-1, -1}, (0.0625 + 0.25) / 2},
		{"all 3: positive is 3", []int{3, 3}, (0.5625 + 0.25) / 2},
		{"2 and 7: positive is 7", []int{2, 7}, (0.0625 + 0.25) / 2},
	}
	for _, tt := range tests {
		got, err := Brier{}.Eval(tt.y, p, 1)
		if err != nil || got != tt.want {
			t.Errorf("%s: Eval = %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
}

func TestROCAUC(t *testing.T) {
	yLab := []int{3, 5, 9, 9, 5, 3, 9, 5, 3, 5, 9, 3}
	tests := []struct {
		name string
		r    ROCAUC
		y    []int
		p    []float64
		k    int
		want float64
	}{
		// roc_auc_score(y_mc, P_mc, multi_class="ovr", average="macro")
		{"ovr", ROCAUC{}, yMC, pMC, 3, 0.9427083333333334},
		// ... sample_weight=w_mc (one weight is 0)
		{"ovr weighted", ROCAUC{SampleWeight: wMC}, yMC, pMC, 3, 0.92683749584442},
		// ... with y relabelled 0,1,2 -> 3,5,9 and labels=[3,5,9]
		{"ovr labels", ROCAUC{Labels: []int{9, 5, 3}}, yLab, pMC, 3, 0.9427083333333334},
		// roc_auc_score(y_b, s_b) and with sample_weight=w_b
		{"binary ties", ROCAUC{}, yB, sB, 1, 0.68},
		{"binary weighted", ROCAUC{SampleWeight: wB}, yB, sB, 1, 0.7733333333333333},
		{"binary scores not probabilities", ROCAUC{}, yB, scale(sB, -7, 100), 1, 0.68},
	}
	for _, tt := range tests {
		got, err := tt.r.Eval(tt.y, tt.p, tt.k)
		if err != nil || !close14(got, tt.want) {
			t.Errorf("%s: Eval = %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
}

func scale(x []float64, a, b float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = a + b*v
	}
	return out
}

func TestROCCurve(t *testing.T) {
	// fpr, tpr, thresholds = sklearn.metrics.roc_curve(y_b, s_b, ...)
	tests := []struct {
		name          string
		r             ROCAUC
		fpr, tpr, thr []float64
	}{
		{"drop_intermediate=True", ROCAUC{},
			[]float64{0, 0, 0.2, 0.2, 0.4, 0.4, 0.6, 1},
			[]float64{0, 0.2, 0.2, 0.4, 0.4, 0.6, 1, 1},
			[]float64{1.9, 0.9, 0.8, 0.7, 0.5, 0.4, 0.35, 0.1}},
		{"drop_intermediate=False", ROCAUC{KeepIntermediate: true},
			[]float64{0, 0, 0.2, 0.2, 0.4, 0.4, 0.6, 0.8, 1},
			[]float64{0, 0.2, 0.2, 0.4, 0.4, 0.6, 1, 1, 1},
			[]float64{1.9, 0.9, 0.8, 0.7, 0.5, 0.4, 0.35, 0.2, 0.1}},
		{"sample_weight=w_b", ROCAUC{SampleWeight: wB},
			[]float64{0, 0, 0.06666666666666667, 0.06666666666666667, 0.3333333333333333, 0.3333333333333333, 0.4666666666666667, 0.8666666666666667, 1},
			[]float64{0, 0.2, 0.2, 0.4, 0.4, 0.8, 1, 1, 1},
			[]float64{1.9, 0.9, 0.8, 0.7, 0.5, 0.4, 0.35, 0.2, 0.1}},
	}
	for _, tt := range tests {
		fpr, tpr, thr, err := tt.r.Curve(nil, nil, nil, yB, sB)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		for _, c := range []struct {
			name      string
			got, want []float64
		}{{"fpr", fpr, tt.fpr}, {"tpr", tpr, tt.tpr}, {"thresholds", thr, tt.thr}} {
			if m := numtest.Mismatch(c.got, c.want, 1e-14, 1e-15); m != "" {
				t.Errorf("%s: %s%s", tt.name, c.name, m)
			}
		}
	}
}

// mannWhitney is the weighted Mann-Whitney statistic by its definition.
func mannWhitney(y []int, s, w []float64, pos int) float64 {
	var num, wp, wn float64
	for i := range y {
		if y[i] == pos {
			wp += w[i]
		} else {
			wn += w[i]
		}
		for j := range y {
			if y[i] != pos || y[j] == pos {
				continue
			}
			switch {
			case s[i] > s[j]:
				num += w[i] * w[j]
			case s[i] == s[j]:
				num += w[i] * w[j] / 2
			}
		}
	}
	return num / (wp * wn)
}

func TestROCAUCMannWhitney(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		n := 2 + rng.IntN(60)
		y, s, w := make([]int, n), make([]float64, n), make([]float64, n)
		for i := range n {
			y[i] = rng.IntN(2)
			s[i] = float64(rng.IntN(8)) / 8 // many ties
			w[i] = float64(rng.IntN(4)) * rng.Float64()
		}
		y[0], y[1], w[0], w[1] = 0, 1, 1, 1
		want := mannWhitney(y, s, w, 1)
		got, err := ROCAUC{SampleWeight: w}.Eval(y, s, 1)
		if err != nil || !numtest.Close(got, want, 1e-13, 1e-15) {
			t.Fatalf("trial %d: Eval = %v, %v; Mann-Whitney %v", trial, got, err, want)
		}
	}
}

func TestCalibrationECE(t *testing.T) {
	// By hand, 5 uniform bins [0, .2], (.2, .4], (.4, .6], (.6, .8], (.8, 1]:
	// bins hold {.05, .15 | 0, 0}, {.25 | 1}, {.55 | 1}, {.65, .75 | 1, 0},
	// {.85, .95 | 1, 1}; gaps .1, .75, .45, .2, .1;
	// ECE = (2·.1 + .75 + .45 + 2·.2 + 2·.1) / 8 = .25, MCE = .75.
	y := []int{0, 0, 1, 1, 1, 0, 1, 1}
	p := []float64{0.05, 0.15, 0.25, 0.55, 0.65, 0.75, 0.85, 0.95}
	tests := []struct {
		name       string
		y          []int
		p          []float64
		ece, mce   float64
		counts     []int
		probTrue   []float64
		probPred   []float64
		nonEmpties []int
	}{
		{"hand example", y, p, 0.25, 0.75, []int{2, 1, 1, 2, 2},
			[]float64{0, 1, 1, 0.5, 1}, []float64{0.1, 0.25, 0.55, 0.7, 0.9}, []int{0, 1, 2, 3, 4}},
		{"calibrated", []int{0, 1, 1, 0}, []float64{0.5, 0.5, 0.5, 0.5}, 0, 0, []int{0, 0, 4, 0, 0},
			[]float64{0.5}, []float64{0.5}, []int{2}},
		// All in bin 0 with confidence .1 and no positive: gap .1 everywhere.
		{"one bin", []int{0, 0}, []float64{0.1, 0.1}, 0.1, 0.1, []int{2, 0, 0, 0, 0},
			[]float64{0}, []float64{0.1}, []int{0}},
	}
	for _, tt := range tests {
		cv, err := CalibrationCurve{}.Eval(nil, tt.y, tt.p)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !close14(cv.ECE(), tt.ece) || !close14(cv.MCE(), tt.mce) {
			t.Errorf("%s: ECE, MCE = %v, %v; want %v, %v", tt.name, cv.ECE(), cv.MCE(), tt.ece, tt.mce)
		}
		if !slices.Equal(cv.Counts, tt.counts) || !slices.Equal(cv.Bins, tt.nonEmpties) {
			t.Errorf("%s: Counts %v, Bins %v; want %v, %v", tt.name, cv.Counts, cv.Bins, tt.counts, tt.nonEmpties)
		}
		if m := numtest.Mismatch(cv.ProbTrue, tt.probTrue, 1e-14, 1e-15); m != "" {
			t.Errorf("%s: ProbTrue%s", tt.name, m)
		}
		if m := numtest.Mismatch(cv.ProbPred, tt.probPred, 1e-14, 1e-15); m != "" {
			t.Errorf("%s: ProbPred%s", tt.name, m)
		}
	}
}

func TestCalibrationMulticlass(t *testing.T) {
	y := []int{0, 2, 2, 0}
	p := []float64{0.7, 0.2, 0.1, 0.2, 0.5, 0.3, 0.1, 0.3, 0.6, 0.3, 0.3, 0.4}
	// Top label, by hand: confidences .7 (hit), .5 (miss), .6 (hit), .4 (miss,
	// ties go to the first column). With 5 uniform bins, .4 = e_2 falls in
	// bin 1, .5 and .6 (< e_3 = 0.6000000000000001) in bin 2, .7 in bin 3:
	// gaps .4, |.5 - .55| = .05, .3; ECE = (.4 + 2·.05 + .3) / 4 = .2.
	cc := CalibrationCurve{Labels: []int{0, 1, 2}}
	top, err := cc.TopLabel(nil, y, p, 3)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(top.Counts, []int{0, 1, 2, 1, 0}) || !close14(top.ECE(), 0.2) || !close14(top.MCE(), 0.4) {
		t.Errorf("TopLabel: Counts %v, ECE %v, MCE %v; want [0 1 2 1 0], 0.2, 0.4", top.Counts, top.ECE(), top.MCE())
	}
	if m := numtest.Mismatch(top.ProbTrue, []float64{0, 0.5, 1}, 1e-14, 1e-15); m != "" {
		t.Errorf("TopLabel ProbTrue%s", m)
	}
	if m := numtest.Mismatch(top.ProbPred, []float64{0.4, 0.55, 0.7}, 1e-14, 1e-15); m != "" {
		t.Errorf("TopLabel ProbPred%s", m)
	}
	// Per class, by hand. Class 0: column [.7 .2 .1 .3], hits [1 0 0 1]:
	// bins 3, 0, 0, 1. Class 1: [.2 .5 .3 .3], no hits: bins 0, 2, 1, 1.
	// Class 2: [.1 .3 .6 .4], hits [0 1 1 0]: bins 0, 1, 2, 1.
	curves, err := cc.PerClass(nil, y, p, 3)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		counts             []int
		probTrue, probPred []float64
	}{
		{[]int{2, 1, 0, 1, 0}, []float64{0, 1, 1}, []float64{0.15, 0.3, 0.7}},
		{[]int{1, 2, 1, 0, 0}, []float64{0, 0, 0}, []float64{0.2, 0.3, 0.5}},
		{[]int{1, 2, 1, 0, 0}, []float64{0, 0.5, 1}, []float64{0.1, 0.35, 0.6}},
	}
	if len(curves) != 3 {
		t.Fatalf("PerClass: %d curves, want 3", len(curves))
	}
	for j, w := range want {
		cv := curves[j]
		if !slices.Equal(cv.Counts, w.counts) {
			t.Errorf("PerClass[%d]: Counts %v, want %v", j, cv.Counts, w.counts)
		}
		if m := numtest.Mismatch(cv.ProbTrue, w.probTrue, 1e-14, 1e-15); m != "" {
			t.Errorf("PerClass[%d] ProbTrue%s", j, m)
		}
		if m := numtest.Mismatch(cv.ProbPred, w.probPred, 1e-14, 1e-15); m != "" {
			t.Errorf("PerClass[%d] ProbPred%s", j, m)
		}
	}
	// A binary problem given as one column agrees with Eval for class 1.
	yb := []int{0, 1, 1, 0, 1}
	pb := []float64{0.1, 0.7, 0.45, 0.3, 0.95}
	bin, err1 := CalibrationCurve{}.Eval(nil, yb, pb)
	per, err2 := CalibrationCurve{}.PerClass(nil, yb, pb, 1)
	if err1 != nil || err2 != nil || !slices.Equal(bin.ProbTrue, per[1].ProbTrue) || !slices.Equal(bin.ProbPred, per[1].ProbPred) {
		t.Errorf("PerClass(k=1)[1] = %v, %v; Eval = %v, %v", per[1].ProbTrue, per[1].ProbPred, bin.ProbTrue, bin.ProbPred)
	}
}

func TestConfusion(t *testing.T) {
	yt := []int{0, 1, 2, 2, 1, 0, 2, 1, 0, 1}
	yp := []int{0, 2, 2, 2, 1, 0, 1, 1, 1, 1}
	yp2 := []int{0, 0, 0, 0, 1, 0, 1, 1, 0, 1}
	w := []float64{1, 2, 0.5, 1, 1, 3, 1, 2, 1, 0.5}
	// confusion_matrix(yt, yp, ...) and
	// precision_recall_fscore_support(yt, yp, average=None, zero_division=0, ...)
	tests := []struct {
		name        string
		c           Confusion
		yp          []int
		labels      []int
		counts      []float64
		p, r, f1, s []float64
	}{
		{"unweighted", Confusion{}, yp, []int{0, 1, 2},
			[]float64{2, 1, 0, 0, 3, 1, 0, 1, 2},
			[]float64{1, 0.6, 0.6666666666666666}, []float64{0.6666666666666666, 0.75, 0.6666666666666666},
			[]float64{0.8, 0.6666666666666665, 0.6666666666666666}, []float64{3, 4, 3}},
		{"class 2 never predicted", Confusion{}, yp2, []int{0, 1, 2},
			[]float64{3, 0, 0, 1, 3, 0, 2, 1, 0},
			[]float64{0.5, 0.75, 0}, []float64{1, 0.75, 0}, []float64{0.6666666666666666, 0.75, 0}, []float64{3, 4, 3}},
		{"weighted", Confusion{SampleWeight: w}, yp, []int{0, 1, 2},
			[]float64{4, 1, 0, 0, 3.5, 2, 0, 1, 1.5},
			[]float64{1, 0.6363636363636364, 0.42857142857142855}, []float64{0.8, 0.6363636363636364, 0.6},
			[]float64{0.888888888888889, 0.6363636363636364, 0.5}, []float64{5, 5.5, 2.5}},
		// confusion_matrix(yt, yp, labels=[2, 0]); precision etc. by hand.
		{"labels subset in given order", Confusion{Labels: []int{2, 0}}, yp, []int{2, 0},
			[]float64{2, 0, 0, 2}, []float64{1, 1}, []float64{1, 1}, []float64{1, 1}, []float64{2, 2}},
	}
	for _, tt := range tests {
		m, err := tt.c.Eval(nil, yt, tt.yp)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !slices.Equal(m.Labels, tt.labels) || !slices.Equal(m.Counts, tt.counts) {
			t.Errorf("%s: Labels %v, Counts %v; want %v, %v", tt.name, m.Labels, m.Counts, tt.labels, tt.counts)
		}
		p, r, f1 := m.PrecisionRecallF1(nil, nil, nil)
		for _, c := range []struct {
			name      string
			got, want []float64
		}{{"precision", p, tt.p}, {"recall", r, tt.r}, {"F1", f1, tt.f1}, {"support", m.Support(nil), tt.s}} {
			if mm := numtest.Mismatch(c.got, c.want, 1e-14, 1e-15); mm != "" {
				t.Errorf("%s: %s%s", tt.name, c.name, mm)
			}
		}
	}
	m, _ := Confusion{}.Eval(nil, []int{7, 3}, []int{-2, 3})
	if m.K() != 3 || m.At(2, 0) != 1 || m.At(1, 1) != 1 {
		t.Errorf("labels from y_true and y_pred: %v %v", m.Labels, m.Counts)
	}
}

func TestBinary(t *testing.T) {
	y := []int{0, 0, 1, 1, 1, 0, 1, 1}
	p := []float64{0.05, 0.15, 0.25, 0.55, 0.65, 0.75, 0.85, 0.95}
	s, err := Binary(y, p)
	if err != nil {
		t.Fatal(err)
	}
	ll, _ := LogLoss{}.Eval(y, p, 1)
	br, _ := Brier{}.Eval(y, p, 1)
	auc, _ := ROCAUC{}.Eval(y, p, 1)
	// By hand: 6 of 8 right at 0.5 (0.25 and 0.75 are wrong); 12 of 15
	// positive/negative pairs ordered; over 10 bins every sample is alone in
	// its bin, so ECE = mean |y - p| = 2.7 / 8 and MCE = .75.
	want := BinarySummary{N: 8, Positives: 5, LogLoss: ll, Brier: br, Accuracy: 0.75, ROCAUC: auc, ECE: 0.3375, MCE: 0.75}
	if auc != 12.0/15 {
		t.Errorf("ROCAUC = %v, want 0.8", auc)
	}
	if s.N != want.N || s.Positives != want.Positives || s.LogLoss != want.LogLoss || s.Brier != want.Brier ||
		s.Accuracy != want.Accuracy || s.ROCAUC != want.ROCAUC || !close14(s.ECE, want.ECE) || !close14(s.MCE, want.MCE) {
		t.Errorf("Binary = %+v\nwant %+v", s, want)
	}
	one, err := Binary([]int{0, 0}, []float64{0.2, 0.6})
	if err != nil || !math.IsNaN(one.ROCAUC) || one.Accuracy != 0.5 {
		t.Errorf("one class: %+v, %v; want ROCAUC NaN, Accuracy 0.5", one, err)
	}
}

func TestPositiveLabel(t *testing.T) {
	tests := []struct {
		y, labels []int
		want      int
	}{
		{[]int{0, 1}, nil, 1},
		{[]int{-1, 1}, nil, 1},
		{[]int{0, 0}, nil, 1},
		{[]int{-1}, nil, 1},
		{[]int{1}, nil, 1},
		{[]int{-1, 0}, nil, 0},
		{[]int{4, 2, 4}, nil, 4},
		{[]int{5, 5}, nil, 5},
		{[]int{0, 0}, []int{3, 0}, 3},
	}
	for i, tt := range tests {
		got, err := PositiveLabel(tt.y, tt.labels)
		if err != nil || got != tt.want {
			t.Errorf("PositiveLabel(row %d) = %v, %v; want %v", i, got, err, tt.want)
		}
	}
}

func TestUniqueSorted(t *testing.T) {
	tests := [][]int{
		{3, 1, 2, 1},
		{math.MaxInt, math.MinInt, 0, math.MaxInt},
		{1000, -1000, 7, 1000},
		{5},
	}
	for i, y := range tests {
		want := slices.Compact(slices.Sorted(slices.Values(y)))
		if got := uniqueSorted(nil, y); !slices.Equal(got, want) {
			t.Errorf("uniqueSorted(row %d) = %v, want %v", i, got, want)
		}
	}
}

func TestStrings(t *testing.T) {
	tests := []struct{ got, want string }{
		{Mean.String(), "mean"}, {Sum.String(), "sum"}, {Reduction(7).String(), "Reduction(7)"},
		{ClipAuto.String(), "auto"}, {ClipLegacy.String(), "legacy"}, {ClipEps.String(), "eps"},
		{ClampLog.String(), "clamp-log"}, {Clipping(9).String(), "Clipping(9)"},
		{Renormalize.String(), "renormalize"}, {NoRenormalize.String(), "none"},
		{Renormalization(4).String(), "Renormalization(4)"},
		{Uniform.String(), "uniform"}, {Quantile.String(), "quantile"}, {Strategy(3).String(), "Strategy(3)"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("String() = %q, want %q", tt.got, tt.want)
		}
	}
}

func TestAllocs(t *testing.T) {
	y, p := yB, sB
	var cv Curve
	buf := make([]float64, 3)
	m, _ := Confusion{}.Eval(nil, yMC, yMC)
	tests := []struct {
		name string
		f    func()
	}{
		{"LogLoss binary", func() { _, _ = LogLoss{}.Eval(y, p, 1) }},
		{"LogLoss multiclass", func() { _, _ = LogLoss{SampleWeight: wMC}.Eval(yMC, pMC, 3) }},
		{"Brier", func() { _, _ = Brier{}.Eval(y, p, 1) }},
		{"Accuracy", func() { _, _ = Accuracy{}.Eval(y, y) }},
		{"CalibrationCurve with dst", func() { _, _ = CalibrationCurve{Strategy: Quantile}.Eval(&cv, y, p) }},
		{"PrecisionRecallF1 with buffers", func() { m.PrecisionRecallF1(buf[:0], buf[:0], buf[:0]) }},
	}
	for _, tt := range tests {
		tt.f()
		if a := testing.AllocsPerRun(20, tt.f); a != 0 {
			t.Errorf("%s: %v allocations, want 0", tt.name, a)
		}
	}
}
