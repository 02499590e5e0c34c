package metrics_test

import (
	"fmt"

	"github.com/xent-ml/xent/metrics"
)

func ExampleLogLoss() {
	// Binary: the probability of label 1 per sample.
	y := []int{0, 1, 1, 0}
	p := []float64{0.1, 0.9, 0.8, 0.35}
	loss, err := metrics.LogLoss{}.Eval(y, p, 1)
	if err != nil {
		panic(err)
	}
	fmt.Printf("binary: %.4f\n", loss)

	// Three classes, one row per sample; the classes 2, 5 and 9 own
	// columns 0, 1 and 2 because they sort in that order.
	y3 := []int{9, 2, 5}
	p3 := []float64{
		0.1, 0.2, 0.7,
		0.8, 0.1, 0.1,
		0.3, 0.4, 0.3,
	}
	loss, err = metrics.LogLoss{Labels: []int{2, 5, 9}}.Eval(y3, p3, 3)
	if err != nil {
		panic(err)
	}
	fmt.Printf("multiclass: %.4f\n", loss)

	// An exact 0 for the true class is clipped at machine epsilon; Labels
	// names the class that y lacks.
	loss, err = metrics.LogLoss{Labels: []int{0, 1}}.Eval([]int{1}, []float64{0}, 1)
	if err != nil {
		panic(err)
	}
	fmt.Printf("clipped: %.4f\n", loss)
	// The same values come from scikit-learn 1.2.1's log_loss.
	// Output:
	// binary: 0.2162
	// multiclass: 0.4987
	// clipped: 36.0437
}

func ExampleROCAUC() {
	y := []int{0, 0, 1, 1, 0, 1}
	score := []float64{0.1, 0.4, 0.35, 0.8, 0.35, 0.9}
	auc, err := metrics.ROCAUC{}.Eval(y, score, 1)
	if err != nil {
		panic(err)
	}
	fmt.Printf("AUC: %.4f\n", auc)

	fpr, tpr, thr, err := metrics.ROCAUC{}.Curve(nil, nil, nil, y, score)
	if err != nil {
		panic(err)
	}
	for i := range fpr {
		fmt.Printf("threshold %.2f: fpr %.3f tpr %.3f\n", thr[i], fpr[i], tpr[i])
	}
	// As scikit-learn 1.2.1's roc_auc_score and roc_curve:
	// Output:
	// AUC: 0.8333
	// threshold 1.90: fpr 0.000 tpr 0.000
	// threshold 0.90: fpr 0.000 tpr 0.333
	// threshold 0.80: fpr 0.000 tpr 0.667
	// threshold 0.40: fpr 0.333 tpr 0.667
	// threshold 0.35: fpr 0.667 tpr 1.000
	// threshold 0.10: fpr 1.000 tpr 1.000
}

func ExampleCalibrationCurve() {
	y := []int{0, 0, 1, 1, 1, 0, 1, 1}
	p := []float64{0.05, 0.15, 0.25, 0.55, 0.65, 0.75, 0.85, 0.95}
	cv, err := metrics.CalibrationCurve{NBins: 5}.Eval(nil, y, p)
	if err != nil {
		panic(err)
	}
	for j, b := range cv.Bins {
		fmt.Printf("bin (%.1f, %.1f]: n=%d predicted %.3f observed %.3f\n",
			cv.Edges[b], cv.Edges[b+1], cv.Counts[b], cv.ProbPred[j], cv.ProbTrue[j])
	}
	fmt.Printf("ECE %.4f MCE %.4f\n", cv.ECE(), cv.MCE())
	// Output:
	// bin (0.0, 0.2]: n=2 predicted 0.100 observed 0.000
	// bin (0.2, 0.4]: n=1 predicted 0.250 observed 1.000
	// bin (0.4, 0.6]: n=1 predicted 0.550 observed 1.000
	// bin (0.6, 0.8]: n=2 predicted 0.700 observed 0.500
	// bin (0.8, 1.0]: n=2 predicted 0.900 observed 1.000
	// ECE 0.2500 MCE 0.7500
}

func ExampleBinary() {
	y := []int{0, 0, 1, 1, 1, 0}
	p := []float64{0.2, 0.6, 0.7, 0.9, 0.4, 0.1}
	s, err := metrics.Binary(y, p)
	if err != nil {
		panic(err)
	}
	fmt.Printf("log loss %.4f, Brier %.4f, accuracy %.3f, AUC %.4f, ECE %.4f\n",
		s.LogLoss, s.Brier, s.Accuracy, s.ROCAUC, s.ECE)
	// Output:
	// log loss 0.4372, Brier 0.1450, accuracy 0.667, AUC 0.8889, ECE 0.3167
}

func ExampleConfusionMatrix_PrecisionRecallF1() {
	yTrue := []int{0, 1, 2, 2, 1, 0}
	yPred := []int{0, 2, 2, 2, 1, 1}
	m, err := metrics.Confusion{}.Eval(nil, yTrue, yPred)
	if err != nil {
		panic(err)
	}
	fmt.Println(m.Counts)
	p, r, f1 := m.PrecisionRecallF1(nil, nil, nil)
	for c, label := range m.Labels {
		fmt.Printf("class %d: precision %.3f recall %.3f F1 %.3f\n", label, p[c], r[c], f1[c])
	}
	// Output:
	// [1 1 0 0 1 1 0 0 2]
	// class 0: precision 1.000 recall 0.500 F1 0.667
	// class 1: precision 0.500 recall 0.500 F1 0.500
	// class 2: precision 0.667 recall 1.000 F1 0.800
}
