package linear_test

import (
	"context"
	"fmt"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/linear"
)

// The values match scikit-learn 1.2.1's LogisticRegression(C=10) on the
// same data (w = 2.08198, b = -4.68446).
func ExampleLogistic_Fit() {
	// Hours studied and whether the exam was passed.
	x, _ := data.NewDense(8, 1, []float64{0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4})
	y := []int{0, 0, 0, 1, 0, 1, 1, 1}
	m, err := linear.Logistic{C: 10}.Fit(context.Background(), x, y, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%v, %s: w = %.3f, b = %.3f\n", m.Kind, m.Result.Status, m.Coef[0], m.Intercept[0])
	test, _ := data.NewDense(2, 1, []float64{1, 3.5})
	proba, _ := m.PredictProba(nil, test) // rows [P(y=0), P(y=1)]
	fmt.Printf("P(pass | 1 h) = %.3f, P(pass | 3.5 h) = %.3f\n", proba[1], proba[3])
	// Output:
	// binary, converged: w = 2.082, b = -4.684
	// P(pass | 1 h) = 0.069, P(pass | 3.5 h) = 0.931
}

// The probabilities match scikit-learn 1.2.1's LogisticRegression() (its
// default multinomial model for three classes) on the same data.
func ExampleSoftmax_Fit() {
	// Three classes along one feature.
	x, _ := data.NewDense(9, 1, []float64{-3, -2.5, -2, -0.5, 0, 0.5, 2, 2.5, 3})
	y := []int{0, 0, 0, 1, 1, 1, 2, 2, 2}
	m, err := linear.Softmax{}.Fit(context.Background(), x, y, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	test, _ := data.NewDense(3, 1, []float64{-3, 0, 3})
	proba, _ := m.PredictProba(nil, test)
	for i := 0; i < 3; i++ {
		fmt.Printf("x = %2.0f: %.2f\n", test.At(i, 0), proba[i*3:(i+1)*3])
	}
	// Output:
	// x = -3: [0.90 0.10 0.00]
	// x =  0: [0.17 0.67 0.17]
	// x =  3: [0.00 0.10 0.90]
}
