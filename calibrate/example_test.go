package calibrate_test

import (
	"fmt"

	"github.com/xent-ml/xent/calibrate"
)

func ExampleTemperature() {
	// Held-out probabilities of a three-class model that is too confident:
	// it gives its top class 0.96 but is right only half of the time.
	probs := []float64{
		0.96, 0.02, 0.02,
		0.02, 0.96, 0.02,
		0.02, 0.02, 0.96,
		0.96, 0.02, 0.02,
		0.02, 0.96, 0.02,
		0.02, 0.02, 0.96,
	}
	y := []int{0, 1, 2, 1, 2, 0}
	var t calibrate.Temperature
	if err := t.Fit(probs, 3, y, nil); err != nil {
		fmt.Println(err)
		return
	}
	out, _ := t.Apply(nil, probs[:3], 3)
	fmt.Printf("T = %.3f\n", t.T)
	fmt.Printf("%.3f\n", out)
	// Output:
	// T = 5.585
	// [0.500 0.250 0.250]
}

func ExamplePlatt() {
	// Binary probabilities [1-p, p] and the true classes.
	probs := []float64{0.9, 0.1, 0.7, 0.3, 0.4, 0.6, 0.2, 0.8, 0.6, 0.4, 0.3, 0.7}
	y := []int{0, 1, 1, 1, 0, 0}
	var pl calibrate.Platt
	if err := pl.Fit(probs, 2, y, nil); err != nil {
		fmt.Println(err)
		return
	}
	out, _ := pl.Apply(nil, []float64{0.5, 0.5}, 2)
	fmt.Printf("a = %.3f, b = %.3f, p(0.5) = %.3f\n", pl.A[0], pl.B[0], out[1])
	// Output:
	// a = 0.400, b = 0.050, p(0.5) = 0.513
}

func ExampleIsotonic() {
	probs := []float64{0.9, 0.1, 0.8, 0.2, 0.6, 0.4, 0.4, 0.6, 0.3, 0.7, 0.1, 0.9}
	y := []int{0, 1, 0, 1, 1, 1}
	var iso calibrate.Isotonic
	if err := iso.Fit(probs, 2, y, nil); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(iso.Curves[0].X, iso.Curves[0].Y)
	out, _ := iso.Apply(nil, []float64{0.85, 0.15}, 2)
	fmt.Printf("%.2f\n", out)
	// Output:
	// [0.1 0.2 0.4 0.6 0.9] [0 0.5 0.5 1 1]
	// [0.75 0.25]
}
