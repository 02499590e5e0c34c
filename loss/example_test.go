package loss_test

import (
	"errors"
	"fmt"

	"github.com/xent-ml/xent/loss"
)

func ExampleCrossEntropy_Eval() {
	logits := []float64{
		2.0, 0.5, -1.0, // row 0
		0.1, 0.2, 3.0, // row 1
	}
	target := []int{0, 2}
	grad := make([]float64, len(logits))
	v, err := loss.CrossEntropy{}.Eval(nil, grad, logits, target, nil, []int{2, 3})
	if err != nil {
		panic(err)
	}
	fmt.Printf("mean loss %.4f\n", v)
	fmt.Printf("grad %.4f\n", grad)
	// Output:
	// mean loss 0.1755
	// grad [-0.1072 0.0876 0.0196 0.0247 0.0272 -0.0519]
}

func ExampleCrossEntropy_Eval_perSample() {
	// Reduction None with a cotangent: per-sample weights, as a linear model
	// with sample weights uses it. The value is Σ w_i·l_i.
	logits := []float64{1, 0, 0, 1, 1, 0}
	target := []int{0, 0, 1}
	sampleWeight := []float64{1, 0.5, 2}
	losses := make([]float64, 3)
	ce := loss.CrossEntropy{Reduction: loss.None, IgnoreIndex: new(-1)}
	v, _ := ce.Eval(losses, nil, logits, target, sampleWeight, []int{3, 2})
	fmt.Printf("losses %.4f, weighted sum %.4f\n", losses, v)
	// Output: losses [0.3133 1.3133 1.3133], weighted sum 3.5964
}

func ExampleCrossEntropy_EvalProbs() {
	logits := []float64{0, 0, 0, 0}
	soft := []float64{0.25, 0.25, 0.5, 0}
	v, _ := loss.CrossEntropy{LabelSmoothing: 0.1}.EvalProbs(nil, nil, logits, soft, nil, []int{4})
	fmt.Printf("%.4f = log 4\n", v)
	// Output: 1.3863 = log 4
}

func ExampleCrossEntropy_Eval_error() {
	logits := make([]float64, 20*10)
	target := make([]int, 20)
	target[17] = 12
	_, err := loss.CrossEntropy{}.Eval(nil, nil, logits, target, nil, []int{20, 10})
	fmt.Println(err)
	var e *loss.Error
	fmt.Println(errors.Is(err, loss.ErrRange), errors.As(err, &e) && e.Index == 17)
	// Output:
	// loss: target[17] = 12: class index out of range [0, 10)
	// true true
}

func ExampleNLL_Eval() {
	logp := []float64{-0.1, -2.4, -3.0, -0.05}
	v, _ := loss.NLL{Reduction: loss.Sum}.Eval(nil, nil, logp, []int{0, 1}, nil, []int{2, 2})
	fmt.Printf("%.2f\n", v)
	// Output: 0.15
}

func ExampleBinaryCrossEntropy_Eval() {
	prob := []float64{0.9, 0.2, 0, 1}
	target := []float64{1, 0, 1, 1}
	losses := make([]float64, 4)
	for _, clip := range []loss.Clip{loss.ClipPyTorch, loss.ClipSklearnAuto} {
		l := loss.BinaryCrossEntropy{Reduction: loss.None, Clip: clip}
		l.Eval(losses, nil, prob, target, nil, []int{4})
		fmt.Printf("%-16v %.4f\n", clip, losses)
	}
	// Output:
	// pytorch          [0.1054 0.2231 100.0000 0.0000]
	// sklearn-eps=auto [0.1054 0.2231 36.0437 0.0000]
}

func ExampleBinaryCrossEntropyWithLogits_Eval() {
	logits := []float64{1e4, -1e4, 0, 2}
	target := []float64{1, 1, 0.5, 0}
	grad := make([]float64, 4)
	l := loss.BinaryCrossEntropyWithLogits{Reduction: loss.Sum, PosWeight: []float64{1, 1, 1, 3}}
	v, _ := l.Eval(nil, grad, logits, target, nil, []int{4})
	fmt.Printf("%.4f %.4f\n", v, grad)
	// Output: 10002.8201 [0.0000 -1.0000 0.0000 0.8808]
}

func ExampleKLDiv_Eval() {
	logq := []float64{-0.6931471805599453, -0.6931471805599453} // log(1/2)
	p := []float64{0.9, 0.1}
	v, _ := loss.KLDiv{Reduction: loss.BatchMean}.Eval(nil, nil, logq, p, nil, []int{1, 2})
	fmt.Printf("KL(p‖q) = %.4f\n", v)
	// Output: KL(p‖q) = 0.3681
}

func ExampleEntropy_Eval() {
	p := []float64{0.5, 0.5, 1, 0}
	h := make([]float64, 2)
	loss.Entropy{Reduction: loss.None}.Eval(h, nil, p, nil, []int{2, 2})
	fmt.Printf("%.4f\n", h)
	// Output: [0.6931 0.0000]
}
