package tune_test

import (
	"context"
	"fmt"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/linear"
	"github.com/xent-ml/xent/tune"
)

// The figures match scikit-learn 1.2.1's LogisticRegressionCV(Cs=[0.01, 0.1,
// 1, 10], cv=StratifiedKFold(4), scoring="neg_log_loss") on the same data
// (mean fold log losses 0.67999, 0.60789, 0.57251, 0.75334; C_ = 1;
// coef_ = 1.18347).
func ExampleCV_Run() {
	// One noisy feature: too strong a penalty underfits, too weak a penalty
	// overfits the small folds.
	xs := []float64{-2, -1.5, -1.2, -1, -0.8, -0.5, -0.3, -0.1, 0.1, 0.2, 0.4, 0.6, 0.9, 1.1, 1.4, 2}
	y := []int{0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 1}
	x, _ := data.NewDense(len(xs), 1, xs)
	res, err := tune.CV{Cs: []float64{0.01, 0.1, 1, 10}, Folds: 4, Refit: true}.Run(context.Background(), linear.Logistic{}, x, y, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, pt := range res.Path {
		fmt.Printf("C = %-5g log loss %.3f ± %.3f\n", pt.C, pt.MeanLogLoss, pt.StdLogLoss)
	}
	fmt.Printf("best C = %g, refit w = %.3f\n", res.BestC, res.Model.Coef[0])
	// Output:
	// C = 0.01  log loss 0.680 ± 0.000
	// C = 0.1   log loss 0.608 ± 0.010
	// C = 1     log loss 0.573 ± 0.134
	// C = 10    log loss 0.753 ± 0.387
	// best C = 1, refit w = 1.183
}
