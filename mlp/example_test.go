package mlp_test

import (
	"context"
	"fmt"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/mlp"
)

// A network with one hidden layer learns XOR, which no linear model can.
func ExampleClassifier_Fit() {
	x, _ := data.NewDense(4, 2, []float64{
		0, 0,
		0, 1,
		1, 0,
		1, 1,
	})
	train := &data.Dataset{X: x, Y: []int{0, 1, 1, 0}}

	cfg := mlp.NewClassifier()
	cfg.HiddenSizes = []int{8}
	cfg.Activation = mlp.Tanh
	cfg.Solver = mlp.LBFGS
	cfg.Alpha = 0
	cfg.Tol = 1e-10
	m, err := cfg.Fit(context.Background(), train, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	pred, _ := m.Predict(nil, x)
	proba, _ := m.PredictProba(nil, x)
	fmt.Println("layers:", m.Sizes, m.Activation, m.Output)
	fmt.Println("predicted:", pred)
	fmt.Printf("P(class 1 | 0, 1) ≈ %.2f\n", proba[1*2+1])
	// Output:
	// layers: [2 8 1] tanh logistic
	// predicted: [0 1 1 0]
	// P(class 1 | 0, 1) ≈ 1.00
}

// Bad input is an error naming the offending index.
func ExampleClassifier_Fit_errors() {
	x, _ := data.NewDense(3, 1, []float64{0, 1, 2})
	_, err := mlp.NewClassifier().Fit(context.Background(), &data.Dataset{X: x, Y: []int{0, 1, 5}, Classes: []string{"no", "yes"}}, nil)
	fmt.Println(err)
	// Output:
	// mlp: train: y[2] = 5: class index out of range [0, 2)
}
