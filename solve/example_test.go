package solve_test

import (
	"context"
	"fmt"

	"github.com/xent-ml/xent/solve"
)

// bowl is f(x) = (x₀ − 1)² + 10·(x₁ + 2)², minimized at (1, −2).
type bowl struct{}

func (bowl) Dim() int { return 2 }

func (bowl) ValueGrad(grad, x []float64) float64 {
	a, b := x[0]-1, x[1]+2
	if grad != nil {
		grad[0] = 2 * a
		grad[1] = 20 * b
	}
	return a*a + 10*b*b
}

func ExampleLBFGS() {
	res, err := solve.LBFGS{Settings: solve.Settings{Tol: 1e-8}}.Minimize(context.Background(), bowl{}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x = (%.6f, %.6f), f = %.6f\n", res.X[0], res.X[1], res.F)
	fmt.Println("status:", res.Status)
	// Output:
	// x = (1.000000, -2.000000), f = 0.000000
	// status: converged
}

func ExampleOWLQN() {
	// f(x) + 3·|x₀| + |x₁|: at x₀ = 0 the slope of f, −2, is within the
	// penalty's ±3, so x₀ is exactly zero; x₁ moves from −2 to −1.95.
	l1 := []float64{3, 1}
	res, err := solve.OWLQN{Settings: solve.Settings{Tol: 1e-8, L1: l1}}.Minimize(context.Background(), bowl{}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x = (%.6f, %.6f), %v\n", res.X[0], res.X[1], res.Status)
	fmt.Println("x₀ == 0:", res.X[0] == 0)
	// Output:
	// x = (0.000000, -1.950000), converged
	// x₀ == 0: true
}

func ExampleSettings_callback() {
	s := solve.GradientDescent{Settings: solve.Settings{
		MaxIter: 3,
		Callback: func(it solve.Iteration) bool {
			fmt.Printf("iteration %d: f = %.4f\n", it.Iter, it.F)
			return false
		},
	}}
	res, _ := s.Minimize(context.Background(), bowl{}, nil)
	fmt.Println(res.Status, res.Converged)
	// Output:
	// iteration 0: f = 41.0000
	// iteration 1: f = 3.2656
	// iteration 2: f = 0.7424
	// iteration 3: f = 0.6813
	// maximum number of iterations reached false
}
